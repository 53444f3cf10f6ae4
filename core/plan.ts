// Loads the live plan (or a scenario's copy of it) from the database into the shapes core/capacity.ts computes over.
import type { Db } from '#prisma/client.ts';

/** The Prisma client, or the transaction client inside `$transaction`: a plan read in a transaction is what it writes against. */
export type Client = Db | Parameters<Parameters<Db['$transaction']>[0]>[0];

import {
  type CapacityCell,
  type CapacityRow,
  capacityOf,
  demandParts,
  type PlanCheck,
  type PlanMigration,
  type PlanUsage,
  planChecks,
  type Quarter,
} from './capacity.ts';
import { todayNl } from './dates.ts';

export type PlanMigrationRow = PlanMigration & { key: string; deadline: Date | null; dependsOn: string[]; revision: number; wave: number };

export interface Plan {
  usages: PlanUsage[];
  migrations: PlanMigrationRow[];
  capacity: CapacityRow[];
}

const usageSelect = {
  id: true,
  organisationId: true,
  operatorId: true,
  status: true,
  inProductionSince: true,
  retiredSince: true,
  beheerLoads: { select: { role: true, fte: true } },
} as const;

/**
 * The whole live plan: every usage with a beheer load, every migration, all capacity. A fixed number of statements
 * whatever the size; `organisationIds` narrows it to the usages they run or operate and the migrations that touch them.
 */
export async function loadPlan(p: Client, organisationIds?: string[]): Promise<Plan> {
  const runsOrOperates = organisationIds ? { OR: [{ organisationId: { in: organisationIds } }, { operatorId: { in: organisationIds } }] } : undefined;
  // Scoped, the migrations are found from the organisations' usages through indexes: a condition on the migration's
  // replaced usages inside the migration query made the database test every migration in the country. A migration
  // that targets a usage they run or operate counts too: it starts that usage's production (and its beheer).
  const linked = runsOrOperates
    ? await p.usage.findMany({
        where: { AND: [runsOrOperates, { OR: [{ replacedBy: { some: {} } }, { targetOf: { some: {} } }] }] },
        select: { replacedBy: { select: { migrationId: true } }, targetOf: { select: { id: true } } },
      })
    : [];
  const linkedMigrationIds = [...new Set(linked.flatMap((u) => [...u.replacedBy.map((r) => r.migrationId), ...u.targetOf.map((m) => m.id)]))];
  const migrationWhere = organisationIds ? { OR: [{ organisationId: { in: organisationIds } }, { id: { in: linkedMigrationIds } }] } : {};
  const [usageRows, migrationRows, capacity] = await Promise.all([
    p.usage.findMany({ where: { ...runsOrOperates, beheerLoads: { some: {} } }, select: usageSelect }),
    p.migration.findMany({
      where: migrationWhere,
      select: {
        id: true,
        key: true,
        organisationId: true,
        status: true,
        wave: true,
        plannedStart: true,
        plannedEnd: true,
        actualStart: true,
        actualEnd: true,
        parallelRunStart: true,
        parallelRunEnd: true,
        targetUsageId: true,
        revision: true,
        programme: { select: { deadline: true } },
        replaces: { select: { usageId: true } },
        dependsOn: { select: { dependsOnId: true } },
        efforts: { select: { role: true, quarter: true, fte: true } },
      },
    }),
    p.capacity.findMany({
      where: organisationIds ? { organisationId: { in: organisationIds } } : {},
      select: { organisationId: true, role: true, quarter: true, fte: true },
    }),
  ]);
  return {
    usages: usageRows.map((u) => ({ ...u, load: u.beheerLoads })),
    migrations: migrationRows.map((m) => ({
      ...m,
      deadline: m.programme?.deadline ?? null,
      replacedUsageIds: m.replaces.map((r) => r.usageId),
      dependsOn: m.dependsOn.map((d) => d.dependsOnId),
    })),
    capacity,
  };
}

/** A scenario's plan: the live plan with the scenario's migration dates, effort and capacity laid over it. */
export async function loadScenarioPlan(p: Client, scenarioId: string, organisationIds?: string[]): Promise<Plan> {
  const [live, scenario] = await Promise.all([
    loadPlan(p, organisationIds),
    p.scenario.findUniqueOrThrow({
      where: { id: scenarioId },
      select: {
        migrations: { select: { migrationId: true, wave: true, plannedStart: true, plannedEnd: true, parallelRunStart: true, parallelRunEnd: true } },
        efforts: { select: { migrationId: true, role: true, quarter: true, fte: true } },
        capacities: { select: { organisationId: true, role: true, quarter: true, fte: true } },
      },
    }),
  ]);
  return overlay(live, scenario);
}

export interface ScenarioRows {
  migrations: { migrationId: string; wave: number; plannedStart: Date; plannedEnd: Date; parallelRunStart: Date | null; parallelRunEnd: Date | null }[];
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
        efforts: scenario.efforts.filter((e) => e.migrationId === m.id).map(({ role, quarter, fte }) => ({ role, quarter, fte })),
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
  const cells = organisationIds.flatMap((organisationId) => capacityOf(organisationId, quarters, plan.capacity, parts).map((c) => ({ ...c, organisationId })));
  return { cells, checks: planChecks(plan.migrations, plan.usages, cells, today) };
}
