// Usages as an Excel workbook with the same columns as the CSV, and the reading side for imports; exceljs does the file format.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ExportLandscape } from './ameff.ts';
import { MAX_BYTES, MAX_ROWS, neutralise, OPTIONAL_COLUMNS, type RowProblem, toUsagesCsv, USAGE_COLUMNS, unneutralise } from './usages-csv.ts';

/** The same rows as the CSV export, one sheet "Gebruik", the header row frozen and filterable. */
export async function toUsagesXlsx(landscape: ExportLandscape): Promise<Uint8Array> {
  const rows = parse(toUsagesCsv(landscape), { bom: true, delimiter: ';' }) as string[][];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Grondplan';
  // Fixed metadata dates: the workbook's content depends only on the landscape.
  workbook.created = new Date(landscape.exportedAt);
  workbook.modified = new Date(landscape.exportedAt);
  const sheet = workbook.addWorksheet('Gebruik', { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of rows) sheet.addRow(row.map((cell) => neutralise(cell)));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: USAGE_COLUMNS.length } };
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(60, Math.max(12, ...rows.map((r) => (r[i] ?? '').length + 2)));
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The first sheet as records keyed by the header row, with the same checks as the CSV reader. */
export async function readUsagesXlsx(bytes: Uint8Array): Promise<{ records: Record<string, string>[]; problems: RowProblem[] }> {
  if (bytes.byteLength > MAX_BYTES) return { records: [], problems: [{ line: 0, message: `Het bestand is groter dan ${MAX_BYTES / 1_000_000} MB.` }] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { records: [], problems: [{ line: 0, message: 'Het bestand is geen leesbaar Excel-bestand (.xlsx).' }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { records: [], problems: [{ line: 0, message: 'Het Excel-bestand heeft geen werkblad.' }] };
  if (sheet.rowCount - 1 > MAX_ROWS)
    return { records: [], problems: [{ line: 0, message: `Het bestand heeft ${sheet.rowCount - 1} regels; hooguit ${MAX_ROWS} per keer.` }] };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, USAGE_COLUMNS.length); c++) {
      // A formula is never run: its text is taken as the value, like any other cell.
      const cell = row.getCell(c);
      const value = cell.formula ? `=${cell.formula}` : cell.text;
      cells.push(unneutralise(value));
    }
    rows.push(cells);
  });
  const [header = [], ...body] = rows;
  const names = header.map((h) => h.trim()).filter(Boolean);
  const missing = USAGE_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c) && !names.includes(c));
  const unknown = names.filter((n) => !(USAGE_COLUMNS as readonly string[]).includes(n));
  const problems: RowProblem[] = [];
  if (missing.length) problems.push({ line: 1, message: `Kolommen ontbreken: ${missing.join(', ')}.` });
  if (unknown.length) problems.push({ line: 1, message: `Onbekende kolommen: ${unknown.join(', ')}.` });
  if (problems.length) return { records: [], problems };
  return { records: body.map((cells) => Object.fromEntries(names.map((n, i) => [n, (cells[i] ?? '').trim()]))), problems: [] };
}
