// Mutations of Usage: create, update at the revision the caller read, move through statuses, retire.
import { z } from 'zod';
import { editorOf } from '#core/access.ts';
import { requireConsentedCharges, usageCharges } from '#core/charges.ts';
import type { Context } from '#core/context.ts';
import { isoDay, todayNl } from '#core/dates.ts';
import { mutationErrors, ValidationError } from '#core/errors.ts';
import { biv, date, euros, fte, gemmaId, requiredText, revision, slug, text } from '#core/input.ts';
import { operatorNeedsConsent, settleOperator } from '#core/proposals.ts';
import { auditChange, byEditors, loadAtRevision, updateAtRevision, writerOf } from '#core/revisioned-write.ts';
import { STATUS_DATE } from '#core/usage-status.ts';
import { productFor, resolveReferences, usageSnapshot, writeChildren } from '#core/usage-write.ts';
import type { UsageStatus as Status } from '#prisma/generated/sqlite/client/enums.ts';
import { webAddress } from '#prisma/web-address.ts';
import { builder, type InputFields, selection } from '../builder.ts';
import {
  AiRiskClass,
  Architecture,
  BeheerRole,
  Criticality,
  DpiaCriterion,
  DpiaStatus,
  PentestState,
  TimeClass,
  UsageStatus,
} from './enums.ts';
import { Usage } from './usage.ts';

/** A status's date column on Usage (core/usage-status.ts). */
const sinceField = (status: Status) => STATUS_DATE[status].column;

const BeheerLoadInput = builder.inputType('BeheerLoadInput', {
  fields: (t) => ({
    role: t.field({ type: BeheerRole, required: true }),
    fte: t.float({ required: true, validate: fte }),
  }),
});

/** The editable fields of a usage, shared by create and update; on update every field is optional. */
function usageFields(t: InputFields) {
  return {
    product: t.string({ description: 'Product slug. On create, give either this or newProduct.', validate: slug }),
    version: t.string({
      description:
        'Version as the organisation runs it; a name the product does not know yet is added to the product’s versions.',
      validate: text(100),
    }),
    referenceComponents: t.stringList({
      description:
        'GEMMA ids of the reference components. Empty takes those of the product; left out keeps them on update (or takes the product’s when the product changes).',
      validate: z.array(gemmaId).max(50, 'Maximaal 50 referentiecomponenten.'),
    }),
    operator: t.string({ description: 'Slug of the organisation that delivers technisch beheer.', validate: slug }),
    contact: t.string({ validate: text(200) }),
    availability: t.int({ validate: biv }),
    integrity: t.int({ validate: biv }),
    confidentiality: t.int({ validate: biv }),
    personalData: t.boolean(),
    dpiaStatus: t.field({ type: DpiaStatus }),
    dpiaDate: t.field({ type: 'Date', validate: date }),
    processorAgreement: t.boolean(),
    criticality: t.field({ type: Criticality }),
    time: t.field({ type: TimeClass }),
    beheerLoad: t.field({ type: [BeheerLoadInput], validate: z.array(z.unknown()).max(7) }),
    contractEndsOn: t.field({ type: 'Date', validate: date }),
    yearlyCost: t.int({ validate: euros }),
    internalNote: t.string({ validate: text(2000) }),
    experience: t.string({
      description: 'Experiences with the product (ervaringen), shared with every signed-in member: not private.',
      validate: text(2000),
    }),
    riskAssessmentDate: t.field({
      type: 'Date',
      description: 'Day of the last risk assessment (BIO2 5.08.01). Private to the own organisation.',
      validate: date,
    }),
    pentestDate: t.field({ type: 'Date', description: 'Day of the last pentest. Private.', validate: date }),
    pentestState: t.field({ type: PentestState, description: 'Outcome of the last pentest. Private.' }),
    dpiaCriteria: t.field({
      type: [DpiaCriterion],
      description: 'The EDPB criteria that apply (two or more: a DPIA is required); empty: none. Private.',
    }),
    algorithmForResidents: t.boolean({
      description: 'Whether the usage holds an algorithm or AI system that affects residents.',
    }),
    aiRiskClass: t.field({ type: AiRiskClass }),
    humanOversight: t.string({ description: 'The human oversight in place.', validate: text(2000) }),
    algorithmRegisterUrl: t.string({
      description: 'Its entry in the national Algoritmeregister: a web address.',
      validate: webAddress,
    }),
  };
}

const NewProductInput = builder.inputType('NewProductInput', {
  description:
    'A product the catalogue lacks, added with the usage. The supplier is a name as written: a known supplier is recognised by name, alias or normalised name, else it is added too.',
  fields: (t) => ({
    name: t.string({ required: true, validate: requiredText(200) }),
    supplier: t.string({
      required: true,
      description: 'Supplier name as written ("Maykin", "Conduction B.V.").',
      validate: requiredText(200),
    }),
    architecture: t.field({ type: Architecture, description: 'Default LEGACY, to classify later.' }),
  }),
});

/** A new usage names its product either by slug or as new, never both. */
const oneProduct = z.any().superRefine((input: { product?: string | null; newProduct?: object | null }, ctx) => {
  if (!input.product === !input.newProduct)
    ctx.addIssue({
      code: 'custom',
      path: ['product'],
      message: input.product ? 'Kies een pakket of voeg een nieuw toe, niet allebei.' : 'Kies een pakket.',
    });
});

const CreateUsageInput = builder.inputType('CreateUsageInput', {
  validate: oneProduct,
  fields: (t) => ({
    organisation: t.string({ required: true, validate: slug }),
    key: t.string({ validate: slug }),
    status: t.field({ type: UsageStatus, required: true }),
    statusSince: t.field({ type: 'Date', required: true, validate: date }),
    ...usageFields(t),
    newProduct: t.field({
      type: NewProductInput,
      description: 'A product not yet in the catalogue, added (with its supplier when new) in the same transaction.',
    }),
  }),
});
const UpdateUsageInput = builder.inputType('UpdateUsageInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: Usage }),
    revision: t.int({ required: true, validate: revision }),
    ...usageFields(t),
  }),
});

builder.mutationField('createUsage', (t) =>
  t.prismaField({
    type: Usage,
    errors: mutationErrors('CreateUsage'),
    args: { input: t.arg({ type: CreateUsageInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const { organisation, viewer } = await editorOf(tx, ctx, input.organisation);
        const by = { actor: viewer, source: ctx.source, organisationId: organisation.id };
        const product = input.newProduct
          ? await productFor(tx, input.newProduct, input.referenceComponents ?? [], by)
          : (input.product ?? '');
        const { data, components } = await resolveReferences(tx, { ...input, product }, by);
        // Another organisation as operator is a proposal to it; until it accepts, the usage has no operator.
        const operatorWanted = (data.operatorId as string | null | undefined) ?? null;
        if (operatorNeedsConsent(organisation.id, null, operatorWanted)) delete data.operatorId;
        const key = input.key ?? `${product}-${Date.now().toString(36)}`;
        if (
          await tx.usage.findUnique({
            where: { organisationId_key: { organisationId: organisation.id, key } },
            select: { id: true },
          })
        ) {
          throw new ValidationError([
            { path: ['input', 'key'], message: `Sleutel "${key}" is al in gebruik in dit landschap.` },
          ]);
        }
        const { id } = await tx.usage.create({
          data: {
            ...(data as object),
            key,
            organisationId: organisation.id,
            productId: data.productId as string,
            status: input.status,
            [sinceField(input.status)]: input.statusSince,
          },
          select: { id: true },
        });
        await writeChildren(tx, id, components, input.beheerLoad);
        const after = await usageSnapshot(tx, id);
        await settleOperator(
          tx,
          viewer,
          ctx.source,
          { id, organisationId: organisation.id, operatorBefore: null },
          operatorWanted,
        );
        await auditChange(tx, by, { type: 'Usage', id }, 'CREATE', null, after);
        return tx.usage.findUniqueOrThrow({ ...selection(query), where: { id } });
      }),
  }),
);

builder.mutationField('updateUsage', (t) =>
  t.prismaField({
    type: Usage,
    errors: mutationErrors('UpdateUsage'),
    args: { input: t.arg({ type: UpdateUsageInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const row = { type: 'Usage', id: input.id.id } as const;
        const { id } = row;
        const before = await loadAtRevision(
          tx,
          row,
          input.revision,
          (id: string) => usageSnapshot(tx, id),
          byEditors(ctx),
        );
        const chargesBefore = await usageCharges(tx, id);
        const by = {
          actor: ctx.viewer ?? { label: 'onbekend' },
          source: ctx.source,
          organisationId: before.organisationId,
        };
        const { data, components } = await resolveReferences(tx, input, by, before.productId);
        // Another organisation as operator is a proposal to it; the usage keeps its operator until it accepts.
        const operatorWanted = data.operatorId as string | null | undefined;
        if (
          operatorWanted !== undefined &&
          operatorNeedsConsent(before.organisationId, before.operatorId, operatorWanted)
        )
          delete data.operatorId;
        await updateAtRevision(tx, row, input.revision, data);
        if (operatorWanted !== undefined && ctx.viewer)
          await settleOperator(
            tx,
            ctx.viewer,
            ctx.source,
            { id, organisationId: before.organisationId, operatorBefore: before.operatorId },
            operatorWanted,
          );
        await writeChildren(tx, id, components, input.beheerLoad);
        // The technisch beheer load of a usage another organisation operates is that organisation's figure.
        await requireConsentedCharges(
          tx,
          ctx.viewer,
          chargesBefore,
          await usageCharges(tx, id),
          'De last voor technisch beheer van dit gebruik',
        );
        await auditChange(tx, writerOf(ctx, before.organisationId), row, 'UPDATE', before, await usageSnapshot(tx, id));
        return tx.usage.findUniqueOrThrow({ ...selection(query), where: { id } });
      }),
  }),
);

/** Moves the usage to `status` from `since`: never before its latest status change. */
function changeStatus(
  ctx: Context,
  query: object,
  input: { id: string; revision: number; status: Status; since: Date },
  action: 'SET_STATUS' | 'RETIRE',
) {
  return ctx.db.prisma.$transaction(async (tx) => {
    const row = { type: 'Usage', id: input.id } as const;
    const before = await loadAtRevision(tx, row, input.revision, (id: string) => usageSnapshot(tx, id), byEditors(ctx));
    const dates = Object.values(STATUS_DATE)
      .map(({ column }) => before[column])
      .filter((d): d is Date => d instanceof Date);
    const latest = dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null;
    if (latest && input.since < latest) {
      throw new ValidationError([
        {
          path: ['input', 'since'],
          message: `De datum mag niet vóór ${isoDay(latest)} liggen, de laatste statuswijziging.`,
        },
      ]);
    }
    await updateAtRevision(tx, row, input.revision, { status: input.status, [sinceField(input.status)]: input.since });
    await auditChange(tx, writerOf(ctx, before.organisationId), row, action, before, await usageSnapshot(tx, row.id));
    return tx.usage.findUniqueOrThrow({ ...selection(query), where: { id: row.id } });
  });
}

builder.mutationField('setUsageStatus', (t) =>
  t.prismaField({
    type: Usage,
    description:
      'Moves a usage to a status, with the date it took effect; dates before the latest status change are refused.',
    errors: mutationErrors('SetUsageStatus'),
    args: {
      id: t.arg.globalID({ required: true, for: Usage }),
      revision: t.arg.int({ required: true, validate: revision }),
      status: t.arg({ type: UsageStatus, required: true }),
      since: t.arg({ type: 'Date', required: true, validate: date }),
    },
    resolve: (query, _root, args, ctx) => changeStatus(ctx, query, { ...args, id: args.id.id }, 'SET_STATUS'),
  }),
);

builder.mutationField('retireUsage', (t) =>
  t.prismaField({
    type: Usage,
    description:
      'Marks a usage RETIRED (Uitgefaseerd) from the given date, default today. Usages are never deleted: history stays.',
    errors: mutationErrors('RetireUsage'),
    args: {
      id: t.arg.globalID({ required: true, for: Usage }),
      revision: t.arg.int({ required: true, validate: revision }),
      since: t.arg({ type: 'Date', required: false, validate: date }),
    },
    resolve: (query, _root, args, ctx) =>
      changeStatus(
        ctx,
        query,
        { id: args.id.id, revision: args.revision, status: 'RETIRED', since: args.since ?? todayNl() },
        'RETIRE',
      ),
  }),
);
