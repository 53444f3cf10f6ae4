// Changes to scenarios through the API: create (a copy of the live plan), edit a migration or capacity inside one,
// apply it to the live plan or discard it. Each is one transaction over core/scenario-changes.ts.
import { z } from 'zod';
import { ConflictError, ForbiddenError, mutationErrors, NotFoundError, ScenarioBlockedError, ValidationError } from '#core/errors.ts';
import { date, parseInput, requiredText, revision, slug, text } from '#core/input.ts';
import { effortRows } from '#core/migration.ts';
import { applyScenario, changeScenarioMigration, createScenario, discardScenario, setScenarioCapacity } from '#core/scenario-changes.ts';
import { builder, selection } from '../builder.ts';
import { datedErrors, EffortInput } from './migration-mutations.ts';
import { Scenario } from './scenario.ts';

const CreateScenarioInput = builder.inputType('CreateScenarioInput', {
  fields: (t) => ({
    organisation: t.string({ required: true, description: 'Slug of the organisation whose editors edit it.' }),
    name: t.string({ required: true }),
    description: t.string(),
    programme: t.string({ description: 'Copy only this programme’s migrations (slug); all migrations without it.' }),
  }),
});
const UpdateScenarioMigrationInput = builder.inputType('UpdateScenarioMigrationInput', {
  fields: (t) => ({
    scenario: t.id({ required: true }),
    revision: t.int({ required: true, description: 'The scenario’s revision.' }),
    migration: t.id({ required: true }),
    moveTo: t.field({ type: 'Date', description: 'New planned start: every date moves with it, effort by whole quarters.' }),
    plannedStart: t.field({ type: 'Date' }),
    plannedEnd: t.field({ type: 'Date' }),
    parallelRunStart: t.field({ type: 'Date' }),
    parallelRunEnd: t.field({ type: 'Date' }),
    wave: t.int(),
    efforts: t.field({ type: [EffortInput], description: 'Replaces the migration’s effort in the scenario.' }),
    confirmPastDates: t.boolean({
      description: 'Accept planned dates before today; without it such a change is refused with a PastDateError that says why.',
    }),
  }),
});
const SetScenarioCapacityInput = builder.inputType('SetScenarioCapacityInput', {
  fields: (t) => ({
    scenario: t.id({ required: true }),
    revision: t.int({ required: true }),
    organisation: t.string({ required: true }),
    rows: t.field({ type: [EffortInput], required: true, description: 'Available FTE per role and quarter in the scenario; 0 means none.' }),
  }),
});

builder.mutationFields((t) => ({
  createScenario: t.prismaField({
    type: Scenario,
    errors: mutationErrors('CreateScenario'),
    description: 'Copies the live plan (migration dates, effort, capacity) into a new scenario.',
    args: { input: t.arg({ type: CreateScenarioInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(
        z.object({ organisation: slug, name: requiredText(200), description: text(2000).nullish(), programme: slug.nullish() }),
        args.input,
      );
      return ctx.db.prisma.$transaction(async (tx) => {
        const id = await createScenario(tx, ctx, input);
        return tx.scenario.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),

  updateScenarioMigration: t.prismaField({
    type: Scenario,
    errors: mutationErrors('UpdateScenarioMigration', datedErrors),
    description: 'Moves or changes one migration inside a scenario; the live migration is untouched.',
    args: { input: t.arg({ type: UpdateScenarioMigrationInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(
        z.object({
          scenario: z.string().min(1).max(200),
          revision,
          migration: z.string().min(1).max(200),
          moveTo: date.nullish(),
          plannedStart: date.nullish(),
          plannedEnd: date.nullish(),
          parallelRunStart: date.nullish(),
          parallelRunEnd: date.nullish(),
          wave: z.number().int().min(1).max(99).nullish(),
          efforts: effortRows.nullish(),
          confirmPastDates: z.boolean().nullish(),
        }),
        { ...args.input, scenario: String(args.input.scenario), migration: String(args.input.migration) },
      );
      return ctx.db.prisma.$transaction(async (tx) => {
        const id = await changeScenarioMigration(tx, ctx, input);
        return tx.scenario.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),

  setScenarioCapacity: t.prismaField({
    type: Scenario,
    errors: mutationErrors('SetScenarioCapacity'),
    description: 'Changes available capacity inside a scenario; live capacity is untouched.',
    args: { input: t.arg({ type: SetScenarioCapacityInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(z.object({ scenario: z.string().min(1).max(200), revision, organisation: slug, rows: effortRows }), {
        ...args.input,
        scenario: String(args.input.scenario),
      });
      return ctx.db.prisma.$transaction(async (tx) => {
        const id = await setScenarioCapacity(tx, ctx, input);
        return tx.scenario.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),

  applyScenario: t.prismaField({
    type: Scenario,
    errors: mutationErrors('ApplyScenario', [ForbiddenError, NotFoundError, ValidationError, ConflictError, ScenarioBlockedError]),
    description:
      'Writes what the scenario changes into the live plan in one audited transaction; refused whole (ScenarioBlockedError, every blocking change by name with the reason, as Scenario.blockers) if a changed migration moved on since the copy, or the viewer may not change a figure concerned.',
    args: { id: t.arg.id({ required: true }), revision: t.arg.int({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(z.object({ id: z.string().min(1).max(200), revision }), { id: String(args.id), revision: args.revision }, []);
      return ctx.db.prisma.$transaction(async (tx) => {
        const id = await applyScenario(tx, ctx, input);
        return tx.scenario.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),

  discardScenario: t.prismaField({
    type: Scenario,
    errors: mutationErrors('DiscardScenario'),
    description: 'Discards a scenario; the live plan is not touched.',
    args: { id: t.arg.id({ required: true }), revision: t.arg.int({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(z.object({ id: z.string().min(1).max(200), revision }), { id: String(args.id), revision: args.revision }, []);
      return ctx.db.prisma.$transaction(async (tx) => {
        const id = await discardScenario(tx, ctx, input);
        return tx.scenario.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),
}));
