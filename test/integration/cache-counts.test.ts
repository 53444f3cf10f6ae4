// The cache counts the server prints on SIGUSR2 (core/cache-counts.ts), which the mixed benchmark reports as its hit
// rate: an answer or page computed, found kept, or shared with the same computation under way, each counted once.
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
  it('counts an answer computed, then found; a personal answer, never kept, not at all', async () => {
    const { token } = await createUser(t.db, 'tellen@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    const gql = graphqlClient(t.db, token);
    const query = `{ organisation(slug: "coevorden") { name usages(first: 20) { edges { node { key } } } } }`;
    expect(await counted('answers', () => gql(query))).toEqual({ found: 0, shared: 0, computed: 1 });
    expect(await counted('answers', () => gql(query))).toEqual({ found: 1, shared: 0, computed: 0 });
    expect(await counted('answers', () => gql('{ viewer { email } }'))).toEqual({ found: 0, shared: 0, computed: 0 });
  });

  it('counts concurrent askers of one value as one computed and the others shared', async () => {
    const counts: CacheCounts = { found: 0, shared: 0, computed: 0 };
    const cache = versionedCache<string>(1_000_000, undefined, counts);
    // Long enough for the other two to find the computation under way (each reads the versions first).
    const compute = () => new Promise<string>((resolve) => setTimeout(() => resolve('antwoord'), 300));
    const memo = dataVersionMemo(t.db);
    const ask = () => cache.get({ db: t.db, dataVersion: memo }, 'samen', compute, ['shared']);
    expect(await Promise.all([ask(), ask(), ask()])).toEqual(['antwoord', 'antwoord', 'antwoord']);
    expect(counts).toEqual({ found: 0, shared: 2, computed: 1 });
    await ask();
    expect(counts).toEqual({ found: 1, shared: 2, computed: 1 });
  });

  it('counts a page rendered, then found kept', async () => {
    const url = new URL('http://localhost/organisaties/emmen?proef=tellen');
    const visit = () =>
      cachedPage(dataVersionMemo(t.db), new Request(url), url, visibilityKey(null), async () => {
        return new Response('<p>Emmen</p>', { headers: { 'content-type': 'text/html' } });
      });
    expect(await counted('pages', visit)).toEqual({ found: 0, shared: 0, computed: 1 });
    expect(await counted('pages', visit)).toEqual({ found: 1, shared: 0, computed: 0 });
  });
});
