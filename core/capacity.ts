// Beheer capacity arithmetic: demand and balance per role and quarter, as plain functions over loaded rows (see
// "Capacity" in DESIGN.md). The calendar is in quarters.ts, the plan's problems in plan-checks.ts.

import {
  type BeheerRole,
  BeheerRole as BeheerRoleEnum,
  type MigrationStatus,
  type UsageStatus,
} from '#prisma/generated/sqlite/client/enums.ts';
import { DAY, type Quarter, quarterIndex, shareOfQuarter, shiftQuarter } from './quarters.ts';

export type { BeheerRole };

/** The beheer roles in the model's order, from the Prisma enum so the arithmetic and the database cannot drift apart. */
export const ROLES = Object.values(BeheerRoleEnum) as BeheerRole[];

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
function productionPeriod(
  u: PlanUsage,
  replacedBy: PlanMigration[],
  targetOf: PlanMigration[],
): { start: Date | null; end: Date | null } | null {
  if (u.status === 'RETIRED' && !u.retiredSince) return null;
  const target = targetOf[0];
  const start = target ? goLiveOf(target) : u.inProductionSince;
  if (!target && !start && (u.status === 'ACQUIRING' || u.status === 'PLANNED')) return null;
  let end: Date | null = u.retiredSince ? dayBefore(u.retiredSince) : null;
  // The earliest end wins: retirement or the day before any replacing migration's go-live.
  for (const m of replacedBy) end = new Date(Math.min(end?.getTime() ?? Infinity, dayBefore(goLiveOf(m)).getTime()));
  return { start, end };
}

/** Every part of the demand on beheer in the given quarters, per organisation charged, role and quarter. */
export function demandParts(usages: PlanUsage[], migrations: PlanMigration[], quarters: Quarter[]): DemandPart[] {
  const live = migrations.filter((m) => m.status !== 'CANCELLED');
  const parts: DemandPart[] = [];
  const usageById = new Map(usages.map((u) => [u.id, u]));
  /** A usage's load over a period, pro rata per quarter: its baseline in production, or its load in a parallel run. */
  const chargeLoad = (
    u: PlanUsage,
    start: Date | null,
    end: Date | null,
    kind: 'BASELINE' | 'PARALLEL_RUN',
    migrationId: string | null,
  ) => {
    for (const q of quarters) {
      const share = shareOfQuarter(q, start, end);
      if (share === 0) continue;
      for (const l of u.load) {
        if (l.fte === 0) continue;
        parts.push({
          organisationId: chargedTo(u, l.role),
          role: l.role,
          quarter: q.id,
          fte: l.fte * share,
          kind,
          usageId: u.id,
          migrationId,
        });
      }
    }
  };
  // Indexed by usage once: filtering every migration per usage is quadratic at national scale.
  const byUsage = (links: { usageId: string; m: PlanMigration }[]) =>
    new Map([...Map.groupBy(links, (l) => l.usageId)].map(([id, list]) => [id, list.map((l) => l.m)]));
  const replacing = byUsage(live.flatMap((m) => [...new Set(m.replacedUsageIds)].map((usageId) => ({ usageId, m }))));
  // Stryker disable next-line ArrayDeclaration: a stray entry has no usage id, so no usage ever looks it up
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
    if (m.parallelRunStart && m.parallelRunEnd)
      for (const u of replaced) chargeLoad(u, m.parallelRunStart, m.parallelRunEnd, 'PARALLEL_RUN', m.id);
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
export function capacityOf(
  organisationId: string,
  quarters: Quarter[],
  available: CapacityRow[],
  parts: DemandPart[],
): CapacityCell[] {
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

/** Rounded to a thousandth of an FTE: less is noise from pro-rata days. */
export const round = (v: number) => Math.round(v * 1000) / 1000;
