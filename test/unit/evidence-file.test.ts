// An evidence file is recognised by its content: real small PDF, DOCX, XLSX and ODT files are taken with their
// detected type, size and SHA-256; a program or a web page named .pdf, a zip that is no Office document, an ODF
// spreadsheet named .odt, an empty file and one over 20 MB are refused with a Dutch message.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  attachmentDisposition,
  checkEvidenceFile,
  EMPTY_FILE,
  evidenceFileName,
  MAX_EVIDENCE_BYTES,
  NOT_AN_EVIDENCE_FILE,
  TOO_LARGE,
} from '#core/evidence-file.ts';
import { zipEntryNames } from '#core/zip.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'evidence', name)));

describe('evidence files recognised by content', () => {
  it.each([
    ['certificaat.pdf', 'pdf', 'application/pdf'],
    ['pentest.docx', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['tpm.xlsx', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['dpia.odt', 'odt', 'application/vnd.oasis.opendocument.text'],
  ])('takes %s as %s', (name, format, contentType) => {
    const bytes = fixture(name);
    const checked = checkEvidenceFile(bytes, name);
    expect(checked).toEqual({
      ok: true,
      format,
      contentType,
      fileName: name,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('goes by the content, not the name: a Word file named .pdf is stored as .docx', () => {
    const checked = checkEvidenceFile(fixture('pentest.docx'), 'rapport.pdf');
    expect(checked.ok && [checked.format, checked.fileName]).toEqual(['docx', 'rapport.docx']);
  });

  it.each([
    ['programma.exe.pdf', 'a Windows program named .pdf'],
    ['pagina.html.pdf', 'an HTML page named .pdf'],
    ['archief.zip.docx', 'a zip without [Content_Types].xml named .docx'],
    ['rekenblad.ods.odt', 'an ODF spreadsheet named .odt'],
  ])('refuses %s (%s)', (name) => {
    expect(checkEvidenceFile(fixture(name), name)).toEqual({ ok: false, message: NOT_AN_EVIDENCE_FILE });
  });

  it('refuses a zip with [Content_Types].xml but neither word/ nor xl/ parts', () => {
    const bytes = fixture('pentest.docx');
    // The same package with its word/ part renamed (same length, so the zip stays whole).
    const renamed = Buffer.from(bytes).toString('latin1').replaceAll('word/document.xml', 'wird/document.xml');
    expect(checkEvidenceFile(new Uint8Array(Buffer.from(renamed, 'latin1')), 'x.docx')).toEqual({
      ok: false,
      message: NOT_AN_EVIDENCE_FILE,
    });
  });

  it('refuses an empty file and one over 20 MB, whatever it holds', () => {
    expect(checkEvidenceFile(new Uint8Array(0), 'leeg.pdf')).toEqual({ ok: false, message: EMPTY_FILE });
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    big.set(new TextEncoder().encode('%PDF-1.4\n'));
    expect(checkEvidenceFile(big, 'groot.pdf')).toEqual({ ok: false, message: TOO_LARGE });
    expect(TOO_LARGE).toBe('Dit bestand is te groot: een bewijsstuk mag ten hoogste 20 MB zijn.');
    const limit = new Uint8Array(MAX_EVIDENCE_BYTES);
    limit.set(new TextEncoder().encode('%PDF-1.4\n'));
    expect(checkEvidenceFile(limit, 'precies.pdf').ok).toBe(true);
  });

  it('reads the entry names of a zip, and nothing of bytes that are no zip', () => {
    expect(zipEntryNames(fixture('dpia.odt'))).toEqual(['mimetype', 'META-INF/manifest.xml', 'content.xml']);
    expect(zipEntryNames(fixture('certificaat.pdf'))).toBeNull();
    // A zip's start without its central directory.
    expect(zipEntryNames(fixture('pentest.docx').subarray(0, 100))).toBeNull();
  });
});

describe('file names', () => {
  it('keeps the base name, drops folders, quotes and control characters, and ends in the detected format', () => {
    expect(evidenceFileName('C:\\stukken\\ISO "27001"\u0007.PDF', 'pdf')).toBe('ISO 27001.pdf');
    expect(evidenceFileName('../../etc/passwd', 'docx')).toBe('passwd.docx');
    expect(evidenceFileName('', 'odt')).toBe('bewijsstuk.odt');
  });

  it('leaves out format characters such as a right-to-left override, so a name cannot pass for another type', () => {
    // Shown as "factuurfdp.docx" with the override left in.
    expect(evidenceFileName('factuur\u202Excod.pdf', 'pdf')).toBe('factuurxcod.pdf');
    expect(evidenceFileName('factuur\u202Efdp.exe', 'pdf')).toBe('factuurfdp.pdf');
    expect(evidenceFileName('\u200Fverklaring\u2066\u200B\uFEFF\u0085\u2028.docx', 'docx')).toBe('verklaring.docx');
    expect(evidenceFileName('Pentest-rapport \u00e9\u00e9n.pdf', 'pdf')).toBe('Pentest-rapport \u00e9\u00e9n.pdf');
  });

  it('writes a Content-Disposition no name can break out of', () => {
    expect(attachmentDisposition('ISO 27001.pdf')).toBe(
      `attachment; filename="ISO 27001.pdf"; filename*=UTF-8''ISO%2027001.pdf`,
    );
    expect(attachmentDisposition('Verklaring; ü\r\n".pdf')).toBe(
      `attachment; filename="Verklaring_ ____.pdf"; filename*=UTF-8''Verklaring%3B%20%C3%BC%0D%0A%22.pdf`,
    );
  });
});
