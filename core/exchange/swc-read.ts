// Reads a Softwarecatalogus export (CSV or JSON) into rows of values, with a problem per unreadable row.
import { csvRows, type RowProblem, sizeProblem } from './file-text.ts';
import { isRead, LIST_COLUMNS, MAX_LIST, SWC_COLUMNS, type SwcValue } from './swc-columns.ts';
import { MAX_BYTES, MAX_ROWS, unneutralise } from './usages-csv.ts';

export interface SwcRow {
  /** Line in the CSV (header is 1), or the application's place in the JSON list (first is 1). */
  line: number;
  values: Partial<Record<string, SwcValue>>;
}

export type SwcFormat = 'csv' | 'json';

/** A JSON file starts with [ or {; anything else is read as CSV. */
function sniffSwcFormat(bytes: Uint8Array): SwcFormat {
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
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string' || typeof x === 'number')
      ? parsed.map(String)
      : null;
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
export function readSwc(bytes: Uint8Array): {
  format: SwcFormat;
  rows: SwcRow[];
  columns: string[];
  problems: RowProblem[];
} {
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
    return {
      format,
      rows: [],
      columns,
      problems: [{ line: 0, message: `Het bestand heeft ${body.length} regels; hooguit ${MAX_ROWS} per keer.` }],
    };
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
      if (Array.isArray(value) && value.length > MAX_LIST)
        problems.push({ line, message: tooLong(column, value.length, values.naam) });
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
      error instanceof SyntaxError
        ? 'Het bestand is geen geldige JSON.'
        : 'Het bestand kon niet als JSON worden gelezen (te diep genest of te groot).',
    );
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { results?: unknown } | null)?.results;
  if (!Array.isArray(list))
    return fail(
      'Het JSON-bestand is geen lijst van applicaties en heeft geen lijst "results" (zoals de API van de Softwarecatalogus die geeft).',
    );
  if (list.length > MAX_ROWS)
    return fail(`Het bestand heeft ${list.length} applicaties; hooguit ${MAX_ROWS} per keer.`);
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
        problems.push({
          line,
          message: `Veld ${key}: een lijst in een lijst wordt niet gelezen; verwacht tekst of een lijst van teksten.`,
        });
      else if (cell === null) problems.push({ line, message: `Veld ${key}: verwacht tekst of een lijst van teksten.` });
      else values[key] = LIST_COLUMNS.has(key) && typeof cell === 'string' ? (cell ? [cell] : []) : cell;
    }
    if (!('naam' in values)) problems.push({ line, message: 'Het veld naam ontbreekt.' });
    return { line, values };
  });
  return { format, rows, columns, problems };
}
