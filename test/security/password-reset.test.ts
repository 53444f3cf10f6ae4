// "Wachtwoord vergeten" reveals nothing about which accounts exist, and cannot be used to flood a mailbox or to guess:
// the same answer and the same work before answering for every address, a mail only for an enabled account with a
// password, budgets per client address (visible) and per address asked for (silent, the last link keeps working).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '#core/audit.ts';
import { mailSettled, resetMailSettings } from '#core/mail.ts';
import { RESET_LIMITS } from '#graphql/types/password-reset.ts';
import { readDataVersion } from '#prisma/data-version.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { visitorClient } from '../helpers/graphql.ts';
import { linkIn, startSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let smtp: TestSmtp;
const saved = { ...process.env };

beforeAll(async () => {
  smtp = await startSmtp();
  Object.assign(process.env, smtp.env());
  delete process.env.GRONDPLAN_RATE_LIMITS;
  resetMailSettings();
  t = await createTestDatabase();
});
afterAll(async () => {
  process.env = saved;
  resetMailSettings();
  await smtp?.close();
  await t?.drop();
});

const REQUEST = `mutation($e: String!) { requestPasswordReset(email: $e) { __typename ... on Error { message } ... on SignInThrottledError { retryAfterSeconds } } }`;
const RESET = `mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { __typename } }`;
type Answer = { requestPasswordReset: { __typename: string; message?: string; retryAfterSeconds?: number } };

/** The request's answer, and the SQL statements sent before it came (the work after it is waited for separately). */
async function ask(email: string, address: string) {
  const client = visitorClient(t.db, { address });
  t.db.queries.log = [];
  t.db.queries.recording = true;
  const answer = await client<Answer>(REQUEST, { e: email });
  t.db.queries.recording = false;
  const statements = [...t.db.queries.log];
  await mailSettled();
  return { answer, statements };
}

describe('asking for a password reset link', () => {
  it('answers an unknown address exactly as a known one, after the same work, and mails only the known one', async () => {
    const known = await createUser(t.db, 'bekend@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    const before = {
      resets: await t.db.prisma.passwordReset.count(),
      events: await t.db.prisma.auditEvent.count(),
      mails: smtp.mails.length,
    };
    const unknown = await ask('onbekend@emmen.test', '198.51.100.1');
    expect(await t.db.prisma.passwordReset.count()).toBe(before.resets);
    expect(await t.db.prisma.auditEvent.count()).toBe(before.events);
    expect(smtp.mails.length).toBe(before.mails);

    const found = await ask(known.email, '198.51.100.2');
    expect(found.answer).toEqual(unknown.answer);
    expect(found.answer.data?.requestPasswordReset.__typename).toBe('RequestPasswordResetSuccess');
    // Nothing about the account is looked up before the answer: the same statements either way.
    expect(found.statements).toEqual(unknown.statements);
    expect(smtp.to(known.email)).toHaveLength(1);
  });

  it('mails nothing for a blocked account or one without a password, with the same answer', async () => {
    const blocked = await createUser(t.db, 'geblokkeerd@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    await t.db.prisma.user.update({ where: { id: blocked.id }, data: { disabledAt: new Date() } });
    const passwordless = await createUser(t.db, 'zonder-wachtwoord@emmen.test', [
      { organisation: 'emmen', role: 'VIEWER' },
    ]);
    await t.db.prisma.user.update({ where: { id: passwordless.id }, data: { passwordHash: '' } });
    const reference = await ask('niemand@emmen.test', '198.51.100.3');
    for (const email of [blocked.email, passwordless.email]) {
      expect((await ask(email, '198.51.100.3')).answer).toEqual(reference.answer);
      expect(smtp.to(email)).toHaveLength(0);
    }
    expect(await t.db.prisma.passwordReset.count({ where: { userId: { in: [blocked.id, passwordless.id] } } })).toBe(0);
  });

  it('raises the data version for an unknown address as for a known one, so the caches tell nothing either', async () => {
    const known = await createUser(t.db, 'versie@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    const raised = async (email: string, address: string) => {
      const before = await readDataVersion(t.db);
      await ask(email, address);
      return (await readDataVersion(t.db)) - before;
    };
    const forUnknown = await raised('niet-bestaand@emmen.test', '198.51.100.20');
    const forKnown = await raised(known.email, '198.51.100.21');
    expect(forUnknown).toBeGreaterThan(0);
    expect(forUnknown).toBe(forKnown);
  });

  it('sends no link to a member of an organisation that switched password sign-in off, with the same answer', async () => {
    const member = await createUser(t.db, 'sso-lid@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }]);
    await t.db.prisma.organisation.update({ where: { slug: 'coevorden' }, data: { passwordSignIn: false } });
    try {
      const reference = await ask('niemand-anders@coevorden.test', '198.51.100.22');
      expect((await ask(member.email, '198.51.100.22')).answer).toEqual(reference.answer);
      expect(smtp.to(member.email)).toHaveLength(0);
      expect(await t.db.prisma.passwordReset.count({ where: { userId: member.id } })).toBe(0);
    } finally {
      await t.db.prisma.organisation.update({ where: { slug: 'coevorden' }, data: { passwordSignIn: true } });
    }
  });

  it('sends at most a few links per address asked for, silently, and the last one sent keeps working', async () => {
    const user = await createUser(t.db, 'doelwit@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    const answers = [];
    for (let i = 0; i <= RESET_LIMITS.perAccount.points; i++)
      answers.push((await ask(user.email, `203.0.113.${10 + i}`)).answer);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    const mails = smtp.to(user.email);
    expect(mails).toHaveLength(RESET_LIMITS.perAccount.points);
    const token = linkIn(mails.at(-1))?.searchParams.get('sleutel') ?? '';
    const reset = await visitorClient(t.db)<{ resetPassword: { __typename: string } }>(RESET, {
      t: token,
      p: 'een nieuw en lang wachtwoord voor het doelwit',
    });
    expect(reset.data?.resetPassword.__typename).toBe('ResetPasswordSuccess');
    // The same budget whatever the spelling of the address.
    expect((await ask(' DOELWIT@emmen.test', '203.0.113.50')).answer).toEqual(answers[0]);
    expect(smtp.to(user.email).filter((m) => m.subject === 'Nieuw wachtwoord voor Grondplan')).toHaveLength(
      RESET_LIMITS.perAccount.points,
    );
  });

  it('counts the links an account was sent through other instances too', async () => {
    const user = await createUser(t.db, 'elders-gevraagd@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    // Another instance (with memory of its own) sent the account its links this hour.
    await t.db.prisma.$transaction(async (tx) => {
      for (let i = 0; i < RESET_LIMITS.perAccount.points; i++)
        await recordAudit(tx, {
          actor: { label: user.email },
          source: 'UI',
          organisationId: null,
          entityType: 'User',
          entityId: encodeGlobalID('User', user.id),
          action: 'REQUEST_PASSWORD_RESET',
          before: null,
          after: { email: user.email },
        });
    });
    const reference = await ask('niemand-anders@emmen.test', '203.0.113.90');
    expect((await ask(user.email, '203.0.113.91')).answer).toEqual(reference.answer);
    expect(smtp.to(user.email)).toHaveLength(0);
    expect(await t.db.prisma.passwordReset.count({ where: { userId: user.id } })).toBe(0);
  });

  it('refuses a client address that asks too often, with the time to wait', async () => {
    for (let i = 0; i < RESET_LIMITS.perClient.points; i++)
      expect((await ask(`iemand-${i}@elders.test`, '192.0.2.77')).answer.data?.requestPasswordReset.__typename).toBe(
        'RequestPasswordResetSuccess',
      );
    const refused = (await ask('nog-iemand@elders.test', '192.0.2.77')).answer.data?.requestPasswordReset;
    expect(refused?.__typename).toBe('SignInThrottledError');
    expect(refused?.message).toMatch(
      /^Er is te vaak een nieuw wachtwoord aangevraagd vanaf dit adres\. Wacht \d+ minuten? en probeer het dan opnieuw\.$/,
    );
    expect(refused?.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(RESET_LIMITS.perClient.seconds);
    // Another address is not affected.
    expect((await ask('nog-iemand@elders.test', '192.0.2.78')).answer.data?.requestPasswordReset.__typename).toBe(
      'RequestPasswordResetSuccess',
    );
  });

  it('never lets a guessed or malformed key reset anything', async () => {
    for (const token of ['gpr_geraden', '', 'x'.repeat(201)]) {
      const answer = await visitorClient(t.db)<{ resetPassword: { __typename: string } }>(RESET, {
        t: token,
        p: 'een nieuw en lang wachtwoord voor niemand',
      });
      expect(answer.data?.resetPassword.__typename).toBe('ValidationError');
    }
  });
});
