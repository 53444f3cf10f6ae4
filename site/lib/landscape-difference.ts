// The "verschil" page's logic (site/pages/organisaties/[slug]/verschil.astro): the two days it compares, with their
// defaults, and the counts and Dutch words of the changes.
import { readDay } from './date-choice.ts';

export type ChangeKind = 'COMES' | 'GOES' | 'CHANGES';

/** How the page names each kind of change. */
export const CHANGE_LABEL: Record<ChangeKind, string> = {
  COMES: 'Komt erbij',
  GOES: 'Verdwijnt',
  CHANGES: 'Andere status',
};

/**
 * The default second day: the latest deadline of the organisation's programmes (the Dimpact deadline in the sample
 * data), else the end of its plan, else the next 1 January; with what the page says about where it comes from.
 */
export function defaultTo(input: {
  deadlines: readonly { name: string; day: string }[];
  planEnd: string | null;
  nextNewYear: string;
}): { day: string; source: string } {
  const latest = [...input.deadlines].sort((a, b) => b.day.localeCompare(a.day))[0];
  if (latest) return { day: latest.day, source: `de deadline van ${latest.name}` };
  if (input.planEnd)
    return { day: input.planEnd, source: 'het einde van het plan (er is geen programma met een deadline)' };
  return { day: input.nextNewYear, source: '1 januari (er is geen programma met een deadline en geen plan)' };
}

/** The two days from the query (`van`, `tot`), each with its error; a wrong one falls back on its default. */
export function readDays(params: URLSearchParams, today: string, to: string) {
  return { from: readDay(params.get('van'), today), to: readDay(params.get('tot'), to) };
}

/** The counts per kind, in the page's order. */
export function changeCounts(changes: readonly { kind: ChangeKind }[]) {
  const count = (kind: ChangeKind) => changes.filter((c) => c.kind === kind).length;
  return { comes: count('COMES'), goes: count('GOES'), changes: count('CHANGES') };
}

/** One sentence for the counts: "3 komen erbij, 1 verdwijnt en 0 krijgen een andere status." */
export function countsSentence(counts: ReturnType<typeof changeCounts>): string {
  const comes = `${counts.comes} ${counts.comes === 1 ? 'komt' : 'komen'} erbij`;
  const goes = `${counts.goes} ${counts.goes === 1 ? 'verdwijnt' : 'verdwijnen'}`;
  const changes = `${counts.changes} ${counts.changes === 1 ? 'krijgt' : 'krijgen'} een andere status`;
  return `${comes}, ${goes} en ${changes}.`;
}
