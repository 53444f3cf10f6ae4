// Mutations of the transition plan: migrations (with their effort) and available capacity, audited, own organisation
// only. The rules and writes they share with applying a scenario are in core/migration.ts.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { requireEditor } from '#core/access.ts';
import { recordAudit } from '#core/audit.ts';
import { migrationCharges, requireConsentedCharges } from '#core/charges.ts';
import { ConflictError, ForbiddenError, mutationErrors, NotFoundError, PastDateError, ValidationError } from '#core/errors.ts';
import { parseInput, revision, slug } from '#core/input.ts';
import {
  dateProblems,
  EFFORT,
  effortRows,
  loadMigrationForChange,
  migrationFields,
  migrationSnapshot,
  resolveReferences,
  writeCapacity,
  writeLinks,
} from '#core/migration.ts';
import { pastPlannedDates, requirePastDatesConfirmed } from '#core/past-dates.ts';
import { builder, selection } from '../builder.ts';
import { BeheerRole, MigrationStatus } from './enums.ts';
import { Migration } from './migration.ts';

const createSchema = migrationFields.extend({ organisation: slug, key: slug });
const updateSchema = migrationFields.partial().extend({ id: z.string().min(1).max(200), revision });

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
const ids = (list: readonly (string | number)[] | null | undefined) => (list ? list.map(String) : list);

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
          after: await migrationSnapshot(tx, created.id),
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
        const after = await migrationSnapshot(tx, id);
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
        const after = await migrationSnapshot(tx, id);
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
