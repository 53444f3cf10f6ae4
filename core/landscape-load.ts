// Reads what a landscape at a date is worked out from (core/landscape-at.ts): each usage's status, status dates and
// registration, and the organisation's migrations with the usages they replace. Two statements for any number of
// organisations; the API's loaders, the ArchiMate plateau and the difference page read through here.
import type { Database } from '#prisma/client.ts';
import { type DatedUsage, landscapeAt, type PlannedMigration } from './landscape-at.ts';
import { STATUS_DATES_SELECT, type UsageStatus } from './usage-status.ts';

/** A usage as the landscape at a date reads it. */
export type TimedUsage = DatedUsage & { id: string; organisationId: string; productId: string };
/** A migration as the landscape at a date reads it, with what a change list says of it. */
export type TimedMigration = PlannedMigration & { id: string; key: string; organisationId: string };

export interface LandscapeInputs {
  usages: TimedUsage[];
  migrations: TimedMigration[];
}

/** Per organisation id (in the order asked), its usages and migrations. */
export async function loadLandscapeInputs(
  db: Database,
  organisationIds: readonly string[],
): Promise<LandscapeInputs[]> {
  const ids = [...new Set(organisationIds)];
  const [usages, migrations] = await Promise.all([
    db.prisma.usage.findMany({
      where: { organisationId: { in: ids } },
      select: {
        id: true,
        organisationId: true,
        productId: true,
        status: true,
        createdAt: true,
        ...STATUS_DATES_SELECT,
      },
      orderBy: { id: 'asc' },
    }),
    db.prisma.migration.findMany({
      where: { organisationId: { in: ids } },
      select: {
        id: true,
        key: true,
        organisationId: true,
        status: true,
        plannedEnd: true,
        parallelRunStart: true,
        parallelRunEnd: true,
        targetUsageId: true,
        replaces: { select: { usageId: true } },
      },
      orderBy: { key: 'asc' },
    }),
  ]);
  const usagesOf = Map.groupBy(usages, (u) => u.organisationId);
  const migrationsOf = Map.groupBy(migrations, (m) => m.organisationId);
  return organisationIds.map((id) => ({ usages: usagesOf.get(id) ?? [], migrations: migrationsOf.get(id) ?? [] }));
}

/** Each usage id of the landscape on `day` with its status then; usages not in the landscape that day are absent. */
export function statusesOn(inputs: LandscapeInputs, day: Date, today: Date): Map<string, UsageStatus> {
  return new Map(landscapeAt(inputs.usages, inputs.migrations, day, today).map((l) => [l.usage.id, l.status]));
}

/**
 * The usages in the landscape on `day` as a filter on Usage, the same rule as statusAt: from today every usage is in it
 * (with the status it will have); before today those with a status date on or before the day, or, without any status
 * date, registered by the end of the day.
 */
export function presentOnWhere(day: Date, today: Date) {
  if (day >= today) return {};
  const columns = Object.keys(STATUS_DATES_SELECT) as (keyof typeof STATUS_DATES_SELECT)[];
  return {
    OR: [
      ...columns.map((column) => ({ [column]: { lte: day } })),
      {
        AND: [
          ...columns.map((column) => ({ [column]: null })),
          { createdAt: { lt: new Date(day.getTime() + 86_400_000) } },
        ],
      },
    ],
  };
}
