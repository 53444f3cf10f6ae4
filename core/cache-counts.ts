// How a GraphQL answer or a page came about: found kept, shared with the same computation under way, computed (to be
// kept), or uncached (computed and never kept: see CacheCounts.uncached). Four counters each, kept always (a few additions a request, no data of any request). The server prints them when
// it gets SIGUSR2 (site/server/entry.ts); the mixed benchmark reads them at the start and the end of its measured
// seconds to report the hit rate its latencies came with (scripts/bench-mixed.ts).

export interface CacheCounts {
  found: number;
  shared: number;
  computed: number;
  /**
   * Computed and not to be kept, so no cache could have helped: answers to operations never kept (a viewer's own data,
   * sign-in steps) and pages that are not kept (downloads and other non-HTML answers, redirects, errors, a page that
   * sets a cookie or changed data, the paths page-cache leaves out). Mutations are not counted.
   */
  uncached: number;
}

/** The counts of the answers and of the pages, as the server prints them. */
export interface CacheCountsReading {
  answers: CacheCounts;
  pages: CacheCounts;
}

const counts = (): CacheCounts => ({ found: 0, shared: 0, computed: 0, uncached: 0 });

/** GraphQL answers (graphql/cache.ts) and rendered pages (site/lib/page-cache.ts) since the process started. */
export const cacheCounts: CacheCountsReading = { answers: counts(), pages: counts() };

/** The line the server prints on SIGUSR2, and which the benchmark looks for. */
export const CACHE_COUNTS_LINE = 'cache counts ';

export const cacheCountsLine = () => `${CACHE_COUNTS_LINE}${JSON.stringify(cacheCounts)}`;

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
