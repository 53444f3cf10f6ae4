// Changes invalidate only what they touch: an edit in one organisation's landscape raises that organisation's version
// (and those of the organisations linked to what changed), so another organisation's answers and pages stay cached,
// on this instance and on another, while nothing older than a change is ever served after it.

import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '#core/credentials.ts';
import { changedScopes } from '#core/data-scopes.ts';
import { dataVersionMemo } from '#core/data-version.ts';
import { visibilityKey } from '#core/privacy.ts';
import { versionedCache } from '#graphql/cache.ts';
import { execute } from '#graphql/execute.ts';
import { readScopes } from '#graphql/operation-scope.ts';
import { type Database, openDatabase } from '#prisma/client.ts';
import { bumpDataVersion } from '#prisma/data-version.ts';
import { cachedPage } from '#site/lib/page-cache.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let token: string;
beforeAll(async () => {
  t = await createTestDatabase();
  ({ token } = await createUser(t.db, 'delen@emmen.test', [
    { organisation: 'emmen', role: 'EDITOR' },
    { organisation: 'coevorden', role: 'VIEWER' },
  ]));
});
afterAll(() => t?.drop());

const landscapeOf = (slug: string) =>
  `{ organisation(slug: "${slug}") { name usages(first: 500) { totalCount edges { node { id key status product { name } } } } } }`;
type Landscape = {
  organisation: { usages: { edges: { node: { id: string; key: string; status: string } }[] } };
};
const SET_STATUS = `mutation ScopedStatus($id: ID!, $revision: Int!, $status: UsageStatus!) {
  setUsageStatus(id: $id, revision: $revision, since: "2026-11-01", status: $status) { __typename } }`;

/** Moves one of Emmen's usages in production to phasing out, through the API of `db` (an instance). */
async function editEmmen(db: Database): Promise<string> {
  const emmen = await db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' }, select: { id: true } });
  const usage = await db.prisma.usage.findFirstOrThrow({
    where: { organisationId: emmen.id, status: 'IN_PRODUCTION' },
    select: { id: true, key: true, revision: true },
    orderBy: { key: 'asc' },
  });
  const { encodeGlobalID } = await import('@pothos/plugin-relay');
  const answer = await graphqlClient(db, token)<{ setUsageStatus: { __typename: string } }>(SET_STATUS, {
    id: encodeGlobalID('Usage', usage.id),
    revision: usage.revision,
    status: 'PHASING_OUT',
  });
  expect(answer.data?.setUsageStatus.__typename).toBe('SetUsageStatusSuccess');
  return usage.key;
}

/** The statements a request sends. */
async function statements(db: Database, run: () => Promise<unknown>): Promise<number> {
  const before = db.queries.count;
  await run();
  return db.queries.count - before;
}

describe('changes invalidate only what they touch', () => {
  it('reads the organisations an answer depends on from its query, and anything for a field not known', () => {
    expect(readScopes(parse(landscapeOf('coevorden')), {}).scopes).toEqual(['org:coevorden']);
    expect(
      readScopes(parse(`{ comparison(organisations: ["emmen", "coevorden"]) { rows { differs } } }`), {}).scopes,
    ).toEqual(['org:coevorden', 'org:emmen']);
    // Another organisation's landscape below the named one, a private field, a field not listed: anything.
    for (const query of [
      `{ organisation(slug: "emmen") { members { usages(first: 1) { totalCount } } } }`,
      `{ organisation(slug: "emmen") { usages(first: 1) { edges { node { yearlyCost } } } } }`,
      `{ comparison(organisations: ["emmen"]) { alternatives { explanation } } }`,
      `{ organisations { name } }`,
    ])
      expect(readScopes(parse(query), {}).scopes).toBeNull();
  });

  it("keeps Coevorden's answer across an edit in Emmen, and answers Emmen's anew (one instance)", async () => {
    const gql = graphqlClient(t.db, token);
    const coevorden = await gql<Landscape>(landscapeOf('coevorden'));
    await gql<Landscape>(landscapeOf('emmen'));
    const key = await editEmmen(t.db);
    // Authentication and the versions: Coevorden's answer comes from the cache.
    let again: unknown;
    expect(
      await statements(t.db, async () => {
        again = await gql<Landscape>(landscapeOf('coevorden'));
      }),
    ).toBe(2);
    expect(again).toEqual(coevorden);
    const emmen = await gql<Landscape>(landscapeOf('emmen'));
    expect(emmen.data?.organisation.usages.edges.find((e) => e.node.key === key)?.node.status).toBe('PHASING_OUT');
  });

  it("keeps Coevorden's answer on one instance across an edit made on another, and never serves Emmen's old one", async () => {
    const other = await openDatabase(t.url);
    try {
      const gql = graphqlClient(t.db, token);
      const coevorden = await gql<Landscape>(landscapeOf('coevorden'));
      await gql<Landscape>(landscapeOf('emmen'));
      const key = await editEmmen(other);
      let again: unknown;
      expect(
        await statements(t.db, async () => {
          again = await gql<Landscape>(landscapeOf('coevorden'));
        }),
      ).toBe(2);
      expect(again).toEqual(coevorden);
      const emmen = await gql<Landscape>(landscapeOf('emmen'));
      expect(emmen.data?.organisation.usages.edges.find((e) => e.node.key === key)?.node.status).toBe('PHASING_OUT');
    } finally {
      await other.close();
    }
  });

  it("keeps Coevorden's landscape page across an edit in Emmen, and renders Emmen's anew", async () => {
    const viewer = await authenticate(t.db, { bearerToken: token });
    const renders: string[] = [];
    const page = async (slug: string) => {
      const memo = dataVersionMemo(t.db);
      const context = { db: t.db, viewer, source: 'UI' as const, dataVersion: memo };
      const url = new URL(`/organisaties/${slug}`, 'http://hub.test');
      const response = await cachedPage(memo, new Request(url), url, visibilityKey(viewer), async () => {
        renders.push(slug);
        const data = await execute<Landscape>(context, landscapeOf(slug));
        const statuses = data.organisation.usages.edges.map((e) => `${e.node.key}:${e.node.status}`).join(' ');
        return new Response(`<p>${statuses}</p>`, { headers: { 'content-type': 'text/html' } });
      });
      return response.text();
    };
    await page('coevorden');
    await page('emmen');
    const key = await editEmmen(t.db);
    await page('coevorden');
    expect(await page('emmen')).toContain(`${key}:PHASING_OUT`);
    expect(renders).toEqual(['coevorden', 'emmen', 'emmen']);
  });

  it('raises the organisations linked to a changed usage: its operator and the other ends of its koppelingen', async () => {
    const ids = Object.fromEntries(
      (await t.db.prisma.organisation.findMany({ select: { id: true, slug: true } })).map((o) => [o.slug, o.id]),
    );
    const usageOf = (slug: string) =>
      t.db.prisma.usage.findFirstOrThrow({
        where: { organisationId: ids[slug] },
        select: { id: true },
        orderBy: { key: 'asc' },
      });
    const boUsage = await usageOf('borger-odoorn');
    const coevordenUsage = await usageOf('coevorden');
    const emmenUsage = await usageOf('emmen');
    await t.db.prisma
      .$transaction(async (tx) => {
        await tx.usage.update({ where: { id: boUsage.id }, data: { operatorId: ids.emmen } });
        await tx.interface.create({
          data: {
            key: 'scope-proef',
            organisationId: ids.coevorden ?? '',
            fromUsageId: coevordenUsage.id,
            toUsageId: emmenUsage.id,
            type: 'API',
            direction: 'A_TO_B',
            status: 'IN_USE',
          },
        });
        const change = (organisation: string, usageId: string) => ({
          entityType: 'Usage',
          entityId: usageId,
          organisationId: ids[organisation] ?? null,
          before: { status: 'IN_PRODUCTION' },
          after: { status: 'PHASING_OUT' },
        });
        // The operator of a Borger-Odoorn usage sees it in its own landscape (its beheer).
        expect(await changedScopes(tx, [change('borger-odoorn', boUsage.id)])).toEqual(
          expect.arrayContaining(['org:borger-odoorn', 'org:emmen']),
        );
        // Coevorden's koppeling to an Emmen usage shows that usage in Coevorden's landscape.
        expect(await changedScopes(tx, [change('emmen', emmenUsage.id)])).toEqual(
          expect.arrayContaining(['org:coevorden', 'org:emmen']),
        );
        // A change outside the landscapes (the catalogue) touches the shared data, on which every answer depends.
        expect(
          await changedScopes(tx, [
            { entityType: 'Product', entityId: 'p', organisationId: null, before: null, after: {} },
          ]),
        ).toEqual(['shared']);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  });
});

describe('one computation for concurrent readers', () => {
  /** A page `/?proef=<name>` as the signed-in viewer sees it, and a renderer of it that counts its renderings. */
  const page = async (name: string, takes: number) => {
    const viewer = await authenticate(t.db, { bearerToken: token });
    const url = new URL(`/?proef=${name}`, 'http://hub.test');
    const counted = { renders: 0 };
    const render = async () => {
      counted.renders++;
      await new Promise((resolve) => setTimeout(resolve, takes));
      return new Response(`<p>${name}</p>`, { headers: { 'content-type': 'text/html' } });
    };
    const ask = (db: Pick<typeof t.db, 'hotRead'>) =>
      cachedPage(dataVersionMemo(db), new Request(url), url, visibilityKey(viewer), render);
    return { ask, counted };
  };

  it('renders a page once for readers that ask for it at the same version while it renders', async () => {
    const { ask, counted } = await page('samen', 50);
    const pages = await Promise.all(Array.from({ length: 4 }, () => ask(t.db)));
    expect(await Promise.all(pages.map((p) => p.text()))).toEqual(Array(4).fill('<p>samen</p>'));
    expect(counted.renders).toBe(1);
  });

  it('does not render a page again for a reader whose versions arrive after another reader kept it', async () => {
    const { ask, counted } = await page('laat', 20);
    // The late reader's version read is answered after the first reader has rendered and kept the page.
    const slow: Pick<typeof t.db, 'hotRead'> = {
      hotRead: async (query, options) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return t.db.hotRead(query, options);
      },
    };
    const pages = await Promise.all([ask(t.db), ask(slow)]);
    expect(await Promise.all(pages.map((p) => p.text()))).toEqual(['<p>laat</p>', '<p>laat</p>']);
    expect(counted.renders).toBe(1);
  });

  it('computes an answer once for requests that ask for it at the same versions, and again after a change', async () => {
    const cache = versionedCache<string>(1_000_000);
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return `antwoord ${computed}`;
    };
    const ask = () => cache.get({ db: t.db, dataVersion: dataVersionMemo(t.db) }, 'samen', compute, ['shared']);
    expect(await Promise.all([ask(), ask(), ask()])).toEqual(Array(3).fill('antwoord 1'));
    await t.db.prisma.$transaction((tx) => bumpDataVersion(tx, ['shared']));
    expect(await ask()).toBe('antwoord 2');
    expect(computed).toBe(2);
  });
});

class Rollback extends Error {}
