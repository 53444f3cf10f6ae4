// The viewer's own sessions: opened with their browser, address and sign-in method, listed by an id of their own,
// kept current without a write per request, and ended one by one or all but the current one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256, USER_AGENT_MAX } from '#core/auth.ts';
import { authenticate, SESSION_SEEN_MINUTES } from '#core/credentials.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
const PASSWORD = 'een lang en geheim wachtwoord';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

beforeAll(async () => {
  t = await createTestDatabase();
  for (const email of ['anna@emmen.test', 'bram@emmen.test', 'cees@emmen.test'])
    await createUser(t.db, email, [{ organisation: 'emmen', role: 'EDITOR' }], { password: PASSWORD });
});
afterAll(() => t?.drop());

interface Visit {
  cookie?: string;
  bearer?: string;
  userAgent?: string;
  address?: string;
}

/** One API request as a browser sends it: its cookie, User-Agent and (as the server works it out) client address. */
async function api<T>(query: string, variables: Record<string, unknown> = {}, visit: Visit = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (visit.cookie) headers.cookie = `gp_session=${visit.cookie}`;
  if (visit.bearer) headers.authorization = `Bearer ${visit.bearer}`;
  if (visit.userAgent !== undefined) headers['user-agent'] = visit.userAgent;
  const response = await createGraphQLServer(t.db).fetch(
    'http://grondplan.test/graphql',
    { method: 'POST', headers, body: JSON.stringify({ query, variables }) },
    { clientAddress: visit.address ?? '192.0.2.10' },
  );
  const text = await response.text();
  return { text, ...(JSON.parse(text) as { data: T; errors?: unknown[] }) };
}

async function signIn(email: string, visit: Visit = {}): Promise<string> {
  const res = await api<{ signIn: { data?: { token: string } } }>(
    'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { ... on SignInSuccess { data { token } } } }',
    { e: email, p: PASSWORD },
    visit,
  );
  const token = res.data.signIn.data?.token;
  if (!token) throw new Error(`Sign-in failed: ${res.text}`);
  return token;
}

interface Listed {
  id: string;
  device: string;
  userAgent: string;
  address: string | null;
  method: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
}
const SESSIONS = '{ viewer { sessions { id device userAgent address method current createdAt lastSeenAt } } }';
const sessionsOf = async (visit: Visit) =>
  (await api<{ viewer: { sessions: Listed[] } | null }>(SESSIONS, {}, visit)).data.viewer?.sessions ?? [];

const END = `mutation($id: ID!) { endSession(id: $id) { __typename ... on Error { message } } }`;
const END_OTHERS = `mutation { endOtherSessions { __typename ... on Error { message } ... on EndOtherSessionsSuccess { data } } }`;
const signedInAs = async (cookie: string) => (await authenticate(t.db, { sessionToken: cookie }))?.email ?? null;

describe('sessions', () => {
  it('keep the browser, the address and the method they were opened with, and list them in Dutch', async () => {
    const cookie = await signIn('anna@emmen.test', { userAgent: FIREFOX, address: '198.51.100.7' });
    const [listed, ...rest] = await sessionsOf({ cookie, userAgent: FIREFOX, address: '198.51.100.7' });
    expect(rest).toEqual([]);
    expect(listed).toMatchObject({
      device: 'Firefox op Linux',
      userAgent: FIREFOX,
      address: '198.51.100.7',
      method: 'PASSWORD',
      current: true,
    });
    // The listed id is its own: neither the cookie nor the hash the database keys the session by.
    expect(listed?.id).not.toBe(sha256(cookie));
    expect(listed?.id).not.toContain(cookie);
  });

  it('cap the kept User-Agent', async () => {
    const cookie = await signIn('cees@emmen.test', { userAgent: `${CHROME} ${'x'.repeat(2000)}` });
    const row = await t.db.prisma.session.findUniqueOrThrow({
      where: { id: sha256(cookie) },
      select: { userAgent: true },
    });
    expect(row.userAgent).toHaveLength(USER_AGENT_MAX);
    expect(row.userAgent.startsWith(CHROME)).toBe(true);
  });

  it('list only the viewer’s own sessions, and never their ids’ hashes or cookies', async () => {
    const anna = await signIn('anna@emmen.test', { userAgent: CHROME, address: '203.0.113.1' });
    const bram = await signIn('bram@emmen.test', { userAgent: 'Bram-zijn-browser/1.0', address: '203.0.113.99' });
    const listing = await api<{ viewer: { sessions: Listed[] } }>(SESSIONS, {}, { cookie: anna });
    const own = await t.db.prisma.session.findMany({
      where: { user: { email: 'anna@emmen.test' } },
      select: { id: true, publicId: true },
    });
    expect(listing.data.viewer.sessions.map((s) => s.id).sort()).toEqual(own.map((s) => s.publicId).sort());
    expect(listing.text).not.toContain('Bram-zijn-browser');
    expect(listing.text).not.toContain('203.0.113.99');
    for (const session of await t.db.prisma.session.findMany({ select: { id: true } }))
      expect(listing.text).not.toContain(session.id);
    expect(listing.text).not.toContain(anna);
    expect(listing.text).not.toContain(bram);
    expect(listing.data.viewer.sessions.filter((s) => s.current)).toHaveLength(1);
  });

  it('end one of the own sessions, audited by its device; another user’s session is not found and goes on', async () => {
    const current = await signIn('anna@emmen.test', { userAgent: FIREFOX });
    const other = await signIn('anna@emmen.test', { userAgent: CHROME });
    const bram = await signIn('bram@emmen.test', { userAgent: CHROME });
    const bramsId = (await sessionsOf({ cookie: bram })).find((s) => s.current)?.id;
    const refused = await api<{ endSession: { __typename: string; message: string } }>(
      END,
      { id: bramsId },
      { cookie: current },
    );
    expect(refused.data.endSession.__typename).toBe('NotFoundError');
    expect(await signedInAs(bram)).toBe('bram@emmen.test');
    // Nor by the session's hash: only the listed id names a session.
    const byHash = await api<{ endSession: { __typename: string } }>(END, { id: sha256(other) }, { cookie: current });
    expect(byHash.data.endSession.__typename).toBe('NotFoundError');

    const otherId = (await sessionsOf({ cookie: other })).find((s) => s.current)?.id;
    const ended = await api<{ endSession: { __typename: string } }>(END, { id: otherId }, { cookie: current });
    expect(ended.data.endSession.__typename).toBe('EndSessionSuccess');
    expect(await signedInAs(other)).toBeNull();
    expect(await signedInAs(current)).toBe('anna@emmen.test');
    const [event] = await t.db.prisma.auditEvent.findMany({
      where: { entityType: 'Session', action: 'SESSION_END' },
      orderBy: { createdAt: 'desc' },
      take: 1,
    });
    expect(JSON.parse(event?.changes ?? '{}')).toMatchObject({
      device: { after: 'Chrome op Windows' },
      email: { after: 'anna@emmen.test' },
    });
    expect(event?.changes).not.toContain(sha256(other));
    expect(event?.changes).not.toContain(otherId);
    // Ended is ended: a second time it is not found.
    expect(
      (await api<{ endSession: { __typename: string } }>(END, { id: otherId }, { cookie: current })).data.endSession
        .__typename,
    ).toBe('NotFoundError');
  });

  it('do not end the current session through endSession (signing out does that)', async () => {
    const cookie = await signIn('anna@emmen.test');
    const id = (await sessionsOf({ cookie })).find((s) => s.current)?.id;
    const res = await api<{ endSession: { __typename: string; message: string } }>(END, { id }, { cookie });
    expect(res.data.endSession).toMatchObject({
      __typename: 'ValidationError',
      message: expect.stringContaining('Log uit'),
    });
    expect(await signedInAs(cookie)).toBe('anna@emmen.test');
  });

  it('end all other sessions of the viewer at once, and none of another user', async () => {
    const keep = await signIn('anna@emmen.test');
    const others = [await signIn('anna@emmen.test'), await signIn('anna@emmen.test')];
    const bram = await signIn('bram@emmen.test');
    const before = await t.db.prisma.session.count({ where: { user: { email: 'anna@emmen.test' } } });
    const res = await api<{ endOtherSessions: { __typename: string; data: number } }>(END_OTHERS, {}, { cookie: keep });
    expect(res.data.endOtherSessions).toEqual({ __typename: 'EndOtherSessionsSuccess', data: before - 1 });
    for (const cookie of others) expect(await signedInAs(cookie)).toBeNull();
    expect(await signedInAs(keep)).toBe('anna@emmen.test');
    expect(await signedInAs(bram)).toBe('bram@emmen.test');
    expect((await sessionsOf({ cookie: keep })).map((s) => s.current)).toEqual([true]);
  });

  it('cannot be used by their listed id: not as a cookie, not as a token', async () => {
    const cookie = await signIn('anna@emmen.test');
    const id = (await sessionsOf({ cookie })).find((s) => s.current)?.id ?? '';
    expect(id).not.toBe('');
    expect(await authenticate(t.db, { sessionToken: id })).toBeNull();
    expect(await authenticate(t.db, { bearerToken: id })).toBeNull();
    expect((await api<{ viewer: unknown }>('{ viewer { email } }', {}, { cookie: id })).data.viewer).toBeNull();
  });

  it('refuse anonymous callers', async () => {
    const res = await api<{ endOtherSessions: { __typename: string } }>(END_OTHERS);
    expect(res.data.endOtherSessions.__typename).toBe('ForbiddenError');
    const one = await api<{ endSession: { __typename: string } }>(END, { id: 'x' });
    expect(one.data.endSession.__typename).toBe('ForbiddenError');
  });
});

describe('last use of a session', () => {
  const writes = (log: string[]) => log.filter((sql) => /^UPDATE\s+[`"\w.]*Session/i.test(sql.trimStart())).length;
  const measure = async (visit: Visit) =>
    writes((await countQueries(t.db, () => api('{ viewer { email } }', {}, visit))).log);
  const backdate = (cookie: string, minutes: number) =>
    t.db.prisma.session.update({
      where: { id: sha256(cookie) },
      data: { lastSeenAt: new Date(Date.now() - minutes * 60_000) },
    });
  const row = (cookie: string) =>
    t.db.prisma.session.findUniqueOrThrow({
      where: { id: sha256(cookie) },
      select: { lastSeenAt: true, address: true },
    });

  it(`is written at most once per ${SESSION_SEEN_MINUTES} minutes from one address`, async () => {
    const cookie = await signIn('cees@emmen.test', { address: '192.0.2.10' });
    // Just opened: its requests write nothing.
    expect(await measure({ cookie, address: '192.0.2.10' })).toBe(0);
    expect(await measure({ cookie, address: '192.0.2.10' })).toBe(0);
    await backdate(cookie, SESSION_SEEN_MINUTES - 1);
    expect(await measure({ cookie, address: '192.0.2.10' })).toBe(0);
    await backdate(cookie, SESSION_SEEN_MINUTES + 1);
    expect(await measure({ cookie, address: '192.0.2.10' })).toBe(1);
    expect(Date.now() - (await row(cookie)).lastSeenAt.getTime()).toBeLessThan(60_000);
    // And then not again on the next requests.
    expect(await measure({ cookie, address: '192.0.2.10' })).toBe(0);
  });

  it('keeps the latest address, written at most once a minute while it changes', async () => {
    const cookie = await signIn('cees@emmen.test', { address: '192.0.2.10' });
    // A new address within the first minute: not yet written.
    expect(await measure({ cookie, address: '192.0.2.20' })).toBe(0);
    expect((await row(cookie)).address).toBe('192.0.2.10');
    await backdate(cookie, 2);
    expect(await measure({ cookie, address: '192.0.2.20' })).toBe(1);
    expect((await row(cookie)).address).toBe('192.0.2.20');
    // Changing on every request (another address each time) writes no more than once a minute.
    expect(await measure({ cookie, address: '192.0.2.30' })).toBe(0);
    expect(await measure({ cookie, address: '192.0.2.40' })).toBe(0);
    // Shown to its owner as the latest.
    await backdate(cookie, 2);
    const listed = (await sessionsOf({ cookie, address: '192.0.2.50' })).find((s) => s.current);
    expect(listed?.address).toBe('192.0.2.50');
  });

  it('is one statement for the whole list, however many sessions the viewer has', async () => {
    const cookie = await signIn('bram@emmen.test');
    const statements = async () => (await countQueries(t.db, () => api(SESSIONS, {}, { cookie }))).count;
    const few = await statements();
    for (let i = 0; i < 5; i += 1) await signIn('bram@emmen.test');
    expect(await statements()).toBe(few);
  });
});

describe('an invitation accepted', () => {
  it('opens a session that keeps its browser and the method INVITATION', async () => {
    const admin = await createUser(t.db, 'beheer@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }]);
    await t.db.prisma.organisation.update({ where: { slug: 'emmen' }, data: { emailDomains: 'emmen.test' } });
    const invited = await api<{ inviteMember: { data?: { invitationPath: string } } }>(
      'mutation { inviteMember(organisation: "emmen", email: "nieuw@emmen.test", role: VIEWER) { ... on InviteMemberSuccess { data { invitationPath } } } }',
      {},
      { bearer: admin.token },
    );
    const key = new URL(invited.data.inviteMember.data?.invitationPath ?? '', 'http://grondplan.test').searchParams.get(
      'sleutel',
    );
    const accepted = await api<{ acceptInvitation: { data?: { token: string } } }>(
      `mutation($t: String!) { acceptInvitation(token: $t, name: "Nieuw", password: "${PASSWORD} voor de uitnodiging") { ... on AcceptInvitationSuccess { data { token } } } }`,
      { t: key },
      { userAgent: FIREFOX, address: '198.51.100.8' },
    );
    const cookie = accepted.data.acceptInvitation.data?.token ?? '';
    expect(
      (await sessionsOf({ cookie, address: '198.51.100.8' })).map(({ device, method, address }) => ({
        device,
        method,
        address,
      })),
    ).toEqual([{ device: 'Firefox op Linux', method: 'INVITATION', address: '198.51.100.8' }]);
  });
});

describe('an account’s access, for instance administrators', () => {
  const ACCESS = 'query($e: String!) { accountAccess(email: $e) { email disabled openSessions activeApiTokens } }';

  it('counts the open sessions and valid tokens that blocking would end, for instance administrators only', async () => {
    const admin = await createUser(t.db, 'beheer@grondplan.test', [], { instanceAdmin: true });
    const user = await createUser(t.db, 'telling@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: PASSWORD,
    });
    await signIn('telling@emmen.test');
    await signIn('telling@emmen.test');
    // Expired and revoked ones do not count.
    await t.db.prisma.session.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
      limit: 1,
    });
    await t.db.prisma.apiToken.create({
      data: {
        userId: user.id,
        name: 'oud',
        tokenHash: 'x',
        expiresAt: new Date(Date.now() + 86_400_000),
        revokedAt: new Date(),
      },
    });
    const res = await api<{ accountAccess: unknown }>(ACCESS, { e: ' Telling@Emmen.test' }, { bearer: admin.token });
    expect(res.data.accountAccess).toEqual({
      email: 'telling@emmen.test',
      disabled: false,
      openSessions: 1,
      activeApiTokens: 1,
    });
    expect(
      (await api<{ accountAccess: unknown }>(ACCESS, { e: 'niemand@emmen.test' }, { bearer: admin.token })).data
        .accountAccess,
    ).toBeNull();
    // Not for an organisation admin, not for the user: a FORBIDDEN error and no counts.
    const orgAdmin = await createUser(t.db, 'orgbeheer@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }]);
    for (const bearer of [orgAdmin.token, user.token]) {
      const refused = await api<{ accountAccess: unknown }>(ACCESS, { e: 'telling@emmen.test' }, { bearer });
      expect(refused.data.accountAccess).toBeNull();
      expect(JSON.stringify(refused.errors)).toContain('FORBIDDEN');
    }
  });
});
