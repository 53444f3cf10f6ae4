// A landscape as an Excel workbook, usages and koppelingen on two sheets with the CSV exports' columns, and the reading
// side for imports; exceljs does the file format.
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { UNREADABLE_XLSX, xlsxProblem } from './file-text.ts';
import { INTERFACE_COLUMNS, type InterfaceRecord, interfaceRecords, interfaceRows } from './interfaces-csv.ts';
import type { ExportLandscape } from './load.ts';
import {
  MAX_BYTES,
  MAX_ROWS,
  neutralise,
  OPTIONAL_COLUMNS,
  type RowProblem,
  toUsagesCsv,
  USAGE_COLUMNS,
  unneutralise,
} from './usages-csv.ts';

// Loaded on first use: the library is large and most servers never handle a workbook.
const excel = async () => (await import('exceljs')).default;

/** The same rows as the CSV exports: a sheet "Gebruik" and a sheet "Koppelingen", header rows frozen and filterable. */
export async function toUsagesXlsx(landscape: ExportLandscape): Promise<Uint8Array> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = 'Grondplan';
  // Fixed metadata dates: the workbook's content depends only on the landscape.
  workbook.created = new Date(landscape.exportedAt);
  workbook.modified = new Date(landscape.exportedAt);
  const usages = parse(toUsagesCsv(landscape), { bom: true, delimiter: ';' }) as string[][];
  addSheet(workbook, 'Gebruik', usages);
  addSheet(workbook, KOPPELINGEN_SHEET, [[...INTERFACE_COLUMNS], ...interfaceRows(landscape)]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const KOPPELINGEN_SHEET = 'Koppelingen';

function addSheet(workbook: ExcelJS.Workbook, name: string, rows: string[][]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of rows) sheet.addRow(row.map((cell) => neutralise(cell)));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: rows[0]?.length ?? 1 } };
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(60, Math.max(12, ...rows.map((r) => (r[i] ?? '').length + 2)));
  });
}

/** Every row of a sheet as text; a formula is never run: its text is taken as the value, like any other cell. */
function sheetRows(sheet: ExcelJS.Worksheet, width: number): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, width); c++) {
      const cell = row.getCell(c);
      cells.push(cell.formula ? `=${cell.formula}` : cell.text);
    }
    rows.push(cells);
  });
  return rows;
}

/**
 * The first sheet as usage records keyed by the header row, with the same checks as the CSV reader; a sheet named
 * "Koppelingen" (as the export writes) is read as koppelingen.
 */
export async function readUsagesXlsx(
  bytes: Uint8Array,
): Promise<{ records: Record<string, string>[]; interfaces?: InterfaceRecord[]; problems: RowProblem[] }> {
  const refused = xlsxProblem(bytes, MAX_BYTES);
  if (refused) return { records: [], problems: [refused] };
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { records: [], problems: [{ line: 0, message: UNREADABLE_XLSX }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { records: [], problems: [{ line: 0, message: 'Het Excel-bestand heeft geen werkblad.' }] };
  const tooLong = workbook.worksheets.find((s) => s.rowCount - 1 > MAX_ROWS);
  if (tooLong)
    return {
      records: [],
      problems: [
        {
          line: 0,
          message: `Werkblad "${tooLong.name}" heeft ${tooLong.rowCount - 1} regels; hooguit ${MAX_ROWS} per keer.`,
        },
      ],
    };
  const [header = [], ...body] = sheetRows(sheet, USAGE_COLUMNS.length).map((cells) => cells.map(unneutralise));
  // An empty header cell is no column, but the cells after it keep their places.
  const columns = header.map((h, i) => [h.trim(), i] as const).filter(([n]) => n);
  const names = columns.map(([n]) => n);
  const missing = USAGE_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c) && !names.includes(c));
  const unknown = names.filter((n) => !(USAGE_COLUMNS as readonly string[]).includes(n));
  const problems: RowProblem[] = [];
  if (missing.length) problems.push({ line: 1, message: `Kolommen ontbreken: ${missing.join(', ')}.` });
  if (unknown.length) problems.push({ line: 1, message: `Onbekende kolommen: ${unknown.join(', ')}.` });
  if (problems.length) return { records: [], problems };
  const records = body.map((cells) => Object.fromEntries(columns.map(([n, i]) => [n, (cells[i] ?? '').trim()])));
  const koppelingen = workbook.getWorksheet(KOPPELINGEN_SHEET);
  if (!koppelingen || koppelingen === sheet) return { records, problems: [] };
  const read = interfaceRecords(sheetRows(koppelingen, INTERFACE_COLUMNS.length));
  // Problems of the second sheet are named after it, since its line numbers are its own.
  const named = read.problems.map((p) => ({ line: p.line, message: `Werkblad ${KOPPELINGEN_SHEET}: ${p.message}` }));
  return named.length ? { records: [], problems: named } : { records, interfaces: read.records, problems: [] };
}
