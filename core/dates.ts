// Days and moments, the Dutch way: "today" is the calendar day in the Netherlands (Europe/Amsterdam), so just after
// midnight there it is already the new day while UTC still says yesterday; moments are shown in Dutch time. Stored dates
// (DATE columns, held as UTC midnight) are calendar dates: they are read and shown as their own day, never shifted.
const ZONE = 'Europe/Amsterdam';

// en-CA formats as YYYY-MM-DD.
const amsterdamDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const calendarDayNl = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const momentNl = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: ZONE });
const timeOfDayNl = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: ZONE });

/** Today's calendar day in the Netherlands, as YYYY-MM-DD. */
export const todayIso = (now: Date = new Date()): string => amsterdamDay.format(now);

/** Today's calendar day in the Netherlands, as UTC midnight (how a DATE column holds a day): the day plans are judged on. */
export const todayNl = (now: Date = new Date()): Date => new Date(`${todayIso(now)}T00:00:00Z`);

/** A stored calendar date (UTC midnight) as YYYY-MM-DD: its own day. */
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** A calendar day in Dutch, "1 juni 2027": from YYYY-MM-DD (or the start of an ISO moment) or a stored date; "–" without one. */
export function dateNl(day: string | Date | null | undefined): string {
  if (!day) return '–';
  return calendarDayNl.format(typeof day === 'string' ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : day);
}

/** A moment in Dutch, in Dutch time: "30 november 2026 om 19:05"; "–" without one. */
export function dateTimeNl(moment: string | Date | null | undefined): string {
  if (!moment) return '–';
  return momentNl.format(typeof moment === 'string' ? new Date(moment) : moment);
}

/** A moment's time of day in Dutch time: "19:05". */
export const timeNl = (moment: string | Date): string =>
  timeOfDayNl.format(typeof moment === 'string' ? new Date(moment) : moment);
