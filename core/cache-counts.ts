// How a GraphQL answer or a page came about: found kept, shared with the same computation under way, computed (to be
// kept), or uncached (computed and never kept: see CacheCounts.uncached). Four counters each, kept always (a few
// additions a request, no data of any request). The server prints them when
// it gets SIGUSR2 (site/server/entry.ts); the mixed benchmark reads them at the start and the end of its measured
// seconds to report the hit rate its latencies came with (scripts/bench-mixed.ts).

export interface CacheCounts {
  found: number;
  shared: number;
  computed: number;
  /**
   * Computed and not kept: answers to operations never kept (a viewer's own data, sign-in steps), answers with errors,
   * pages that are not kept (downloads and other non-HTML answers, redirects and errors a page returns, a page that
   * sets a cookie or changed data, a rendering that failed, the paths page-cache leaves out), and readers that waited
   * for such a computation and then computed their own. Mutations, requests other than GET for pages, and what the
   * middleware answers before a page renders (its sign-in redirects) are not counted; nor is anything while the caches
   * are off.
   */
  uncached: number;
}

/** The counts of the answers and of the pages, as the server prints them. */
export interface CacheCountsReading {
  answers: CacheCounts;
  pages: CacheCounts;
}

/**
 * The server's memory when it printed its counts, in MB (process.memoryUsage()): what its resident size is made of.
 * `external` is memory outside V8's heap that JavaScript objects hold (Buffers among it: `arrayBuffers`, the kept pages'
 * gzipped bytes for one); the rest of `rss` beyond the heap and external is the Node binary, native libraries (SQLite's
 * page cache) and the allocator's free space.
 */
export interface ServerMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** The line's contents: the counts and the memory. */
export interface ServerReading extends CacheCountsReading {
  memory: ServerMemory;
}

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;

export function serverMemory(): ServerMemory {
  const m = process.memoryUsage();
  return {
    rss: megabytes(m.rss),
    heapTotal: megabytes(m.heapTotal),
    heapUsed: megabytes(m.heapUsed),
    external: megabytes(m.external),
    arrayBuffers: megabytes(m.arrayBuffers),
  };
}

const counts = (): CacheCounts => ({ found: 0, shared: 0, computed: 0, uncached: 0 });

/** GraphQL answers (graphql/cache.ts) and rendered pages (site/lib/page-cache.ts) since the process started. */
export const cacheCounts: CacheCountsReading = { answers: counts(), pages: counts() };

/** The line the server prints on SIGUSR2 (its counts and memory), and which the benchmark looks for. */
export const CACHE_COUNTS_LINE = 'cache counts ';

export const cacheCountsLine = () =>
  `${CACHE_COUNTS_LINE}${JSON.stringify({ ...cacheCounts, memory: serverMemory() } satisfies ServerReading)}`;

/** What happened between two counts. */
export function countsBetween(before: CacheCounts, after: CacheCounts): CacheCounts {
  return {
    found: after.found - before.found,
    shared: after.shared - before.shared,
    computed: after.computed - before.computed,
    uncached: after.uncached - before.uncached,
  };
}

/** What happened between two readings. */
export const readingsBetween = (before: CacheCountsReading, after: CacheCountsReading): CacheCountsReading => ({
  answers: countsBetween(before.answers, after.answers),
  pages: countsBetween(before.pages, after.pages),
});
