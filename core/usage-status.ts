// The usage statuses and the date each one has (a usage "in productie sinds ..."): the one map from a status to its
// column on Usage and to its key in statusDates (API, content files), which every reader, writer and page uses.
import { UsageStatus } from '#prisma/generated/sqlite/client/enums.ts';

export type { UsageStatus };

/** Each status's date: its column on Usage and its key in statusDates. */
export const STATUS_DATE = {
  ACQUIRING: { column: 'acquiringSince', key: 'acquiring' },
  PLANNED: { column: 'plannedSince', key: 'planned' },
  IN_PRODUCTION: { column: 'inProductionSince', key: 'inProduction' },
  PHASING_OUT: { column: 'phasingOutSince', key: 'phasingOut' },
  RETIRED: { column: 'retiredSince', key: 'retired' },
} as const satisfies Record<UsageStatus, { column: string; key: string }>;

/** The statuses in the model's order: from acquiring to retired. */
export const USAGE_STATUSES = Object.values(UsageStatus);

export type StatusDateColumn = (typeof STATUS_DATE)[UsageStatus]['column'];
export type StatusDateKey = (typeof STATUS_DATE)[UsageStatus]['key'];

/** The five status dates of a usage, as every reader and writer selects them. */
export const STATUS_DATES_SELECT = Object.fromEntries(
  USAGE_STATUSES.map((s) => [STATUS_DATE[s].column, true]),
) as Record<StatusDateColumn, true>;

/** A usage's dates by status, each passed through `as` (a stored date as it is, or as a day's text). */
export const datesByStatus = <T, U>(usage: Record<StatusDateColumn, T>, as: (date: T) => U): Record<UsageStatus, U> =>
  Object.fromEntries(USAGE_STATUSES.map((s) => [s, as(usage[STATUS_DATE[s].column])])) as Record<UsageStatus, U>;

/** A usage's dates by their key in statusDates (acquiring, planned, ...), each passed through `as`. */
export const datesByKey = <T, U>(usage: Record<StatusDateColumn, T>, as: (date: T) => U): Record<StatusDateKey, U> =>
  Object.fromEntries(USAGE_STATUSES.map((s) => [STATUS_DATE[s].key, as(usage[STATUS_DATE[s].column])])) as Record<
    StatusDateKey,
    U
  >;

/** The columns of statusDates given by key (content files): a missing one is null. */
export const columnsOfKeys = <T, U>(
  dates: Partial<Record<StatusDateKey, T>>,
  as: (date: T | undefined) => U,
): Record<StatusDateColumn, U> =>
  Object.fromEntries(USAGE_STATUSES.map((s) => [STATUS_DATE[s].column, as(dates[STATUS_DATE[s].key])])) as Record<
    StatusDateColumn,
    U
  >;
