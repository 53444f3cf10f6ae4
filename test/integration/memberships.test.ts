// Organisation admins manage their own organisation's users; instance administrators manage organisations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
type Client = ReturnType<typeof graphqlClient>;
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  // Admins invite addresses in their organisation's own mail domains only; the tests' addresses end in .test.
  for (const slug of ['emmen', 'coevorden'])
    await t.db.prisma.organisation.update({ where: { slug }, data: { emailDomains: `${slug}.test` } });
  c.anonymous = graphqlClient(t.db);
  c.viewer = graphqlClient(
    t.db,
    (await createUser(t.db, 'viewer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
  );
  c.editor = graphqlClient(
    t.db,
    (await createUser(t.db, 'editor@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }])).token,
  );
  c.admin = graphqlClient(
    t.db,
    (await createUser(t.db, 'admin@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }])).token,
  );
  c.instanceAdmin = graphqlClient(
    t.db,
    (await createUser(t.db, 'beheer@grondplan.test', [], { instanceAdmin: true })).token,
  );
});
afterAll(() => t?.drop());

const inviteMember = (client: Client, organisation: string, email: string, role = 'EDITOR') =>
  client<{ inviteMember: { __typename: string; data?: { invitationPath: string | null } } }>(
    `mutation($o: String!, $e: String!, $r: Role!) { inviteMember(organisation: $o, email: $e, role: $r) { __typename ... on InviteMemberSuccess { data { invitationPath } } } }`,
    { o: organisation, e: email, r: role },
  );

describe('organisation users', () => {
  for (const [role, allowed] of [
    ['anonymous', false],
    ['viewer', false],
    ['editor', false],
    ['admin', true],
    ['instanceAdmin', true],
  ] as const) {
    it(`inviteMember on the own organisation by ${role} is ${allowed ? 'allowed' : 'refused'}; on another organisation only for instance administrators`, async () => {
      const before = await t.db.prisma.auditEvent.count();
      const own = await inviteMember(c[role] as Client, 'emmen', `nieuw-${role}@emmen.test`);
      expect(own.data?.inviteMember.__typename).toBe(allowed ? 'InviteMemberSuccess' : 'ForbiddenError');
      if (allowed) expect(own.data?.inviteMember.data?.invitationPath).toMatch(/^\/uitnodiging\?sleutel=gpi_/);
      const other = await inviteMember(c[role] as Client, 'coevorden', `nieuw-${role}@coevorden.test`);
      expect(other.data?.inviteMember.__typename).toBe(
        role === 'instanceAdmin' ? 'InviteMemberSuccess' : 'ForbiddenError',
      );
      expect(await t.db.prisma.auditEvent.count()).toBe(
        before + (allowed ? 1 : 0) + (role === 'instanceAdmin' ? 1 : 0),
      );
    });
  }

  it('shows the user list to the organisation admin only and removes members', async () => {
    const list = `{ organisation(slug: "emmen") { users { email role } } }`;
    const seen = await (c.admin as Client)<{ organisation: { users: { email: string; role: string }[] } }>(list);
    expect(seen.data?.organisation.users.map((u) => u.email)).toContain('editor@emmen.test');
    expect((await (c.editor as Client)(list)).errors?.[0]?.message).toBe('Je hebt geen toegang tot deze gegevens.');
    const removed = await (c.admin as Client)<{ removeMembership: { __typename: string } }>(
      `mutation { removeMembership(organisation: "emmen", email: "viewer@emmen.test") { __typename } }`,
    );
    expect(removed.data?.removeMembership.__typename).toBe('RemoveMembershipSuccess');
  });

  it('lets only instance administrators add organisations', async () => {
    const create = (client: Client) =>
      client<{ createOrganisation: { __typename: string } }>(
        `mutation { createOrganisation(input: { slug: "westerveld", name: "Gemeente Westerveld", type: MUNICIPALITY, cbsCode: "GM1701" }) { __typename } }`,
      );
    expect((await create(c.admin as Client)).data?.createOrganisation.__typename).toBe('ForbiddenError');
    expect((await create(c.instanceAdmin as Client)).data?.createOrganisation.__typename).toBe(
      'CreateOrganisationSuccess',
    );
    expect((await create(c.instanceAdmin as Client)).data?.createOrganisation.__typename).toBe('ValidationError');
  });
});
