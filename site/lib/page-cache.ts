// Rendered pages kept per viewer (and what it may see), data version and day: a page is the same HTML until something changes, and the
// data version (raised by every change, on any instance) says when. Only plain 200 HTML answers without cookies.
import { gunzipSync, gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { cachingEnabled } from '#core/config.ts';
import type { DataVersionMemo } from '#core/context.ts';
import { todayIso } from '#core/dates.ts';

interface Page {
  /** Compressed once: a hit sends these bytes as they are; a landscape page shrinks about ten times. */
  gzipped: Uint8Array;
  headers: [string, string][];
}

const pages = new LRUCache<string, Page>({
  maxSize: 24_000_000,
  sizeCalculation: (p) => Math.max(1, p.gzipped.byteLength),
});

/**
 * Pages whose content changes without a data change (a token's last use, a one-time link running out), and the sign-in
 * pages (single sign-on's answer and the second step, per browser from its cookie), are never kept.
 */
const UNCACHED = [
  /^\/account(\/|$)/,
  /^\/uitloggen\/?$/,
  /^\/inloggen(\/|$)/,
  /^\/graphql\/?$/,
  /^\/uitnodiging\/?$/,
  /^\/wachtwoord-(vergeten|herstellen)\/?$/,
];

/**
 * `visibility` is core/privacy.ts visibilityKey of the viewer: two viewers share a page only if they may see the same.
 * `dataVersion` is the request's memo, which the page's own queries share: the version is read once per page.
 */
export async function cachedPage(
  dataVersion: DataVersionMemo,
  request: Request,
  url: URL,
  visibility: string,
  render: () => Promise<Response>,
): Promise<Response> {
  if (request.method !== 'GET' || !cachingEnabled() || UNCACHED.some((p) => p.test(url.pathname))) return render();
  const version = await dataVersion.read();
  const key = [version, todayIso(), visibility, url.pathname + url.search].join('\u0000');
  const hit = pages.get(key);
  if (hit) return send(request, hit);
  const response = await render();
  const type = response.headers.get('content-type') ?? '';
  if (response.status !== 200 || !type.startsWith('text/html') || response.headers.has('set-cookie')) return response;
  const page = {
    gzipped: gzipSync(new Uint8Array(await response.arrayBuffer())),
    headers: [...response.headers.entries()],
  };
  // Kept unless the page itself changed data (its memo was then forgotten, so the version is read again); its
  // statements all ran after the version was read, so the page is never older than its key.
  if ((await dataVersion.read()) === version) pages.set(key, page);
  return send(request, page);
}

/** Compressed to clients that accept gzip (every browser), plain to the others. */
function send(request: Request, page: Page): Response {
  const headers = new Headers(page.headers);
  headers.append('vary', 'accept-encoding');
  if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
    headers.set('content-encoding', 'gzip');
    return new Response(page.gzipped as Uint8Array<ArrayBuffer>, { status: 200, headers });
  }
  return new Response(gunzipSync(page.gzipped) as Uint8Array<ArrayBuffer>, { status: 200, headers });
}
