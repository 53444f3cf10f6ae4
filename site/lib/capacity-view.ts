// What the capacity screens share: the chosen period of quarters from the query string, and how a balance reads.
import { parseQuarter, quartersBetween } from '../../graphql/capacity.ts';
import { fte } from './labels.ts';

/** Quarters a planner can pick from. */
export const quarterOptions = quartersBetween(new Date('2025-01-01T00:00:00Z'), new Date('2030-12-31T00:00:00Z')).map((q) => q.id);

/** The period in `?van=2026-Q3&tot=2028-Q2` (unknown values fall back, a reversed period is turned round), as quarters and as GraphQL dates. */
export function chosenPeriod(params: URLSearchParams, fallback = { from: '2026-Q3', to: '2028-Q2' }) {
  const pick = (name: string, otherwise: string) => (quarterOptions.includes(params.get(name) ?? '') ? (params.get(name) as string) : otherwise);
  let from = pick('van', fallback.from);
  let to = pick('tot', fallback.to);
  if (to < from) [from, to] = [to, from];
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { from, to, dates: { from: iso(parseQuarter(from).first), to: iso(parseQuarter(to).last) } };
}

/** A balance with its sign, minus as − so screen readers and eyes both see it. */
export const signedFte = (v: number) => (v > 0 ? `+${fte(v)}` : v < 0 ? `−${fte(-v)}` : '0');

/** Short when negative, tight under 5 % of what is available, room otherwise; 'none' when nothing is available or asked. */
export function balanceTone(balance: number, available: number, demand = 1): 'short' | 'tight' | 'room' | 'none' {
  if (available === 0 && demand === 0) return 'none';
  if (balance < 0) return 'short';
  return available > 0 && balance / available < 0.05 ? 'tight' : 'room';
}

/** Up to this many organisations the transition screens show everyone; above it, the viewer's own organisations. */
export const SIGNALS_FOR_ALL = 50;
