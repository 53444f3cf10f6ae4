// Changes to an open scenario, each in the caller's transaction and audited on the scenario's organisation's trail: a
// migration moved or its effort changed inside it, its capacity figures, and the scenario applied to the live plan
// (refused whole when anything blocks it) or discarded. A new scenario is copied from the live plan in
// core/scenario-create.ts.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { organisationBySlug, requireEditor } from './access.ts';
import type { Tx } from './audit.ts';
import { type BeheerRole, moveMigration } from './capacity.ts';
import { migrationCharges, requireConsentedCharges } from './charges.ts';
import { type Context, hasRole } from './context.ts';
import { ConflictError, ForbiddenError, NotFoundError, ScenarioBlockedError, ValidationError } from './errors.ts';
import { dateProblems, migrationSnapshot, writeCapacity } from './migration.ts';
import { pastPlannedDates, requirePastDatesConfirmed } from './past-dates.ts';
import { loadPlan } from './plan-load.ts';
import { auditChange, loadAtRevision, type Snapshot, updateAtRevision } from './revisioned-write.ts';
import { differences, loadScenarioRows, scenarioBlockers } from './scenario.ts';

type Efforts = { role: BeheerRole; quarter: string; fte: number }[];

/** Loads an open scenario the viewer may edit, at the revision they saw. */
export function loadOpenScenario(tx: Tx, ctx: Context, id: string, expected: number) {
  return loadAtRevision(
    tx,
    { type: 'Scenario', id },
    expected,
    (found) =>
      tx.scenario.findUnique({
        where: { id: found },
        select: { id: true, organisationId: true, status: true, revision: true, name: true },
      }),
    (scenario) => {
      requireEditor(ctx, scenario.organisationId);
      if (scenario.status !== 'OPEN')
        throw new ConflictError(
          'Dit scenario is al toegepast of verworpen en kan niet meer veranderen.',
          scenario.revision,
        );
    },
    ctx.viewer,
  );
}

/**
 * Closes a change to an open scenario: its revision goes up by one (with its new status when it is applied or
 * discarded), and the change is audited on its organisation's trail.
 */
async function recordScenarioChange(
  tx: Tx,
  ctx: Context,
  scenario: { id: string; organisationId: string; revision: number },
  action: 'UPDATE' | 'APPLY' | 'DISCARD',
  before: Snapshot,
  after: Snapshot,
  status?: 'APPLIED' | 'DISCARDED',
): Promise<void> {
  const row = { type: 'Scenario', id: scenario.id } as const;
  await updateAtRevision(tx, row, scenario.revision, status ? { status } : {});
  const by = { actor: ctx.viewer, source: ctx.source, organisationId: scenario.organisationId };
  await auditChange(
    tx,
    by,
    row,
    action,
    { ...before, revision: scenario.revision },
    { ...after, revision: scenario.revision + 1 },
  );
}

/** Moves or changes one migration inside an open scenario; the live migration is untouched. */
export async function changeScenarioMigration(
  tx: Tx,
  ctx: Context,
  input: {
    scenario: string;
    revision: number;
    migration: string;
    moveTo?: Date | null;
    plannedStart?: Date | null;
    plannedEnd?: Date | null;
    parallelRunStart?: Date | null;
    parallelRunEnd?: Date | null;
    wave?: number | null;
    efforts?: Efforts | null;
    confirmPastDates?: boolean | null;
  },
): Promise<string> {
  const scenario = await loadOpenScenario(tx, ctx, input.scenario, input.revision);
  const migrationId = input.migration;
  const row = await tx.scenarioMigration.findUnique({
    where: { scenarioId_migrationId: { scenarioId: scenario.id, migrationId } },
  });
  if (!row) throw new NotFoundError('Migratie in dit scenario', encodeGlobalID('Migration', migrationId));
  // A scenario holds only what its editor may apply: migrations of organisations the viewer edits.
  const owner = await tx.migration.findUniqueOrThrow({
    where: { id: migrationId },
    select: {
      organisationId: true,
      organisation: { select: { name: true } },
      targetProduct: { select: { name: true } },
    },
  });
  if (!hasRole(ctx.viewer, owner.organisationId, 'EDITOR'))
    throw new ForbiddenError(
      `Migratie naar ${owner.targetProduct.name} is van ${owner.organisation.name}: alleen redacteuren van ${owner.organisation.name} mogen haar verplaatsen, ook in een scenario, omdat je het scenario anders niet kunt toepassen.`,
    );
  const efforts = await tx.scenarioEffort.findMany({
    where: { scenarioId: scenario.id, migrationId },
    select: { role: true, quarter: true, fte: true },
  });
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
    await tx.scenarioEffort.createMany({
      data: newEfforts.filter((e) => e.fte > 0).map((e) => ({ scenarioId: scenario.id, migrationId, ...e })),
    });
  }
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
  const afterRow = await tx.scenarioMigration.findUniqueOrThrow({
    where: { scenarioId_migrationId: { scenarioId: scenario.id, migrationId } },
  });
  const named = encodeGlobalID('Migration', migrationId);
  await recordScenarioChange(
    tx,
    ctx,
    scenario,
    'UPDATE',
    { [named]: planOf(row, efforts) },
    { [named]: planOf(afterRow, afterEfforts) },
  );
  return scenario.id;
}

/** Sets capacity figures of one organisation inside an open scenario; live capacity is untouched. */
export async function setScenarioCapacity(
  tx: Tx,
  ctx: Context,
  input: { scenario: string; revision: number; organisation: string; rows: Efforts },
): Promise<string> {
  const scenario = await loadOpenScenario(tx, ctx, input.scenario, input.revision);
  const org = await organisationBySlug(tx, input.organisation);
  // The same rule as setCapacity: each organisation records its own capacity, so a scenario holds only what it may apply.
  if (!hasRole(ctx.viewer, org.id, 'EDITOR'))
    throw new ForbiddenError(
      `Alleen redacteuren van ${org.name} mogen de beschikbare capaciteit van ${org.name} vastleggen, ook in een scenario, omdat je het scenario anders niet kunt toepassen.`,
    );
  const where = {
    scenarioId: scenario.id,
    organisationId: org.id,
    OR: input.rows.map((r) => ({ role: r.role, quarter: r.quarter })),
  };
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
      where: {
        scenarioId_organisationId_role_quarter: {
          scenarioId: scenario.id,
          organisationId: org.id,
          role: r.role,
          quarter: r.quarter,
        },
      },
      create: { scenarioId: scenario.id, organisationId: org.id, ...r },
      update: { fte: r.fte },
    });
  }
  await recordScenarioChange(tx, ctx, scenario, 'UPDATE', before, await figures());
  return scenario.id;
}

/** Writes what the scenario changes into the live plan, or refuses the whole with every blocker by name. */
export async function applyScenario(tx: Tx, ctx: Context, input: { id: string; revision: number }): Promise<string> {
  const scenario = await loadOpenScenario(tx, ctx, input.id, input.revision);
  const rows = await loadScenarioRows(tx, scenario.id);
  if (!rows) throw new NotFoundError('Scenario', encodeGlobalID('Scenario', input.id));
  // Read inside the transaction, so what is compared is what is written.
  const live = await loadPlan(tx);
  const blockers = await scenarioBlockers(tx, ctx.viewer, live, rows);
  if (blockers.length) throw new ScenarioBlockedError(blockers);
  const diff = differences(live, rows);
  for (const { m, s, efforts } of diff.migrations) {
    requireEditor(ctx, m.organisationId);
    const before = await migrationSnapshot(tx, m.id);
    const chargesBefore = await migrationCharges(tx, m.id);
    const row = { type: 'Migration', id: m.id } as const;
    await updateAtRevision(tx, row, m.revision, {
      wave: s.wave,
      plannedStart: s.plannedStart,
      plannedEnd: s.plannedEnd,
      parallelRunStart: s.parallelRunStart,
      parallelRunEnd: s.parallelRunEnd,
    });
    await tx.migrationEffort.deleteMany({ where: { migrationId: m.id } });
    await tx.migrationEffort.createMany({
      data: efforts
        .filter((e) => e.fte > 0)
        .map(({ role, quarter, fte }) => ({ migrationId: m.id, role, quarter, fte })),
    });
    // Moving technisch beheer effort charged to the operator of the replaced usage is that operator's call.
    await requireConsentedCharges(
      tx,
      ctx.viewer,
      chargesBefore,
      await migrationCharges(tx, m.id),
      `De inzet voor technisch beheer van migratie "${m.key}"`,
    );
    await auditChange(
      tx,
      { actor: ctx.viewer, source: ctx.source, organisationId: m.organisationId },
      row,
      'APPLY',
      before,
      await migrationSnapshot(tx, m.id),
    );
  }
  const byOrganisation = new Map<string, typeof diff.capacity>();
  for (const c of diff.capacity)
    byOrganisation.set(c.organisationId, [...(byOrganisation.get(c.organisationId) ?? []), c]);
  for (const [organisationId, list] of byOrganisation) await writeCapacity(tx, ctx, organisationId, list, 'APPLY');
  const applied = {
    status: 'APPLIED',
    migrations: diff.migrations.map((d) => d.m.key),
    capacityFigures: diff.capacity.length,
  };
  await recordScenarioChange(tx, ctx, scenario, 'APPLY', { status: 'OPEN' }, applied, 'APPLIED');
  return scenario.id;
}

/** Discards an open scenario; the live plan is not touched. */
export async function discardScenario(tx: Tx, ctx: Context, input: { id: string; revision: number }): Promise<string> {
  const scenario = await loadOpenScenario(tx, ctx, input.id, input.revision);
  await recordScenarioChange(tx, ctx, scenario, 'DISCARD', { status: 'OPEN' }, { status: 'DISCARDED' }, 'DISCARDED');
  return scenario.id;
}
