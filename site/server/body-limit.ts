// Request body limits for everything the site answers (pages' forms, uploads, the /graphql route), checked before
// Astro reads a byte: a declared Content-Length over the limit is answered 413 at once; a body sent in chunks is
// counted as it streams and refused as soon as it passes the limit. Forms are small; uploads keep 25 MB, the evidence
// forms 20 MB and their fields, and the import pages of files of at most 2 MB (the VvT, the BIO2 source) 2 MB and
// their fields, but only for requests that carry a session cookie or a Bearer token (whether it is valid is checked
// later, by the page or the API): an anonymous client cannot make the hub hold 25 MB per request. JSON posts to
// /graphql take the direct path and its own check (graphql/yoga.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_EVIDENCE_BYTES } from '#core/evidence-file.ts';
import { BIO2_MAX_BYTES } from '#core/exchange/bio2-read.ts';
import { VVT_MAX_BYTES } from '#core/exchange/vvt-file.ts';
import { MAX_REQUEST_BYTES } from '#graphql/yoga.ts';

/** The largest form post, in bytes: a form with a long description stays far below it. */
export const MAX_FORM_BYTES = 1_000_000;
/** Uploads (import pages and the API's multipart imports) keep the API's limit. */
export const MAX_UPLOAD_BYTES = MAX_REQUEST_BYTES;

/** An evidence form: its file (at most 20 MB) and its fields. */
export const MAX_EVIDENCE_FORM_BYTES = MAX_EVIDENCE_BYTES + 100_000;

/** The evidence forms of an organisation: the list with its upload form, and a document's edit form. */
const EVIDENCE_UPLOADS = [/^\/organisaties\/[^/]+\/bewijs(\/[^/]+)?\/?$/];

/** The largest file of the small imports: a statement of applicability, the BIO2 source (2 MB each). */
export const SMALL_IMPORT_BYTES = Math.max(VVT_MAX_BYTES, BIO2_MAX_BYTES);
/** A small import's form: its file and its fields. A larger body is refused before it is read. */
export const MAX_SMALL_IMPORT_FORM_BYTES = SMALL_IMPORT_BYTES + 100_000;

/** The import pages of the statement of applicability and of the BIO2 source. */
const SMALL_IMPORT_UPLOADS = [/^\/organisaties\/[^/]+\/vvt\/inlezen\/?$/, /^\/bio2\/inlezen\/?$/];

const UPLOADS = [
  /^\/organisaties\/[^/]+\/importeren\/?$/,
  /^\/pakketten\/inlezen\/?$/,
  /^\/referentiecomponenten\/inlezen\/?$/,
  /^\/graphql\/?$/,
];

/** Whether a request says who sends it: a session cookie or a Bearer token. */
export function carriesCredentials(headers: IncomingMessage['headers']): boolean {
  return /(^|;\s*)gp_session=[^;\s]/.test(headers.cookie ?? '') || /^Bearer\s+\S/i.test(headers.authorization ?? '');
}

/** The body limit of a route: uploads for requests with credentials, otherwise the form limit. */
export function bodyLimitFor(pathname: string, credentials = true): number {
  if (!credentials) return MAX_FORM_BYTES;
  if (EVIDENCE_UPLOADS.some((p) => p.test(pathname))) return MAX_EVIDENCE_FORM_BYTES;
  if (SMALL_IMPORT_UPLOADS.some((p) => p.test(pathname))) return MAX_SMALL_IMPORT_FORM_BYTES;
  return UPLOADS.some((p) => p.test(pathname)) ? MAX_UPLOAD_BYTES : MAX_FORM_BYTES;
}

const isUploadRoute = (pathname: string) =>
  [...UPLOADS, ...EVIDENCE_UPLOADS, ...SMALL_IMPORT_UPLOADS].some((p) => p.test(pathname));

/** The file an upload route takes from a request with credentials, as its messages name it. */
function fileLimitOf(pathname: string): number {
  if (EVIDENCE_UPLOADS.some((p) => p.test(pathname))) return MAX_EVIDENCE_BYTES;
  return SMALL_IMPORT_UPLOADS.some((p) => p.test(pathname)) ? SMALL_IMPORT_BYTES : MAX_UPLOAD_BYTES;
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toLocaleString('nl-NL')} MB`;

/** The 413 message for `limit`; `signInFirst` for an upload route without credentials, whose file may be `fileBytes`. */
export function tooLargeMessage(limit: number, signInFirst = false, fileBytes = MAX_UPLOAD_BYTES): string {
  if (signInFirst)
    return `Dit verzoek is te groot: zonder in te loggen mag een verzoek ten hoogste ${megabytes(MAX_FORM_BYTES)} zijn. Log in (of stuur een API-token mee) om een bestand tot ${megabytes(fileBytes)} te versturen.`;
  if (limit === MAX_EVIDENCE_FORM_BYTES)
    return `Dit verzoek is te groot: een bewijsstuk mag ten hoogste ${megabytes(MAX_EVIDENCE_BYTES)} zijn. Kies een kleiner bestand, of verwijs met een link naar het document.`;
  if (limit === MAX_SMALL_IMPORT_FORM_BYTES)
    return `Dit verzoek is te groot: het bestand mag ten hoogste ${megabytes(SMALL_IMPORT_BYTES)} zijn. Kies een kleiner bestand of verdeel het.`;
  return limit === MAX_FORM_BYTES
    ? `Dit formulier is te groot: een formulier mag ten hoogste ${megabytes(limit)} zijn. Verstuur minder tekst.`
    : `Dit verzoek is te groot: een bestand mag ten hoogste ${megabytes(limit)} zijn. Kies een kleiner bestand of verdeel het.`;
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  // What is left of the body is not read: the connection closes once the answer is out.
  res
    .writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      connection: 'close',
      'cache-control': 'no-store',
    })
    .end(message);
  res.once('finish', () => req.socket.destroySoon());
}

/**
 * Admits the body of `req` to the site within its route's limit; answers 413 (or 400 for a malformed length) and
 * returns false otherwise. A chunked body is read here, counted, and handed to Astro as one buffer.
 */
export async function admitBody(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return true;
  const pathname = new URL(req.url ?? '/', 'http://hub').pathname;
  const credentials = carriesCredentials(req.headers);
  const limit = bodyLimitFor(pathname, credentials);
  const message = tooLargeMessage(limit, !credentials && isUploadRoute(pathname), fileLimitOf(pathname));
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    if (!/^\d+$/.test(declared)) {
      refuse(req, res, 400, `Content-Length "${declared}" is geen geldige lengte.`);
      return false;
    }
    if (Number(declared) > limit) {
      refuse(req, res, 413, message);
      return false;
    }
    return true;
  }
  if (!req.headers['transfer-encoding']) return true;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received <= limit) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd).pause();
      refuse(req, res, 413, message);
      resolve(false);
    };
    const onEnd = () => {
      // Astro builds its request from `req.body` when it is set (makeRequestBody in astro/app/node).
      (req as IncomingMessage & { body?: Buffer }).body = Buffer.concat(chunks);
      resolve(true);
    };
    req
      .on('data', onData)
      .once('end', onEnd)
      .once('error', () => resolve(false));
  });
}
