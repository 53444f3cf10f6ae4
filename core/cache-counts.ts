// How often a kept answer or page was served: found kept, shared with the same computation under way, or computed.
// Three counters each, kept always (a few additions a request, no data of any request). The server prints them when
// it gets SIGUSR2 (site/server/entry.ts); the mixed benchmark reads them at the start and the end of its measured
// seconds to report the hit rate its latencies came with (scripts/bench-mixed.ts).

export interface CacheCounts {
  found: number;
  shared: number;
  computed: number;
}

const counts = (): CacheCounts => ({ found: 0, shared: 0, computed: 0 });

/** GraphQL answers (graphql/cache.ts) and rendered pages (site/lib/page-cache.ts) since the process started. */
export const cacheCounts = { answers: counts(), pages: counts() };

/** The line the server prints on SIGUSR2, and which the benchmark looks for. */
export const CACHE_COUNTS_LINE = 'cache counts ';

export const cacheCountsLine = () => `${CACHE_COUNTS_LINE}${JSON.stringify(cacheCounts)}`;

/** What happened between two readings of the counts. */
export function countsBetween(before: CacheCounts, after: CacheCounts): CacheCounts {
  return {
    found: after.found - before.found,
    shared: after.shared - before.shared,
    computed: after.computed - before.computed,
  };
}
