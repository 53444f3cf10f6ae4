// The second step of a sign-in: begun after a correct password, passed with a TOTP code, a recovery code or a passkey, with wrong answers counted per step (per account: second-step-failures.ts).
import { randomBytes } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server';
import type { Database } from '#prisma/client.ts';
import { type AuditSource, recordAudit, type Tx } from './audit.ts';
import { newSecret, openSession, type SessionMethod, sha256 } from './auth.ts';
import {
  ACCOUNT_FAILURES,
  activeFactors,
  MESSAGES,
  SECOND_STEP_MINUTES,
  type SecondFactorMethod,
  SecondStepError,
  STEP_ATTEMPTS,
  useRecoveryCode,
  userGid,
  useTotp,
} from './second-factor.ts';
import { countAnswer, forgetFailures, recordWrongAnswer } from './second-step-failures.ts';

// ---------------------------------------------------------------------------------------------------- the second step

/** Removes expired second steps and registrations, and wrong answers older than the window. */
export async function pruneSecondSteps(db: Database, now = Date.now()): Promise<void> {
  await db.prisma.secondFactorChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await db.prisma.secondFactorFailure.deleteMany({
    where: { createdAt: { lt: new Date(now - ACCOUNT_FAILURES.windowMinutes * 60_000) } },
  });
}

export interface SecondStep {
  token: string;
  expiresAt: Date;
  methods: SecondFactorMethod[];
}

/**
 * Opens the second step after a correct password, when the user has a factor; null when there is none (then the
 * caller opens the session). Older steps of the user are closed: only the newest is open.
 */
export async function beginSecondStep(
  tx: Tx,
  userId: string,
  client: { address?: string; userAgent?: string },
): Promise<SecondStep | null> {
  const factors = await activeFactors(tx, userId);
  if (factors.count === 0) return null;
  const token = newSecret('gpf');
  const expiresAt = new Date(Date.now() + SECOND_STEP_MINUTES * 60_000);
  await tx.secondFactorChallenge.deleteMany({
    where: { OR: [{ userId, purpose: 'SIGN_IN' }, { expiresAt: { lt: new Date() } }] },
  });
  await tx.secondFactorChallenge.create({
    data: {
      id: sha256(token),
      userId,
      purpose: 'SIGN_IN',
      webauthnChallenge: factors.passkeys > 0 ? randomBytes(32).toString('base64url') : '',
      address: client.address ?? '',
      userAgent: (client.userAgent ?? '').slice(0, 300),
      expiresAt,
    },
  });
  const methods: SecondFactorMethod[] = [];
  if (factors.totp) methods.push('TOTP');
  methods.push('RECOVERY_CODE');
  if (factors.passkeys > 0) methods.push('PASSKEY');
  return { token, expiresAt, methods };
}

/** The open second step of a cookie value, or null when it is unknown, expired or used up. */
export async function openSecondStep(db: Database, token: string) {
  if (!token) return null;
  const step = await db.prisma.secondFactorChallenge.findFirst({
    where: { id: sha256(token), purpose: 'SIGN_IN', expiresAt: { gt: new Date() }, attempts: { lt: STEP_ATTEMPTS } },
    select: { id: true, userId: true, expiresAt: true, webauthnChallenge: true },
  });
  if (!step) return null;
  const factors = await activeFactors(db.prisma, step.userId);
  return { ...step, totp: factors.totp, passkeys: factors.passkeys > 0 };
}

/** Where WebAuthn runs: the origin the browser shows, and the relying party id (its host name). */
export interface WebAuthnSite {
  origin: string;
}
export const rpId = (site: WebAuthnSite) => new URL(site.origin).hostname;

/** The options for navigator.credentials.get() in the second step, as JSON for the page's script. */
export async function passkeyRequestOptions(db: Database, token: string, site: WebAuthnSite): Promise<string | null> {
  const step = await openSecondStep(db, token);
  if (!step?.webauthnChallenge) return null;
  const passkeys = await db.prisma.passkey.findMany({
    where: { userId: step.userId },
    select: { credentialId: true, transports: true },
  });
  const options = await generateAuthenticationOptions({
    rpID: rpId(site),
    challenge: Buffer.from(step.webauthnChallenge, 'base64url'),
    allowCredentials: passkeys.map((p) => ({
      id: p.credentialId,
      transports: p.transports.split(' ').filter(Boolean) as never,
    })),
    userVerification: 'preferred',
    timeout: 120_000,
  });
  return JSON.stringify(options);
}

interface SecondStepAnswer {
  code?: string | null | undefined;
  recoveryCode?: string | null | undefined;
  /** The JSON of the passkey's assertion (AuthenticationResponseJSON). */
  passkey?: string | null | undefined;
}

async function checkPasskey(
  tx: Tx,
  userId: string,
  expectedChallenge: string,
  json: string,
  site: WebAuthnSite | null,
): Promise<boolean> {
  if (!site || !expectedChallenge) return false;
  let response: AuthenticationResponseJSON;
  try {
    response = JSON.parse(json) as AuthenticationResponseJSON;
  } catch {
    return false;
  }
  if (typeof response?.id !== 'string') return false;
  const passkey = await tx.passkey.findFirst({ where: { userId, credentialId: response.id } });
  if (!passkey) return false;
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: site.origin,
    expectedRPID: rpId(site),
    credential: {
      id: passkey.credentialId,
      publicKey: Buffer.from(passkey.publicKey, 'base64url'),
      counter: passkey.counter,
      transports: passkey.transports.split(' ').filter(Boolean),
    },
    requireUserVerification: false,
  }).catch(() => null);
  if (!result?.verified) return false;
  // A counter that does not go up (when the authenticator keeps one) points at a cloned key: the library refuses it.
  await tx.passkey.update({
    where: { id: passkey.id },
    data: { counter: result.authenticationInfo.newCounter, lastUsedAt: new Date() },
  });
  return true;
}

/**
 * Passes the second step with a TOTP code, a recovery code or a passkey, and opens the session. The attempt counts
 * before anything is checked (against the step and the account, concurrent requests included) and is forgotten only
 * when it succeeds. A wrong answer is audited; the step ends after STEP_ATTEMPTS wrong answers.
 */
export async function completeSecondStep(
  db: Database,
  token: string,
  answer: SecondStepAnswer,
  client: { address?: string; userAgent?: string; source: AuditSource; site: WebAuthnSite | null },
): Promise<{ token: string; expiresAt: Date; method: SessionMethod }> {
  const id = sha256(token);
  const now = new Date();
  const { count } = await db.prisma.secondFactorChallenge.updateMany({
    where: { id, purpose: 'SIGN_IN', expiresAt: { gt: now }, attempts: { lt: STEP_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  const step =
    count === 1
      ? await db.prisma.secondFactorChallenge.findUnique({
          where: { id },
          include: { user: { select: { email: true } } },
        })
      : null;
  if (!step) throw new SecondStepError(MESSAGES.stepGone, { restart: true });
  const method = methodOf(answer);
  if (!method) {
    await db.prisma.secondFactorChallenge.updateMany({ where: { id }, data: { attempts: { decrement: 1 } } });
    throw new SecondStepError(MESSAGES.noAnswer);
  }
  const user = { id: step.userId, email: step.user.email };
  const failure = await countAnswer(db, user.id);
  const session = await db.prisma.$transaction(async (tx) => {
    if (!(await checkAnswer(tx, user.id, method, answer, { challenge: step.webauthnChallenge, site: client.site })))
      return null;
    await forgetFailures(tx, user.id, failure);
    await tx.secondFactorChallenge.delete({ where: { id } });
    const opened = await openSession(tx, step.userId, {
      address: client.address ?? step.address,
      userAgent: client.userAgent ?? step.userAgent,
      method,
    });
    const remaining =
      method === 'PASSWORD_RECOVERY_CODE'
        ? await tx.recoveryCode.count({ where: { userId: step.userId, usedAt: null } })
        : undefined;
    await recordAudit(tx, {
      actor: { userId: step.userId, email: step.user.email },
      source: client.source,
      organisationId: null,
      entityType: 'Session',
      entityId: userGid(step.userId),
      action: 'SIGN_IN',
      before: null,
      after: {
        email: step.user.email,
        address: client.address ?? step.address,
        method,
        ...(remaining === undefined ? {} : { recoveryCodesLeft: remaining }),
      },
    });
    return { ...opened, method };
  });
  if (session) return session;
  if (step.attempts >= STEP_ATTEMPTS) await db.prisma.secondFactorChallenge.deleteMany({ where: { id } });
  await recordWrongAnswer(db, user, method, { address: client.address ?? step.address, source: client.source });
  if (step.attempts >= STEP_ATTEMPTS) throw new SecondStepError(MESSAGES.stepGone, { restart: true });
  throw new SecondStepError(method === 'PASSWORD_PASSKEY' ? MESSAGES.wrongPasskey : MESSAGES.wrongCode);
}

/** Which factor an answer uses; null when it has none. */
export function methodOf(answer: SecondStepAnswer): SessionMethod | null {
  if (answer.passkey) return 'PASSWORD_PASSKEY';
  if (answer.code) return 'PASSWORD_TOTP';
  if (answer.recoveryCode) return 'PASSWORD_RECOVERY_CODE';
  return null;
}

/** Checks the answer (a TOTP code or a recovery code is used up by this; a passkey needs the step's challenge). */
export async function checkAnswer(
  tx: Tx,
  userId: string,
  method: SessionMethod,
  answer: SecondStepAnswer,
  passkey: { challenge: string; site: WebAuthnSite | null } | null,
): Promise<boolean> {
  if (method === 'PASSWORD_PASSKEY')
    return passkey ? checkPasskey(tx, userId, passkey.challenge, answer.passkey ?? '', passkey.site) : false;
  if (method === 'PASSWORD_TOTP') return useTotp(tx, userId, answer.code ?? '');
  if (method === 'PASSWORD_RECOVERY_CODE') return useRecoveryCode(tx, userId, answer.recoveryCode ?? '');
  return false;
}
