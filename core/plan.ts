// The plan as loaded rows (core/plan-load.ts reads it): a scenario laid over the live plan, and the plan evaluated
// into capacity cells and checks for the transition screens.
import {
  type CapacityCell,
  type CapacityRow,
  capacityOf,
  demandParts,
  type PlanMigration,
  type PlanUsage,
} from './capacity.ts';
import { todayNl } from './dates.ts';
import { type PlanCheck, planChecks } from './plan-checks.ts';
import type { Quarter } from './quarters.ts';

export type PlanMigrationRow = PlanMigration & {
  key: string;
  deadline: Date | null;
  dependsOn: string[];
  revision: number;
  wave: number;
};

export interface Plan {
  usages: PlanUsage[];
  migrations: PlanMigrationRow[];
  capacity: CapacityRow[];
}

export interface ScenarioRows {
  migrations: {
    migrationId: string;
    wave: number;
    plannedStart: Date;
    plannedEnd: Date;
    parallelRunStart: Date | null;
    parallelRunEnd: Date | null;
  }[];
  efforts: { migrationId: string; role: PlanMigration['efforts'][number]['role']; quarter: string; fte: number }[];
  capacities: CapacityRow[];
}

/** The scenario's copy replaces each copied migration's plan and effort, and capacity wherever it holds a figure. */
export function overlay(live: Plan, scenario: ScenarioRows): Plan {
  const copied = new Map(scenario.migrations.map((m) => [m.migrationId, m]));
  const capacityKey = (c: CapacityRow) => `${c.organisationId}|${c.role}|${c.quarter}`;
  const scenarioCapacity = new Map(scenario.capacities.map((c) => [capacityKey(c), c]));
  return {
    usages: live.usages,
    migrations: live.migrations.map((m) => {
      const s = copied.get(m.id);
      if (!s) return m;
      return {
        ...m,
        wave: s.wave,
        plannedStart: s.plannedStart,
        plannedEnd: s.plannedEnd,
        parallelRunStart: s.parallelRunStart,
        parallelRunEnd: s.parallelRunEnd,
        efforts: scenario.efforts
          .filter((e) => e.migrationId === m.id)
          .map(({ role, quarter, fte }) => ({ role, quarter, fte })),
      };
    }),
    capacity: [...live.capacity.filter((c) => !scenarioCapacity.has(capacityKey(c))), ...scenario.capacities],
  };
}

/**
 * Capacity cells of each organisation over the quarters, and the plan's checks judged on `today`. The one place
 * every transition screen (overview, capacity view, scenario page) takes its signals from.
 */
export function evaluate(
  plan: Plan,
  organisationIds: string[],
  quarters: Quarter[],
  today: Date = todayNl(),
): { cells: (CapacityCell & { organisationId: string })[]; checks: PlanCheck[] } {
  const parts = demandParts(plan.usages, plan.migrations, quarters);
  const cells = organisationIds.flatMap((organisationId) =>
    capacityOf(organisationId, quarters, plan.capacity, parts).map((c) => ({ ...c, organisationId })),
  );
  return { cells, checks: planChecks(plan.migrations, plan.usages, cells, today) };
}
