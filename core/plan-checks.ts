// The plan's problems: deadlines, dependencies, usages left running, cycles and over-allocation (see DESIGN.md).
import type { BeheerRole, CapacityCell, PlanMigration, PlanUsage } from './capacity.ts';
import { endOf, round, startOf } from './capacity.ts';
import { findCycle } from './cycles.ts';
import { todayNl } from './dates.ts';
import { DAY, isPastQuarter } from './quarters.ts';

export type CheckKind =
  | 'AFTER_DEADLINE'
  | 'STARTS_BEFORE_DEPENDENCY'
  | 'STILL_IN_PRODUCTION'
  | 'OVER_ALLOCATED'
  | 'CAPACITY_UNKNOWN'
  | 'DEPENDENCY_CYCLE';

/** The checks about beheer capacity, as opposed to the ones about migrations. */
export const CAPACITY_KINDS: readonly CheckKind[] = ['OVER_ALLOCATED', 'CAPACITY_UNKNOWN'];

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
          checks.push({
            ...none,
            kind: 'STILL_IN_PRODUCTION',
            migrationId: m.id,
            relatedId: id,
            organisationId: m.organisationId,
            amount: null,
          });
        }
      }
    }
  }
  const cycle = findCycle(migrations.flatMap((m) => m.dependsOn.map((to) => ({ from: m.id, to }))));
  if (cycle)
    checks.push({
      ...none,
      kind: 'DEPENDENCY_CYCLE',
      migrationId: cycle[0] ?? null,
      relatedId: cycle[1] ?? null,
      amount: cycle.length - 1,
    });
  for (const c of cells) {
    if (isPastQuarter(c.quarter, today)) continue;
    const cell = {
      migrationId: null,
      relatedId: null,
      organisationId: c.organisationId,
      role: c.role,
      quarter: c.quarter,
    };
    if (c.balance === null) {
      if (c.demand > 0) checks.push({ ...cell, kind: 'CAPACITY_UNKNOWN', amount: c.demand });
    } else if (c.balance < 0) {
      checks.push({ ...cell, kind: 'OVER_ALLOCATED', amount: round(-c.balance) });
    }
  }
  return checks;
}
