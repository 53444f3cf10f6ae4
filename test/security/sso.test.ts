// Single sign-on against a real OpenID Connect provider, the findings of a security review: password guessing while
// linking, instance administrators through a provider, callback addresses chosen by the caller, text from the callback
// in the audit trail, access left behind when the provider removes someone, a cached pending link, and links that
// outlived a provider's move to another organisation, another issuer or a mail domain given up.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256, THROTTLE } from '#core/auth.ts';
import { authenticate } from '#core/credentials.ts';
import { FLOW_GONE, INSTANCE_ADMIN_REFUSED, LINK_ATTEMPTS } from '#core/sso.ts';
import { WRONG_PASSWORD } from '#core/sso-link.ts';
import { addUser } from '#core/users.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { graphqlClient, visitorClient } from '../helpers/graphql.ts';
import { signInAtProvider, startOidcProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { type Answer, CALLBACK, HUB, providerSettings, setUpSso, ssoClient } from '../helpers/sso.ts';
import { nextTotpCode } from '../helpers/totp.ts';
import { createUser, type TestUser } from '../helpers/users.ts';

const PASSWORD = 'correct horse battery staple';
const CREATE = `mutation($input: IdentityProviderInput!) { createIdentityProvider(input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on CreateIdentityProviderSuccess { data { id } } } }`;
const UPDATE = `mutation($id: ID!, $input: IdentityProviderInput!) { updateIdentityProvider(id: $id, input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on UpdateIdentityProviderSuccess { data { id } } } }`;

let t: TestDatabase;
let idp: TestProvider;
let admin: TestUser;
let providerId: string;
let sso: ReturnType<typeof ssoClient>;

const settings = (overrides: Record<string, unknown> = {}) => providerSettings(idp, overrides);

beforeAll(async () => {
  ({ t, idp, admin, providerId } = await setUpSso());
  expect(providerId).not.toBe('');
  sso = ssoClient(t.db, idp);
});
afterAll(async () => {
  await idp?.stop();
  await t?.drop();
});
// Every request in these tests comes from the same (empty) client address: each test starts with a clean budget.
afterEach(() => t.db.prisma.signInAttempt.deleteMany({}));

const failures = (reason: string) =>
  t.db.prisma.auditEvent.findMany({ where: { action: 'SIGN_IN_FAILED', changes: { contains: reason } } });

describe('registering a provider', () => {
  const problems = (answer: { data?: Record<string, Answer> }, field: string) =>
    Object.values(answer.data ?? {})[0]?.problems?.find((p) => p.path.at(-1) === field)?.message;

  it('vouches only for its own organisation’s mail domains, each with one enabled provider', async () => {
    const gql = graphqlClient(t.db, admin.token);
    // Coevorden's domain through Emmen's provider: refused on create and on update.
    const foreign = await gql<Record<string, Answer>>(CREATE, {
      input: settings({ name: 'Emmen 2', emailDomains: ['coevorden.nl'], enabled: false }),
    });
    expect(problems(foreign, 'emailDomains')).toContain('hoort niet bij de maildomeinen van Gemeente Emmen');
    const moved = await gql<Record<string, Answer>>(UPDATE, {
      id: providerId,
      input: settings({ emailDomains: ['emmen.test', 'coevorden.nl'], clientSecret: null }),
    });
    expect(problems(moved, 'emailDomains')).toContain('coevorden.nl hoort niet bij');
    // A second enabled provider for a domain that already has one: refused; switched off it may be registered.
    const second = await gql<Record<string, Answer>>(CREATE, { input: settings({ name: 'Emmen reserve' }) });
    expect(problems(second, 'emailDomains')).toContain(
      'emmen.test heeft al een ingeschakelde inlogdienst (Emmen Entra ID)',
    );
    const spare = await gql<Record<string, Answer<{ id: string }>>>(CREATE, {
      input: settings({ name: 'Emmen reserve', enabled: false }),
    });
    const spareId = spare.data?.createIdentityProvider?.data?.id ?? '';
    expect(spareId).not.toBe('');
    const enabled = await gql<Record<string, Answer>>(UPDATE, {
      id: spareId,
      input: settings({ name: 'Emmen reserve', clientSecret: null }),
    });
    expect(problems(enabled, 'emailDomains')).toContain('heeft al een ingeschakelde inlogdienst');
    await t.db.prisma.identityProvider.delete({ where: { id: spareId } });
    expect(await t.db.prisma.identityProvider.count({ where: { emailDomains: { contains: 'coevorden' } } })).toBe(0);
  });

  it('vouches at sign-in only for domains its organisation still has', async () => {
    idp.accounts.set('vera-sub', { email: 'vera@emmen.test', email_verified: true, groups: [] });
    await t.db.prisma.organisation.update({ where: { slug: 'emmen' }, data: { emailDomains: 'emmen.nl' } });
    try {
      const { answer } = await sso.ssoSignIn('vera-sub');
      expect(answer.message).toContain('hoort niet bij de maildomeinen');
      expect(await t.db.prisma.user.count({ where: { email: 'vera@emmen.test' } })).toBe(0);
    } finally {
      await t.db.prisma.organisation.update({
        where: { slug: 'emmen' },
        data: { emailDomains: 'emmen.nl emmen.test' },
      });
    }
    expect((await sso.ssoSignIn('vera-sub')).answer.__typename).toBe('CompleteSsoSignInSuccess');
  });

  it('needs a new client secret when the issuer or the client id changes, so the stored one cannot be sent elsewhere', async () => {
    const gql = graphqlClient(t.db, admin.token);
    for (const change of [{ issuer: 'https://aanvaller.example/realm' }, { clientId: 'een-andere-client' }]) {
      const answer = await gql<Record<string, Answer>>(UPDATE, {
        id: providerId,
        input: settings({ ...change, clientSecret: null }),
      });
      expect(problems(answer, 'clientSecret')).toContain('vul ook het clientgeheim van die provider in');
    }
    const stored = await t.db.prisma.identityProvider.findUniqueOrThrow({ where: { id: providerId } });
    expect(stored).toMatchObject({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
    // With the new provider's own secret the change is accepted (and put back).
    const moved = await gql<Record<string, Answer>>(UPDATE, {
      id: providerId,
      input: settings({ issuer: 'https://elders.example/realm', clientSecret: 'geheim van elders' }),
    });
    expect(moved.data?.updateIdentityProvider?.__typename).toBe('UpdateIdentityProviderSuccess');
    const back = await gql<Record<string, Answer>>(UPDATE, { id: providerId, input: settings() });
    expect(back.data?.updateIdentityProvider?.__typename).toBe('UpdateIdentityProviderSuccess');
    // Other changes keep the stored secret without giving it.
    const renamed = await gql<Record<string, Answer>>(UPDATE, {
      id: providerId,
      input: settings({ clientSecret: null }),
    });
    expect(renamed.data?.updateIdentityProvider?.__typename).toBe('UpdateIdentityProviderSuccess');
  });
});

describe('linking an existing account', () => {
  it('lets at most LINK_ATTEMPTS parallel guesses reach the password check, and the right one after them is refused', async () => {
    const owner = await createUser(t.db, 'kees@emmen.test', [], { password: PASSWORD });
    idp.accounts.set('kees-sub', { email: owner.email, email_verified: true, groups: [] });
    const { flow, answer } = await sso.ssoSignIn('kees-sub');
    expect(answer.data?.linkEmail).toBe(owner.email);
    const guesses = await Promise.all(Array.from({ length: 11 }, (_, i) => sso.link(flow.flowToken, `guess ${i}`)));
    expect(guesses.every((g) => g.__typename === 'ForbiddenError')).toBe(true);
    const right = await sso.link(flow.flowToken, PASSWORD);
    expect(right.__typename).toBe('ForbiddenError');
    expect(await t.db.prisma.userIdentity.count({ where: { userId: owner.id } })).toBe(0);
    expect(
      (await failures('koppelen: onjuist wachtwoord')).filter((e) => e.actorLabel === owner.email).length,
    ).toBeLessThanOrEqual(LINK_ATTEMPTS);
  });

  it('counts wrong link passwords in the sign-in throttle, so a new flow does not reset the budget', async () => {
    const owner = await createUser(t.db, 'lot@emmen.test', [], { password: PASSWORD });
    idp.accounts.set('lot-sub', { email: owner.email, email_verified: true, groups: [] });
    const first = await sso.ssoSignIn('lot-sub');
    for (let i = 0; i < THROTTLE.perAccountAndAddress; i++)
      expect((await sso.link(first.flow.flowToken, `wrong ${i}`)).message).toContain(WRONG_PASSWORD);
    const second = await sso.ssoSignIn('lot-sub');
    const right = await sso.link(second.flow.flowToken, PASSWORD);
    expect(right.__typename).toBe('ForbiddenError');
    expect(right.message).toContain('te vaak');
    expect(await t.db.prisma.userIdentity.count({ where: { userId: owner.id } })).toBe(0);
    // Password sign-in of that account from this address waits as well: one budget.
    const signIn = await sso.anonymous<{ signIn: Answer }>(
      `mutation { signIn(email: "lot@emmen.test", password: "${PASSWORD}") { __typename } }`,
    );
    expect(signIn.data?.signIn.__typename).toBe('SignInThrottledError');
  });

  it('links after a right password and clears the failures counted before it', async () => {
    const owner = await createUser(t.db, 'mies@emmen.test', [], { password: PASSWORD });
    idp.accounts.set('mies-sub', { email: owner.email, email_verified: true, groups: [] });
    const { flow } = await sso.ssoSignIn('mies-sub');
    expect((await sso.link(flow.flowToken, 'wrong')).message).toBe(WRONG_PASSWORD);
    expect((await sso.link(flow.flowToken, PASSWORD)).__typename).toBe('LinkSsoAccountSuccess');
    expect(await t.db.prisma.signInAttempt.count({ where: { email: owner.email } })).toBe(0);
    expect((await sso.link(flow.flowToken, PASSWORD)).message).toBe(FLOW_GONE);
  });
});

describe('instance administrators', () => {
  it('cannot sign in through a provider, even with a linked identity', async () => {
    const root = await createUser(t.db, 'root@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }], {
      instanceAdmin: true,
    });
    await t.db.prisma.userIdentity.create({ data: { userId: root.id, providerId, subject: 'root-sub' } });
    idp.accounts.set('root-sub', { email: root.email, email_verified: true, groups: ['grondplan-beheer'] });
    const { answer } = await sso.ssoSignIn('root-sub');
    expect(answer).toMatchObject({ __typename: 'ForbiddenError', message: INSTANCE_ADMIN_REFUSED });
    expect(await t.db.prisma.session.count({ where: { userId: root.id } })).toBe(0);
  });

  it('cannot have their account linked to a provider', async () => {
    const root = await createUser(t.db, 'beheer@emmen.test', [], { instanceAdmin: true, password: PASSWORD });
    idp.accounts.set('beheer-sub', { email: root.email, email_verified: true, groups: [] });
    const { answer } = await sso.ssoSignIn('beheer-sub');
    expect(answer).toMatchObject({ __typename: 'ForbiddenError', message: INSTANCE_ADMIN_REFUSED });
    expect(await t.db.prisma.ssoFlow.count({ where: { userId: root.id } })).toBe(0);

    // An account that became an instance administrator while its link waited for the password is refused too.
    const later = await createUser(t.db, 'wordt-beheerder@emmen.test', [], { password: PASSWORD });
    idp.accounts.set('later-sub', { email: later.email, email_verified: true, groups: [] });
    const { flow } = await sso.ssoSignIn('later-sub');
    await t.db.prisma.user.update({ where: { id: later.id }, data: { isInstanceAdmin: true } });
    expect(await sso.link(flow.flowToken, PASSWORD)).toMatchObject({
      __typename: 'ForbiddenError',
      message: INSTANCE_ADMIN_REFUSED,
    });
    expect(await t.db.prisma.userIdentity.count({ where: { userId: later.id } })).toBe(0);
  });
});

describe('an account promoted to instance administrator', () => {
  it('loses its provider session, tokens and links at once, and a provider session of an administrator is refused', async () => {
    const user = await createUser(t.db, 'promotie@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }], {
      password: PASSWORD,
    });
    await t.db.prisma.userIdentity.create({ data: { userId: user.id, providerId, subject: 'promotie-sub' } });
    idp.accounts.set('promotie-sub', { email: user.email, email_verified: true, groups: ['grondplan-redactie'] });
    const session = (await sso.ssoSignIn('promotie-sub')).answer.data?.session?.token ?? '';
    expect(await authenticate(t.db, { sessionToken: session })).not.toBeNull();

    // Promoted from the command line: the provider's session and the account's tokens and links end with it.
    await addUser(t.db, { email: user.email, instanceAdmin: true });
    expect(await authenticate(t.db, { sessionToken: session })).toBeNull();
    expect(await authenticate(t.db, { bearerToken: user.token })).toBeNull();
    expect(await t.db.prisma.userIdentity.count({ where: { userId: user.id } })).toBe(0);

    // Even a provider session that somehow outlived the promotion carries no instance administration.
    const other = await createUser(t.db, 'promotie2@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }], {
      password: PASSWORD,
    });
    await t.db.prisma.userIdentity.create({ data: { userId: other.id, providerId, subject: 'promotie2-sub' } });
    idp.accounts.set('promotie2-sub', { email: other.email, email_verified: true, groups: ['grondplan-redactie'] });
    const kept = (await sso.ssoSignIn('promotie2-sub')).answer.data?.session?.token ?? '';
    await t.db.prisma.user.update({ where: { id: other.id }, data: { isInstanceAdmin: true } });
    expect(await authenticate(t.db, { sessionToken: kept })).toBeNull();
  });

  it('loses its provider links when its password is reset from the command line', async () => {
    const user = await createUser(t.db, 'cli-reset@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: PASSWORD,
    });
    await t.db.prisma.userIdentity.create({ data: { userId: user.id, providerId, subject: 'cli-reset-sub' } });
    await addUser(t.db, {
      email: user.email,
      password: 'een nieuw eenmalig wachtwoord voor de proef',
      resetPassword: true,
    });
    expect(await t.db.prisma.userIdentity.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe('addresses the provider sends the browser to', () => {
  it('are the hub’s own: a caller cannot choose the callback or the address after signing out', async () => {
    const flow = await sso.start();
    expect(new URL(flow.authorizationUrl).searchParams.get('redirect_uri')).toBe(CALLBACK);
    const foreign = await sso.anonymous(
      `mutation { startSsoSignIn(email: "x@emmen.test", redirectUri: "https://aanvaller.example/vang") { __typename ... on StartSsoSignInSuccess { data { authorizationUrl } } } }`,
    );
    expect(foreign.errors?.[0]?.message).toMatch(/redirectUri/);
    expect(JSON.stringify(foreign)).not.toContain('aanvaller.example/vang');
    const signOut = await sso.anonymous(
      `mutation { signOutWithProvider(token: "x", postLogoutRedirectUri: "https://aanvaller.example/") { __typename } }`,
    );
    expect(signOut.errors?.[0]?.message).toMatch(/postLogoutRedirectUri/);

    // With GRONDPLAN_PUBLIC_URL set, that address is used whatever the request's own origin.
    const before = process.env.GRONDPLAN_PUBLIC_URL;
    process.env.GRONDPLAN_PUBLIC_URL = 'https://grondplan.example.nl';
    try {
      const configured = await sso.start();
      expect(new URL(configured.authorizationUrl).searchParams.get('redirect_uri')).toBe(
        'https://grondplan.example.nl/inloggen/sso/terug',
      );
    } finally {
      if (before === undefined) delete process.env.GRONDPLAN_PUBLIC_URL;
      else process.env.GRONDPLAN_PUBLIC_URL = before;
    }
  });
});

describe('the audit trail', () => {
  it('records only a known OAuth error code from the callback, never its free text', async () => {
    const flow = await sso.start();
    const callback = new URL(await signInAtProvider(idp, flow.authorizationUrl, 'an-sub', { cancel: true }));
    callback.searchParams.set('error', 'Bel 0800-1234 voor hulp <script>');
    callback.searchParams.set('error_description', 'Uw wachtwoord is verlopen, ga naar https://aanvaller.example');
    const answer = await sso.complete(flow.flowToken, callback.href);
    expect(answer.__typename).toBe('ForbiddenError');
    const [event] = await t.db.prisma.auditEvent.findMany({
      where: { action: 'SIGN_IN_FAILED' },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 1,
    });
    expect(event?.changes).toContain('onbekende fout');
    expect(event?.changes).not.toMatch(/0800|script|aanvaller|verlopen/);

    // A known code is kept as it is.
    const known = await sso.start();
    const cancelled = await signInAtProvider(idp, known.authorizationUrl, 'an-sub', { cancel: true });
    await sso.complete(known.flowToken, cancelled);
    const [last] = await t.db.prisma.auditEvent.findMany({
      where: { action: 'SIGN_IN_FAILED' },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 1,
    });
    expect(JSON.parse(last?.changes ?? '{}').reason.after).toBe('antwoord van de provider: access_denied');
  });
});

describe('removal at the provider', () => {
  it('ends the sessions and API tokens of an account whose last membership the mapping removes', async () => {
    const member = await createUser(t.db, 'nel@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }]);
    await t.db.prisma.userIdentity.create({ data: { userId: member.id, providerId, subject: 'nel-sub' } });
    idp.accounts.set('nel-sub', { email: member.email, email_verified: true, groups: ['grondplan-redactie'] });
    const session = (await sso.ssoSignIn('nel-sub')).answer.data?.session?.token ?? '';
    expect(await authenticate(t.db, { sessionToken: session })).not.toBeNull();
    await graphqlClient(t.db, admin.token)(UPDATE, {
      id: providerId,
      input: settings({ defaultRole: null, clientSecret: null }),
    });
    try {
      idp.accounts.set('nel-sub', { email: member.email, email_verified: true, groups: [] });
      expect((await sso.ssoSignIn('nel-sub')).answer.message).toContain('geen rol in Grondplan');
    } finally {
      await graphqlClient(t.db, admin.token)(UPDATE, { id: providerId, input: settings({ clientSecret: null }) });
    }
    expect(await t.db.prisma.userMembership.count({ where: { userId: member.id } })).toBe(0);
    expect(await authenticate(t.db, { sessionToken: session })).toBeNull();
    expect(await authenticate(t.db, { bearerToken: member.token })).toBeNull();
  });
});

describe('password sign-in switched off', () => {
  it('ends the members’ sessions not opened through the provider and revokes their API tokens, audited; instance administrators keep theirs', async () => {
    const setPasswordSignIn = (enabled: boolean) =>
      graphqlClient(t.db, admin.token)<{ setPasswordSignIn: Answer }>(
        `mutation($e: Boolean!) { setPasswordSignIn(organisation: "emmen", enabled: $e) { __typename ... on Error { message } } }`,
        { e: enabled },
      );
    const member = await createUser(t.db, 'piet@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }], {
      password: PASSWORD,
    });
    const root = await createUser(t.db, 'root2@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      instanceAdmin: true,
    });
    const elsewhere = await createUser(t.db, 'iemand@coevorden.test', [{ organisation: 'coevorden', role: 'EDITOR' }]);
    const signedIn = await sso.anonymous<{ signIn: Answer<{ token: string }> }>(
      `mutation { signIn(email: "piet@emmen.test", password: "${PASSWORD}") { __typename ... on SignInSuccess { data { token } } } }`,
    );
    const passwordSession = signedIn.data?.signIn.data?.token ?? '';
    await t.db.prisma.userIdentity.create({ data: { userId: member.id, providerId, subject: 'piet-sub' } });
    idp.accounts.set('piet-sub', { email: member.email, email_verified: true, groups: ['grondplan-redactie'] });
    const providerSession = (await sso.ssoSignIn('piet-sub')).answer.data?.session?.token ?? '';
    expect(await authenticate(t.db, { sessionToken: passwordSession })).not.toBeNull();

    expect((await setPasswordSignIn(false)).data?.setPasswordSignIn.__typename).toBe('SetPasswordSignInSuccess');
    try {
      expect(await authenticate(t.db, { sessionToken: passwordSession })).toBeNull();
      expect(await authenticate(t.db, { bearerToken: member.token })).toBeNull();
      expect(await authenticate(t.db, { sessionToken: providerSession })).not.toBeNull();
      expect(await authenticate(t.db, { bearerToken: root.token })).not.toBeNull();
      expect(await authenticate(t.db, { bearerToken: elsewhere.token })).not.toBeNull();
      const [event] = await t.db.prisma.auditEvent.findMany({
        where: { entityType: 'Organisation', action: 'UPDATE' },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 1,
      });
      const changes = JSON.parse(event?.changes ?? '{}');
      expect(changes.passwordSignIn).toEqual({ before: true, after: false });
      expect(changes.sessionsEnded.after).toBeGreaterThanOrEqual(1);
      expect(changes.tokensRevoked.after).toBeGreaterThanOrEqual(1);
    } finally {
      await setPasswordSignIn(true);
    }
  });
});

describe('password sign-in switched off while a second step waits', () => {
  it('ends the step, so the code after it opens no password session', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXR';
    const member = await createUser(t.db, 'halverwege@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: PASSWORD,
      totpSecret: secret,
    });
    const first = await sso.anonymous<{ signIn: { __typename: string; challenge?: string } }>(
      `mutation { signIn(email: "${member.email}", password: "${PASSWORD}") { __typename ... on SecondFactorRequiredError { challenge } } }`,
    );
    const challenge = first.data?.signIn.challenge ?? '';
    expect(challenge).not.toBe('');
    const switched = await graphqlClient(
      t.db,
      admin.token,
    )<{ setPasswordSignIn: Answer }>(
      `mutation { setPasswordSignIn(organisation: "emmen", enabled: false) { __typename ... on Error { message } } }`,
    );
    expect(switched.data?.setPasswordSignIn.__typename).toBe('SetPasswordSignInSuccess');
    try {
      const second = await sso.anonymous<{ completeSignIn: Answer<{ token: string }> }>(
        `mutation($c: String!, $code: String) { completeSignIn(challenge: $c, code: $code) { __typename ... on Error { message } ... on CompleteSignInSuccess { data { token } } } }`,
        { c: challenge, code: await nextTotpCode(member.email, secret) },
      );
      expect(second.data?.completeSignIn.__typename).not.toBe('CompleteSignInSuccess');
      expect(await t.db.prisma.session.count({ where: { userId: member.id } })).toBe(0);
    } finally {
      await graphqlClient(
        t.db,
        admin.token,
      )(`mutation { setPasswordSignIn(organisation: "emmen", enabled: true) { __typename } }`);
    }
  });
});

describe('a session from a provider', () => {
  it('adds a first factor to an account with a password only after that password, which the provider never proved', async () => {
    const secretOf = 'mutation { startTotpSetup { __typename ... on StartTotpSetupSuccess { data { secret } } } }';
    const CONFIRM = `mutation($c: String!, $p: String) { confirmTotp(code: $c, password: $p) { __typename ... on ValidationError { problems { path message } } ... on ConfirmTotpSuccess { data { codes } } } }`;
    const user = await createUser(t.db, 'via-provider@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: PASSWORD,
    });
    await t.db.prisma.userIdentity.create({ data: { userId: user.id, providerId, subject: 'via-provider-sub' } });
    idp.accounts.set('via-provider-sub', { email: user.email, email_verified: true, groups: [] });
    const session = (await sso.ssoSignIn('via-provider-sub')).answer.data?.session?.token ?? '';
    const client = visitorClient(t.db, { session, address: '192.0.2.77' });
    const factors = await client<{ viewer: { secondFactors: { addingNeedsPassword: boolean } } }>(
      '{ viewer { secondFactors { addingNeedsPassword } } }',
    );
    expect(factors.data?.viewer.secondFactors.addingNeedsPassword).toBe(true);
    const secret =
      (await client<{ startTotpSetup: Answer<{ secret: string }> }>(secretOf)).data?.startTotpSetup.data?.secret ?? '';
    expect(secret).not.toBe('');
    const without = await client<{ confirmTotp: Answer }>(CONFIRM, { c: await nextTotpCode(user.email, secret) });
    expect(without.data?.confirmTotp.problems?.[0]?.path.at(-1)).toBe('password');
    expect(await t.db.prisma.totpFactor.count({ where: { userId: user.id, confirmedAt: { not: null } } })).toBe(0);
    const withPassword = await client<{ confirmTotp: Answer }>(CONFIRM, {
      c: await nextTotpCode(user.email, secret),
      p: PASSWORD,
    });
    expect(withPassword.data?.confirmTotp.__typename).toBe('ConfirmTotpSuccess');
  });
});

describe('links to providers', () => {
  const UNLINK = `mutation($id: ID!) { unlinkIdentityProvider(id: $id) { __typename ... on Error { message } ... on ValidationError { problems { message } } } }`;
  const linked = async (email: string, options: { password?: string } = {}) => {
    const user = await createUser(t.db, email, [{ organisation: 'emmen', role: 'VIEWER' }], options);
    const identity = await t.db.prisma.userIdentity.create({
      data: { userId: user.id, providerId, subject: `${email}-sub` },
    });
    return { user, identity };
  };
  const links = (userId: string) => t.db.prisma.userIdentity.count({ where: { userId } });

  it('the owner removes a link from an account with a password, audited; not another’s, and not the only way in', async () => {
    const { user, identity } = await linked('ria@emmen.test', { password: PASSWORD });
    const other = await linked('sem@emmen.test');
    const theirs = await graphqlClient(t.db, user.token)<{ unlinkIdentityProvider: Answer }>(UNLINK, {
      id: other.identity.id,
    });
    expect(theirs.data?.unlinkIdentityProvider.__typename).toBe('NotFoundError');
    expect(await links(other.user.id)).toBe(1);
    const own = await graphqlClient(t.db, user.token)<{ unlinkIdentityProvider: Answer }>(UNLINK, { id: identity.id });
    expect(own.data?.unlinkIdentityProvider.__typename).toBe('UnlinkIdentityProviderSuccess');
    expect(await links(user.id)).toBe(0);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'User', action: 'SSO_UNLINK' },
    });
    expect(JSON.parse(audit.changes)).toMatchObject({
      email: { after: user.email },
      provider: { after: 'Emmen Entra ID' },
    });
    expect(audit.changes).not.toContain('sub');
    // An account made by single sign-on has no password: the link is its only way in.
    await t.db.prisma.user.update({ where: { id: other.user.id }, data: { passwordHash: '' } });
    const only = await graphqlClient(t.db, other.user.token)<{ unlinkIdentityProvider: Answer }>(UNLINK, {
      id: other.identity.id,
    });
    expect(only.data?.unlinkIdentityProvider.__typename).toBe('ValidationError');
    expect(await links(other.user.id)).toBe(1);
  });

  it('go when an instance administrator disables the account, and when its password is reset by mail', async () => {
    const blocked = await linked('tom@emmen.test');
    const disabled = await graphqlClient(
      t.db,
      admin.token,
    )<{ disableUser: Answer }>(`mutation { disableUser(email: "tom@emmen.test") { __typename } }`);
    expect(disabled.data?.disableUser.__typename).toBe('DisableUserSuccess');
    expect(await links(blocked.user.id)).toBe(0);

    const reset = await linked('uma@emmen.test', { password: PASSWORD });
    const token = 'gpr_reset-token-voor-de-test-0123456789';
    await t.db.prisma.passwordReset.create({
      data: { tokenHash: sha256(token), userId: reset.user.id, expiresAt: new Date(Date.now() + 600_000) },
    });
    const done = await sso.anonymous<{ resetPassword: Answer }>(
      `mutation($t: String!) { resetPassword(token: $t, password: "een heel nieuw en lang wachtwoord") { __typename ... on Error { message } } }`,
      {
        t: token,
      },
    );
    expect(done.data?.resetPassword.__typename).toBe('ResetPasswordSuccess');
    expect(await links(reset.user.id)).toBe(0);
  });
});

describe('the pending link', () => {
  it('is read afresh every time, never from the answer cache', async () => {
    const owner = await createUser(t.db, 'olga@emmen.test', [], { password: PASSWORD });
    idp.accounts.set('olga-sub', { email: owner.email, email_verified: true, groups: [] });
    const { flow } = await sso.ssoSignIn('olga-sub');
    const query = `query($f: String!) { ssoPendingLink(flowToken: $f) { email } }`;
    expect(
      (await sso.anonymous<{ ssoPendingLink: { email: string } | null }>(query, { f: flow.flowToken })).data
        ?.ssoPendingLink?.email,
    ).toBe(owner.email);
    t.db.queries.log = [];
    t.db.queries.recording = true;
    try {
      await sso.anonymous(query, { f: flow.flowToken });
    } finally {
      t.db.queries.recording = false;
    }
    expect(t.db.queries.log.some((sql) => /SsoFlow/.test(sql))).toBe(true);
  });
});

describe('links follow the provider', () => {
  const linkedMember = async (email: string, subject: string) => {
    const user = await createUser(t.db, email, [{ organisation: 'emmen', role: 'VIEWER' }]);
    await t.db.prisma.userIdentity.create({ data: { userId: user.id, providerId, subject } });
    idp.accounts.set(subject, { email, email_verified: true, groups: ['grondplan-redactie'] });
    return user;
  };
  const update = (overrides: Record<string, unknown>) =>
    graphqlClient(t.db, admin.token)<{ updateIdentityProvider: Answer }>(UPDATE, {
      id: providerId,
      input: settings(overrides),
    });
  const lastProviderChange = async () => {
    const [event] = await t.db.prisma.auditEvent.findMany({
      where: { entityType: 'IdentityProvider', action: 'UPDATE' },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 1,
    });
    return JSON.parse(event?.changes ?? '{}');
  };
  const sessions = (userId: string) => t.db.prisma.session.count({ where: { userId } });

  it('end when the provider moves to another organisation: its linked users get no sign-in and no membership there', async () => {
    const wim = await linkedMember('wim@emmen.test', 'wim-sub');
    expect((await sso.ssoSignIn('wim-sub')).answer.__typename).toBe('CompleteSsoSignInSuccess');
    const coevorden = await t.db.prisma.organisation.update({
      where: { slug: 'coevorden' },
      data: { emailDomains: 'coevorden.test' },
    });
    try {
      const moved = await update({ organisation: 'coevorden', emailDomains: ['coevorden.test'], clientSecret: null });
      expect(moved.data?.updateIdentityProvider.__typename).toBe('UpdateIdentityProviderSuccess');
      expect(await t.db.prisma.userIdentity.count({ where: { providerId } })).toBe(0);
      expect((await lastProviderChange()).linksRemoved.after).toBeGreaterThanOrEqual(1);

      const before = await sessions(wim.id);
      const { answer } = await sso.ssoSignIn('wim-sub', providerId);
      expect(answer).toMatchObject({ __typename: 'ForbiddenError' });
      expect(answer.message).toContain('hoort niet bij de maildomeinen');
      expect(await sessions(wim.id)).toBe(before);
      expect(await t.db.prisma.userMembership.count({ where: { userId: wim.id, organisationId: coevorden.id } })).toBe(
        0,
      );
    } finally {
      await update({ clientSecret: null });
      await t.db.prisma.organisation.update({ where: { slug: 'coevorden' }, data: { emailDomains: '' } });
    }
  });

  it('no longer sign in an account whose mail domain the provider or its organisation gave up', async () => {
    const xander = await linkedMember('xander@emmen.test', 'xander-sub');
    expect((await sso.ssoSignIn('xander-sub')).answer.__typename).toBe('CompleteSsoSignInSuccess');
    const before = await sessions(xander.id);
    // The provider gives up emmen.test (keeping emmen.nl): a change that keeps the links, not the sign-in.
    expect(
      (await update({ emailDomains: ['emmen.nl'], clientSecret: null })).data?.updateIdentityProvider.__typename,
    ).toBe('UpdateIdentityProviderSuccess');
    try {
      expect(await t.db.prisma.userIdentity.count({ where: { userId: xander.id } })).toBe(1);
      idp.accounts.set('xander-sub', { email: xander.email, email_verified: true, groups: ['grondplan-beheer'] });
      // Started at the provider itself (the sign-in page lists it): starting by the address no longer finds it.
      const { answer } = await sso.ssoSignIn('xander-sub', providerId);
      expect(answer).toMatchObject({ __typename: 'ForbiddenError' });
      expect(answer.message).toContain(
        `Het e-mailadres ${xander.email} hoort niet bij de maildomeinen waarvoor Emmen Entra ID mag inloggen.`,
      );
      expect(await sessions(xander.id)).toBe(before);
    } finally {
      await update({ clientSecret: null });
    }
    // The organisation gives up emmen.test while the provider keeps it: refused the same way.
    await t.db.prisma.organisation.update({ where: { slug: 'emmen' }, data: { emailDomains: 'emmen.nl' } });
    try {
      expect((await sso.ssoSignIn('xander-sub', providerId)).answer.message).toContain(
        'hoort niet bij de maildomeinen',
      );
      expect(await sessions(xander.id)).toBe(before);
    } finally {
      await t.db.prisma.organisation.update({
        where: { slug: 'emmen' },
        data: { emailDomains: 'emmen.nl emmen.test' },
      });
    }
    // Nothing was changed on the refused sign-ins: the role the provider now maps is given only once it vouches again.
    expect((await t.db.prisma.userMembership.findFirstOrThrow({ where: { userId: xander.id } })).role).toBe('EDITOR');
    expect((await sso.ssoSignIn('xander-sub')).answer.__typename).toBe('CompleteSsoSignInSuccess');
    expect((await t.db.prisma.userMembership.findFirstOrThrow({ where: { userId: xander.id } })).role).toBe('ADMIN');
  });

  it('are not made for a domain the provider gave up while the link waited for the password', async () => {
    const owner = await createUser(t.db, 'ans@emmen.test', [], { password: PASSWORD });
    idp.accounts.set('ans-sub', { email: owner.email, email_verified: true, groups: [] });
    const { flow, answer } = await sso.ssoSignIn('ans-sub');
    expect(answer.data?.linkEmail).toBe(owner.email);
    expect(
      (await update({ emailDomains: ['emmen.nl'], clientSecret: null })).data?.updateIdentityProvider.__typename,
    ).toBe('UpdateIdentityProviderSuccess');
    try {
      expect((await sso.link(flow.flowToken, PASSWORD)).message).toContain('hoort niet bij de maildomeinen');
      expect(await t.db.prisma.userIdentity.count({ where: { userId: owner.id } })).toBe(0);
      expect(await sessions(owner.id)).toBe(0);
    } finally {
      await update({ clientSecret: null });
    }
    expect((await sso.link(flow.flowToken, PASSWORD)).message).toBe(FLOW_GONE);
  });

  it('end when the issuer changes: the same subject at the new issuer is someone else', async () => {
    const yara = await linkedMember('yara@emmen.test', 'gedeeld-sub');
    expect((await sso.ssoSignIn('gedeeld-sub')).answer.__typename).toBe('CompleteSsoSignInSuccess');
    const other = await startOidcProvider({ redirectUris: [CALLBACK], postLogoutRedirectUris: [`${HUB}/`] });
    try {
      const moved = await update({ issuer: other.issuer, clientId: other.clientId, clientSecret: other.clientSecret });
      expect(moved.data?.updateIdentityProvider.__typename).toBe('UpdateIdentityProviderSuccess');
      expect(await t.db.prisma.userIdentity.count({ where: { userId: yara.id } })).toBe(0);
      expect((await lastProviderChange()).linksRemoved.after).toBeGreaterThanOrEqual(1);

      const before = await sessions(yara.id);
      other.accounts.set('gedeeld-sub', {
        email: 'zeger@emmen.test',
        email_verified: true,
        groups: ['grondplan-beheer'],
      });
      const { answer } = await ssoClient(t.db, other).ssoSignIn('gedeeld-sub');
      expect(answer.__typename).toBe('CompleteSsoSignInSuccess');
      const viewer = await authenticate(t.db, { sessionToken: answer.data?.session?.token ?? '' });
      expect(viewer?.email).toBe('zeger@emmen.test');
      expect(await sessions(yara.id)).toBe(before);
    } finally {
      await update({});
      await other.stop();
    }
  });
});
