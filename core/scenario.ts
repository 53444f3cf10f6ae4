// A scenario beside the live plan it overlays: its rows, what it changes (per migration the fields, per organisation the
// capacity figures), what stops a viewer from applying it, and the comparison of both plans. Reads only; a scenario is
// made in core/scenario-create.ts and changed in core/scenario-changes.ts.

import { hasRole, type Viewer } from './context.ts';
import type { ScenarioBlocker } from './errors.ts';
import { roleLabel } from './labels.ts';
import { evaluate, overlay, type Plan } from './plan.ts';
import type { PlanCheck } from './plan-checks.ts';
import type { Client } from './plan-load.ts';
import { isPastQuarter, type Quarter, quarterLabel } from './quarters.ts';

export const scenarioRowsSelect = {
  organisationId: true,
  migrations: {
    select: {
      migrationId: true,
      baseRevision: true,
      wave: true,
      plannedStart: true,
      plannedEnd: true,
      parallelRunStart: true,
      parallelRunEnd: true,
    },
  },
  efforts: { select: { migrationId: true, role: true, quarter: true, fte: true } },
  capacities: { select: { organisationId: true, role: true, quarter: true, fte: true } },
} as const;

export type ScenarioRows = NonNullable<Awaited<ReturnType<typeof loadScenarioRows>>>;
/** A scenario's copy of the plan (its migrations, effort and capacity), or null. */
export const loadScenarioRows = (db: Client, id: string) =>
  db.scenario.findUnique({ where: { id }, select: scenarioRowsSelect });

const effortKey = (efforts: { role: string; quarter: string; fte: number }[]) =>
  efforts
    .filter((e) => e.fte > 0)
    .map((e) => `${e.quarter} ${e.role} ${e.fte}`)
    .sort()
    .join(', ');
const sameDay = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** What the scenario changes against the live plan: per migration the fields, per organisation the capacity figures. */
export function differences(live: Plan, rows: ScenarioRows) {
  const migrations = rows.migrations.flatMap((s) => {
    const m = live.migrations.find((x) => x.id === s.migrationId);
    if (!m) return [];
    const efforts = rows.efforts.filter((e) => e.migrationId === s.migrationId);
    const changes = [
      ...(sameDay(m.plannedStart, s.plannedStart) ? [] : ['plannedStart']),
      ...(sameDay(m.plannedEnd, s.plannedEnd) ? [] : ['plannedEnd']),
      ...(sameDay(m.parallelRunStart, s.parallelRunStart) && sameDay(m.parallelRunEnd, s.parallelRunEnd)
        ? []
        : ['parallelRun']),
      ...(m.wave === s.wave ? [] : ['wave']),
      ...(effortKey(m.efforts) === effortKey(efforts) ? [] : ['effort']),
    ];
    return changes.length ? [{ m, s, efforts, changes }] : [];
  });
  const liveFte = new Map(live.capacity.map((c) => [`${c.organisationId}|${c.role}|${c.quarter}`, c.fte]));
  const capacity = rows.capacities.filter(
    (c) => (liveFte.get(`${c.organisationId}|${c.role}|${c.quarter}`) ?? 0) !== c.fte,
  );
  return { migrations, capacity };
}

const technicalEffort = (efforts: { role: string; quarter: string; fte: number }[]) =>
  effortKey(efforts.filter((e) => e.role === 'TECHNICAL_MANAGEMENT'));

/**
 * Every change in the scenario that stops `viewer` from applying it, by name and with the reason: a migration of an
 * organisation the viewer does not edit, a migration changed in the live plan since the copy, technisch beheer effort
 * charged to an operator the viewer does not edit (that operator owns its figures, SECURITY.md), capacity of an
 * organisation the viewer does not edit. applyScenario refuses with exactly this list; the scenario page shows it first.
 */
export async function scenarioBlockers(
  p: Client,
  viewer: Viewer | null,
  live: Plan,
  rows: ScenarioRows,
): Promise<ScenarioBlocker[]> {
  const diff = differences(live, rows);
  const firstReplaced = diff.migrations.flatMap(({ m }) => m.replacedUsageIds.slice(0, 1));
  const operators = new Map(
    firstReplaced.length
      ? (await p.usage.findMany({ where: { id: { in: firstReplaced } }, select: { id: true, operatorId: true } })).map(
          (u) => [u.id, u.operatorId],
        )
      : [],
  );
  const mayEdit = (organisationId: string) => hasRole(viewer, organisationId, 'EDITOR');
  const organisationIds = new Set([
    ...diff.migrations.map(({ m }) => m.organisationId),
    ...operators.values(),
    ...diff.capacity.map((c) => c.organisationId),
  ]);
  const ids = [...organisationIds].filter((id): id is string => !!id);
  const names = new Map(
    ids.length
      ? (await p.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((o) => [
          o.id,
          o.name,
        ])
      : [],
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
      blockers.push({
        change,
        reason: `Alleen redacteuren van ${nameOf(m.organisationId)} mogen deze migratie wijzigen; jij bent dat niet.`,
      });
    if (row && row.baseRevision !== m.revision)
      blockers.push({
        change,
        reason: 'De migratie is in het plan gewijzigd nadat dit scenario werd gemaakt; maak een nieuw scenario.',
      });
    const operator = operators.get(m.replacedUsageIds[0] ?? '') ?? null;
    if (
      operator &&
      operator !== m.organisationId &&
      !mayEdit(operator) &&
      technicalEffort(m.efforts) !== technicalEffort(efforts)
    )
      blockers.push({
        change,
        reason: `De inzet voor technisch beheer telt mee in de beheercapaciteit van ${nameOf(operator)}, die het vervangen gebruik beheert; alleen redacteuren van ${nameOf(operator)} mogen dat cijfer wijzigen. Laat de inzet voor technisch beheer zoals in het plan, of vraag ${nameOf(operator)} hem aan te passen.`,
      });
  }
  for (const c of diff.capacity
    .filter((x) => !mayEdit(x.organisationId))
    .sort((a, b) => a.quarter.localeCompare(b.quarter)))
    blockers.push({
      change: `Capaciteit ${roleLabel[c.role].toLowerCase()} in ${quarterLabel(c.quarter)} (${nameOf(c.organisationId)})`,
      reason: `Alleen redacteuren van ${nameOf(c.organisationId)} mogen de beschikbare capaciteit van ${nameOf(c.organisationId)} vastleggen; jij bent dat niet.`,
    });
  return blockers;
}

const sum = (efforts: { fte: number }[]) => Math.round(efforts.reduce((s, e) => s + e.fte, 0) * 1000) / 1000;

/** One organisation's role in one quarter, in the live plan and in the scenario. */
export interface CellDiff {
  organisationId: string;
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

type PlanSide = {
  plannedStart: Date;
  plannedEnd: Date;
  parallelRunStart: Date | null;
  parallelRunEnd: Date | null;
  wave: number;
  effort: number;
};

/** A migration the scenario changes: which fields, and its plan on both sides. */
export interface MigrationDiff {
  key: string;
  organisationId: string;
  changes: string[];
  live: PlanSide;
  scenario: PlanSide;
}

/**
 * The scenario beside the live plan over `quarters`, judged on `today`: capacity cells of every organisation the
 * copied migrations charge (their own, and the operators, technisch beheer, of the usages they replace or bring into
 * production) and of every organisation whose capacity the scenario sets; the migrations it changes; both sides' checks.
 */
export function compareScenario(live: Plan, rows: ScenarioRows, quarters: Quarter[], today: Date) {
  const scenario = overlay(live, rows);
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
  const before = evaluate(live, organisationIds, quarters, today);
  const after = evaluate(scenario, organisationIds, quarters, today);
  const cells: CellDiff[] = before.cells.map((b, i) => {
    const a = after.cells[i] ?? b;
    return {
      organisationId: b.organisationId,
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
  });
  const side = (m: Omit<PlanSide, 'effort'>, efforts: { fte: number }[]): PlanSide => ({
    plannedStart: m.plannedStart,
    plannedEnd: m.plannedEnd,
    parallelRunStart: m.parallelRunStart,
    parallelRunEnd: m.parallelRunEnd,
    wave: m.wave,
    effort: sum(efforts),
  });
  const migrations: MigrationDiff[] = differences(live, rows).migrations.map(({ m, s, efforts, changes }) => ({
    key: m.key,
    organisationId: m.organisationId,
    changes,
    live: side(m, m.efforts),
    scenario: side(s, efforts),
  }));
  const liveChecks: PlanCheck[] = before.checks;
  const scenarioChecks: PlanCheck[] = after.checks;
  return { organisationIds, cells, migrations, liveChecks, scenarioChecks };
}
