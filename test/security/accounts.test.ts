// Accounts, sessions and tokens: no account takeover across partners, access that ends with its reason, passwords
// users choose themselves, sign-in throttling that slows an attacker without locking the real user out, a safe
// return path after sign-in, and an audit event for every security event.
import { createRequestFromNodeRequest } from 'astro/app/node';
import { parse, print, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInThrottledError, sha256, signIn, THROTTLE, throttleKey } from '#core/auth.ts';
import { requestAddress, trustedProxies, withClientAddress } from '#core/client-address.ts';
import type { Context } from '#core/context.ts';
import { authenticate } from '#core/credentials.ts';
import { addUser, ensureFirstAdmin, issueToken } from '#core/users.ts';
import { execute } from '#graphql/execute.ts';
import { CHANGE_PASSWORD_MESSAGE, READ_TOKEN_MESSAGE, SET_UP_SECOND_FACTOR_MESSAGE } from '#graphql/guard.ts';
import { schema } from '#graphql/schema.ts';
import { BROWSER_ONLY_MESSAGE } from '#graphql/types/viewer.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import * as accountDocuments from '#site/lib/account.ts';
import { REVOKE_TOKEN } from '#site/lib/account.ts';
import { safeReturnPath } from '#site/lib/forms.ts';
import { FACTORS_QUERY } from '#site/lib/second-factor.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { httpClient } from '../helpers/graphql.ts';
import { totpAt } from '../helpers/totp.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let call: ReturnType<typeof httpClient>;
const PASSWORD = 'een lang en geheim wachtwoord';

beforeAll(async () => {
  t = await createTestDatabase();
  // Admins invite addresses in their organisation's own mail domains only; the tests' addresses end in .test.
  for (const slug of ['emmen', 'coevorden', 'borger-odoorn'])
    await t.db.prisma.organisation.update({ where: { slug }, data: { emailDomains: `${slug}.test` } });
  call = httpClient(t.db);
});
afterAll(() => t?.drop());

type Errors = { errors?: { message: string }[] };

/** A browser session of a test user (createUser's default password), as the sign-in page makes it. */
const sessionOf = async (email: string, address: string, password = 'correct horse battery staple') =>
  (await signIn(t.db, email, password, address)).token;

type Result = {
  __typename: string;
  message?: string;
  retryAfterSeconds?: number;
  problems?: { path: string[]; message: string }[];
};
const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on Error { message } ... on SignInThrottledError { retryAfterSeconds } ... on SignInSuccess { data { token } } } }`;
const signInAs = async (email: string, password: string, address = '192.0.2.1') =>
  (await call<{ signIn: Result & { data?: { token: string } } }>(SIGN_IN, { e: email, p: password }, { address })).data
    ?.signIn;
const INVITE = `mutation($o: String!, $e: String!, $r: Role!) { inviteMember(organisation: $o, email: $e, role: $r) { __typename ... on Error { message } ... on InviteMemberSuccess { data { invitationPath addedToExistingAccount } } } }`;
const invite = async (as: string, organisation: string, email: string, role = 'EDITOR') =>
  (
    await call<{
      inviteMember: Result & { data?: { invitationPath: string | null; addedToExistingAccount: boolean } };
    }>(INVITE, { o: organisation, e: email, r: role }, { token: as })
  ).data?.inviteMember;
const ACCEPT = `mutation($t: String!, $n: String!, $p: String!) { acceptInvitation(token: $t, name: $n, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on AcceptInvitationSuccess { data { token } } } }`;
const accept = async (path: string, password: string, name = 'Nieuwe Gebruiker') =>
  (
    await call<{ acceptInvitation: Result & { data?: { token: string } } }>(ACCEPT, {
      t: new URL(path, 'http://grondplan.test').searchParams.get('sleutel'),
      n: name,
      p: password,
    })
  ).data?.acceptInvitation;
const REMOVE = `mutation($o: String!, $e: String!) { removeMembership(organisation: $o, email: $e) { __typename } }`;
const VIEWER = '{ viewer { email mustChangePassword memberships { isNew organisation { slug } } } }';
type ViewerData = {
  viewer: {
    email: string;
    mustChangePassword: boolean;
    memberships: { isNew: boolean; organisation: { slug: string } }[];
  } | null;
};
const viewerOf = async (as: { token?: string; session?: string }) =>
  (await call<ViewerData>(VIEWER, {}, as)).data?.viewer ?? null;

describe('accounts without takeover', () => {
  it('never lets an admin of one partner learn or keep the password of an account another partner later invites', async () => {
    const adminA = await createUser(t.db, 'beheer@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }]);
    const adminB = await createUser(t.db, 'beheer@coevorden.test', [{ organisation: 'coevorden', role: 'ADMIN' }]);
    // Only an instance administrator may invite an address outside the organisation's mail domains (see below).
    const instanceAdmin = await createUser(t.db, 'uitnodiger@grondplan.test', [], { instanceAdmin: true });
    const target = 'architect@coevorden.test';

    // A invites an address of B: no password is returned, only a one-time link; the API has no field that carries one.
    const first = await invite(instanceAdmin.token, 'emmen', target);
    expect(first?.__typename).toBe('InviteMemberSuccess');
    expect(first?.data?.invitationPath).toMatch(/^\/uitnodiging\?sleutel=gpi_/);
    expect(JSON.stringify(first)).not.toMatch(/password/i);
    const invitationType = schema.getType('MemberInvitation') as { getFields(): Record<string, unknown> };
    expect(Object.keys(invitationType.getFields()).filter((f) => /password/i.test(f))).toEqual([]);
    // No account exists until the link is used; A uses it and so sets the password itself.
    expect(await t.db.prisma.user.count({ where: { email: target } })).toBe(0);
    const knownToA = 'paars konijn fietst morgen naar Zwolle';
    const sessionOfA = (await accept(first?.data?.invitationPath ?? '', knownToA))?.data?.token ?? '';
    expect(await viewerOf({ session: sessionOfA })).toMatchObject({ email: target });
    // The link works once.
    expect((await accept(first?.data?.invitationPath ?? '', 'nog een ander lang wachtwoord erbij'))?.__typename).toBe(
      'ValidationError',
    );

    // A removes it again: with its last membership, its sessions end at once.
    expect(
      (await call<{ removeMembership: Result }>(REMOVE, { o: 'emmen', e: target }, { token: adminA.token })).data
        ?.removeMembership.__typename,
    ).toBe('RemoveMembershipSuccess');
    expect(await viewerOf({ session: sessionOfA })).toBeNull();

    // B invites the same address later: the unused account gets a fresh link (B's invitee chooses the password), and
    // the password A knew stops working.
    const second = await invite(adminB.token, 'coevorden', target);
    expect(second?.data?.addedToExistingAccount).toBe(false);
    const own = 'groene appelboom bloeit vroeg in Coevorden';
    const sessionOfB =
      (await accept(second?.data?.invitationPath ?? '', own, 'Architect Coevorden'))?.data?.token ?? '';
    expect(await viewerOf({ session: sessionOfB })).toMatchObject({
      email: target,
      memberships: [{ organisation: { slug: 'coevorden' } }],
    });
    expect((await signInAs(target, knownToA, '192.0.2.50'))?.__typename).toBe('ForbiddenError');
    expect((await signInAs(target, own, '192.0.2.50'))?.__typename).toBe('SignInSuccess');
  });

  it("never hands an invitation link for an account whose owner set up a second factor, so the link's holder cannot pass it", async () => {
    const admin = await createUser(t.db, 'beheer-factor@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }]);
    // An account without any membership, whose owner set up an authenticator app earlier.
    const owner = await createUser(t.db, 'met-factor@emmen.test', [], {
      totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ',
    });
    const before = await t.db.prisma.user.findUniqueOrThrow({
      where: { id: owner.id },
      select: { passwordHash: true },
    });
    const invited = await invite(admin.token, 'emmen', owner.email);
    // Added at once, as an account in use: no link, so nobody but the owner chooses its password.
    expect(invited?.__typename).toBe('InviteMemberSuccess');
    expect(invited?.data).toMatchObject({ invitationPath: null, addedToExistingAccount: true });
    expect(await t.db.prisma.invitation.count({ where: { email: owner.email } })).toBe(0);
    expect(
      (await t.db.prisma.user.findUniqueOrThrow({ where: { id: owner.id }, select: { passwordHash: true } }))
        .passwordHash,
    ).toBe(before.passwordHash);
  });

  it('sends no invitation link for an organisation that signs in through its own provider, and an older link stops working', async () => {
    const admin = await createUser(t.db, 'beheer-sso@borger-odoorn.test', [
      { organisation: 'borger-odoorn', role: 'ADMIN' },
    ]);
    const older = await invite(admin.token, 'borger-odoorn', 'eerder@borger-odoorn.test');
    expect(older?.data?.invitationPath).toMatch(/^\/uitnodiging\?sleutel=/);
    await t.db.prisma.organisation.update({ where: { slug: 'borger-odoorn' }, data: { passwordSignIn: false } });
    try {
      const refused = (
        await call<{ inviteMember: Result }>(
          INVITE.replace('... on Error { message }', '... on ValidationError { problems { path message } }'),
          { o: 'borger-odoorn', e: 'nieuw@borger-odoorn.test', r: 'VIEWER' },
          { token: admin.token },
        )
      ).data?.inviteMember;
      expect(refused?.problems?.[0]?.message).toMatch(/inloggen met een wachtwoord staat uit/);
      const accepted = await accept(older?.data?.invitationPath ?? '', 'een lang wachtwoord voor de inlogdienst');
      expect(accepted?.__typename).toBe('ValidationError');
      expect(accepted?.problems?.[0]?.message).toMatch(/Inloggen via je organisatie/);
      expect(await t.db.prisma.user.count({ where: { email: 'eerder@borger-odoorn.test' } })).toBe(0);
    } finally {
      await t.db.prisma.organisation.update({ where: { slug: 'borger-odoorn' }, data: { passwordSignIn: true } });
    }
  });

  it('refuses the takeover sequence: an admin invites addresses in the own mail domains only', async () => {
    const adminA = await createUser(t.db, 'domein-a@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }]);
    const adminB = await createUser(t.db, 'domein-b@coevorden.test', [{ organisation: 'coevorden', role: 'ADMIN' }]);
    const target = 'b-persoon@coevorden.test';
    // A invites an address of B's domain, to accept the link with its own password and keep the account for later.
    const first = await invite(adminA.token, 'emmen', target);
    expect(first?.__typename).toBe('ValidationError');
    expect(first?.data).toBeUndefined();
    const refused = await call<{ inviteMember: Result }>(
      INVITE.replace('... on Error { message }', '... on ValidationError { problems { path message } }'),
      { o: 'emmen', e: target.toUpperCase(), r: 'EDITOR' },
      { token: adminA.token },
    );
    expect(refused.data?.inviteMember.problems).toEqual([
      {
        path: ['email'],
        message:
          'Dit e-mailadres hoort niet bij de maildomeinen van Gemeente Emmen (emmen.test). Nodig een adres van de eigen organisatie uit, of vraag een beheerder van Grondplan om dit adres uit te nodigen.',
      },
    ]);
    expect(await t.db.prisma.invitation.count({ where: { email: target } })).toBe(0);
    expect(await t.db.prisma.user.count({ where: { email: target } })).toBe(0);
    // B invites it and the invitee sets the only password there is.
    const own = await invite(adminB.token, 'coevorden', target);
    expect(own?.data?.invitationPath).toMatch(/^\/uitnodiging\?sleutel=gpi_/);
    // Once it is an account of B, A cannot add it either.
    await accept(own?.data?.invitationPath ?? '', 'witte zwanen op het Oranjekanaal', 'B Persoon');
    expect((await invite(adminA.token, 'emmen', target))?.__typename).toBe('ValidationError');
  });

  it("lets only instance administrators set an organisation's mail domains", async () => {
    const admin = await createUser(t.db, 'domein-c@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }]);
    const instanceAdmin = await createUser(t.db, 'domeinen@grondplan.test', [], { instanceAdmin: true });
    const SET = `mutation($o: String!, $d: [String!]!) { setOrganisationEmailDomains(organisation: $o, domains: $d) { __typename ... on Error { message } ... on ValidationError { problems { message } } ... on SetOrganisationEmailDomainsSuccess { data { emailDomains } } } }`;
    type SetResult = { setOrganisationEmailDomains: Result & { data?: { emailDomains: string[] } } };
    expect(
      (await call<SetResult>(SET, { o: 'emmen', d: ['coevorden.test'] }, { token: admin.token })).data
        ?.setOrganisationEmailDomains.__typename,
    ).toBe('ForbiddenError');
    const bad = await call<SetResult>(SET, { o: 'emmen', d: ['@emmen.nl'] }, { token: instanceAdmin.token });
    expect(bad.data?.setOrganisationEmailDomains.problems?.[0]?.message).toMatch(
      /^Vul een maildomein in zoals emmen.nl/,
    );
    const set = await call<SetResult>(
      SET,
      { o: 'emmen', d: ['Emmen.test', 'emmen.nl'] },
      { token: instanceAdmin.token },
    );
    expect(set.data?.setOrganisationEmailDomains.data?.emailDomains).toEqual(['emmen.nl', 'emmen.test']);
    expect((await invite(admin.token, 'emmen', 'nieuw@emmen.nl'))?.__typename).toBe('InviteMemberSuccess');
    expect(
      await t.db.prisma.auditEvent.count({
        where: { entityType: 'Organisation', action: 'UPDATE', changes: { contains: 'emailDomains' } },
      }),
    ).toBe(1);
  });

  it('adds an existing account without any password changing hands, and its owner sees the new membership', async () => {
    const admin = await createUser(t.db, 'beheer2@borger-odoorn.test', [
      { organisation: 'borger-odoorn', role: 'ADMIN' },
    ]);
    const owner = await createUser(t.db, 'bestaand@borger-odoorn.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: PASSWORD,
    });
    const before = await t.db.prisma.user.findUniqueOrThrow({ where: { email: owner.email } });
    const answer = await invite(admin.token, 'borger-odoorn', owner.email, 'VIEWER');
    expect(answer?.data).toEqual({ invitationPath: null, addedToExistingAccount: true });
    const after = await t.db.prisma.user.findUniqueOrThrow({ where: { email: owner.email } });
    expect(after.passwordHash).toBe(before.passwordHash);
    const seen = await viewerOf({ token: owner.token });
    expect(seen?.memberships.find((m) => m.organisation.slug === 'borger-odoorn')?.isNew).toBe(true);
    expect(seen?.memberships.find((m) => m.organisation.slug === 'emmen')?.isNew).toBe(false);
    await call(`mutation { acknowledgeMemberships { __typename } }`, {}, { token: owner.token });
    expect((await viewerOf({ token: owner.token }))?.memberships.every((m) => !m.isNew)).toBe(true);
  });

  it('keeps the command line from handing out or changing the password of an existing account unless asked', async () => {
    const user = await createUser(t.db, 'cli-bestaand@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: PASSWORD,
    });
    const session = (await signIn(t.db, user.email, PASSWORD, '192.0.2.60')).token;
    await expect(
      addUser(t.db, {
        email: user.email,
        password: 'een heel ander lang wachtwoord',
        organisation: 'emmen',
        role: 'EDITOR',
      }),
    ).rejects.toThrow(/--reset-password/);
    // Without a password: the membership changes, the password does not.
    await addUser(t.db, { email: user.email, organisation: 'coevorden', role: 'VIEWER' });
    expect((await signInAs(user.email, PASSWORD, '192.0.2.61'))?.__typename).toBe('SignInSuccess');
    // With --reset-password: a one-time password, and the user's sessions and tokens end at once.
    const reset = await addUser(t.db, {
      email: user.email,
      password: 'tijdelijk wachtwoord van de beheerder',
      resetPassword: true,
    });
    expect(reset.passwordReset).toBe(true);
    expect(await authenticate(t.db, { sessionToken: session })).toBeNull();
    expect(await authenticate(t.db, { bearerToken: user.token })).toBeNull();
    expect(await t.db.prisma.user.findUniqueOrThrow({ where: { email: user.email } })).toMatchObject({
      mustChangePassword: true,
    });
  });
});

describe('access ends with its reason', () => {
  it('ends the sessions and tokens of a user removed from their last membership at once', async () => {
    const admin = await createUser(t.db, 'beheer3@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }]);
    const leaver = await createUser(
      t.db,
      'vertrekker@emmen.test',
      [
        { organisation: 'emmen', role: 'EDITOR' },
        { organisation: 'coevorden', role: 'VIEWER' },
      ],
      { password: PASSWORD },
    );
    const session = (await signIn(t.db, leaver.email, PASSWORD, '192.0.2.70')).token;
    await call(REMOVE, { o: 'emmen', e: leaver.email }, { token: admin.token });
    // One membership left: access stays.
    expect(await viewerOf({ token: leaver.token })).not.toBeNull();
    await t.db.prisma.userMembership.deleteMany({
      where: { user: { email: leaver.email }, organisation: { slug: 'coevorden' } },
    });
    await t.db.prisma.userMembership.create({
      data: {
        user: { connect: { email: leaver.email } },
        organisation: { connect: { slug: 'emmen' } },
        role: 'VIEWER',
      },
    });
    await call(REMOVE, { o: 'emmen', e: leaver.email }, { token: admin.token });
    expect(await viewerOf({ token: leaver.token })).toBeNull();
    expect(await viewerOf({ session })).toBeNull();
    expect(await t.db.prisma.session.count({ where: { user: { email: leaver.email } } })).toBe(0);
  });

  it('ends other sessions and every token when a user changes their password, keeping the current session', async () => {
    const user = await createUser(t.db, 'wisselaar@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: PASSWORD,
    });
    const current = (await signIn(t.db, user.email, PASSWORD, '192.0.2.80')).token;
    const other = (await signIn(t.db, user.email, PASSWORD, '192.0.2.81')).token;
    const answer = await call<{ changePassword: Result }>(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { __typename ... on Error { message } } }`,
      { c: PASSWORD, n: 'oranje vlinders dansen boven de Hondsrug' },
      { session: current },
    );
    expect(answer.data?.changePassword.__typename).toBe('ChangePasswordSuccess');
    expect(await viewerOf({ session: current })).toMatchObject({ email: user.email });
    expect(await viewerOf({ session: other })).toBeNull();
    expect(await viewerOf({ token: user.token })).toBeNull();
    expect((await signInAs(user.email, PASSWORD, '192.0.2.82'))?.__typename).toBe('ForbiddenError');
  });

  it('refuses a disabled account at once: sessions, tokens and sign-in', async () => {
    const instanceAdmin = await createUser(t.db, 'beheerder@grondplan.test', [], { instanceAdmin: true });
    const user = await createUser(t.db, 'geblokkeerd@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: PASSWORD,
    });
    const session = (await signIn(t.db, user.email, PASSWORD, '192.0.2.90')).token;
    const refused = await call<{ disableUser: Result }>(
      `mutation { disableUser(email: "geblokkeerd@emmen.test") { __typename } }`,
      {},
      { token: user.token },
    );
    expect(refused.data?.disableUser.__typename).toBe('ForbiddenError');
    const done = await call<{ disableUser: Result }>(
      `mutation { disableUser(email: "geblokkeerd@emmen.test") { __typename } }`,
      {},
      { token: instanceAdmin.token },
    );
    expect(done.data?.disableUser.__typename).toBe('DisableUserSuccess');
    expect(await viewerOf({ session })).toBeNull();
    expect(await viewerOf({ token: user.token })).toBeNull();
    expect((await signInAs(user.email, PASSWORD, '192.0.2.91'))?.__typename).toBe('ForbiddenError');
  });

  it('refuses an expired token, and gives tokens 90 days by default and at most 365', async () => {
    const user = await createUser(t.db, 'verloopt@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    expect(await viewerOf({ token: user.token })).not.toBeNull();
    await t.db.prisma.apiToken.update({
      where: { tokenHash: sha256(user.token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await viewerOf({ token: user.token })).toBeNull();

    const fresh = await createUser(t.db, 'nieuwtoken@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    const CREATE = `mutation($d: Int) { createApiToken(name: "script", expiresInDays: $d) { __typename ... on ValidationError { problems { message } } ... on CreateApiTokenSuccess { data { expiresAt scope } } } }`;
    const freshSession = await sessionOf(fresh.email, '192.0.2.92');
    const made = await call<{ createApiToken: Result & { data?: { expiresAt: string; scope: string } } }>(
      CREATE,
      {},
      { session: freshSession },
    );
    const days = (new Date(made.data?.createApiToken.data?.expiresAt ?? 0).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    expect(made.data?.createApiToken.data?.scope).toBe('READ');
    const tooLong = await call<{ createApiToken: Result }>(CREATE, { d: 400 }, { session: freshSession });
    expect(tooLong.data?.createApiToken.problems?.[0]?.message).toBe('Een token is ten hoogste 365 dagen geldig.');
  });

  it('lets a READ token read but run no mutation, with a Dutch message', async () => {
    const user = await createUser(t.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }]);
    const made = await call<{ createApiToken: { data: { token: string } } }>(
      `mutation { createApiToken(name: "alleen lezen", scope: READ) { ... on CreateApiTokenSuccess { data { token } } } }`,
      {},
      { session: await sessionOf(user.email, '192.0.2.93') },
    );
    const readToken = made.data?.createApiToken.data.token ?? '';
    expect(await viewerOf({ token: readToken })).toMatchObject({ email: user.email });
    const write = await call<{ createApiToken: unknown }>(
      `mutation { createApiToken(name: "meer") { __typename } }`,
      {},
      { token: readToken },
    );
    expect(write.data ?? null).toBeNull();
    expect(write.errors?.[0]?.message).toBe(READ_TOKEN_MESSAGE);
    expect(await t.db.prisma.apiToken.count({ where: { name: 'meer' } })).toBe(0);
  });

  it('gives a token from the command line read access only unless read and write is asked, as the API does', async () => {
    const user = await createUser(t.db, 'cli-token@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }]);
    const token = await issueToken(t.db, user.email);
    expect((await t.db.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: sha256(token) } })).scope).toBe('READ');
    const write = await call(`mutation { acknowledgeMemberships { __typename } }`, {}, { token });
    expect(write.errors?.[0]?.message).toBe(READ_TOKEN_MESSAGE);
    const writer = await issueToken(t.db, user.email, { scope: 'READ_WRITE' });
    expect((await t.db.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: sha256(writer) } })).scope).toBe(
      'READ_WRITE',
    );
  });

  it('makes tokens and changes passwords in a browser session only: a token cannot make a token that outlives it', async () => {
    const user = await createUser(t.db, 'tokenmaker@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    const session = await sessionOf(user.email, '192.0.2.94');
    const made = await call<{ createApiToken: { data: { id: string; token: string } } }>(
      `mutation { createApiToken(name: "kort", scope: READ_WRITE, expiresInDays: 1) { ... on CreateApiTokenSuccess { data { id token } } } }`,
      {},
      { session },
    );
    const short = made.data?.createApiToken.data;
    expect(short?.token).toMatch(/^gpt_/);
    const child = await call<{ createApiToken: Result }>(
      `mutation { createApiToken(name: "kind", scope: READ_WRITE, expiresInDays: 365) { __typename ... on Error { message } } }`,
      {},
      { token: short?.token ?? '' },
    );
    expect(child.data?.createApiToken).toEqual({ __typename: 'ForbiddenError', message: BROWSER_ONLY_MESSAGE });
    expect(await t.db.prisma.apiToken.count({ where: { name: 'kind' } })).toBe(0);
    const password = await call<{ changePassword: Result }>(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { __typename ... on Error { message } } }`,
      { c: 'correct horse battery staple', n: 'paarse heide op het Drouwenerzand' },
      { token: short?.token ?? '' },
    );
    expect(password.data?.changePassword).toEqual({ __typename: 'ForbiddenError', message: BROWSER_ONLY_MESSAGE });
    expect(await viewerOf({ session })).toMatchObject({ email: user.email });
    // Revoking the token (in the browser session) ends all access it gave.
    await call(`mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }`, { id: short?.id }, { session });
    expect(await viewerOf({ token: short?.token ?? '' })).toBeNull();
  });
});

describe('passwords', () => {
  it('makes a one-time password be changed before anything else, and then an instance administrator’s second factor be set up', async () => {
    const empty = await createTestDatabase({ seeded: false });
    try {
      const admin = await ensureFirstAdmin(empty.db);
      const session = (await signIn(empty.db, admin?.email ?? '', admin?.password ?? '', '192.0.2.100')).token;
      const firstYoga = createGraphQLServer(empty.db);
      const ask = async <T>(query: string, variables: Record<string, unknown> = {}) =>
        (await (
          await firstYoga.fetch('http://grondplan.test/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: `gp_session=${session}` },
            body: JSON.stringify({ query, variables }),
          })
        ).json()) as { data?: T } & Errors;
      expect((await ask<ViewerData>('{ viewer { mustChangePassword } }')).data?.viewer?.mustChangePassword).toBe(true);
      expect((await ask('{ organisations { slug } }')).errors?.[0]?.message).toBe(CHANGE_PASSWORD_MESSAGE);
      expect((await ask('mutation { createApiToken(name: "x") { __typename } }')).errors?.[0]?.message).toBe(
        CHANGE_PASSWORD_MESSAGE,
      );
      const changed = await ask<{ changePassword: Result }>(
        `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { __typename } }`,
        { c: admin?.password, n: 'rode beuk naast het gemeentehuis van Emmen' },
      );
      expect(changed.data?.changePassword.__typename).toBe('ChangePasswordSuccess');
      // An instance administrator always has a second factor: the authenticator app comes next, before anything else.
      expect((await ask('{ organisations { slug } }')).errors?.[0]?.message).toBe(SET_UP_SECOND_FACTOR_MESSAGE);
      // What the setup page reads is let through: exactly its own query.
      expect((await ask(print(FACTORS_QUERY))).errors).toBeUndefined();
      const setup = await ask<{ startTotpSetup: { data: { secret: string } } }>(
        'mutation { startTotpSetup { ... on StartTotpSetupSuccess { data { secret } } } }',
      );
      const code = await totpAt(setup.data?.startTotpSetup.data.secret ?? '', Math.floor(Date.now() / 1000));
      const confirmed = await ask<{ confirmTotp: { __typename: string; data?: { codes: string[] } } }>(
        'mutation($code: String!) { confirmTotp(code: $code) { __typename ... on ConfirmTotpSuccess { data { codes } } } }',
        { code },
      );
      expect(confirmed.data?.confirmTotp.data?.codes).toHaveLength(10);
      expect((await ask('{ organisations { slug } }')).errors).toBeUndefined();
    } finally {
      await empty.drop();
    }
  });

  it('lets a one-time password reach no data through the viewer: only who you are and the password change', async () => {
    await addUser(t.db, {
      email: 'eenmalig@coevorden.test',
      password: PASSWORD,
      organisation: 'coevorden',
      role: 'VIEWER',
    });
    const { token: session } = await signIn(t.db, 'eenmalig@coevorden.test', PASSWORD, '192.0.2.101');
    const own = await call<ViewerData>('{ viewer { id email name mustChangePassword } }', {}, { session });
    expect(own.errors).toBeUndefined();
    expect(own.data?.viewer?.mustChangePassword).toBe(true);
    for (const deeper of [
      '{ viewer { mustChangePassword memberships { organisation { slug usages { totalCount edges { node { key yearlyCost internalNote } } } } } } }',
      '{ viewer { memberships { role } } }',
      '{ viewer { apiTokens { id } } }',
      '{ viewer { ...deeper } } fragment deeper on Viewer { memberships { organisation { slug } } }',
      '{ viewer { ... on Viewer { memberships { organisation { slug } } } } }',
      'mutation { changePassword(currentPassword: "x", newPassword: "y") { __typename } signIn(email: "a@b.nl", password: "x") { __typename } }',
    ]) {
      const answer = await call(deeper, {}, { session });
      expect(answer.data ?? null, deeper).toBeNull();
      expect(answer.errors?.[0]?.message, deeper).toBe(CHANGE_PASSWORD_MESSAGE);
    }
    const wrong = await call<{ changePassword: Result }>(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }`,
      { c: 'niet het wachtwoord', n: 'rode beuk naast het gemeentehuis van Coevorden' },
      { session },
    );
    expect(wrong.data?.changePassword.__typename).toBe('ValidationError');
  });

  it('refuses a short or easily guessed password with a Dutch message that says what to do', async () => {
    const user = await createUser(t.db, 'zwak@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: PASSWORD,
    });
    const session = await sessionOf(user.email, '192.0.2.95', PASSWORD);
    const change = async (n: string) =>
      (
        await call<{ changePassword: Result }>(
          `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { __typename ... on ValidationError { problems { path message } } } }`,
          { c: PASSWORD, n },
          { session },
        )
      ).data?.changePassword;
    expect((await change('kort1!'))?.problems).toEqual([
      {
        path: ['newPassword'],
        message: 'Het wachtwoord moet minstens 12 tekens hebben. Kies bijvoorbeeld een zin van vier of meer woorden.',
      },
    ]);
    const common = await change('wachtwoord12345');
    expect(common?.__typename).toBe('ValidationError');
    expect(common?.problems?.[0]?.message).toMatch(
      /^Dit wachtwoord is te makkelijk te raden\. .*Kies een langer wachtwoord/,
    );
    const own = await change('zwak@emmen.test2026');
    expect(own?.problems?.[0]?.message).toMatch(/Vermijd persoonlijke/);
    const wrongCurrent = await call<{ changePassword: Result }>(
      `mutation { changePassword(currentPassword: "niet mijn wachtwoord", newPassword: "oranje vlinders dansen boven de Hondsrug") { __typename } }`,
      {},
      { session },
    );
    expect(wrongCurrent.data?.changePassword.__typename).toBe('ValidationError');
  });
});

describe('sign-in throttling', () => {
  it('slows an attacker down by address while the real user signs in from another address', async () => {
    const victim = await createUser(
      t.db,
      'doelwit@borger-odoorn.test',
      [{ organisation: 'borger-odoorn', role: 'VIEWER' }],
      { password: PASSWORD },
    );
    const attacker = '203.0.113.66';
    const answers: Result[] = [];
    for (let i = 0; i < 50; i++) answers.push((await signInAs(victim.email, `gok nummer ${i}`, attacker)) as Result);
    expect(answers.every((a) => a.__typename !== 'SignInSuccess')).toBe(true);
    const throttled = answers.filter((a) => a.__typename === 'SignInThrottledError');
    // Throttled after the per-account-and-address limit: the rest are refused before any password is checked.
    expect(throttled.length).toBe(50 - THROTTLE.perAccountAndAddress);
    expect(throttled[0]?.retryAfterSeconds).toBeGreaterThan(0);
    expect(throttled[0]?.retryAfterSeconds).toBeLessThanOrEqual(THROTTLE.windowMinutes * 60);
    expect(throttled[0]?.message).toMatch(/^Er is te vaak geprobeerd in te loggen\. Wacht \d+ minuten/);
    // Even the right password waits on the attacker's address…
    expect((await signInAs(victim.email, PASSWORD, attacker))?.__typename).toBe('SignInThrottledError');
    // …but the real user, from an address of their own, is not locked out.
    expect((await signInAs(victim.email, PASSWORD, '198.51.100.7'))?.__typename).toBe('SignInSuccess');
    expect(await t.db.prisma.signInAttempt.count({ where: { email: victim.email } })).toBe(
      THROTTLE.perAccountAndAddress,
    );
  });

  it('limits one address across accounts', async () => {
    const sprayer = '203.0.113.99';
    for (let i = 0; i < THROTTLE.perAddress; i++)
      expect((await signInAs(`slachtoffer${i}@emmen.test`, 'Welkom01!', sprayer))?.__typename).toBe('ForbiddenError');
    const next = await signInAs('nog-een@emmen.test', 'Welkom01!', sprayer);
    expect(next?.__typename).toBe('SignInThrottledError');
    // Another address is not affected.
    expect((await signInAs('nog-een@emmen.test', 'Welkom01!', '198.51.100.8'))?.__typename).toBe('ForbiddenError');
  });

  it('has a per-account ceiling across addresses, far above what one address may try', async () => {
    const account = 'plafond@emmen.test';
    await createUser(t.db, account, [{ organisation: 'emmen', role: 'VIEWER' }], { password: PASSWORD });
    const addresses = THROTTLE.perAccount / THROTTLE.perAccountAndAddress;
    for (let a = 0; a < addresses; a++)
      for (let i = 0; i < THROTTLE.perAccountAndAddress; i++)
        expect((await signInAs(account, `gok ${a}-${i}`, `203.0.113.${a + 1}`))?.__typename).toBe('ForbiddenError');
    // After 100 failures from 20 addresses, a fresh address waits for this account, and only for this account.
    expect((await signInAs(account, PASSWORD, '198.51.100.200'))?.__typename).toBe('SignInThrottledError');
    expect((await signInAs('bestaat-niet@emmen.test', 'iets', '198.51.100.200'))?.__typename).toBe('ForbiddenError');
  });

  it('lets at most the limit of parallel guesses reach the password check', async () => {
    await createUser(t.db, 'race@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], { password: PASSWORD });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => signIn(t.db, 'race@emmen.test', `fout-${i}`, '198.51.100.7')),
    );
    const checked = outcomes.filter(
      (o) => o.status === 'rejected' && !(o.reason instanceof SignInThrottledError),
    ).length;
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(checked).toBeLessThanOrEqual(THROTTLE.perAccountAndAddress);
    expect(await t.db.prisma.signInAttempt.count({ where: { email: 'race@emmen.test' } })).toBe(checked);
  });

  it('counts the addresses of one IPv6 /64 as one', async () => {
    const account = 'zes@emmen.test';
    await createUser(t.db, account, [{ organisation: 'emmen', role: 'VIEWER' }], { password: PASSWORD });
    const answers = [];
    for (let a = 1; a <= 20; a++)
      answers.push((await signInAs(account, `gok ${a}`, `2001:db8:aa:bb::${a.toString(16)}`))?.__typename);
    expect(answers.slice(0, THROTTLE.perAccountAndAddress).every((a) => a === 'ForbiddenError')).toBe(true);
    expect(answers.slice(THROTTLE.perAccountAndAddress).every((a) => a === 'SignInThrottledError')).toBe(true);
    // The right password from the same /64 waits too; another /64 is not slowed.
    expect((await signInAs(account, PASSWORD, '2001:db8:aa:bb:ffff::1'))?.__typename).toBe('SignInThrottledError');
    expect((await signInAs(account, PASSWORD, '2001:db8:aa:bc::1'))?.__typename).toBe('SignInSuccess');
    expect(throttleKey('2001:DB8:aa:bb:1:2:3:4')).toBe(throttleKey('[2001:db8:aa:bb::9]'));
    expect(throttleKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });

  it('lets the real user sign in from an address they signed in from before, after 100 failures from elsewhere', async () => {
    const account = 'slachtoffer@emmen.test';
    await createUser(t.db, account, [{ organisation: 'emmen', role: 'VIEWER' }], { password: PASSWORD });
    expect((await signInAs(account, PASSWORD, '192.0.2.210'))?.__typename).toBe('SignInSuccess');
    for (let a = 0; a < 20; a++)
      for (let i = 0; i < THROTTLE.perAccountAndAddress; i++)
        await signInAs(account, 'x', `2001:db8:${(a + 1).toString(16)}::1`);
    expect(await t.db.prisma.signInAttempt.count({ where: { email: account } })).toBe(THROTTLE.perAccount);
    // An address the account never signed in from waits (the ceiling), the real user's own does not.
    expect((await signInAs(account, PASSWORD, '192.0.2.211'))?.__typename).toBe('SignInThrottledError');
    expect((await signInAs(account, PASSWORD, '192.0.2.210'))?.__typename).toBe('SignInSuccess');
  });

  it('audits a throttled sign-in once per address and window, so a flood cannot fill the audit trail', async () => {
    const since = new Date();
    const flood = '198.51.100.78';
    for (let i = 0; i < THROTTLE.perAddress + 30; i++) await signInAs(`vloed${i}@emmen.test`, 'x', flood);
    const events = await t.db.prisma.auditEvent.findMany({
      where: { action: 'SIGN_IN_THROTTLED', createdAt: { gte: since } },
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.changes).toContain(flood);
    expect(events[0]?.changes).not.toContain('"x"');
  });

  it("takes a page request's client address from the socket, not from the X-Forwarded-For that Astro trusts", async () => {
    // The node adapter's own request building, with the public address allowed (GRONDPLAN_PUBLIC_URL): Astro then
    // believes the first X-Forwarded-For entry. The server entry records the socket address around the adapter.
    const allowedDomains = [{ hostname: 'grondplan.example.nl', protocol: 'https' }];
    const nodeRequest = (xff: string) =>
      ({
        method: 'GET',
        url: '/inloggen',
        headers: {
          host: '10.0.0.5:4321',
          'x-forwarded-host': 'grondplan.example.nl',
          'x-forwarded-proto': 'https',
          'x-forwarded-for': xff,
        },
        socket: { remoteAddress: '203.0.113.9', on() {} },
        on() {},
      }) as unknown as Parameters<typeof createRequestFromNodeRequest>[0];
    const previous = process.env.GRONDPLAN_TRUST_PROXY;
    try {
      delete process.env.GRONDPLAN_TRUST_PROXY;
      for (const xff of ['1.1.1.1', '2.2.2.2, 203.0.113.9']) {
        const req = nodeRequest(xff);
        const address = withClientAddress(req, trustedProxies(), () => {
          const request = createRequestFromNodeRequest(req, { allowedDomains });
          const astroAddress = Reflect.get(request, Symbol.for('astro.clientAddress')) as string;
          expect(astroAddress).not.toBe('203.0.113.9');
          return requestAddress(request, astroAddress);
        });
        expect(address, xff).toBe('203.0.113.9');
      }
      // Behind a proxy the hub trusts (here the socket's peer), the proxy's own hop counts: the last entry.
      process.env.GRONDPLAN_TRUST_PROXY = '203.0.113.9';
      const req = nodeRequest('1.1.1.1, 198.51.100.20');
      const behindProxy = withClientAddress(req, trustedProxies(), () =>
        requestAddress(createRequestFromNodeRequest(req, { allowedDomains }), '1.1.1.1'),
      );
      expect(behindProxy).toBe('198.51.100.20');
    } finally {
      if (previous === undefined) delete process.env.GRONDPLAN_TRUST_PROXY;
      else process.env.GRONDPLAN_TRUST_PROXY = previous;
    }
  });

  it('records the client address of each failed attempt', async () => {
    const rows = await t.db.prisma.signInAttempt.findMany({ where: { address: '203.0.113.99' } });
    expect(rows.length).toBe(THROTTLE.perAddress);
  });

  it('prunes old attempts and expired sessions', async () => {
    const user = await createUser(t.db, 'snoeier@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: PASSWORD,
    });
    const old = new Date(Date.now() - (THROTTLE.windowMinutes + 1) * 60_000);
    await t.db.prisma.signInAttempt.create({
      data: { email: 'oud@emmen.test', address: '192.0.2.200', createdAt: old },
    });
    await t.db.prisma.session.create({
      data: { id: 'verlopen-sessie', userId: user.id, expiresAt: new Date(Date.now() - 60_000) },
    });
    expect((await signInAs(user.email, PASSWORD, '192.0.2.201'))?.__typename).toBe('SignInSuccess');
    expect(
      await t.db.prisma.signInAttempt.count({
        where: { createdAt: { lt: new Date(Date.now() - THROTTLE.windowMinutes * 60_000) } },
      }),
    ).toBe(0);
    expect(await t.db.prisma.session.count({ where: { id: 'verlopen-sessie' } })).toBe(0);
  });
});

describe('the return path after sign-in', () => {
  it('sends only to paths on this site, and never fails on a newline', () => {
    for (const attack of [
      '/%09/evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/account\r\nSet-Cookie: x=1',
      '//evil.example',
      '/\\evil.example',
      '/%5Cevil.example',
      '/%2F%2Fevil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/%E0%A4%A',
    ])
      expect(safeReturnPath(attack, 'https://grondplan.example.nl'), attack).toBe('/');
    expect(safeReturnPath('/organisaties/emmen?weergave=gemma#lagen', 'https://grondplan.example.nl')).toBe(
      '/organisaties/emmen?weergave=gemma#lagen',
    );
    expect(safeReturnPath('/zoeken?q=open%20zaak')).toBe('/zoeken?q=open%20zaak');
  });

  it('refuses dot segments, and checks the path it returns again, so no normalised path leaves the site', () => {
    for (const attack of [
      '/.//evil.example',
      '/a/..//evil.example/x',
      '/./\\evil.example',
      '/a/..\\/evil.example',
      '/%2E//evil.example',
      '/%2e%2e//evil.example',
      '/a/%2E%2E//evil.example/x',
      '/.%2F/evil.example',
      '/a/../b',
      '/./account',
      '/organisaties/..',
    ])
      expect(safeReturnPath(attack, 'https://grondplan.example.nl'), attack).toBe('/');
    expect(safeReturnPath('/organisaties/emmen/..bestand.txt', 'https://grondplan.example.nl')).toBe(
      '/organisaties/emmen/..bestand.txt',
    );
  });
});

describe('the account page', () => {
  it('runs only valid queries, and revokes a token through its own mutation', async () => {
    for (const [name, document] of Object.entries(accountDocuments)) {
      // Texts and typed documents (site/lib/graphql/) alike.
      const source =
        typeof document === 'string'
          ? document
          : typeof document === 'object' && 'kind' in document
            ? print(document)
            : null;
      if (source === null) continue;
      expect(
        validate(schema, parse(source)).map((e) => e.message),
        name,
      ).toEqual([]);
    }
    const user = await createUser(t.db, 'intrekker@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    const viewer = await authenticate(t.db, { bearerToken: user.token });
    const row = await t.db.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: sha256(user.token) } });
    const context: Context = { db: t.db, viewer: viewer ? { ...viewer, via: 'UI' } : null, source: 'UI' };
    const answer = await execute<{ revokeApiToken: Result }>(context, REVOKE_TOKEN, { id: row.id });
    expect(answer.revokeApiToken.__typename).toBe('RevokeApiTokenSuccess');
    expect(await authenticate(t.db, { bearerToken: user.token })).toBeNull();
  });
});

describe('security events are audited', () => {
  it('records sign-in and its failure, sign-out, tokens, invitations, memberships, passwords and disabling, with no secret in them', async () => {
    const since = new Date();
    const admin = await createUser(t.db, 'beheer-audit@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }], {
      password: PASSWORD,
    });
    const instanceAdmin = await createUser(t.db, 'instantie-audit@grondplan.test', [], { instanceAdmin: true });
    await signInAs('niemand@nergens.test', 'fout wachtwoord', '198.51.100.33');
    await signInAs(admin.email, 'fout wachtwoord', '198.51.100.34');
    const session = (await signInAs(admin.email, PASSWORD, '198.51.100.34'))?.data?.token ?? '';
    const made = await call<{ createApiToken: { data: { id: string; token: string } } }>(
      `mutation { createApiToken(name: "audit", scope: READ_WRITE) { ... on CreateApiTokenSuccess { data { id token } } } }`,
      {},
      { session },
    );
    await call(
      `mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }`,
      { id: made.data?.createApiToken.data.id },
      { session },
    );
    const invited = await invite(admin.token, 'emmen', 'nieuw-audit@emmen.test', 'VIEWER');
    const newPassword = 'blauwe reiger vist in de Drentse Aa';
    await accept(invited?.data?.invitationPath ?? '', newPassword, 'Nieuw Audit');
    await call(
      `mutation { setMembership(organisation: "emmen", email: "nieuw-audit@emmen.test", role: EDITOR) { __typename } }`,
      {},
      { token: admin.token },
    );
    // Before the password change below, which revokes the admin's tokens.
    await call(REMOVE, { o: 'emmen', e: 'nieuw-audit@emmen.test' }, { token: admin.token });
    const changedPassword = 'groene kikker springt over het Oranjekanaal';
    await call(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { __typename } }`,
      { c: PASSWORD, n: changedPassword },
      { session },
    );
    await addUser(t.db, {
      email: 'nieuw-audit@emmen.test',
      password: 'tijdelijk wachtwoord van de beheerder',
      resetPassword: true,
    });
    await call(
      `mutation { disableUser(email: "nieuw-audit@emmen.test") { __typename } }`,
      {},
      { token: instanceAdmin.token },
    );
    await call(`mutation($t: String!) { signOut(token: $t) }`, { t: session }, { session });

    const events = await t.db.prisma.auditEvent.findMany({
      where: { createdAt: { gte: since } },
      orderBy: { createdAt: 'asc' },
    });
    const kinds = events.map((e) => `${e.entityType} ${e.action}`);
    for (const kind of [
      'Session SIGN_IN_FAILED',
      'Session SIGN_IN',
      'ApiToken CREATE',
      'ApiToken REVOKE',
      'Invitation INVITE',
      'Invitation ACCEPT',
      'Membership CREATE',
      'Membership UPDATE',
      'User CHANGE_PASSWORD',
      'User RESET_PASSWORD',
      'User DISABLE',
      'Membership DELETE',
      'Session SIGN_OUT',
    ])
      expect(kinds, kind).toContain(kind);
    const unknown = events.find((e) => e.action === 'SIGN_IN_FAILED' && e.changes.includes('niemand@nergens.test'));
    expect(unknown).toMatchObject({ actorId: null, entityId: '' });
    expect(JSON.parse(unknown?.changes ?? '{}')).toMatchObject({
      email: { after: 'niemand@nergens.test' },
      address: { after: '198.51.100.33' },
    });
    const signedIn = events.find((e) => e.action === 'SIGN_IN');
    expect(signedIn?.actorId).toBe(admin.id);
    // No password, token or hash in any of them.
    const secrets = [
      PASSWORD,
      newPassword,
      changedPassword,
      'tijdelijk wachtwoord van de beheerder',
      session,
      sha256(session),
      made.data?.createApiToken.data.token ?? 'x',
    ];
    const invitationToken =
      new URL(invited?.data?.invitationPath ?? '/', 'http://x').searchParams.get('sleutel') ?? 'x';
    secrets.push(invitationToken, sha256(invitationToken));
    const hashes = (await t.db.prisma.user.findMany({ select: { passwordHash: true } })).map((u) => u.passwordHash);
    for (const event of events) {
      for (const secret of [...secrets, ...hashes]) expect(`${event.changes} ${event.entityId}`).not.toContain(secret);
      expect(event.changes).not.toMatch(/\$argon2|gp[sti]_/);
    }
  });
});

describe('account events in the audit trail', () => {
  it('are shown to instance administrators and to the user concerned only', async () => {
    const other = await createUser(t.db, 'nieuwsgierig@coevorden.test', [
      { organisation: 'coevorden', role: 'VIEWER' },
    ]);
    const instanceAdmin = await createUser(t.db, 'instantie-lezer@grondplan.test', [], { instanceAdmin: true });
    await signInAs('iemand-anders@emmen.test', 'geraden wachtwoord', '198.51.100.77');
    const QUERY = `{ auditEvents(first: 200) { edges { node { entityType action changes { field after } } } } }`;
    type Events = {
      auditEvents: {
        edges: { node: { entityType: string; action: string; changes: { field: string; after: string | null }[] } }[];
      };
    };
    const failedSignIns = (answer: { data?: Events }) =>
      (answer.data?.auditEvents.edges ?? []).filter(
        (e) => e.node.action === 'SIGN_IN_FAILED' && JSON.stringify(e.node.changes).includes('iemand-anders'),
      );
    expect(failedSignIns(await call<Events>(QUERY, {}, { token: other.token }))).toEqual([]);
    expect(failedSignIns(await call<Events>(QUERY, {}, { token: instanceAdmin.token })).length).toBe(1);
  });
});
