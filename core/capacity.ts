// Beheer capacity arithmetic and plan checks, as plain functions over loaded rows (see "Capacity" in DESIGN.md).

import { type BeheerRole, BeheerRole as BeheerRoleEnum, type MigrationStatus, type UsageStatus } from '#prisma/generated/sqlite/client/enums.ts';
import { findCycle } from './cycles.ts';
import { todayNl } from './dates.ts';

export type { BeheerRole };
export { findCycle };

/** The beheer roles in the model's order, from the Prisma enum so the arithmetic and the database cannot drift apart. */
export const ROLES = Object.values(BeheerRoleEnum) as BeheerRole[];

const DAY = 86_400_000;

export interface Quarter {
  /** "2027-Q1" */
  id: string;
  /** First day, UTC midnight. */
  first: Date;
  /** Last day, UTC midnight (inclusive). */
  last: Date;
  days: number;
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/**
 * A quarter as people read it: "2027-Q1" is "K1 2027". The one format of every page, chart, table, message and export
 * label meant for people. The id ("2027-Q1") stays where machines read it (URLs, form values, the API, content files):
 * it sorts as text and parses without knowing the language.
 */
export function quarterLabel(id: string): string {
  const q = parseQuarter(id);
  return `K${q.first.getUTCMonth() / 3 + 1} ${q.first.getUTCFullYear()}`;
}

export function parseQuarter(id: string): Quarter {
  const match = /^(\d{4})-Q([1-4])$/.exec(id);
  if (!match) throw new Error(`Not a quarter: "${id}" (expected e.g. 2027-Q1)`);
  const year = Number(match[1]);
  const q = Number(match[2]) - 1;
  const first = utc(year, q * 3, 1);
  const last = new Date(utc(year, q * 3 + 3, 1).getTime() - DAY);
  return { id, first, last, days: Math.round((last.getTime() - first.getTime()) / DAY) + 1 };
}

/** Every calendar quarter that touches the period from `from` to `to` (both inclusive). */
export function quartersBetween(from: Date, to: Date): Quarter[] {
  const result: Quarter[] = [];
  let q = parseQuarter(quarterOf(from));
  while (q.first.getTime() <= to.getTime()) {
    result.push(q);
    q = parseQuarter(quarterOf(new Date(q.last.getTime() + DAY)));
  }
  return result;
}

/** Moves a quarter id by whole quarters: shiftQuarter("2027-Q4", 1) is "2028-Q1". */
export function shiftQuarter(id: string, by: number): string {
  const q = parseQuarter(id);
  const index = q.first.getUTCFullYear() * 4 + q.first.getUTCMonth() / 3 + by;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** The share of the quarter's days that fall within the period (inclusive ends; null ends are open). */
export function shareOfQuarter(q: Quarter, start: Date | null, end: Date | null): number {
  const from = Math.max(q.first.getTime(), start?.getTime() ?? -Infinity);
  const to = Math.min(q.last.getTime(), end?.getTime() ?? Infinity);
  if (to < from) return 0;
  return (Math.round((to - from) / DAY) + 1) / q.days;
}

export interface PlanUsage {
  id: string;
  organisationId: string;
  /** The organisation that delivers technisch beheer; null means the organisation itself. */
  operatorId: string | null;
  status: UsageStatus;
  inProductionSince: Date | null;
  retiredSince: Date | null;
  load: { role: BeheerRole; fte: number }[];
}

export interface PlanMigration {
  id: string;
  organisationId: string;
  status: MigrationStatus;
  plannedStart: Date;
  plannedEnd: Date;
  actualStart: Date | null;
  actualEnd: Date | null;
  parallelRunStart: Date | null;
  parallelRunEnd: Date | null;
  replacedUsageIds: string[];
  targetUsageId: string | null;
  efforts: { role: BeheerRole; quarter: string; fte: number }[];
}

export interface CapacityRow {
  organisationId: string;
  role: BeheerRole;
  quarter: string;
  fte: number;
}

export type DemandKind = 'BASELINE' | 'MIGRATION' | 'PARALLEL_RUN';

export interface DemandPart {
  organisationId: string;
  role: BeheerRole;
  quarter: string;
  fte: number;
  kind: DemandKind;
  usageId: string | null;
  migrationId: string | null;
}

export const startOf = (m: PlanMigration) => m.actualStart ?? m.plannedStart;
export const endOf = (m: PlanMigration) => m.actualEnd ?? m.plannedEnd;
const dayBefore = (d: Date) => new Date(d.getTime() - DAY);
const dayAfter = (d: Date) => new Date(d.getTime() + DAY);

/** Go-live of the new usage: the parallel run's start, or the day after the migration ends when there is none. */
export const goLiveOf = (m: PlanMigration) => m.parallelRunStart ?? dayAfter(endOf(m));

/** Technisch beheer goes to the operator (Emmen for Borger-Odoorn); every other role stays with the organisation. */
const chargedTo = (u: Pick<PlanUsage, 'organisationId' | 'operatorId'>, role: BeheerRole) =>
  role === 'TECHNICAL_MANAGEMENT' ? (u.operatorId ?? u.organisationId) : u.organisationId;

/**
 * The period a usage is in production as far as the plan knows: from its in-production date (open when it is in
 * production without one) to the day before it retires. A migration that replaces it ends its production at the
 * new usage's go-live (its load during the parallel run is counted apart); a migration that targets it starts it then.
 */
function productionPeriod(u: PlanUsage, replacedBy: PlanMigration[], targetOf: PlanMigration[]): { start: Date | null; end: Date | null } | null {
  if (u.status === 'RETIRED' && !u.retiredSince) return null;
  const target = targetOf[0];
  const start = target ? goLiveOf(target) : u.inProductionSince;
  if (!target && !start && (u.status === 'ACQUIRING' || u.status === 'PLANNED')) return null;
  let end: Date | null = u.retiredSince ? dayBefore(u.retiredSince) : null;
  for (const m of replacedBy) {
    const cutover = dayBefore(goLiveOf(m));
    if (!end || cutover < end) end = cutover;
  }
  return { start, end };
}

/** Every part of the demand on beheer in the given quarters, per organisation charged, role and quarter. */
export function demandParts(usages: PlanUsage[], migrations: PlanMigration[], quarters: Quarter[]): DemandPart[] {
  const live = migrations.filter((m) => m.status !== 'CANCELLED');
  const parts: DemandPart[] = [];
  const usageById = new Map(usages.map((u) => [u.id, u]));
  /** A usage's load over a period, pro rata per quarter: its baseline in production, or its load in a parallel run. */
  const chargeLoad = (u: PlanUsage, start: Date | null, end: Date | null, kind: 'BASELINE' | 'PARALLEL_RUN', migrationId: string | null) => {
    for (const q of quarters) {
      const share = shareOfQuarter(q, start, end);
      if (share === 0) continue;
      for (const l of u.load) {
        if (l.fte === 0) continue;
        parts.push({ organisationId: chargedTo(u, l.role), role: l.role, quarter: q.id, fte: l.fte * share, kind, usageId: u.id, migrationId });
      }
    }
  };
  // Indexed by usage once: filtering every migration per usage is quadratic at national scale.
  const byUsage = (links: { usageId: string; m: PlanMigration }[]) =>
    new Map([...Map.groupBy(links, (l) => l.usageId)].map(([id, list]) => [id, list.map((l) => l.m)]));
  const replacing = byUsage(live.flatMap((m) => [...new Set(m.replacedUsageIds)].map((usageId) => ({ usageId, m }))));
  const targeting = byUsage(live.flatMap((m) => (m.targetUsageId ? [{ usageId: m.targetUsageId, m }] : [])));
  for (const u of usages) {
    const period = productionPeriod(u, replacing.get(u.id) ?? [], targeting.get(u.id) ?? []);
    if (period) chargeLoad(u, period.start, period.end, 'BASELINE', null);
  }
  const quarterIds = new Set(quarters.map((q) => q.id));
  for (const m of live) {
    // Migration effort: technisch beheer goes to the operator of the (first) replaced usage, like its baseline.
    const replaced = m.replacedUsageIds.map((id) => usageById.get(id)).filter((u): u is PlanUsage => Boolean(u));
    const owner = { organisationId: m.organisationId, operatorId: replaced[0]?.operatorId ?? null };
    for (const e of m.efforts) {
      if (!quarterIds.has(e.quarter) || e.fte === 0) continue;
      parts.push({
        organisationId: chargedTo(owner, e.role),
        role: e.role,
        quarter: e.quarter,
        fte: e.fte,
        kind: 'MIGRATION',
        usageId: null,
        migrationId: m.id,
      });
    }
    if (m.parallelRunStart && m.parallelRunEnd) for (const u of replaced) chargeLoad(u, m.parallelRunStart, m.parallelRunEnd, 'PARALLEL_RUN', m.id);
  }
  return parts;
}

export interface CapacityCell {
  role: BeheerRole;
  quarter: string;
  /** FTE recorded for the role in the quarter; null when none is recorded: unknown, not zero. */
  available: number | null;
  demand: number;
  /** available - demand; null when the available capacity is unknown. */
  balance: number | null;
  parts: DemandPart[];
}

/**
 * Available, demand and balance of one organisation per role and quarter; a negative balance is over-allocation.
 * Without a capacity row for a role and quarter the available capacity is unknown (null), and so is the balance:
 * nobody recorded it, which is not the same as nobody being there.
 */
export function capacityOf(organisationId: string, quarters: Quarter[], available: CapacityRow[], parts: DemandPart[]): CapacityCell[] {
  // Grouped once: a national plan has tens of thousands of parts, filtered per cell they cost a scan each.
  const key = (role: string, quarter: string) => `${role}|${quarter}`;
  const partsOf = Map.groupBy(
    parts.filter((p) => p.organisationId === organisationId),
    (p) => key(p.role, p.quarter),
  );
  const availableOf = Map.groupBy(
    available.filter((c) => c.organisationId === organisationId),
    (c) => key(c.role, c.quarter),
  );
  const cells: CapacityCell[] = [];
  for (const role of ROLES) {
    for (const q of quarters) {
      const own = partsOf.get(key(role, q.id)) ?? [];
      const rows = availableOf.get(key(role, q.id));
      const have = rows ? rows.reduce((s, c) => s + c.fte, 0) : null;
      const demand = own.reduce((s, p) => s + p.fte, 0);
      cells.push({
        role,
        quarter: q.id,
        available: have === null ? null : round(have),
        demand: round(demand),
        balance: have === null ? null : round(have - demand),
        parts: own,
      });
    }
  }
  return cells;
}

/** Moves a migration's plan to a new start: every planned date shifts by the same number of days, its effort by whole quarters. */
export function moveMigration<M extends PlanMigration>(m: M, newStart: Date): M {
  const days = Math.round((newStart.getTime() - m.plannedStart.getTime()) / DAY);
  const quarters = quarterIndex(newStart) - quarterIndex(m.plannedStart);
  const shift = (d: Date | null) => (d ? new Date(d.getTime() + days * DAY) : null);
  return {
    ...m,
    plannedStart: shift(m.plannedStart) as Date,
    plannedEnd: shift(m.plannedEnd) as Date,
    parallelRunStart: shift(m.parallelRunStart),
    parallelRunEnd: shift(m.parallelRunEnd),
    efforts: m.efforts.map((e) => ({ ...e, quarter: shiftQuarter(e.quarter, quarters) })),
  };
}

const quarterIndex = (d: Date) => d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);

/** Rounded to a thousandth of an FTE: less is noise from pro-rata days. */
export const round = (v: number) => Math.round(v * 1000) / 1000;

export type CheckKind = 'AFTER_DEADLINE' | 'STARTS_BEFORE_DEPENDENCY' | 'STILL_IN_PRODUCTION' | 'OVER_ALLOCATED' | 'CAPACITY_UNKNOWN' | 'DEPENDENCY_CYCLE';

/** The checks about beheer capacity, as opposed to the ones about migrations. */
export const CAPACITY_KINDS: readonly CheckKind[] = ['OVER_ALLOCATED', 'CAPACITY_UNKNOWN'];

/** Whether a quarter lies before the quarter of `today`: history, not something to act on. */
export const isPastQuarter = (quarter: string, today: Date) => quarter < quarterOf(today);

/**
 * The period the transition screens judge by default: from 1 January of today's year to 31 December of the year
 * after next. The overview, the capacity view and the scenario page all start from it, so they count the same cells.
 */
export function signalPeriod(today: Date): { from: Date; to: Date } {
  const year = today.getUTCFullYear();
  return { from: utc(year, 0, 1), to: utc(year + 2, 11, 31) };
}

export interface PlanCheck {
  kind: CheckKind;
  migrationId: string | null;
  relatedId: string | null;
  organisationId: string | null;
  role: BeheerRole | null;
  quarter: string | null;
  /** Days late or early, FTE short; whatever measures the problem. */
  amount: number | null;
}

/**
 * The plan's problems: migrations ending after their programme's deadline, starting before a migration they depend
 * on has ended, done while a usage they replace is still in production, dependency cycles, and over-allocation.
 * Capacity is judged from today's quarter on: a past quarter is history. A cell with demand but no recorded capacity
 * is CAPACITY_UNKNOWN (input to fill in, amount = the demand), never OVER_ALLOCATED.
 */
export function planChecks(
  migrations: (PlanMigration & { deadline: Date | null; dependsOn: string[] })[],
  usages: PlanUsage[],
  cells: (CapacityCell & { organisationId: string })[],
  today: Date = todayNl(),
): PlanCheck[] {
  const checks: PlanCheck[] = [];
  const byId = new Map(migrations.map((m) => [m.id, m]));
  const usageById = new Map(usages.map((u) => [u.id, u]));
  const none = { relatedId: null, organisationId: null, role: null, quarter: null };
  for (const m of migrations) {
    if (m.status === 'CANCELLED') continue;
    if (m.deadline && endOf(m) > m.deadline) {
      checks.push({
        ...none,
        kind: 'AFTER_DEADLINE',
        migrationId: m.id,
        organisationId: m.organisationId,
        amount: Math.round((endOf(m).getTime() - m.deadline.getTime()) / DAY),
      });
    }
    for (const depId of m.dependsOn) {
      const dep = byId.get(depId);
      if (!dep || dep.status === 'CANCELLED') continue;
      if (startOf(m) <= endOf(dep)) {
        checks.push({
          ...none,
          kind: 'STARTS_BEFORE_DEPENDENCY',
          migrationId: m.id,
          relatedId: dep.id,
          organisationId: m.organisationId,
          amount: Math.round((endOf(dep).getTime() - startOf(m).getTime()) / DAY) + 1,
        });
      }
    }
    if (m.status === 'DONE') {
      for (const id of m.replacedUsageIds) {
        const u = usageById.get(id);
        if (u && (u.status === 'IN_PRODUCTION' || u.status === 'PHASING_OUT')) {
          checks.push({ ...none, kind: 'STILL_IN_PRODUCTION', migrationId: m.id, relatedId: id, organisationId: m.organisationId, amount: null });
        }
      }
    }
  }
  const cycle = findCycle(migrations.flatMap((m) => m.dependsOn.map((to) => ({ from: m.id, to }))));
  if (cycle) checks.push({ ...none, kind: 'DEPENDENCY_CYCLE', migrationId: cycle[0] ?? null, relatedId: cycle[1] ?? null, amount: cycle.length - 1 });
  for (const c of cells) {
    if (isPastQuarter(c.quarter, today)) continue;
    const cell = { migrationId: null, relatedId: null, organisationId: c.organisationId, role: c.role, quarter: c.quarter };
    if (c.balance === null) {
      if (c.demand > 0) checks.push({ ...cell, kind: 'CAPACITY_UNKNOWN', amount: c.demand });
    } else if (c.balance < 0) {
      checks.push({ ...cell, kind: 'OVER_ALLOCATED', amount: round(-c.balance) });
    }
  }
  return checks;
}
