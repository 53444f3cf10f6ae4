// Editing through the API: the authorization matrix, optimistic concurrency, the audit trail and hostile input.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
type Client = ReturnType<typeof graphqlClient>;
const clients: Record<string, Client> = {};
const OWN = 'emmen';
const OTHER = 'coevorden';

beforeAll(async () => {
  t = await createTestDatabase();
  clients.anonymous = graphqlClient(t.db);
  clients.viewer = graphqlClient(
    t.db,
    (await createUser(t.db, 'viewer@emmen.test', [{ organisation: OWN, role: 'VIEWER' }])).token,
  );
  clients.editor = graphqlClient(
    t.db,
    (await createUser(t.db, 'editor@emmen.test', [{ organisation: OWN, role: 'EDITOR' }])).token,
  );
  clients.admin = graphqlClient(
    t.db,
    (await createUser(t.db, 'admin@emmen.test', [{ organisation: OWN, role: 'ADMIN' }])).token,
  );
  clients.instanceAdmin = graphqlClient(
    t.db,
    (await createUser(t.db, 'beheer@grondplan.test', [], { instanceAdmin: true })).token,
  );
});
afterAll(() => t?.drop());

const zaakId = async () =>
  (await t.db.prisma.referenceComponent.findFirstOrThrow({ where: { name: 'Zaakregistratiecomponent' } })).id;

async function usageOf(slug: string, offset = 0) {
  const u = await t.db.prisma.usage.findFirstOrThrow({
    where: { organisation: { slug }, status: 'IN_PRODUCTION' },
    orderBy: { key: 'asc' },
    skip: offset,
  });
  return { id: encodeGlobalID('Usage', u.id), revision: u.revision, localId: u.id };
}
async function interfaceOf(slug: string) {
  const i = await t.db.prisma.interface.findFirstOrThrow({
    where: { organisation: { slug } },
    orderBy: { key: 'asc' },
  });
  return { id: encodeGlobalID('Interface', i.id), revision: i.revision, from: encodeGlobalID('Usage', i.fromUsageId) };
}
const auditCount = () => t.db.prisma.auditEvent.count();
const unique = () => Math.random().toString(36).slice(2, 8);

type Mutation = (
  gql: Client,
  org: string,
) => Promise<{ typename?: string; entityId?: string; action: string; errors?: unknown }>;

const result = (
  res: { data?: Record<string, { __typename: string; data?: { id: string } } | undefined>; errors?: unknown },
  field: string,
) => ({
  typename: res.data?.[field]?.__typename,
  entityId: res.data?.[field]?.data?.id,
  errors: res.errors,
});

/** Each allowed call adds an activity of its own (names are unique in a register). */
let activities = 0;
const TEMPLATES = ['klantcontact', 'wmo', 'belastingen', 'salaris'];

const mutations: Record<string, Mutation> = {
  createProcessingActivity: async (gql, org) => ({
    action: 'CREATE',
    ...result(
      await gql(
        `mutation($input: CreateProcessingActivityInput!) { createProcessingActivity(input: $input) { __typename ... on CreateProcessingActivitySuccess { data { id } } } }`,
        {
          input: {
            organisation: org,
            name: `Verwerking ${++activities}`,
            purpose: 'Proef',
            legalGround: 'PUBLIC_TASK',
            specialCategories: false,
            criminalData: false,
            dataSubjects: ['Inwoners'],
            personalData: ['Naam'],
            retention: '1 jaar',
            role: 'CONTROLLER',
          },
        },
      ),
      'createProcessingActivity',
    ),
  }),
  adoptProcessingTemplate: async (gql, org) => ({
    action: 'CREATE',
    ...result(
      await gql(
        `mutation($o: String!, $t: String!) { adoptProcessingTemplate(organisation: $o, template: $t) { __typename ... on AdoptProcessingTemplateSuccess { data { id } } } }`,
        { o: org, t: TEMPLATES[activities++ % TEMPLATES.length] },
      ),
      'adoptProcessingTemplate',
    ),
  }),
  createUsage: async (gql, org) => ({
    action: 'CREATE',
    ...result(
      await gql(
        `mutation($o: String!, $k: String) { createUsage(input: { organisation: $o, key: $k, product: "open-zaak", status: PLANNED, statusSince: "2026-12-01" }) { __typename ... on CreateUsageSuccess { data { id } } } }`,
        { o: org, k: `nieuw-${unique()}` },
      ),
      'createUsage',
    ),
  }),
  updateUsage: async (gql, org) => {
    const u = await usageOf(org);
    return {
      action: 'UPDATE',
      ...result(
        await gql(
          `mutation($id: ID!, $r: Int!) { updateUsage(input: { id: $id, revision: $r, contact: "${unique()}@example.nl", availability: 3 }) { __typename ... on UpdateUsageSuccess { data { id } } } }`,
          { id: u.id, r: u.revision },
        ),
        'updateUsage',
      ),
    };
  },
  setUsageStatus: async (gql, org) => {
    const u = await usageOf(org, 1);
    return {
      action: 'SET_STATUS',
      ...result(
        await gql(
          `mutation($id: ID!, $r: Int!) { setUsageStatus(id: $id, revision: $r, status: PHASING_OUT, since: "2026-11-01") { __typename ... on SetUsageStatusSuccess { data { id } } } }`,
          { id: u.id, r: u.revision },
        ),
        'setUsageStatus',
      ),
    };
  },
  retireUsage: async (gql, org) => {
    const u = await usageOf(org, 2);
    return {
      action: 'RETIRE',
      ...result(
        await gql(
          `mutation($id: ID!, $r: Int!) { retireUsage(id: $id, revision: $r, since: "2026-11-15") { __typename ... on RetireUsageSuccess { data { id } } } }`,
          { id: u.id, r: u.revision },
        ),
        'retireUsage',
      ),
    };
  },
  createInterface: async (gql, org) => {
    const a = await usageOf(org, 3);
    const b = await usageOf(org, 4);
    return {
      action: 'CREATE',
      ...result(
        await gql(
          `mutation($a: ID!, $b: ID!) { createInterface(input: { from: $a, to: $b, type: API, direction: A_TO_B, status: IN_USE }) { __typename ... on CreateInterfaceSuccess { data { id } } } }`,
          { a: a.id, b: b.id },
        ),
        'createInterface',
      ),
    };
  },
  updateInterface: async (gql, org) => {
    const i = await interfaceOf(org);
    return {
      action: 'UPDATE',
      ...result(
        await gql(
          `mutation($id: ID!, $r: Int!) { updateInterface(input: { id: $id, revision: $r, description: "${unique()}" }) { __typename ... on UpdateInterfaceSuccess { data { id } } } }`,
          { id: i.id, r: i.revision },
        ),
        'updateInterface',
      ),
    };
  },
  deleteInterface: async (gql, org) => {
    const i = await interfaceOf(org);
    const res = await gql<{ deleteInterface: { __typename: string; data?: string } }>(
      `mutation($id: ID!, $r: Int!) { deleteInterface(id: $id, revision: $r) { __typename ... on DeleteInterfaceSuccess { data } } }`,
      { id: i.id, r: i.revision },
    );
    return {
      action: 'DELETE',
      typename: res.data?.deleteInterface.__typename,
      entityId: res.data?.deleteInterface.data,
      errors: res.errors,
    };
  },
  createSupplier: async (gql, org) => ({
    action: 'CREATE',
    ...result(
      await gql(
        `mutation($o: String!, $n: String!) { createSupplier(input: { organisation: $o, name: $n }) { __typename ... on CreateSupplierSuccess { data { id } } } }`,
        { o: org, n: `Leverancier ${unique()}` },
      ),
      'createSupplier',
    ),
  }),
  createProduct: async (gql, org) => ({
    action: 'CREATE',
    ...result(
      await gql(
        `mutation($o: String!, $n: String!, $c: [String!]!) { createProduct(input: { organisation: $o, name: $n, supplier: "maykin-media", architecture: COMMON_GROUND, layers: [SERVICE], referenceComponents: $c }) { __typename ... on CreateProductSuccess { data { id } } } }`,
        { o: org, n: `Pakket ${unique()}`, c: [await zaakId()] },
      ),
      'createProduct',
    ),
  }),
};

const roles = ['anonymous', 'viewer', 'editor', 'admin'] as const;

describe('authorization matrix: every mutation x every role x own and other organisation', () => {
  for (const [name, mutate] of Object.entries(mutations)) {
    for (const role of roles) {
      for (const target of ['own', 'other'] as const) {
        const allowed = (role === 'editor' || role === 'admin') && target === 'own';
        it(`${name} by ${role} on ${target} data is ${allowed ? 'allowed' : 'refused'}`, async () => {
          const before = await auditCount();
          const res = await mutate(clients[role] as Client, target === 'own' ? OWN : OTHER);
          expect(res.errors).toBeUndefined();
          if (!allowed) {
            expect(res.typename).toBe('ForbiddenError');
            expect(await auditCount()).toBe(before);
            return;
          }
          expect(res.typename).toMatch(/Success$/);
          // Exactly one matching audit event, in the same transaction as the change.
          const events = await t.db.prisma.auditEvent.findMany({
            where: { createdAt: { gte: new Date(Date.now() - 60_000) } },
            orderBy: { createdAt: 'desc' },
            take: (await auditCount()) - before,
          });
          expect(events).toHaveLength(1);
          expect(events[0]?.entityId).toBe(res.entityId);
          expect(events[0]?.action).toBe(res.action);
          expect(events[0]?.actorLabel).toBe(`${role}@emmen.test`);
          expect(events[0]?.source).toBe('API');
          expect(Object.keys(JSON.parse(events[0]?.changes ?? '{}')).length).toBeGreaterThan(0);
        });
      }
    }
  }

  it('updateProduct: only the organisation that added a product, or an instance administrator', async () => {
    const created = await mutations.createProduct?.(clients.editor as Client, OWN);
    const id = created?.entityId ?? '';
    const revisionOf = async () =>
      (
        await t.db.prisma.product.findUniqueOrThrow({
          where: { id: Buffer.from(id, 'base64').toString().split(':')[1] ?? '' },
        })
      ).revision;
    const update = async (client: Client, description: string) =>
      (
        await client<{ updateProduct: { __typename: string } }>(
          `mutation($id: ID!, $r: Int!, $d: String) { updateProduct(input: { id: $id, revision: $r, description: $d }) { __typename } }`,
          { id, r: await revisionOf(), d: description },
        )
      ).data?.updateProduct.__typename;
    const other = graphqlClient(
      t.db,
      (await createUser(t.db, 'editor@coevorden.test', [{ organisation: OTHER, role: 'EDITOR' }])).token,
    );
    expect(await update(other, 'van Coevorden')).toBe('ForbiddenError');
    expect(await update(clients.viewer as Client, 'van een lezer')).toBe('ForbiddenError');
    expect(await update(clients.editor as Client, 'van Emmen')).toBe('UpdateProductSuccess');
    expect(await update(clients.instanceAdmin as Client, 'van beheer')).toBe('UpdateProductSuccess');
    const seeded = await t.db.prisma.product.findUniqueOrThrow({ where: { slug: 'open-zaak' } });
    const res = await (clients.admin as Client)<{ updateProduct: { __typename: string } }>(
      `mutation($id: ID!, $r: Int!) { updateProduct(input: { id: $id, revision: $r, description: "x" }) { __typename } }`,
      { id: encodeGlobalID('Product', seeded.id), r: seeded.revision },
    );
    expect(res.data?.updateProduct.__typename).toBe('ForbiddenError');
  });
});

describe('optimistic concurrency', () => {
  it('lets one of two updates from the same revision win and refuses the other with what changed', async () => {
    const u = await usageOf(OWN, 5);
    const send = (contact: string) =>
      (clients.editor as Client)<{ updateUsage: { __typename: string; message?: string; currentRevision?: number } }>(
        `mutation($id: ID!, $r: Int!, $c: String) { updateUsage(input: { id: $id, revision: $r, contact: $c }) { __typename ... on ConflictError { message currentRevision } } }`,
        { id: u.id, r: u.revision, c: contact },
      );
    const [a, b] = await Promise.all([send('eerste@emmen.nl'), send('tweede@emmen.nl')]);
    const outcomes = [a.data?.updateUsage.__typename, b.data?.updateUsage.__typename].sort();
    expect(outcomes).toEqual(['ConflictError', 'UpdateUsageSuccess']);
    const winner = a.data?.updateUsage.__typename === 'UpdateUsageSuccess' ? 'eerste@emmen.nl' : 'tweede@emmen.nl';
    const loser = a.data?.updateUsage.__typename === 'ConflictError' ? a : b;
    expect(loser.data?.updateUsage.message).toMatch(/contact/);
    expect(loser.data?.updateUsage.currentRevision).toBe(u.revision + 1);
    const stored = await t.db.prisma.usage.findUniqueOrThrow({ where: { id: u.localId } });
    expect(stored.contact).toBe(winner);
    expect(stored.revision).toBe(u.revision + 1);
  });

  it('refuses a stale revision without writing anything', async () => {
    const u = await usageOf(OWN, 6);
    const before = await auditCount();
    const res = await (clients.editor as Client)<{ updateUsage: { __typename: string } }>(
      `mutation($id: ID!) { updateUsage(input: { id: $id, revision: 999, contact: "x@y.nl" }) { __typename } }`,
      { id: u.id },
    );
    expect(res.data?.updateUsage.__typename).toBe('ConflictError');
    expect(await auditCount()).toBe(before);
  });
});

describe('audit trail', () => {
  it('records before and after values of exactly the changed fields', async () => {
    const u = await usageOf(OWN, 7);
    const stored = await t.db.prisma.usage.findUniqueOrThrow({ where: { id: u.localId } });
    const res = await (clients.editor as Client)<{ updateUsage: { __typename: string } }>(
      `mutation($id: ID!, $r: Int!) { updateUsage(input: { id: $id, revision: $r, integrity: ${stored.integrity === 1 ? 2 : 1}, internalNote: "Nieuwe notitie" }) { __typename } }`,
      { id: u.id, r: u.revision },
    );
    expect(res.data?.updateUsage.__typename).toBe('UpdateUsageSuccess');
    const history = await (clients.viewer as Client)<{
      auditEvents: {
        edges: {
          node: {
            action: string;
            actor: string;
            revision: number;
            changes: { field: string; before: string | null; after: string | null }[];
          };
        }[];
      };
    }>(
      `query($e: ID) { auditEvents(first: 5, entity: $e) { edges { node { action actor revision changes { field before after } } } } }`,
      { e: u.id },
    );
    const latest = history.data?.auditEvents.edges[0]?.node;
    expect(latest?.action).toBe('UPDATE');
    expect(latest?.actor).toBe('editor@emmen.test');
    expect(latest?.revision).toBe(u.revision + 1);
    expect(latest?.changes).toEqual([
      {
        field: 'integrity',
        before: JSON.stringify(stored.integrity),
        after: JSON.stringify(stored.integrity === 1 ? 2 : 1),
      },
      {
        field: 'internalNote',
        before: stored.internalNote === null ? null : JSON.stringify(stored.internalNote),
        after: '"Nieuwe notitie"',
      },
    ]);
  });

  it('offers no way to change or delete audit events', async () => {
    const mutationNames = (
      await (clients.instanceAdmin as Client)<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
        `{ __schema { mutationType { fields { name } } } }`,
      )
    ).data?.__schema.mutationType.fields.map((f) => f.name);
    expect(mutationNames?.filter((n) => /audit/i.test(n))).toEqual([]);
  });
});

describe('hostile and invalid input changes nothing', () => {
  const cases: [string, string, Record<string, unknown>, RegExp][] = [
    ['BIV out of range', 'availability: $v', { v: 7 }, /availability: Kies 1, 2 of 3/],
    ['oversized text', 'contact: $v', { v: 'x'.repeat(5000) }, /contact: Maximaal 200 tekens/],
    ['unknown product', 'product: $v', { v: 'bestaat-niet' }, /product: Pakket "bestaat-niet" bestaat niet/],
    [
      'unknown reference component',
      'referenceComponents: [$v]',
      { v: '00000000-0000-0000-0000-000000000000' },
      /referenceComponents\.0: Referentiecomponent/,
    ],
    ['unknown operator', 'operator: $v', { v: 'atlantis' }, /operator: Organisatie "atlantis" bestaat niet/],
  ];
  for (const [label, field, vars, message] of cases) {
    it(`refuses ${label} with a field-specific message`, async () => {
      const u = await usageOf(OWN, 8);
      const before = await auditCount();
      const type = label.includes('BIV') ? 'Int' : label.includes('component') ? 'String!' : 'String';
      const res = await (clients.editor as Client)<{
        updateUsage: { __typename: string; message: string; problems: { path: string[] }[] };
      }>(
        `mutation($id: ID!, $r: Int!, $v: ${type}) { updateUsage(input: { id: $id, revision: $r, ${field} }) { __typename ... on ValidationError { message problems { path } } } }`,
        { id: u.id, r: u.revision, ...vars },
      );
      expect(res.data?.updateUsage.__typename).toBe('ValidationError');
      expect(res.data?.updateUsage.message).toMatch(message);
      expect(await auditCount()).toBe(before);
      expect((await t.db.prisma.usage.findUniqueOrThrow({ where: { id: u.localId } })).revision).toBe(u.revision);
    });
  }

  it('refuses wrong types and unknown ids', async () => {
    const wrongType = await (clients.editor as Client)(
      `mutation { updateUsage(input: { id: "x", revision: "een" }) { __typename } }`,
    );
    expect(wrongType.errors?.[0]?.message).toMatch(/Int cannot represent/);
    const unknown = await (clients.editor as Client)<{ updateUsage: { __typename: string } }>(
      `mutation { updateUsage(input: { id: "${encodeGlobalID('Usage', 'nope')}", revision: 1 }) { __typename } }`,
    );
    expect(unknown.data?.updateUsage.__typename).toBe('NotFoundError');
  });

  it('refuses a koppeling that points at itself, and status dates that go back in time', async () => {
    const u = await usageOf(OWN, 9);
    const self = await (clients.editor as Client)<{ createInterface: { __typename: string; message: string } }>(
      `mutation($a: ID!) { createInterface(input: { from: $a, to: $a, type: API, direction: BOTH, status: IN_USE }) { __typename ... on ValidationError { message } } }`,
      { a: u.id },
    );
    expect(self.data?.createInterface.message).toMatch(/niet naar zichzelf/);
    const back = await (clients.editor as Client)<{ setUsageStatus: { __typename: string; message: string } }>(
      `mutation($id: ID!, $r: Int!) { setUsageStatus(id: $id, revision: $r, status: PHASING_OUT, since: "1990-01-01") { __typename ... on ValidationError { message } } }`,
      { id: u.id, r: u.revision },
    );
    expect(back.data?.setUsageStatus.message).toMatch(/niet vóór/);
  });

  it('stores markup as typed; it is data, never code', async () => {
    const u = await usageOf(OWN, 10);
    const res = await (clients.editor as Client)<{ updateUsage: { __typename: string; data: { contact: string } } }>(
      `mutation($id: ID!, $r: Int!) { updateUsage(input: { id: $id, revision: $r, contact: "<script>alert(1)</script>" }) { __typename ... on UpdateUsageSuccess { data { contact } } } }`,
      { id: u.id, r: u.revision },
    );
    expect(res.data?.updateUsage.data.contact).toBe('<script>alert(1)</script>');
  });
});
