// The cache counts the server prints on SIGUSR2 (core/cache-counts.ts), which the mixed benchmark reports as its hit
// rate: an answer or page computed and kept, found kept, shared with the same computation under way, or computed and
// never kept (uncached), each counted once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CACHE_COUNTS_LINE,
  type CacheCounts,
  cacheCounts,
  cacheCountsLine,
  countsBetween,
} from '#core/cache-counts.ts';
import type { DataVersionMemo } from '#core/context.ts';
import { dataVersionMemo } from '#core/data-version.ts';
import { visibilityKey } from '#core/privacy.ts';
import { versionedCache } from '#graphql/cache.ts';
import { cachedPage } from '#site/lib/page-cache.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

/** What `run` adds to the counts of `which`. */
async function counted(which: 'answers' | 'pages', run: () => Promise<unknown>): Promise<CacheCounts> {
  const before = { ...cacheCounts[which] };
  await run();
  return countsBetween(before, cacheCounts[which]);
}

describe('cache counts', () => {
  it('counts an answer computed, then found; a personal answer, never kept, as uncached', async () => {
    const { token } = await createUser(t.db, 'tellen@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    const gql = graphqlClient(t.db, token);
    const query = `{ organisation(slug: "coevorden") { name usages(first: 20) { edges { node { key } } } } }`;
    expect(await counted('answers', () => gql(query))).toEqual({ found: 0, shared: 0, computed: 1, uncached: 0 });
    expect(await counted('answers', () => gql(query))).toEqual({ found: 1, shared: 0, computed: 0, uncached: 0 });
    const personal = () => gql('{ viewer { email } }');
    expect(await counted('answers', personal)).toEqual({ found: 0, shared: 0, computed: 0, uncached: 1 });
    // An answer with errors is passed on, not kept.
    const failing = () => gql('{ organisation(slug: "emmen") { usages(first: -1) { totalCount } } }');
    expect(await counted('answers', failing)).toEqual({ found: 0, shared: 0, computed: 0, uncached: 1 });
  });

  it('counts concurrent askers of one value as one computed and the others shared', async () => {
    const counts: CacheCounts = { found: 0, shared: 0, computed: 0, uncached: 0 };
    const cache = versionedCache<string>(1_000_000, undefined, counts);
    // Long enough for the other two to find the computation under way (each reads the versions first).
    const compute = () => new Promise<string>((resolve) => setTimeout(() => resolve('antwoord'), 300));
    const memo = dataVersionMemo(t.db);
    const ask = () => cache.get({ db: t.db, dataVersion: memo }, 'samen', compute, ['shared']);
    expect(await Promise.all([ask(), ask(), ask()])).toEqual(['antwoord', 'antwoord', 'antwoord']);
    expect(counts).toEqual({ found: 0, shared: 2, computed: 1, uncached: 0 });
    await ask();
    expect(counts).toEqual({ found: 1, shared: 2, computed: 1, uncached: 0 });
  });

  it("prints the counts with the process's memory in MB on one line", () => {
    const line = cacheCountsLine();
    expect(line.startsWith(CACHE_COUNTS_LINE)).toBe(true);
    const { answers, pages, memory } = JSON.parse(line.slice(CACHE_COUNTS_LINE.length));
    expect({ answers, pages }).toEqual(cacheCounts);
    const used = process.memoryUsage();
    expect(Math.abs(memory.heapTotal - used.heapTotal / 1024 / 1024)).toBeLessThan(64);
    expect(memory.heapUsed).toBeLessThanOrEqual(memory.heapTotal);
    expect(memory.arrayBuffers).toBeLessThanOrEqual(memory.external);
    expect(memory.rss).toBeGreaterThan(memory.heapUsed);
  });

  it('counts a page rendered, then found kept', async () => {
    const url = new URL('http://localhost/organisaties/emmen?proef=tellen');
    const visit = () =>
      cachedPage(dataVersionMemo(t.db), new Request(url), url, visibilityKey(null), async () => {
        return new Response('<p>Emmen</p>', { headers: { 'content-type': 'text/html' } });
      });
    expect(await counted('pages', visit)).toEqual({ found: 0, shared: 0, computed: 1, uncached: 0 });
    expect(await counted('pages', visit)).toEqual({ found: 1, shared: 0, computed: 0, uncached: 0 });
  });

  it('counts a page that is not kept as uncached, also for a reader that waited for its rendering', async () => {
    const url = new URL('http://localhost/organisaties/emmen/export?proef=tellen');
    const gate = Promise.withResolvers<void>();
    let renders = 0;
    const visit = (memo = dataVersionMemo(t.db)) =>
      cachedPage(memo, new Request(url), url, visibilityKey(null), async () => {
        renders++;
        await gate.promise;
        return new Response('{}', { headers: { 'content-type': 'application/json' } });
      });
    const counts = await counted('pages', async () => {
      const first = visit();
      await expect.poll(() => renders).toBe(1);
      const second = visit(waited(dataVersionMemo(t.db)));
      // Its versions read, the second reader finds the rendering under way and waits for it.
      await releaseOnceWaiting(2, gate);
      await Promise.all([first, second]);
    });
    // Both rendered, neither kept: the second rendered after the first's was not kept for it.
    expect(renders).toBe(2);
    expect(counts).toEqual({ found: 0, shared: 0, computed: 0, uncached: 2 });
  });

  it('counts an answer whose computation failed as uncached, also for a request that waited for it', async () => {
    const counts: CacheCounts = { found: 0, shared: 0, computed: 0, uncached: 0 };
    const cache = versionedCache<string>(1_000_000, undefined, counts);
    const gate = Promise.withResolvers<void>();
    let computations = 0;
    const compute = async () => {
      computations++;
      await gate.promise;
      throw new Error('mislukt');
    };
    const ask = (memo = dataVersionMemo(t.db)) =>
      cache.get({ db: t.db, dataVersion: memo }, 'mislukt', compute, ['shared']).catch((e: Error) => e.message);
    const first = ask();
    await expect.poll(() => computations).toBe(1);
    const second = ask(waited(dataVersionMemo(t.db)));
    await releaseOnceWaiting(1, gate);
    expect(await Promise.all([first, second])).toEqual(['mislukt', 'mislukt']);
    expect(computations).toBe(2);
    expect(counts).toEqual({ found: 0, shared: 0, computed: 0, uncached: 2 });
  });
});

/** `memo` with its version reads counted as they are answered (waited.stamps), to know where its request is. */
function waited(memo: DataVersionMemo): DataVersionMemo {
  waited.stamps = 0;
  const stamp = memo.stamp.bind(memo);
  return Object.assign(memo, {
    stamp: async (scopes: readonly string[]) => {
      const answer = await stamp(scopes);
      waited.stamps++;
      return answer;
    },
  });
}
waited.stamps = 0;

/** Lets `gate` go once the waited() memo has answered `stamps` version reads and its request has moved on to wait. */
async function releaseOnceWaiting(stamps: number, gate: { resolve: () => void }): Promise<void> {
  await expect.poll(() => waited.stamps).toBe(stamps);
  await new Promise((resolve) => setImmediate(resolve));
  gate.resolve();
}
