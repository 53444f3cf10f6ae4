// Mutations of the transition plan: migrations (with their effort) and available capacity, audited, own organisation
// only. The rules and writes they share with applying a scenario are in core/migration.ts.
import { requireEditor } from '#core/access.ts';
import { migrationCharges, requireConsentedCharges } from '#core/charges.ts';
import {
  ConflictError,
  ForbiddenError,
  mutationErrors,
  NotFoundError,
  PastDateError,
  ValidationError,
} from '#core/errors.ts';
import { revision, slug } from '#core/input.ts';
import {
  dateProblems,
  EFFORT,
  effortRows,
  loadMigrationForChange,
  migrationField,
  migrationSnapshot,
  resolveReferences,
  writeCapacity,
  writeLinks,
} from '#core/migration.ts';
import { pastPlannedDates, requirePastDatesConfirmed } from '#core/past-dates.ts';
import { auditChange, updateAtRevision } from '#core/revisioned-write.ts';
import { builder, selection } from '../builder.ts';
import { BeheerRole, MigrationStatus } from './enums.ts';
import { Migration } from './migration.ts';

/** The typed errors of a change that sets planned dates: the usual ones and a date in the past to confirm. */
export const datedErrors = [ForbiddenError, NotFoundError, ValidationError, ConflictError, PastDateError];

export const EffortInput = builder.inputType('EffortInput', {
  fields: (t) => ({
    role: t.field({ type: BeheerRole, required: true }),
    quarter: t.string({ required: true }),
    fte: t.float({ required: true }),
  }),
});

const confirmPastDates = {
  description:
    'Accept planned dates before today; without it such a change is refused with a PastDateError that says why.',
} as const;

const referenceFields = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) => ({
  programme: t.string({ description: 'Programme slug.', validate: migrationField.programme }),
  targetUsage: t.id({
    description: 'Global id of the usage of the target product.',
    validate: migrationField.targetUsage,
  }),
  replaces: t.idList({ description: 'Global ids of the usages it replaces.', validate: migrationField.replaces }),
  dependsOn: t.idList({
    description: 'Global ids of migrations that must end first.',
    validate: migrationField.dependsOn,
  }),
  wave: t.int({ validate: migrationField.wave }),
  status: t.field({ type: MigrationStatus }),
  actualStart: t.field({ type: 'Date', validate: migrationField.date }),
  actualEnd: t.field({ type: 'Date', validate: migrationField.date }),
  parallelRunStart: t.field({ type: 'Date', validate: migrationField.date }),
  parallelRunEnd: t.field({ type: 'Date', validate: migrationField.date }),
  description: t.string({ validate: migrationField.description }),
  confirmPastDates: t.boolean(confirmPastDates),
});

const CreateMigrationInput = builder.inputType('CreateMigrationInput', {
  fields: (t) => ({
    organisation: t.string({
      required: true,
      description: 'Slug of the organisation that migrates.',
      validate: migrationField.organisation,
    }),
    key: t.string({ required: true, description: 'Stable key within the organisation.', validate: migrationField.key }),
    targetProduct: t.string({ required: true, description: 'Product slug.', validate: migrationField.targetProduct }),
    plannedStart: t.field({ type: 'Date', required: true, validate: migrationField.date }),
    plannedEnd: t.field({ type: 'Date', required: true, validate: migrationField.date }),
    ...referenceFields(t),
  }),
});
const UpdateMigrationInput = builder.inputType('UpdateMigrationInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: Migration }),
    revision: t.int({ required: true, validate: revision }),
    targetProduct: t.string({ validate: migrationField.targetProduct }),
    plannedStart: t.field({ type: 'Date', validate: migrationField.date }),
    plannedEnd: t.field({ type: 'Date', validate: migrationField.date }),
    ...referenceFields(t),
  }),
});
const SetMigrationEffortInput = builder.inputType('SetMigrationEffortInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: Migration }),
    revision: t.int({ required: true, validate: revision }),
    efforts: t.field({
      type: [EffortInput],
      required: true,
      description: 'Replaces all effort of the migration.',
      validate: effortRows,
    }),
  }),
});
const SetCapacityInput = builder.inputType('SetCapacityInput', {
  fields: (t) => ({
    organisation: t.string({ required: true, validate: slug }),
    rows: t.field({
      type: [EffortInput],
      required: true,
      description: 'Available FTE per role and quarter; 0 removes the figure.',
      validate: effortRows,
    }),
  }),
});

/** The references of an input as text (ids arrive as text or number), absent and null kept. */
const references = <
  T extends {
    targetUsage?: string | number | null;
    replaces?: readonly (string | number)[] | null;
    dependsOn?: readonly (string | number)[] | null;
  },
>(
  input: T,
) => ({
  ...input,
  targetUsage: input.targetUsage == null ? input.targetUsage : String(input.targetUsage),
  replaces: input.replaces?.map(String) ?? input.replaces,
  dependsOn: input.dependsOn?.map(String) ?? input.dependsOn,
});

builder.mutationField('createMigration', (t) =>
  t.prismaField({
    type: Migration,
    errors: mutationErrors('CreateMigration', datedErrors),
    args: { input: t.arg({ type: CreateMigrationInput, required: true }) },
    resolve: (query, _root, args, ctx) => {
      const input = references(args.input);
      return ctx.db.prisma.$transaction(async (tx) => {
        const org = await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } });
        if (!org) throw new NotFoundError('Organisatie', input.organisation);
        const viewer = requireEditor(ctx, org.id);
        const { data, replaces, dependsOn, problems } = await resolveReferences(tx, org.id, null, input);
        problems.push(
          ...dateProblems({
            ...input,
            parallelRunStart: input.parallelRunStart ?? null,
            parallelRunEnd: input.parallelRunEnd ?? null,
          }),
        );
        if (
          await tx.migration.findUnique({
            where: { organisationId_key: { organisationId: org.id, key: input.key } },
            select: { id: true },
          })
        )
          problems.push({
            path: ['input', 'key'],
            message: `Er is al een migratie "${input.key}" bij deze organisatie.`,
          });
        if (problems.length) throw new ValidationError(problems);
        requirePastDatesConfirmed(pastPlannedDates(input, null, undefined, input.status), input.confirmPastDates);
        const { id } = await tx.migration.create({
          data: {
            ...(data as { targetProductId: string; plannedStart: Date; plannedEnd: Date }),
            key: input.key,
            organisationId: org.id,
          },
          select: { id: true },
        });
        await writeLinks(tx, id, replaces, dependsOn);
        const by = { actor: viewer, source: ctx.source, organisationId: org.id };
        await auditChange(tx, by, { type: 'Migration', id }, 'CREATE', null, await migrationSnapshot(tx, id));
        return tx.migration.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),
);

builder.mutationField('updateMigration', (t) =>
  t.prismaField({
    type: Migration,
    errors: mutationErrors('UpdateMigration', datedErrors),
    args: { input: t.arg({ type: UpdateMigrationInput, required: true }) },
    resolve: (query, _root, args, ctx) => {
      const input = references(args.input);
      return ctx.db.prisma.$transaction(async (tx) => {
        const { id, before } = await loadMigrationForChange(tx, ctx, input.id.id, input.revision);
        const chargesBefore = await migrationCharges(tx, id);
        const { data, replaces, dependsOn, problems } = await resolveReferences(tx, before.organisationId, id, input);
        const merged = { ...before, ...data } as typeof before;
        problems.push(...dateProblems(merged));
        if (problems.length) throw new ValidationError(problems);
        requirePastDatesConfirmed(pastPlannedDates(merged, before, undefined, merged.status), input.confirmPastDates);
        const row = { type: 'Migration', id } as const;
        await updateAtRevision(tx, row, input.revision, data);
        await writeLinks(tx, id, replaces, dependsOn);
        // Replacing a usage another organisation operates, or taking up a cancelled migration again, would charge it.
        await requireConsentedCharges(tx, ctx.viewer, chargesBefore, await migrationCharges(tx, id), EFFORT);
        const by = { actor: ctx.viewer, source: ctx.source, organisationId: before.organisationId };
        await auditChange(tx, by, row, 'UPDATE', before, await migrationSnapshot(tx, id));
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
    resolve: (query, _root, { input }, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        // Editors of the migration's organisation, and of the organisation its technisch beheer effort is charged to.
        const { id, before, charges } = await loadMigrationForChange(tx, ctx, input.id.id, input.revision, 'CHARGED');
        const row = { type: 'Migration', id } as const;
        await updateAtRevision(tx, row, input.revision);
        await tx.migrationEffort.deleteMany({ where: { migrationId: id } });
        await tx.migrationEffort.createMany({
          data: input.efforts.filter((e) => e.fte > 0).map((e) => ({ ...e, migrationId: id })),
        });
        // Each organisation's editors change the figures charged to it, and only those.
        await requireConsentedCharges(tx, ctx.viewer, charges ?? new Map(), await migrationCharges(tx, id), EFFORT);
        const by = { actor: ctx.viewer, source: ctx.source, organisationId: before.organisationId };
        await auditChange(tx, by, row, 'UPDATE', before, await migrationSnapshot(tx, id));
        return tx.migration.findUniqueOrThrow({ ...selection(query), where: { id } });
      }),
  }),
);

builder.mutationField('setCapacity', (t) =>
  t.int({
    description:
      'Sets available beheer capacity of an organisation per role and quarter; returns the number of figures written.',
    errors: mutationErrors('SetCapacity'),
    args: { input: t.arg({ type: SetCapacityInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      return ctx.db.prisma.$transaction(async (tx) => {
        const org = await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } });
        if (!org) throw new NotFoundError('Organisatie', input.organisation);
        await writeCapacity(tx, ctx, org.id, input.rows);
        return input.rows.length;
      });
    },
  }),
);
