// Calendar quarters and the Dutch day: the calendar the beheer plan is counted in (see "Capacity" in DESIGN.md).

/** A day in milliseconds: every date in the plan is a UTC midnight. */
export const DAY = 86_400_000;

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

/** A quarter's place in a count of quarters since year 0: differences are whole quarters. */
export const quarterIndex = (d: Date) => d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);

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
