// Usages as a Softwarecatalogus-style CSV (UTF-8 with BOM, semicolons): the columns, the statuses and their dates, the
// export, and reading the file; planning the import is in usages-plan.ts, writing it in usages-write.ts.
import { stringify } from 'csv-stringify/sync';
import { STATUS_DATE, STATUS_DATES_SELECT, USAGE_STATUSES, type UsageStatus } from '../usage-status.ts';
import { csvRows, type RowProblem } from './file-text.ts';
import type { ExportLandscape } from './load.ts';

export const USAGE_COLUMNS = [
  'Sleutel',
  'Leverancier',
  'Pakket',
  'Versie',
  'Status',
  'Verwerving sinds',
  'Gepland sinds',
  'In productie sinds',
  'Uit te faseren sinds',
  'Uitgefaseerd sinds',
  'Referentiecomponenten (GEMMA-id)',
  'Technisch beheer',
  'Beschikbaarheid',
  'Integriteit',
  'Vertrouwelijkheid',
] as const;

/** Columns a file must have: the package and its supplier name what the row is about. */
const REQUIRED_COLUMNS: readonly string[] = ['Leverancier', 'Pakket'];

/**
 * Columns a file may leave out: without Sleutel the key is derived; without any other the stored value stays as it is
 * (a new usage then needs its Status in the file).
 */
export const OPTIONAL_COLUMNS: readonly string[] = USAGE_COLUMNS.filter((c) => !REQUIRED_COLUMNS.includes(c));

export const BIV = [
  ['Beschikbaarheid', 'availability'],
  ['Integriteit', 'integrity'],
  ['Vertrouwelijkheid', 'confidentiality'],
] as const;
type BivField = (typeof BIV)[number][1];

/** The Dutch label of each usage status, as the Softwarecatalogus names it. */
const STATUS_NAME = {
  ACQUIRING: 'Verwerving',
  PLANNED: 'Gepland',
  IN_PRODUCTION: 'In productie',
  PHASING_OUT: 'Uit te faseren',
  RETIRED: 'Uitgefaseerd',
} as const satisfies Record<UsageStatus, string>;

/** Each usage status: its enum value, Dutch label, date column in files ("In productie sinds") and date field (core/usage-status.ts). */
export const STATUSES = USAGE_STATUSES.map(
  (s) => [s, STATUS_NAME[s], `${STATUS_NAME[s]} sinds`, STATUS_DATE[s].column] as const,
);

/** The Dutch label of each status, as files write it. */
export const STATUS_LABEL: Record<string, string> = Object.fromEntries(
  STATUSES.map(([status, label]) => [status, label]),
);

/** Each status date's file column and field: "In productie sinds" and inProductionSince. */
export const STATUS_DATE_COLUMNS = STATUSES.map(([, , column, field]) => [column, field] as const);
type Status = (typeof STATUSES)[number][0];
type DateField = (typeof STATUSES)[number][3];

export { STATUS_DATES_SELECT };

export const MAX_BYTES = 5_000_000;
export const MAX_ROWS = 20_000;

/** A spreadsheet runs a cell that starts with =, +, -, @ or a control character as a formula: such cells get a quote. */
export const neutralise = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** Undoes `neutralise` on the way in, so that an exported value imports as itself. */
export const unneutralise = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

export function toUsagesCsv(landscape: ExportLandscape): string {
  const rows = [...landscape.usages]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((u) =>
      [
        u.key,
        u.supplier,
        u.name,
        u.version ?? '',
        STATUSES.find((s) => s[0] === u.status)?.[1] ?? u.status,
        ...STATUSES.map((s) => u.statusDates[s[0]] ?? ''),
        [...u.referenceComponentIds].sort().join(', '),
        u.operator ?? '',
        ...BIV.map(([, field]) => (u[field] === null ? '' : String(u[field]))),
      ].map(neutralise),
    );
  return `\uFEFF${stringify([[...USAGE_COLUMNS], ...rows], { delimiter: ';', record_delimiter: '\r\n' })}`;
}

export type { RowProblem } from './file-text.ts';

export interface PlannedUsage {
  line: number;
  key: string;
  product: string;
  action: 'ADD' | 'CHANGE' | 'UNCHANGED';
  changes: string[];
  /**
   * The fields to write. Every field but the product is present only when the file carries it (an empty value clears),
   * so a file without a column leaves the stored value alone; an added usage always has its status.
   */
  data: {
    productId: string;
    versionId?: string | null;
    status?: Status;
    dates: Partial<Record<DateField, Date | null>>;
    referenceComponentIds?: string[];
    operatorId?: string | null;
  } & Partial<Record<BivField, number | null>>;
  /** Another organisation named as operator: written as a proposal to it, the stored operator stays until it accepts. */
  operatorProposal?: boolean;
  /** A product the catalogue lacks, added on apply (with its supplier when `supplierId` is null); then `data.productId` is empty. */
  newProduct?: NewProduct;
  /** A version the product does not know yet, added to it on apply. */
  newVersion?: string;
}

/** A product a file names that the catalogue lacks; one per supplier and normalised name, however many lines name it. */
export interface NewProduct {
  key: string;
  name: string;
  supplierName: string;
  /** The catalogue's supplier the file's name was recognised as; null: the supplier is added too. */
  supplierId: string | null;
  referenceComponentIds: string[];
}

/** What an import may add to the shared catalogue besides the usages. */
export interface ImportOptions {
  /** Add products (and suppliers, and versions) the catalogue lacks instead of refusing their lines. */
  addUnknownProducts?: boolean;
  /** How the dry run names a record (default "Regel 2" for the file's second line), for readers whose records are not lines of the file. */
  lineName?: (line: number) => string;
}

/** The words that tell the user the option exists, in every refusal it would have prevented. */
export const ADD_UNKNOWN_HINT =
  'Met de optie "onbekende pakketten en leveranciers toevoegen" (op de opdrachtregel --nieuwe-pakketten) komt het erbij.';

export interface ImportPlan {
  organisation: { id: string; slug: string };
  rows: PlannedUsage[];
  refused: RowProblem[];
  /** How a supplier or product named otherwise than in the catalogue was recognised, per line, for the dry run. */
  recognised?: string[];
}

/** Reads the file: size, encoding, columns and row count are checked before any row is looked at. */
export function readUsagesCsv(bytes: Uint8Array): { records: Record<string, string>[]; problems: RowProblem[] } {
  const read = csvRows(bytes, MAX_BYTES, {
    columns: USAGE_COLUMNS,
    required: USAGE_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c)),
  });
  if ('problem' in read) return { records: [], problems: [read.problem] };
  const [header = [], ...body] = read.rows;
  const names = header.map((h) => h.trim());
  const missing = USAGE_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c) && !names.includes(c));
  const unknown = names.filter((n) => !(USAGE_COLUMNS as readonly string[]).includes(n));
  const problems: RowProblem[] = [];
  if (missing.length) problems.push({ line: 1, message: `Kolommen ontbreken: ${missing.join(', ')}.` });
  if (unknown.length) problems.push({ line: 1, message: `Onbekende kolommen: ${unknown.join(', ')}.` });
  if (body.length > MAX_ROWS)
    problems.push({ line: 0, message: `Het bestand heeft ${body.length} regels; hooguit ${MAX_ROWS} per keer.` });
  if (problems.length) return { records: [], problems };
  const records = body.map((cells) =>
    Object.fromEntries(names.map((n, i) => [n, unneutralise((cells[i] ?? '').trim())])),
  );
  return { records, problems: [] };
}
