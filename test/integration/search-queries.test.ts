// The search test set: queries the hub's users type, with the first result worked out by hand from content/
// (test/fixtures/search-queries.yaml), run against the seeded sample data through the API.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

const Hit = z.object({
  kind: z.enum(['PRODUCT', 'SUPPLIER', 'USAGE', 'ORGANISATION', 'REFERENCE_COMPONENT', 'STANDARD']),
  title: z.string(),
});
const Case = z.object({
  query: z.string().min(1),
  who: z.enum(['architect', 'project lead', 'partner municipality']),
  why: z.string().min(1),
  first: z.array(Hit).min(1),
  includes: z.array(Hit).default([]),
  excludes: z.array(Hit).default([]),
});
const cases = z
  .array(Case)
  .parse(parse(readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'search-queries.yaml'), 'utf8')));

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
beforeAll(async () => {
  t = await createTestDatabase();
  gql = graphqlClient(
    t.db,
    (await createUser(t.db, 'lezer@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }])).token,
  );
});
afterAll(() => t?.drop());

const find = async (query: string) => {
  const answer = await gql<{ search: { kind: string; title: string; reason: string }[] }>(
    `query($q: String!) { search(query: $q, first: 10) { kind title reason } }`,
    { q: query },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data?.search ?? [];
};
const label = (h: { kind: string; title: string }) => `${h.kind} ${h.title}`;

describe('the search test set', () => {
  it('holds at least 30 queries, from each of the three kinds of user', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.who))).toEqual(new Set(['architect', 'project lead', 'partner municipality']));
    expect(new Set(cases.map((c) => c.query)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [`${c.who}: “${c.query}”`, c] as const))('%s', async (_name, c) => {
    const hits = await find(c.query);
    const labels = hits.map(label);
    expect(c.first.map(label), `first of ${JSON.stringify(labels)}`).toContain(labels[0]);
    for (const h of c.includes) expect(labels).toContain(label(h));
    for (const h of c.excludes) expect(labels).not.toContain(label(h));
    // Every result says why it matched.
    for (const h of hits) expect(h.reason).not.toBe('');
  });
});
