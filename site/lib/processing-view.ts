// The register of processing activities on its pages: reading the form into the mutation's fields (lists one item a
// line, measure numbers as typed), and the labels of the choices and the article 30 headings.
import { legalGroundLabel, processingRoleLabel, specialExceptionLabel } from '#core/processing.ts';
import { str } from './forms.ts';

export { legalGroundLabel, processingRoleLabel, specialExceptionLabel };

export const LEGAL_GROUNDS = Object.keys(legalGroundLabel) as (keyof typeof legalGroundLabel)[];
export const EXCEPTIONS = Object.keys(specialExceptionLabel) as (keyof typeof specialExceptionLabel)[];
export const ROLES = Object.keys(processingRoleLabel) as (keyof typeof processingRoleLabel)[];

/** The form's field labels, for the error summary. */
export const FIELD_LABELS: Record<string, string> = {
  name: 'Naam',
  purpose: 'Doel',
  legalGround: 'Grondslag',
  specialException: 'Uitzondering artikel 9',
  dataSubjects: 'Categorieën betrokkenen',
  personalData: 'Categorieën persoonsgegevens',
  retention: 'Bewaartermijn',
  recipients: 'Ontvangers',
  role: 'Rol',
  measures: 'BIO2-maatregelen',
  usages: 'Applicaties',
};

/** Lines of a text area as items; blank lines dropped. */
export const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Measure numbers as typed: separated by commas, semicolons, spaces or lines. */
export const measureNumbers = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

const pick = <T extends string>(value: string, allowed: readonly T[], fallback: T): T =>
  (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** The posted form as the fields of createProcessingActivity and updateProcessingActivity. */
export function activityFromForm(form: FormData) {
  const special = str(form, 'specialCategories') === 'ja';
  const exception = str(form, 'specialException');
  return {
    name: str(form, 'name'),
    purpose: str(form, 'purpose'),
    legalGround: pick(str(form, 'legalGround'), LEGAL_GROUNDS, 'PUBLIC_TASK'),
    specialCategories: special,
    specialException: exception ? pick(exception, EXCEPTIONS, 'A') : null,
    criminalData: str(form, 'criminalData') === 'ja',
    dataSubjects: lines(str(form, 'dataSubjects')),
    personalData: lines(str(form, 'personalData')),
    retention: str(form, 'retention'),
    recipients: lines(str(form, 'recipients')),
    role: pick(str(form, 'role'), ROLES, 'CONTROLLER'),
    measures: measureNumbers(str(form, 'measures')),
    usages: form.getAll('usages').filter((v): v is string => typeof v === 'string' && v !== ''),
  };
}

/**
 * The usages the form offers as checkboxes: the organisation's usages the page read (not retired ones unless chosen)
 * and, always, the ones the activity is linked to, each once. The page reads only the organisation's first usages;
 * a linked usage beyond them left out of the form would be unlinked by the next save.
 */
export function usageChoices<U extends { id: string; status: string }>(
  organisation: readonly U[],
  linked: readonly U[],
  chosen: ReadonlySet<string>,
): U[] {
  const linkedIds = new Set(linked.map((u) => u.id));
  const shown = new Map<string, U>();
  for (const u of organisation)
    if (u.status !== 'RETIRED' || chosen.has(u.id) || linkedIds.has(u.id)) shown.set(u.id, u);
  for (const u of linked) if (!shown.has(u.id)) shown.set(u.id, u);
  return [...shown.values()];
}
