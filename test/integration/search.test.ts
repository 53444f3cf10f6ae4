import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
beforeAll(async () => {
  t = await createTestDatabase();
  gql = graphqlClient(t.db, (await createUser(t.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token);
});
afterAll(() => t?.drop());

const find = async (query: string) =>
  (await gql<{ search: { kind: string; title: string }[] }>(`query($q: String!) { search(query: $q, first: 10) { kind title } }`, { q: query })).data?.search ??
  [];

describe('search', () => {
  it('finds "Open Zaak" from "openzaak", first', async () => {
    expect((await find('openzaak'))[0]).toEqual({ kind: 'PRODUCT', title: 'Open Zaak' });
  });

  it('finds the Zaakregistratiecomponent from the partial word "zaakregistr"', async () => {
    expect((await find('zaakregistr')).map((h) => h.title)).toContain('Zaakregistratiecomponent');
  });

  it('finds Coevorden from the typo "koevorden" and ignores case and diacritics', async () => {
    expect((await find('koevorden')).map((h) => h.title)).toContain('Gemeente Coevorden');
    expect((await find('COËVORDEN')).map((h) => h.title)).toContain('Gemeente Coevorden');
  });

  it('ranks an exact name match above partial matches', async () => {
    const hits = await find('Open Klant');
    expect(hits[0]).toEqual({ kind: 'PRODUCT', title: 'Open Klant' });
  });

  it('answers an empty query with nothing and refuses anonymous visitors', async () => {
    expect(await find('   ')).toEqual([]);
    expect((await graphqlClient(t.db)(`{ search(query: "zaak") { title } }`)).errors?.[0]?.message).toBe('Log in om deze gegevens te zien.');
  });
});
