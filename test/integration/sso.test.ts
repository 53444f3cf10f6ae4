// Single sign-on through a real OpenID Connect provider (oidc-provider on a loopback port): registering it, first
// sign-in with provisioning and role mapping, linking an existing account, single sign-out, password sign-in switched
// off, and every refusal: tampered, foreign and expired ID tokens, a wrong state, a replayed answer, an unverified
// address and a foreign domain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_SIGN_IN_OFF, SIGN_IN_FAILED, sha256 } from '#core/auth.ts';
import { authenticate } from '#core/credentials.ts';
import { replaceRecoveryCodes, MESSAGES as SECOND_STEP } from '#core/second-factor.ts';
import { ANSWER_REFUSED, FLOW_GONE, LINK_ATTEMPTS } from '#core/sso.ts';
import { NO_SECOND_FACTOR, WRONG_PASSWORD } from '#core/sso-link.ts';
import { addUser } from '#core/users.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { signInAtProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import {
  type Answer,
  HUB,
  type Outcome,
  providerSettings,
  type SsoSetUp,
  START,
  setUpSso,
  ssoClient,
} from '../helpers/sso.ts';
import { nextTotpCode, TEST_TOTP_SECRET } from '../helpers/totp.ts';
import { createUser, type TestUser } from '../helpers/users.ts';

const PASSWORD = 'correct horse battery staple';

let t: TestDatabase;
let idp: TestProvider;
let admin: TestUser;
let emmenAdmin: TestUser;
let providerId: string;
let emmenId: string;
let sso: ReturnType<typeof ssoClient>;

const PROVIDER_FIELDS =
  'id name issuer clientId emailDomains roleClaim viewerValues editorValues adminValues defaultRole enabled organisation { slug }';
const CREATE = `mutation($input: IdentityProviderInput!) { createIdentityProvider(input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on CreateIdentityProviderSuccess { data { ${PROVIDER_FIELDS} } } } }`;
const UPDATE = `mutation($id: ID!, $input: IdentityProviderInput!) { updateIdentityProvider(id: $id, input: $input) { __typename ... on Error { message } ... on UpdateIdentityProviderSuccess { data { ${PROVIDER_FIELDS} } } } }`;
const LINK = `mutation($f: String!, $p: String!, $c: String, $r: String) { linkSsoAccount(flowToken: $f, password: $p, code: $c, recoveryCode: $r) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on LinkSsoAccountSuccess { data { token } } } }`;
const SIGN_OUT = `mutation($t: String!) { signOutWithProvider(token: $t) { __typename ... on SignOutWithProviderSuccess { data { providerSignOutUrl } } } }`;
const SET_PASSWORD_SIGN_IN = `mutation($o: String!, $e: Boolean!) { setPasswordSignIn(organisation: $o, enabled: $e) { __typename ... on Error { message } ... on SetPasswordSignInSuccess { data { passwordSignIn singleSignOn } } } }`;
const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on Error { message } ... on SignInSuccess { data { token } } } }`;

const settings = (overrides: Record<string, unknown> = {}) => providerSettings(idp, overrides);

beforeAll(async () => {
  let created: SsoSetUp['created'];
  ({ t, idp, admin, created, providerId } = await setUpSso());
  emmenAdmin = await createUser(t.db, 'admin@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }]);
  emmenId = (await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' } })).id;
  expect(created?.createIdentityProvider.__typename).toBe('CreateIdentityProviderSuccess');
  sso = ssoClient(t.db, idp);
});
afterAll(async () => {
  await idp?.stop();
  await t?.drop();
});

const anonymous = () => graphqlClient(t.db);

// The helper's client is made once the database and provider are there; these keep the tests' own short names.
const start = (email?: string, returnPath?: string) => sso.start(email, returnPath);
const complete = (flowToken: string, callbackUrl: string) => sso.complete(flowToken, callbackUrl);
const ssoSignIn = (login: string) => sso.ssoSignIn(login);

async function rolesOf(token: string) {
  const viewer = await authenticate(t.db, { sessionToken: token });
  return viewer?.memberships.map((m) => m.role) ?? null;
}

const lastFailure = async () =>
  t.db.prisma.auditEvent.findFirstOrThrow({
    where: { entityType: 'Session', action: 'SIGN_IN_FAILED' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });

describe('registering a provider', () => {
  it('keeps the client secret write-only: no field, list or audit entry returns it', async () => {
    const gql = graphqlClient(t.db, admin.token);
    const listed = await gql(`{ identityProviders { ${PROVIDER_FIELDS} updatedAt } }`);
    expect(JSON.stringify(listed)).toContain('Emmen Entra ID');
    expect(JSON.stringify(listed)).not.toContain(idp.clientSecret);
    const audit = await t.db.prisma.auditEvent.findMany({ where: { entityType: 'IdentityProvider' } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(idp.clientSecret);
    expect(JSON.parse(audit[0]?.changes ?? '{}').clientSecret).toEqual({ before: null, after: 'vastgelegd' });
    // A change without a secret keeps the stored one; the schema has no field that could carry it.
    const updated = await gql<{ updateIdentityProvider: Answer }>(UPDATE, {
      id: providerId,
      input: settings({ clientSecret: '' }),
    });
    expect(updated.data?.updateIdentityProvider.__typename).toBe('UpdateIdentityProviderSuccess');
    expect((await t.db.prisma.identityProvider.findUniqueOrThrow({ where: { id: providerId } })).clientSecret).toBe(
      idp.clientSecret,
    );
    const schema = await gql<{ __type: { fields: { name: string }[] } }>(
      `{ __type(name: "IdentityProvider") { fields { name } } }`,
    );
    expect(schema.data?.__type.fields.map((f) => f.name)).not.toContain('clientSecret');
  });

  it('is for instance administrators only, with Dutch validation', async () => {
    const refused = await graphqlClient(t.db, emmenAdmin.token)<{ createIdentityProvider: Answer }>(CREATE, {
      input: settings({ name: 'Eigen' }),
    });
    expect(refused.data?.createIdentityProvider).toMatchObject({ __typename: 'ForbiddenError' });
    const list = await graphqlClient(t.db, emmenAdmin.token)(`{ identityProviders { id } }`);
    expect(list.errors?.[0]?.message).toBeTruthy();
    const invalid = await graphqlClient(t.db, admin.token)<{ createIdentityProvider: Answer }>(CREATE, {
      input: settings({
        issuer: 'http://idp.example.org',
        emailDomains: [],
        roleClaim: '',
        defaultRole: null,
        clientSecret: '',
      }),
    });
    const problems = invalid.data?.createIdentityProvider.problems ?? [];
    expect(problems.map((p) => p.path.at(-1)).sort()).toEqual(['clientSecret', 'emailDomains', 'issuer']);
    expect(problems.find((p) => p.path.at(-1) === 'issuer')?.message).toMatch(/https:\/\//);
  });
});

describe('signing in through the provider', () => {
  it('provisions an account on first sign-in with the mapped role, audited, without a usable password', async () => {
    idp.accounts.set('an-sub', {
      email: 'An@Emmen.test',
      email_verified: true,
      name: 'An de Vries',
      groups: ['grondplan-redactie', 'iets-anders'],
    });
    const { answer } = await ssoSignIn('an-sub');
    expect(answer.__typename).toBe('CompleteSsoSignInSuccess');
    expect(answer.data?.returnPath).toBe('/organisaties/emmen');
    const token = answer.data?.session?.token ?? '';
    expect(await rolesOf(token)).toEqual(['EDITOR']);
    const user = await t.db.prisma.user.findUniqueOrThrow({
      where: { email: 'an@emmen.test' },
      include: { identities: true },
    });
    expect(user).toMatchObject({ name: 'An de Vries', passwordHash: '' });
    expect(user.identities.map((i) => i.subject)).toEqual(['an-sub']);
    const session = await t.db.prisma.session.findUniqueOrThrow({
      where: { id: sha256(token) },
      include: { sso: true },
    });
    expect(session.method).toBe('OIDC');
    expect(session.sso?.idToken.split('.')).toHaveLength(3);
    const provisioned = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'User', action: 'SSO_PROVISION' },
    });
    expect(JSON.parse(provisioned.changes)).toMatchObject({
      email: { after: 'an@emmen.test' },
      role: { after: 'EDITOR' },
    });
    // No password signs in to an account made by single sign-on.
    const password = await anonymous()<{ signIn: Answer }>(SIGN_IN, { e: 'an@emmen.test', p: '' });
    expect(password.data?.signIn.__typename).not.toBe('SignInSuccess');
  });

  it('takes the role from the claims at every sign-in (the mapped role wins), with the default role when none is mapped', async () => {
    idp.accounts.set('cas-sub', { email: 'cas@emmen.test', email_verified: true, groups: [] });
    const first = await ssoSignIn('cas-sub');
    expect(await rolesOf(first.answer.data?.session?.token ?? '')).toEqual(['VIEWER']);
    idp.accounts.set('cas-sub', {
      email: 'cas@emmen.test',
      email_verified: true,
      groups: ['grondplan-beheer', 'grondplan-lezers'],
    });
    const second = await ssoSignIn('cas-sub');
    expect(await rolesOf(second.answer.data?.session?.token ?? '')).toEqual(['ADMIN']);
    const changed = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'Membership', action: 'UPDATE' },
      orderBy: { createdAt: 'desc' },
    });
    expect(JSON.parse(changed.changes).role).toEqual({ before: 'VIEWER', after: 'ADMIN' });
    // Without a default role, no mapped value means no access: refused, and the membership the provider gave goes.
    await graphqlClient(t.db, admin.token)(UPDATE, {
      id: providerId,
      input: settings({ defaultRole: null, clientSecret: null }),
    });
    idp.accounts.set('cas-sub', { email: 'cas@emmen.test', email_verified: true, groups: ['iets-anders'] });
    const third = await ssoSignIn('cas-sub');
    expect(third.answer).toMatchObject({ __typename: 'ForbiddenError' });
    expect(third.answer.message).toContain('geen rol in Grondplan');
    const cas = await t.db.prisma.user.findUniqueOrThrow({
      where: { email: 'cas@emmen.test' },
      include: { memberships: true },
    });
    expect(cas.memberships).toEqual([]);
    await graphqlClient(t.db, admin.token)(UPDATE, { id: providerId, input: settings({ clientSecret: null }) });
  });

  it('links an existing account only after its password, then matches on the subject, not the address', async () => {
    const existing = await createUser(t.db, 'bo@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: PASSWORD,
    });
    idp.accounts.set('bo-sub', { email: 'bo@emmen.test', email_verified: true, groups: ['grondplan-redactie'] });
    const { flow, answer } = await ssoSignIn('bo-sub');
    expect(answer.data).toMatchObject({ session: null, linkEmail: 'bo@emmen.test', providerName: 'Emmen Entra ID' });
    expect(await t.db.prisma.userIdentity.count({ where: { userId: existing.id } })).toBe(0);
    const pending = await anonymous()<{ ssoPendingLink: { email: string } | null }>(
      `query($f: String!) { ssoPendingLink(flowToken: $f) { email providerName } }`,
      {
        f: flow.flowToken,
      },
    );
    expect(pending.data?.ssoPendingLink?.email).toBe('bo@emmen.test');

    const wrong = await anonymous()<{ linkSsoAccount: Answer }>(LINK, { f: flow.flowToken, p: 'not the password' });
    expect(wrong.data?.linkSsoAccount).toMatchObject({ __typename: 'ForbiddenError', message: WRONG_PASSWORD });
    expect(await t.db.prisma.userIdentity.count({ where: { userId: existing.id } })).toBe(0);
    // Another flow's token links nothing.
    const other = await anonymous()<{ linkSsoAccount: Answer }>(LINK, { f: 'gpf_not-a-flow', p: PASSWORD });
    expect(other.data?.linkSsoAccount.message).toBe(FLOW_GONE);

    const linked = await anonymous()<{ linkSsoAccount: Answer<{ token: string }> }>(LINK, {
      f: flow.flowToken,
      p: PASSWORD,
    });
    expect(linked.data?.linkSsoAccount.__typename).toBe('LinkSsoAccountSuccess');
    expect(await rolesOf(linked.data?.linkSsoAccount.data?.token ?? '')).toEqual(['EDITOR']);
    expect(await t.db.prisma.userIdentity.count({ where: { userId: existing.id, subject: 'bo-sub' } })).toBe(1);
    expect(await t.db.prisma.auditEvent.count({ where: { entityType: 'User', action: 'SSO_LINK' } })).toBe(1);
    // Once used, the link cannot be replayed.
    const again = await anonymous()<{ linkSsoAccount: Answer }>(LINK, { f: flow.flowToken, p: PASSWORD });
    expect(again.data?.linkSsoAccount.message).toBe(FLOW_GONE);

    // Later sign-ins match on (provider, subject): a changed address at the provider still reaches the same account.
    idp.accounts.set('bo-sub', { email: 'bo.nieuw@emmen.test', email_verified: true, groups: ['grondplan-redactie'] });
    const later = await ssoSignIn('bo-sub');
    const viewer = await authenticate(t.db, { sessionToken: later.answer.data?.session?.token ?? '' });
    expect(viewer?.email).toBe('bo@emmen.test');
  });

  it('ends a link after too many wrong passwords', async () => {
    await createUser(t.db, 'dirk@emmen.test', [], { password: PASSWORD });
    idp.accounts.set('dirk-sub', { email: 'dirk@emmen.test', email_verified: true, groups: [] });
    const { flow } = await ssoSignIn('dirk-sub');
    for (let i = 0; i < LINK_ATTEMPTS; i++) await anonymous()(LINK, { f: flow.flowToken, p: `wrong ${i}` });
    const right = await anonymous()<{ linkSsoAccount: Answer }>(LINK, { f: flow.flowToken, p: PASSWORD });
    expect(right.data?.linkSsoAccount.message).toBe(FLOW_GONE);
  });

  it('links an account with a second factor only after a code from its app or a recovery code too, each used once', async () => {
    const existing = await createUser(t.db, 'eva@emmen.test', [], { password: PASSWORD, totpSecret: TEST_TOTP_SECRET });
    const [recovery = ''] = await t.db.prisma.$transaction((tx) => replaceRecoveryCodes(tx, existing.id));
    idp.accounts.set('eva-sub', { email: 'eva@emmen.test', email_verified: true, groups: ['grondplan-lezers'] });
    const link = async (f: string, variables: { c?: string; r?: string }) =>
      (await anonymous()<{ linkSsoAccount: Answer<{ token: string }> }>(LINK, { f, p: PASSWORD, ...variables })).data
        ?.linkSsoAccount;

    const { flow } = await ssoSignIn('eva-sub');
    expect(await link(flow.flowToken, {})).toMatchObject({
      __typename: 'ValidationError',
      problems: [{ path: ['code'], message: NO_SECOND_FACTOR }],
    });
    expect(await link(flow.flowToken, { c: '000000' })).toMatchObject({
      problems: [{ path: ['code'], message: SECOND_STEP.wrongCode }],
    });
    expect(await t.db.prisma.userIdentity.count({ where: { userId: existing.id } })).toBe(0);
    // Counted as a wrong second step of the account, visible to its owner.
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: existing.id } })).secondStepFailures).toBe(1);
    expect(
      await t.db.prisma.auditEvent.count({ where: { action: 'SECOND_FACTOR_FAILED', actorId: existing.id } }),
    ).toBe(1);

    const code = await nextTotpCode(existing.email);
    expect((await link(flow.flowToken, { c: code }))?.__typename).toBe('LinkSsoAccountSuccess');
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: existing.id } })).secondStepFailures).toBe(0);

    // The same code does not link again (the replay rule); a recovery code does, once.
    await t.db.prisma.userIdentity.deleteMany({ where: { userId: existing.id } });
    const second = await ssoSignIn('eva-sub');
    expect(await link(second.flow.flowToken, { c: code })).toMatchObject({
      problems: [{ path: ['code'], message: SECOND_STEP.wrongCode }],
    });
    expect((await link(second.flow.flowToken, { r: recovery }))?.__typename).toBe('LinkSsoAccountSuccess');
    await t.db.prisma.userIdentity.deleteMany({ where: { userId: existing.id } });
    const third = await ssoSignIn('eva-sub');
    expect((await link(third.flow.flowToken, { r: recovery }))?.__typename).toBe('ValidationError');
  });

  it('refuses to link while the account’s second step is locked', async () => {
    const existing = await createUser(t.db, 'fenna@emmen.test', [], {
      password: PASSWORD,
      totpSecret: TEST_TOTP_SECRET,
    });
    await t.db.prisma.user.update({ where: { id: existing.id }, data: { secondStepFailures: 20 } });
    idp.accounts.set('fenna-sub', { email: 'fenna@emmen.test', email_verified: true, groups: [] });
    const { flow } = await ssoSignIn('fenna-sub');
    const locked = await anonymous()<{ linkSsoAccount: Answer }>(LINK, {
      f: flow.flowToken,
      p: PASSWORD,
      c: await nextTotpCode(existing.email),
    });
    expect(locked.data?.linkSsoAccount.problems).toEqual([{ path: ['code'], message: SECOND_STEP.locked }]);
    expect(await t.db.prisma.userIdentity.count({ where: { userId: existing.id } })).toBe(0);
  });

  it('ends a link waiting for an account once that account’s password is reset', async () => {
    const NEW_PASSWORD = 'zeven zwanen zwemmen zuidwaarts langs Zwartsluis';
    await createUser(t.db, 'gert@emmen.test', [], { password: PASSWORD });
    idp.accounts.set('gert-sub', { email: 'gert@emmen.test', email_verified: true, groups: [] });
    const { flow } = await ssoSignIn('gert-sub');
    await addUser(t.db, { email: 'gert@emmen.test', password: NEW_PASSWORD, resetPassword: true });
    const after = await anonymous()<{ linkSsoAccount: Answer }>(LINK, { f: flow.flowToken, p: NEW_PASSWORD });
    expect(after.data?.linkSsoAccount.message).toBe(FLOW_GONE);
  });
});

describe('refusals', () => {
  const refusedWithout = async (answer: Answer<Outcome>, email: string) => {
    expect(answer).toMatchObject({ __typename: 'ForbiddenError' });
    expect(await t.db.prisma.user.count({ where: { email } })).toBe(0);
  };

  it('refuses a tampered ID token, one meant for another client, and an expired one', async () => {
    const reasons: Record<string, string> = {};
    for (const mode of ['tampered', 'wrong-audience', 'expired'] as const) {
      idp.accounts.set(`${mode}-sub`, {
        email: `${mode}@emmen.test`,
        email_verified: true,
        groups: ['grondplan-beheer'],
      });
      idp.tokenMode = mode;
      try {
        const { answer } = await ssoSignIn(`${mode}-sub`);
        expect(answer.message).toBe(ANSWER_REFUSED);
        await refusedWithout(answer, `${mode}@emmen.test`);
        reasons[mode] = JSON.parse((await lastFailure()).changes).reason.after;
      } finally {
        idp.tokenMode = 'normal';
      }
    }
    expect(await t.db.prisma.user.count({ where: { email: 'beheerder@emmen.test' } })).toBe(0);
    // The library's own checks refused them: the signature, the audience, the expiry.
    expect(reasons.tampered).toMatch(/signature|JWS/i);
    expect(reasons['wrong-audience']).toMatch(/CLAIM_COMPARISON|aud/i);
    expect(reasons.expired).toMatch(/TIMESTAMP|exp/i);
    // The same account signs in once the tokens are sound again.
    const { answer } = await ssoSignIn('expired-sub');
    expect(answer.__typename).toBe('CompleteSsoSignInSuccess');
  });

  it('refuses a wrong state, another browser’s flow, and a replayed answer', async () => {
    idp.accounts.set('eva-sub', { email: 'eva@emmen.test', email_verified: true, groups: [] });
    const flow = await start('eva@emmen.test');
    const callback = new URL(await signInAtProvider(idp, flow.authorizationUrl, 'eva-sub'));
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state');
    const wrongState = await complete(flow.flowToken, forged.href);
    expect(wrongState.message).toBe(ANSWER_REFUSED);
    expect(JSON.parse((await lastFailure()).changes).reason.after).toBe('state klopt niet');
    // The flow is used up by that attempt: even the genuine answer is refused now.
    expect((await complete(flow.flowToken, callback.href)).message).toBe(FLOW_GONE);

    // An answer meant for one browser's flow, brought to another's (login CSRF): refused on the state.
    const victim = await start('eva@emmen.test');
    const attacker = await start('eva@emmen.test');
    const attackerCallback = await signInAtProvider(idp, attacker.authorizationUrl, 'eva-sub');
    expect((await complete(victim.flowToken, attackerCallback)).message).toBe(ANSWER_REFUSED);

    // A genuine answer works once; replaying it is refused.
    const fresh = await start('eva@emmen.test');
    const freshCallback = await signInAtProvider(idp, fresh.authorizationUrl, 'eva-sub');
    expect((await complete(fresh.flowToken, freshCallback)).__typename).toBe('CompleteSsoSignInSuccess');
    expect((await complete(fresh.flowToken, freshCallback)).message).toBe(FLOW_GONE);
    expect((await complete('', freshCallback)).message).toBe(FLOW_GONE);
  });

  it('refuses an unverified address and one outside the provider’s domains', async () => {
    idp.accounts.set('unverified-sub', {
      email: 'onbevestigd@emmen.test',
      email_verified: false,
      groups: ['grondplan-beheer'],
    });
    const unverified = await ssoSignIn('unverified-sub');
    await refusedWithout(unverified.answer, 'onbevestigd@emmen.test');
    expect(unverified.answer.message).toContain('niet als bevestigd');

    idp.accounts.set('foreign-sub', {
      email: 'iemand@coevorden.test',
      email_verified: true,
      groups: ['grondplan-beheer'],
    });
    const flow = await start('x@emmen.test');
    const foreign = await complete(flow.flowToken, await signInAtProvider(idp, flow.authorizationUrl, 'foreign-sub'));
    await refusedWithout(foreign, 'iemand@coevorden.test');
    expect(foreign.message).toContain('hoort niet bij de maildomeinen');
    // Nor can a foreign address take over an existing account of that address.
    await createUser(t.db, 'bestaand@coevorden.test', [{ organisation: 'coevorden', role: 'ADMIN' }]);
    idp.accounts.set('foreign-2', {
      email: 'bestaand@coevorden.test',
      email_verified: true,
      groups: ['grondplan-beheer'],
    });
    const flow2 = await start('x@emmen.test');
    const takeover = await complete(flow2.flowToken, await signInAtProvider(idp, flow2.authorizationUrl, 'foreign-2'));
    expect(takeover.message).toContain('hoort niet bij de maildomeinen');
  });

  it('refuses a blocked account, and a provider switched off while its sign-in was under way', async () => {
    idp.accounts.set('joop-sub', { email: 'joop@emmen.test', email_verified: true, groups: [] });
    expect((await ssoSignIn('joop-sub')).answer.__typename).toBe('CompleteSsoSignInSuccess');
    await t.db.prisma.user.update({ where: { email: 'joop@emmen.test' }, data: { disabledAt: new Date() } });
    const blocked = await ssoSignIn('joop-sub');
    expect(blocked.answer.message).toContain('geblokkeerd');

    const flow = await start('x@emmen.test');
    const callback = await signInAtProvider(idp, flow.authorizationUrl, 'an-sub');
    await graphqlClient(t.db, admin.token)(UPDATE, {
      id: providerId,
      input: settings({ enabled: false, clientSecret: null }),
    });
    try {
      expect((await complete(flow.flowToken, callback)).message).toContain('staat uit');
    } finally {
      await graphqlClient(t.db, admin.token)(UPDATE, { id: providerId, input: settings({ clientSecret: null }) });
    }
  });

  it('says so when the user cancels at the provider', async () => {
    const flow = await start('x@emmen.test');
    const callback = new URL(await signInAtProvider(idp, flow.authorizationUrl, 'an-sub', { cancel: true }));
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const answer = await complete(flow.flowToken, callback.href);
    expect(answer.message).toBe('Je organisatie heeft het inloggen afgebroken of geweigerd.');
  });

  it('finds no provider for a domain without one, and says so', async () => {
    const res = await anonymous()<{ startSsoSignIn: Answer }>(START, { e: 'iemand@coevorden.test' });
    expect(res.data?.startSsoSignIn.problems?.[0]?.message).toContain('geen inloggen via de organisatie ingesteld');
    const chosen = await anonymous()<{ startSsoSignIn: Answer<{ providerName: string }> }>(START, { p: providerId });
    expect(chosen.data?.startSsoSignIn.data?.providerName).toBe('Emmen Entra ID');
  });
});

describe('signing out', () => {
  it('ends the local session and sends the browser to the provider’s end-session endpoint with the ID token', async () => {
    idp.accounts.set('fem-sub', { email: 'fem@emmen.test', email_verified: true, groups: [] });
    const { answer } = await ssoSignIn('fem-sub');
    const token = answer.data?.session?.token ?? '';
    const idToken = (await t.db.prisma.ssoSession.findUniqueOrThrow({ where: { sessionId: sha256(token) } })).idToken;
    const res = await anonymous()<{ signOutWithProvider: Answer<{ providerSignOutUrl: string | null }> }>(SIGN_OUT, {
      t: token,
    });
    const url = new URL(res.data?.signOutWithProvider.data?.providerSignOutUrl ?? '');
    expect(url.origin + url.pathname).toBe(`${idp.issuer}/session/end`);
    expect(url.searchParams.get('id_token_hint')).toBe(idToken);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${HUB}/`);
    expect(await authenticate(t.db, { sessionToken: token })).toBeNull();
    // The provider accepts the request (its confirmation page), rather than refusing the hint or the address.
    const atProvider = await fetch(url, { redirect: 'manual' });
    expect(atProvider.status).toBe(200);
    expect(await atProvider.text()).toContain('logout');

    // A password session has no provider to sign out of.
    const password = await createUser(t.db, 'gijs@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: PASSWORD,
    });
    const signedIn = await anonymous()<{ signIn: Answer<{ token: string }> }>(SIGN_IN, {
      e: password.email,
      p: PASSWORD,
    });
    const plain = await anonymous()<{ signOutWithProvider: Answer<{ providerSignOutUrl: string | null }> }>(SIGN_OUT, {
      t: signedIn.data?.signIn.data?.token,
    });
    expect(plain.data?.signOutWithProvider.data?.providerSignOutUrl).toBeNull();
  });
});

describe('password sign-in switched off', () => {
  it('refuses members’ passwords (after checking them) while instance administrators keep theirs', async () => {
    const member = await createUser(t.db, 'hans@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }], {
      password: PASSWORD,
    });
    await createUser(t.db, 'root@grondplan.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: PASSWORD,
      instanceAdmin: true,
    });
    const editor = await graphqlClient(t.db, member.token)<{ setPasswordSignIn: Answer }>(SET_PASSWORD_SIGN_IN, {
      o: 'emmen',
      e: false,
    });
    expect(editor.data?.setPasswordSignIn.__typename).toBe('ForbiddenError');
    const off = await graphqlClient(t.db, emmenAdmin.token)<{ setPasswordSignIn: Answer }>(SET_PASSWORD_SIGN_IN, {
      o: 'emmen',
      e: false,
    });
    expect(off.data?.setPasswordSignIn).toMatchObject({
      __typename: 'SetPasswordSignInSuccess',
      data: { passwordSignIn: false, singleSignOn: true },
    });
    try {
      const right = await anonymous()<{ signIn: Answer }>(SIGN_IN, { e: member.email, p: PASSWORD });
      expect(right.data?.signIn).toMatchObject({ __typename: 'ForbiddenError', message: PASSWORD_SIGN_IN_OFF });
      // A wrong password learns nothing about the setting.
      const wrong = await anonymous()<{ signIn: Answer }>(SIGN_IN, { e: member.email, p: 'wrong password' });
      expect(wrong.data?.signIn.message).toBe(SIGN_IN_FAILED);
      const root = await anonymous()<{ signIn: Answer }>(SIGN_IN, { e: 'root@grondplan.test', p: PASSWORD });
      // The administrator's password is accepted; the second step follows (administrators always have a factor).
      expect(root.data?.signIn.__typename).toBe('SecondFactorRequiredError');
      // Single sign-on still works for the organisation's members.
      idp.accounts.set('ina-sub', { email: 'ina@emmen.test', email_verified: true, groups: [] });
      expect((await ssoSignIn('ina-sub')).answer.__typename).toBe('CompleteSsoSignInSuccess');
      const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
        where: { entityType: 'Organisation', organisationId: emmenId },
        orderBy: { createdAt: 'desc' },
      });
      expect(JSON.parse(audit.changes).passwordSignIn).toEqual({ before: true, after: false });
    } finally {
      // Disabling the last enabled provider switches password sign-in back on: nobody is locked out.
      await graphqlClient(t.db, admin.token)(UPDATE, {
        id: providerId,
        input: settings({ enabled: false, clientSecret: null }),
      });
      expect((await t.db.prisma.organisation.findUniqueOrThrow({ where: { id: emmenId } })).passwordSignIn).toBe(true);
      await graphqlClient(t.db, admin.token)(UPDATE, { id: providerId, input: settings({ clientSecret: null }) });
    }
    const back = await anonymous()<{ signIn: Answer }>(SIGN_IN, { e: member.email, p: PASSWORD });
    expect(back.data?.signIn.__typename).toBe('SignInSuccess');
  });

  it('cannot be switched off without an enabled provider', async () => {
    const borger = await createUser(t.db, 'admin@borger-odoorn.test', [
      { organisation: 'borger-odoorn', role: 'ADMIN' },
    ]);
    const res = await graphqlClient(t.db, borger.token)<{ setPasswordSignIn: Answer }>(SET_PASSWORD_SIGN_IN, {
      o: 'borger-odoorn',
      e: false,
    });
    expect(res.data?.setPasswordSignIn.__typename).toBe('ValidationError');
    expect(res.data?.setPasswordSignIn.message).toContain('ingeschakelde inlogdienst');
  });
});
