import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '#core/audit.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
beforeAll(async () => {
  t = await createTestDatabase();
  gql = graphqlClient(
    t.db,
    (await createUser(t.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
  );
});
afterAll(() => t?.drop());

const find = async (query: string) =>
  (
    await gql<{ search: { kind: string; title: string }[] }>(
      `query($q: String!) { search(query: $q, first: 10) { kind title } }`,
      { q: query },
    )
  ).data?.search ?? [];

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
    expect((await graphqlClient(t.db)(`{ search(query: "zaak") { title } }`)).errors?.[0]?.message).toBe(
      'Log in om deze gegevens te zien.',
    );
  });

  it('finds an organisation’s usage of a package when the query names both', async () => {
    const hits = await find('open zaak emmen');
    expect(hits[0]).toEqual({ kind: 'USAGE', title: 'Open Zaak bij Gemeente Emmen' });
  });

  it('says how and why each result matched: exact, by a beginning, through another result, or only alike', async () => {
    const answer = async (q: string) =>
      (
        await gql<{ search: { kind: string; title: string; match: string; reason: string }[] }>(
          `query($q: String!) { search(query: $q, first: 20) { kind title match reason } }`,
          { q },
        )
      ).data?.search ?? [];
    const zaaksysteem = await answer('zaaksysteem');
    expect(zaaksysteem.find((h) => h.title === 'Zaakregistratiecomponent')).toEqual({
      kind: 'REFERENCE_COMPONENT',
      title: 'Zaakregistratiecomponent',
      match: 'EXACT',
      reason: 'De andere naam ‘zaaksysteem’ is de zoekterm.',
    });
    expect(zaaksysteem.find((h) => h.title === 'Powerbrowser')).toMatchObject({
      kind: 'PRODUCT',
      match: 'RELATED',
      reason: 'Realiseert Zaakregistratiecomponent.',
    });
    expect(zaaksysteem.find((h) => h.title === 'Powerbrowser bij Gemeente Coevorden')).toMatchObject({
      kind: 'USAGE',
      match: 'RELATED',
      reason: 'Powerbrowser: realiseert Zaakregistratiecomponent.',
    });
    expect((await answer('zaakregistr'))[0]).toMatchObject({
      title: 'Zaakregistratiecomponent',
      match: 'PREFIX',
      reason: 'De naam begint met de zoekterm.',
    });
    expect((await answer('koevorden'))[0]).toMatchObject({ title: 'Gemeente Coevorden', match: 'FUZZY' });
    // The order follows the match: no look-alike above a related result, no related result above an exact or prefix one.
    const order = ['EXACT', 'PREFIX', 'RELATED', 'FUZZY'];
    for (const q of ['zaak', 'decos', 'open zaak', 'microsoft']) {
      const ranks = (await answer(q)).map((h) => order.indexOf(h.match));
      expect(ranks, q).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it('reads at most the first eight words, and tries a phrase word by word only when it is short', async () => {
    // A hundred one-letter words used to fall back to "any word", matching every document in the hub.
    expect(await find(Array.from({ length: 100 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(' '))).toEqual([]);
    // The ninth word and beyond are ignored: eight words naming Open Zaak find it, whatever follows them.
    expect((await find('open zaak open zaak open zaak open zaak xyzzy'))[0]).toEqual({
      kind: 'PRODUCT',
      title: 'Open Zaak',
    });
    // Short phrases keep the fallback: one word that matches is enough.
    expect((await find('openzaak blabla')).map((h) => h.title)).toContain('Open Zaak');
  });

  it('leaves retired usages out', async () => {
    const titles = (await find('e-suite coevorden')).map((h) => h.title);
    expect(titles).toContain('Gemeente Coevorden');
    expect(titles).not.toContain('e-Suite bij Gemeente Coevorden');
  });

  it('sees a change at once: the index is rebuilt when the data version moves, also for a change made elsewhere', async () => {
    expect((await find('Zoekproefpakket')).map((h) => h.title)).not.toContain('Zoekproefpakket');
    // Written by another process in effect: straight into the database, with its audit event and version.
    const supplier = await t.db.prisma.supplier.findFirstOrThrow({ select: { id: true } });
    await t.db.prisma.$transaction(async (tx) => {
      await tx.product.create({
        data: { slug: 'zoekproefpakket', name: 'Zoekproefpakket', supplierId: supplier.id, architecture: 'LEGACY' },
      });
      await recordAudit(tx, {
        actor: { label: 'test' },
        source: 'CLI',
        organisationId: null,
        entityType: 'Product',
        entityId: 'zoekproefpakket',
        action: 'CREATE',
        before: null,
        after: {},
      });
    });
    expect((await find('Zoekproefpakket'))[0]).toEqual({ kind: 'PRODUCT', title: 'Zoekproefpakket' });
  });
});
