// Statements side by side through the API: each column only for a statement the reader may read, the organisations
// in the order asked, in the same number of SQL statements for two organisations as for four.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries, graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
const tokens: Record<string, string> = {};
const SLUGS = ['emmen', 'coevorden', 'borger-odoorn', 'dimpact'];

beforeAll(async () => {
  t = await createTestDatabase();
  for (const slug of SLUGS) {
    tokens[slug] = (await createUser(t.db, `editor@${slug}.test`, [{ organisation: slug, role: 'EDITOR' }])).token;
    const gql = graphqlClient(t.db, tokens[slug]);
    // Two lines each, so a per-organisation or per-line read would show in the counts.
    for (const measure of ['5.01.01', '5.02.01'])
      await gql('mutation($input: SetVvtStatementInput!) { setVvtStatement(input: $input) { __typename } }', {
        input: { organisation: slug, measure, applies: true, state: slug === 'emmen' ? 'GETOETST' : 'IN_UITVOERING' },
      });
  }
  // Coevorden shares with Emmen; Borger-Odoorn with every member; Dimpact with nobody.
  await graphqlClient(
    t.db,
    tokens.coevorden,
  )('mutation { setVvtShare(organisation: "coevorden", mode: NAMED, partners: ["emmen"]) { __typename } }');
  await graphqlClient(
    t.db,
    tokens['borger-odoorn'],
  )('mutation { setVvtShare(organisation: "borger-odoorn", mode: ALL_MEMBERS) { __typename } }');
});
afterAll(() => t?.drop());

const COMPARE = `query($o: [String!]!) { vvtComparison(organisations: $o) { slug readable statements { measureNumber applies state } } }`;
type Columns = { vvtComparison: { slug: string; readable: boolean; statements: { measureNumber: string }[] }[] };

describe('vvtComparison', () => {
  it('answers a column per organisation in the order asked, with lines only where the reader may read them', async () => {
    const { data } = await graphqlClient(t.db, tokens.emmen)<Columns>(COMPARE, { o: [...SLUGS].reverse() });
    expect(data?.vvtComparison.map((c) => [c.slug, c.readable, c.statements.length])).toEqual([
      ['dimpact', false, 0],
      ['borger-odoorn', true, 2],
      ['coevorden', true, 2],
      ['emmen', true, 2],
    ]);
    const other = await graphqlClient(t.db, tokens.dimpact)<Columns>(COMPARE, { o: ['emmen', 'coevorden'] });
    expect(other.data?.vvtComparison.map((c) => [c.slug, c.readable, c.statements.length])).toEqual([
      ['emmen', false, 0],
      ['coevorden', false, 0],
    ]);
  });

  it('takes two to four organisations, and refuses anonymous visitors', async () => {
    const one = await graphqlClient(t.db, tokens.emmen)(COMPARE, { o: ['emmen'] });
    expect(one.errors?.[0]?.message).toContain('Kies ten minste 2 organisaties.');
    const five = await graphqlClient(t.db, tokens.emmen)(COMPARE, { o: [...SLUGS, 'boce'] });
    expect(five.errors?.[0]?.message).toContain('Kies ten hoogste 4 organisaties.');
    const anonymous = await graphqlClient(t.db)(COMPARE, { o: ['emmen', 'coevorden'] });
    expect(anonymous.data?.vvtComparison ?? null).toBeNull();
    expect(anonymous.errors?.length).toBeGreaterThan(0);
  });

  it('reads two organisations and four in the same number of statements', async () => {
    const gql = graphqlClient(t.db, tokens.emmen);
    const two = await countQueries(t.db, () => gql(COMPARE, { o: SLUGS.slice(0, 2) }));
    const four = await countQueries(t.db, () => gql(COMPARE, { o: SLUGS }));
    expect(four.count).toBe(two.count);
    expect(four.count).toBeLessThanOrEqual(8);
  });
});
