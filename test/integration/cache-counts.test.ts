// The cache counts the server prints on SIGUSR2 (core/cache-counts.ts), which the mixed benchmark reports as its hit
// rate: an answer or page computed and kept, found kept, shared with the same computation under way, or computed and
// never kept (uncached), each counted once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CacheCounts, cacheCounts, countsBetween } from '#core/cache-counts.ts';
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

  it('counts a page rendered, then found kept', async () => {
    const url = new URL('http://localhost/organisaties/emmen?proef=tellen');
    const visit = () =>
      cachedPage(dataVersionMemo(t.db), new Request(url), url, visibilityKey(null), async () => {
        return new Response('<p>Emmen</p>', { headers: { 'content-type': 'text/html' } });
      });
    expect(await counted('pages', visit)).toEqual({ found: 0, shared: 0, computed: 1, uncached: 0 });
    expect(await counted('pages', visit)).toEqual({ found: 1, shared: 0, computed: 0, uncached: 0 });
  });

  it('counts a page that is not kept as uncached, also for a reader that asked while it rendered', async () => {
    const url = new URL('http://localhost/organisaties/emmen/export?proef=tellen');
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let renders = 0;
    const visit = () =>
      cachedPage(dataVersionMemo(t.db), new Request(url), url, visibilityKey(null), async () => {
        renders++;
        await gate;
        return new Response('{}', { headers: { 'content-type': 'application/json' } });
      });
    const counts = await counted('pages', async () => {
      const first = visit();
      await expect.poll(() => renders).toBe(1);
      // The second either waits for the first rendering, which is not kept, or renders the page itself: never kept.
      const second = visit();
      release();
      await Promise.all([first, second]);
    });
    expect(counts).toEqual({ found: 0, shared: 0, computed: 0, uncached: 2 });
  });
});
