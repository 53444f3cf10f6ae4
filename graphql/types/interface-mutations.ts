// Mutations of Interface (koppeling): create, update with optimistic concurrency, delete.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { requireEditor } from '#core/access.ts';
import { recordAudit, type Tx } from '#core/audit.ts';
import type { Context } from '#core/context.ts';
import { ConflictError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { gemmaId, parseInput, revision, text } from '#core/input.ts';
import { closeInterfaceProposals, settleInterface } from '#core/proposals.ts';
import { builder, selection } from '../builder.ts';
import { InterfaceDirection, InterfaceStatus, InterfaceType } from './enums.ts';
import { Interface } from './interface.ts';

const options = (name: string) => mutationErrors(name);

const fieldsSchema = z.object({
  to: z.string().max(200).nullish(),
  externalService: gemmaId.nullish(),
  via: z.string().max(200).nullish(),
  type: z.enum(['API', 'WEBSERVICE', 'FILE_TRANSFER', 'DIGIKOPPELING', 'MESSAGE_QUEUE', 'PORTAL_UPLOAD']),
  direction: z.enum(['A_TO_B', 'B_TO_A', 'BOTH']),
  status: z.enum(['IN_DEVELOPMENT', 'IN_USE', 'END_OF_SUPPORT', 'WITHDRAWN']),
  copiesData: z.boolean().nullish(),
  standards: z.array(gemmaId).max(20).nullish(),
  description: text(1000).nullish(),
});
const createSchema = fieldsSchema.extend({ from: z.string().min(1).max(200), key: text(100).nullish() });
const updateSchema = fieldsSchema.partial().extend({ id: z.string().min(1).max(200), revision });

const interfaceFields = {
  to: { description: 'Global id of the usage at the other end.' },
  externalService: { description: 'GEMMA id of the national facility at the other end.' },
  via: { description: 'Global id of the usage the koppeling runs through.' },
};

const CreateInterfaceInput = builder.inputType('CreateInterfaceInput', {
  fields: (t) => ({
    from: t.id({ required: true, description: 'Global id of the usage the koppeling starts from.' }),
    key: t.string(),
    to: t.id(interfaceFields.to),
    externalService: t.string(interfaceFields.externalService),
    via: t.id(interfaceFields.via),
    type: t.field({ type: InterfaceType, required: true }),
    direction: t.field({ type: InterfaceDirection, required: true }),
    status: t.field({ type: InterfaceStatus, required: true }),
    copiesData: t.boolean(),
    standards: t.stringList({ description: 'GEMMA ids of standards.' }),
    description: t.string(),
  }),
});
const UpdateInterfaceInput = builder.inputType('UpdateInterfaceInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    revision: t.int({ required: true }),
    to: t.id(interfaceFields.to),
    externalService: t.string(interfaceFields.externalService),
    via: t.id(interfaceFields.via),
    type: t.field({ type: InterfaceType }),
    direction: t.field({ type: InterfaceDirection }),
    status: t.field({ type: InterfaceStatus }),
    copiesData: t.boolean(),
    standards: t.stringList(),
    description: t.string(),
  }),
});

function usageId(globalId: string): string | null {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === 'Usage' ? decoded.id : null;
  } catch {
    return null;
  }
}

async function snapshot(tx: Tx, id: string) {
  const row = await tx.interface.findUnique({ where: { id }, include: { standards: { select: { standardId: true } } } });
  if (!row) return null;
  const { standards, ...rest } = row;
  return { ...rest, standards: standards.map((s) => s.standardId).sort() };
}

/** Checks every reference and the rule that a koppeling never points at itself. */
async function resolve(
  tx: Tx,
  fromId: string,
  input: Partial<z.infer<typeof fieldsSchema>>,
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
    if (value === null || value === '') {
      data[column] = null;
      continue;
    }
    const id = usageId(value);
    const exists = id ? await tx.usage.findUnique({ where: { id }, select: { id: true } }) : null;
    if (!exists) problems.push({ path: ['input', field], message: 'Dit gebruik bestaat niet.' });
    else if (exists.id === fromId) problems.push({ path: ['input', field], message: 'Een koppeling mag niet naar zichzelf wijzen.' });
    else data[column] = exists.id;
  }
  if (input.externalService !== undefined) {
    if (!input.externalService) data.externalServiceId = null;
    else {
      const service = await tx.externalService.findUnique({ where: { id: input.externalService.toLowerCase() }, select: { id: true } });
      if (!service) problems.push({ path: ['input', 'externalService'], message: 'Deze voorziening bestaat niet.' });
      else data.externalServiceId = service.id;
    }
  }
  const to = data.toUsageId !== undefined ? data.toUsageId : (current?.toUsageId ?? null);
  const external = data.externalServiceId !== undefined ? data.externalServiceId : (current?.externalServiceId ?? null);
  if (!problems.length && (to === null) === (external === null))
    problems.push({ path: ['input', 'to'], message: 'Kies precies één andere kant: een gebruik of een landelijke voorziening.' });
  let standards: string[] | undefined;
  if (input.standards) {
    standards = [...new Set(input.standards.map((s) => s.toLowerCase()))];
    const known = new Set((await tx.standard.findMany({ where: { id: { in: standards } }, select: { id: true } })).map((s) => s.id));
    standards.forEach((s, i) => {
      if (!known.has(s)) problems.push({ path: ['input', 'standards', String(i)], message: `Standaard ${s} bestaat niet.` });
    });
  }
  if (problems.length) throw new ValidationError(problems);
  for (const key of ['type', 'direction', 'status', 'description'] as const) if (input[key] !== undefined) data[key] = input[key];
  if (input.copiesData !== undefined) data.copiesData = input.copiesData ?? false;
  return { data, standards };
}

async function writeStandards(tx: Tx, interfaceId: string, standards: string[] | undefined) {
  if (!standards) return;
  await tx.interfaceStandard.deleteMany({ where: { interfaceId } });
  await tx.interfaceStandard.createMany({ data: standards.map((standardId) => ({ interfaceId, standardId })) });
}

async function loadForChange(tx: Tx, ctx: Context, globalId: string, expected: number) {
  let id: string | null = null;
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename === 'Interface') id = decoded.id;
  } catch {
    id = null;
  }
  const before = id ? await snapshot(tx, id) : null;
  if (!id || !before) throw new NotFoundError('Koppeling', globalId);
  requireEditor(ctx, before.organisationId);
  if (before.revision !== expected)
    throw new ConflictError(
      `Deze koppeling is intussen gewijzigd (revisie ${expected} → ${before.revision}). Er is niets overschreven; laad opnieuw.`,
      before.revision,
    );
  return { id, before };
}

builder.mutationField('createInterface', (t) =>
  t.prismaField({
    type: Interface,
    errors: options('CreateInterface'),
    args: { input: t.arg({ type: CreateInterfaceInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(createSchema, {
        ...args.input,
        from: String(args.input.from),
        to: args.input.to ? String(args.input.to) : args.input.to,
        via: args.input.via ? String(args.input.via) : args.input.via,
      });
      return ctx.db.prisma.$transaction(async (tx) => {
        const fromId = usageId(input.from);
        const from = fromId ? await tx.usage.findUnique({ where: { id: fromId }, select: { id: true, organisationId: true, key: true } }) : null;
        if (!from) throw new NotFoundError('Gebruik', input.from);
        const viewer = requireEditor(ctx, from.organisationId);
        const { data, standards } = await resolve(tx, from.id, input);
        const key = input.key ?? `${from.key}--${Date.now().toString(36)}`;
        const created = await tx.interface.create({
          data: { ...(data as { type: 'API'; direction: 'A_TO_B'; status: 'IN_USE' }), key, organisationId: from.organisationId, fromUsageId: from.id },
          select: { id: true },
        });
        await writeStandards(tx, created.id, standards);
        // An end in another organisation is a proposal to it: until it accepts, the koppeling is this landscape's only.
        await settleInterface(tx, viewer, ctx.source, created.id, null);
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: from.organisationId,
          entityType: 'Interface',
          entityId: encodeGlobalID('Interface', created.id),
          action: 'CREATE',
          before: null,
          after: await snapshot(tx, created.id),
          revision: 1,
        });
        return tx.interface.findUniqueOrThrow({ ...selection(query), where: { id: created.id } });
      });
    },
  }),
);

builder.mutationField('updateInterface', (t) =>
  t.prismaField({
    type: Interface,
    errors: options('UpdateInterface'),
    args: { input: t.arg({ type: UpdateInterfaceInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(updateSchema, {
        ...args.input,
        id: String(args.input.id),
        to: args.input.to ? String(args.input.to) : args.input.to,
        via: args.input.via ? String(args.input.via) : args.input.via,
      });
      return ctx.db.prisma.$transaction(async (tx) => {
        const { id, before } = await loadForChange(tx, ctx, input.id, input.revision);
        const { data, standards } = await resolve(tx, before.fromUsageId, input, before);
        const { count } = await tx.interface.updateMany({ where: { id, revision: input.revision }, data: { ...data, revision: { increment: 1 } } });
        if (count === 0) throw new ConflictError('Deze koppeling is intussen gewijzigd. Er is niets overschreven; laad opnieuw.', before.revision + 1);
        await writeStandards(tx, id, standards);
        // Any change to the koppeling itself; its ends (to, via) are judged by settleInterface.
        const contentChanged =
          Object.entries(data).some(
            ([field, value]) => field !== 'toUsageId' && field !== 'intermediaryId' && (before as Record<string, unknown>)[field] !== value,
          ) ||
          (standards !== undefined && [...standards].sort().join(',') !== before.standards.join(','));
        if (ctx.viewer) await settleInterface(tx, ctx.viewer, ctx.source, id, before, contentChanged);
        const after = await snapshot(tx, id);
        await recordAudit(tx, {
          actor: ctx.viewer,
          source: ctx.source,
          organisationId: before.organisationId,
          entityType: 'Interface',
          entityId: input.id,
          action: 'UPDATE',
          before,
          after,
          revision: after?.revision ?? null,
        });
        return tx.interface.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),
);

builder.mutationField('deleteInterface', (t) =>
  t.id({
    description: 'Deletes a koppeling; returns its id. The audit trail keeps what it was.',
    errors: options('DeleteInterface'),
    args: { id: t.arg.id({ required: true }), revision: t.arg.int({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(z.object({ id: z.string().min(1).max(200), revision }), { id: String(args.id), revision: args.revision }, []);
      return ctx.db.prisma.$transaction(async (tx) => {
        const { id, before } = await loadForChange(tx, ctx, input.id, input.revision);
        if (ctx.viewer) await closeInterfaceProposals(tx, ctx.viewer, ctx.source, id);
        const { count } = await tx.interface.deleteMany({ where: { id, revision: input.revision } });
        if (count === 0) throw new ConflictError('Deze koppeling is intussen gewijzigd. Er is niets verwijderd; laad opnieuw.', before.revision + 1);
        await recordAudit(tx, {
          actor: ctx.viewer,
          source: ctx.source,
          organisationId: before.organisationId,
          entityType: 'Interface',
          entityId: input.id,
          action: 'DELETE',
          before,
          after: null,
          revision: null,
        });
        return input.id;
      });
    },
  }),
);
