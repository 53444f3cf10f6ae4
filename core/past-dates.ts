// Planned dates in the past: a change that sets one is asked to confirm it ("weet je het zeker"), through the API (a
// PastDateError, then the same change with confirmPastDates) and the pages alike. "Today" is the Dutch day (todayNl).
import { dateNl, isoDay, todayNl } from './dates.ts';
import { type PastDate, PastDateError } from './errors.ts';

/** The planned dates of a migration, with their Dutch names. */
const PLANNED_DATES = {
  plannedStart: 'Het geplande begin',
  plannedEnd: 'Het geplande einde',
  parallelRunStart: 'Het begin van de parallelle periode',
  parallelRunEnd: 'Het einde van de parallelle periode',
} as const;
type PlannedField = keyof typeof PLANNED_DATES;
type PlannedDates = Partial<Record<PlannedField, Date | null | undefined>>;

const sameDay = (a: Date | null | undefined, b: Date | null | undefined) =>
  (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * The planned dates a change sets (those that differ from `before`) that lie before `today`. A migration already done
 * or cancelled is history: its dates are not asked about.
 */
export function pastPlannedDates(
  after: PlannedDates,
  before: PlannedDates | null,
  today: Date = todayNl(),
  status?: string | null,
): PastDate[] {
  if (status === 'DONE' || status === 'CANCELLED') return [];
  return (Object.keys(PLANNED_DATES) as PlannedField[]).flatMap((field) => {
    const value = after[field];
    if (!value || value >= today || (before && sameDay(before[field], value))) return [];
    return [
      {
        field,
        date: isoDay(value),
        reason: `${PLANNED_DATES[field]}, ${dateNl(value)}, ligt in het verleden (vandaag is het ${dateNl(today)}): inzet in voorbije kwartalen telt niet meer mee in de signalen van de capaciteitsplanning.`,
      },
    ];
  });
}

/** Refuses (PastDateError) unless the caller confirmed the dates in the past. */
export function requirePastDatesConfirmed(dates: PastDate[], confirmed: boolean | null | undefined): void {
  if (dates.length && !confirmed) throw new PastDateError(dates);
}
