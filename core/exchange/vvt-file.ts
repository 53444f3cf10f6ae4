// An organisation's statement of applicability as a file: one row per BIO2 measure that carries a line (its number,
// control, theme and text, then the line's values and its revision), as CSV (UTF-8 with BOM, semicolons, as Excel-NL
// opens it) or as an Excel workbook; and the reading side for the import (core/exchange/vvt-import.ts plans it).
// The BIO2 source is named in every file (core/bio2.ts BIO2_SOURCE).
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { BIO2_SOURCE, type Bio2MeasureColumns, hasStatementLine, themeLabel } from '../bio2.ts';
import { isoDay } from '../dates.ts';
import { vvtStateLabel } from '../vvt.ts';
import type { StoredVvtLine } from '../vvt-write.ts';
import type { UnpackLimits } from '../zip.ts';
import { csvRows, type RowProblem, UNREADABLE_XLSX, xlsxProblem } from './file-text.ts';
import { neutralise, unneutralise } from './usages-csv.ts';

/** The columns, in the order the export writes them. */
export const VVT_COLUMNS = [
  'Nummer',
  'Beheersmaatregel',
  'Thema',
  'Maatregel',
  'Van toepassing',
  'Reden of risicoanalyse',
  'Stand',
  'Eigenaar',
  'Bewijs',
  'Laatst beoordeeld',
  'Revisie',
  'Bron',
] as const;
export type VvtColumn = (typeof VVT_COLUMNS)[number];

/** The columns that describe the measure (reference data): written for the reader, never read back. */
export const DESCRIPTIVE_COLUMNS: readonly VvtColumn[] = ['Beheersmaatregel', 'Thema', 'Maatregel', 'Bron'];

export const VVT_MAX_BYTES = 2_000_000;
export const VVT_MAX_ROWS = 1_000;
/**
 * What a statement's workbook may unpack to: 1,000 lines with 2,000 characters in both text columns unpack to under
 * 5 MB, so 10 MB keeps twice that (core/exchange/file-text.ts XLSX_UNPACK_LIMITS says why there is a limit).
 */
export const VVT_UNPACK_LIMITS: UnpackLimits = { uncompressedBytes: 10_000_000, entries: 1_000 };

/** The source as one line, in every row of a CSV and on the workbook's sheet "Bron". */
export const SOURCE_LINE = `${BIO2_SOURCE.name}; bron: ${BIO2_SOURCE.repository} (${BIO2_SOURCE.url}), versie ${BIO2_SOURCE.version}`;

/** A measure as the export writes it: the seed's columns without its place in the file. */
export type VvtExportMeasure = Omit<Bio2MeasureColumns, 'position'>;

export interface VvtExport {
  measures: readonly VvtExportMeasure[];
  lines: readonly StoredVvtLine[];
  /** Fixes the workbook's metadata dates, so the file depends only on the statement. */
  exportedAt: string;
}

export const appliesText = (applies: boolean | null) => (applies === null ? '' : applies ? 'ja' : 'nee');

/** The rows of the export, header first, every cell as text (formula-like starts neutralised). */
export function vvtRows(data: VvtExport): string[][] {
  const lineOf = new Map(data.lines.map((l) => [l.measureNumber, l]));
  const rows = data.measures.filter(hasStatementLine).map((m) => {
    const line = lineOf.get(m.number);
    return [
      m.number,
      m.control,
      themeLabel[m.theme],
      m.text ?? `Geen overheidsmaatregel: de richtlijn van ISO 27002 bij ${m.control} geldt.`,
      appliesText(line?.applies ?? null),
      line?.reason ?? '',
      vvtStateLabel[line?.state ?? 'NIET_GESTART'],
      line?.owner ?? '',
      line?.evidence ?? '',
      line?.reviewedOn ? isoDay(line.reviewedOn) : '',
      line ? String(line.revision) : '',
      SOURCE_LINE,
    ].map(neutralise);
  });
  return [[...VVT_COLUMNS], ...rows];
}

export const toVvtCsv = (data: VvtExport): string =>
  `\uFEFF${stringify(vvtRows(data), { delimiter: ';', record_delimiter: '\r\n' })}`;

// Loaded on first use: the library is large.
const excel = async () => (await import('exceljs')).default;

export const VVT_SHEET = 'Verklaring';

/** The rows on a sheet "Verklaring" (header frozen and filterable), the source on a sheet "Bron". */
export async function toVvtXlsx(data: VvtExport): Promise<Uint8Array> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = 'Grondplan';
  workbook.created = new Date(data.exportedAt);
  workbook.modified = new Date(data.exportedAt);
  const rows = vvtRows(data);
  const sheet = workbook.addWorksheet(VVT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: VVT_COLUMNS.length } };
  sheet.columns.forEach((column, i) => {
    column.width = i === 3 || i === 5 ? 60 : 18;
  });
  const source = workbook.addWorksheet('Bron');
  source.addRow(['Bron van de maatregelen', BIO2_SOURCE.name]);
  source.addRow(['Repository', BIO2_SOURCE.repository]);
  source.addRow(['Adres', BIO2_SOURCE.url]);
  source.addRow(['Versie', BIO2_SOURCE.version]);
  source.addRow(['Status', BIO2_SOURCE.status]);
  source.getColumn(1).width = 24;
  source.getColumn(2).width = 90;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A file read: its columns (as named in the header) and one record per row, with the row's number in the file. */
export interface VvtFile {
  columns: VvtColumn[];
  records: { line: number; cells: Partial<Record<VvtColumn, string>> }[];
}

/** The header and body as a file, or the problems of the header (missing Nummer, unknown columns, too many rows). */
function asFile(rows: string[][]): { file: VvtFile } | { problems: RowProblem[] } {
  const [header = [], ...body] = rows;
  const named = header.map((h, i) => [h.replace(/^\uFEFF/, '').trim(), i] as const).filter(([n]) => n);
  const known = named.filter((c): c is readonly [VvtColumn, number] =>
    (VVT_COLUMNS as readonly string[]).includes(c[0]),
  );
  const unknown = named.filter(([n]) => !(VVT_COLUMNS as readonly string[]).includes(n)).map(([n]) => n);
  const problems: RowProblem[] = [];
  if (!known.some(([n]) => n === 'Nummer'))
    problems.push({ line: 1, message: 'De kolom Nummer ontbreekt: elke rij noemt de BIO2-maatregel (zoals 5.01.01).' });
  if (unknown.length)
    problems.push({
      line: 1,
      message: `Onbekende kolommen: ${unknown.join(', ')}. Verwacht (zoals de export ze schrijft): ${VVT_COLUMNS.join(', ')}.`,
    });
  const twice = known.filter(([n], i) => known.findIndex(([m]) => m === n) !== i).map(([n]) => n);
  if (twice.length) problems.push({ line: 1, message: `Kolommen staan er twee keer in: ${twice.join(', ')}.` });
  if (body.length > VVT_MAX_ROWS)
    problems.push({ line: 0, message: `Het bestand heeft ${body.length} rijen; hooguit ${VVT_MAX_ROWS}.` });
  if (problems.length) return { problems };
  const records = body
    .map((cells, i) => ({
      line: i + 2,
      cells: Object.fromEntries(known.map(([n, c]) => [n, unneutralise(cells[c] ?? '')])),
    }))
    // A row without any value (Excel leaves them below a table) is no line.
    .filter((r) => Object.values(r.cells).some((v) => v.trim() !== ''));
  return { file: { columns: known.map(([n]) => n), records } };
}

/** A CSV (UTF-8, with or without BOM; semicolons, commas or tabs) as a file, or why not. */
export function readVvtCsv(bytes: Uint8Array): { file: VvtFile } | { problems: RowProblem[] } {
  const read = csvRows(bytes, VVT_MAX_BYTES);
  return 'problem' in read ? { problems: [read.problem] } : asFile(read.rows);
}

/** A cell as text: a typed date as its day, a formula as its text (never run), anything else as Excel shows it. */
function cellText(cell: ExcelJS.Cell): string {
  if (cell.value instanceof Date) return isoDay(cell.value);
  if (cell.formula) return `=${cell.formula}`;
  return cell.text;
}

/** The first sheet of a workbook as a file, or why not. */
export async function readVvtXlsx(bytes: Uint8Array): Promise<{ file: VvtFile } | { problems: RowProblem[] }> {
  const refused = xlsxProblem(bytes, VVT_MAX_BYTES, VVT_UNPACK_LIMITS);
  if (refused) return { problems: [refused] };
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { problems: [{ line: 0, message: UNREADABLE_XLSX }] };
  }
  const sheet = workbook.getWorksheet(VVT_SHEET) ?? workbook.worksheets[0];
  if (!sheet) return { problems: [{ line: 0, message: 'Het Excel-bestand heeft geen werkblad.' }] };
  if (sheet.rowCount - 1 > VVT_MAX_ROWS)
    return {
      problems: [{ line: 0, message: `Het werkblad heeft ${sheet.rowCount - 1} rijen; hooguit ${VVT_MAX_ROWS}.` }],
    };
  const rows: string[][] = [];
  // Row numbers kept: an empty row in the sheet is an empty row here, so messages name the row Excel shows.
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, VVT_COLUMNS.length); c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  }
  return asFile(rows);
}

/** A file by its name: .xlsx as a workbook, anything else as CSV. */
export const readVvtFile = (bytes: Uint8Array, fileName: string) =>
  /\.xlsx$/i.test(fileName) ? readVvtXlsx(bytes) : Promise.resolve(readVvtCsv(bytes));
