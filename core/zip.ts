// Reading a zip file without trusting it: the entries its central directory lists (what evidence files are recognised
// by, core/evidence-file.ts), and a check that a zip unpacks to no more than a limit before a library unpacks it
// (the workbook imports hand the bytes to ExcelJS, whose JSZip inflates every entry in memory and compares the size
// only afterwards). A 2 MB zip can declare, or inflate to, gigabytes; this check reads the declared sizes first and
// then inflates each entry with that size as its ceiling, so nothing inflates past what was declared and counted.
import { inflateRawSync } from 'node:zlib';

/** One entry as the central directory lists it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; other methods are not unpacked here. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

const ascii = (bytes: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...bytes.subarray(from, Math.min(bytes.length, from + length)));

const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The entries of a zip file's central directory; null when the bytes are no readable zip. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  if (bytes.length < 22 || ascii(bytes, 0, 4) !== 'PK\x03\x04') return null;
  const view = viewOf(bytes);
  // The end of central directory record: 22 bytes plus a comment of at most 65535 bytes, at the end.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at -= 1)
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_HEADER) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** The entry names of a zip file's central directory; null when the bytes are no readable zip. */
export const zipEntryNames = (bytes: Uint8Array): string[] | null => zipEntries(bytes)?.map((e) => e.name) ?? null;

export interface UnpackLimits {
  /** The most bytes all entries together may unpack to. */
  uncompressedBytes: number;
  /** The most entries. */
  entries: number;
}

export type UnpackCheck =
  | { ok: true; entries: number; uncompressedBytes: number }
  /** No zip, an entry outside the file, a method other than stored or deflated, or deflated data that is corrupt. */
  | { ok: false; reason: 'unreadable' }
  | { ok: false; reason: 'entries'; entries: number }
  | { ok: false; reason: 'size'; uncompressedBytes: number }
  /** An entry unpacks to another size than the central directory declares. */
  | { ok: false; reason: 'mismatch'; name: string };

/** The compressed data of an entry, found through its local header; null when it lies outside the file. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const view = viewOf(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  return end > bytes.length ? null : bytes.subarray(start, end);
}

/** Whether the entry unpacks to exactly its declared size; inflating stops one byte past it. */
function unpacksAsDeclared(bytes: Uint8Array, entry: ZipEntry): boolean | 'unreadable' {
  const data = entryData(bytes, entry);
  if (!data) return 'unreadable';
  if (entry.method === 0) return data.length === entry.uncompressedSize;
  if (entry.method !== 8) return 'unreadable';
  try {
    return inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 }).length === entry.uncompressedSize;
  } catch (error) {
    // Node's error when the output would pass maxOutputLength: more data than declared.
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? false : 'unreadable';
  }
}

/**
 * Whether a zip may be unpacked within `limits`: the entry count and the declared sizes from the central directory
 * first (nothing is inflated for a zip that declares too much), then each entry inflated to at most its declared size.
 */
export function checkUnpack(bytes: Uint8Array, limits: UnpackLimits): UnpackCheck {
  const entries = zipEntries(bytes);
  if (!entries) return { ok: false, reason: 'unreadable' };
  if (entries.length > limits.entries) return { ok: false, reason: 'entries', entries: entries.length };
  const uncompressedBytes = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (uncompressedBytes > limits.uncompressedBytes) return { ok: false, reason: 'size', uncompressedBytes };
  for (const entry of entries) {
    const declared = unpacksAsDeclared(bytes, entry);
    if (declared === 'unreadable') return { ok: false, reason: 'unreadable' };
    if (!declared) return { ok: false, reason: 'mismatch', name: entry.name };
  }
  return { ok: true, entries: entries.length, uncompressedBytes };
}
