// Changes to scenarios through the API: create (a copy of the live plan), edit a migration or capacity inside one,
// apply it to the live plan or discard it. Each is one transaction over core/scenario-create.ts
// or core/scenario-changes.ts.
import type { Tx } from '#core/audit.ts';
import type { Context } from '#core/context.ts';
import {
  ConflictError,
  ForbiddenError,
  mutationErrors,
  NotFoundError,
  ScenarioBlockedError,
  ValidationError,
} from '#core/errors.ts';
import { requiredText, revision, slug, text } from '#core/input.ts';
import { effortRows, migrationField } from '#core/migration.ts';
import {
  applyScenario,
  changeScenarioMigration,
  discardScenario,
  setScenarioCapacity,
} from '#core/scenario-changes.ts';
import { createScenario } from '#core/scenario-create.ts';
import { builder, selection } from '../builder.ts';
import { Migration } from './migration.ts';
import { datedErrors, EffortInput } from './migration-mutations.ts';
import { Scenario } from './scenario.ts';

const CreateScenarioInput = builder.inputType('CreateScenarioInput', {
  fields: (t) => ({
    organisation: t.string({
      required: true,
      description: 'Slug of the organisation whose editors edit it.',
      validate: slug,
    }),
    name: t.string({ required: true, validate: requiredText(200) }),
    description: t.string({ validate: text(2000).nullish() }),
    programme: t.string({
      description: 'Copy only this programme’s migrations (slug); all migrations without it.',
      validate: slug.nullish(),
    }),
  }),
});
const UpdateScenarioMigrationInput = builder.inputType('UpdateScenarioMigrationInput', {
  fields: (t) => ({
    scenario: t.globalID({ required: true, for: Scenario }),
    revision: t.int({ required: true, description: 'The scenario’s revision.', validate: revision }),
    migration: t.globalID({ required: true, for: Migration }),
    moveTo: t.field({
      type: 'Date',
      description: 'New planned start: every date moves with it, effort by whole quarters.',
      validate: migrationField.date,
    }),
    plannedStart: t.field({ type: 'Date', validate: migrationField.date }),
    plannedEnd: t.field({ type: 'Date', validate: migrationField.date }),
    parallelRunStart: t.field({ type: 'Date', validate: migrationField.date }),
    parallelRunEnd: t.field({ type: 'Date', validate: migrationField.date }),
    wave: t.int({ validate: migrationField.wave }),
    efforts: t.field({
      type: [EffortInput],
      description: 'Replaces the migration’s effort in the scenario.',
      validate: effortRows.nullish(),
    }),
    confirmPastDates: t.boolean({
      description:
        'Accept planned dates before today; without it such a change is refused with a PastDateError that says why.',
    }),
  }),
});
const SetScenarioCapacityInput = builder.inputType('SetScenarioCapacityInput', {
  fields: (t) => ({
    scenario: t.globalID({ required: true, for: Scenario }),
    revision: t.int({ required: true, validate: revision }),
    organisation: t.string({ required: true, validate: slug }),
    rows: t.field({
      type: [EffortInput],
      required: true,
      description: 'Available FTE per role and quarter in the scenario; 0 means none.',
      validate: effortRows,
    }),
  }),
});

/**
 * One transaction over a change of core/scenario-create.ts or core/scenario-changes.ts, answering the scenario as the
 * query selects it.
 */
function inTransaction<I>(
  ctx: Context,
  query: Parameters<typeof selection>[0],
  input: I,
  change: (tx: Tx, ctx: Context, input: I) => Promise<string>,
) {
  return ctx.db.prisma.$transaction(async (tx) => {
    const id = await change(tx, ctx, input);
    return tx.scenario.findUniqueOrThrow({ ...selection(query), where: { id } });
  });
}

builder.mutationFields((t) => {
  const atRevision = {
    id: t.arg.globalID({ required: true, for: Scenario }),
    revision: t.arg.int({ required: true, validate: revision }),
  };
  return {
    createScenario: t.prismaField({
      type: Scenario,
      errors: mutationErrors('CreateScenario'),
      description: 'Copies the live plan (migration dates, effort, capacity) into a new scenario.',
      args: { input: t.arg({ type: CreateScenarioInput, required: true }) },
      resolve: (query, _root, { input }, ctx) => inTransaction(ctx, query, input, createScenario),
    }),
    updateScenarioMigration: t.prismaField({
      type: Scenario,
      errors: mutationErrors('UpdateScenarioMigration', datedErrors),
      description: 'Moves or changes one migration inside a scenario; the live migration is untouched.',
      args: { input: t.arg({ type: UpdateScenarioMigrationInput, required: true }) },
      resolve: (query, _root, { input }, ctx) =>
        inTransaction(
          ctx,
          query,
          { ...input, scenario: input.scenario.id, migration: input.migration.id },
          changeScenarioMigration,
        ),
    }),
    setScenarioCapacity: t.prismaField({
      type: Scenario,
      errors: mutationErrors('SetScenarioCapacity'),
      description: 'Changes available capacity inside a scenario; live capacity is untouched.',
      args: { input: t.arg({ type: SetScenarioCapacityInput, required: true }) },
      resolve: (query, _root, { input }, ctx) =>
        inTransaction(ctx, query, { ...input, scenario: input.scenario.id }, setScenarioCapacity),
    }),
    applyScenario: t.prismaField({
      type: Scenario,
      errors: mutationErrors('ApplyScenario', [
        ForbiddenError,
        NotFoundError,
        ValidationError,
        ConflictError,
        ScenarioBlockedError,
      ]),
      description:
        'Writes what the scenario changes into the live plan in one audited transaction; refused whole (ScenarioBlockedError, every blocking change by name with the reason, as Scenario.blockers) if a changed migration moved on since the copy, or the viewer may not change a figure concerned.',
      args: atRevision,
      resolve: (query, _root, args, ctx) =>
        inTransaction(ctx, query, { id: args.id.id, revision: args.revision }, applyScenario),
    }),
    discardScenario: t.prismaField({
      type: Scenario,
      errors: mutationErrors('DiscardScenario'),
      description: 'Discards a scenario; the live plan is not touched.',
      args: atRevision,
      resolve: (query, _root, args, ctx) =>
        inTransaction(ctx, query, { id: args.id.id, revision: args.revision }, discardScenario),
    }),
  };
});
