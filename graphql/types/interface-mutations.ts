// Mutations of Interface (koppeling): create, update and delete at the revision the caller read.

import { z } from 'zod';
import { requireEditor } from '#core/access.ts';
import type { Tx } from '#core/audit.ts';
import { mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { gemmaId, revision, text } from '#core/input.ts';
import { closeInterfaceProposals, settleInterface, interfaceSnapshot as snapshot } from '#core/proposals.ts';
import {
  auditChange,
  byEditors,
  deleteAtRevision,
  globalIdOf,
  loadAtRevision,
  updateAtRevision,
  writerOf,
} from '#core/revisioned-write.ts';
import type {
  InterfaceDirection as Direction,
  InterfaceStatus as Status,
  InterfaceType as Type,
} from '#prisma/generated/sqlite/client/enums.ts';
import { builder, type InputFields, selection } from '../builder.ts';
import { InterfaceDirection, InterfaceStatus, InterfaceType } from './enums.ts';
import { Interface } from './interface.ts';
import { Usage } from './usage.ts';

/** The fields of a koppeling, shared by create and update; `required` on create. */
function interfaceFields(t: InputFields, required: boolean) {
  return {
    to: t.globalID({ for: Usage, description: 'Global id of the usage at the other end.' }),
    externalService: t.string({
      description: 'GEMMA id of the national facility at the other end.',
      validate: gemmaId,
    }),
    via: t.globalID({ for: Usage, description: 'Global id of the usage the koppeling runs through.' }),
    type: t.field({ type: InterfaceType, required }),
    direction: t.field({ type: InterfaceDirection, required }),
    status: t.field({ type: InterfaceStatus, required }),
    copiesData: t.boolean(),
    standards: t.stringList({ description: 'GEMMA ids of standards.', validate: z.array(gemmaId).max(20) }),
    description: t.string({ validate: text(1000) }),
  };
}

const CreateInterfaceInput = builder.inputType('CreateInterfaceInput', {
  fields: (t) => ({
    from: t.globalID({ required: true, for: Usage, description: 'Global id of the usage the koppeling starts from.' }),
    key: t.string({ validate: text(100) }),
    ...interfaceFields(t, true),
  }),
});
const UpdateInterfaceInput = builder.inputType('UpdateInterfaceInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: Interface }),
    revision: t.int({ required: true, validate: revision }),
    ...interfaceFields(t, false),
  }),
});

/** A koppeling's fields as the inputs carry them: usages by decoded id; left out keeps, null clears. */
interface Fields {
  to?: { id: string } | null;
  externalService?: string | null;
  via?: { id: string } | null;
  type?: Type | null;
  direction?: Direction | null;
  status?: Status | null;
  copiesData?: boolean | null;
  standards?: string[] | null;
  description?: string | null;
}

/** Checks every reference and the rule that a koppeling never points at itself. */
async function resolve(
  tx: Tx,
  fromId: string,
  input: Fields,
  current?: { toUsageId: string | null; externalServiceId: string | null },
) {
  const problems: { path: string[]; message: string }[] = [];
  const data: Record<string, unknown> = {};
  for (const [field, column] of [
    ['to', 'toUsageId'],
    ['via', 'intermediaryId'],
  ] as const) {
    const value = input[field];
    if (value === undefined) continue;
    if (value === null) {
      data[column] = null;
      continue;
    }
    const exists = await tx.usage.findUnique({ where: { id: value.id }, select: { id: true } });
    if (!exists) problems.push({ path: ['input', field], message: 'Dit gebruik bestaat niet.' });
    else if (exists.id === fromId)
      problems.push({ path: ['input', field], message: 'Een koppeling mag niet naar zichzelf wijzen.' });
    else data[column] = exists.id;
  }
  if (input.externalService !== undefined) {
    if (!input.externalService) data.externalServiceId = null;
    else {
      const service = await tx.externalService.findUnique({
        where: { id: input.externalService.toLowerCase() },
        select: { id: true },
      });
      if (!service) problems.push({ path: ['input', 'externalService'], message: 'Deze voorziening bestaat niet.' });
      else data.externalServiceId = service.id;
    }
  }
  const to = data.toUsageId !== undefined ? data.toUsageId : (current?.toUsageId ?? null);
  const external = data.externalServiceId !== undefined ? data.externalServiceId : (current?.externalServiceId ?? null);
  if (!problems.length && (to === null) === (external === null))
    problems.push({
      path: ['input', 'to'],
      message: 'Kies precies één andere kant: een gebruik of een landelijke voorziening.',
    });
  let standards: string[] | undefined;
  if (input.standards) {
    standards = [...new Set(input.standards.map((s) => s.toLowerCase()))];
    const known = new Set(
      (await tx.standard.findMany({ where: { id: { in: standards } }, select: { id: true } })).map((s) => s.id),
    );
    standards.forEach((s, i) => {
      if (!known.has(s))
        problems.push({ path: ['input', 'standards', String(i)], message: `Standaard ${s} bestaat niet.` });
    });
  }
  if (problems.length) throw new ValidationError(problems);
  for (const key of ['type', 'direction', 'status', 'description'] as const)
    if (input[key] !== undefined) data[key] = input[key];
  if (input.copiesData !== undefined) data.copiesData = input.copiesData ?? false;
  return { data, standards };
}

async function writeStandards(tx: Tx, interfaceId: string, standards: string[] | undefined) {
  if (!standards) return;
  await tx.interfaceStandard.deleteMany({ where: { interfaceId } });
  await tx.interfaceStandard.createMany({ data: standards.map((standardId) => ({ interfaceId, standardId })) });
}

builder.mutationField('createInterface', (t) =>
  t.prismaField({
    type: Interface,
    errors: mutationErrors('CreateInterface'),
    args: { input: t.arg({ type: CreateInterfaceInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const from = await tx.usage.findUnique({
          where: { id: input.from.id },
          select: { id: true, organisationId: true, key: true },
        });
        if (!from) throw new NotFoundError('Gebruik', globalIdOf({ type: 'Usage', id: input.from.id }));
        const viewer = requireEditor(ctx, from.organisationId);
        const { data, standards } = await resolve(tx, from.id, input);
        const key = input.key ?? `${from.key}--${Date.now().toString(36)}`;
        const { id } = await tx.interface.create({
          data: {
            ...(data as { type: Type; direction: Direction; status: Status }),
            key,
            organisationId: from.organisationId,
            fromUsageId: from.id,
          },
          select: { id: true },
        });
        await writeStandards(tx, id, standards);
        // An end in another organisation is a proposal to it: until it accepts, the koppeling is this landscape's only.
        await settleInterface(tx, viewer, ctx.source, id, null);
        await auditChange(
          tx,
          writerOf(ctx, from.organisationId),
          { type: 'Interface', id },
          'CREATE',
          null,
          await snapshot(tx, id),
        );
        return tx.interface.findUniqueOrThrow({ ...selection(query), where: { id } });
      }),
  }),
);

builder.mutationField('updateInterface', (t) =>
  t.prismaField({
    type: Interface,
    errors: mutationErrors('UpdateInterface'),
    args: { input: t.arg({ type: UpdateInterfaceInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const row = { type: 'Interface', id: input.id.id } as const;
        const { id } = row;
        const before = await loadAtRevision(tx, row, input.revision, (id: string) => snapshot(tx, id), byEditors(ctx));
        const { data, standards } = await resolve(tx, before.fromUsageId, input, before);
        await updateAtRevision(tx, row, input.revision, data);
        await writeStandards(tx, id, standards);
        // Any change to the koppeling itself; its ends (to, via) are judged by settleInterface.
        const contentChanged =
          Object.entries(data).some(
            ([field, value]) =>
              field !== 'toUsageId' &&
              field !== 'intermediaryId' &&
              (before as Record<string, unknown>)[field] !== value,
          ) ||
          (standards !== undefined && [...standards].sort().join(',') !== before.standards.join(','));
        if (ctx.viewer) await settleInterface(tx, ctx.viewer, ctx.source, id, before, contentChanged);
        await auditChange(tx, writerOf(ctx, before.organisationId), row, 'UPDATE', before, await snapshot(tx, id));
        return tx.interface.findUniqueOrThrow({ ...selection(query), where: { id } });
      }),
  }),
);

builder.mutationField('deleteInterface', (t) =>
  t.id({
    description: 'Deletes a koppeling; returns its id. The audit trail keeps what it was.',
    errors: mutationErrors('DeleteInterface'),
    args: {
      id: t.arg.globalID({ required: true, for: Interface }),
      revision: t.arg.int({ required: true, validate: revision }),
    },
    resolve: (_root, args, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const row = { type: 'Interface', id: args.id.id } as const;
        const before = await loadAtRevision(tx, row, args.revision, (id: string) => snapshot(tx, id), byEditors(ctx));
        if (ctx.viewer) await closeInterfaceProposals(tx, ctx.viewer, ctx.source, row.id);
        await deleteAtRevision(tx, row, args.revision);
        await auditChange(tx, writerOf(ctx, before.organisationId), row, 'DELETE', before, null);
        return globalIdOf(row);
      }),
  }),
);
