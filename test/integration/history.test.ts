// The history in words through the API: the sentences pages show, a koppeling's changes on both usages' histories,
// imports that say what they changed and from which file, and private values left out for other organisations.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUsagesCsv } from '#core/exchange/usages-csv.ts';
import { planUsagesImport } from '#core/exchange/usages-plan.ts';
import { applyUsagesImport } from '#core/exchange/usages-write.ts';
import { rawId } from '#core/history.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let editor: ReturnType<typeof graphqlClient>;
let outsider: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  t = await createTestDatabase();
  editor = graphqlClient(
    t.db,
    (await createUser(t.db, 'redacteur@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }])).token,
  );
  outsider = graphqlClient(
    t.db,
    (await createUser(t.db, 'lezer@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }])).token,
  );
});
afterAll(() => t?.drop());

const live = (slug: string, skip = 0) =>
  t.db.prisma.usage.findFirstOrThrow({
    where: { organisation: { slug }, status: 'IN_PRODUCTION' },
    orderBy: { key: 'asc' },
    skip,
    select: { id: true, revision: true, product: { select: { name: true, supplier: { select: { name: true } } } } },
  });

async function history(gql: typeof editor, usageId: string) {
  const res = await gql<{ auditEvents: { edges: { node: { description: string; file: string | null } }[] } }>(
    'query($e: ID) { auditEvents(first: 50, entity: $e) { edges { node { description file } } } }',
    { e: encodeGlobalID('Usage', usageId) },
  );
  expect(res.errors).toBeUndefined();
  return res.data?.auditEvents.edges.map((e) => e.node) ?? [];
}

describe('history in words', () => {
  it('says a status change with labels, names and a Dutch date', async () => {
    const u = await live('emmen');
    const res = await editor(
      'mutation($id: ID!, $r: Int!) { setUsageStatus(id: $id, revision: $r, status: PHASING_OUT, since: "2027-06-01") { __typename } }',
      { id: encodeGlobalID('Usage', u.id), r: u.revision },
    );
    expect(res.errors).toBeUndefined();
    expect((await history(editor, u.id))[0]?.description).toBe(
      `Status van ${u.product.name} gewijzigd van In productie naar Uit te faseren per 1 juni 2027.`,
    );
  });

  it("shows a koppeling's changes on the histories of both its usages", async () => {
    const a = await live('emmen', 1);
    const b = await live('emmen', 2);
    const created = await editor<{ createInterface: { data?: { id: string } } }>(
      'mutation($a: ID!, $b: ID!) { createInterface(input: { from: $a, to: $b, type: FILE_TRANSFER, direction: B_TO_A, status: IN_USE }) { ... on CreateInterfaceSuccess { data { id } } } }',
      { a: encodeGlobalID('Usage', a.id), b: encodeGlobalID('Usage', b.id) },
    );
    const id = created.data?.createInterface.data?.id ?? '';
    expect(id).not.toBe('');
    const added = `Koppeling toegevoegd: ${a.product.name} haalt op bij ${b.product.name} (Bestandsuitwisseling, In gebruik).`;
    expect((await history(editor, a.id))[0]?.description).toBe(added);
    expect((await history(editor, b.id))[0]?.description).toBe(added);

    // A change that does not carry the ends names them through the koppeling as it is now; a deletion, from its last state.
    const revision = async () => (await t.db.prisma.interface.findUniqueOrThrow({ where: { id: rawId(id) } })).revision;
    const updated = await editor(
      'mutation($id: ID!, $r: Int!) { updateInterface(input: { id: $id, revision: $r, copiesData: true }) { __typename } }',
      {
        id,
        r: await revision(),
      },
    );
    expect(updated.errors).toBeUndefined();
    const changed = `Koppeling ${a.product.name} haalt op bij ${b.product.name} gewijzigd: kopieert gegevens van nee naar ja.`;
    expect((await history(editor, b.id))[0]?.description).toBe(changed);
    const deleted = await editor(
      'mutation($id: ID!, $r: Int!) { deleteInterface(id: $id, revision: $r) { __typename } }',
      { id, r: await revision() },
    );
    expect(deleted.errors).toBeUndefined();
    for (const usage of [a, b]) {
      const sentences = (await history(editor, usage.id)).map((e) => e.description);
      expect(sentences.slice(0, 3)).toEqual([
        `Koppeling verwijderd: ${a.product.name} haalt op bij ${b.product.name}.`,
        changed,
        added,
      ]);
    }
  });

  it('says what an import from the command line added, and from which file', async () => {
    const u = await live('emmen', 3);
    const { records, problems } = readUsagesCsv(
      Buffer.from(
        `Leverancier;Pakket;Status;In productie sinds\n${u.product.supplier.name};${u.product.name};In productie;2024-02-01\n`,
      ),
    );
    expect(problems).toEqual([]);
    const plan = await planUsagesImport(t.db, 'boce', records);
    expect(plan?.refused).toEqual([]);
    await applyUsagesImport(t.db, plan as NonNullable<typeof plan>, { label: 'cli' }, 'landschap.csv', 'CLI');
    const added = await t.db.prisma.usage.findFirstOrThrow({
      where: { organisation: { slug: 'boce' } },
      orderBy: { createdAt: 'desc' },
    });
    expect(await history(editor, added.id)).toEqual([
      {
        description: `Gebruik toegevoegd bij import van landschap.csv: ${u.product.name} (In productie per 1 februari 2024).`,
        file: 'landschap.csv',
      },
    ]);
    const trail = await editor<{ auditEvents: { edges: { node: { description: string } }[] } }>(
      '{ auditEvents(first: 1, organisation: "boce") { edges { node { description } } } }',
    );
    expect(trail.data?.auditEvents.edges[0]?.node.description).toBe(
      'Bestand landschap.csv ingelezen via de opdrachtregel: gebruiken 1 toegevoegd, 0 gewijzigd en 0 ongewijzigd.',
    );
  });

  it("leaves another organisation's private change out of its history", async () => {
    const u = await live('emmen', 4);
    const secret = 'GEHEIME-NOTITIE-HISTORY';
    const res = await editor(
      'mutation($id: ID!, $r: Int!, $n: String) { updateUsage(input: { id: $id, revision: $r, internalNote: $n }) { __typename } }',
      {
        id: encodeGlobalID('Usage', u.id),
        r: u.revision,
        n: secret,
      },
    );
    expect(res.errors).toBeUndefined();
    expect((await history(editor, u.id))[0]?.description).toBe(
      `${u.product.name} gewijzigd: interne notitie: ${secret}.`,
    );
    // A change of nothing but a private field is not in another organisation's history at all, not even its name.
    expect(await history(outsider, u.id)).toEqual([]);
  });

  it('gives a made-up usage id no koppelingen: an id that matches every event text reads nothing', async () => {
    expect(await t.db.prisma.auditEvent.count({ where: { entityType: 'Interface' } })).toBeGreaterThan(0);
    expect(await history(editor, '"')).toEqual([]);
    expect(await history(editor, 'c')).toEqual([]);
  });
});
