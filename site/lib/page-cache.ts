// Rendered pages kept per viewer, data version and day: a page is the same HTML until something changes, and the
// data version (raised by every change, on any instance) says when. Only plain 200 HTML answers without cookies.
import { LRUCache } from 'lru-cache';
import { cachingEnabled, dataVersion } from '../../graphql/cache.ts';
import type { Database } from '../../prisma/client.ts';

interface Page {
  /** Encoded once: a hit sends these bytes as they are, without turning the text into bytes again. */
  body: Uint8Array;
  headers: [string, string][];
}

const pages = new LRUCache<string, Page>({ maxSize: 24_000_000, sizeCalculation: (p) => Math.max(1, p.body.byteLength) });

/** Pages whose content changes without a data change (a token's last use) are never kept. */
const UNCACHED = [/^\/account\/?$/, /^\/uitloggen\/?$/, /^\/inloggen\/?$/, /^\/graphql\/?$/];

export async function cachedPage(db: Database, request: Request, url: URL, viewerId: string | null, render: () => Promise<Response>): Promise<Response> {
  if (request.method !== 'GET' || !cachingEnabled() || UNCACHED.some((p) => p.test(url.pathname))) return render();
  const version = await dataVersion(db);
  const key = [version, new Date().toISOString().slice(0, 10), viewerId ?? '-', url.pathname + url.search].join('\u0000');
  const hit = pages.get(key);
  if (hit) return new Response(hit.body as Uint8Array<ArrayBuffer>, { status: 200, headers: hit.headers });
  const response = await render();
  const type = response.headers.get('content-type') ?? '';
  if (response.status !== 200 || !type.startsWith('text/html') || response.headers.has('set-cookie')) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = [...response.headers.entries()];
  // Kept only when nothing changed while the page was rendered.
  if ((await dataVersion(db)) === version) pages.set(key, { body, headers });
  return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers });
}
