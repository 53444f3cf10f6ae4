// The CISO attestation: an organisation's admin names its officers, only its security officer confirms the landscape
// (audited, at the data version of that moment), changes to the landscape after it are counted, and other partners
// see nothing of it.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataVersion } from '#prisma/data-version.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
type Client = ReturnType<typeof graphqlClient>;
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  const user = async (email: string, organisation: string, role: 'VIEWER' | 'EDITOR' | 'ADMIN') =>
    graphqlClient(t.db, (await createUser(t.db, email, [{ organisation, role }])).token);
  c.admin = await user('admin@emmen.test', 'emmen', 'ADMIN');
  c.ciso = await user('ciso@emmen.test', 'emmen', 'VIEWER');
  c.editor = await user('editor@emmen.test', 'emmen', 'EDITOR');
  c.partner = await user('admin@coevorden.test', 'coevorden', 'ADMIN');
  c.instanceAdmin = graphqlClient(
    t.db,
    (await createUser(t.db, 'beheer@grondplan.test', [], { instanceAdmin: true })).token,
  );
});
afterAll(() => t?.drop());

const setOfficer = (client: Client, email: string, officer: string | null, organisation = 'emmen') =>
  client<{ setOfficer: { __typename: string; message?: string; data?: { role: string; name: string } | null } }>(
    'mutation($o: String!, $e: String!, $r: OfficerRole) { setOfficer(organisation: $o, email: $e, officer: $r) { __typename ... on Error { message } ... on SetOfficerSuccess { data { role name } } } }',
    { o: organisation, e: email, r: officer },
  );
const attest = (client: Client, note?: string, organisation = 'emmen') =>
  client<{
    attestLandscape: {
      __typename: string;
      message?: string;
      data?: { dataVersion: number; note: string | null; confirmedBy: string };
    };
  }>(
    'mutation($o: String!, $n: String) { attestLandscape(organisation: $o, note: $n) { __typename ... on Error { message } ... on AttestLandscapeSuccess { data { dataVersion note confirmedBy } } } }',
    { o: organisation, n: note },
  );
type State = {
  organisation: {
    officers: { role: string; email: string }[];
    attestation: {
      changesSince: number | null;
      overdue: boolean;
      dueOn: string | null;
      last: { note: string | null; dataVersion: number } | null;
    } | null;
  };
};
const state = (client: Client) =>
  client<State>(
    '{ organisation(slug: "emmen") { officers { role email } attestation { changesSince overdue dueOn last { note dataVersion } } } }',
  );
const events = (entityType: string) =>
  t.db.prisma.auditEvent.findMany({ where: { entityType }, orderBy: { createdAt: 'asc' } });

describe('naming the officers', () => {
  it('is for the organisation’s admin, audited; nobody else names them', async () => {
    for (const client of [c.editor, c.ciso, c.partner]) {
      const refused = await setOfficer(client as Client, 'ciso@emmen.test', 'SECURITY_OFFICER');
      expect(refused.data?.setOfficer.__typename).toBe('ForbiddenError');
    }
    expect(await events('Membership')).toEqual([]);
    const named = await setOfficer(c.admin as Client, 'ciso@emmen.test', 'SECURITY_OFFICER');
    expect(named.data?.setOfficer).toEqual({
      __typename: 'SetOfficerSuccess',
      data: { role: 'SECURITY_OFFICER', name: 'ciso' },
    });
    const audit = await events('Membership');
    expect(audit.map((e) => [e.action, JSON.parse(e.changes)])).toEqual([
      ['UPDATE', { officer: { before: null, after: 'SECURITY_OFFICER' } }],
    ]);
    // An instance administrator may too; a member of another organisation is not found there.
    expect(
      (await setOfficer(c.instanceAdmin as Client, 'editor@emmen.test', 'PRIVACY_OFFICER')).data?.setOfficer.__typename,
    ).toBe('SetOfficerSuccess');
    expect(
      (await setOfficer(c.admin as Client, 'admin@coevorden.test', 'PRIVACY_OFFICER')).data?.setOfficer.__typename,
    ).toBe('NotFoundError');
  });

  it('shows them to the members, and not to another partner who does not know them', async () => {
    expect((await state(c.editor as Client)).data?.organisation.officers).toEqual([
      { role: 'SECURITY_OFFICER', email: 'ciso@emmen.test' },
      { role: 'PRIVACY_OFFICER', email: 'editor@emmen.test' },
    ]);
    expect((await state(c.partner as Client)).data?.organisation.officers).toEqual([]);
  });

  it('says in the history whose function changed, to the members and instance administrators only', async () => {
    type Trail = { auditEvents: { totalCount: number; edges: { node: { description: string } }[] } };
    const trail = async (client: Client) =>
      (
        await client<Trail>(
          '{ auditEvents(first: 50, organisation: "emmen") { totalCount edges { node { description } } } }',
        )
      ).data?.auditEvents;
    const sentences = [
      'Editor@emmen.test is nu privacy officer (FG) van Gemeente Emmen.',
      'Ciso@emmen.test is nu informatiebeveiliger (CISO) van Gemeente Emmen.',
    ];
    for (const client of [c.admin, c.ciso, c.instanceAdmin])
      expect((await trail(client as Client))?.edges.map((e) => e.node.description)).toEqual(
        expect.arrayContaining(sentences),
      );
    // Another partner sees neither who nor that a function changed: the change holds nothing but private fields.
    const theirs = await trail(c.partner as Client);
    expect(theirs?.edges.filter((e) => /officer|informatiebeveiliger|lid/i.test(e.node.description))).toEqual([]);
    expect(theirs?.totalCount).toBe(theirs?.edges.length);
  });
});

describe('confirming the landscape', () => {
  it('is refused to everyone but the security officer, with nothing recorded', async () => {
    for (const client of [c.admin, c.editor, c.partner, c.instanceAdmin]) {
      const answer = await attest(client as Client);
      expect(answer.data?.attestLandscape.__typename).toBe('ForbiddenError');
      expect(answer.data?.attestLandscape.message).toMatch(
        /^Alleen de informatiebeveiliger \(CISO\) van Gemeente Emmen/,
      );
    }
    expect(await t.db.prisma.attestation.count()).toBe(0);
    expect(await events('Attestation')).toEqual([]);
    expect((await state(c.editor as Client)).data?.organisation.attestation).toEqual({
      changesSince: null,
      overdue: true,
      dueOn: null,
      last: null,
    });
  });

  it('refuses a note over 1000 characters', async () => {
    const answer = await attest(c.ciso as Client, 'x'.repeat(1001));
    expect(answer.data?.attestLandscape.__typename).toBe('ValidationError');
    expect(await t.db.prisma.attestation.count()).toBe(0);
  });

  it('records who, when and the data version, audited; then counts the landscape’s changes after it', async () => {
    const version = await readDataVersion(t.db);
    const answer = await attest(c.ciso as Client, '  Alles nagelopen met de applicatiebeheerders.  ');
    expect(answer.data?.attestLandscape).toEqual({
      __typename: 'AttestLandscapeSuccess',
      data: {
        dataVersion: version,
        note: 'Alles nagelopen met de applicatiebeheerders.',
        confirmedBy: 'ciso (ciso@emmen.test)',
      },
    });
    const [event] = await events('Attestation');
    expect(event?.action).toBe('CONFIRM');
    expect(JSON.parse(event?.changes ?? '{}')).toEqual({
      dataVersion: { before: null, after: version },
      note: { before: null, after: 'Alles nagelopen met de applicatiebeheerders.' },
    });
    expect(await readDataVersion(t.db)).toBe(version + 1);
    const after = (await state(c.editor as Client)).data?.organisation.attestation;
    expect(after?.changesSince).toBe(0);
    expect(after?.overdue).toBe(false);

    // Two changes to a usage and a membership change: two changes to the landscape.
    const usage = await t.db.prisma.usage.findFirstOrThrow({
      where: { organisation: { slug: 'emmen' } },
      orderBy: { key: 'asc' },
    });
    let revision = usage.revision;
    for (const note of ['eerste', 'tweede']) {
      const changed = await (c.editor as Client)<{ updateUsage: { __typename: string; data?: { revision: number } } }>(
        'mutation($input: UpdateUsageInput!) { updateUsage(input: $input) { __typename ... on UpdateUsageSuccess { data { revision } } } }',
        { input: { id: encodeGlobalID('Usage', usage.id), revision, contact: note } },
      );
      expect(changed.data?.updateUsage.__typename).toBe('UpdateUsageSuccess');
      revision = changed.data?.updateUsage.data?.revision ?? revision;
    }
    await setOfficer(c.admin as Client, 'editor@emmen.test', null);
    expect((await state(c.ciso as Client)).data?.organisation.attestation?.changesSince).toBe(2);
  });

  it('shows nothing of it to another partner; instance administrators read it', async () => {
    const partner = await state(c.partner as Client);
    expect(partner.errors).toBeUndefined();
    expect(partner.data?.organisation.attestation).toBeNull();
    const trail = await (c.partner as Client)<{ auditEvents: { edges: { node: { entityType: string } }[] } }>(
      '{ auditEvents(first: 200, organisation: "emmen") { edges { node { entityType } } } }',
    );
    const types = trail.data?.auditEvents.edges.map((e) => e.node.entityType) ?? [];
    expect(types).toContain('Usage');
    expect(types).not.toContain('Attestation');
    const [event] = await events('Attestation');
    const node = await (c.partner as Client)(`{ node(id: "${encodeGlobalID('AuditEvent', event?.id ?? '')}") { id } }`);
    expect(node.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await state(c.instanceAdmin as Client)).data?.organisation.attestation?.last?.note).toBe(
      'Alles nagelopen met de applicatiebeheerders.',
    );
  });
  it('counts a change of nothing but private fields for the members, not for an instance administrator', async () => {
    const usage = await t.db.prisma.usage.findFirstOrThrow({
      where: { organisation: { slug: 'emmen' } },
      orderBy: { key: 'desc' },
    });
    const before = {
      member: (await state(c.ciso as Client)).data?.organisation.attestation?.changesSince ?? -1,
      admin: (await state(c.instanceAdmin as Client)).data?.organisation.attestation?.changesSince ?? -1,
    };
    expect(before.admin).toBe(before.member);
    const changed = await (c.editor as Client)<{ updateUsage: { __typename: string } }>(
      'mutation($input: UpdateUsageInput!) { updateUsage(input: $input) { __typename } }',
      { input: { id: encodeGlobalID('Usage', usage.id), revision: usage.revision, yearlyCost: 4321 } },
    );
    expect(changed.data?.updateUsage.__typename).toBe('UpdateUsageSuccess');
    expect((await state(c.ciso as Client)).data?.organisation.attestation?.changesSince).toBe(before.member + 1);
    // The trail hides that change from the instance administrator, so its count does not show it either.
    expect((await state(c.instanceAdmin as Client)).data?.organisation.attestation?.changesSince).toBe(before.admin);
  });
});
