// Sign-in, sessions, API tokens, the first administrator and the operators' command line.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_FAILED, sha256, signIn } from '#core/auth.ts';
import { authenticate } from '#core/credentials.ts';
import { ensureFirstAdmin } from '#core/users.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { projectRoot } from '#prisma/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
const PASSWORD = 'een lang en geheim wachtwoord';

beforeAll(async () => {
  t = await createTestDatabase();
  await createUser(t.db, 'architect@borger-odoorn.test', [{ organisation: 'borger-odoorn', role: 'EDITOR' }], {
    password: PASSWORD,
  });
});
afterAll(() => t?.drop());

type SignIn = { signIn: { __typename: string; message?: string; data?: { token: string } } };
const signInQuery = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on ForbiddenError { message } ... on SignInSuccess { data { token } } } }`;

async function viewerWithCookie(token: string) {
  const { createGraphQLServer } = await import('#graphql/yoga.ts');
  const response = await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `gp_session=${token}` },
    body: JSON.stringify({ query: '{ viewer { email memberships { role organisation { slug } } } }' }),
  });
  return (
    (await response.json()) as {
      data: { viewer: { email: string; memberships: { role: string; organisation: { slug: string } }[] } | null };
    }
  ).data.viewer;
}

describe('sign-in and sessions', () => {
  it('signs in, identifies the viewer with memberships and roles, and signs out server-side', async () => {
    const gql = graphqlClient(t.db);
    const res = await gql<SignIn>(signInQuery, { e: 'Architect@Borger-Odoorn.test ', p: PASSWORD });
    const token = res.data?.signIn.data?.token ?? '';
    expect(res.data?.signIn.__typename).toBe('SignInSuccess');
    expect(await t.db.prisma.session.count({ where: { id: token } })).toBe(0);
    expect(await t.db.prisma.session.count({ where: { id: sha256(token) } })).toBe(1);
    expect(await viewerWithCookie(token)).toEqual({
      email: 'architect@borger-odoorn.test',
      memberships: [{ role: 'EDITOR', organisation: { slug: 'borger-odoorn' } }],
    });
    await gql(`mutation($t: String!) { signOut(token: $t) }`, { t: token });
    expect(await viewerWithCookie(token)).toBeNull();
  });

  it('identifies a user with several memberships or none, and refuses an expired session', async () => {
    const several = await createUser(t.db, 'beide@boce.test', [
      { organisation: 'emmen', role: 'ADMIN' },
      { organisation: 'coevorden', role: 'VIEWER' },
    ]);
    const none = await createUser(t.db, 'los@boce.test', []);
    const viewer = await authenticate(t.db, { bearerToken: several.token });
    const ids = Object.fromEntries(
      (await t.db.prisma.organisation.findMany({ where: { slug: { in: ['emmen', 'coevorden'] } } })).map((o) => [
        o.slug,
        o.id,
      ]),
    );
    expect(viewer?.memberships.toSorted((a, b) => a.role.localeCompare(b.role))).toEqual([
      { organisationId: ids.emmen, role: 'ADMIN' },
      { organisationId: ids.coevorden, role: 'VIEWER' },
    ]);
    expect(viewer).toMatchObject({ email: 'beide@boce.test', isInstanceAdmin: false, via: 'API' });
    expect(await authenticate(t.db, { bearerToken: none.token })).toMatchObject({
      email: 'los@boce.test',
      memberships: [],
      organisationIds: [],
    });

    const session = await signIn(t.db, 'architect@borger-odoorn.test', PASSWORD);
    expect((await authenticate(t.db, { sessionToken: session.token }))?.via).toBe('UI');
    await t.db.prisma.session.update({
      where: { id: sha256(session.token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await authenticate(t.db, { sessionToken: session.token })).toBeNull();
    expect(await authenticate(t.db, { bearerToken: 'gpt_onbekend' })).toBeNull();
  });

  it('reads session expiry as stored (UTC), whatever the time zone of the server', async () => {
    const session = await signIn(t.db, 'architect@borger-odoorn.test', PASSWORD);
    // A process of its own per zone: a test worker cannot change its own time zone.
    const valid = async (zone: string) => {
      const script = `import { authenticate } from ${JSON.stringify(path.join(projectRoot, 'core', 'credentials.ts'))};
        import { openDatabase } from ${JSON.stringify(path.join(projectRoot, 'prisma', 'client.ts'))};
        const db = await openDatabase();
        console.log(JSON.stringify(Boolean(await authenticate(db, { sessionToken: process.env.TOKEN }))));
        await db.close();`;
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          env: { ...process.env, TZ: zone, DATABASE_URL: t.url, TOKEN: session.token },
        },
      );
      return JSON.parse(stdout.trim()) as boolean;
    };
    const expiresIn = (minutes: number) =>
      t.db.prisma.session.update({
        where: { id: sha256(session.token) },
        data: { expiresAt: new Date(Date.now() + minutes * 60_000) },
      });
    await expiresIn(30);
    expect(await valid('Pacific/Kiritimati')).toBe(true);
    await expiresIn(-30);
    expect(await valid('America/Los_Angeles')).toBe(false);
  });

  it('gives one generic message for a wrong password and an unknown address', async () => {
    const gql = graphqlClient(t.db);
    const wrong = await gql<SignIn>(signInQuery, { e: 'architect@borger-odoorn.test', p: 'fout' });
    const unknown = await gql<SignIn>(signInQuery, { e: 'niemand@nergens.test', p: 'fout' });
    expect(wrong.data?.signIn).toEqual({ __typename: 'ForbiddenError', message: SIGN_IN_FAILED });
    expect(unknown.data?.signIn).toEqual({ __typename: 'ForbiddenError', message: SIGN_IN_FAILED });
  });

  it('stops accepting even the right password from the same address after five failures', async () => {
    await createUser(t.db, 'doelwit@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }], {
      password: PASSWORD,
    });
    const gql = graphqlClient(t.db);
    for (let i = 0; i < 5; i++) await gql(signInQuery, { e: 'doelwit@coevorden.test', p: `gok ${i}` });
    const res = await gql<SignIn>(signInQuery, { e: 'doelwit@coevorden.test', p: PASSWORD });
    expect(res.data?.signIn.__typename).toBe('SignInThrottledError');
  });

  it('stores argon2id hashes and hashed tokens only', async () => {
    const user = await t.db.prisma.user.findUniqueOrThrow({ where: { email: 'architect@borger-odoorn.test' } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const tokens = await t.db.prisma.apiToken.findMany();
    expect(tokens.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);
  });
});

describe('API tokens', () => {
  it('are shown once, work as Bearer tokens and stop working when revoked', async () => {
    const user = await createUser(t.db, 'script@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }]);
    const gql = graphqlClient(t.db, user.token);
    // Tokens are made in a browser session (a token cannot make tokens).
    const { token: session } = await signIn(t.db, user.email, 'correct horse battery staple', '192.0.2.60');
    const created = (await (
      await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `gp_session=${session}` },
        body: JSON.stringify({
          query: `mutation { createApiToken(name: "export") { ... on CreateApiTokenSuccess { data { id token } } } }`,
        }),
      })
    ).json()) as { data?: { createApiToken: { data: { id: string; token: string } } } };
    const fresh = created.data?.createApiToken.data;
    expect(fresh?.token).toMatch(/^gpt_/);
    const withFresh = graphqlClient(t.db, fresh?.token);
    expect((await withFresh<{ viewer: { email: string } }>('{ viewer { email } }')).data?.viewer.email).toBe(
      'script@emmen.test',
    );
    await gql(`mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }`, { id: fresh?.id });
    expect((await withFresh<{ viewer: null }>('{ viewer { email } }')).data?.viewer).toBeNull();
  });
});

describe('first start and the command line', () => {
  it('creates one instance administrator on an empty user table, once', async () => {
    const empty = await createTestDatabase({ seeded: false });
    try {
      const admin = await ensureFirstAdmin(empty.db);
      expect(admin?.password.length).toBeGreaterThanOrEqual(20);
      expect(await ensureFirstAdmin(empty.db)).toBeNull();
      const row = await empty.db.prisma.user.findUniqueOrThrow({ where: { email: admin?.email ?? '' } });
      expect(row.isInstanceAdmin).toBe(true);
      expect(row.passwordHash).not.toContain(admin?.password ?? '');
    } finally {
      await empty.drop();
    }
  });

  it('adds a user with a role (password on stdin) and prints a working token as the last line', async () => {
    const run = (args: string[], input?: string) =>
      new Promise<string>((resolve, reject) => {
        const child = execFile(
          process.execPath,
          [
            path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
            path.join(projectRoot, 'scripts', 'user.ts'),
            ...args,
          ],
          { env: { ...process.env, DATABASE_URL: t.url } },
          (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout)),
        );
        child.stdin?.end(input ?? '');
      });
    expect(await run(['add', 'nieuw@emmen.test', '--org', 'emmen', '--role', 'EDITOR'], `${PASSWORD}\n`)).toMatch(
      /aangemaakt/,
    );
    await expect(run(['add', 'kort@emmen.test', '--org', 'emmen', '--role', 'EDITOR'], 'kort\n')).rejects.toThrow(
      /minstens 12 tekens/,
    );
    await expect(run(['add', 'x@emmen.test', '--org', 'emmen', '--role', 'BAAS'], `${PASSWORD}\n`)).rejects.toThrow(
      /Onbekende rol/,
    );
    const token = (await run(['token', 'nieuw@emmen.test'])).trim().split('\n').pop() ?? '';
    // The password given on the command line is a one-time password: until its owner changes it, the token may read
    // only who it is (graphql/guard.ts); here the owner has changed it.
    await t.db.prisma.user.update({ where: { email: 'nieuw@emmen.test' }, data: { mustChangePassword: false } });
    const viewer = await graphqlClient(
      t.db,
      token,
    )<{ viewer: { memberships: { role: string; organisation: { slug: string } }[] } }>(
      '{ viewer { memberships { role organisation { slug } } } }',
    );
    expect(viewer.data?.viewer.memberships).toEqual([{ role: 'EDITOR', organisation: { slug: 'emmen' } }]);
    const audit = await t.db.prisma.auditEvent.findFirst({ where: { entityType: 'User', source: 'CLI' } });
    expect(audit?.action).toBe('CREATE');
  });
});
