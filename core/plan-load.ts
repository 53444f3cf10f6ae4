// Loads the live plan (or a scenario's copy of it) from the database into the shapes core/plan.ts evaluates.
import type { Db } from '#prisma/client.ts';
import { overlay, type Plan } from './plan.ts';

/** The Prisma client, or the transaction client inside `$transaction`: a plan read in a transaction is what it writes against. */
export type Client = Db | Parameters<Parameters<Db['$transaction']>[0]>[0];

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
  const runsOrOperates = organisationIds
    ? { OR: [{ organisationId: { in: organisationIds } }, { operatorId: { in: organisationIds } }] }
    : undefined;
  // Scoped, the migrations are found from the organisations' usages through indexes: a condition on the migration's
  // replaced usages inside the migration query made the database test every migration in the country. A migration
  // that targets a usage they run or operate counts too: it starts that usage's production (and its beheer).
  const linked = runsOrOperates
    ? await p.usage.findMany({
        where: { AND: [runsOrOperates, { OR: [{ replacedBy: { some: {} } }, { targetOf: { some: {} } }] }] },
        select: { replacedBy: { select: { migrationId: true } }, targetOf: { select: { id: true } } },
      })
    : [];
  const linkedMigrationIds = [
    ...new Set(linked.flatMap((u) => [...u.replacedBy.map((r) => r.migrationId), ...u.targetOf.map((m) => m.id)])),
  ];
  const migrationWhere = organisationIds
    ? { OR: [{ organisationId: { in: organisationIds } }, { id: { in: linkedMigrationIds } }] }
    : {};
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
        migrations: {
          select: {
            migrationId: true,
            wave: true,
            plannedStart: true,
            plannedEnd: true,
            parallelRunStart: true,
            parallelRunEnd: true,
          },
        },
        efforts: { select: { migrationId: true, role: true, quarter: true, fte: true } },
        capacities: { select: { organisationId: true, role: true, quarter: true, fte: true } },
      },
    }),
  ]);
  return overlay(live, scenario);
}
