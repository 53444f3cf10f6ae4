// The register of processing activities (verwerkingsregister, AVG article 30): the labels of its choices, what an
// activity must hold to be valid, and the one derived value, the transfers outside the EU, which follow from where the
// products of the supporting usages are hosted (Product.hostingJurisdiction), never typed by hand.
import type * as E from '#prisma/generated/sqlite/client/enums.ts';

/** AVG article 6(1) a-f. */
export const legalGroundLabel = {
  CONSENT: 'a. Toestemming van de betrokkene',
  CONTRACT: 'b. Uitvoering van een overeenkomst',
  LEGAL_OBLIGATION: 'c. Wettelijke verplichting',
  VITAL_INTERESTS: 'd. Vitaal belang',
  PUBLIC_TASK: 'e. Taak van algemeen belang of openbaar gezag',
  LEGITIMATE_INTERESTS: 'f. Gerechtvaardigd belang',
} as const satisfies Record<E.LegalGround, string>;

/** AVG article 9(2) a-j, in short. */
export const specialExceptionLabel = {
  A: 'a. Uitdrukkelijke toestemming',
  B: 'b. Arbeidsrecht, sociale zekerheid en sociale bescherming',
  C: 'c. Vitaal belang',
  D: 'd. Stichting, vereniging of instantie zonder winstoogmerk',
  E: 'e. Kennelijk openbaar gemaakt door de betrokkene',
  F: 'f. Rechtsvordering of rechtspraak',
  G: 'g. Zwaarwegend algemeen belang',
  H: 'h. Gezondheidszorg en sociale diensten',
  I: 'i. Volksgezondheid',
  J: 'j. Archivering, onderzoek of statistiek',
} as const satisfies Record<E.SpecialCategoryException, string>;

export const processingRoleLabel = {
  CONTROLLER: 'Verwerkingsverantwoordelijke',
  JOINT_CONTROLLER: 'Gezamenlijk verwerkingsverantwoordelijke',
  PROCESSOR: 'Verwerker',
} as const satisfies Record<E.ProcessingRole, string>;

export const jurisdictionLabel = {
  NL: 'Nederland',
  EU: 'EU',
  US: 'Verenigde Staten',
  OTHER: 'buiten de EU',
} as const satisfies Record<E.Jurisdiction, string>;

/** Jurisdictions inside the EU (and so no transfer in the sense of AVG chapter V). */
const INSIDE_EU: readonly E.Jurisdiction[] = ['NL', 'EU'];

/** A stored list (one item a line) as its items: trimmed, without empty lines or repeats. */
export function listOf(text: string | null | undefined): string[] {
  return [
    ...new Set(
      (text ?? '')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
}

/** A list as it is stored. */
export const storedList = (items: readonly string[]): string => listOf(items.join('\n')).join('\n');

/** One activity as written: what a form, the API, a template or the seed carries. */
export interface ActivityInput {
  name: string;
  purpose: string;
  legalGround: E.LegalGround;
  specialCategories: boolean;
  specialException: E.SpecialCategoryException | null;
  criminalData: boolean;
  dataSubjects: readonly string[];
  personalData: readonly string[];
  retention: string;
  recipients: readonly string[];
  role: E.ProcessingRole;
}

export const NAME_MAX = 200;
export const TEXT_MAX = 4000;
export const ITEM_MAX = 300;
export const ITEMS_MAX = 60;
/** Characters of one BIO2 measure number as typed (the numbers are like 5.12.01). */
export const MEASURE_NUMBER_MAX = 20;
/** BIO2 measures of one activity (BIO2 has 166 numbers). */
export const MEASURES_MAX = 200;
/** Usages supporting one activity. */
export const USAGES_MAX = 500;
/** Activities in one organisation's register (a large municipality's has a few hundred). */
export const ACTIVITIES_MAX = 1_000;

type Problem = { field: keyof ActivityInput; message: string };

function listProblems(field: keyof ActivityInput, what: string, items: readonly string[], required: boolean) {
  const problems: Problem[] = [];
  if (required && listOf(items.join('\n')).length === 0)
    problems.push({ field, message: `Noem ten minste één categorie ${what}.` });
  if (items.length > ITEMS_MAX) problems.push({ field, message: `Noem ten hoogste ${ITEMS_MAX} ${what}.` });
  if (items.some((i) => i.length > ITEM_MAX))
    problems.push({ field, message: `Een regel bij ${what} is te lang (ten hoogste ${ITEM_MAX} tekens).` });
  return problems;
}

/** Problems of an activity, per field, in Dutch; empty when valid. */
export function activityProblems(a: ActivityInput): Problem[] {
  const problems: Problem[] = [];
  const required = (field: 'name' | 'purpose' | 'retention', what: string, max: number) => {
    if (!a[field].trim()) problems.push({ field, message: `Vul ${what} in.` });
    else if (a[field].length > max)
      problems.push({
        field,
        message: `${what.replace(/^./, (c) => c.toUpperCase())} is te lang (ten hoogste ${max} tekens).`,
      });
  };
  required('name', 'de naam', NAME_MAX);
  required('purpose', 'het doel', TEXT_MAX);
  required('retention', 'de bewaartermijn', TEXT_MAX);
  problems.push(...listProblems('dataSubjects', 'betrokkenen', a.dataSubjects, true));
  problems.push(...listProblems('personalData', 'persoonsgegevens', a.personalData, true));
  problems.push(...listProblems('recipients', 'ontvangers', a.recipients, false));
  if (a.specialCategories && !a.specialException)
    problems.push({
      field: 'specialException',
      message:
        'Kies de uitzondering van artikel 9 lid 2 AVG waarop de verwerking van bijzondere persoonsgegevens rust.',
    });
  if (!a.specialCategories && a.specialException)
    problems.push({
      field: 'specialException',
      message: 'Een uitzondering van artikel 9 lid 2 AVG hoort alleen bij bijzondere persoonsgegevens.',
    });
  return problems;
}

/** A supporting usage as the derivation needs it. */
export interface SupportingUsage {
  key: string;
  product: { name: string; hostingJurisdiction: E.Jurisdiction | null };
}

export interface Transfers {
  /** Usages whose product is hosted outside the EU, by product name. */
  outside: { usageKey: string; product: string; jurisdiction: E.Jurisdiction }[];
  /** Usages whose product's hosting is not recorded: a transfer cannot be ruled out. */
  unknown: { usageKey: string; product: string }[];
}

/**
 * The transfers outside the EU of an activity, derived from its supporting usages: a product hosted in the United
 * States or elsewhere outside the EU is a transfer; one hosted in the Netherlands or the EU is none; one without a
 * recorded hosting is unknown. Sorted by product name, then usage key.
 */
export function transfersOutsideEu(usages: readonly SupportingUsage[]): Transfers {
  const sorted = [...usages].sort(
    (a, b) => a.product.name.localeCompare(b.product.name, 'nl') || a.key.localeCompare(b.key, 'nl'),
  );
  const outside: Transfers['outside'] = [];
  const unknown: Transfers['unknown'] = [];
  for (const u of sorted) {
    const where = u.product.hostingJurisdiction;
    if (where === null) unknown.push({ usageKey: u.key, product: u.product.name });
    else if (!INSIDE_EU.includes(where))
      outside.push({ usageKey: u.key, product: u.product.name, jurisdiction: where });
  }
  return { outside, unknown };
}

/** The transfers in one line, as the page, the printable register and the exports say them. */
export function transfersText(t: Transfers): string {
  const products = (items: { product: string }[]) => [...new Set(items.map((i) => i.product))];
  const outside = [...new Set(t.outside.map((o) => `${o.product} (${jurisdictionLabel[o.jurisdiction]})`))];
  const parts: string[] = [];
  if (outside.length) parts.push(`Ja: ${outside.join('; ')}`);
  if (t.unknown.length) parts.push(`${outside.length ? 'o' : 'O'}nbekend voor ${products(t.unknown).join('; ')}`);
  return parts.length ? parts.join('; ') : 'Nee';
}

/** Special categories and criminal data in one line. */
export function specialText(a: {
  specialCategories: boolean;
  specialException: E.SpecialCategoryException | null;
  criminalData: boolean;
}): string {
  const parts: string[] = [];
  if (a.specialCategories)
    parts.push(
      `Bijzondere persoonsgegevens (art. 9 lid 2 AVG, ${a.specialException ? specialExceptionLabel[a.specialException] : 'uitzondering onbekend'})`,
    );
  if (a.criminalData) parts.push('Strafrechtelijke gegevens (art. 10 AVG)');
  return parts.length ? parts.join('; ') : 'Nee';
}
