// What an evidence document's file may be: PDF, DOCX, XLSX or ODT, at most 20 MB, recognised by its content and
// never by its name or the type the browser claims. A PDF starts with `%PDF-`; DOCX and XLSX are zip files with
// [Content_Types].xml and their word/ or xl/ parts (read from the zip's central directory, core/zip.ts); an ODT is a
// zip whose first entry is `mimetype`, stored, holding the ODF text document type. Anything else is refused with a
// Dutch message.
import { createHash } from 'node:crypto';
import { zipEntryNames } from './zip.ts';

/** The largest evidence file, in bytes. */
export const MAX_EVIDENCE_BYTES = 20_000_000;

export const EVIDENCE_FORMATS = {
  pdf: { contentType: 'application/pdf', label: 'PDF' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'DOCX' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'XLSX' },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', label: 'ODT' },
} as const;

export type EvidenceFormat = keyof typeof EVIDENCE_FORMATS;

export const NOT_AN_EVIDENCE_FILE =
  'Dit bestand is geen PDF-, Word- (DOCX), Excel- (XLSX) of OpenDocument-tekstbestand (ODT). Alleen die soorten worden bewaard; het bestand wordt op zijn inhoud gecontroleerd, niet op zijn naam.';
export const TOO_LARGE = `Dit bestand is te groot: een bewijsstuk mag ten hoogste ${MAX_EVIDENCE_BYTES / 1_000_000} MB zijn.`;
export const EMPTY_FILE = 'Dit bestand is leeg.';

export type FileCheck =
  | { ok: true; format: EvidenceFormat; contentType: string; fileName: string; size: number; sha256: string }
  | { ok: false; message: string };

const ODT_MIME = 'application/vnd.oasis.opendocument.text';
const ascii = (bytes: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...bytes.subarray(from, Math.min(bytes.length, from + length)));

/** Whether the zip's first local entry is `mimetype`, stored uncompressed, holding the ODF text type. */
function isOdt(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 30) return false;
  const method = view.getUint16(8, true);
  const nameLength = view.getUint16(26, true);
  const extra = view.getUint16(28, true);
  if (method !== 0 || ascii(bytes, 30, nameLength) !== 'mimetype') return false;
  return ascii(bytes, 30 + nameLength + extra, ODT_MIME.length) === ODT_MIME;
}

/** The format the content shows, or null. */
export function detectEvidenceFormat(bytes: Uint8Array): EvidenceFormat | null {
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
  const names = zipEntryNames(bytes);
  if (!names) return null;
  if (isOdt(bytes)) return 'odt';
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  return null;
}

/**
 * The name the file is stored and served under: the base name as given (no folders, at most 200 characters), ending in
 * the extension of the format its content shows. Control characters go, and so do format characters (a right-to-left
 * override would show the PDF `factuur\u202Excod.pdf` as "factuurfdp.docx"), lone surrogates and line and paragraph separators.
 */
export function evidenceFileName(given: string, format: EvidenceFormat): string {
  const base = (given.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}"]/gu, '').trim();
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 190) || 'bewijsstuk';
  return `${stem}.${format}`;
}

/** Checks an uploaded file: size first (nothing is read of a file that is too large), then its content. */
export function checkEvidenceFile(bytes: Uint8Array, fileName: string): FileCheck {
  if (bytes.length > MAX_EVIDENCE_BYTES) return { ok: false, message: TOO_LARGE };
  if (bytes.length === 0) return { ok: false, message: EMPTY_FILE };
  const format = detectEvidenceFormat(bytes);
  if (!format) return { ok: false, message: NOT_AN_EVIDENCE_FILE };
  return {
    ok: true,
    format,
    contentType: EVIDENCE_FORMATS[format].contentType,
    fileName: evidenceFileName(fileName, format),
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * The Content-Disposition of a download: an ASCII fallback name (anything else, and quotes and backslashes, as `_`)
 * and the name itself encoded as RFC 5987 says, so no name can break out of the header.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
