// E-mail end to end through a real SMTP server (test/helpers/smtp.ts): the password reset link followed from the
// received mail, invitations mailed and accepted, notices of a changed password or a new membership, DKIM signatures
// checked with mailauth, and the hub without mail settings as before.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignInError, signIn } from '#core/auth.ts';
import { mailSettled, resetMailSettings } from '#core/mail.ts';
import { RESET_LINK_PROBLEM } from '#graphql/types/password-reset.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient, visitorClient } from '../helpers/graphql.ts';
import { linkIn, startSmtp, TEST_PUBLIC_URL, type TestSmtp } from '../helpers/smtp.ts';
import { nextTotpCode, TEST_TOTP_SECRET } from '../helpers/totp.ts';
import { createUser, type TestUser } from '../helpers/users.ts';

let t: TestDatabase;
let smtp: TestSmtp;
let admin: TestUser;
const saved = { ...process.env };
const OLD_PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'zeven zwanen zwemmen zuidwaarts langs Zwartsluis';

/** Points the hub's mail at the test server (with extra settings), or at nothing. */
function useMail(env: Record<string, string> | null) {
  for (const key of Object.keys(process.env))
    if (/^GRONDPLAN_(SMTP|MAIL|DKIM)_|^GRONDPLAN_PUBLIC_URL$/.test(key)) delete process.env[key];
  if (env) Object.assign(process.env, env);
  resetMailSettings();
}

beforeAll(async () => {
  smtp = await startSmtp();
  useMail(smtp.env());
  t = await createTestDatabase();
  await t.db.prisma.organisation.update({ where: { slug: 'emmen' }, data: { emailDomains: 'emmen.test' } });
  admin = await createUser(t.db, 'beheerder@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }]);
});
afterAll(async () => {
  process.env = saved;
  resetMailSettings();
  await smtp?.close();
  await t?.drop();
});
beforeEach(() => {
  smtp.refuse(false);
});

const REQUEST = `mutation($e: String!) { requestPasswordReset(email: $e) { __typename ... on Error { message } ... on SignInThrottledError { retryAfterSeconds } } }`;
const RESET = `mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { __typename ... on ValidationError { problems { path message } } } }`;
const OPEN = `query($t: String!) { passwordReset(token: $t) { email expiresAt } }`;
const INVITE = `mutation($o: String!, $e: String!, $r: Role!) { inviteMember(organisation: $o, email: $e, role: $r) { __typename ... on InviteMemberSuccess { data { invitationPath sentByMail addedToExistingAccount expiresAt } } } }`;

type RequestAnswer = { requestPasswordReset: { __typename: string; message?: string; retryAfterSeconds?: number } };
type ResetAnswer = { resetPassword: { __typename: string; problems?: { path: string[]; message: string }[] } };

const requestReset = async (email: string, address: string) => {
  const answer = await visitorClient(t.db, { address })<RequestAnswer>(REQUEST, { e: email });
  await mailSettled();
  return answer;
};
const resetWith = (token: string, password: string, address = '192.0.2.99') =>
  visitorClient(t.db, { address })<ResetAnswer>(RESET, { t: token, p: password });
const tokenOf = (link: URL | null) => link?.searchParams.get('sleutel') ?? '';
const signsIn = (email: string, password: string) =>
  signIn(t.db, email, password, '192.0.2.200').then(
    () => true,
    (error: unknown) => {
      if (error instanceof SignInError) return false;
      throw error;
    },
  );

describe('password reset by e-mail', () => {
  it('mails a one-hour link that sets a new password once, ends every session and token, and mails a notice', async () => {
    const user = await createUser(t.db, 'anna@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }], {
      password: OLD_PASSWORD,
    });
    const session = await signIn(t.db, user.email, OLD_PASSWORD, '192.0.2.10');
    const before = new Date();

    const answer = await requestReset('  Anna@Emmen.test ', '192.0.2.11');
    expect(answer.data?.requestPasswordReset.__typename).toBe('RequestPasswordResetSuccess');
    const [mail, ...more] = smtp.to(user.email);
    expect(more).toHaveLength(0);
    expect(mail?.subject).toBe('Nieuw wachtwoord voor Grondplan');
    expect(mail?.parsed.from?.value).toEqual([{ name: 'Grondplan', address: 'noreply@grondplan.test' }]);
    const link = linkIn(mail);
    expect(link?.origin).toBe(TEST_PUBLIC_URL);
    expect(link?.pathname).toBe('/wachtwoord-herstellen');
    const token = tokenOf(link);
    expect(token).toMatch(/^gpr_[\w-]{43}$/);
    // Only the hash is stored, valid one hour.
    const stored = await t.db.prisma.passwordReset.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    const expires = stored[0]?.expiresAt.getTime() ?? 0;
    expect(expires - before.getTime()).toBeGreaterThan(59 * 60_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(60 * 60_000);

    const open = await visitorClient(t.db)<{ passwordReset: { email: string } | null }>(OPEN, { t: token });
    expect(open.data?.passwordReset?.email).toBe(user.email);
    // The password rules apply, and a refused password leaves the link usable.
    const weak = await resetWith(token, 'wachtwoord123');
    expect(weak.data?.resetPassword.problems?.[0]?.path).toEqual(['password']);

    const done = await resetWith(token, NEW_PASSWORD, '192.0.2.12');
    expect(done.data?.resetPassword.__typename).toBe('ResetPasswordSuccess');
    expect(await t.db.prisma.session.count({ where: { id: { not: '' }, userId: user.id } })).toBe(0);
    expect(await visitorClient(t.db, { session: session.token })('{ viewer { email } }')).toMatchObject({
      data: { viewer: null },
    });
    expect(await t.db.prisma.apiToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await signsIn(user.email, OLD_PASSWORD)).toBe(false);
    expect(await signsIn(user.email, NEW_PASSWORD)).toBe(true);

    // Used once.
    const again = await resetWith(token, 'nog een ander lang wachtwoord voor Anna');
    expect(again.data?.resetPassword.problems).toEqual([{ path: ['token'], message: RESET_LINK_PROBLEM }]);
    expect((await visitorClient(t.db)<{ passwordReset: null }>(OPEN, { t: token })).data?.passwordReset).toBeNull();

    await mailSettled();
    const notice = smtp.to(user.email).find((m) => m.subject === 'Je wachtwoord voor Grondplan is gewijzigd');
    expect(notice?.text).toContain('vanaf het adres 192.0.2.12');
    expect(notice?.text).toContain(`${TEST_PUBLIC_URL}/account`);

    const events = await t.db.prisma.auditEvent.findMany({ where: { entityType: 'User', createdAt: { gte: before } } });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['REQUEST_PASSWORD_RESET', 'RESET_PASSWORD_BY_MAIL']),
    );
    expect(JSON.stringify(events)).not.toContain(token);
    expect(JSON.stringify(events)).not.toContain(NEW_PASSWORD);
  });

  it('refuses an expired link, and a new request makes the older link useless', async () => {
    const user = await createUser(t.db, 'bram@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    await requestReset(user.email, '192.0.2.21');
    const first = tokenOf(linkIn(smtp.to(user.email).at(-1)));
    await requestReset(user.email, '192.0.2.22');
    const second = tokenOf(linkIn(smtp.to(user.email).at(-1)));
    expect(second).not.toBe(first);
    expect((await resetWith(first, NEW_PASSWORD)).data?.resetPassword.problems?.[0]?.message).toBe(RESET_LINK_PROBLEM);

    // An hour later the second one has run out too (no data changes meanwhile: no kept answer may say otherwise).
    expect(
      (await visitorClient(t.db)<{ passwordReset: { email: string } | null }>(OPEN, { t: second })).data?.passwordReset
        ?.email,
    ).toBe(user.email);
    await t.db.prisma.passwordReset.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await visitorClient(t.db)<{ passwordReset: null }>(OPEN, { t: second })).data?.passwordReset).toBeNull();
    expect((await resetWith(second, NEW_PASSWORD)).data?.resetPassword.problems?.[0]?.message).toBe(RESET_LINK_PROBLEM);
    expect(await signsIn(user.email, OLD_PASSWORD)).toBe(true);
  });

  it('builds links on GRONDPLAN_PUBLIC_URL, whatever Host the request names', async () => {
    const user = await createUser(t.db, 'cor@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    await visitorClient(t.db, { address: '192.0.2.31', url: 'http://aanvaller.example/graphql' })(REQUEST, {
      e: user.email,
    });
    await mailSettled();
    const mail = smtp.to(user.email).at(-1);
    expect(linkIn(mail)?.origin).toBe(TEST_PUBLIC_URL);
    expect(mail?.text).not.toContain('aanvaller.example');
  });

  it('refuses a link of an account blocked since it was sent', async () => {
    const user = await createUser(t.db, 'dirk@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    await requestReset(user.email, '192.0.2.41');
    await t.db.prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(
      (await resetWith(tokenOf(linkIn(smtp.to(user.email).at(-1))), NEW_PASSWORD)).data?.resetPassword.problems?.[0]
        ?.message,
    ).toBe(RESET_LINK_PROBLEM);
  });
});

describe('invitations by e-mail', () => {
  it('mails the one-time link to a new address instead of showing it, and the link from the mail is accepted', async () => {
    const answer = await graphqlClient(t.db, admin.token)<{
      inviteMember: {
        __typename: string;
        data: { invitationPath: string | null; sentByMail: boolean; addedToExistingAccount: boolean };
      };
    }>(INVITE, { o: 'emmen', e: 'nieuw@emmen.test', r: 'EDITOR' });
    expect(answer.data?.inviteMember.data).toMatchObject({
      invitationPath: null,
      sentByMail: true,
      addedToExistingAccount: false,
    });
    const mail = smtp.to('nieuw@emmen.test').at(-1);
    expect(mail?.subject).toBe('Uitnodiging voor Grondplan van Gemeente Emmen');
    expect(mail?.text).toContain('als redacteur bij Gemeente Emmen');
    const link = linkIn(mail);
    expect(link?.pathname).toBe('/uitnodiging');
    const accepted = await visitorClient(t.db)<{ acceptInvitation: { __typename: string } }>(
      `mutation($t: String!) { acceptInvitation(token: $t, name: "Nieuwe Collega", password: "${NEW_PASSWORD}") { __typename } }`,
      { t: tokenOf(link) },
    );
    expect(accepted.data?.acceptInvitation.__typename).toBe('AcceptInvitationSuccess');
  });

  it('shows the admin the link when the mail server refuses the mail', async () => {
    smtp.refuse(true);
    const answer = await graphqlClient(t.db, admin.token)<{
      inviteMember: { data: { invitationPath: string | null; sentByMail: boolean } };
    }>(INVITE, {
      o: 'emmen',
      e: 'geweigerd@emmen.test',
      r: 'VIEWER',
    });
    expect(answer.data?.inviteMember.data.sentByMail).toBe(false);
    expect(answer.data?.inviteMember.data.invitationPath).toMatch(/^\/uitnodiging\?sleutel=gpi_/);
    expect(await t.db.prisma.invitation.count({ where: { email: 'geweigerd@emmen.test' } })).toBe(1);
  });

  it('mails a notice to an existing account added to another organisation', async () => {
    await createUser(t.db, 'elders@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }]);
    const instanceAdmin = await createUser(t.db, 'beheer@grondplan.test', [], { instanceAdmin: true });
    const answer = await graphqlClient(t.db, instanceAdmin.token)<{
      inviteMember: { data: { addedToExistingAccount: boolean; sentByMail: boolean } };
    }>(INVITE, { o: 'emmen', e: 'elders@coevorden.test', r: 'VIEWER' });
    expect(answer.data?.inviteMember.data).toMatchObject({ addedToExistingAccount: true, sentByMail: false });
    await mailSettled();
    const notice = smtp.to('elders@coevorden.test').at(-1);
    expect(notice?.subject).toBe('Je bent toegevoegd aan een organisatie in Grondplan');
    expect(notice?.text).toContain('Gemeente Emmen als lezer');
  });
});

describe('notices', () => {
  it('mails the owner when the password is changed on the account page', async () => {
    const user = await createUser(t.db, 'femke@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: OLD_PASSWORD,
    });
    const session = await signIn(t.db, user.email, OLD_PASSWORD, '192.0.2.50');
    const changed = await visitorClient(t.db, { session: session.token, address: '192.0.2.51' })<{
      changePassword: { __typename: string };
    }>(`mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { __typename } }`, {
      c: OLD_PASSWORD,
      n: NEW_PASSWORD,
    });
    expect(changed.data?.changePassword.__typename).toBe('ChangePasswordSuccess');
    await mailSettled();
    const notice = smtp.to(user.email).at(-1);
    expect(notice?.subject).toBe('Je wachtwoord voor Grondplan is gewijzigd');
    expect(notice?.text).toContain('vanaf het adres 192.0.2.51');
    expect(notice?.text).not.toContain(NEW_PASSWORD);
  });

  it('mails the owner when an authenticator app or new recovery codes are added, naming neither seed nor codes', async () => {
    const user = await createUser(t.db, 'gijs@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }], {
      password: OLD_PASSWORD,
    });
    const session = await signIn(t.db, user.email, OLD_PASSWORD, '192.0.2.60');
    const client = visitorClient(t.db, { session: session.token, address: '192.0.2.61' });
    const setup = await client<{ startTotpSetup: { data?: { secret: string } } }>(
      'mutation { startTotpSetup { __typename ... on StartTotpSetupSuccess { data { secret } } } }',
    );
    const secret = setup.data?.startTotpSetup.data?.secret ?? '';
    expect(secret).not.toBe('');
    const before = smtp.to(user.email).length;
    const confirmed = await client<{ confirmTotp: { __typename: string; data?: { codes: string[] } } }>(
      'mutation($c: String!) { confirmTotp(code: $c) { __typename ... on ConfirmTotpSuccess { data { codes } } } }',
      { c: await nextTotpCode(user.email, secret) },
    );
    expect(confirmed.data?.confirmTotp.__typename).toBe('ConfirmTotpSuccess');
    await mailSettled();
    const notice = smtp.to(user.email).at(-1);
    expect(smtp.to(user.email)).toHaveLength(before + 1);
    expect(notice?.subject).toBe('Nieuwe manier van inloggen bij Grondplan');
    expect(notice?.text).toContain('authenticator-app');
    expect(notice?.text).toContain('vanaf het adres 192.0.2.61');
    expect(notice?.text).not.toContain(secret);
    for (const code of confirmed.data?.confirmTotp.data?.codes ?? []) expect(notice?.text).not.toContain(code);

    const renewed = await client<{ regenerateRecoveryCodes: { data?: { codes: string[] } } }>(
      'mutation($p: String) { regenerateRecoveryCodes(password: $p) { __typename ... on RegenerateRecoveryCodesSuccess { data { codes } } } }',
      { p: OLD_PASSWORD },
    );
    await mailSettled();
    const second = smtp.to(user.email).at(-1);
    expect(smtp.to(user.email)).toHaveLength(before + 2);
    expect(second?.text).toContain('herstelcodes');
    for (const code of renewed.data?.regenerateRecoveryCodes.data?.codes ?? ['geen codes'])
      expect(second?.text).not.toContain(code);
  });
});

describe('a correct password followed by a wrong second step', () => {
  const SIGN_IN =
    'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { ... on SecondFactorRequiredError { challenge } } }';
  const COMPLETE =
    'mutation($c: String!, $code: String) { completeSignIn(challenge: $c, code: $code) { __typename ... on Error { message } } }';
  const wrongSecondStep = async (email: string, password = OLD_PASSWORD) => {
    const visitor = visitorClient(t.db, { address: '192.0.2.70' });
    const step = await visitor<{ signIn: { challenge?: string } }>(SIGN_IN, { e: email, p: password });
    const answer = await visitor<{ completeSignIn: { __typename: string; message?: string } }>(COMPLETE, {
      c: step.data?.signIn.challenge,
      code: '000000',
    });
    await mailSettled();
    return answer.data?.completeSignIn;
  };

  it('mails the owner, at most once an hour, that someone knows the password', async () => {
    const user = await createUser(t.db, 'hanna@emmen.test', [], {
      password: OLD_PASSWORD,
      totpSecret: TEST_TOTP_SECRET,
    });
    expect((await wrongSecondStep(user.email))?.__typename).toBe('ValidationError');
    const [notice, ...more] = smtp.to(user.email);
    expect(more).toHaveLength(0);
    expect(notice?.subject).toBe('Mislukte inlogpoging met je wachtwoord bij Grondplan');
    expect(notice?.text).toContain('je wachtwoord juist ingevuld, maar daarna een onjuiste code');
    expect(notice?.text).toContain('vanaf het adres 192.0.2.70');
    expect(notice?.text).toContain('Wachtwoord vergeten?');
    // More failures within the hour: no more mail.
    await wrongSecondStep(user.email);
    await wrongSecondStep(user.email);
    expect(smtp.to(user.email)).toHaveLength(1);
    // An hour later, the next failure mails again.
    await t.db.prisma.user.update({
      where: { id: user.id },
      data: { secondStepFailureMailedAt: new Date(Date.now() - 61 * 60_000) },
    });
    await wrongSecondStep(user.email);
    expect(smtp.to(user.email)).toHaveLength(2);
  });

  it('lifts the lock on the second step when the owner sets a new password through the mailed link', async () => {
    const user = await createUser(t.db, 'ivo@emmen.test', [], { password: OLD_PASSWORD, totpSecret: TEST_TOTP_SECRET });
    await t.db.prisma.user.update({ where: { id: user.id }, data: { secondStepFailures: 20 } });
    expect(await wrongSecondStep(user.email)).toMatchObject({
      __typename: 'ForbiddenError',
      message: expect.stringContaining('geblokkeerd'),
    });
    await requestReset(user.email, '192.0.2.71');
    const link = linkIn(smtp.to(user.email).find((m) => m.subject === 'Nieuw wachtwoord voor Grondplan'));
    expect((await resetWith(tokenOf(link), NEW_PASSWORD)).data?.resetPassword.__typename).toBe('ResetPasswordSuccess');
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).secondStepFailures).toBe(0);
    expect((await wrongSecondStep(user.email, NEW_PASSWORD))?.__typename).toBe('ValidationError');
  });
});

describe('DKIM', () => {
  it('signs every mail with the configured key: the signature verifies, and a changed body fails', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const dir = mkdtempSync(path.join(tmpdir(), 'grondplan-dkim-'));
    const keyFile = path.join(dir, 'dkim.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    useMail(
      smtp.env({
        GRONDPLAN_DKIM_DOMAIN: 'grondplan.test',
        GRONDPLAN_DKIM_SELECTOR: 'proef',
        GRONDPLAN_DKIM_PRIVATE_KEY_FILE: keyFile,
      }),
    );
    try {
      const user = await createUser(t.db, 'gert@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
      await requestReset(user.email, '192.0.2.61');
      const raw = smtp.to(user.email).at(-1)?.raw.toString('utf8') ?? '';
      expect(raw).toMatch(/^DKIM-Signature: .*d=grondplan\.test/m);
      const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
      const resolver = async (name: string, type: string) => {
        if (name === 'proef._domainkey.grondplan.test' && type === 'TXT') return [[record]];
        throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
      };
      const verified = await dkimVerify(raw, { resolver });
      expect(verified.results.map((r) => [r.signingDomain, r.status.result])).toEqual([['grondplan.test', 'pass']]);
      // A line put in front of the body (a phishing link, say) breaks the body hash; a changed subject the signature.
      const tamperedBody = raw.replace('\r\n\r\n', '\r\n\r\nGewijzigd onderweg: https://aanvaller.example/\r\n');
      expect(tamperedBody).not.toBe(raw);
      const body = (await dkimVerify(tamperedBody, { resolver })).results[0]?.status;
      expect(body?.result).not.toBe('pass');
      expect(body?.comment).toBe('body hash did not verify');
      const tamperedSubject = raw.replace(
        'Subject: Nieuw wachtwoord voor Grondplan',
        'Subject: Dringend: nieuw wachtwoord',
      );
      expect(tamperedSubject).not.toBe(raw);
      expect((await dkimVerify(tamperedSubject, { resolver })).results[0]?.status.result).toBe('fail');
    } finally {
      useMail(smtp.env());
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('without mail settings', () => {
  it('shows the invitation link to the admin and says that password reset by mail is not available', async () => {
    useMail(null);
    try {
      expect((await visitorClient(t.db)<{ sendsMail: boolean }>('{ sendsMail }')).data?.sendsMail).toBe(false);
      const count = smtp.mails.length;
      const answer = await graphqlClient(t.db, admin.token)<{
        inviteMember: { data: { invitationPath: string | null; sentByMail: boolean } };
      }>(INVITE, {
        o: 'emmen',
        e: 'zonder-mail@emmen.test',
        r: 'VIEWER',
      });
      expect(answer.data?.inviteMember.data.sentByMail).toBe(false);
      expect(answer.data?.inviteMember.data.invitationPath).toMatch(/^\/uitnodiging\?sleutel=gpi_/);
      const reset = await requestReset(admin.email, '192.0.2.71');
      expect(reset.data?.requestPasswordReset).toMatchObject({
        __typename: 'ForbiddenError',
        message: expect.stringContaining('geen mailserver'),
      });
      await mailSettled();
      expect(smtp.mails.length).toBe(count);
    } finally {
      useMail(smtp.env());
    }
  });
});
