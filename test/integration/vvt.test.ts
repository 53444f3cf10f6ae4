// The statement of applicability through the API: editors write lines at a revision, the audit trail records them,
// and the statement stays with the organisation until it shares it with named partners or all members.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
type Client = ReturnType<typeof graphqlClient>;
const gql = {} as Record<'editor' | 'viewer' | 'coevorden' | 'borger' | 'instanceAdmin' | 'anonymous', Client>;

beforeAll(async () => {
  t = await createTestDatabase();
  const user = async (email: string, organisation: string, role: 'VIEWER' | 'EDITOR') =>
    graphqlClient(t.db, (await createUser(t.db, email, [{ organisation, role }])).token);
  gql.editor = await user('editor@emmen.test', 'emmen', 'EDITOR');
  gql.viewer = await user('viewer@emmen.test', 'emmen', 'VIEWER');
  gql.coevorden = await user('lezer@coevorden.test', 'coevorden', 'VIEWER');
  gql.borger = await user('lezer@borger.test', 'borger-odoorn', 'VIEWER');
  gql.instanceAdmin = graphqlClient(t.db, (await createUser(t.db, 'beheer@test', [], { instanceAdmin: true })).token);
  gql.anonymous = graphqlClient(t.db);
});
afterAll(() => t?.drop());

const SET = `mutation($input: SetVvtStatementInput!) { setVvtStatement(input: $input) { __typename
  ... on SetVvtStatementSuccess { data { revision state owner applies reason } }
  ... on ValidationError { problems { path message } }
  ... on ConflictError { currentRevision message } ... on ForbiddenError { message } ... on NotFoundError { message } } }`;
const READ = `query($s: String!) { organisation(slug: $s) { vvtReadable vvtStatements { measure { number } reason owner evidence }
  vvtProgress { theme total undecided notApplicable byState { inProgress } } } }`;
const line = (extra: Record<string, unknown>) => ({
  organisation: 'emmen',
  measure: '5.01.01',
  state: 'NIET_GESTART',
  ...extra,
});
type Set = { setVvtStatement: { __typename: string; data?: { revision: number }; currentRevision?: number } };

describe('writing a statement', () => {
  it('writes a line, then only at the revision read; a viewer and another organisation may not', async () => {
    const first = await gql.editor<Set>(SET, { input: line({ applies: true, state: 'IN_UITVOERING', owner: 'CISO' }) });
    expect(first.data?.setVvtStatement).toMatchObject({ __typename: 'SetVvtStatementSuccess', data: { revision: 1 } });
    const stale = await gql.editor<Set>(SET, { input: line({ applies: true, state: 'GETOETST' }) });
    expect(stale.data?.setVvtStatement).toMatchObject({ __typename: 'ConflictError', currentRevision: 1 });
    const second = await gql.editor<Set>(SET, { input: line({ revision: 1, applies: true, state: 'GETOETST' }) });
    expect(second.data?.setVvtStatement).toMatchObject({ data: { revision: 2 } });
    expect((await gql.viewer<Set>(SET, { input: line({ revision: 2 }) })).data?.setVvtStatement.__typename).toBe(
      'ForbiddenError',
    );
    const other = await gql.coevorden<Set>(SET, { input: line({ revision: 2 }) });
    expect(other.data?.setVvtStatement.__typename).toBe('ForbiddenError');
    const moved = await gql.editor<Set>(SET, { input: line({ measure: '5.04.02' }) });
    expect(moved.data?.setVvtStatement.__typename).toBe('NotFoundError');
  });

  it('asks for the risk analysis when a measure does not apply, in Dutch', async () => {
    const res = await gql.editor(SET, { input: line({ measure: '5.06.01', applies: false }) });
    expect(JSON.stringify(res.data)).toContain('Noem bij \\"niet van toepassing\\" de risicoanalyse');
    const ok = await gql.editor<Set>(SET, {
      input: line({ measure: '5.06.01', applies: false, reason: 'Risicoanalyse RA-2026-03' }),
    });
    expect(ok.data?.setVvtStatement.__typename).toBe('SetVvtStatementSuccess');
  });

  it('records every change in the audit trail', async () => {
    const events = await t.db.prisma.auditEvent.findMany({ where: { entityType: 'VvtStatement' } });
    expect(events).toHaveLength(3);
    // The first line's creation among them (the events are read in no particular order).
    expect(events.map((e) => JSON.parse(e.changes ?? '{}'))).toContainEqual(
      expect.objectContaining({ owner: { before: null, after: 'CISO' } }),
    );
    // Revisioned like every other row: each event records the revision it wrote.
    expect(events.map((e) => e.revision).sort()).toEqual([1, 1, 2]);
  });

  it('names the measure in every sentence of the history, also of a change that does not touch its number', async () => {
    const TRAIL = `{ auditEvents(organisation: "emmen", first: 50) { edges { node { entityType description } } } }`;
    type Trail = { auditEvents: { edges: { node: { entityType: string; description: string } }[] } };
    const sentences = (await gql.viewer<Trail>(TRAIL)).data?.auditEvents.edges
      .filter((e) => e.node.entityType === 'VvtStatement')
      .map((e) => e.node.description);
    expect(sentences).toHaveLength(3);
    // The second write of 5.01.01 changed only its state: its sentence still names the measure.
    expect(sentences?.filter((d) => d.includes('maatregel 5.01.01 bijgewerkt'))).toHaveLength(2);
    expect(sentences?.some((d) => d.includes('maatregel 5.01.01 bijgewerkt') && d.includes('stand van'))).toBe(true);
    expect(sentences?.some((d) => d.includes('maatregel 5.06.01 bijgewerkt'))).toBe(true);
    expect(sentences?.join()).not.toContain('onbekend');
  });
});

describe('sharing', () => {
  const share = (mode: string, partners: string[] = []) =>
    gql.editor(
      `mutation($m: VvtShareMode!, $p: [String!]) { setVvtShare(organisation: "emmen", mode: $m, partners: $p) { __typename ... on ValidationError { message } } }`,
      { m: mode, p: partners },
    );
  type Read = { organisation: { vvtReadable: boolean; vvtStatements: unknown[]; vvtProgress: unknown[] | null } };
  const reads = async (who: keyof typeof gql) => (await gql[who]<Read>(READ, { s: 'emmen' })).data?.organisation;

  it('is private to the own organisation at first, instance administrators included', async () => {
    expect(await reads('viewer')).toMatchObject({ vvtReadable: true });
    expect((await reads('viewer'))?.vvtStatements).toHaveLength(2);
    for (const who of ['coevorden', 'borger', 'instanceAdmin'] as const)
      expect(await reads(who)).toEqual({ vvtReadable: false, vvtStatements: [], vvtProgress: null });
  });

  it('shares with named partners only, then with every member, then with nobody again', async () => {
    expect(JSON.stringify((await share('NAMED', [])).data)).toContain('Noem ten minste één partner');
    expect((await share('NAMED', ['coevorden'])).data).toMatchObject({
      setVvtShare: { __typename: 'SetVvtShareSuccess' },
    });
    expect((await reads('coevorden'))?.vvtStatements).toHaveLength(2);
    expect((await reads('borger'))?.vvtReadable).toBe(false);
    await share('ALL_MEMBERS');
    expect((await reads('borger'))?.vvtStatements).toHaveLength(2);
    expect((await reads('anonymous'))?.vvtStatements ?? []).toEqual([]);
    await share('PRIVATE');
    expect((await reads('coevorden'))?.vvtReadable).toBe(false);
    expect(await t.db.prisma.auditEvent.count({ where: { entityType: 'VvtShare' } })).toBe(3);
  });

  it('keeps the trail of the statement and its sharing with the organisation, even while it shares the statement', async () => {
    await share('ALL_MEMBERS');
    const TRAIL = `{ auditEvents(organisation: "emmen", first: 200) { edges { node { entityType description } } } }`;
    type Trail = { auditEvents: { edges: { node: { entityType: string; description: string } }[] } };
    const kinds = async (who: keyof typeof gql) =>
      new Set((await gql[who]<Trail>(TRAIL)).data?.auditEvents.edges.map((e) => e.node.entityType));
    for (const kind of ['VvtStatement', 'VvtShare']) expect((await kinds('viewer')).has(kind), kind).toBe(true);
    // A partner the statement is shared with reads the statement, not who it is shared with nor its history.
    expect((await reads('coevorden'))?.vvtStatements).toHaveLength(2);
    for (const who of ['coevorden', 'borger'] as const) {
      const seen = await kinds(who);
      expect([seen.has('VvtStatement'), seen.has('VvtShare')], who).toEqual([false, false]);
    }
    await share('PRIVATE');
  });
});
