// The data versions are read once per request: the page cache, the page's queries and its searches share one read of
// each (core/data-version.ts); a change the request makes is followed by a fresh read, so what it reads afterwards is
// never an answer kept under the version before the change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '#core/context.ts';
import { authenticate } from '#core/credentials.ts';
import { dataVersionMemo } from '#core/data-version.ts';
import { visibilityKey } from '#core/privacy.ts';
import { execute } from '#graphql/execute.ts';
import { cachedPage } from '#site/lib/page-cache.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { recordQueries } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

/** A page request's context as the middleware and requestContext make it: one memo for the whole request. */
async function pageContext(
  email: string,
  role: 'VIEWER' | 'EDITOR',
): Promise<Context & { dataVersion: NonNullable<Context['dataVersion']> }> {
  const { token } = await createUser(t.db, email, [{ organisation: 'emmen', role }]);
  const viewer = await authenticate(t.db, { bearerToken: token });
  return { db: t.db, viewer, source: 'UI', dataVersion: dataVersionMemo(t.db) };
}

/** The statements `run` sends that read data versions (the hand-written read; not a change's upsert of them). */
async function versionReads(run: () => Promise<unknown>): Promise<number> {
  return (await recordQueries(t.db, run)).filter((statement) =>
    /^\s*SELECT .*"version" FROM "Data(Scope)?Version"/.test(statement),
  ).length;
}

const html = (body: string) =>
  new Response(`<!doctype html><p>${body}</p>`, { headers: { 'content-type': 'text/html; charset=utf-8' } });
const get = (path: string) => {
  const url = new URL(path, 'http://hub.test');
  return { request: new Request(url), url };
};

const USAGES = `query RequestVersionUsages { organisation(slug: "emmen") { usages(first: 1) { edges { node { id revision contact } } } } }`;
type Usages = {
  organisation: { usages: { edges: { node: { id: string; revision: number; contact: string | null } }[] } };
};

describe('the data version per request', () => {
  it('is read once per part for a page: by the page cache, two queries, a search and a repeated query together', async () => {
    // The hub-wide version by the page cache (and the queries that may read anything), the versions of the shared data
    // and Emmen's landscape in one more statement (for the query of Emmen's name, which reads only those).
    const context = await pageContext('eenmaal@emmen.test', 'VIEWER');
    const { request, url } = get('/organisaties/emmen?proef=eenmaal');
    const reads = await versionReads(async () => {
      const response = await cachedPage(context.dataVersion, request, url, visibilityKey(context.viewer), async () => {
        const name = await execute<{ organisation: { name: string } }>(
          context,
          `query PageName { organisation(slug: "emmen") { name } }`,
        );
        await execute(context, `query PageSearch($q: String!) { search(query: $q, first: 5) { title } }`, {
          q: 'zaaksysteem',
        });
        await execute(context, USAGES);
        await execute(context, `query PageName { organisation(slug: "emmen") { name } }`);
        return html(name.organisation.name);
      });
      expect(await response.text()).toContain('Emmen');
    });
    expect(reads).toBe(2);
  });

  it('is read again after the request changed data, so the request reads what it wrote and its page is not kept', async () => {
    const context = await pageContext('schrijver@emmen.test', 'EDITOR');
    const contact = `nieuw-${Date.now()}@emmen.nl`;
    const { request, url } = get('/organisaties/emmen?proef=schrijven');
    // A request under way at the same time, which read the version before the change.
    const concurrent = dataVersionMemo(t.db);
    await concurrent.read();
    let renders = 0;
    const render = async () => {
      renders++;
      const before = (await execute<Usages>(context, USAGES)).organisation.usages.edges[0]?.node;
      if (!before) throw new Error('Emmen has no usage.');
      const written = await execute<{ updateUsage: { __typename: string } }>(
        context,
        `mutation RequestVersionWrite($id: ID!, $r: Int!, $c: String) { updateUsage(input: { id: $id, revision: $r, contact: $c }) { __typename } }`,
        { id: before.id, r: before.revision, c: contact },
      );
      expect(written.updateUsage.__typename).toBe('UpdateUsageSuccess');
      // The same query again: under the version read before the change, the answer cache holds the old contact.
      const after = (await execute<Usages>(context, USAGES)).organisation.usages.edges[0]?.node;
      return html(after?.contact ?? '');
    };
    const reads = await versionReads(async () => {
      expect(
        await (await cachedPage(context.dataVersion, request, url, visibilityKey(context.viewer), render)).text(),
      ).toContain(contact);
    });
    // Before the change (the page cache and the first query share it), and once after it.
    expect(reads).toBe(2);
    // The page holds data from after its own change: not kept under the version before it, so the request under way
    // renders the page itself.
    await cachedPage(concurrent, request, url, visibilityKey(context.viewer), async () => {
      renders++;
      return html('opnieuw');
    });
    expect(renders).toBe(2);
  });
});
