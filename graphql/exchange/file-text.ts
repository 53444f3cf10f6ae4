// The first checks every uploaded file goes through: size, then UTF-8, then (for CSV) the Softwarecatalogus dialect.
import { parse } from 'csv-parse/sync';

export interface RowProblem {
  line: number;
  message: string;
}

/** A file larger than `maxBytes` is refused before it is read. */
export const sizeProblem = (bytes: Uint8Array, maxBytes: number): RowProblem | null =>
  bytes.byteLength > maxBytes ? { line: 0, message: `Het bestand is groter dan ${maxBytes / 1_000_000} MB.` } : null;

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

/** A Softwarecatalogus-style CSV (UTF-8, optional BOM, semicolons) as rows of cells, or why it cannot be read. */
export function csvRows(bytes: Uint8Array, maxBytes: number): { rows: string[][] } | { problem: RowProblem } {
  const read = fileText(bytes, maxBytes, 'Sla het op als CSV (UTF-8).');
  if ('problem' in read) return read;
  try {
    return { rows: parse(read.text, { bom: true, delimiter: ';', relax_column_count: true, skip_empty_lines: true, max_record_size: 100_000 }) as string[][] };
  } catch (error) {
    return { problem: { line: 0, message: `Het bestand is geen leesbare CSV: ${(error as Error).message}` } };
  }
}
