// A landscape at a date: as it was (from the usages' status dates) or, after today, as it will be if the plan holds
// (from the migrations: the target usage in production from its go-live, the replaced usages phasing out during the
// parallel run and retired after it). The one place that answers "what runs on that day"; the API's `at` arguments,
// the pages' date choice, the statistics over time and the ArchiMate plateau all ask it.
import { isoDay } from './dates.ts';
import { STATUS_DATE, type StatusDateColumn, USAGE_STATUSES, type UsageStatus } from './usage-status.ts';

/** A status a usage takes on a day. */
export type StatusStep = { date: Date; status: UsageStatus };

/** What statusAt reads of a usage: its current status, its status dates and when it was registered. */
export type DatedUsage = { status: UsageStatus; createdAt: Date } & Record<StatusDateColumn, Date | null>;

/** What planSteps reads of a migration. */
export type PlannedMigration = {
  status: string;
  plannedEnd: Date;
  parallelRunStart: Date | null;
  parallelRunEnd: Date | null;
  targetUsageId: string | null;
  replaces: { usageId: string }[];
};

const rank = (status: UsageStatus) => USAGE_STATUSES.indexOf(status);
const byDateThenStatus = (a: StatusStep, b: StatusStep) =>
  a.date.getTime() - b.date.getTime() || rank(a.status) - rank(b.status);

/** The steps a usage's own status dates record, in date order. */
export const datedSteps = (usage: DatedUsage): StatusStep[] =>
  USAGE_STATUSES.flatMap((status) => {
    const date = usage[STATUS_DATE[status].column];
    return date ? [{ date, status }] : [];
  }).sort(byDateThenStatus);

/**
 * The steps the plan gives each usage, by usage id. A migration that is done or cancelled gives none (what it did is in
 * the status dates). Go-live is the start of the parallel run, or the planned end without one; the replaced usages are
 * retired at the end of the parallel run, or at go-live without one.
 */
export function planSteps(migrations: readonly PlannedMigration[]): Map<string, StatusStep[]> {
  const steps = new Map<string, StatusStep[]>();
  const add = (usageId: string, step: StatusStep) => steps.set(usageId, [...(steps.get(usageId) ?? []), step]);
  for (const m of migrations) {
    if (m.status === 'DONE' || m.status === 'CANCELLED') continue;
    const goLive = m.parallelRunStart ?? m.plannedEnd;
    const end = m.parallelRunEnd ?? goLive;
    if (m.targetUsageId) add(m.targetUsageId, { date: goLive, status: 'IN_PRODUCTION' });
    for (const { usageId } of m.replaces) {
      if (end > goLive) add(usageId, { date: goLive, status: 'PHASING_OUT' });
      add(usageId, { date: end, status: 'RETIRED' });
    }
  }
  return steps;
}

/**
 * A usage's status on `day`, or null when it was not (yet) in the landscape then.
 * - Before today: the status of its latest status date on or before the day. A usage without any status date counts
 *   from its registration with its current status.
 * - Today and after: its current status, moved on by its own status dates after today and the plan's steps up to the day
 *   (a step the plan should already have taken counts as taken: "if the plan holds"). Statuses only move forward.
 */
export function statusAt(
  usage: DatedUsage,
  day: Date,
  today: Date,
  plan: readonly StatusStep[] = [],
): UsageStatus | null {
  const own = datedSteps(usage);
  if (day >= today) {
    const ahead = [...own.filter((s) => s.date > today), ...plan].filter((s) => s.date <= day).sort(byDateThenStatus);
    return ahead.reduce<UsageStatus>((status, s) => (rank(s.status) > rank(status) ? s.status : status), usage.status);
  }
  if (own.length === 0) return usage.createdAt.getTime() < day.getTime() + 86_400_000 ? usage.status : null;
  const past = own.filter((s) => s.date <= day);
  return past.at(-1)?.status ?? null;
}

/** Each usage with its status on `day`; those not in the landscape that day are left out. */
export function landscapeAt<U extends DatedUsage & { id: string }>(
  usages: readonly U[],
  migrations: readonly PlannedMigration[],
  day: Date,
  today: Date,
): { usage: U; status: UsageStatus }[] {
  const plan = day >= today ? planSteps(migrations) : new Map<string, StatusStep[]>();
  return usages.flatMap((usage) => {
    const status = statusAt(usage, day, today, plan.get(usage.id));
    return status ? [{ usage, status }] : [];
  });
}

/** A change between two days: a usage that came, went (retired or not there) or changed status. */
export type LandscapeChange<U> = {
  usage: U;
  before: UsageStatus | null;
  after: UsageStatus | null;
};

/** What differs between the landscape on `from` and on `to`, in the order of `usages`. Retired counts as gone. */
export function landscapeDifference<U extends DatedUsage & { id: string }>(
  usages: readonly U[],
  migrations: readonly PlannedMigration[],
  from: Date,
  to: Date,
  today: Date,
): LandscapeChange<U>[] {
  const plan = planSteps(migrations);
  const live = (s: UsageStatus | null) => (s === 'RETIRED' ? null : s);
  return usages.flatMap((usage) => {
    const before = live(statusAt(usage, from, today, plan.get(usage.id)));
    const after = live(statusAt(usage, to, today, plan.get(usage.id)));
    return before === after ? [] : [{ usage, before, after }];
  });
}

/** Which kind of change: a usage that comes into the landscape, goes out of it, or changes status within it. */
export const changeKind = (change: { before: UsageStatus | null; after: UsageStatus | null }) =>
  change.before === null ? 'COMES' : change.after === null ? 'GOES' : 'CHANGES';

/**
 * The migration that makes a usage change between `from` and `to`: one (not cancelled) that has it as target or
 * replaces it and whose go-live or parallel-run end falls in (from, to]; null when the change comes from the usage's own
 * status dates alone.
 */
export function causeOf<M extends PlannedMigration>(
  usageId: string,
  migrations: readonly M[],
  from: Date,
  to: Date,
): M | null {
  const [low, high] = from <= to ? [from, to] : [to, from];
  return (
    migrations.find((m) => {
      if (m.status === 'CANCELLED') return false;
      if (m.targetUsageId !== usageId && !m.replaces.some((r) => r.usageId === usageId)) return false;
      const goLive = m.parallelRunStart ?? m.plannedEnd;
      return [goLive, m.parallelRunEnd ?? goLive].some((d) => d > low && d <= high);
    }) ?? null
  );
}

/** A day the landscape can be asked for: YYYY-MM-DD of a real date, else null (the caller says what is wrong). */
export function parseDay(text: string | null | undefined): Date | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || isoDay(date) !== text ? null : date;
}
