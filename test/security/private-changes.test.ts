// A change of private fields in the audit trail, read by someone who may not see them: a change of nothing but private
// fields is not there at all (not in the list, its count, node or nodes), a change of private and other fields is there
// without the private ones, not even their names. The own organisation reads all of it.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldLabel } from '#core/labels.ts';
import { PRIVATE_FIELDS } from '#core/privacy.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let editor: ReturnType<typeof graphqlClient>;
let outsider: ReturnType<typeof graphqlClient>;
let instanceAdmin: ReturnType<typeof graphqlClient>;
let usage: { id: string; key: string; revision: number };
/** The events of the two changes: private fields only, then private and public fields together. */
let privateOnly: string;
let mixed: string;

const UPDATE = `mutation($input: UpdateUsageInput!) { updateUsage(input: $input) { __typename
  ... on UpdateUsageSuccess { data { revision } } } }`;
type Update = { updateUsage: { __typename: string; data?: { revision: number } } };

async function update(input: Record<string, unknown>) {
  const answer = await editor<Update>(UPDATE, { input: { id: usage.id, revision: usage.revision, ...input } });
  expect(answer.data?.updateUsage.__typename).toBe('UpdateUsageSuccess');
  usage.revision = answer.data?.updateUsage.data?.revision ?? 0;
  const last = await t.db.prisma.auditEvent.findFirstOrThrow({
    where: { entityType: 'Usage', entityId: usage.id },
    orderBy: { createdAt: 'desc' },
  });
  return encodeGlobalID('AuditEvent', last.id);
}

beforeAll(async () => {
  t = await createTestDatabase();
  const user = (email: string, organisation: string) =>
    createUser(t.db, email, [{ organisation, role: 'EDITOR' }]).then((u) => graphqlClient(t.db, u.token));
  editor = await user('editor@emmen.test', 'emmen');
  outsider = await user('editor@coevorden.test', 'coevorden');
  instanceAdmin = graphqlClient(
    t.db,
    (await createUser(t.db, 'beheer@grondplan.test', [], { instanceAdmin: true })).token,
  );
  const u = await t.db.prisma.usage.findFirstOrThrow({
    where: { organisation: { slug: 'emmen' } },
    orderBy: { key: 'asc' },
  });
  usage = { id: encodeGlobalID('Usage', u.id), key: u.key, revision: u.revision };
  privateOnly = await update({
    yearlyCost: 12345,
    internalNote: 'Onderhandelen in het voorjaar',
    contractEndsOn: '2028-01-01',
    riskAssessmentDate: '2026-02-03',
    pentestDate: '2025-11-04',
    pentestState: 'FINDINGS_OPEN',
    dpiaCriteria: ['SENSITIVE_DATA'],
  });
  mixed = await update({ yearlyCost: 23456, contact: 'Afdeling Burgerzaken' });
});
afterAll(() => t?.drop());

type Node = { id: string; description: string; changes: { field: string; hidden: boolean }[] };
type List = { auditEvents: { totalCount: number; edges: { node: Node }[] } };
const LIST = `query($o: String, $e: ID) { auditEvents(first: 200, organisation: $o, entity: $e) { totalCount
  edges { node { id description changes { field hidden } } } } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on AuditEvent { id description changes { field } } } }`;

const privateNames = PRIVATE_FIELDS.Usage.fields;
const privateLabels = privateNames.map((f) => (fieldLabel as Record<string, string>)[f] ?? f);

describe('a change of private usage fields, read outside the organisation', () => {
  for (const [who, reader] of [
    ['a member of another organisation', () => outsider],
    ['an instance administrator, who is no member', () => instanceAdmin],
  ] as const)
    it(`is left out entirely, or without the private fields' names, for ${who}`, async () => {
      for (const variables of [{ o: 'emmen' }, { e: usage.id }]) {
        const list = (await reader()<List>(LIST, variables)).data?.auditEvents;
        const ids = list?.edges.map((e) => e.node.id) ?? [];
        expect(ids).not.toContain(privateOnly);
        expect(ids).toContain(mixed);
        // The count says as many changes as the list holds.
        expect(list?.totalCount).toBe(ids.length);
        const shown = list?.edges.find((e) => e.node.id === mixed)?.node;
        expect(shown?.changes.map((c) => c.field)).toEqual(['contact']);
        for (const node of list?.edges.map((e) => e.node) ?? []) {
          expect(node.changes.some((c) => privateNames.includes(c.field as never) || c.hidden)).toBe(false);
          for (const label of privateLabels) expect(node.description.toLowerCase()).not.toContain(label.toLowerCase());
          expect(node.description).not.toContain('alleen zichtbaar voor de eigen organisatie');
        }
      }
      const nodes = (await reader()<{ nodes: (Node | null)[] }>(NODES, { ids: [privateOnly, mixed] })).data?.nodes;
      expect(nodes?.[0]).toBeNull();
      expect(nodes?.[1]?.changes.map((c) => c.field)).toEqual(['contact']);
    });
});

describe('a change of private usage fields, read by the own organisation', () => {
  it('is there with every field named and said', async () => {
    const list = (await editor<List>(LIST, { e: usage.id })).data?.auditEvents;
    const ids = list?.edges.map((e) => e.node.id) ?? [];
    expect(ids).toEqual(expect.arrayContaining([privateOnly, mixed]));
    expect(list?.totalCount).toBe(ids.length);
    const own = list?.edges.find((e) => e.node.id === privateOnly)?.node;
    expect(own?.changes.map((c) => c.field).sort()).toEqual([...privateNames].sort());
    expect(own?.description).toContain('12.345');
    const nodes = (await editor<{ nodes: (Node | null)[] }>(NODES, { ids: [privateOnly, mixed] })).data?.nodes;
    expect(nodes?.map((n) => n?.id)).toEqual([privateOnly, mixed]);
  });
});
