// Rendered pages kept per viewer (and what it may see) and day, with the data versions they were rendered at: a page is
// the same HTML until something it shows changes, and the data versions (raised by every change, on any instance) say
// when. A page whose answers all read known parts (graphql/operation-scope.ts: an organisation's landscape and the
// shared data) is kept against the versions of those parts, so that a change in another organisation keeps it; any
// other page against the hub-wide version. Only plain 200 HTML answers without cookies.
import { gunzipSync, gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { cacheCounts } from '#core/cache-counts.ts';
import { cachingEnabled } from '#core/config.ts';
import type { DataVersionMemo } from '#core/context.ts';
import { todayIso } from '#core/dates.ts';
import { GLOBAL_SCOPE } from '#prisma/data-version.ts';

interface Page {
  /** Compressed once: a hit sends these bytes as they are; a landscape page shrinks about ten times. */
  gzipped: Uint8Array;
  headers: [string, string][];
  /** The parts of the data the page read, and their versions when it was rendered. */
  scopes: readonly string[];
  stamp: string;
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
 * Pages kept against the versions of the parts their answers read: pages that read data through the GraphQL schema only.
 * Every other page, and one of these with an answer that may read anything, is kept against the hub-wide version.
 */
const SCOPED = [/^\/organisaties\/[^/]+\/?$/];

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
  if (request.method !== 'GET' || !cachingEnabled()) return render();
  if (UNCACHED.some((p) => p.test(url.pathname))) {
    cacheCounts.pages.uncached++;
    return render();
  }
  const key = [todayIso(), visibility, url.pathname + url.search].join('\u0000');
  const held = pages.get(key);
  // One statement reads the versions of the held page's parts and the hub-wide one (for rendering it anew).
  await dataVersion.stamp(held ? [...held.scopes, GLOBAL_SCOPE] : [GLOBAL_SCOPE]);
  if (held && (await dataVersion.stamp(held.scopes)) === held.stamp) return found(request, held);
  // Read before rendering: a page whose answers may read anything is kept against it.
  const global = await dataVersion.stamp([GLOBAL_SCOPE]);
  // Another request may have rendered and kept the page while the versions were read.
  const kept = pages.get(key);
  if (kept && kept !== held && (await dataVersion.stamp(kept.scopes)) === kept.stamp) return found(request, kept);
  // Requests for the same page at the same hub-wide version while it renders share that rendering: after a change,
  // sixteen readers of the home page render it once, not sixteen times at once.
  const flight = `${key}\u0000${global}`;
  const rendering = inFlight.get(flight);
  if (rendering) {
    const shared = await rendering.catch(() => null);
    if (shared) {
      cacheCounts.pages.shared++;
      return send(request, shared);
    }
    // That rendering was not kept (the page is not one to keep, or it failed): this one is not kept either.
    cacheCounts.pages.uncached++;
    return render();
  }
  let settle: (page: Page | null) => void = () => {};
  inFlight.set(
    flight,
    new Promise<Page | null>((resolve) => {
      settle = resolve;
    }),
  );
  let page: Page | null = null;
  try {
    const response = await render();
    const type = response.headers.get('content-type') ?? '';
    if (response.status !== 200 || !type.startsWith('text/html') || response.headers.has('set-cookie')) return response;
    const read = SCOPED.some((p) => p.test(url.pathname)) ? dataVersion.dependencies() : null;
    const scopes = read ?? [GLOBAL_SCOPE];
    const rendered: Page = {
      gzipped: gzipSync(new Uint8Array(await response.arrayBuffer())),
      headers: [...response.headers.entries()],
      scopes,
      // The answers read their parts' versions before their statements ran (graphql/cache.ts): the page is never older.
      stamp: read ? await dataVersion.stamp(scopes) : global,
    };
    // Kept (and shared) unless the page itself changed data (its memo was then forgotten).
    if (dataVersion.unchanged()) {
      page = rendered;
      pages.set(key, page);
    }
    return send(request, rendered);
  } finally {
    inFlight.delete(flight);
    settle(page);
    // Not kept: not a page to keep, one that changed data, or a rendering that failed.
    cacheCounts.pages[page ? 'computed' : 'uncached']++;
  }
}

/** Pages being rendered, by key and hub-wide version: the rendering page, or null when it is not to be shared. */
const inFlight = new Map<string, Promise<Page | null>>();

function found(request: Request, page: Page): Response {
  cacheCounts.pages.found++;
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
