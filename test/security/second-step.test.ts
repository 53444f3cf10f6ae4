// Hardening of the second factor, through the API as the pages use it: a second step opened before the password
// changed cannot be finished after it; guessing codes locks the account's second step for good (until a password
// reset or a passed step); adding a factor to an account that has one, or new recovery codes, asks the password again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '#core/auth.ts';
import { ACCOUNT_FAILURES, MESSAGES, SECOND_STEP_LOCK } from '#core/second-factor.ts';
import { addUser } from '#core/users.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { nextTotpCode, TEST_TOTP_SECRET } from '../helpers/totp.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let yoga: ReturnType<typeof createGraphQLServer>;
const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'zeven zwanen zwemmen zuidwaarts langs Zwartsluis';

beforeAll(async () => {
  t = await createTestDatabase();
  yoga = createGraphQLServer(t.db);
});
afterAll(() => t?.drop());

type Result = {
  __typename: string;
  message?: string;
  challenge?: string;
  problems?: { path: string[]; message: string }[];
  data?: { token: string };
};

async function call<T>(
  query: string,
  variables: Record<string, unknown> = {},
  as: { session?: string; address?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (as.session) headers.cookie = `gp_session=${as.session}`;
  const response = await yoga.fetch(
    'http://grondplan.test/graphql',
    { method: 'POST', headers, body: JSON.stringify({ query, variables }) },
    { req: { socket: { remoteAddress: as.address ?? '198.51.100.1' } } },
  );
  return ((await response.json()) as { data?: T }).data as T;
}

const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on Error { message } ... on SecondFactorRequiredError { challenge } } }`;
const COMPLETE = `mutation($c: String!, $code: String, $r: String) { completeSignIn(challenge: $c, code: $code, recoveryCode: $r) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on CompleteSignInSuccess { data { token } } } }`;

const passwordStep = async (email: string, password = PASSWORD) =>
  ((await call<{ signIn: Result }>(SIGN_IN, { e: email, p: password })).signIn.challenge ?? '') as string;
const complete = async (challenge: string, answer: { code?: string; r?: string }) =>
  (await call<{ completeSignIn: Result }>(COMPLETE, { c: challenge, ...answer })).completeSignIn;
const signedIn = async (email: string) =>
  (await complete(await passwordStep(email), { code: await nextTotpCode(email) })).data?.token ?? '';

describe('a second step opened before the password changed', () => {
  it('cannot be finished after the owner changes the password in a session', async () => {
    const user = await createUser(t.db, 'wissel@emmen.test', [], { totpSecret: TEST_TOTP_SECRET });
    const session = await signedIn(user.email);
    const stolen = await passwordStep(user.email);
    const changed = await call<{ changePassword: Result }>(
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { __typename } }',
      { c: PASSWORD, n: NEW_PASSWORD },
      { session },
    );
    expect(changed.changePassword.__typename).toBe('ChangePasswordSuccess');
    expect(await complete(stolen, { code: await nextTotpCode(user.email) })).toMatchObject({
      __typename: 'ForbiddenError',
      message: MESSAGES.stepGone,
    });
    expect(await t.db.prisma.secondFactorChallenge.count({ where: { userId: user.id } })).toBe(0);
  });

  it('cannot be finished after an administrator resets the password from the command line', async () => {
    const user = await createUser(t.db, 'cli-reset@emmen.test', [], { totpSecret: TEST_TOTP_SECRET });
    const stolen = await passwordStep(user.email);
    await addUser(t.db, { email: user.email, password: NEW_PASSWORD, resetPassword: true });
    expect(await complete(stolen, { code: await nextTotpCode(user.email) })).toMatchObject({
      __typename: 'ForbiddenError',
      message: MESSAGES.stepGone,
    });
  });
});

/** Moves the account's counted wrong answers out of the rolling window, as time passing would. */
const age = (userId: string) =>
  t.db.prisma.secondFactorFailure.updateMany({
    where: { userId },
    data: { createdAt: new Date(Date.now() - (ACCOUNT_FAILURES.windowMinutes + 1) * 60_000) },
  });

/** Gives `count` wrong codes in fresh second steps, never waiting on the rolling window. */
async function guess(email: string, userId: string, count: number) {
  let step = await passwordStep(email);
  for (let i = 1; i <= count; i++) {
    const answer = await complete(step, { code: '000000' });
    expect(answer.__typename).toBe('ValidationError');
    if (i % (ACCOUNT_FAILURES.limit - 1) === 0) await age(userId);
    if (i % 4 === 0) step = await passwordStep(email);
  }
  await age(userId);
}

describe('the hard lock on guessing second-step codes', () => {
  it(`locks the second step after ${SECOND_STEP_LOCK} wrong answers, audits it, and lifts it after a password reset`, async () => {
    const user = await createUser(t.db, 'slot@emmen.test', [], { totpSecret: TEST_TOTP_SECRET });
    await guess(user.email, user.id, SECOND_STEP_LOCK);
    const locked = await complete(await passwordStep(user.email), { code: await nextTotpCode(user.email) });
    expect(locked).toMatchObject({ __typename: 'ForbiddenError', message: MESSAGES.locked });
    expect(locked.message).toContain('Wachtwoord vergeten');
    expect(locked.message).toContain('npm run user -- add <e-mailadres> --reset-password');
    expect(await t.db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    // The failures carry the account as actor, so its owner sees them; the lock is audited once.
    expect(await t.db.prisma.auditEvent.count({ where: { action: 'SECOND_FACTOR_FAILED', actorId: user.id } })).toBe(
      SECOND_STEP_LOCK,
    );
    expect(await t.db.prisma.auditEvent.count({ where: { action: 'SECOND_FACTOR_LOCKED', actorId: user.id } })).toBe(1);

    await addUser(t.db, { email: user.email, password: NEW_PASSWORD, resetPassword: true });
    const step = await passwordStep(user.email, NEW_PASSWORD);
    expect((await complete(step, { code: await nextTotpCode(user.email) })).__typename).toBe('CompleteSignInSuccess');
  });

  it('counts only since the last passed second step', async () => {
    const user = await createUser(t.db, 'geen-slot@emmen.test', [], { totpSecret: TEST_TOTP_SECRET });
    await guess(user.email, user.id, SECOND_STEP_LOCK - 1);
    expect(await signedIn(user.email)).not.toBe('');
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).secondStepFailures).toBe(0);
    await guess(user.email, user.id, SECOND_STEP_LOCK - 1);
    expect(await signedIn(user.email)).not.toBe('');
  });
});

const answerOf = '__typename ... on ValidationError { problems { path message } }';

describe('adding a factor to an account that has one', () => {
  it('asks the password (or a current code) before a passkey is added', async () => {
    const user = await createUser(t.db, 'passkey-erbij@emmen.test', [], { totpSecret: TEST_TOTP_SECRET });
    const session = await signedIn(user.email);
    const ADD = `mutation($p: String, $c: String) { addPasskey(name: "sleutel", response: "{}", password: $p, code: $c) { ${answerOf} } }`;
    const add = async (variables: { p?: string; c?: string }) =>
      (await call<{ addPasskey: Result }>(ADD, variables, { session })).addPasskey;
    expect(await add({})).toMatchObject({ problems: [{ path: ['password'], message: MESSAGES.noProof }] });
    expect(await add({ p: 'geraden wachtwoord' })).toMatchObject({
      problems: [{ path: ['password'], message: MESSAGES.wrongPassword }],
    });
    expect(await t.db.prisma.secondFactorFailure.count({ where: { userId: user.id } })).toBe(2);
    // With the password the answer of the authenticator is checked (and this one does not verify).
    expect(await add({ p: PASSWORD })).toMatchObject({ problems: [{ path: ['response'] }] });
  });

  it('asks the password before an authenticator app is added next to a passkey, and not for a first factor', async () => {
    const user = await createUser(t.db, 'app-erbij@emmen.test', [], { totpSecret: null });
    const session = (await signIn(t.db, user.email, PASSWORD, '198.51.100.9')).token;
    await t.db.prisma.passkey.create({
      data: { userId: user.id, name: 'laptop', credentialId: 'test-credential', publicKey: 'AA' },
    });
    const started = await call<{ startTotpSetup: { data: { secret: string } } }>(
      'mutation { startTotpSetup { ... on StartTotpSetupSuccess { data { secret } } } }',
      {},
      { session },
    );
    const secret = started.startTotpSetup.data.secret;
    const CONFIRM = `mutation($code: String!, $p: String) { confirmTotp(code: $code, password: $p) { ${answerOf} } }`;
    const unproven = await call<{ confirmTotp: Result }>(
      CONFIRM,
      { code: await nextTotpCode(user.email, secret) },
      { session },
    );
    expect(unproven.confirmTotp).toMatchObject({
      problems: [{ path: ['password'], message: MESSAGES.noPasswordProof }],
    });
    expect(await t.db.prisma.totpFactor.count({ where: { userId: user.id, confirmedAt: { not: null } } })).toBe(0);
    const proven = await call<{ confirmTotp: Result }>(
      CONFIRM,
      { code: await nextTotpCode(user.email, secret), p: PASSWORD },
      { session },
    );
    expect(proven.confirmTotp.__typename).toBe('ConfirmTotpSuccess');
  });
});
