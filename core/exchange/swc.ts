// The GEMMA Softwarecatalogus's own "applicaties" export, both ways: its 33 columns as CSV (commas, every field quoted,
// JSON arrays in cells) or as JSON (an array of the same objects, or the API's page `{ "results": [...] }`). Each
// application is a usage of the organisation; what Grondplan has no place for is kept on the usage, so that an export
// writes it back. The import plans first (what it maps, keeps and ignores, per column) and applies in one transaction.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '#prisma/client.ts';
import { type AuditSource, recordAudit } from '../audit.ts';
import type { Viewer } from '../context.ts';
import { applyInOneTransaction } from './apply.ts';
import { csvRows, type RowProblem, sizeProblem } from './file-text.ts';
import { type InterfacePlan, type InterfaceRecord, planInterfaces, writeInterfaces } from './interfaces-csv.ts';
import { day } from './load.ts';
import { loadCandidates, matchProduct, matchSupplier, slugOf } from './matching.ts';
import { uniqueKeys } from './unique-key.ts';
import {
  ADD_UNKNOWN_HINT,
  type ImportOptions,
  type ImportPlan,
  MAX_BYTES,
  MAX_ROWS,
  neutralise,
  planUsagesImport,
  STATUS_DATE_COLUMNS,
  STATUS_DATES_SELECT,
  unneutralise,
  writeUsages,
} from './usages-csv.ts';

/** The columns of the export, in its order. */
export const SWC_COLUMNS = [
  'id',
  'naam',
  'beschrijvingKort',
  'beschrijvingLang',
  'website',
  'contactpersoon',
  '_contactpersoon',
  'cloudDienstverleningsmodel',
  'hostingJurisdictie',
  'hostingLocatie',
  'aanbieder',
  '_aanbieder',
  'licentietype',
  'licentie',
  'referentieComponenten',
  '_referentieComponenten',
  'type',
  'logo',
  'diensten',
  '_diensten',
  'koppelingen',
  '_koppelingen',
  'compliancy',
  '_compliancy',
  'standaarden',
  'standaardenGemma',
  'standaardVersies',
  '_standaardVersies',
  'moduleVersies',
  '_moduleVersies',
  'gebruiken',
  '_gebruiken',
  'geregistreerdDoor',
] as const;
type SwcColumnName = (typeof SWC_COLUMNS)[number];

/** Columns whose cells hold a JSON array (ids, or the readable names beside them). */
const LIST_COLUMNS: ReadonlySet<string> = new Set([
  'referentieComponenten',
  '_referentieComponenten',
  'diensten',
  '_diensten',
  'koppelingen',
  '_koppelingen',
  'compliancy',
  '_compliancy',
  'standaarden',
  'standaardenGemma',
  'standaardVersies',
  '_standaardVersies',
  'moduleVersies',
  '_moduleVersies',
  'gebruiken',
  '_gebruiken',
]);

export type SwcValue = string | string[];
export type ColumnTreatment = 'MAPPED' | 'KEPT' | 'IGNORED';
export interface SwcColumn {
  column: string;
  treatment: ColumnTreatment;
  /** In Dutch: what the column becomes in Grondplan. */
  target: string;
}

const KEPT = 'bewaard bij het gebruik, teruggeschreven bij export';
const PERSONAL = 'persoonsgegevens worden niet overgenomen';
/** Columns never read, and never kept (an export writes them empty). */
const PERSONAL_COLUMNS = ['contactpersoon', '_contactpersoon'] as const;
/** Whether the import reads a column at all: known, and not ignored. */
const isRead = (column: string) => column in COLUMN_USE && COLUMN_USE[column as SwcColumnName][0] !== 'IGNORED';

/** At most this many values in one list cell; a longer list is refused. */
export const MAX_LIST = 500;
/** At most this many bytes of kept fields per usage (as stored, JSON); more is refused. */
export const MAX_KEPT_BYTES = 64 * 1024;
/** At most this many notes per file; the rest are counted in one line. */
export const MAX_NOTES = 200;
const COMPARED = (field: string) => `vergeleken met ${field} van het pakket in de catalogus; een afwijkende waarde wordt ${KEPT}`;
/** What each column of the export becomes; the dry run lists this for every column of the file. */
const COLUMN_USE: Record<SwcColumnName, [ColumnTreatment, string]> = {
  id: ['KEPT', `Softwarecatalogus-id; ${KEPT}`],
  naam: ['MAPPED', 'pakket (herkend in de catalogus)'],
  beschrijvingKort: ['KEPT', KEPT],
  beschrijvingLang: ['KEPT', KEPT],
  website: ['KEPT', KEPT],
  // A contact person is a personal name or e-mail address; kept fields are public, so these are not read at all.
  contactpersoon: ['IGNORED', PERSONAL],
  _contactpersoon: ['IGNORED', PERSONAL],
  cloudDienstverleningsmodel: ['MAPPED', COMPARED('het leveringsmodel')],
  hostingJurisdictie: ['MAPPED', COMPARED('de hostingjurisdictie')],
  hostingLocatie: ['KEPT', KEPT],
  aanbieder: ['KEPT', `Softwarecatalogus-id van de leverancier; ${KEPT}`],
  _aanbieder: ['MAPPED', 'leverancier (om het pakket te herkennen)'],
  licentietype: ['MAPPED', COMPARED('open source of niet')],
  licentie: ['MAPPED', COMPARED('de licentie')],
  referentieComponenten: ['MAPPED', 'referentiecomponenten van het gebruik (GEMMA-id); onbekende worden bewaard bij het gebruik'],
  _referentieComponenten: ['MAPPED', 'referentiecomponenten van het gebruik (op naam, waar de GEMMA-id ontbreekt of onbekend is)'],
  type: ['KEPT', KEPT],
  logo: ['KEPT', KEPT],
  diensten: ['KEPT', KEPT],
  _diensten: ['KEPT', KEPT],
  koppelingen: ['MAPPED', 'koppelingen (als beide kanten in het landschap of het bestand staan); de andere worden bewaard bij het gebruik'],
  _koppelingen: ['MAPPED', 'koppelingen (op naam van de andere applicatie of landelijke voorziening)'],
  compliancy: ['KEPT', KEPT],
  _compliancy: ['KEPT', KEPT],
  standaarden: ['KEPT', KEPT],
  standaardenGemma: ['KEPT', KEPT],
  standaardVersies: ['KEPT', KEPT],
  _standaardVersies: ['KEPT', KEPT],
  moduleVersies: ['MAPPED', `versie van het gebruik (als het een bekende versie noemt); verder ${KEPT}`],
  _moduleVersies: ['MAPPED', `versie van het gebruik (op naam); verder ${KEPT}`],
  gebruiken: ['KEPT', KEPT],
  _gebruiken: ['KEPT', KEPT],
  geregistreerdDoor: ['KEPT', KEPT],
};

/** The dry run's list: every column of the file with what it becomes (unknown columns are ignored). */
export const columnsOf = (names: readonly string[]): SwcColumn[] =>
  names.map((column) => {
    const use = COLUMN_USE[column as SwcColumnName];
    return use ? { column, treatment: use[0], target: use[1] } : { column, treatment: 'IGNORED', target: 'onbekende kolom; genegeerd' };
  });

export interface SwcRow {
  /** Line in the CSV (header is 1), or the application's place in the JSON list (first is 1). */
  line: number;
  values: Partial<Record<string, SwcValue>>;
}

export type SwcFormat = 'csv' | 'json';

/** A JSON file starts with [ or {; anything else is read as CSV. */
export function sniffSwcFormat(bytes: Uint8Array): SwcFormat {
  const head = new TextDecoder()
    .decode(bytes.slice(0, 100))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('[') || head.startsWith('{') ? 'json' : 'csv';
}

/** A CSV cell of a list column: "" and "[]" are empty, a JSON array is its strings, anything else one value. */
function listCell(cell: string): string[] | null {
  if (!cell) return [];
  if (!cell.startsWith('[')) return [cell];
  try {
    const parsed: unknown = JSON.parse(cell);
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string' || typeof x === 'number') ? parsed.map(String) : null;
  } catch {
    return null;
  }
}

/** The refusal of a list longer than MAX_LIST, naming the column and the application. */
const tooLong = (column: string, length: number, naam: unknown) =>
  `Kolom ${column}${typeof naam === 'string' && naam.trim() ? ` van applicatie "${naam.trim().slice(0, 80)}"` : ''} heeft ${length} waarden; hooguit ${MAX_LIST} per applicatie.`;

/**
 * A JSON value as a cell: text as itself, numbers and truth values as text, an object (a relation) by its id, and a
 * list of those; a list inside a list is not a cell (null), so nesting never goes deeper than two levels.
 */
function jsonValue(value: unknown, inList = false): SwcValue | null {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (inList) return null;
    const items = value.map((x) => jsonValue(x, true));
    return items.every((x): x is string => typeof x === 'string') ? items : null;
  }
  if (typeof value === 'object') {
    const id = (value as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  }
  return null;
}

/** Reads the file: size, encoding, layout and row count are checked before any application is looked at. */
export function readSwc(bytes: Uint8Array): { format: SwcFormat; rows: SwcRow[]; columns: string[]; problems: RowProblem[] } {
  const format = sniffSwcFormat(bytes);
  const tooLarge = sizeProblem(bytes, MAX_BYTES);
  if (tooLarge) return { format, rows: [], columns: [], problems: [tooLarge] };
  return format === 'json' ? readSwcJson(bytes) : readSwcCsv(bytes);
}

function readSwcCsv(bytes: Uint8Array) {
  const format = 'csv' as const;
  const read = csvRows(bytes, MAX_BYTES, { columns: SWC_COLUMNS, required: ['naam'], delimiter: ',' });
  if ('problem' in read) return { format, rows: [], columns: [], problems: [read.problem] };
  const [header = [], ...body] = read.rows;
  const columns = header.map((h) => h.trim());
  if (body.length > MAX_ROWS)
    return { format, rows: [], columns, problems: [{ line: 0, message: `Het bestand heeft ${body.length} regels; hooguit ${MAX_ROWS} per keer.` }] };
  const problems: RowProblem[] = [];
  const rows = body.map((cells, i) => {
    const line = i + 2;
    const values: SwcRow['values'] = {};
    columns.forEach((column, c) => {
      if (!isRead(column)) return;
      const cell = (cells[c] ?? '').trim();
      if (!LIST_COLUMNS.has(column)) {
        values[column] = unneutralise(cell);
        return;
      }
      const list = listCell(cell);
      if (list) values[column] = list;
      else problems.push({ line, message: `Kolom ${column}: "${cell.slice(0, 60)}" is geen JSON-lijst van teksten.` });
    });
    for (const [column, value] of Object.entries(values))
      if (Array.isArray(value) && value.length > MAX_LIST) problems.push({ line, message: tooLong(column, value.length, values.naam) });
    return { line, values };
  });
  return { format, rows, columns, problems };
}

function readSwcJson(bytes: Uint8Array) {
  const format = 'json' as const;
  const fail = (message: string) => ({ format, rows: [], columns: [], problems: [{ line: 0, message }] });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return fail('Het bestand is geen geldige UTF-8-tekst.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(
      error instanceof SyntaxError ? 'Het bestand is geen geldige JSON.' : 'Het bestand kon niet als JSON worden gelezen (te diep genest of te groot).',
    );
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { results?: unknown } | null)?.results;
  if (!Array.isArray(list))
    return fail('Het JSON-bestand is geen lijst van applicaties en heeft geen lijst "results" (zoals de API van de Softwarecatalogus die geeft).');
  if (list.length > MAX_ROWS) return fail(`Het bestand heeft ${list.length} applicaties; hooguit ${MAX_ROWS} per keer.`);
  const columns: string[] = [];
  const problems: RowProblem[] = [];
  const rows = list.map((item, i) => {
    const line = i + 1;
    const values: SwcRow['values'] = {};
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problems.push({ line, message: 'Dit is geen object met de velden van een applicatie.' });
      return { line, values };
    }
    for (const [key, value] of Object.entries(item)) {
      if (!columns.includes(key)) columns.push(key);
      // Metadata of the register (@self and the like) and unknown fields are listed as ignored, not read.
      if (!isRead(key)) continue;
      if (Array.isArray(value) && value.length > MAX_LIST) {
        problems.push({ line, message: tooLong(key, value.length, (item as { naam?: unknown }).naam) });
        continue;
      }
      const cell = jsonValue(value);
      if (cell === null && Array.isArray(value) && value.some((x) => Array.isArray(x)))
        problems.push({ line, message: `Veld ${key}: een lijst in een lijst wordt niet gelezen; verwacht tekst of een lijst van teksten.` });
      else if (cell === null) problems.push({ line, message: `Veld ${key}: verwacht tekst of een lijst van teksten.` });
      else values[key] = LIST_COLUMNS.has(key) && typeof cell === 'string' ? (cell ? [cell] : []) : cell;
    }
    if (!('naam' in values)) problems.push({ line, message: 'Het veld naam ontbreekt.' });
    return { line, values };
  });
  return { format, rows, columns, problems };
}

// What Grondplan itself would write for a column: the import keeps a value only where the file says something else.

const DELIVERY: Record<string, string> = { ON_PREMISES: 'On-premises', IAAS: 'IaaS', PAAS: 'PaaS', SAAS: 'SaaS' };
const JURISDICTION: Record<string, string> = { NL: 'Nederland', EU: 'EU', US: 'VS', OTHER: 'Anders' };

interface Derivable {
  key: string;
  product: {
    name: string;
    supplier: string;
    description: string | null;
    licence: string | null;
    openSource: boolean;
    deliveryModel: string | null;
    hostingJurisdiction: string | null;
  };
  version: string | null;
}

function derived(column: string, u: Derivable): SwcValue {
  switch (column) {
    case 'id':
      return u.key;
    case 'naam':
      return u.product.name;
    case '_aanbieder':
      return u.product.supplier;
    case 'beschrijvingKort':
      return u.product.description ?? '';
    case 'cloudDienstverleningsmodel':
      return u.product.deliveryModel ? (DELIVERY[u.product.deliveryModel] ?? '') : '';
    case 'hostingJurisdictie':
      return u.product.hostingJurisdiction ? (JURISDICTION[u.product.hostingJurisdiction] ?? '') : '';
    case 'licentietype':
      return u.product.openSource ? 'Open source' : 'Closed source';
    case 'licentie':
      return u.product.licence ?? '';
    case 'type':
      return 'Applicatie';
    case '_moduleVersies':
      return u.version ? [u.version] : [];
    default:
      return LIST_COLUMNS.has(column) ? [] : '';
  }
}

/**
 * The product fields a column maps to, in a comparable form: spellings of the same value ("SaaS", "saas"; "NL",
 * "Nederland"; "Open Source") compare equal; null for a value that maps to nothing Grondplan knows.
 */
const MAPPED_VALUES: Record<string, (value: string) => string | null> = {
  cloudDienstverleningsmodel: (value) => {
    const v = value.toLowerCase().replace(/[^a-z]/g, '');
    return (
      ({ saas: 'SAAS', paas: 'PAAS', iaas: 'IAAS', onpremises: 'ON_PREMISES', onpremise: 'ON_PREMISES', oplocatie: 'ON_PREMISES' } as Record<string, string>)[
        v
      ] ?? null
    );
  },
  hostingJurisdictie: (value) => {
    const v = value.toLowerCase().replace(/[^a-z]/g, '');
    return (
      (
        {
          nl: 'NL',
          nederland: 'NL',
          eu: 'EU',
          europa: 'EU',
          europeseunie: 'EU',
          us: 'US',
          vs: 'US',
          usa: 'US',
          verenigdestaten: 'US',
          anders: 'OTHER',
          overig: 'OTHER',
          buiteneu: 'OTHER',
        } as Record<string, string>
      )[v] ?? null
    );
  },
  licentietype: (value) => {
    const v = value.toLowerCase().replace(/[^a-z]/g, '');
    return v === 'opensource' ? 'open' : v === 'closedsource' ? 'closed' : null;
  },
};

/** Whether a mapped column's value in the file means what the catalogue says (empty only matches empty). */
function sameMapped(column: string, value: SwcValue, own: SwcValue): boolean {
  const parse = MAPPED_VALUES[column];
  if (!parse || typeof value !== 'string' || typeof own !== 'string') return sameValue(value, own);
  if (!value.trim() || !own) return !value.trim() && !own;
  const mine = parse(value);
  return mine !== null && mine === parse(own);
}

const isEmpty = (v: SwcValue | undefined) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const sameValue = (a: SwcValue | undefined, b: SwcValue | undefined) =>
  (isEmpty(a) && isEmpty(b)) || JSON.stringify(Array.isArray(a) ? [...a].sort() : a) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b);

/** Stored kept fields as an object; anything unreadable counts as nothing kept. */
export function keptFields(text: string | null): Record<string, SwcValue> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, SwcValue>) : {};
  } catch {
    return {};
  }
}
/** Kept fields as stored: keys sorted so that equal content is equal text; null for nothing kept. */
const keptText = (fields: Record<string, SwcValue>) => {
  const keys = Object.keys(fields).sort();
  return keys.length ? JSON.stringify(Object.fromEntries(keys.map((k) => [k, fields[k]]))) : null;
};

/** Pairs of an id column and its names column, by position. */
const pairs = (ids: SwcValue | undefined, names: SwcValue | undefined) => {
  const a = Array.isArray(ids) ? ids : ids ? [ids] : [];
  const b = Array.isArray(names) ? names : names ? [names] : [];
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => ({ id: (a[i] ?? '').trim(), name: (b[i] ?? '').trim() }));
};

export interface SwcPlanRow {
  line: number;
  key: string;
  product: string;
  action: 'ADD' | 'CHANGE' | 'UNCHANGED';
  changes: string[];
}

export interface SwcPlan {
  organisation: { id: string; slug: string };
  format: SwcFormat;
  columns: SwcColumn[];
  /** Usages, then koppelingen (product "Koppeling"). */
  rows: SwcPlanRow[];
  refused: RowProblem[];
  /** What the user should know but that refuses nothing: matches by a weaker sign, values not placed, differences. */
  notes: RowProblem[];
  usages: ImportPlan | null;
  interfaces: InterfacePlan | null;
  /** Kept fields to write per usage key (null clears), only where they change. */
  kept: { key: string; before: string | null; after: string | null }[];
}

/** Reads the file and plans every usage and koppeling in it; changes nothing. Null when the organisation does not exist. */
export async function planSwcImport(db: Database, slug: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<SwcPlan | null> {
  const read = readSwc(bytes);
  const p = db.prisma;
  const org = await p.organisation.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!org) return null;
  const columns = columnsOf(read.columns);
  const empty = { organisation: org, format: read.format, columns, rows: [], notes: [], usages: null, interfaces: null, kept: [] };
  if (read.problems.length) return { ...empty, refused: read.problems };
  const [{ suppliers, products: candidates }, products, components, services, existing, interfaces] = await Promise.all([
    // Suppliers and products as every importer recognises them, by their former names (aliases) too.
    loadCandidates(p),
    p.product.findMany({
      select: {
        id: true,
        slug: true,
        name: true,
        supplierId: true,
        description: true,
        licence: true,
        openSource: true,
        deliveryModel: true,
        hostingJurisdiction: true,
        supplier: { select: { name: true } },
        versions: { select: { name: true } },
      },
    }),
    p.referenceComponent.findMany({ select: { id: true, name: true } }),
    p.externalService.findMany({ select: { id: true, name: true } }),
    p.usage.findMany({
      where: { organisationId: org.id },
      orderBy: { key: 'asc' },
      select: {
        id: true,
        key: true,
        productId: true,
        status: true,
        ...STATUS_DATES_SELECT,
        externalFields: true,
        version: { select: { name: true } },
        product: { select: { name: true } },
        referenceComponents: { select: { referenceComponentId: true } },
      },
    }),
    p.interface.findMany({ where: { organisationId: org.id }, select: { key: true, fromUsageId: true, toUsageId: true, externalServiceId: true } }),
  ]);
  const componentIds = new Set(components.map((c) => c.id));
  const componentByName = new Map(components.map((c) => [c.name.toLowerCase(), c.id]));
  const productById = new Map(products.map((x) => [x.id, x]));
  const existingByProduct = new Map<string, typeof existing>();
  for (const u of existing) existingByProduct.set(u.productId, [...(existingByProduct.get(u.productId) ?? []), u]);
  const newUsageKey = uniqueKeys(new Set(existing.map((u) => u.key)));
  const claimed = new Set<string>();
  const refused: RowProblem[] = [];
  const notes: RowProblem[] = [];
  // Notes are information, not refusals: the first MAX_NOTES are listed, the rest counted in one line at the end.
  let moreNotes = 0;
  const note = (line: number, message: string) => {
    if (notes.length < MAX_NOTES) notes.push({ line, message });
    else moreNotes += 1;
  };

  interface Resolved {
    line: number;
    values: SwcRow['values'];
    key: string;
    name: string;
    before: (typeof existing)[number] | undefined;
    kept: Record<string, SwcValue>;
  }
  const resolved: Resolved[] = [];
  const records: Record<string, string>[] = [];
  for (const row of read.rows) {
    const v = row.values;
    const text = (column: string) => {
      const value = v[column];
      return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
    };
    const naam = text('naam');
    if (!naam) {
      refused.push({ line: row.line, message: 'naam is leeg.' });
      continue;
    }
    const supplierName = text('_aanbieder');
    const supplier = supplierName ? matchSupplier({ name: supplierName }, suppliers) : null;
    const found = matchProduct(naam, supplier?.match.id ?? null, candidates);
    const known = found ? productById.get(found.match.id) : undefined;
    if (!found || !known) {
      if (!supplierName || !options.addUnknownProducts) {
        refused.push({
          line: row.line,
          message: `Pakket "${naam}"${supplierName ? ` van "${supplierName}"` : ''} staat niet in de catalogus. ${
            supplierName
              ? ADD_UNKNOWN_HINT
              : 'Zonder leverancier (_aanbieder) kan het niet worden toegevoegd; vul die in, of voeg het pakket eerst toe (bijvoorbeeld uit zijn publiccode.yml).'
          }`,
        });
        continue;
      }
    } else {
      if (found.reason !== 'zelfde naam, zelfde leverancier' && found.reason !== 'zelfde naam')
        note(
          row.line,
          `"${naam}"${supplierName ? ` van "${supplierName}"` : ''} herkend als pakket ${known.name} van ${known.supplier.name} (${found.reason}).`,
        );
      if (supplierName && !supplier) note(row.line, `Leverancier "${supplierName}" is niet herkend; het pakket is op naam gevonden.`);
      else if (supplier && supplier.reason !== 'zelfde naam')
        note(row.line, `Leverancier "${supplierName}" herkend als ${supplier.match.name} (${supplier.reason}).`);
    }
    // A product the catalogue lacks (only with the option) is planned as it will be added: its name and supplier, no
    // versions and nothing else, so that the same file read again after applying compares equal and changes nothing.
    const product = known ?? {
      id: '',
      slug: slugOf(naam) || 'pakket',
      name: naam,
      supplier: { name: supplier?.match.name ?? supplierName },
      description: null,
      licence: null,
      openSource: false,
      deliveryModel: null,
      hostingJurisdiction: null,
      versions: [],
    };
    // The usage this application is: the one it came from (same id), else the organisation's usage of the product.
    const swcId = text('id');
    const ofProduct = (existingByProduct.get(product.id) ?? []).filter((u) => !claimed.has(u.key));
    const before =
      ofProduct.find((u) => swcId && keptFields(u.externalFields).id === swcId) ?? ofProduct.find((u) => !swcId || u.key === swcId) ?? ofProduct[0];
    const key = before?.key ?? newUsageKey(product.slug);
    claimed.add(key);
    const kept = keptFields(before?.externalFields ?? null);
    // Personal data is never kept, also not what an earlier import stored.
    for (const column of PERSONAL_COLUMNS) delete kept[column];

    // Reference components by GEMMA id, else by name; the rest kept.
    let componentColumn: string | undefined;
    if ('referentieComponenten' in v || '_referentieComponenten' in v) {
      const placed: string[] = [];
      const unplaced = pairs(v.referentieComponenten, v._referentieComponenten).filter((pair) => {
        const id = componentIds.has(pair.id.toLowerCase()) ? pair.id.toLowerCase() : componentByName.get(pair.name.toLowerCase());
        if (id) placed.push(id);
        else note(row.line, `Referentiecomponent "${pair.name || pair.id}" staat niet in GEMMA; bewaard bij het gebruik.`);
        return !id;
      });
      componentColumn = [...new Set(placed)].sort().join(', ');
      delete kept.referentieComponenten;
      delete kept._referentieComponenten;
      if (unplaced.length) {
        kept.referentieComponenten = unplaced.map((x) => x.id);
        kept._referentieComponenten = unplaced.map((x) => x.name);
      }
    }

    // The version when the file names a known one; otherwise the stored version stays.
    let version = before?.version?.name ?? null;
    if ('moduleVersies' in v || '_moduleVersies' in v) {
      const named = pairs(v.moduleVersies, v._moduleVersies).map((x) => x.name || x.id);
      const knownVersion = product.versions.find((x) => named.includes(x.name));
      if (knownVersion) version = knownVersion.name;
      // With the option, a single version the product lacks is added to it (the plan's row says so); several are not guessed at.
      else if (options.addUnknownProducts && named.length === 1 && named[0]) version = named[0];
      else if (named.length)
        note(
          row.line,
          `Versie "${named.join('", "')}" van ${product.name} is niet bekend; de versie blijft zoals hij is.${named.length === 1 ? ` ${ADD_UNKNOWN_HINT}` : ''}`,
        );
    }

    // Every other column of the file: kept where it says something else than Grondplan would write.
    const derivable: Derivable = {
      key,
      product: { ...product, supplier: product.supplier.name, deliveryModel: product.deliveryModel, hostingJurisdiction: product.hostingJurisdiction },
      version,
    };
    for (const column of Object.keys(v)) {
      if (['naam', '_aanbieder', 'referentieComponenten', '_referentieComponenten', 'koppelingen', '_koppelingen'].includes(column)) continue;
      const value = v[column] as SwcValue;
      const own = derived(column, derivable);
      if (sameMapped(column, value, own)) delete kept[column];
      else {
        kept[column] = value;
        const parse = MAPPED_VALUES[column];
        if (parse && typeof value === 'string' && value.trim() && parse(value) === null)
          note(row.line, `${column}: "${value}" kent Grondplan niet; de waarde is bewaard bij het gebruik.`);
        else if (parse || column === 'licentie')
          note(
            row.line,
            `${column}: het bestand zegt "${value}", de catalogus "${own || 'niets'}" bij ${product.name}; de catalogus blijft zoals hij is, de waarde is bewaard bij het gebruik.`,
          );
      }
    }

    // A new product goes in under the names the file gives; planUsagesImport adds it (and its supplier) the one way every import does.
    const record: Record<string, string> = {
      Sleutel: key,
      Leverancier: known ? product.supplier.name : supplierName,
      Pakket: product.name,
      Versie: version ?? '',
    };
    if (before) {
      // What the file does not carry stays as stored.
      record.Status = before.status;
      for (const [column, field] of STATUS_DATE_COLUMNS) record[column] = day(before[field]) ?? '';
      record['Referentiecomponenten (GEMMA-id)'] = componentColumn ?? before.referenceComponents.map((c) => c.referenceComponentId).join(', ');
    } else {
      record.Status = 'In productie';
      record['Referentiecomponenten (GEMMA-id)'] = componentColumn ?? '';
    }
    records.push(record);
    resolved.push({ line: row.line, values: v, key, name: product.name, before, kept });
  }

  // Koppelingen: an entry names the other application by its id or name (in this file or the landscape), or a
  // national facility by name. Placed ones become koppelingen; the rest are kept on the usage.
  const fileById = new Map(
    resolved.flatMap((r) => [[r.key, r.key] as const, ...(typeof r.values.id === 'string' && r.values.id ? [[r.values.id, r.key] as const] : [])]),
  );
  const fileByName = new Map(resolved.map((r) => [r.name.toLowerCase(), r.key]));
  const landscapeById = new Map(existing.flatMap((u) => [[u.key, u.key] as const, [String(keptFields(u.externalFields).id ?? u.key), u.key] as const]));
  const productCount = new Map<string, number>();
  for (const u of existing) productCount.set(u.product.name.toLowerCase(), (productCount.get(u.product.name.toLowerCase()) ?? 0) + 1);
  const landscapeByName = new Map(
    existing.filter((u) => productCount.get(u.product.name.toLowerCase()) === 1).map((u) => [u.product.name.toLowerCase(), u.key]),
  );
  const serviceByName = new Map(services.map((s) => [s.name.toLowerCase(), s.id]));
  const wanted = new Map<string, { from: string; to: string | null; service: string | null; mutual: boolean; line: number }>();
  for (const r of resolved) {
    if (!('koppelingen' in r.values || '_koppelingen' in r.values)) continue;
    delete r.kept.koppelingen;
    delete r.kept._koppelingen;
    const unplaced = pairs(r.values.koppelingen, r.values._koppelingen).filter((pair) => {
      const other =
        fileById.get(pair.id) ?? landscapeById.get(pair.id) ?? fileByName.get(pair.name.toLowerCase()) ?? landscapeByName.get(pair.name.toLowerCase());
      const service = other ? null : (serviceByName.get(pair.name.toLowerCase()) ?? serviceByName.get(pair.id.toLowerCase()) ?? null);
      if ((!other && !service) || other === r.key) {
        note(
          r.line,
          `Koppeling met "${pair.name || pair.id}": de andere kant staat niet in het landschap of in het bestand; niet geplaatst, bewaard bij het gebruik.`,
        );
        return true;
      }
      const id = other ? [r.key, other].sort().join('|') : `${r.key}|voorziening:${service}`;
      const seen = wanted.get(id);
      if (seen) seen.mutual = seen.mutual || seen.from !== r.key;
      else wanted.set(id, { from: r.key, to: other ?? null, service, mutual: false, line: r.line });
      return false;
    });
    if (unplaced.length) {
      r.kept.koppelingen = unplaced.map((x) => x.id);
      r.kept._koppelingen = unplaced.map((x) => x.name);
    }
  }

  // Kept fields are a place for what Grondplan has no field for, not for bulk data.
  for (const r of resolved) {
    const size = Buffer.byteLength(keptText(r.kept) ?? '');
    if (size > MAX_KEPT_BYTES)
      refused.push({
        line: r.line,
        message: `Applicatie "${r.name}": de bewaarde velden zijn ${Math.ceil(size / 1024)} kB; hooguit ${MAX_KEPT_BYTES / 1024} kB per gebruik.`,
      });
  }

  // planUsagesImport numbers its records from line 2; give each row back the line of the file.
  const lineOf = (line: number) => resolved[line - 2]?.line ?? line;
  const usages = await planUsagesImport(db, slug, records, {
    addUnknownProducts: options.addUnknownProducts,
    lineName: (line) => `${read.format === 'json' ? 'Applicatie' : 'Regel'} ${lineOf(line)}`,
  });
  if (!usages) return null;
  // How planUsagesImport recognised or will add a product or supplier, each naming its line.
  for (const message of usages.recognised ?? []) note(0, message);
  refused.push(...usages.refused.map((x) => ({ line: lineOf(x.line), message: x.message })));
  const kept = resolved.flatMap((r) => {
    const before = r.before?.externalFields ?? null;
    const after = keptText(r.kept);
    return keptText(keptFields(before)) === after ? [] : [{ key: r.key, before, after }];
  });
  const keptChange = new Map(kept.map((k) => [k.key, k]));
  const rows: SwcPlanRow[] = usages.rows.map((r) => {
    const change = keptChange.get(r.key);
    const fields = change
      ? [...new Set([...Object.keys(keptFields(change.before)), ...Object.keys(keptFields(change.after))])].filter(
          (f) => JSON.stringify(keptFields(change.before)[f]) !== JSON.stringify(keptFields(change.after)[f]),
        )
      : [];
    const changes = [...r.changes, ...(r.action !== 'ADD' && fields.length ? [`bewaarde velden (${fields.sort().join(', ')})`] : [])];
    return { line: lineOf(r.line), key: r.key, product: r.product, action: r.action === 'UNCHANGED' && changes.length ? 'CHANGE' : r.action, changes };
  });

  // Koppelingen between usages (or to a facility) that are there already, in either direction, stay as they are.
  const keyOfUsage = new Map(existing.map((u) => [u.id, u.key]));
  const present = new Map<string, string>();
  for (const i of interfaces) {
    const from = keyOfUsage.get(i.fromUsageId) ?? '';
    const to = i.toUsageId ? keyOfUsage.get(i.toUsageId) : undefined;
    const id = to ? [from, to].sort().join('|') : i.externalServiceId ? `${from}|voorziening:${i.externalServiceId}` : '';
    if (id && !present.has(id)) present.set(id, i.key);
  }
  const newInterfaceKey = uniqueKeys(new Set(interfaces.map((i) => i.key)));
  const interfaceRecords: InterfaceRecord[] = [];
  for (const [id, w] of wanted) {
    const existingKey = present.get(id);
    if (existingKey) {
      rows.push({ line: w.line, key: existingKey, product: 'Koppeling', action: 'UNCHANGED', changes: [] });
      continue;
    }
    const base = slugOf(`${w.from}-${w.to ?? services.find((s) => s.id === w.service)?.name ?? 'voorziening'}`).slice(0, 80);
    const key = newInterfaceKey(base);
    interfaceRecords.push({
      line: w.line,
      Sleutel: key,
      'Van (gebruik)': w.from,
      'Naar (gebruik)': w.to ?? '',
      'Naar (landelijke voorziening)': w.service ? (services.find((s) => s.id === w.service)?.name ?? '') : '',
      'Via (gebruik)': '',
      Soort: 'API',
      Richting: w.mutual ? 'BOTH' : 'A_TO_B',
      Status: 'IN_USE',
      'Kopieert gegevens': 'nee',
      'Standaarden (GEMMA-id)': '',
      Omschrijving: '',
    });
  }
  let interfacePlan: InterfacePlan | null = null;
  if (interfaceRecords.length) {
    note(
      0,
      'De Softwarecatalogus noemt bij een koppeling geen soort en richting: nieuwe koppelingen worden ingelezen als API, in gebruik, richting van de applicatie die haar noemt (beide kanten als beide haar noemen).',
    );
    const added = new Set(usages.rows.filter((r) => r.action === 'ADD').map((r) => r.key));
    interfacePlan = await planInterfaces(db, slug, interfaceRecords, added);
    if (interfacePlan) {
      refused.push(...interfacePlan.refused.map((x) => ({ line: x.line, message: `Koppeling: ${x.message}` })));
      rows.push(...interfacePlan.rows.map((r) => ({ line: r.line, key: r.key, product: 'Koppeling', action: r.action, changes: [] })));
    }
  }
  if (moreNotes) notes.push({ line: 0, message: `… en ${moreNotes} meer.` });
  return { organisation: org, format: read.format, columns, rows, refused, notes, usages, interfaces: interfacePlan, kept };
}

/** Applies a plan without refusals in one transaction: usages, their kept fields, koppelingen, each audited, then the file. */
export async function applySwcImport(db: Database, plan: SwcPlan, actor: Viewer | { label: string }, fileName: string, source: AuditSource = 'IMPORT') {
  if (plan.refused.length || !plan.usages) throw new Error('Een plan met geweigerde regels wordt niet toegepast.');
  const usagesPlan = plan.usages;
  return applyInOneTransaction(db, { actor, fileName, organisationId: plan.organisation.id, source }, async (tx, src) => {
    const usages = await writeUsages(tx, usagesPlan, actor, src);
    for (const k of plan.kept) {
      const where = { organisationId_key: { organisationId: plan.organisation.id, key: k.key } };
      const saved = await tx.usage.update({ where, data: { externalFields: k.after, revision: { increment: 1 } }, select: { id: true, revision: true } });
      await recordAudit(tx, {
        actor,
        source: src,
        organisationId: plan.organisation.id,
        entityType: 'Usage',
        entityId: encodeGlobalID('Usage', saved.id),
        action: 'UPDATE',
        before: { externalFields: k.before },
        after: { externalFields: k.after },
        revision: saved.revision,
      });
    }
    const interfaces = plan.interfaces ? await writeInterfaces(tx, plan.interfaces, actor, src) : { added: 0, changed: 0 };
    // The plan's usage rows come first, one per row of usagesPlan; a row only its kept fields change is a change too.
    const own = plan.rows.slice(0, usagesPlan.rows.length);
    const counts = { added: usages.added, changed: own.filter((r) => r.action === 'CHANGE').length };
    return {
      result: { usages: counts, interfaces },
      summary: { kind: 'softwarecatalogus', ...counts, unchanged: own.length - counts.added - counts.changed, interfaces },
    };
  });
}

/** The organisation's usages in the export's layout: one object per usage, columns in order, lists as arrays. */
export async function swcApplications(db: Database, slug: string): Promise<Record<SwcColumnName, SwcValue>[] | null> {
  const org = await db.prisma.organisation.findUnique({
    where: { slug },
    select: {
      usages: {
        orderBy: { key: 'asc' },
        select: {
          id: true,
          key: true,
          externalFields: true,
          version: { select: { name: true } },
          product: {
            select: {
              name: true,
              description: true,
              licence: true,
              openSource: true,
              deliveryModel: true,
              hostingJurisdiction: true,
              supplier: { select: { name: true } },
            },
          },
          referenceComponents: { select: { referenceComponent: { select: { id: true, name: true } } } },
        },
      },
      interfaces: { select: { fromUsageId: true, toUsageId: true, externalService: { select: { name: true } } } },
    },
  });
  if (!org) return null;
  const byId = new Map(org.usages.map((u) => [u.id, u]));
  const idOf = (u: (typeof org.usages)[number]) => String(keptFields(u.externalFields).id || u.key);
  // A koppeling is listed at both of its applications; one to a national facility at its application, by name.
  const links = new Map<string, { id: string; name: string }[]>();
  const link = (usageId: string, id: string, name: string) => links.set(usageId, [...(links.get(usageId) ?? []), { id, name }]);
  for (const i of org.interfaces) {
    const from = byId.get(i.fromUsageId);
    const to = i.toUsageId ? byId.get(i.toUsageId) : undefined;
    if (from && to) {
      link(from.id, idOf(to), to.product.name);
      link(to.id, idOf(from), from.product.name);
    } else if (from && i.externalService) link(from.id, i.externalService.name, i.externalService.name);
  }
  return org.usages.map((u) => {
    const kept = keptFields(u.externalFields);
    const own: Derivable = { key: u.key, product: { ...u.product, supplier: u.product.supplier.name }, version: u.version?.name ?? null };
    const components = u.referenceComponents.map((c) => c.referenceComponent).sort((a, b) => a.id.localeCompare(b.id));
    const unique = [...new Map((links.get(u.id) ?? []).map((l) => [l.id, l])).values()].sort((a, b) => a.id.localeCompare(b.id));
    const list = (value: SwcValue | undefined) => (Array.isArray(value) ? value : value ? [value] : []);
    const row = Object.fromEntries(SWC_COLUMNS.map((column) => [column, column in kept ? (kept[column] as SwcValue) : derived(column, own)])) as Record<
      SwcColumnName,
      SwcValue
    >;
    for (const column of PERSONAL_COLUMNS) row[column] = '';
    row.referentieComponenten = [...components.map((c) => c.id), ...list(kept.referentieComponenten)];
    row._referentieComponenten = [...components.map((c) => c.name), ...list(kept._referentieComponenten)];
    row.koppelingen = [...unique.map((l) => l.id), ...list(kept.koppelingen)];
    row._koppelingen = [...unique.map((l) => l.name), ...list(kept._koppelingen)];
    return row;
  });
}

/** The export as CSV: the 33 columns in order, commas, every field quoted, lists as JSON arrays, formulas neutralised. */
export function toSwcCsv(applications: Record<SwcColumnName, SwcValue>[]): string {
  const cell = (value: SwcValue) => (Array.isArray(value) ? JSON.stringify(value) : neutralise(value));
  return stringify([[...SWC_COLUMNS], ...applications.map((a) => SWC_COLUMNS.map((c) => cell(a[c])))], { quoted: true, record_delimiter: '\n' });
}

/** The export as JSON: an array of the same objects (what the import also reads inside an API page's "results"). */
export const toSwcJson = (applications: Record<SwcColumnName, SwcValue>[]) => `${JSON.stringify(applications, null, 2)}\n`;
