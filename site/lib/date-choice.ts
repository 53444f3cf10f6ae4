// The date choice of the landscape over time (components/DateChoice.astro): reading the chosen day from a GET form,
// the quick choices (vandaag, 1 januari, a programme's deadline, einde plan) and their links.
import { dateNl, isoDay } from '#core/dates.ts';
import { parseDay } from '#core/landscape-at.ts';
import { withQuery } from './routes.ts';

/** A quick choice: a day with its label; `day` null when the data has none (the component says so in `note`). */
export interface QuickChoice {
  label: string;
  day: string | null;
  note?: string;
}

/** The day a form asked for: the day to show, what the field shows back, and a Dutch error for a wrong one. */
export interface ChosenDay {
  day: string;
  value: string;
  error: string | null;
}

/** Reads `text` (YYYY-MM-DD); empty gives `fallback`, a wrong one `fallback` with an error naming what was typed. */
export function readDay(text: string | null | undefined, fallback: string): ChosenDay {
  const typed = (text ?? '').trim();
  if (!typed) return { day: fallback, value: fallback, error: null };
  if (parseDay(typed)) return { day: typed, value: typed, error: null };
  return {
    day: fallback,
    value: typed.slice(0, 40),
    error: `“${typed.slice(0, 40)}” is geen geldige datum. Kies een datum als 2027-07-01 (jaar-maand-dag); nu wordt ${dateNl(fallback)} getoond.`,
  };
}

/** The first 1 January after `today` (YYYY-MM-DD). */
export const nextNewYear = (today: string) => `${Number(today.slice(0, 4)) + 1}-01-01`;

/**
 * The latest day the plan reaches: the latest planned end or parallel-run end of the migrations still to come (done and
 * cancelled ones left out); null without any.
 */
export function planEnd(
  migrations: readonly { status?: string; plannedEnd: string | Date; parallelRunEnd?: string | Date | null }[],
): string | null {
  const ahead = migrations.filter((m) => m.status !== 'DONE' && m.status !== 'CANCELLED');
  const days = ahead.flatMap((m) =>
    [m.plannedEnd, m.parallelRunEnd].flatMap((d) => (d ? [typeof d === 'string' ? d.slice(0, 10) : isoDay(d)] : [])),
  );
  return days.sort().at(-1) ?? null;
}

/**
 * The quick choices in order: vandaag, 1 januari (next), each programme's deadline (or a note that the data has none)
 * and einde plan (or a note that there is no plan).
 */
export function quickChoices(input: {
  today: string;
  deadlines: readonly { name: string; deadline: string | Date }[];
  planEnd: string | null;
}): QuickChoice[] {
  const newYear = nextNewYear(input.today);
  const deadlines = [...input.deadlines]
    .map((p) => ({ name: p.name, day: typeof p.deadline === 'string' ? p.deadline.slice(0, 10) : isoDay(p.deadline) }))
    .sort((a, b) => a.day.localeCompare(b.day) || a.name.localeCompare(b.name, 'nl'));
  return [
    { label: 'Vandaag', day: input.today },
    { label: `1 januari ${newYear.slice(0, 4)}`, day: newYear },
    ...(deadlines.length
      ? deadlines.map((p) => ({ label: `${dateNl(p.day)} (deadline ${p.name})`, day: p.day }))
      : [{ label: 'Deadline', day: null, note: 'Er is geen programma met een deadline in de gegevens.' }]),
    input.planEnd
      ? { label: `Einde plan (${dateNl(input.planEnd)})`, day: input.planEnd }
      : { label: 'Einde plan', day: null, note: 'Er zijn geen migraties gepland.' },
  ];
}

/** The link of a quick choice: the form's action with its kept parameters and `name` set to the day. */
export const choiceHref = (
  action: string,
  name: string,
  day: string,
  keep: Record<string, string | readonly string[] | null | undefined> = {},
) => withQuery(action, { ...keep, [name]: day });

/**
 * What the page shows for a chosen day (`at`, YYYY-MM-DD, or null for the landscape as registered), in Dutch: of one
 * landscape or, with `plural`, of the landscapes side by side.
 */
export function dayExplanation(at: string | null, today: string, plural = false): string {
  const [what, it, is, was, becomes] = plural
    ? ['de landschappen', 'ze', 'zijn', 'waren', 'worden']
    : ['het landschap', 'het', 'is', 'was', 'wordt'];
  if (at === null)
    return `U ziet ${what} zoals ${it} nu geregistreerd ${is}. Kies een datum om ${it} te zien zoals ${it} toen ${was} of, na vandaag, zoals ${it} ${becomes} als het plan doorgaat.`;
  if (at < today) return `U ziet ${what} zoals ${it} ${was} op ${dateNl(at)} (volgens de statusdata).`;
  if (at === today)
    return `U ziet ${what} vandaag (${dateNl(at)}), met wat volgens het plan al klaar had moeten zijn als gedaan.`;
  return `U ziet ${what} op ${dateNl(at)} als het plan doorgaat: doelpakketten in productie vanaf hun livegang, vervangen pakketten uitgefaseerd na de parallelle periode.`;
}

/**
 * The quick choices of one landscape from its migrations as a page asks for them: the deadlines of their programmes and
 * the end of the plan.
 */
export function landscapeChoices(
  today: string,
  migrations: readonly {
    status: string;
    end: string | Date;
    programme?: { slug: string; name: string; deadline: string | Date } | null;
  }[],
): QuickChoice[] {
  const programmes = new Map(migrations.flatMap((m) => (m.programme ? [[m.programme.slug, m.programme]] : [])));
  return quickChoices({
    today,
    deadlines: [...programmes.values()],
    planEnd: planEnd(migrations.map((m) => ({ status: m.status, plannedEnd: m.end }))),
  });
}
