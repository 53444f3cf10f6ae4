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
  c.anonymous = graphqlClient(t.db);
  c.viewer = graphqlClient(t.db, (await createUser(t.db, 'viewer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token);
  c.editor = graphqlClient(t.db, (await createUser(t.db, 'editor@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }])).token);
  c.admin = graphqlClient(t.db, (await createUser(t.db, 'admin@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }])).token);
  c.instanceAdmin = graphqlClient(t.db, (await createUser(t.db, 'beheer@grondplan.test', [], { instanceAdmin: true })).token);
});
afterAll(() => t?.drop());

const setMembership = (client: Client, organisation: string, email: string, role = 'EDITOR') =>
  client<{ setMembership: { __typename: string; data?: { oneTimePassword: string | null } } }>(
    `mutation($o: String!, $e: String!, $r: Role!) { setMembership(organisation: $o, email: $e, role: $r) { __typename ... on SetMembershipSuccess { data { oneTimePassword } } } }`,
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
    it(`setMembership on the own organisation by ${role} is ${allowed ? 'allowed' : 'refused'}; on another organisation only for instance administrators`, async () => {
      const before = await t.db.prisma.auditEvent.count();
      const own = await setMembership(c[role] as Client, 'emmen', `nieuw-${role}@emmen.test`);
      expect(own.data?.setMembership.__typename).toBe(allowed ? 'SetMembershipSuccess' : 'ForbiddenError');
      if (allowed) expect(own.data?.setMembership.data?.oneTimePassword?.length).toBeGreaterThanOrEqual(20);
      const other = await setMembership(c[role] as Client, 'coevorden', `nieuw-${role}@coevorden.test`);
      expect(other.data?.setMembership.__typename).toBe(role === 'instanceAdmin' ? 'SetMembershipSuccess' : 'ForbiddenError');
      expect(await t.db.prisma.auditEvent.count()).toBe(before + (allowed ? 1 : 0) + (role === 'instanceAdmin' ? 1 : 0));
    });
  }

  it('shows the user list to the organisation admin only and removes members', async () => {
    const list = `{ organisation(slug: "emmen") { users { email role } } }`;
    const seen = await (c.admin as Client)<{ organisation: { users: { email: string; role: string }[] } }>(list);
    expect(seen.data?.organisation.users.map((u) => u.email)).toContain('editor@emmen.test');
    expect((await (c.editor as Client)(list)).errors?.[0]?.message).toBe('Je hebt geen toegang tot deze gegevens.');
    const removed = await (c.admin as Client)<{ removeMembership: { __typename: string } }>(
      `mutation { removeMembership(organisation: "emmen", email: "nieuw-admin@emmen.test") { __typename } }`,
    );
    expect(removed.data?.removeMembership.__typename).toBe('RemoveMembershipSuccess');
  });

  it('lets only instance administrators add organisations', async () => {
    const create = (client: Client) =>
      client<{ createOrganisation: { __typename: string } }>(
        `mutation { createOrganisation(input: { slug: "westerveld", name: "Gemeente Westerveld", type: MUNICIPALITY, cbsCode: "GM1701" }) { __typename } }`,
      );
    expect((await create(c.admin as Client)).data?.createOrganisation.__typename).toBe('ForbiddenError');
    expect((await create(c.instanceAdmin as Client)).data?.createOrganisation.__typename).toBe('CreateOrganisationSuccess');
    expect((await create(c.instanceAdmin as Client)).data?.createOrganisation.__typename).toBe('ValidationError');
  });
});
