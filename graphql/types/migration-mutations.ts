// Mutations of the transition plan: migrations (with their effort) and available capacity, audited, own organisation only.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { requireEditor, requireViewer } from '#core/access.ts';
import { recordAudit, type Tx } from '#core/audit.ts';
import { type BeheerRole as BeheerRoleName, ROLES } from '#core/capacity.ts';
import { migrationCharges, requireConsentedCharges } from '#core/charges.ts';
import { type Context, hasRole } from '#core/context.ts';
import { findCycle } from '#core/cycles.ts';
import { ConflictError, ForbiddenError, mutationErrors, NotFoundError, PastDateError, ValidationError } from '#core/errors.ts';
import { date, fte, parseInput, revision, slug, text } from '#core/input.ts';
import { pastPlannedDates, requirePastDatesConfirmed } from '#core/past-dates.ts';
import { builder, selection } from '../builder.ts';
import { BeheerRole, MigrationStatus } from './enums.ts';
import { Migration } from './migration.ts';

export const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'Schrijf een kwartaal als 2027-Q1.');
export const effortRows = z
  .array(z.object({ role: z.enum(ROLES as [BeheerRoleName, ...BeheerRoleName[]]), quarter, fte }))
  .max(200, 'Hooguit 200 regels.')
  .refine((rows) => new Set(rows.map((r) => `${r.role}|${r.quarter}`)).size === rows.length, 'Elke rol staat per kwartaal maar één keer.');

const fieldsSchema = z.object({
  programme: slug.nullish(),
  targetProduct: slug,
  targetUsage: z.string().max(200).nullish(),
  replaces: z.array(z.string().max(200)).max(20).nullish(),
  dependsOn: z.array(z.string().max(200)).max(50).nullish(),
  wave: z.number().int().min(1, 'Golf 1 of hoger.').max(99, 'Hooguit golf 99.').nullish(),
  status: z.enum(['NOT_STARTED', 'PREPARING', 'MIGRATING', 'PARALLEL_RUN', 'DONE', 'CANCELLED']).nullish(),
  plannedStart: date,
  plannedEnd: date,
  actualStart: date.nullish(),
  actualEnd: date.nullish(),
  parallelRunStart: date.nullish(),
  parallelRunEnd: date.nullish(),
  description: text(2000).nullish(),
  confirmPastDates: z.boolean().nullish(),
});
const createSchema = fieldsSchema.extend({ organisation: slug, key: slug });
const updateSchema = fieldsSchema.partial().extend({ id: z.string().min(1).max(200), revision });

/** The typed errors of a change that sets planned dates: the usual ones and a date in the past to confirm. */
export const datedErrors = [ForbiddenError, NotFoundError, ValidationError, ConflictError, PastDateError];

export const EffortInput = builder.inputType('EffortInput', {
  fields: (t) => ({ role: t.field({ type: BeheerRole, required: true }), quarter: t.string({ required: true }), fte: t.float({ required: true }) }),
});

const CreateMigrationInput = builder.inputType('CreateMigrationInput', {
  fields: (t) => ({
    organisation: t.string({ required: true, description: 'Slug of the organisation that migrates.' }),
    key: t.string({ required: true, description: 'Stable key within the organisation.' }),
    programme: t.string({ description: 'Programme slug.' }),
    targetProduct: t.string({ required: true, description: 'Product slug.' }),
    targetUsage: t.id({ description: 'Global id of the usage of the target product.' }),
    replaces: t.idList({ description: 'Global ids of the usages it replaces.' }),
    dependsOn: t.idList({ description: 'Global ids of migrations that must end first.' }),
    wave: t.int(),
    status: t.field({ type: MigrationStatus }),
    plannedStart: t.field({ type: 'Date', required: true }),
    plannedEnd: t.field({ type: 'Date', required: true }),
    actualStart: t.field({ type: 'Date' }),
    actualEnd: t.field({ type: 'Date' }),
    parallelRunStart: t.field({ type: 'Date' }),
    parallelRunEnd: t.field({ type: 'Date' }),
    description: t.string(),
    confirmPastDates: t.boolean({
      description: 'Accept planned dates before today; without it such a change is refused with a PastDateError that says why.',
    }),
  }),
});
const UpdateMigrationInput = builder.inputType('UpdateMigrationInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    revision: t.int({ required: true }),
    programme: t.string(),
    targetProduct: t.string(),
    targetUsage: t.id(),
    replaces: t.idList(),
    dependsOn: t.idList(),
    wave: t.int(),
    status: t.field({ type: MigrationStatus }),
    plannedStart: t.field({ type: 'Date' }),
    plannedEnd: t.field({ type: 'Date' }),
    actualStart: t.field({ type: 'Date' }),
    actualEnd: t.field({ type: 'Date' }),
    parallelRunStart: t.field({ type: 'Date' }),
    parallelRunEnd: t.field({ type: 'Date' }),
    description: t.string(),
    confirmPastDates: t.boolean({
      description: 'Accept planned dates before today; without it such a change is refused with a PastDateError that says why.',
    }),
  }),
});
const SetMigrationEffortInput = builder.inputType('SetMigrationEffortInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    revision: t.int({ required: true }),
    efforts: t.field({ type: [EffortInput], required: true, description: 'Replaces all effort of the migration.' }),
  }),
});
const SetCapacityInput = builder.inputType('SetCapacityInput', {
  fields: (t) => ({
    organisation: t.string({ required: true }),
    rows: t.field({ type: [EffortInput], required: true, description: 'Available FTE per role and quarter; 0 removes the figure.' }),
  }),
});

export function localId(globalId: string, typename: string): string | null {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === typename ? decoded.id : null;
  } catch {
    return null;
  }
}

const ids = (list: readonly (string | number)[] | null | undefined) => (list ? list.map(String) : list);

/** The dates of a plan in order: start before end, the parallel run whole and within the migration. */
export function dateProblems(m: {
  plannedStart: Date;
  plannedEnd: Date;
  parallelRunStart: Date | null;
  parallelRunEnd: Date | null;
  actualStart?: Date | null;
  actualEnd?: Date | null;
}) {
  const problems: { path: string[]; message: string }[] = [];
  if (m.plannedEnd < m.plannedStart) problems.push({ path: ['input', 'plannedEnd'], message: 'Het geplande einde ligt voor het geplande begin.' });
  if (m.actualStart && m.actualEnd && m.actualEnd < m.actualStart)
    problems.push({ path: ['input', 'actualEnd'], message: 'Het werkelijke einde ligt voor het begin.' });
  if ((m.parallelRunStart === null) !== (m.parallelRunEnd === null))
    problems.push({ path: ['input', 'parallelRunEnd'], message: 'Geef van de parallelle periode zowel begin als einde, of geen van beide.' });
  else if (m.parallelRunStart && m.parallelRunEnd && m.parallelRunEnd < m.parallelRunStart)
    problems.push({ path: ['input', 'parallelRunEnd'], message: 'De parallelle periode eindigt voor hij begint.' });
  else if (m.parallelRunStart && m.parallelRunStart < m.plannedStart)
    problems.push({ path: ['input', 'parallelRunStart'], message: 'De parallelle periode begint voor de migratie.' });
  return problems;
}

async function snapshot(tx: Tx, id: string) {
  const row = await tx.migration.findUnique({
    where: { id },
    include: {
      replaces: { select: { usageId: true } },
      dependsOn: { select: { dependsOnId: true } },
      efforts: { select: { role: true, quarter: true, fte: true }, orderBy: [{ quarter: 'asc' }, { role: 'asc' }] },
    },
  });
  if (!row) return null;
  const { replaces, dependsOn, efforts, ...rest } = row;
  return {
    ...rest,
    replaces: replaces.map((r) => r.usageId).sort(),
    dependsOn: dependsOn.map((d) => d.dependsOnId).sort(),
    efforts: efforts.map((e) => `${e.quarter} ${e.role} ${e.fte}`),
  };
}

/** Resolves references in the input; every problem is reported at once, and nothing is written when there is one. */
async function resolveReferences(tx: Tx, organisationId: string, migrationId: string | null, input: Partial<z.infer<typeof fieldsSchema>>) {
  const problems: { path: string[]; message: string }[] = [];
  const data: Record<string, unknown> = {};
  if (input.programme !== undefined) {
    const programme = input.programme ? await tx.programme.findUnique({ where: { slug: input.programme }, select: { id: true } }) : null;
    if (input.programme && !programme) problems.push({ path: ['input', 'programme'], message: `Programma "${input.programme}" bestaat niet.` });
    data.programmeId = programme?.id ?? null;
  }
  if (input.targetProduct !== undefined) {
    const product = await tx.product.findUnique({ where: { slug: input.targetProduct }, select: { id: true } });
    if (!product) problems.push({ path: ['input', 'targetProduct'], message: `Pakket "${input.targetProduct}" bestaat niet.` });
    else data.targetProductId = product.id;
  }
  const ownUsage = async (globalId: string, path: string[]) => {
    const id = localId(globalId, 'Usage');
    const usage = id ? await tx.usage.findUnique({ where: { id }, select: { id: true, organisationId: true } }) : null;
    if (!usage) problems.push({ path, message: 'Dit gebruik bestaat niet.' });
    else if (usage.organisationId !== organisationId) problems.push({ path, message: 'Dit gebruik hoort bij een andere organisatie.' });
    return usage?.id ?? null;
  };
  if (input.targetUsage !== undefined) data.targetUsageId = input.targetUsage ? await ownUsage(input.targetUsage, ['input', 'targetUsage']) : null;
  let replaces: string[] | undefined;
  if (input.replaces) {
    replaces = [];
    for (const [i, g] of input.replaces.entries()) {
      const id = await ownUsage(g, ['input', 'replaces', String(i)]);
      if (id) replaces.push(id);
    }
  }
  let dependsOn: string[] | undefined;
  if (input.dependsOn) {
    dependsOn = [];
    for (const [i, g] of input.dependsOn.entries()) {
      const id = localId(g, 'Migration');
      const exists = id ? await tx.migration.findUnique({ where: { id }, select: { id: true } }) : null;
      if (!exists) problems.push({ path: ['input', 'dependsOn', String(i)], message: 'Deze migratie bestaat niet.' });
      else if (exists.id === migrationId) problems.push({ path: ['input', 'dependsOn', String(i)], message: 'Een migratie kan niet van zichzelf afhangen.' });
      else dependsOn.push(exists.id);
    }
    if (!problems.length && migrationId) {
      const others = await tx.migrationDependency.findMany({ where: { migrationId: { not: migrationId } }, select: { migrationId: true, dependsOnId: true } });
      const edges = [...others.map((d) => ({ from: d.migrationId, to: d.dependsOnId })), ...dependsOn.map((to) => ({ from: migrationId, to }))];
      const found = findCycle(edges);
      // Told from the migration being edited: that is where the user closed the circle.
      const at = found?.indexOf(migrationId) ?? -1;
      const cycle = found && at > 0 ? [...found.slice(at, -1), ...found.slice(0, at), migrationId] : found;
      if (cycle) {
        // Each migration by the names people know (target product and organisation), not by its key.
        const rows = await tx.migration.findMany({
          where: { id: { in: cycle } },
          select: { id: true, targetProduct: { select: { name: true } }, organisation: { select: { name: true } } },
        });
        const names = new Map(rows.map((m) => [m.id, `${m.targetProduct.name} (${m.organisation.name})`]));
        problems.push({
          path: ['input', 'dependsOn'],
          message: `Dit maakt een kring van afhankelijkheden: ${cycle.map((id) => names.get(id) ?? 'onbekende migratie').join(' → ')}.`,
        });
      }
    }
  }
  for (const key of [
    'wave',
    'status',
    'plannedStart',
    'plannedEnd',
    'actualStart',
    'actualEnd',
    'parallelRunStart',
    'parallelRunEnd',
    'description',
  ] as const) {
    if (input[key] !== undefined) data[key] = input[key];
  }
  return { data, replaces, dependsOn, problems };
}

async function writeLinks(tx: Tx, migrationId: string, replaces: string[] | undefined, dependsOn: string[] | undefined) {
  if (replaces) {
    await tx.migrationReplaces.deleteMany({ where: { migrationId } });
    await tx.migrationReplaces.createMany({ data: replaces.map((usageId) => ({ migrationId, usageId })) });
  }
  if (dependsOn) {
    await tx.migrationDependency.deleteMany({ where: { migrationId } });
    await tx.migrationDependency.createMany({ data: dependsOn.map((dependsOnId) => ({ migrationId, dependsOnId })) });
  }
}

const EFFORT = 'De inzet voor technisch beheer van deze migratie';

/**
 * Loads a migration for a change by an editor of its organisation; with 'CHARGED' also by an editor of an
 * organisation it charges (the operator of the usage it replaces), whose charges are returned for the check after.
 */
export async function loadMigrationForChange(tx: Tx, ctx: Context, globalId: string, expected: number, editors: 'OWNER' | 'CHARGED' = 'OWNER') {
  const id = localId(globalId, 'Migration');
  const before = id ? await snapshot(tx, id) : null;
  if (!id || !before) throw new NotFoundError('Migratie', globalId);
  const charges = editors === 'CHARGED' ? await migrationCharges(tx, id) : null;
  const viewer = requireViewer(ctx);
  if (!charges || ![...charges.keys()].some((org) => org !== before.organisationId && hasRole(viewer, org, 'EDITOR')))
    requireEditor(ctx, before.organisationId);
  if (before.revision !== expected)
    throw new ConflictError(
      `Deze migratie is intussen gewijzigd (revisie ${expected} → ${before.revision}). Er is niets overschreven; laad opnieuw.`,
      before.revision,
    );
  return { id, before, charges };
}

export { snapshot as migrationSnapshot };

builder.mutationField('createMigration', (t) =>
  t.prismaField({
    type: Migration,
    errors: mutationErrors('CreateMigration', datedErrors),
    args: { input: t.arg({ type: CreateMigrationInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(createSchema, {
        ...args.input,
        targetUsage: args.input.targetUsage ? String(args.input.targetUsage) : args.input.targetUsage,
        replaces: ids(args.input.replaces),
        dependsOn: ids(args.input.dependsOn),
      });
      return ctx.db.prisma.$transaction(async (tx) => {
        const org = await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } });
        if (!org) throw new NotFoundError('Organisatie', input.organisation);
        const viewer = requireEditor(ctx, org.id);
        const { data, replaces, dependsOn, problems } = await resolveReferences(tx, org.id, null, input);
        problems.push(...dateProblems({ ...input, parallelRunStart: input.parallelRunStart ?? null, parallelRunEnd: input.parallelRunEnd ?? null }));
        if (await tx.migration.findUnique({ where: { organisationId_key: { organisationId: org.id, key: input.key } }, select: { id: true } }))
          problems.push({ path: ['input', 'key'], message: `Er is al een migratie "${input.key}" bij deze organisatie.` });
        if (problems.length) throw new ValidationError(problems);
        requirePastDatesConfirmed(pastPlannedDates(input, null, undefined, input.status), input.confirmPastDates);
        const created = await tx.migration.create({
          data: { ...(data as { targetProductId: string; plannedStart: Date; plannedEnd: Date }), key: input.key, organisationId: org.id },
          select: { id: true },
        });
        await writeLinks(tx, created.id, replaces, dependsOn);
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: org.id,
          entityType: 'Migration',
          entityId: encodeGlobalID('Migration', created.id),
          action: 'CREATE',
          before: null,
          after: await snapshot(tx, created.id),
          revision: 1,
        });
        return tx.migration.findUniqueOrThrow({ ...selection(query), where: { id: created.id } });
      });
    },
  }),
);

builder.mutationField('updateMigration', (t) =>
  t.prismaField({
    type: Migration,
    errors: mutationErrors('UpdateMigration', datedErrors),
    args: { input: t.arg({ type: UpdateMigrationInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(updateSchema, {
        ...args.input,
        id: String(args.input.id),
        targetUsage: args.input.targetUsage ? String(args.input.targetUsage) : args.input.targetUsage,
        replaces: ids(args.input.replaces),
        dependsOn: ids(args.input.dependsOn),
      });
      return ctx.db.prisma.$transaction(async (tx) => {
        const { id, before } = await loadMigrationForChange(tx, ctx, input.id, input.revision);
        const chargesBefore = await migrationCharges(tx, id);
        const { data, replaces, dependsOn, problems } = await resolveReferences(tx, before.organisationId, id, input);
        const merged = { ...before, ...data } as typeof before;
        problems.push(...dateProblems(merged));
        if (problems.length) throw new ValidationError(problems);
        requirePastDatesConfirmed(pastPlannedDates(merged, before, undefined, merged.status), input.confirmPastDates);
        const { count } = await tx.migration.updateMany({ where: { id, revision: input.revision }, data: { ...data, revision: { increment: 1 } } });
        if (count === 0) throw new ConflictError('Deze migratie is intussen gewijzigd. Er is niets overschreven; laad opnieuw.', before.revision + 1);
        await writeLinks(tx, id, replaces, dependsOn);
        // Replacing a usage another organisation operates, or taking up a cancelled migration again, would charge it.
        await requireConsentedCharges(tx, ctx.viewer, chargesBefore, await migrationCharges(tx, id), EFFORT);
        const after = await snapshot(tx, id);
        await recordAudit(tx, {
          actor: ctx.viewer,
          source: ctx.source,
          organisationId: before.organisationId,
          entityType: 'Migration',
          entityId: input.id,
          action: 'UPDATE',
          before,
          after,
          revision: after?.revision ?? null,
        });
        return tx.migration.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),
);

builder.mutationField('setMigrationEffort', (t) =>
  t.prismaField({
    type: Migration,
    errors: mutationErrors('SetMigrationEffort'),
    args: { input: t.arg({ type: SetMigrationEffortInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(z.object({ id: z.string().min(1).max(200), revision, efforts: effortRows }), { ...args.input, id: String(args.input.id) });
      return ctx.db.prisma.$transaction(async (tx) => {
        // Editors of the migration's organisation, and of the organisation its technisch beheer effort is charged to.
        const { id, before, charges } = await loadMigrationForChange(tx, ctx, input.id, input.revision, 'CHARGED');
        const { count } = await tx.migration.updateMany({ where: { id, revision: input.revision }, data: { revision: { increment: 1 } } });
        if (count === 0) throw new ConflictError('Deze migratie is intussen gewijzigd. Er is niets overschreven; laad opnieuw.', before.revision + 1);
        await tx.migrationEffort.deleteMany({ where: { migrationId: id } });
        await tx.migrationEffort.createMany({ data: input.efforts.filter((e) => e.fte > 0).map((e) => ({ ...e, migrationId: id })) });
        // Each organisation's editors change the figures charged to it, and only those.
        await requireConsentedCharges(tx, ctx.viewer, charges ?? new Map(), await migrationCharges(tx, id), EFFORT);
        const after = await snapshot(tx, id);
        await recordAudit(tx, {
          actor: ctx.viewer,
          source: ctx.source,
          organisationId: before.organisationId,
          entityType: 'Migration',
          entityId: input.id,
          action: 'UPDATE',
          before,
          after,
          revision: after?.revision ?? null,
        });
        return tx.migration.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),
);

/** Writes capacity figures of one organisation and audits them as one change; 0 removes a figure. */
export async function writeCapacity(
  tx: Tx,
  ctx: Context,
  organisationId: string,
  rows: { role: BeheerRoleName; quarter: string; fte: number }[],
  action: 'UPDATE' | 'APPLY' = 'UPDATE',
) {
  const viewer = requireEditor(ctx, organisationId);
  const where = { organisationId, OR: rows.map((r) => ({ role: r.role, quarter: r.quarter })) };
  const current = rows.length ? await tx.capacity.findMany({ where, select: { role: true, quarter: true, fte: true } }) : [];
  const label = (r: { role: string; quarter: string }) => `${r.quarter} ${r.role}`;
  const before = Object.fromEntries(current.map((c) => [label(c), c.fte]));
  for (const r of rows) {
    if (r.fte === 0) await tx.capacity.deleteMany({ where: { organisationId, role: r.role, quarter: r.quarter } });
    else
      await tx.capacity.upsert({
        where: { organisationId_role_quarter: { organisationId, role: r.role, quarter: r.quarter } },
        create: { organisationId, ...r },
        update: { fte: r.fte },
      });
  }
  const after = Object.fromEntries(rows.filter((r) => r.fte > 0).map((r) => [label(r), r.fte]));
  await recordAudit(tx, { actor: viewer, source: ctx.source, organisationId, entityType: 'Capacity', entityId: organisationId, action, before, after });
}

builder.mutationField('setCapacity', (t) =>
  t.int({
    description: 'Sets available beheer capacity of an organisation per role and quarter; returns the number of figures written.',
    errors: mutationErrors('SetCapacity'),
    args: { input: t.arg({ type: SetCapacityInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(z.object({ organisation: slug, rows: effortRows }), args.input);
      return ctx.db.prisma.$transaction(async (tx) => {
        const org = await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } });
        if (!org) throw new NotFoundError('Organisatie', input.organisation);
        await writeCapacity(tx, ctx, org.id, input.rows);
        return input.rows.length;
      });
    },
  }),
);
