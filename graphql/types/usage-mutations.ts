// Mutations of Usage: create, update (optimistic concurrency on revision), move through statuses, retire.

import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { requireEditor } from '#core/access.ts';
import { recordAudit, type Tx } from '#core/audit.ts';
import { ROLES } from '#core/capacity.ts';
import { addProduct, addSupplier, type CatalogueWriter, versionOf } from '#core/catalogue.ts';
import { requireConsentedCharges, usageCharges } from '#core/charges.ts';
import type { Context } from '#core/context.ts';
import { todayNl } from '#core/dates.ts';
import { ConflictError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { loadCandidates, matchProduct, matchSupplier, normaliseName } from '#core/exchange/matching.ts';
import { biv, date, euros, fte, gemmaId, parseInput, requiredText, revision, slug, text } from '#core/input.ts';
import { operatorNeedsConsent, settleOperator } from '#core/proposals.ts';
import { builder, type InputFields, selection } from '../builder.ts';
import { Architecture, BeheerRole, Criticality, DpiaStatus, TimeClass, UsageStatus } from './enums.ts';
import { Usage } from './usage.ts';

const statuses = ['ACQUIRING', 'PLANNED', 'IN_PRODUCTION', 'PHASING_OUT', 'RETIRED'] as const;
type Status = (typeof statuses)[number];
const sinceField = {
  ACQUIRING: 'acquiringSince',
  PLANNED: 'plannedSince',
  IN_PRODUCTION: 'inProductionSince',
  PHASING_OUT: 'phasingOutSince',
  RETIRED: 'retiredSince',
} as const;

const BeheerLoadInput = builder.inputType('BeheerLoadInput', {
  fields: (t) => ({ role: t.field({ type: BeheerRole, required: true }), fte: t.float({ required: true }) }),
});

/** The editable fields of a usage, shared by create and update; on update every field is optional. */
const usageFieldsSchema = z.object({
  product: slug,
  version: text(100).nullish(),
  referenceComponents: z.array(gemmaId).max(50, 'Maximaal 50 referentiecomponenten.').nullish(),
  operator: slug.nullish(),
  contact: text(200).nullish(),
  availability: biv.nullish(),
  integrity: biv.nullish(),
  confidentiality: biv.nullish(),
  personalData: z.boolean().nullish(),
  dpiaStatus: z.enum(['NOT_NEEDED', 'PLANNED', 'IN_PROGRESS', 'DONE']).nullish(),
  dpiaDate: date.nullish(),
  processorAgreement: z.boolean().nullish(),
  criticality: z.enum(['LOW', 'MEDIUM', 'HIGH', 'VITAL']).nullish(),
  time: z.enum(['TOLERATE', 'INVEST', 'MIGRATE', 'ELIMINATE']).nullish(),
  beheerLoad: z
    .array(z.object({ role: z.string(), fte }))
    .max(7)
    .nullish(),
  contractEndsOn: date.nullish(),
  yearlyCost: euros.nullish(),
  internalNote: text(2000).nullish(),
});

const newProductSchema = z.object({
  name: requiredText(200),
  supplier: requiredText(200),
  architecture: z.enum(['LEGACY', 'HYBRID', 'COMMON_GROUND']).nullish(),
});

const createSchema = usageFieldsSchema
  .extend({
    product: slug.nullish(),
    newProduct: newProductSchema.nullish(),
    organisation: slug,
    key: slug.nullish(),
    status: z.enum(statuses),
    statusSince: date,
  })
  .superRefine((input, ctx) => {
    if (!input.product === !input.newProduct)
      ctx.addIssue({ code: 'custom', path: ['product'], message: input.product ? 'Kies een pakket of voeg een nieuw toe, niet allebei.' : 'Kies een pakket.' });
  });
const updateSchema = usageFieldsSchema.partial().extend({ id: z.string().min(1).max(200), revision });

function usageFields(t: InputFields) {
  return {
    product: t.string({ description: 'Product slug. On create, give either this or newProduct.' }),
    version: t.string({ description: 'Version as the organisation runs it; a name the product does not know yet is added to the product’s versions.' }),
    referenceComponents: t.stringList({
      description:
        'GEMMA ids of the reference components. Empty takes those of the product; left out keeps them on update (or takes the product’s when the product changes).',
    }),
    operator: t.string({ description: 'Slug of the organisation that delivers technisch beheer.' }),
    contact: t.string(),
    availability: t.int(),
    integrity: t.int(),
    confidentiality: t.int(),
    personalData: t.boolean(),
    dpiaStatus: t.field({ type: DpiaStatus }),
    dpiaDate: t.field({ type: 'Date' }),
    processorAgreement: t.boolean(),
    criticality: t.field({ type: Criticality }),
    time: t.field({ type: TimeClass }),
    beheerLoad: t.field({ type: [BeheerLoadInput] }),
    contractEndsOn: t.field({ type: 'Date' }),
    yearlyCost: t.int(),
    internalNote: t.string(),
  };
}

const NewProductInput = builder.inputType('NewProductInput', {
  description:
    'A product the catalogue lacks, added with the usage. The supplier is a name as written: a known supplier is recognised by name, alias or normalised name, else it is added too.',
  fields: (t) => ({
    name: t.string({ required: true }),
    supplier: t.string({ required: true, description: 'Supplier name as written ("Maykin", "Conduction B.V.").' }),
    architecture: t.field({ type: Architecture, description: 'Default LEGACY, to classify later.' }),
  }),
});

const CreateUsageInput = builder.inputType('CreateUsageInput', {
  fields: (t) => ({
    organisation: t.string({ required: true }),
    key: t.string(),
    status: t.field({ type: UsageStatus, required: true }),
    statusSince: t.field({ type: 'Date', required: true }),
    ...usageFields(t),
    newProduct: t.field({
      type: NewProductInput,
      description: 'A product not yet in the catalogue, added (with its supplier when new) in the same transaction.',
    }),
  }),
});
const UpdateUsageInput = builder.inputType('UpdateUsageInput', {
  fields: (t) => ({ id: t.id({ required: true }), revision: t.int({ required: true }), ...usageFields(t) }),
});

type Fields = Partial<z.infer<typeof usageFieldsSchema>>;

/** Turns slugs and GEMMA ids into database ids; every reference must exist. */
async function resolveReferences(tx: Tx, fields: Fields, by: CatalogueWriter, productIdFallback?: string) {
  const problems: { path: string[]; message: string }[] = [];
  const data: Record<string, unknown> = {};
  let productId = productIdFallback;
  if (fields.product !== undefined) {
    const product = await tx.product.findUnique({ where: { slug: fields.product }, select: { id: true } });
    if (!product) problems.push({ path: ['input', 'product'], message: `Pakket "${fields.product}" bestaat niet.` });
    else {
      productId = product.id;
      data.productId = product.id;
    }
  }
  // A version is free text: a name the product does not know yet becomes one of its versions once nothing is refused.
  const versionName = fields.version === undefined ? undefined : fields.version || null;
  if (versionName === null) data.versionId = null;
  if (fields.operator !== undefined) {
    if (fields.operator === null) data.operatorId = null;
    else {
      const operator = await tx.organisation.findUnique({ where: { slug: fields.operator }, select: { id: true } });
      if (!operator) problems.push({ path: ['input', 'operator'], message: `Organisatie "${fields.operator}" bestaat niet.` });
      else data.operatorId = operator.id;
    }
  }
  let components: string[] | undefined;
  if (fields.referenceComponents?.length) {
    const unique = [...new Set(fields.referenceComponents.map((id) => id.toLowerCase()))];
    const found = await tx.referenceComponent.findMany({ where: { id: { in: unique } }, select: { id: true } });
    const known = new Set(found.map((c) => c.id));
    unique.forEach((id, i) => {
      if (!known.has(id)) problems.push({ path: ['input', 'referenceComponents', String(i)], message: `Referentiecomponent ${id} bestaat niet.` });
    });
    components = unique;
  } else if ((fields.referenceComponents || fields.product !== undefined) && productId) {
    // None chosen takes the product's, as the form promises (on create, on a change of product, or an empty list).
    components = (await tx.productReferenceComponent.findMany({ where: { productId }, select: { referenceComponentId: true } })).map(
      (c) => c.referenceComponentId,
    );
  }
  const roles = new Set<string>(ROLES);
  fields.beheerLoad?.forEach((load, i) => {
    if (!roles.has(load.role)) problems.push({ path: ['input', 'beheerLoad', String(i), 'role'], message: 'Onbekende beheerrol.' });
  });
  if (problems.length) throw new ValidationError(problems);
  if (versionName && productId) data.versionId = (await versionOf(tx, productId, versionName, by)).id;
  for (const key of [
    'contact',
    'availability',
    'integrity',
    'confidentiality',
    'personalData',
    'dpiaStatus',
    'dpiaDate',
    'processorAgreement',
    'criticality',
    'time',
    'contractEndsOn',
    'yearlyCost',
    'internalNote',
  ] as const) {
    if (fields[key] !== undefined) data[key] = key === 'personalData' ? (fields[key] ?? false) : fields[key];
  }
  return { data, components };
}

/** The stored usage as the audit trail sees it: scalar fields plus its reference components and beheer load. */
async function snapshot(tx: Tx, id: string) {
  const usage = await tx.usage.findUnique({
    where: { id },
    include: { referenceComponents: { select: { referenceComponentId: true } }, beheerLoads: { select: { role: true, fte: true }, orderBy: { role: 'asc' } } },
  });
  if (!usage) return null;
  const { referenceComponents, beheerLoads, ...rest } = usage;
  return { ...rest, referenceComponents: referenceComponents.map((c) => c.referenceComponentId).sort(), beheerLoad: beheerLoads };
}

async function writeChildren(tx: Tx, usageId: string, components: string[] | undefined, beheerLoad: Fields['beheerLoad']) {
  if (components) {
    await tx.usageReferenceComponent.deleteMany({ where: { usageId } });
    await tx.usageReferenceComponent.createMany({ data: components.map((referenceComponentId) => ({ usageId, referenceComponentId })) });
  }
  if (beheerLoad) {
    await tx.usageBeheerLoad.deleteMany({ where: { usageId } });
    await tx.usageBeheerLoad.createMany({ data: beheerLoad.map((l) => ({ usageId, role: l.role as 'ARCHITECTURE', fte: l.fte })) });
  }
}

function localId(globalId: string, typename: string): string {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename === typename) return decoded.id;
  } catch {
    // fall through
  }
  throw new NotFoundError(typename === 'Usage' ? 'Gebruik' : typename, globalId);
}

/** Loads the usage, checks the viewer may edit it and that `revision` is current; else a typed error. */
async function loadForUpdate(tx: Tx, ctx: Context, globalId: string, expectedRevision: number) {
  const id = localId(globalId, 'Usage');
  const before = await snapshot(tx, id);
  if (!before) throw new NotFoundError('Gebruik', globalId);
  requireEditor(ctx, before.organisationId);
  if (before.revision !== expectedRevision) await conflict(tx, globalId, expectedRevision, before.revision);
  return { id, before };
}

async function conflict(tx: Tx, globalId: string, expected: number, current: number): Promise<never> {
  const events = await tx.auditEvent.findMany({
    where: { entityId: globalId, revision: { gt: expected } },
    orderBy: { createdAt: 'asc' },
    select: { actorLabel: true, changes: true },
  });
  const fields = [...new Set(events.flatMap((e) => Object.keys(JSON.parse(e.changes) as object)))];
  const who = [...new Set(events.map((e) => e.actorLabel))].join(', ');
  throw new ConflictError(
    `Dit gebruik is intussen gewijzigd (revisie ${expected} → ${current})${who ? ` door ${who}` : ''}${fields.length ? `; gewijzigd: ${fields.join(', ')}` : ''}. Er is niets overschreven; laad opnieuw en breng je wijziging opnieuw aan.`,
    current,
  );
}

/** Updates only when the revision is still the one read: the check and the write are one statement. */
async function bump(tx: Tx, globalId: string, id: string, expected: number, data: Record<string, unknown>) {
  const { count } = await tx.usage.updateMany({ where: { id, revision: expected }, data: { ...data, revision: { increment: 1 } } });
  if (count === 0) {
    const current = await tx.usage.findUnique({ where: { id }, select: { revision: true } });
    await conflict(tx, globalId, expected, current?.revision ?? expected);
  }
}

const mutationOptions = (name: string) => mutationErrors(name);

/**
 * The slug of the product a usage form names as new: a supplier named as the catalogue knows it (by name, alias or
 * normalised name, core/exchange/matching.ts) is that supplier, else it is added; a product of that supplier with
 * the same name is that product (no double), else it is added with the usage's reference components. Any editor adds
 * to the shared catalogue, as with a publiccode.yml; both additions are audited.
 */
async function productFor(tx: Tx, named: z.infer<typeof newProductSchema>, components: string[], by: CatalogueWriter): Promise<string> {
  const candidates = await loadCandidates(tx);
  const supplier = matchSupplier({ name: named.supplier }, candidates.suppliers)?.match ?? (await addSupplier(tx, named.supplier, by));
  // Only the same name (or a known other name) is the same product: "Open Formulieren Extra" is not Open Formulieren.
  const existing = matchProduct(named.name, supplier.id, candidates.products)?.match;
  const sameName = (p: { name: string; aliases?: readonly string[] }) =>
    [p.name, ...(p.aliases ?? [])].some((n) => normaliseName(n) === normaliseName(named.name));
  if (existing && existing.supplierId === supplier.id && sameName(existing)) return existing.slug;
  const known = new Set(
    (await tx.referenceComponent.findMany({ where: { id: { in: components.map((c) => c.toLowerCase()) } }, select: { id: true } })).map((c) => c.id),
  );
  const product = await addProduct(
    tx,
    {
      name: named.name,
      supplierId: supplier.id,
      architecture: named.architecture,
      referenceComponents: components.map((c) => c.toLowerCase()).filter((c) => known.has(c)),
    },
    by,
  );
  return product.slug;
}

builder.mutationField('createUsage', (t) =>
  t.prismaField({
    type: Usage,
    errors: mutationOptions('CreateUsage'),
    args: { input: t.arg({ type: CreateUsageInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(createSchema, args.input);
      return ctx.db.prisma.$transaction(async (tx) => {
        const organisation = await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } });
        if (!organisation) throw new NotFoundError('Organisatie', input.organisation);
        const viewer = requireEditor(ctx, organisation.id);
        const by = { actor: viewer, source: ctx.source, organisationId: organisation.id };
        const product = input.newProduct ? await productFor(tx, input.newProduct, input.referenceComponents ?? [], by) : (input.product ?? '');
        const fields = { ...input, product };
        const { data, components } = await resolveReferences(tx, fields, by);
        // Another organisation as operator is a proposal to it; until it accepts, the usage has no operator.
        const operatorWanted = (data.operatorId as string | null | undefined) ?? null;
        if (operatorNeedsConsent(organisation.id, null, operatorWanted)) delete data.operatorId;
        const key = input.key ?? `${product}-${Date.now().toString(36)}`;
        if (await tx.usage.findUnique({ where: { organisationId_key: { organisationId: organisation.id, key } }, select: { id: true } })) {
          throw new ValidationError([{ path: ['input', 'key'], message: `Sleutel "${key}" is al in gebruik in dit landschap.` }]);
        }
        const created = await tx.usage.create({
          data: {
            ...(data as object),
            key,
            organisationId: organisation.id,
            productId: data.productId as string,
            status: input.status,
            [sinceField[input.status]]: input.statusSince,
          },
          select: { id: true },
        });
        await writeChildren(tx, created.id, components, input.beheerLoad);
        const after = await snapshot(tx, created.id);
        const globalId = encodeGlobalID('Usage', created.id);
        await settleOperator(tx, viewer, ctx.source, { id: created.id, organisationId: organisation.id, operatorBefore: null }, operatorWanted);
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: organisation.id,
          entityType: 'Usage',
          entityId: globalId,
          action: 'CREATE',
          before: null,
          after,
          revision: 1,
        });
        return tx.usage.findUniqueOrThrow({ ...selection(query), where: { id: created.id } });
      });
    },
  }),
);

builder.mutationField('updateUsage', (t) =>
  t.prismaField({
    type: Usage,
    errors: mutationOptions('UpdateUsage'),
    args: { input: t.arg({ type: UpdateUsageInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(updateSchema, args.input);
      return ctx.db.prisma.$transaction(async (tx) => {
        const { id, before } = await loadForUpdate(tx, ctx, input.id, input.revision);
        const chargesBefore = await usageCharges(tx, id);
        const by = { actor: ctx.viewer ?? { label: 'onbekend' }, source: ctx.source, organisationId: before.organisationId };
        const { data, components } = await resolveReferences(tx, input, by, before.productId);
        // Another organisation as operator is a proposal to it; the usage keeps its operator until it accepts.
        const operatorWanted = data.operatorId as string | null | undefined;
        if (operatorWanted !== undefined && operatorNeedsConsent(before.organisationId, before.operatorId, operatorWanted)) delete data.operatorId;
        await bump(tx, input.id, id, input.revision, data);
        if (operatorWanted !== undefined && ctx.viewer)
          await settleOperator(tx, ctx.viewer, ctx.source, { id, organisationId: before.organisationId, operatorBefore: before.operatorId }, operatorWanted);
        await writeChildren(tx, id, components, input.beheerLoad);
        // The technisch beheer load of a usage another organisation operates is that organisation's figure.
        await requireConsentedCharges(tx, ctx.viewer, chargesBefore, await usageCharges(tx, id), 'De last voor technisch beheer van dit gebruik');
        const after = await snapshot(tx, id);
        await recordAudit(tx, {
          actor: ctx.viewer,
          source: ctx.source,
          organisationId: before.organisationId,
          entityType: 'Usage',
          entityId: input.id,
          action: 'UPDATE',
          before,
          after,
          revision: after?.revision ?? null,
        });
        return tx.usage.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),
);

const statusSchema = z.object({ id: z.string().min(1).max(200), revision, status: z.enum(statuses), since: date });

async function changeStatus(ctx: Context, query: object, input: z.infer<typeof statusSchema>, action: 'SET_STATUS' | 'RETIRE') {
  return ctx.db.prisma.$transaction(async (tx) => {
    const { id, before } = await loadForUpdate(tx, ctx, input.id, input.revision);
    const dates = Object.values(sinceField)
      .map((f) => before[f])
      .filter((d): d is Date => d instanceof Date);
    const latest = dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null;
    if (latest && input.since < latest) {
      throw new ValidationError([
        { path: ['input', 'since'], message: `De datum mag niet vóór ${latest.toISOString().slice(0, 10)} liggen, de laatste statuswijziging.` },
      ]);
    }
    await bump(tx, input.id, id, input.revision, { status: input.status, [sinceField[input.status]]: input.since });
    const after = await snapshot(tx, id);
    await recordAudit(tx, {
      actor: ctx.viewer,
      source: ctx.source,
      organisationId: before.organisationId,
      entityType: 'Usage',
      entityId: input.id,
      action,
      before,
      after,
      revision: after?.revision ?? null,
    });
    return tx.usage.findUniqueOrThrow({ ...selection(query), where: { id } });
  });
}

builder.mutationField('setUsageStatus', (t) =>
  t.prismaField({
    type: Usage,
    description: 'Moves a usage to a status, with the date it took effect; dates before the latest status change are refused.',
    errors: mutationOptions('SetUsageStatus'),
    args: {
      id: t.arg.id({ required: true }),
      revision: t.arg.int({ required: true }),
      status: t.arg({ type: UsageStatus, required: true }),
      since: t.arg({ type: 'Date', required: true }),
    },
    resolve: (query, _root, args, ctx) => changeStatus(ctx, query, parseInput(statusSchema, { ...args, id: String(args.id) }, []), 'SET_STATUS'),
  }),
);

builder.mutationField('retireUsage', (t) =>
  t.prismaField({
    type: Usage,
    description: 'Marks a usage RETIRED (Uitgefaseerd) from the given date, default today. Usages are never deleted: history stays.',
    errors: mutationOptions('RetireUsage'),
    args: { id: t.arg.id({ required: true }), revision: t.arg.int({ required: true }), since: t.arg({ type: 'Date', required: false }) },
    resolve: (query, _root, args, ctx) =>
      changeStatus(
        ctx,
        query,
        parseInput(statusSchema, { id: String(args.id), revision: args.revision, status: 'RETIRED', since: args.since ?? todayNl() }, []),
        'RETIRE',
      ),
  }),
);

export type { Status };
