// The two-step sign-in through the API as scripts and the pages use it: a correct password opens a second step, not
// a session; a TOTP code, a recovery code (once) or a passkey passes it. Replay, the limits per step and per account,
// and the requirement of a second factor (instance administrators always, organisations by choice).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '#core/auth.ts';
import { ACCOUNT_FAILURES, MESSAGES, SecondFactorRequiredError, STEP_ATTEMPTS } from '#core/second-factor.ts';
import { SET_UP_SECOND_FACTOR_MESSAGE } from '#graphql/guard.ts';
import { BROWSER_ONLY_FACTORS } from '#graphql/types/second-factor.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { httpClient } from '../helpers/graphql.ts';
import { nextTotpCode, TEST_TOTP_SECRET } from '../helpers/totp.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let call: ReturnType<typeof httpClient>;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  t = await createTestDatabase();
  call = httpClient(t.db);
});
afterAll(() => t?.drop());

type Result = {
  __typename: string;
  message?: string;
  retryAfterSeconds?: number;
  challenge?: string;
  methods?: string[];
  problems?: { path: string[]; message: string }[];
  data?: { token: string };
};

const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on Error { message } ... on SignInSuccess { data { token } } ... on SecondFactorRequiredError { challenge methods } } }`;
const COMPLETE = `mutation($c: String!, $code: String, $r: String) { completeSignIn(challenge: $c, code: $code, recoveryCode: $r) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on SignInThrottledError { retryAfterSeconds } ... on CompleteSignInSuccess { data { token } } } }`;

const passwordStep = async (email: string, address: string) =>
  (await call<{ signIn: Result }>(SIGN_IN, { e: email, p: PASSWORD }, { address })).data?.signIn as Result;
const complete = async (challenge: string, answer: { code?: string; r?: string }, address = '192.0.2.1') =>
  (await call<{ completeSignIn: Result }>(COMPLETE, { c: challenge, ...answer }, { address })).data
    ?.completeSignIn as Result;

/** A session straight from the password, for a user without a factor. */
const sessionOf = async (email: string, address: string) => (await signIn(t.db, email, PASSWORD, address)).token;

/** Sets up the authenticator app through the API in a session; returns the seed and the recovery codes. */
async function setUpTotp(session: string, account: string): Promise<{ secret: string; codes: string[] }> {
  const started = await call<{ startTotpSetup: { data: { secret: string } } }>(
    'mutation { startTotpSetup { ... on StartTotpSetupSuccess { data { secret } } } }',
    {},
    { session },
  );
  const secret = started.data?.startTotpSetup.data.secret ?? '';
  const confirmed = await call<{ confirmTotp: { __typename: string; data?: { codes: string[] } } }>(
    'mutation($code: String!) { confirmTotp(code: $code) { __typename ... on ConfirmTotpSuccess { data { codes } } } }',
    { code: await nextTotpCode(account, secret) },
    { session },
  );
  expect(confirmed.data?.confirmTotp.__typename).toBe('ConfirmTotpSuccess');
  return { secret, codes: confirmed.data?.confirmTotp.data?.codes ?? [] };
}

const sessionsOf = (userId: string) => t.db.prisma.session.findMany({ where: { userId }, select: { method: true } });

describe('the two-step sign-in', () => {
  it('opens no session after the password, only a second step, and a session after a TOTP code', async () => {
    const user = await createUser(t.db, 'twee-stappen@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      totpSecret: TEST_TOTP_SECRET,
    });
    const first = await passwordStep(user.email, '192.0.2.10');
    expect(first).toMatchObject({ __typename: 'SecondFactorRequiredError', methods: ['TOTP', 'RECOVERY_CODE'] });
    expect(await sessionsOf(user.id)).toEqual([]);
    // Only the SHA-256 of the step is stored.
    expect(await t.db.prisma.secondFactorChallenge.count({ where: { id: first.challenge ?? '' } })).toBe(0);
    const step = await call<{ secondStep: { methods: string[] } | null }>(
      'query($c: String!) { secondStep(challenge: $c) { methods } }',
      {
        c: first.challenge,
      },
    );
    expect(step.data?.secondStep?.methods).toEqual(['TOTP', 'RECOVERY_CODE']);

    const done = await complete(first.challenge ?? '', { code: await nextTotpCode(user.email) });
    expect(done.__typename).toBe('CompleteSignInSuccess');
    const viewer = await call<{ viewer: { email: string } }>(
      '{ viewer { email } }',
      {},
      { session: done.data?.token ?? '' },
    );
    expect(viewer.data?.viewer.email).toBe(user.email);
    expect(await sessionsOf(user.id)).toEqual([{ method: 'PASSWORD_TOTP' }]);
    // The step is used up: it opens nothing a second time.
    const again = await complete(first.challenge ?? '', { code: await nextTotpCode(user.email) });
    expect(again).toMatchObject({ __typename: 'ForbiddenError', message: MESSAGES.stepGone });
  });

  it('shows an expired step as gone at once: the answer is never kept in the cache', async () => {
    const user = await createUser(t.db, 'verloopt-2fa@emmen.test', [], { totpSecret: TEST_TOTP_SECRET });
    const { challenge } = await passwordStep(user.email, '192.0.2.12');
    const STEP = 'query($c: String!) { secondStep(challenge: $c) { methods } }';
    expect((await call<{ secondStep: unknown }>(STEP, { c: challenge })).data?.secondStep).not.toBeNull();
    await t.db.prisma.secondFactorChallenge.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await call<{ secondStep: unknown }>(STEP, { c: challenge })).data?.secondStep).toBeNull();
    expect(await complete(challenge ?? '', { code: await nextTotpCode(user.email) })).toMatchObject({
      __typename: 'ForbiddenError',
      message: MESSAGES.stepGone,
    });
  });

  it('throws SecondFactorRequiredError from signIn itself, so no caller can open a session with the password alone', async () => {
    await createUser(t.db, 'direct@emmen.test', [], { totpSecret: TEST_TOTP_SECRET });
    await expect(signIn(t.db, 'direct@emmen.test', PASSWORD, '192.0.2.11')).rejects.toBeInstanceOf(
      SecondFactorRequiredError,
    );
  });

  it('refuses a TOTP code whose time step was used before, also in another step and in parallel', async () => {
    const user = await createUser(t.db, 'replay@emmen.test', [], { totpSecret: TEST_TOTP_SECRET });
    const code = await nextTotpCode(user.email);
    const [a, b] = [await passwordStep(user.email, '192.0.2.20'), await passwordStep(user.email, '192.0.2.21')];
    // Two steps (a newer one closes an older one of the same user): one step, then the next.
    expect(a.challenge).not.toBe(b.challenge);
    expect((await complete(a.challenge ?? '', { code })).__typename).toBe('ForbiddenError');
    const first = await complete(b.challenge ?? '', { code });
    expect(first.__typename).toBe('CompleteSignInSuccess');
    const c = await passwordStep(user.email, '192.0.2.22');
    const replayed = await complete(c.challenge ?? '', { code });
    expect(replayed).toMatchObject({
      __typename: 'ValidationError',
      problems: [{ path: ['code'], message: MESSAGES.wrongCode }],
    });

    // The same fresh code sent twice at once (a double submit): exactly one passes.
    const fresh = await nextTotpCode(user.email);
    const other = await createUser(t.db, 'replay-parallel@emmen.test', [], { totpSecret: TEST_TOTP_SECRET });
    const s1 = await passwordStep(user.email, '192.0.2.23');
    const s2 = await passwordStep(other.email, '192.0.2.24');
    const results = await Promise.all([
      complete(s1.challenge ?? '', { code: fresh }),
      complete(s1.challenge ?? '', { code: fresh }),
    ]);
    expect(results.filter((r) => r.__typename === 'CompleteSignInSuccess')).toHaveLength(1);
    // Another account with the same seed keeps its own last step.
    expect((await complete(s2.challenge ?? '', { code: fresh })).__typename).toBe('CompleteSignInSuccess');
  });

  it('accepts each recovery code once, stores only its hash and says how many are left', async () => {
    const user = await createUser(t.db, 'herstel@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    const { codes } = await setUpTotp(await sessionOf(user.email, '192.0.2.30'), user.email);
    expect(codes).toHaveLength(10);
    const stored = await t.db.prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace('-', ''));

    const [code = ''] = codes;
    const first = await passwordStep(user.email, '192.0.2.31');
    expect((await complete(first.challenge ?? '', { r: code.toUpperCase() })).__typename).toBe('CompleteSignInSuccess');
    const second = await passwordStep(user.email, '192.0.2.32');
    expect(await complete(second.challenge ?? '', { r: code })).toMatchObject({
      __typename: 'ValidationError',
      problems: [{ path: ['recoveryCode'] }],
    });
    expect((await sessionsOf(user.id)).map((s) => s.method)).toContain('PASSWORD_RECOVERY_CODE');
    const event = await t.db.prisma.auditEvent.findFirst({
      where: { action: 'SIGN_IN', actorId: user.id },
      orderBy: { createdAt: 'desc' },
    });
    expect(JSON.parse(event?.changes ?? '{}').recoveryCodesLeft).toEqual({ before: null, after: 9 });

    // New codes replace the old ones.
    const session = await complete((await passwordStep(user.email, '192.0.2.33')).challenge ?? '', {
      code: await nextTotpCode(user.email, await secretOf(user.id)),
    });
    const REGENERATE =
      'mutation($p: String) { regenerateRecoveryCodes(password: $p) { __typename ... on ValidationError { problems { path message } } ... on RegenerateRecoveryCodesSuccess { data { codes } } } }';
    // Only after the password is given again: a session alone (left open, or taken over) does not make new codes.
    const unproven = await call<{ regenerateRecoveryCodes: Result }>(
      REGENERATE,
      {},
      { session: session.data?.token ?? '' },
    );
    expect(unproven.data?.regenerateRecoveryCodes).toMatchObject({
      problems: [{ path: ['password'], message: MESSAGES.noProof }],
    });
    const renewed = await call<{ regenerateRecoveryCodes: { data: { codes: string[] } } }>(
      REGENERATE,
      { p: PASSWORD },
      { session: session.data?.token ?? '' },
    );
    expect(renewed.data?.regenerateRecoveryCodes.data.codes).toHaveLength(10);
    const old = await passwordStep(user.email, '192.0.2.34');
    expect((await complete(old.challenge ?? '', { r: codes[1] ?? '' })).__typename).toBe('ValidationError');
    expect(
      (await complete(old.challenge ?? '', { r: renewed.data?.regenerateRecoveryCodes.data.codes[0] ?? '' }))
        .__typename,
    ).toBe('CompleteSignInSuccess');
  });

  it(`ends a step after ${STEP_ATTEMPTS} wrong answers, even when the next one is right`, async () => {
    const user = await createUser(t.db, 'raden@emmen.test', [], { totpSecret: TEST_TOTP_SECRET });
    const step = await passwordStep(user.email, '192.0.2.40');
    for (let i = 0; i < STEP_ATTEMPTS - 1; i++)
      expect(await complete(step.challenge ?? '', { code: '000000' })).toMatchObject({
        __typename: 'ValidationError',
        problems: [{ message: MESSAGES.wrongCode }],
      });
    expect(await complete(step.challenge ?? '', { code: '000000' })).toMatchObject({
      __typename: 'ForbiddenError',
      message: MESSAGES.stepGone,
    });
    expect(await complete(step.challenge ?? '', { code: await nextTotpCode(user.email) })).toMatchObject({
      __typename: 'ForbiddenError',
    });
    expect(await sessionsOf(user.id)).toEqual([]);
  });

  it(`stops the account's second steps after ${ACCOUNT_FAILURES.limit} wrong answers across steps, and audits each`, async () => {
    const user = await createUser(t.db, 'veel-raden@emmen.test', [], { totpSecret: TEST_TOTP_SECRET });
    let failures = 0;
    let step = await passwordStep(user.email, '192.0.2.50');
    while (failures < ACCOUNT_FAILURES.limit) {
      const answer = await complete(step.challenge ?? '', { code: '000000' });
      failures++;
      if (answer.__typename === 'ForbiddenError' || failures % (STEP_ATTEMPTS - 1) === 0)
        step = await passwordStep(user.email, `192.0.2.${50 + failures}`);
    }
    const fresh = await passwordStep(user.email, '192.0.2.70');
    const refused = await complete(fresh.challenge ?? '', { code: await nextTotpCode(user.email) });
    expect(refused.__typename).toBe('SignInThrottledError');
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.message).toContain('te veel onjuiste codes');
    expect(await sessionsOf(user.id)).toEqual([]);
    expect(
      await t.db.prisma.auditEvent.count({
        where: { action: 'SECOND_FACTOR_FAILED', entityType: 'Session', actorLabel: user.email },
      }),
    ).toBe(ACCOUNT_FAILURES.limit);
  });
});

describe('removing a factor', () => {
  it('takes a current code instead of the password, and counts wrong ones against the account', async () => {
    const user = await createUser(t.db, 'weg-met-app@emmen.test', [], { totpSecret: TEST_TOTP_SECRET });
    const session =
      (
        await complete((await passwordStep(user.email, '192.0.2.110')).challenge ?? '', {
          code: await nextTotpCode(user.email),
        })
      ).data?.token ?? '';
    const REMOVE =
      'mutation($p: String, $c: String) { removeTotp(password: $p, code: $c) { __typename ... on ValidationError { problems { path message } } } }';
    const remove = async (variables: { p?: string; c?: string }) =>
      (await call<{ removeTotp: Result }>(REMOVE, variables, { session })).data?.removeTotp;
    expect(await remove({})).toMatchObject({ problems: [{ path: ['password'], message: MESSAGES.noProof }] });
    expect(await remove({ c: '000000' })).toMatchObject({
      problems: [{ path: ['code'], message: MESSAGES.wrongCode }],
    });
    expect(await t.db.prisma.secondFactorFailure.count({ where: { userId: user.id } })).toBe(2);
    expect((await remove({ c: await nextTotpCode(user.email) }))?.__typename).toBe('RemoveTotpSuccess');
    expect(await t.db.prisma.totpFactor.count({ where: { userId: user.id } })).toBe(0);
  });

  it(`refuses to check anything once the account's ${ACCOUNT_FAILURES.limit} wrong answers are spent`, async () => {
    const user = await createUser(t.db, 'raden-bij-verwijderen@emmen.test', [], { totpSecret: TEST_TOTP_SECRET });
    const session =
      (
        await complete((await passwordStep(user.email, '192.0.2.111')).challenge ?? '', {
          code: await nextTotpCode(user.email),
        })
      ).data?.token ?? '';
    const REMOVE =
      'mutation($p: String) { removeTotp(password: $p) { __typename ... on ValidationError { problems { path message } } } }';
    for (let i = 0; i < ACCOUNT_FAILURES.limit; i++) await call(REMOVE, { p: `gok ${i}` }, { session });
    const refused = (await call<{ removeTotp: Result }>(REMOVE, { p: PASSWORD }, { session })).data?.removeTotp;
    expect(refused?.problems?.[0]).toMatchObject({
      path: ['password'],
      message: expect.stringContaining('te vaak een onjuist wachtwoord'),
    });
    expect(await t.db.prisma.totpFactor.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe('housekeeping', () => {
  it('prunes expired second steps and wrong answers older than the window at the next sign-in', async () => {
    const user = await createUser(t.db, 'snoei-2fa@emmen.test', []);
    await t.db.prisma.secondFactorChallenge.create({
      data: { id: 'verlopen-stap', userId: user.id, purpose: 'SIGN_IN', expiresAt: new Date(Date.now() - 60_000) },
    });
    await t.db.prisma.secondFactorFailure.create({
      data: { userId: user.id, createdAt: new Date(Date.now() - (ACCOUNT_FAILURES.windowMinutes + 1) * 60_000) },
    });
    await sessionOf(user.email, '192.0.2.99');
    expect(await t.db.prisma.secondFactorChallenge.count({ where: { id: 'verlopen-stap' } })).toBe(0);
    expect(await t.db.prisma.secondFactorFailure.count({ where: { userId: user.id } })).toBe(0);
  });
});

const secretOf = async (userId: string) =>
  (await t.db.prisma.totpFactor.findUniqueOrThrow({ where: { userId } })).secret;

describe('the requirement of a second factor', () => {
  const FACTORS = '{ viewer { mustSetUpSecondFactor secondFactors { required totp pendingTotp { secret } } } }';
  type Factors = {
    viewer: {
      mustSetUpSecondFactor: boolean;
      secondFactors: { required: boolean; totp: boolean; pendingTotp: { secret: string } | null };
    };
  };

  it('lets an instance administrator without one do nothing but set one up, then everything', async () => {
    const admin = await createUser(t.db, 'nieuwe-beheerder@grondplan.test', [], {
      instanceAdmin: true,
      totpSecret: null,
    });
    const session = await sessionOf(admin.email, '192.0.2.80');
    expect((await call<Factors>(FACTORS, {}, { session })).data?.viewer).toMatchObject({
      mustSetUpSecondFactor: true,
      secondFactors: { required: true, totp: false },
    });
    expect((await call('{ organisations { slug } }', {}, { session })).errors?.[0]?.message).toBe(
      SET_UP_SECOND_FACTOR_MESSAGE,
    );
    expect(
      (await call('mutation { createApiToken(name: "x") { __typename } }', {}, { session })).errors?.[0]?.message,
    ).toBe(SET_UP_SECOND_FACTOR_MESSAGE);
    const { secret } = await setUpTotp(session, admin.email);
    expect((await call('{ organisations { slug } }', {}, { session })).errors).toBeUndefined();
    // The seed does not leave the server once it is active: not shown again, not started again.
    const after = await call<Factors>(FACTORS, {}, { session });
    expect(after.data?.viewer.secondFactors).toMatchObject({ totp: true, pendingTotp: null });
    const restart = await call<{ startTotpSetup: Result }>(
      'mutation { startTotpSetup { __typename ... on Error { message } } }',
      {},
      { session },
    );
    expect(restart.data?.startTotpSetup.__typename).toBe('ForbiddenError');
    const events = await t.db.prisma.auditEvent.findMany({ where: { actorId: admin.id } });
    expect(events.map((e) => `${e.entityType} ${e.action}`)).toContain('SecondFactor ADD');
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('lets an organisation admin require one of the members (audited); a member without one sets one up first', async () => {
    const admin = await createUser(t.db, 'beheer-2fa@coevorden.test', [{ organisation: 'coevorden', role: 'ADMIN' }], {
      totpSecret: TEST_TOTP_SECRET,
    });
    const member = await createUser(t.db, 'lid-2fa@coevorden.test', [{ organisation: 'coevorden', role: 'EDITOR' }]);
    const SET =
      'mutation($r: Boolean!) { setSecondFactorRequirement(organisation: "coevorden", required: $r) { __typename ... on Error { message } } }';
    const memberSession = await sessionOf(member.email, '192.0.2.90');
    expect(
      (await call<{ setSecondFactorRequirement: Result }>(SET, { r: true }, { session: memberSession })).data
        ?.setSecondFactorRequirement.__typename,
    ).toBe('ForbiddenError');
    expect((await call<Factors>(FACTORS, {}, { session: memberSession })).data?.viewer.mustSetUpSecondFactor).toBe(
      false,
    );
    const adminSession =
      (
        await complete((await passwordStep(admin.email, '192.0.2.91')).challenge ?? '', {
          code: await nextTotpCode(admin.email),
        })
      ).data?.token ?? '';
    expect(
      (await call<{ setSecondFactorRequirement: Result }>(SET, { r: true }, { session: adminSession })).data
        ?.setSecondFactorRequirement.__typename,
    ).toBe('SetSecondFactorRequirementSuccess');
    const event = await t.db.prisma.auditEvent.findFirst({
      where: { entityType: 'Organisation', action: 'UPDATE', actorId: admin.id },
    });
    expect(JSON.parse(event?.changes ?? '{}')).toEqual({ requireSecondFactor: { before: false, after: true } });
    const policy = await call<{
      organisation: { requireSecondFactor: boolean; membersWithoutSecondFactor: number | null };
    }>(
      '{ organisation(slug: "coevorden") { requireSecondFactor membersWithoutSecondFactor } }',
      {},
      { session: adminSession },
    );
    expect(policy.data?.organisation).toEqual({ requireSecondFactor: true, membersWithoutSecondFactor: 1 });

    // The member's open session is held to setting one up at once.
    expect((await call<Factors>(FACTORS, {}, { session: memberSession })).data?.viewer.mustSetUpSecondFactor).toBe(
      true,
    );
    expect(
      (await call('{ organisation(slug: "coevorden") { name } }', {}, { session: memberSession })).errors?.[0]?.message,
    ).toBe(SET_UP_SECOND_FACTOR_MESSAGE);
    // An API token is not managed this way: factors are set up in the browser.
    const byToken = await call<{ startTotpSetup: Result }>(
      'mutation { startTotpSetup { __typename ... on Error { message } } }',
      {},
      { token: member.token },
    );
    expect(byToken.data?.startTotpSetup).toEqual({ __typename: 'ForbiddenError', message: BROWSER_ONLY_FACTORS });
    await setUpTotp(memberSession, member.email);
    expect(
      (await call('{ organisation(slug: "coevorden") { name } }', {}, { session: memberSession })).errors,
    ).toBeUndefined();

    // The last factor stays while it is required; a wrong password removes nothing.
    const REMOVE =
      'mutation($p: String!) { removeTotp(password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }';
    const wrong = await call<{ removeTotp: Result }>(REMOVE, { p: 'niet het wachtwoord' }, { session: memberSession });
    expect(wrong.data?.removeTotp.problems).toEqual([{ path: ['password'], message: MESSAGES.wrongPassword }]);
    const last = await call<{ removeTotp: Result }>(REMOVE, { p: PASSWORD }, { session: memberSession });
    expect(last.data?.removeTotp.problems).toEqual([{ path: ['factor'], message: MESSAGES.lastFactor }]);
    await call(SET, { r: false }, { session: adminSession });
    const removed = await call<{ removeTotp: Result }>(REMOVE, { p: PASSWORD }, { session: memberSession });
    expect(removed.data?.removeTotp.__typename).toBe('RemoveTotpSuccess');
    expect(await t.db.prisma.recoveryCode.count({ where: { userId: member.id } })).toBe(0);
    expect((await passwordStep(member.email, '192.0.2.92')).__typename).toBe('SignInSuccess');
    const removal = await t.db.prisma.auditEvent.findFirst({
      where: { entityType: 'SecondFactor', action: 'REMOVE', actorId: member.id },
    });
    expect(removal).not.toBeNull();

    // Factor events are account events: the member and instance administrators read them, the organisation's admin not.
    const EVENTS = '{ auditEvents(first: 500) { edges { node { entityType action } } } }';
    type Events = { auditEvents: { edges: { node: { entityType: string; action: string } }[] } };
    const factorEvents = async (as: { token?: string; session?: string }) =>
      ((await call<Events>(EVENTS, {}, as)).data?.auditEvents.edges ?? []).filter(
        (e) => e.node.entityType === 'SecondFactor',
      ).length;
    expect(await factorEvents({ session: adminSession })).toBe(0);
    expect(await factorEvents({ token: member.token })).toBeGreaterThanOrEqual(2);
    const instanceAdmin = await createUser(t.db, 'lezer-2fa@grondplan.test', [], { instanceAdmin: true });
    expect(await factorEvents({ token: instanceAdmin.token })).toBeGreaterThanOrEqual(2);
  });
});
