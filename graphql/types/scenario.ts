// Scenarios as the API shows them: a named what-if copy of the plan, its blockers and its comparison with the live plan.
// The rules are in core/scenario.ts; the changes (create, edit, apply, discard) in scenario-mutations.ts.
import { encodeGlobalID } from '@pothos/plugin-relay';
import DataLoader from 'dataloader';
import type { Context } from '#core/context.ts';
import { todayNl } from '#core/dates.ts';
import { NotFoundError } from '#core/errors.ts';
import type { Plan } from '#core/plan.ts';
import { loadPlan } from '#core/plan-load.ts';
import { mayKnowPerson } from '#core/privacy.ts';
import {
  type CellDiff,
  compareScenario,
  type MigrationDiff,
  type ScenarioRows,
  scenarioBlockers,
  scenarioRowsSelect,
} from '#core/scenario.ts';
import { builder } from '../builder.ts';
import { BeheerRole, ScenarioStatus } from './enums.ts';
import { ScenarioBlockerRef } from './error.ts';
import { describeChecks, loadNames, quartersArg } from './plan-check.ts';

builder.prismaObject('ScenarioMigration', {
  description: 'A migration’s plan inside a scenario.',
  fields: (t) => ({
    migrationId: t.id({ resolve: (m) => encodeGlobalID('Migration', m.migrationId) }),
    baseRevision: t.exposeInt('baseRevision', { description: 'Revision of the live migration it was copied from.' }),
    wave: t.exposeInt('wave'),
    plannedStart: t.expose('plannedStart', { type: 'Date' }),
    plannedEnd: t.expose('plannedEnd', { type: 'Date' }),
    parallelRunStart: t.expose('parallelRunStart', { type: 'Date', nullable: true }),
    parallelRunEnd: t.expose('parallelRunEnd', { type: 'Date', nullable: true }),
  }),
});

const CellDiffRef = builder
  .objectRef<Omit<CellDiff, 'organisationId'> & { organisation: string }>('ScenarioCapacityCell')
  .implement({
    fields: (t) => ({
      organisation: t.exposeString('organisation'),
      role: t.field({ type: BeheerRole, resolve: (c) => c.role as never }),
      quarter: t.exposeString('quarter'),
      liveAvailable: t.exposeFloat('liveAvailable', {
        nullable: true,
        description: 'Null when no capacity is recorded (unknown, not 0).',
      }),
      liveDemand: t.exposeFloat('liveDemand'),
      liveBalance: t.exposeFloat('liveBalance', {
        nullable: true,
        description: 'Null when the available capacity is unknown.',
      }),
      scenarioAvailable: t.exposeFloat('scenarioAvailable', {
        nullable: true,
        description: 'Null when no capacity is recorded (unknown, not 0).',
      }),
      scenarioDemand: t.exposeFloat('scenarioDemand'),
      scenarioBalance: t.exposeFloat('scenarioBalance', {
        nullable: true,
        description: 'Null when the available capacity is unknown.',
      }),
      past: t.exposeBoolean('past', {
        description: 'The quarter lies before today’s quarter (Europe/Amsterdam): history, never a signal.',
      }),
      changed: t.boolean({
        resolve: (c) => c.liveAvailable !== c.scenarioAvailable || c.liveDemand !== c.scenarioDemand,
      }),
    }),
  });

const PlanSideRef = builder.objectRef<MigrationDiff['live']>('ScenarioPlanSide').implement({
  fields: (t) => ({
    plannedStart: t.expose('plannedStart', { type: 'Date' }),
    plannedEnd: t.expose('plannedEnd', { type: 'Date' }),
    parallelRunStart: t.expose('parallelRunStart', { type: 'Date', nullable: true }),
    parallelRunEnd: t.expose('parallelRunEnd', { type: 'Date', nullable: true }),
    wave: t.exposeInt('wave'),
    effort: t.exposeFloat('effort', { description: 'Total effort in FTE-quarters.' }),
  }),
});
const MigrationDiffRef = builder
  .objectRef<Omit<MigrationDiff, 'organisationId'> & { organisation: string }>('ScenarioMigrationDiff')
  .implement({
    fields: (t) => ({
      key: t.exposeString('key'),
      organisation: t.exposeString('organisation'),
      changes: t.exposeStringList('changes', {
        description: 'Fields the scenario changes: plannedStart, plannedEnd, parallelRun, wave, effort.',
      }),
      live: t.field({ type: PlanSideRef, resolve: (d) => d.live }),
      scenario: t.field({ type: PlanSideRef, resolve: (d) => d.scenario }),
    }),
  });

const CheckDiffRef = builder.objectRef<{ message: string; kind: string }>('ScenarioCheck').implement({
  fields: (t) => ({ kind: t.exposeString('kind'), message: t.exposeString('message') }),
});

interface ComparisonShape {
  organisations: string[];
  quarters: string[];
  cells: (Omit<CellDiff, 'organisationId'> & { organisation: string })[];
  migrations: (Omit<MigrationDiff, 'organisationId'> & { organisation: string })[];
  liveChecks: { message: string; kind: string }[];
  scenarioChecks: { message: string; kind: string }[];
}
const ComparisonRef = builder.objectRef<ComparisonShape>('ScenarioComparison').implement({
  description: 'The scenario beside the live plan: capacity balance, changed migrations and checks on both sides.',
  fields: (t) => ({
    organisations: t.exposeStringList('organisations'),
    quarters: t.exposeStringList('quarters'),
    cells: t.field({ type: [CellDiffRef], resolve: (c) => c.cells }),
    migrations: t.field({
      type: [MigrationDiffRef],
      description: 'Migrations the scenario changes.',
      resolve: (c) => c.migrations,
    }),
    liveChecks: t.field({ type: [CheckDiffRef], resolve: (c) => c.liveChecks }),
    scenarioChecks: t.field({ type: [CheckDiffRef], resolve: (c) => c.scenarioChecks }),
  }),
});
/**
 * The live plan and scenarios' rows for a list of scenarios, in one batch each: every scenario in a list compares itself
 * with the same live plan (its blockers, its comparison), and reading the whole plan per scenario made a list cost a plan
 * per row. Like graphql/loaders.ts these batch but do not remember, so a page that changes the plan and reads again in
 * one request sees the change; overlay() copies, so sharing one plan in a batch is safe.
 */
const scenarioLoaders = new WeakMap<
  Context,
  { plan: DataLoader<'live', Plan>; rows: DataLoader<string, ScenarioRows | null> }
>();
function loadersOf(ctx: Context) {
  let found = scenarioLoaders.get(ctx);
  if (!found) {
    found = {
      plan: new DataLoader(
        async (keys) => {
          const plan = await loadPlan(ctx.db.prisma);
          return keys.map(() => plan);
        },
        { cache: false },
      ),
      rows: new DataLoader(
        async (ids) => {
          const rows = await ctx.db.prisma.scenario.findMany({
            where: { id: { in: [...ids] } },
            select: { id: true, ...scenarioRowsSelect },
          });
          const byId = new Map(rows.map((r) => [r.id, r]));
          return ids.map((id) => byId.get(id) ?? null);
        },
        { cache: false },
      ),
    };
    scenarioLoaders.set(ctx, found);
  }
  return found;
}

export const Scenario = builder.prismaNode('Scenario', {
  id: { field: 'id' },
  description: 'A named what-if copy of the plan; live data never changes while it is edited.',
  authScopes: { reader: true },
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    organisation: t.relation('organisation', { description: 'The organisation whose editors edit the scenario.' }),
    createdBy: t.string({
      nullable: true,
      description:
        "The creator's name: for the creator, members of the scenario's organisation (where its creator is an editor) and instance administrators; null for others (core/privacy.ts).",
      select: { createdById: true, organisationId: true, createdBy: { select: { name: true } } },
      resolve: (s, _args, ctx) =>
        s.createdById && mayKnowPerson(ctx.viewer, { userId: s.createdById, organisationIds: [s.organisationId] })
          ? (s.createdBy?.name ?? null)
          : null,
    }),
    status: t.expose('status', { type: ScenarioStatus }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    revision: t.exposeInt('revision'),
    migrations: t.relation('migrations', { query: { orderBy: { plannedStart: 'asc' } } }),
    blockers: t.field({
      type: [ScenarioBlockerRef],
      description:
        'The changes that stop the viewer from applying this scenario now, each by name with the reason; empty when applyScenario would go through (applyScenario refuses with the same list).',
      select: { id: true, status: true },
      resolve: async (s, _args, ctx) => {
        if (s.status !== 'OPEN') return [];
        const [live, rows] = await Promise.all([loadersOf(ctx).plan.load('live'), loadersOf(ctx).rows.load(s.id)]);
        return rows ? scenarioBlockers(ctx.db.prisma, ctx.viewer, live, rows) : [];
      },
    }),
    comparison: t.field({
      type: ComparisonRef,
      args: { from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true }) },
      select: { id: true },
      resolve: async (s, args, ctx) => {
        const quarters = quartersArg(args.from, args.to);
        const [live, rows] = await Promise.all([loadersOf(ctx).plan.load('live'), loadersOf(ctx).rows.load(s.id)]);
        if (!rows) throw new NotFoundError('Scenario', s.id);
        const compared = compareScenario(live, rows, quarters, todayNl());
        const names = await loadNames(ctx, live);
        const slugOf = (id: string) => names.organisation.get(id)?.slug ?? id;
        const describe = (checks: typeof compared.liveChecks) =>
          describeChecks(checks, names).map((c) => ({ kind: c.kind, message: c.message }));
        const named = <T extends { organisationId: string }>({ organisationId, ...rest }: T) => ({
          ...rest,
          organisation: slugOf(organisationId),
        });
        return {
          organisations: compared.organisationIds.map(slugOf).sort(),
          quarters: quarters.map((q) => q.id),
          cells: compared.cells.map(named),
          migrations: compared.migrations.map(named),
          liveChecks: describe(compared.liveChecks),
          scenarioChecks: describe(compared.scenarioChecks),
        };
      },
    }),
  }),
});

builder.queryFields((t) => ({
  scenarios: t.prismaField({
    type: ['Scenario'],
    authScopes: { reader: true },
    args: { status: t.arg({ type: ScenarioStatus, required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.scenario.findMany({
        ...query,
        where: args.status ? { status: args.status } : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
  }),
}));
