// The cache counts the server prints on SIGUSR2 (core/cache-counts.ts), which the mixed benchmark reports as its hit
// rate: an answer or page computed, found kept, or shared with the same computation under way, each counted once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CacheCounts, cacheCounts, countsBetween } from '#core/cache-counts.ts';
import { dataVersionMemo } from '#core/data-version.ts';
import { visibilityKey } from '#core/privacy.ts';
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
  it('counts an answer computed, then found, and concurrent askers of one answer as one computed and the rest shared', async () => {
    const { token } = await createUser(t.db, 'tellen@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    const gql = graphqlClient(t.db, token);
    const query = `{ organisation(slug: "coevorden") { name usages(first: 20) { edges { node { key } } } } }`;
    expect(await counted('answers', () => gql(query))).toEqual({ found: 0, shared: 0, computed: 1 });
    expect(await counted('answers', () => gql(query))).toEqual({ found: 1, shared: 0, computed: 0 });
    const other = `{ organisation(slug: "borger-odoorn") { name usages(first: 20) { edges { node { key } } } } }`;
    expect(await counted('answers', () => Promise.all([gql(other), gql(other), gql(other)]))).toEqual({
      found: 0,
      shared: 2,
      computed: 1,
    });
    // A personal answer is never kept, so it is not counted as any of the three.
    expect(await counted('answers', () => gql('{ viewer { email } }'))).toEqual({ found: 0, shared: 0, computed: 0 });
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
