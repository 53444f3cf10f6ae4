// Scenarios: a named what-if copy of the plan, edited apart from the live plan, compared with it, then applied or discarded.
import { encodeGlobalID } from '@pothos/plugin-relay';
import DataLoader from 'dataloader';
import { z } from 'zod';
import { requireEditor } from '#core/access.ts';
import { recordAudit, type Tx } from '#core/audit.ts';
import { moveMigration } from '#core/capacity.ts';
import { migrationCharges, requireConsentedCharges } from '#core/charges.ts';
import { type Context, hasRole, type Viewer } from '#core/context.ts';
import { todayNl } from '#core/dates.ts';
import { ConflictError, ForbiddenError, mutationErrors, NotFoundError, ScenarioBlockedError, type ScenarioBlocker, ValidationError } from '#core/errors.ts';
import { date, parseInput, requiredText, revision, slug, text } from '#core/input.ts';
import { pastPlannedDates, requirePastDatesConfirmed } from '#core/past-dates.ts';
import { evaluate, overlay, type Plan } from '#core/plan.ts';
import type { PlanCheck } from '#core/plan-checks.ts';
import { type Client, loadPlan } from '#core/plan-load.ts';
import { mayKnowPerson } from '#core/privacy.ts';
import { isPastQuarter, quarterLabel } from '#core/quarters.ts';
import { bumpDataVersion } from '#prisma/data-version.ts';
import { builder, selection } from '../builder.ts';
import { describeChecks, loadNames, quartersArg, roleNl } from './capacity.ts';
import { BeheerRole, ScenarioStatus } from './enums.ts';
import { ScenarioBlockerRef } from './error.ts';
import { datedErrors, dateProblems, EffortInput, effortRows, localId, migrationSnapshot, writeCapacity } from './migration-mutations.ts';

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

interface CellDiff {
  organisation: string;
  role: string;
  quarter: string;
  liveAvailable: number | null;
  liveDemand: number;
  liveBalance: number | null;
  scenarioAvailable: number | null;
  scenarioDemand: number;
  scenarioBalance: number | null;
  past: boolean;
}
const CellDiffRef = builder.objectRef<CellDiff>('ScenarioCapacityCell').implement({
  fields: (t) => ({
    organisation: t.exposeString('organisation'),
    role: t.field({ type: BeheerRole, resolve: (c) => c.role as never }),
    quarter: t.exposeString('quarter'),
    liveAvailable: t.exposeFloat('liveAvailable', { nullable: true, description: 'Null when no capacity is recorded (unknown, not 0).' }),
    liveDemand: t.exposeFloat('liveDemand'),
    liveBalance: t.exposeFloat('liveBalance', { nullable: true, description: 'Null when the available capacity is unknown.' }),
    scenarioAvailable: t.exposeFloat('scenarioAvailable', { nullable: true, description: 'Null when no capacity is recorded (unknown, not 0).' }),
    scenarioDemand: t.exposeFloat('scenarioDemand'),
    scenarioBalance: t.exposeFloat('scenarioBalance', { nullable: true, description: 'Null when the available capacity is unknown.' }),
    past: t.exposeBoolean('past', { description: 'The quarter lies before today’s quarter (Europe/Amsterdam): history, never a signal.' }),
    changed: t.boolean({ resolve: (c) => c.liveAvailable !== c.scenarioAvailable || c.liveDemand !== c.scenarioDemand }),
  }),
});

interface MigrationDiff {
  key: string;
  organisation: string;
  changes: string[];
  live: { plannedStart: Date; plannedEnd: Date; parallelRunStart: Date | null; parallelRunEnd: Date | null; wave: number; effort: number };
  scenario: { plannedStart: Date; plannedEnd: Date; parallelRunStart: Date | null; parallelRunEnd: Date | null; wave: number; effort: number };
}
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
const MigrationDiffRef = builder.objectRef<MigrationDiff>('ScenarioMigrationDiff').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    organisation: t.exposeString('organisation'),
    changes: t.exposeStringList('changes', { description: 'Fields the scenario changes: plannedStart, plannedEnd, parallelRun, wave, effort.' }),
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
  cells: CellDiff[];
  migrations: MigrationDiff[];
  liveChecks: { message: string; kind: string }[];
  scenarioChecks: { message: string; kind: string }[];
}
const ComparisonRef = builder.objectRef<ComparisonShape>('ScenarioComparison').implement({
  description: 'The scenario beside the live plan: capacity balance, changed migrations and checks on both sides.',
  fields: (t) => ({
    organisations: t.exposeStringList('organisations'),
    quarters: t.exposeStringList('quarters'),
    cells: t.field({ type: [CellDiffRef], resolve: (c) => c.cells }),
    migrations: t.field({ type: [MigrationDiffRef], description: 'Migrations the scenario changes.', resolve: (c) => c.migrations }),
    liveChecks: t.field({ type: [CheckDiffRef], resolve: (c) => c.liveChecks }),
    scenarioChecks: t.field({ type: [CheckDiffRef], resolve: (c) => c.scenarioChecks }),
  }),
});

const scenarioRowsSelect = {
  organisationId: true,
  migrations: {
    select: { migrationId: true, baseRevision: true, wave: true, plannedStart: true, plannedEnd: true, parallelRunStart: true, parallelRunEnd: true },
  },
  efforts: { select: { migrationId: true, role: true, quarter: true, fte: true } },
  capacities: { select: { organisationId: true, role: true, quarter: true, fte: true } },
} as const;

type ScenarioRows = NonNullable<Awaited<ReturnType<typeof loadRows>>>;
const loadRows = (db: Context['db']['prisma'] | Tx, id: string) => db.scenario.findUnique({ where: { id }, select: scenarioRowsSelect });

const effortKey = (efforts: { role: string; quarter: string; fte: number }[]) =>
  efforts
    .filter((e) => e.fte > 0)
    .map((e) => `${e.quarter} ${e.role} ${e.fte}`)
    .sort()
    .join(', ');
const sameDay = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** What the scenario changes against the live plan: per migration the fields, per organisation the capacity figures. */
function differences(live: Plan, rows: ScenarioRows) {
  const migrations = rows.migrations.flatMap((s) => {
    const m = live.migrations.find((x) => x.id === s.migrationId);
    if (!m) return [];
    const efforts = rows.efforts.filter((e) => e.migrationId === s.migrationId);
    const changes = [
      ...(sameDay(m.plannedStart, s.plannedStart) ? [] : ['plannedStart']),
      ...(sameDay(m.plannedEnd, s.plannedEnd) ? [] : ['plannedEnd']),
      ...(sameDay(m.parallelRunStart, s.parallelRunStart) && sameDay(m.parallelRunEnd, s.parallelRunEnd) ? [] : ['parallelRun']),
      ...(m.wave === s.wave ? [] : ['wave']),
      ...(effortKey(m.efforts) === effortKey(efforts) ? [] : ['effort']),
    ];
    return changes.length ? [{ m, s, efforts, changes }] : [];
  });
  const liveFte = new Map(live.capacity.map((c) => [`${c.organisationId}|${c.role}|${c.quarter}`, c.fte]));
  const capacity = rows.capacities.filter((c) => (liveFte.get(`${c.organisationId}|${c.role}|${c.quarter}`) ?? 0) !== c.fte);
  return { migrations, capacity };
}

/**
 * The live plan and scenarios' rows for a list of scenarios, in one batch each: every scenario in a list compares itself
 * with the same live plan (its blockers, its comparison), and reading the whole plan per scenario made a list cost a plan
 * per row. Like graphql/loaders.ts these batch but do not remember, so a page that changes the plan and reads again in
 * one request sees the change; overlay() copies, so sharing one plan in a batch is safe.
 */
const scenarioLoaders = new WeakMap<Context, { plan: DataLoader<'live', Plan>; rows: DataLoader<string, ScenarioRows | null> }>();
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
          const rows = await ctx.db.prisma.scenario.findMany({ where: { id: { in: [...ids] } }, select: { id: true, ...scenarioRowsSelect } });
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

const technicalEffort = (efforts: { role: string; quarter: string; fte: number }[]) => effortKey(efforts.filter((e) => e.role === 'TECHNICAL_MANAGEMENT'));

/**
 * Every change in the scenario that stops `viewer` from applying it, by name and with the reason: a migration of an
 * organisation the viewer does not edit, a migration changed in the live plan since the copy, technisch beheer effort
 * charged to an operator the viewer does not edit (that operator owns its figures, SECURITY.md), capacity of an
 * organisation the viewer does not edit. applyScenario refuses with exactly this list; the scenario page shows it first.
 */
export async function scenarioBlockers(p: Client, viewer: Viewer | null, live: Plan, rows: ScenarioRows): Promise<ScenarioBlocker[]> {
  const diff = differences(live, rows);
  const firstReplaced = diff.migrations.flatMap(({ m }) => m.replacedUsageIds.slice(0, 1));
  const operators = new Map(
    firstReplaced.length
      ? (await p.usage.findMany({ where: { id: { in: firstReplaced } }, select: { id: true, operatorId: true } })).map((u) => [u.id, u.operatorId])
      : [],
  );
  const mayEdit = (organisationId: string) => hasRole(viewer, organisationId, 'EDITOR');
  const organisationIds = new Set([...diff.migrations.map(({ m }) => m.organisationId), ...operators.values(), ...diff.capacity.map((c) => c.organisationId)]);
  const ids = [...organisationIds].filter((id): id is string => !!id);
  const names = new Map(
    ids.length ? (await p.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]) : [],
  );
  const nameOf = (id: string) => names.get(id) ?? 'een andere organisatie';
  // A migration is named by where it goes, as people know it, not by its key.
  const targets = new Map(
    diff.migrations.length
      ? (
          await p.migration.findMany({
            where: { id: { in: diff.migrations.map(({ m }) => m.id) } },
            select: { id: true, targetProduct: { select: { name: true } } },
          })
        ).map((x) => [x.id, x.targetProduct.name])
      : [],
  );
  const blockers: ScenarioBlocker[] = [];
  for (const { m, efforts } of diff.migrations) {
    const change = `Migratie naar ${targets.get(m.id) ?? m.key} (${nameOf(m.organisationId)})`;
    const row = rows.migrations.find((x) => x.migrationId === m.id);
    if (!mayEdit(m.organisationId))
      blockers.push({ change, reason: `Alleen redacteuren van ${nameOf(m.organisationId)} mogen deze migratie wijzigen; jij bent dat niet.` });
    if (row && row.baseRevision !== m.revision)
      blockers.push({ change, reason: 'De migratie is in het plan gewijzigd nadat dit scenario werd gemaakt; maak een nieuw scenario.' });
    const operator = operators.get(m.replacedUsageIds[0] ?? '') ?? null;
    if (operator && operator !== m.organisationId && !mayEdit(operator) && technicalEffort(m.efforts) !== technicalEffort(efforts))
      blockers.push({
        change,
        reason: `De inzet voor technisch beheer telt mee in de beheercapaciteit van ${nameOf(operator)}, die het vervangen gebruik beheert; alleen redacteuren van ${nameOf(operator)} mogen dat cijfer wijzigen. Laat de inzet voor technisch beheer zoals in het plan, of vraag ${nameOf(operator)} hem aan te passen.`,
      });
  }
  for (const c of diff.capacity.filter((x) => !mayEdit(x.organisationId)).sort((a, b) => a.quarter.localeCompare(b.quarter)))
    blockers.push({
      change: `Capaciteit ${roleNl[c.role] ?? c.role} in ${quarterLabel(c.quarter)} (${nameOf(c.organisationId)})`,
      reason: `Alleen redacteuren van ${nameOf(c.organisationId)} mogen de beschikbare capaciteit van ${nameOf(c.organisationId)} vastleggen; jij bent dat niet.`,
    });
  return blockers;
}

const sum = (efforts: { fte: number }[]) => Math.round(efforts.reduce((s, e) => s + e.fte, 0) * 1000) / 1000;

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
        s.createdById && mayKnowPerson(ctx.viewer, { userId: s.createdById, organisationIds: [s.organisationId] }) ? (s.createdBy?.name ?? null) : null,
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
        const scenario = overlay(live, rows);
        // Every organisation the copied migrations charge: their own, and the operators (technisch beheer) of the usages
        // they replace or bring into production; and every organisation whose capacity the scenario sets.
        const operatorOf = new Map(live.usages.map((u) => [u.id, u.operatorId]));
        const organisationIds = [
          ...new Set([
            ...rows.migrations.flatMap((m) => {
              const migration = live.migrations.find((x) => x.id === m.migrationId);
              if (!migration) return [];
              const usageIds = [...migration.replacedUsageIds, ...(migration.targetUsageId ? [migration.targetUsageId] : [])];
              return [migration.organisationId, ...usageIds.flatMap((id) => operatorOf.get(id) ?? [])];
            }),
            ...rows.capacities.map((c) => c.organisationId),
          ]),
        ];
        const today = todayNl();
        const before = evaluate(live, organisationIds, quarters, today);
        const after = evaluate(scenario, organisationIds, quarters, today);
        const names = await loadNames(ctx, live);
        const slugOf = (id: string) => names.organisation.get(id)?.slug ?? id;
        const describe = (checks: PlanCheck[]) => describeChecks(checks, names).map((c) => ({ kind: c.kind, message: c.message }));
        const diff = differences(live, rows);
        return {
          organisations: organisationIds.map(slugOf).sort(),
          quarters: quarters.map((q) => q.id),
          cells: before.cells.map((b, i) => {
            const a = after.cells[i] ?? b;
            return {
              organisation: slugOf(b.organisationId),
              role: b.role,
              quarter: b.quarter,
              liveAvailable: b.available,
              liveDemand: b.demand,
              liveBalance: b.balance,
              scenarioAvailable: a.available,
              scenarioDemand: a.demand,
              scenarioBalance: a.balance,
              past: isPastQuarter(b.quarter, today),
            };
          }),
          migrations: diff.migrations.map(({ m, s, efforts, changes }) => ({
            key: m.key,
            organisation: slugOf(m.organisationId),
            changes,
            live: {
              plannedStart: m.plannedStart,
              plannedEnd: m.plannedEnd,
              parallelRunStart: m.parallelRunStart,
              parallelRunEnd: m.parallelRunEnd,
              wave: m.wave,
              effort: sum(m.efforts),
            },
            scenario: {
              plannedStart: s.plannedStart,
              plannedEnd: s.plannedEnd,
              parallelRunStart: s.parallelRunStart,
              parallelRunEnd: s.parallelRunEnd,
              wave: s.wave,
              effort: sum(efforts),
            },
          })),
          liveChecks: describe(before.checks),
          scenarioChecks: describe(after.checks),
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
      ctx.db.prisma.scenario.findMany({ ...query, where: args.status ? { status: args.status } : {}, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] }),
  }),
}));

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

/** The audit event of a change to an open scenario, on its organisation's trail, at the scenario's new revision. */
function auditScenario(
  tx: Tx,
  ctx: Context,
  scenario: { organisationId: string },
  scenarioId: string,
  revision: number,
  action: 'UPDATE' | 'APPLY' | 'DISCARD',
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  return recordAudit(tx, {
    actor: ctx.viewer,
    source: ctx.source,
    organisationId: scenario.organisationId,
    entityType: 'Scenario',
    entityId: scenarioId,
    action,
    before,
    after,
    revision,
  });
}

/** Loads an open scenario the viewer may edit, at the revision they saw. */
async function loadOpen(tx: Tx, ctx: Context, globalId: string, expected: number) {
  const id = localId(globalId, 'Scenario');
  const scenario = id
    ? await tx.scenario.findUnique({ where: { id }, select: { id: true, organisationId: true, status: true, revision: true, name: true } })
    : null;
  if (!id || !scenario) throw new NotFoundError('Scenario', globalId);
  requireEditor(ctx, scenario.organisationId);
  if (scenario.status !== 'OPEN') throw new ConflictError('Dit scenario is al toegepast of verworpen en kan niet meer veranderen.', scenario.revision);
  if (scenario.revision !== expected)
    throw new ConflictError(
      `Dit scenario is intussen gewijzigd (revisie ${expected} → ${scenario.revision}). Er is niets overschreven; laad opnieuw.`,
      scenario.revision,
    );
  return scenario;
}

async function bump(tx: Tx, id: string, expected: number, data: { status?: 'APPLIED' | 'DISCARDED' } = {}) {
  const { count } = await tx.scenario.updateMany({ where: { id, revision: expected }, data: { ...data, revision: { increment: 1 } } });
  if (count === 0) throw new ConflictError('Dit scenario is intussen gewijzigd. Er is niets overschreven; laad opnieuw.', expected + 1);
  // Every edit is audited as well (which raises the version too); applying and discarding raise it here first.
  await bumpDataVersion(tx);
}

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
        const org = await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } });
        if (!org) throw new NotFoundError('Organisatie', input.organisation);
        const viewer = requireEditor(ctx, org.id);
        const programme = input.programme ? await tx.programme.findUnique({ where: { slug: input.programme }, select: { id: true } }) : null;
        if (input.programme && !programme)
          throw new ValidationError([{ path: ['input', 'programme'], message: `Programma "${input.programme}" bestaat niet.` }]);
        const migrations = await tx.migration.findMany({
          where: { status: { not: 'CANCELLED' }, ...(programme ? { programmeId: programme.id } : {}) },
          select: {
            id: true,
            organisationId: true,
            revision: true,
            wave: true,
            plannedStart: true,
            plannedEnd: true,
            parallelRunStart: true,
            parallelRunEnd: true,
            efforts: { select: { role: true, quarter: true, fte: true } },
            replaces: { select: { usage: { select: { operatorId: true } } } },
          },
        });
        // Capacity of every organisation the copied migrations charge: their own, and the operators of what they replace.
        const organisationIds = [...new Set(migrations.flatMap((m) => [m.organisationId, ...m.replaces.flatMap((r) => r.usage.operatorId ?? [])]))];
        const capacity = await tx.capacity.findMany({
          where: { organisationId: { in: organisationIds } },
          select: { organisationId: true, role: true, quarter: true, fte: true },
        });
        const created = await tx.scenario.create({
          data: { name: input.name, description: input.description ?? null, organisationId: org.id, createdById: viewer.userId },
          select: { id: true },
        });
        await tx.scenarioMigration.createMany({
          data: migrations.map((m) => ({
            scenarioId: created.id,
            migrationId: m.id,
            baseRevision: m.revision,
            wave: m.wave,
            plannedStart: m.plannedStart,
            plannedEnd: m.plannedEnd,
            parallelRunStart: m.parallelRunStart,
            parallelRunEnd: m.parallelRunEnd,
          })),
        });
        await tx.scenarioEffort.createMany({ data: migrations.flatMap((m) => m.efforts.map((e) => ({ scenarioId: created.id, migrationId: m.id, ...e }))) });
        await tx.scenarioCapacity.createMany({ data: capacity.map((c) => ({ scenarioId: created.id, ...c })) });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: org.id,
          entityType: 'Scenario',
          entityId: encodeGlobalID('Scenario', created.id),
          action: 'CREATE',
          before: null,
          after: { name: input.name, migrations: migrations.length, capacityFigures: capacity.length },
          revision: 1,
        });
        return tx.scenario.findUniqueOrThrow({ ...selection(query), where: { id: created.id } });
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
        const scenario = await loadOpen(tx, ctx, input.scenario, input.revision);
        const migrationId = localId(input.migration, 'Migration');
        const row = migrationId ? await tx.scenarioMigration.findUnique({ where: { scenarioId_migrationId: { scenarioId: scenario.id, migrationId } } }) : null;
        if (!row || !migrationId) throw new NotFoundError('Migratie in dit scenario', input.migration);
        // A scenario holds only what its editor may apply: migrations of organisations the viewer edits.
        const owner = await tx.migration.findUniqueOrThrow({
          where: { id: migrationId },
          select: { organisationId: true, organisation: { select: { name: true } }, targetProduct: { select: { name: true } } },
        });
        if (!hasRole(ctx.viewer, owner.organisationId, 'EDITOR'))
          throw new ForbiddenError(
            `Migratie naar ${owner.targetProduct.name} is van ${owner.organisation.name}: alleen redacteuren van ${owner.organisation.name} mogen haar verplaatsen, ook in een scenario, omdat je het scenario anders niet kunt toepassen.`,
          );
        const efforts = await tx.scenarioEffort.findMany({ where: { scenarioId: scenario.id, migrationId }, select: { role: true, quarter: true, fte: true } });
        let plan = {
          ...row,
          efforts,
          id: migrationId,
          organisationId: '',
          status: 'NOT_STARTED' as const,
          actualStart: null,
          actualEnd: null,
          replacedUsageIds: [],
          targetUsageId: null,
        };
        if (input.moveTo) plan = moveMigration(plan, input.moveTo);
        for (const key of ['plannedStart', 'plannedEnd', 'parallelRunStart', 'parallelRunEnd'] as const)
          if (input[key] !== undefined) plan[key] = input[key] as Date;
        const problems = dateProblems(plan);
        if (problems.length) throw new ValidationError(problems);
        requirePastDatesConfirmed(pastPlannedDates(plan, row), input.confirmPastDates);
        await tx.scenarioMigration.update({
          where: { scenarioId_migrationId: { scenarioId: scenario.id, migrationId } },
          data: {
            plannedStart: plan.plannedStart,
            plannedEnd: plan.plannedEnd,
            parallelRunStart: plan.parallelRunStart,
            parallelRunEnd: plan.parallelRunEnd,
            wave: input.wave ?? row.wave,
          },
        });
        const newEfforts = input.efforts ?? (input.moveTo ? plan.efforts : null);
        if (newEfforts) {
          await tx.scenarioEffort.deleteMany({ where: { scenarioId: scenario.id, migrationId } });
          await tx.scenarioEffort.createMany({ data: newEfforts.filter((e) => e.fte > 0).map((e) => ({ scenarioId: scenario.id, migrationId, ...e })) });
        }
        await bump(tx, scenario.id, input.revision);
        // Each change inside a scenario is audited on the scenario's organisation's trail, named by the migration.
        const afterEfforts = await tx.scenarioEffort.findMany({
          where: { scenarioId: scenario.id, migrationId },
          select: { role: true, quarter: true, fte: true },
        });
        const planOf = (r: typeof row, e: typeof efforts) => ({
          wave: r.wave,
          plannedStart: r.plannedStart,
          plannedEnd: r.plannedEnd,
          parallelRunStart: r.parallelRunStart,
          parallelRunEnd: r.parallelRunEnd,
          efforts: [...e].sort((a, b) => `${a.role}${a.quarter}`.localeCompare(`${b.role}${b.quarter}`)),
        });
        const afterRow = await tx.scenarioMigration.findUniqueOrThrow({ where: { scenarioId_migrationId: { scenarioId: scenario.id, migrationId } } });
        await auditScenario(
          tx,
          ctx,
          scenario,
          input.scenario,
          input.revision + 1,
          'UPDATE',
          { [input.migration]: planOf(row, efforts) },
          { [input.migration]: planOf(afterRow, afterEfforts) },
        );
        return tx.scenario.findUniqueOrThrow({ ...selection(query), where: { id: scenario.id } });
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
        const scenario = await loadOpen(tx, ctx, input.scenario, input.revision);
        const org = await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true, name: true } });
        if (!org) throw new NotFoundError('Organisatie', input.organisation);
        // The same rule as setCapacity: each organisation records its own capacity, so a scenario holds only what it may apply.
        if (!hasRole(ctx.viewer, org.id, 'EDITOR'))
          throw new ForbiddenError(
            `Alleen redacteuren van ${org.name} mogen de beschikbare capaciteit van ${org.name} vastleggen, ook in een scenario, omdat je het scenario anders niet kunt toepassen.`,
          );
        const where = { scenarioId: scenario.id, organisationId: org.id, OR: input.rows.map((r) => ({ role: r.role, quarter: r.quarter })) };
        const figures = async () =>
          Object.fromEntries(
            (await tx.scenarioCapacity.findMany({ where, select: { role: true, quarter: true, fte: true } })).map((c) => [
              `${input.organisation} ${c.role} ${c.quarter}`,
              c.fte,
            ]),
          );
        const before = await figures();
        for (const r of input.rows) {
          await tx.scenarioCapacity.upsert({
            where: { scenarioId_organisationId_role_quarter: { scenarioId: scenario.id, organisationId: org.id, role: r.role, quarter: r.quarter } },
            create: { scenarioId: scenario.id, organisationId: org.id, ...r },
            update: { fte: r.fte },
          });
        }
        await bump(tx, scenario.id, input.revision);
        await auditScenario(tx, ctx, scenario, input.scenario, input.revision + 1, 'UPDATE', before, await figures());
        return tx.scenario.findUniqueOrThrow({ ...selection(query), where: { id: scenario.id } });
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
        const scenario = await loadOpen(tx, ctx, input.id, input.revision);
        const rows = await loadRows(tx, scenario.id);
        if (!rows) throw new NotFoundError('Scenario', input.id);
        // Read inside the transaction, so what is compared is what is written.
        const live = await loadPlan(tx);
        const blockers = await scenarioBlockers(tx, ctx.viewer, live, rows);
        if (blockers.length) throw new ScenarioBlockedError(blockers);
        const diff = differences(live, rows);
        for (const { m, s, efforts } of diff.migrations) {
          requireEditor(ctx, m.organisationId);
          const before = await migrationSnapshot(tx, m.id);
          const chargesBefore = await migrationCharges(tx, m.id);
          const { count } = await tx.migration.updateMany({
            where: { id: m.id, revision: m.revision },
            data: {
              wave: s.wave,
              plannedStart: s.plannedStart,
              plannedEnd: s.plannedEnd,
              parallelRunStart: s.parallelRunStart,
              parallelRunEnd: s.parallelRunEnd,
              revision: { increment: 1 },
            },
          });
          if (count === 0) throw new ConflictError(`Migratie "${m.key}" is intussen gewijzigd. Er is niets toegepast.`, m.revision + 1);
          await tx.migrationEffort.deleteMany({ where: { migrationId: m.id } });
          await tx.migrationEffort.createMany({
            data: efforts.filter((e) => e.fte > 0).map(({ role, quarter, fte }) => ({ migrationId: m.id, role, quarter, fte })),
          });
          // Moving technisch beheer effort charged to the operator of the replaced usage is that operator's call.
          await requireConsentedCharges(
            tx,
            ctx.viewer,
            chargesBefore,
            await migrationCharges(tx, m.id),
            `De inzet voor technisch beheer van migratie "${m.key}"`,
          );
          const after = await migrationSnapshot(tx, m.id);
          await recordAudit(tx, {
            actor: ctx.viewer,
            source: ctx.source,
            organisationId: m.organisationId,
            entityType: 'Migration',
            entityId: encodeGlobalID('Migration', m.id),
            action: 'APPLY',
            before,
            after,
            revision: after?.revision ?? null,
          });
        }
        const byOrganisation = new Map<string, typeof diff.capacity>();
        for (const c of diff.capacity) byOrganisation.set(c.organisationId, [...(byOrganisation.get(c.organisationId) ?? []), c]);
        for (const [organisationId, list] of byOrganisation) await writeCapacity(tx, ctx, organisationId, list, 'APPLY');
        await bump(tx, scenario.id, input.revision, { status: 'APPLIED' });
        await auditScenario(
          tx,
          ctx,
          scenario,
          input.id,
          input.revision + 1,
          'APPLY',
          { status: 'OPEN' },
          { status: 'APPLIED', migrations: diff.migrations.map((d) => d.m.key), capacityFigures: diff.capacity.length },
        );
        return tx.scenario.findUniqueOrThrow({ ...selection(query), where: { id: scenario.id } });
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
        const scenario = await loadOpen(tx, ctx, input.id, input.revision);
        await bump(tx, scenario.id, input.revision, { status: 'DISCARDED' });
        await auditScenario(tx, ctx, scenario, input.id, input.revision + 1, 'DISCARD', { status: 'OPEN' }, { status: 'DISCARDED' });
        return tx.scenario.findUniqueOrThrow({ ...selection(query), where: { id: scenario.id } });
      });
    },
  }),
}));
