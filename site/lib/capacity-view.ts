// What the capacity screens share: the chosen period of quarters from the query string, and how a balance reads.
import { isoDay, todayNl } from '#core/dates.ts';
import { parseQuarter, quarterOf, quartersBetween, signalPeriod } from '#core/quarters.ts';
import { fte } from './labels.ts';

/** Quarters a planner can pick from: from the year before today's to four years after it. */
export function quarterOptionsFor(today: Date = todayNl()): string[] {
  const year = today.getUTCFullYear();
  return quartersBetween(new Date(Date.UTC(year - 1, 0, 1)), new Date(Date.UTC(year + 4, 11, 31))).map((q) => q.id);
}

/** The period the transition screens show by default, as quarters: the one planChecks judges by (core/quarters.ts, signalPeriod). */
export function defaultPeriod(today: Date = todayNl()): { from: string; to: string } {
  const { from, to } = signalPeriod(today);
  return { from: quarterOf(from), to: quarterOf(to) };
}

/** The period in `?van=2026-Q3&tot=2028-Q2` (unknown values fall back, a reversed period is turned round), as quarters and as GraphQL dates. */
export function chosenPeriod(params: URLSearchParams, fallback = defaultPeriod()) {
  const quarterOptions = quarterOptionsFor();
  const pick = (name: string, otherwise: string) =>
    quarterOptions.includes(params.get(name) ?? '') ? (params.get(name) as string) : otherwise;
  let from = pick('van', fallback.from);
  let to = pick('tot', fallback.to);
  if (to < from) [from, to] = [to, from];
  return { from, to, dates: { from: isoDay(parseQuarter(from).first), to: isoDay(parseQuarter(to).last) } };
}

/** A balance with its sign, minus as − so screen readers and eyes both see it; "onbekend" without recorded capacity. */
export const signedFte = (v: number | null) =>
  v === null ? 'onbekend' : v > 0 ? `+${fte(v)}` : v < 0 ? `−${fte(-v)}` : '0';

/** Available capacity as shown: "?" when none is recorded (unknown, not 0). */
export const availableFte = (v: number | null) => (v === null ? '?' : fte(v));

/**
 * How a cell reads: 'past' for a quarter before today's (history, no alarm colour); 'unknown' when capacity is not
 * recorded but demand is; 'none' when neither is there; otherwise short when negative, tight under 5 % of what is
 * available, room.
 */
export function balanceTone(
  balance: number | null,
  available: number | null,
  demand = 1,
  past = false,
): 'short' | 'tight' | 'room' | 'none' | 'unknown' | 'past' {
  if (past) return 'past';
  if (available === null || balance === null) return demand > 0 ? 'unknown' : 'none';
  if (available === 0 && demand === 0) return 'none';
  if (balance < 0) return 'short';
  return available > 0 && balance / available < 0.05 ? 'tight' : 'room';
}

/** Up to this many organisations the transition screens show everyone; above it, the viewer's own organisations. */
export const SIGNALS_FOR_ALL = 50;
