// Zip files are read without trusting them: a workbook import refuses, before ExcelJS inflates a byte, a zip that
// declares more than its limit unpacked (50 MB for usages, 10 MB for a statement) or more than 1,000 parts, and one
// whose part unpacks to more (or less) than it declares; real workbooks pass. The bombs are built here: 60 MB of
// zeros deflate to about 60 KB.
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { UNREADABLE_XLSX, XLSX_UNPACK_LIMITS, xlsxProblem } from '#core/exchange/file-text.ts';
import { readUsagesXlsx } from '#core/exchange/usages-xlsx.ts';
import {
  readVvtXlsx,
  toVvtXlsx,
  VVT_COLUMNS,
  VVT_MAX_BYTES,
  VVT_MAX_ROWS,
  VVT_UNPACK_LIMITS,
} from '#core/exchange/vvt-file.ts';
import { checkUnpack, zipEntries } from '#core/zip.ts';
import { minimalXlsx, zip } from '#test/helpers/evidence-files.ts';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`;

/** A workbook's skeleton around one sheet part that holds `sheet` (and declares `declaredSize`, when given). */
const workbookAround = (sheet: Uint8Array, declaredSize?: number) =>
  zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'xl/workbook.xml', data: `${XML}<workbook/>` },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize },
  ]);

let bomb: Uint8Array;
let liar: Uint8Array;
beforeAll(() => {
  const zeros = new Uint8Array(60_000_000);
  bomb = workbookAround(zeros);
  // The same 60 MB of zeros, declared as 1 KB: only inflating shows what it holds.
  liar = workbookAround(zeros, 1_000);
});

const bombMessage = (limit: number) =>
  `Het Excel-bestand is uitgepakt 61 MB groot; hooguit ${limit} MB. Sla alleen de werkbladen met de gegevens op, of verdeel het bestand.`;
const LIAR_MESSAGE =
  'Het Excel-bestand is beschadigd: onderdeel xl/worksheets/sheet1.xml pakt uit tot een andere grootte dan het bestand opgeeft.';

describe('the central directory', () => {
  it('lists each entry with its method, sizes and local header', () => {
    const entries = zipEntries(
      zip([
        { name: 'a.txt', data: 'aaaa' },
        { name: 'b', data: 'bb', stored: true },
      ]),
    );
    expect(entries).toEqual([
      { name: 'a.txt', method: 8, compressedSize: deflateRawSync('aaaa').length, uncompressedSize: 4, localOffset: 0 },
      {
        name: 'b',
        method: 0,
        compressedSize: 2,
        uncompressedSize: 2,
        localOffset: 30 + 5 + deflateRawSync('aaaa').length,
      },
    ]);
    expect(zipEntries(new TextEncoder().encode('geen zip, maar wel lang genoeg om te lezen'))).toBeNull();
  });
});

describe('unpacking within limits', () => {
  const limits = { uncompressedBytes: 1_000, entries: 3 };

  it('takes a real workbook, written with data descriptors by ExcelJS, and counts what it unpacks to', async () => {
    const workbook = await toVvtXlsx({ measures: [], lines: [], exportedAt: '2025-01-01T00:00:00Z' });
    const check = checkUnpack(workbook, XLSX_UNPACK_LIMITS);
    expect(check).toMatchObject({ ok: true });
    expect(check.ok && check.uncompressedBytes).toBeGreaterThan(workbook.length);
    expect(xlsxProblem(await minimalXlsx('proef'), VVT_MAX_BYTES)).toBeNull();
  });

  it('refuses a zip that declares more than the limit before inflating anything', () => {
    // Its data is no deflate stream at all: the declared size alone refuses it.
    const declared = zip([{ name: 'x', data: new Uint8Array(10), stored: true, declaredSize: 1_001 }]);
    expect(checkUnpack(declared, limits)).toEqual({ ok: false, reason: 'size', uncompressedBytes: 1_001 });
    const atLimit = zip([{ name: 'x', data: new Uint8Array(1_000) }]);
    expect(checkUnpack(atLimit, limits)).toEqual({ ok: true, entries: 1, uncompressedBytes: 1_000 });
  });

  it('adds up every entry, so many small parts cannot pass one by one', () => {
    const parts = [1, 2, 3].map((i) => ({ name: `p${i}`, data: new Uint8Array(400) }));
    expect(checkUnpack(zip(parts), limits)).toEqual({ ok: false, reason: 'size', uncompressedBytes: 1_200 });
  });

  it('refuses more entries than the limit', () => {
    const parts = [1, 2, 3, 4].map((i) => ({ name: `p${i}`, data: '' }));
    expect(checkUnpack(zip(parts), limits)).toEqual({ ok: false, reason: 'entries', entries: 4 });
  });

  it('refuses an entry that unpacks to more or less than it declares', () => {
    expect(checkUnpack(zip([{ name: 'meer', data: new Uint8Array(900), declaredSize: 10 }]), limits)).toEqual({
      ok: false,
      reason: 'mismatch',
      name: 'meer',
    });
    expect(checkUnpack(zip([{ name: 'minder', data: new Uint8Array(9), declaredSize: 10 }]), limits)).toEqual({
      ok: false,
      reason: 'mismatch',
      name: 'minder',
    });
    const stored = zip([{ name: 'opgeslagen', data: new Uint8Array(9), stored: true, declaredSize: 10 }]);
    expect(checkUnpack(stored, limits)).toMatchObject({ reason: 'mismatch' });
  });

  it('refuses data that is no zip, lies outside the file, is corrupt or packed another way', () => {
    expect(checkUnpack(new TextEncoder().encode('Nummer;Van toepassing\n5.01.01;ja\n'), limits)).toEqual({
      ok: false,
      reason: 'unreadable',
    });
    const good = zip([{ name: 'x', data: 'inhoud' }]);
    const corrupt = good.slice();
    corrupt.fill(0xff, 31, 31 + 4);
    expect(checkUnpack(corrupt, limits)).toEqual({ ok: false, reason: 'unreadable' });
    // Where the central directory starts, as the end record says; its one entry begins there.
    const central = new DataView(good.buffer).getUint32(good.length - 22 + 16, true);
    const outside = good.slice();
    new DataView(outside.buffer).setUint32(central + 42, 1_000_000, true);
    expect(checkUnpack(outside, limits)).toEqual({ ok: false, reason: 'unreadable' });
    const method = good.slice();
    new DataView(method.buffer).setUint16(central + 10, 12, true);
    expect(checkUnpack(method, limits)).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('the workbook imports refuse a zip bomb before ExcelJS reads it', () => {
  it('are small enough to upload: the bombs are a fraction of the file limit', () => {
    expect(bomb.length).toBeLessThan(VVT_MAX_BYTES / 10);
    expect(liar.length).toBeLessThan(VVT_MAX_BYTES / 10);
  });

  it('the statement of applicability', async () => {
    expect(await readVvtXlsx(bomb)).toEqual({ problems: [{ line: 0, message: bombMessage(10) }] });
    expect(await readVvtXlsx(liar)).toEqual({ problems: [{ line: 0, message: LIAR_MESSAGE }] });
  });

  it('the usages', async () => {
    expect(await readUsagesXlsx(bomb)).toEqual({ records: [], problems: [{ line: 0, message: bombMessage(50) }] });
    expect(await readUsagesXlsx(liar)).toEqual({ records: [], problems: [{ line: 0, message: LIAR_MESSAGE }] });
  });

  it('takes the largest statement a user may write: 1,000 lines with 2,000 characters in both text columns', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Verklaring');
    sheet.addRow([...VVT_COLUMNS]);
    const text = (seed: number) => Array.from({ length: 400 }, (_, i) => `w${(seed * 7919 + i) % 10_007}`).join(' ');
    for (let row = 0; row < VVT_MAX_ROWS; row++)
      sheet.addRow(
        VVT_COLUMNS.map((c, i) => (i === 3 || i === 5 ? text(row * 12 + i).slice(0, 2_000) : `${c} ${row}`)),
      );
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const check = checkUnpack(bytes, VVT_UNPACK_LIMITS);
    expect(check).toMatchObject({ ok: true });
    // Half the limit or less: the limit keeps a margin over the largest real statement.
    expect(check.ok && check.uncompressedBytes).toBeLessThan(VVT_UNPACK_LIMITS.uncompressedBytes / 2);
    const read = await readVvtXlsx(bytes);
    expect('file' in read && read.file.records).toHaveLength(VVT_MAX_ROWS);
  });

  it('names too many parts and a file that is no workbook in Dutch', () => {
    const parts = Array.from({ length: 1_001 }, (_, i) => ({ name: `xl/p${i}.xml`, data: '' }));
    expect(xlsxProblem(zip(parts), VVT_MAX_BYTES)?.message).toBe(
      'Het Excel-bestand bestaat uit 1.001 onderdelen; hooguit 1.000. Sla alleen de werkbladen met de gegevens op.',
    );
    expect(xlsxProblem(new TextEncoder().encode('Nummer\n'), VVT_MAX_BYTES)?.message).toBe(UNREADABLE_XLSX);
  });
});
