// The first checks every uploaded file goes through: size, then UTF-8, then (for CSV) the delimiter and the columns;
// for an Excel workbook, size and then how far it unpacks (core/zip.ts), before ExcelJS reads a byte of it.
import { parse } from 'csv-parse/sync';
import { checkUnpack, type UnpackCheck, type UnpackLimits } from '../zip.ts';

export interface RowProblem {
  line: number;
  message: string;
}

/** A file larger than `maxBytes` is refused before it is read. */
export const sizeProblem = (bytes: Uint8Array, maxBytes: number): RowProblem | null =>
  bytes.byteLength > maxBytes ? { line: 0, message: `Het bestand is groter dan ${maxBytes / 1_000_000} MB.` } : null;

/**
 * What an Excel workbook (.xlsx, a zip of XML parts) may unpack to before ExcelJS reads it, unless a reader sets its
 * own. The usages import's largest workbook (20,000 rows of 15 columns) unpacks to about 30 MB in 16 parts; 50 MB and
 * 1,000 parts leave room for longer values, while a zip bomb (2 MB that unpack to gigabytes) is refused before a byte
 * of it is inflated into ExcelJS. ExcelJS holds about 20 bytes of memory per unpacked byte of a sheet of small cells,
 * so the limit also bounds what one import can cost.
 */
export const XLSX_UNPACK_LIMITS: UnpackLimits = { uncompressedBytes: 50_000_000, entries: 1_000 };

export const UNREADABLE_XLSX = 'Het bestand is geen leesbaar Excel-bestand (.xlsx).';

const megabytes = (bytes: number) => `${Math.ceil(bytes / 1_000_000).toLocaleString('nl-NL')} MB`;

/** A workbook larger than `maxBytes`, or one that does not unpack safely within `limits`, is refused before it is read. */
export function xlsxProblem(bytes: Uint8Array, maxBytes: number, limits = XLSX_UNPACK_LIMITS): RowProblem | null {
  const tooLarge = sizeProblem(bytes, maxBytes);
  if (tooLarge) return tooLarge;
  const check = checkUnpack(bytes, limits);
  return check.ok ? null : { line: 0, message: unpackMessage(check, limits) };
}

const count = (n: number) => n.toLocaleString('nl-NL');

function unpackMessage(check: Exclude<UnpackCheck, { ok: true }>, limits: UnpackLimits): string {
  switch (check.reason) {
    case 'unreadable':
      return UNREADABLE_XLSX;
    case 'entries':
      return `Het Excel-bestand bestaat uit ${count(check.entries)} onderdelen; hooguit ${count(limits.entries)}. Sla alleen de werkbladen met de gegevens op.`;
    case 'size':
      return `Het Excel-bestand is uitgepakt ${megabytes(check.uncompressedBytes)} groot; hooguit ${megabytes(limits.uncompressedBytes)}. Sla alleen de werkbladen met de gegevens op, of verdeel het bestand.`;
    case 'mismatch':
      return `Het Excel-bestand is beschadigd: onderdeel ${check.name.slice(0, 100)} pakt uit tot een andere grootte dan het bestand opgeeft.`;
  }
}

/** The file as text, or why not: too large, or not UTF-8 (with advice on how to save it, when there is any). */
export function fileText(bytes: Uint8Array, maxBytes: number, advice = ''): { text: string } | { problem: RowProblem } {
  const tooLarge = sizeProblem(bytes, maxBytes);
  if (tooLarge) return { problem: tooLarge };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: { line: 0, message: `Het bestand is geen geldige UTF-8-tekst.${advice ? ` ${advice}` : ''}` } };
  }
}

type Delimiter = ';' | ',' | '\t';

/** How a delimiter is named to the user: "gescheiden door komma's". */
const DELIMITER_NAMES: Record<Delimiter, string> = { ';': "puntkomma's", ',': "komma's", '\t': 'tabs' };

/**
 * The delimiter of a CSV text: the one of semicolon, comma and tab that occurs most often in the header line outside
 * quotes. A header without any of them (one column) or a tie is read as semicolons, the layout Grondplan writes.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as Delimiter] += 1;
  }
  const best = (Object.keys(counts) as Delimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ';' as Delimiter);
  return counts[best] > counts[';'] ? best : ';';
}

/** csv-parse's error codes in Dutch; its own (English) message is never shown. */
const PARSE_ERRORS: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: 'na een afsluitend aanhalingsteken staat geen scheidingsteken of regeleinde',
  CSV_QUOTE_NOT_CLOSED: 'een aanhalingsteken wordt niet gesloten',
  INVALID_OPENING_QUOTE: 'een aanhalingsteken staat midden in een veld',
  CSV_INVALID_OPENING_QUOTE: 'een aanhalingsteken staat midden in een veld',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'na een afsluitend aanhalingsteken staat nog tekst',
  CSV_MAX_RECORD_SIZE: 'een regel is langer dan 100.000 tekens',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'de regel heeft een ander aantal velden dan de kopregel',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'de regel heeft een ander aantal velden dan de kopregel',
};

/** A csv-parse error as one Dutch line, with the line of the file where it happened. */
function csvParseProblem(error: unknown, delimiter: Delimiter): RowProblem {
  const { code, lines } = error as { code?: string; lines?: number };
  const what = (code && PARSE_ERRORS[code]) ?? 'de regel is geen geldige CSV';
  const line = typeof lines === 'number' && lines > 0 ? lines : 0;
  return {
    line,
    message: `Het bestand is geen leesbare CSV (gescheiden door ${DELIMITER_NAMES[delimiter]})${line ? ` op regel ${line}` : ''}: ${what}.`,
  };
}

/** What the reader expects: its columns, the ones a file must have, and the delimiter Grondplan itself writes. */
interface ExpectedColumns {
  columns: readonly string[];
  required: readonly string[];
  delimiter?: Delimiter;
}

/** Column names of the Softwarecatalogus's own "applicaties" export that no other layout uses together. */
const SWC_SIGNS = ['naam', '_aanbieder', 'referentieComponenten', 'moduleVersies'];

/** True when a header looks like the Softwarecatalogus's own export (read it with the swc import instead). */
const looksLikeSoftwarecatalogus = (header: readonly string[]) =>
  SWC_SIGNS.filter((s) => header.includes(s)).length >= 2;

/**
 * When a file has another delimiter than the reader's layout and none of its required columns, one Dutch line that
 * says what was found and what was expected (and, for the Softwarecatalogus's own export, how to read it instead).
 */
export function columnsProblem(
  header: readonly string[],
  delimiter: Delimiter,
  expected: ExpectedColumns,
): RowProblem | null {
  const names = header.map((h) => h.trim());
  const foundRequired = expected.required.some((c) => names.includes(c));
  const sameDelimiter = delimiter === (expected.delimiter ?? ';');
  if (foundRequired || (sameDelimiter && names.length > 1 && !looksLikeSoftwarecatalogus(names))) return null;
  const shown = names.length > 12 ? [...names.slice(0, 12), '…'] : names;
  const swc = looksLikeSoftwarecatalogus(names)
    ? ' Is dit een export van de Softwarecatalogus? Lees het in als swc.'
    : '';
  return {
    line: 1,
    message: `Het bestand is gescheiden door ${DELIMITER_NAMES[delimiter]} en heeft de kolommen ${shown.join(', ')}; verwacht: ${expected.columns.join(', ')}.${swc}`,
  };
}

/**
 * A CSV as rows of cells, or why it cannot be read: UTF-8 (optional BOM), the delimiter detected from the header line
 * (semicolon, comma or tab). With `expected`, a file whose header fits another layout is refused with what was found.
 */
export function csvRows(
  bytes: Uint8Array,
  maxBytes: number,
  expected?: ExpectedColumns,
): { rows: string[][]; delimiter: Delimiter } | { problem: RowProblem } {
  const read = fileText(bytes, maxBytes, 'Sla het op als CSV (UTF-8).');
  if ('problem' in read) return read;
  const delimiter = detectDelimiter(read.text);
  let rows: string[][];
  try {
    rows = parse(read.text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 100_000,
    }) as string[][];
  } catch (error) {
    return { problem: csvParseProblem(error, delimiter) };
  }
  const problem = expected ? columnsProblem(rows[0] ?? [], delimiter, expected) : null;
  return problem ? { problem } : { rows, delimiter };
}

/** A CSV with a header as one object per row (column name to cell), for readers that want records. */
export function csvObjects(text: string): { records: Record<string, string>[] } | { problem: RowProblem } {
  const delimiter = detectDelimiter(text);
  try {
    return {
      records: parse(text, {
        bom: true,
        delimiter,
        columns: true,
        skip_empty_lines: true,
        max_record_size: 1_000_000,
      }) as Record<string, string>[],
    };
  } catch (error) {
    return { problem: csvParseProblem(error, delimiter) };
  }
}
