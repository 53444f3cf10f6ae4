// Second factors for local accounts: an authenticator app (TOTP, RFC 6238, with otplib), one-time recovery codes and
// passkeys (WebAuthn, with SimpleWebAuthn). After a correct password a user with a factor gets no session but a
// short-lived second step (SecondFactorChallenge, only the SHA-256 of its cookie stored, bound to the user, a few
// attempts); the session opens only when that step is passed. Wrong codes count per step and per account (in the
// database, so every instance counts them together); a TOTP time step once accepted and a recovery code once used are
// never accepted again. The TOTP seed is shown once while it is set up and never leaves the server afterwards.
import { randomBytes } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Database } from '#prisma/client.ts';
import { type AuditSource, recordAudit, type Tx } from './audit.ts';
import { newSecret, openSession, passwordMatches, type SessionMethod, sha256 } from './auth.ts';
import type { Viewer } from './context.ts';
import { sendNotice } from './mail.ts';

/** How long the second step of a sign-in stays open, and how long a passkey registration waits for its answer. */
export const SECOND_STEP_MINUTES = 10;
/** Wrong answers within one second step: then the step ends and the sign-in starts again with the password. */
export const STEP_ATTEMPTS = 5;
/** Wrong answers for one account within the window, over all its second steps: then the account's second step waits. */
export const ACCOUNT_FAILURES = { windowMinutes: 15, limit: 10 } as const;
/**
 * Wrong second-step answers for one account since its last passed second step: then its second step is locked until
 * a password reset (by mail, or by an instance administrator from the command line) or a passed second step.
 */
export const SECOND_STEP_LOCK = 20;
/** The owner is mailed about a correct password followed by a wrong second step at most this often. */
export const FAILURE_MAIL_MINUTES = 60;
/** The number of recovery codes a user gets at once. */
export const RECOVERY_CODE_COUNT = 10;

/** TOTP as authenticator apps do it: SHA-1, six digits, 30 seconds; one step before or after is accepted (clock drift). */
export const TOTP = { algorithm: 'sha1', digits: 6, period: 30, epochTolerance: 30 } as const;

export const SECOND_STEP_COOKIE = 'gp_tweede_stap';
const ISSUER = 'Grondplan';

const userGid = (id: string) => Buffer.from(`User:${id}`).toString('base64');

/** "3 minuten", "1 minuut": how long to wait, in whole minutes. */
const minutes = (seconds: number) => `${Math.max(1, Math.ceil(seconds / 60))} ${seconds > 60 ? 'minuten' : 'minuut'}`;

/** The Dutch messages of the second step and the factor settings. */
export const MESSAGES = {
  stepGone: 'De tweede stap van het inloggen is verlopen of te vaak geprobeerd. Log opnieuw in met je e-mailadres en wachtwoord.',
  wrongCode: 'Deze code klopt niet of is al gebruikt. Vul de code in die je app nu toont, of een ongebruikte herstelcode.',
  wrongPasskey: 'Inloggen met de passkey is niet gelukt. Probeer het opnieuw of gebruik een code uit je app of een herstelcode.',
  noAnswer: 'Vul de code uit je authenticator-app of een herstelcode in, of gebruik een passkey.',
  throttled: (seconds: number) => `Er zijn te veel onjuiste codes ingevuld voor dit account. Wacht ${minutes(seconds)} en log dan opnieuw in.`,
  lastFactor:
    'Dit is je laatste tweede factor en voor jouw account is een tweede factor verplicht. Stel eerst een andere in (een authenticator-app of een passkey) en verwijder deze daarna.',
  wrongPassword: 'Het wachtwoord klopt niet. Vul het wachtwoord in waarmee je inlogt.',
  removalThrottled: (seconds: number) =>
    `Er is te vaak een onjuist wachtwoord of een onjuiste code ingevuld voor dit account. Wacht ${minutes(seconds)} en probeer het dan opnieuw.`,
  noProof: 'Vul ter bevestiging je wachtwoord in, of een code die je authenticator-app nu toont.',
  noPasswordProof: 'Vul ter bevestiging je wachtwoord in.',
  locked: `De tweede stap van het inloggen is voor dit account geblokkeerd: er zijn ${SECOND_STEP_LOCK} onjuiste codes ingevuld sinds de laatste keer dat er goed werd ingelogd. Kies een nieuw wachtwoord via "Wachtwoord vergeten?" op de inlogpagina, of vraag een beheerder van Grondplan om een nieuw wachtwoord (npm run user -- add <e-mailadres> --reset-password). Daarna kun je weer inloggen.`,
} as const;

/** A second step that could not be passed: the message says why; `retryAfterSeconds` when the account waits. */
export class SecondStepError extends Error {
  readonly retryAfterSeconds: number | null;
  /** The step is over (expired, used up or unknown) or the account is locked: no answer is checked now. */
  readonly restart: boolean;
  constructor(message: string, options: { retryAfterSeconds?: number; restart?: boolean } = {}) {
    super(message);
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    this.restart = options.restart ?? false;
  }
}

/** The password was right and the account has a second factor: no session yet, but this second step. */
export class SecondFactorRequiredError extends Error {
  readonly challenge: string;
  readonly expiresAt: Date;
  readonly methods: SecondFactorMethod[];
  constructor(step: SecondStep) {
    super('Je wachtwoord klopt. Bevestig nu met je tweede factor: een code uit je authenticator-app, een herstelcode of een passkey.');
    this.challenge = step.token;
    this.expiresAt = step.expiresAt;
    this.methods = step.methods;
  }
}

export type SecondFactorMethod = 'TOTP' | 'RECOVERY_CODE' | 'PASSKEY';

// ---------------------------------------------------------------------------------------------------------------- TOTP

export const newTotpSecret = () => generateSecret();

/** The otpauth:// URI an authenticator app reads from the QR code. */
export const totpUri = (email: string, secret: string) => generateURI({ issuer: ISSUER, label: email, secret, ...TOTP });

/** The QR code of the URI as an SVG data URL, for an <img> with a text alternative. */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The seed in groups of four, for typing it over. */
export const groupedSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** Only digits count: "123 456" and "123-456" are "123456". */
const digitsOf = (code: string) => code.replace(/[\s-]/g, '');

/**
 * The time step the code belongs to, when it is right for `secret` at `epoch` (seconds) and later than `afterStep`; else
 * null. A step at or before `afterStep` was used already: that is the replay rule.
 */
export async function totpStep(secret: string, code: string, afterStep: number, epoch = Math.floor(Date.now() / 1000)): Promise<number | null> {
  const token = digitsOf(code);
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({ secret, token, epoch, ...TOTP, ...(afterStep > 0 ? { afterTimeStep: afterStep } : {}) }).catch(() => null);
  // The TOTP strategy's answer carries the step (otplib's shared result type also covers HOTP, which has none).
  return result?.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Accepts a code once: the factor's last step moves forward only if no other request took this step (or a later one) first. */
async function useTotp(tx: Tx, userId: string, code: string): Promise<boolean> {
  const factor = await tx.totpFactor.findUnique({ where: { userId } });
  if (!factor?.confirmedAt) return false;
  const step = await totpStep(factor.secret, code, factor.lastStep);
  if (step === null) return false;
  const { count } = await tx.totpFactor.updateMany({ where: { userId, lastStep: { lt: step } }, data: { lastStep: step } });
  return count === 1;
}

// ---------------------------------------------------------------------------------------------------- recovery codes

const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes of ten characters (about 49 bits each), shown as "abcde-fghjk". */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter. */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

/** Replaces the user's recovery codes with ten new ones (only their hashes stored); the codes are returned once. */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: sha256(normaliseRecoveryCode(code)) })) });
  return codes;
}

async function useRecoveryCode(tx: Tx, userId: string, code: string): Promise<boolean> {
  const normalised = normaliseRecoveryCode(code);
  if (!/^[a-z0-9]{10}$/.test(normalised)) return false;
  const { count } = await tx.recoveryCode.updateMany({ where: { userId, codeHash: sha256(normalised), usedAt: null }, data: { usedAt: new Date() } });
  return count === 1;
}

// ---------------------------------------------------------------------------------------------------- requirement

/** The user's active factors: a confirmed authenticator app and the passkeys. */
export async function activeFactors(tx: Pick<Tx, 'totpFactor' | 'passkey'>, userId: string) {
  const [totp, passkeys] = await Promise.all([
    tx.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    tx.passkey.count({ where: { userId } }),
  ]);
  return { totp: Boolean(totp?.confirmedAt), passkeys, count: (totp?.confirmedAt ? 1 : 0) + passkeys };
}

/** Whether the user must have a second factor: always for instance administrators, or as one of their organisations requires. */
export async function secondFactorRequired(tx: Pick<Tx, 'user'>, userId: string): Promise<boolean> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { isInstanceAdmin: true, memberships: { where: { organisation: { requireSecondFactor: true } }, select: { organisationId: true }, take: 1 } },
  });
  return Boolean(user && (user.isInstanceAdmin || user.memberships.length > 0));
}

// ---------------------------------------------------------------------------------------------------- the second step

/** Removes expired second steps and registrations, and wrong answers older than the window. */
export async function pruneSecondSteps(db: Database, now = Date.now()): Promise<void> {
  await db.prisma.secondFactorChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await db.prisma.secondFactorFailure.deleteMany({ where: { createdAt: { lt: new Date(now - ACCOUNT_FAILURES.windowMinutes * 60_000) } } });
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
export async function beginSecondStep(tx: Tx, userId: string, client: { address?: string; userAgent?: string }): Promise<SecondStep | null> {
  const factors = await activeFactors(tx, userId);
  if (factors.count === 0) return null;
  const token = newSecret('gpf');
  const expiresAt = new Date(Date.now() + SECOND_STEP_MINUTES * 60_000);
  await tx.secondFactorChallenge.deleteMany({ where: { OR: [{ userId, purpose: 'SIGN_IN' }, { expiresAt: { lt: new Date() } }] } });
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
const rpId = (site: WebAuthnSite) => new URL(site.origin).hostname;

/** The options for navigator.credentials.get() in the second step, as JSON for the page's script. */
export async function passkeyRequestOptions(db: Database, token: string, site: WebAuthnSite): Promise<string | null> {
  const step = await openSecondStep(db, token);
  if (!step?.webauthnChallenge) return null;
  const passkeys = await db.prisma.passkey.findMany({ where: { userId: step.userId }, select: { credentialId: true, transports: true } });
  const options = await generateAuthenticationOptions({
    rpID: rpId(site),
    challenge: Buffer.from(step.webauthnChallenge, 'base64url'),
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports.split(' ').filter(Boolean) as never })),
    userVerification: 'preferred',
    timeout: 120_000,
  });
  return JSON.stringify(options);
}

export interface SecondStepAnswer {
  code?: string | null | undefined;
  recoveryCode?: string | null | undefined;
  /** The JSON of the passkey's assertion (AuthenticationResponseJSON). */
  passkey?: string | null | undefined;
}

async function checkPasskey(tx: Tx, userId: string, expectedChallenge: string, json: string, site: WebAuthnSite | null): Promise<boolean> {
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
  await tx.passkey.update({ where: { id: passkey.id }, data: { counter: result.authenticationInfo.newCounter, lastUsedAt: new Date() } });
  return true;
}

/** Seconds until the oldest counted failure leaves the window, when the account reached the limit; null otherwise. */
async function accountWait(db: Database, userId: string, own: string): Promise<number | null> {
  const since = new Date(Date.now() - ACCOUNT_FAILURES.windowMinutes * 60_000);
  const counted = { userId, createdAt: { gte: since }, id: { not: own } };
  const failures = await db.prisma.secondFactorFailure.findMany({
    where: counted,
    orderBy: { createdAt: 'desc' },
    skip: ACCOUNT_FAILURES.limit - 1,
    take: 1,
    select: { createdAt: true },
  });
  const oldest = failures[0];
  if (!oldest) return null;
  return Math.max(1, Math.ceil((oldest.createdAt.getTime() + ACCOUNT_FAILURES.windowMinutes * 60_000 - Date.now()) / 1000));
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
  const step = count === 1 ? await db.prisma.secondFactorChallenge.findUnique({ where: { id }, include: { user: { select: { email: true } } } }) : null;
  if (!step) throw new SecondStepError(MESSAGES.stepGone, { restart: true });
  const method = methodOf(answer);
  if (!method) {
    await db.prisma.secondFactorChallenge.updateMany({ where: { id }, data: { attempts: { decrement: 1 } } });
    throw new SecondStepError(MESSAGES.noAnswer);
  }
  const user = { id: step.userId, email: step.user.email };
  const failure = await countAnswer(db, user.id);
  const session = await db.prisma.$transaction(async (tx) => {
    if (!(await checkAnswer(tx, user.id, method, answer, { challenge: step.webauthnChallenge, site: client.site }))) return null;
    await forgetFailures(tx, user.id, failure);
    await tx.secondFactorChallenge.delete({ where: { id } });
    const opened = await openSession(tx, step.userId, { address: client.address ?? step.address, userAgent: client.userAgent ?? step.userAgent, method });
    const remaining = method === 'PASSWORD_RECOVERY_CODE' ? await tx.recoveryCode.count({ where: { userId: step.userId, usedAt: null } }) : undefined;
    await recordAudit(tx, {
      actor: { userId: step.userId, email: step.user.email },
      source: client.source,
      organisationId: null,
      entityType: 'Session',
      entityId: userGid(step.userId),
      action: 'SIGN_IN',
      before: null,
      after: { email: step.user.email, address: client.address ?? step.address, method, ...(remaining === undefined ? {} : { recoveryCodesLeft: remaining }) },
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

/**
 * Counts a second-step answer against the account before it is checked (concurrent requests included): towards the
 * hard lock and within the rolling window. Throws when the account is locked or must wait; returns the window's
 * failure row, forgotten (with the lock's count) when the answer is right.
 */
export async function countAnswer(db: Database, userId: string): Promise<string> {
  const counted = await db.prisma.user.updateMany({
    where: { id: userId, secondStepFailures: { lt: SECOND_STEP_LOCK } },
    data: { secondStepFailures: { increment: 1 } },
  });
  if (counted.count !== 1) throw new SecondStepError(MESSAGES.locked, { restart: true });
  const failure = await db.prisma.secondFactorFailure.create({ data: { userId }, select: { id: true } });
  const wait = await accountWait(db, userId, failure.id);
  if (wait !== null) {
    await db.prisma.secondFactorFailure.deleteMany({ where: { id: failure.id } });
    await db.prisma.user.updateMany({ where: { id: userId, secondStepFailures: { gt: 0 } }, data: { secondStepFailures: { decrement: 1 } } });
    throw new SecondStepError(MESSAGES.throttled(wait), { retryAfterSeconds: wait });
  }
  return failure.id;
}

/** Checks the answer (a TOTP code or a recovery code is used up by this; a passkey needs the step's challenge). */
export async function checkAnswer(
  tx: Tx,
  userId: string,
  method: SessionMethod,
  answer: SecondStepAnswer,
  passkey: { challenge: string; site: WebAuthnSite | null } | null,
): Promise<boolean> {
  if (method === 'PASSWORD_PASSKEY') return passkey ? checkPasskey(tx, userId, passkey.challenge, answer.passkey ?? '', passkey.site) : false;
  if (method === 'PASSWORD_TOTP') return useTotp(tx, userId, answer.code ?? '');
  if (method === 'PASSWORD_RECOVERY_CODE') return useRecoveryCode(tx, userId, answer.recoveryCode ?? '');
  return false;
}

/** A passed second step: this answer does not count, and the wrong answers before it no longer count towards the lock. */
export async function forgetFailures(tx: Tx, userId: string, failure: string): Promise<void> {
  await tx.secondFactorFailure.deleteMany({ where: { id: failure } });
  await tx.user.update({ where: { id: userId }, data: { secondStepFailures: 0 } });
}

/**
 * A correct password followed by a wrong second step: audited with the account as actor (so its owner sees it), the
 * lock audited when this answer reached it, and the owner mailed, at most once per FAILURE_MAIL_MINUTES (the lock
 * always).
 */
export async function recordWrongAnswer(
  db: Database,
  user: { id: string; email: string },
  method: SessionMethod,
  client: { address?: string | null | undefined; source: AuditSource },
): Promise<void> {
  const now = new Date();
  const locked = await db.prisma.$transaction(async (tx) => {
    const base = {
      actor: { userId: user.id, email: user.email },
      source: client.source,
      organisationId: null,
      entityType: 'Session' as const,
      entityId: userGid(user.id),
    };
    await recordAudit(tx, { ...base, action: 'SECOND_FACTOR_FAILED', before: null, after: { email: user.email, address: client.address ?? null, method } });
    const { secondStepFailures } = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { secondStepFailures: true } });
    if (secondStepFailures < SECOND_STEP_LOCK) return false;
    await recordAudit(tx, {
      ...base,
      action: 'SECOND_FACTOR_LOCKED',
      before: null,
      after: { email: user.email, address: client.address ?? null, wrongAnswers: secondStepFailures },
    });
    return true;
  });
  const since = new Date(now.getTime() - FAILURE_MAIL_MINUTES * 60_000);
  const claimed = await db.prisma.user.updateMany({
    where: { id: user.id, ...(locked ? {} : { OR: [{ secondStepFailureMailedAt: null }, { secondStepFailureMailedAt: { lt: since } }] }) },
    data: { secondStepFailureMailedAt: now },
  });
  if (claimed.count !== 1) return;
  sendNotice(user.email, {
    kind: 'SECOND_STEP_FAILED',
    detail: locked
      ? `Na ${SECOND_STEP_LOCK} onjuiste codes is de tweede stap nu geblokkeerd; kies een nieuw wachtwoord via "Wachtwoord vergeten?" om weer in te loggen`
      : undefined,
    when: now,
    address: client.address ?? undefined,
  });
}

// ---------------------------------------------------------------------------------------------------- managing factors

type Actor = Pick<Viewer, 'userId' | 'email'> & { credentialId?: string; via?: Viewer['via'] };

/**
 * Whether adding a factor needs the password given again: when the account has a factor already, and when the
 * session came from an identity provider while the account has a password of its own (the provider's session proved
 * nothing about that password, and a factor added there would stand between the owner and their password sign-in).
 */
export async function addingNeedsProof(db: Database, actor: Actor): Promise<boolean> {
  if ((await activeFactors(db.prisma, actor.userId)).count > 0) return true;
  if (actor.via !== 'UI' || !actor.credentialId) return false;
  const session = await db.prisma.session.findUnique({ where: { id: actor.credentialId }, select: { method: true, user: { select: { passwordHash: true } } } });
  return session?.method === 'OIDC' && session.user.passwordHash !== '';
}

async function auditFactor(tx: Tx, actor: Actor, source: AuditSource, action: 'ADD' | 'REMOVE' | 'RECOVERY_CODES', after: Record<string, unknown>) {
  await recordAudit(tx, {
    actor,
    source,
    organisationId: null,
    entityType: 'SecondFactor',
    entityId: userGid(actor.userId),
    action,
    before: null,
    after: { email: actor.email, ...after },
  });
}

/** Starts (or starts again) setting up the authenticator app: a new seed, not active until confirmed. Refused when one is active. */
export async function startTotpSetup(db: Database, actor: Actor): Promise<{ secret: string; uri: string } | null> {
  return db.prisma.$transaction(async (tx) => {
    const existing = await tx.totpFactor.findUnique({ where: { userId: actor.userId }, select: { confirmedAt: true } });
    if (existing?.confirmedAt) return null;
    const secret = newTotpSecret();
    await tx.totpFactor.upsert({
      where: { userId: actor.userId },
      create: { userId: actor.userId, secret },
      update: { secret, lastStep: 0, createdAt: new Date() },
    });
    return { secret, uri: totpUri(actor.email, secret) };
  });
}

/** The seed being set up (not yet confirmed), to show again on the setup page; null once it is active. */
export async function pendingTotp(db: Database, actor: Actor): Promise<{ secret: string; uri: string } | null> {
  const factor = await db.prisma.totpFactor.findUnique({ where: { userId: actor.userId }, select: { secret: true, confirmedAt: true } });
  return factor && !factor.confirmedAt ? { secret: factor.secret, uri: totpUri(actor.email, factor.secret) } : null;
}

/**
 * Adds the authenticator app as a factor: the first code confirms the seed being set up. When the account has a
 * factor already (a passkey), the password is asked again first (see proveIdentity). Returns the recovery codes when
 * the user had none yet (shown once), else an empty list; null when the code is wrong.
 */
export async function confirmTotp(db: Database, actor: Actor, code: string, proof: Proof, source: AuditSource): Promise<{ recoveryCodes: string[] } | null> {
  if (await addingNeedsProof(db, actor)) await proveIdentity(db, actor, { password: proof.password }, { passwordOnly: true });
  return db.prisma.$transaction(async (tx) => {
    const factor = await tx.totpFactor.findUnique({ where: { userId: actor.userId } });
    if (!factor || factor.confirmedAt) return null;
    const step = await totpStep(factor.secret, code, 0);
    if (step === null) return null;
    await tx.totpFactor.update({ where: { userId: actor.userId }, data: { confirmedAt: new Date(), lastStep: step } });
    const recoveryCodes =
      (await tx.recoveryCode.count({ where: { userId: actor.userId, usedAt: null } })) === 0 ? await replaceRecoveryCodes(tx, actor.userId) : [];
    await auditFactor(tx, actor, source, 'ADD', { factor: 'authenticator-app', recoveryCodesIssued: recoveryCodes.length });
    return { recoveryCodes };
  });
}

/**
 * New recovery codes for a user with a factor, after the password or a current code from the app (proveIdentity); the
 * old ones stop working. Null without an active factor.
 */
export async function regenerateRecoveryCodes(db: Database, actor: Actor, proof: Proof, source: AuditSource): Promise<string[] | null> {
  if ((await activeFactors(db.prisma, actor.userId)).count === 0) return null;
  await proveIdentity(db, actor, proof);
  return db.prisma.$transaction(async (tx) => {
    if ((await activeFactors(tx, actor.userId)).count === 0) return null;
    const codes = await replaceRecoveryCodes(tx, actor.userId);
    await auditFactor(tx, actor, source, 'RECOVERY_CODES', { recoveryCodesIssued: codes.length });
    return codes;
  });
}

/** The options for navigator.credentials.create(), as JSON; the challenge is kept for SECOND_STEP_MINUTES. */
export async function beginPasskeyRegistration(db: Database, actor: Actor & { name: string }, site: WebAuthnSite): Promise<string> {
  const existing = await db.prisma.passkey.findMany({ where: { userId: actor.userId }, select: { credentialId: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: ISSUER,
    rpID: rpId(site),
    userName: actor.email,
    userDisplayName: actor.name,
    userID: new TextEncoder().encode(actor.userId),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports.split(' ').filter(Boolean) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    timeout: 120_000,
  });
  await db.prisma.secondFactorChallenge.deleteMany({
    where: { OR: [{ userId: actor.userId, purpose: 'PASSKEY_REGISTRATION' }, { expiresAt: { lt: new Date() } }] },
  });
  await db.prisma.secondFactorChallenge.create({
    data: {
      id: sha256(newSecret('gpr')),
      userId: actor.userId,
      purpose: 'PASSKEY_REGISTRATION',
      webauthnChallenge: options.challenge,
      expiresAt: new Date(Date.now() + SECOND_STEP_MINUTES * 60_000),
    },
  });
  return JSON.stringify(options);
}

/**
 * Adds a passkey as a factor from the browser's answer to the registration options. When the account has a factor
 * already, the password or a current code from the app is asked again first (proveIdentity). Returns the recovery
 * codes when the user had none yet (shown once), else an empty list; null when the answer does not verify.
 */
export async function addPasskey(
  db: Database,
  actor: Actor,
  passkey: { name: string; response: string },
  proof: Proof,
  site: WebAuthnSite,
  source: AuditSource,
): Promise<{ recoveryCodes: string[] } | null> {
  const { name, response: json } = passkey;
  if (await addingNeedsProof(db, actor)) await proveIdentity(db, actor, proof);
  let response: RegistrationResponseJSON;
  try {
    response = JSON.parse(json) as RegistrationResponseJSON;
  } catch {
    return null;
  }
  const challenges = await db.prisma.secondFactorChallenge.findMany({
    where: { userId: actor.userId, purpose: 'PASSKEY_REGISTRATION', expiresAt: { gt: new Date() } },
    select: { id: true, webauthnChallenge: true },
  });
  let used: string | null = null;
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: (challenge) => {
      used = challenges.find((c) => c.webauthnChallenge === challenge)?.id ?? null;
      return used !== null;
    },
    expectedOrigin: site.origin,
    expectedRPID: rpId(site),
    requireUserVerification: false,
  }).catch(() => null);
  if (!result?.verified || !used) return null;
  const challengeId: string = used;
  const credential = result.registrationInfo.credential;
  return db.prisma.$transaction(async (tx) => {
    // The challenge is used once: a second request with the same answer finds it gone.
    const { count } = await tx.secondFactorChallenge.deleteMany({ where: { id: challengeId } });
    if (count !== 1) return null;
    if (await tx.passkey.findUnique({ where: { credentialId: credential.id }, select: { id: true } })) return null;
    const passkey = await tx.passkey.create({
      data: {
        userId: actor.userId,
        name,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: (credential.transports ?? []).join(' '),
      },
      select: { id: true },
    });
    const recoveryCodes =
      (await tx.recoveryCode.count({ where: { userId: actor.userId, usedAt: null } })) === 0 ? await replaceRecoveryCodes(tx, actor.userId) : [];
    await auditFactor(tx, actor, source, 'ADD', { factor: 'passkey', name, passkey: passkey.id, recoveryCodesIssued: recoveryCodes.length });
    return { recoveryCodes };
  });
}

/** The password, or a current code from the authenticator app, given again to change the factors. */
export interface Proof {
  password?: string | null | undefined;
  code?: string | null | undefined;
}

/** A change of the factors that was refused: the field it is about, and why, in Dutch. */
export class FactorRemovalError extends Error {
  readonly field: 'password' | 'code' | 'factor';
  constructor(field: 'password' | 'code' | 'factor', message: string) {
    super(message);
    this.field = field;
  }
}

/**
 * Checks that the person in the session is the account's owner before a factor is added or removed or new recovery
 * codes are made: the password, or (unless passwordOnly) a current code from the app (used up by this), given again. A wrong one counts
 * against the account's second-step failures (so neither can be guessed here), and once they are spent nothing is
 * checked. Throws a FactorRemovalError for the field when it is refused.
 */
export async function proveIdentity(db: Database, actor: Actor, proof: Proof, options: { passwordOnly?: boolean } = {}): Promise<void> {
  const failure = await db.prisma.secondFactorFailure.create({ data: { userId: actor.userId }, select: { id: true } });
  const wait = await accountWait(db, actor.userId, failure.id);
  if (wait !== null) {
    await db.prisma.secondFactorFailure.deleteMany({ where: { id: failure.id } });
    throw new FactorRemovalError(proof.code && !proof.password ? 'code' : 'password', MESSAGES.removalThrottled(wait));
  }
  const user = await db.prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (proof.password) {
    if (!(await passwordMatches(user.passwordHash, proof.password))) throw new FactorRemovalError('password', MESSAGES.wrongPassword);
  } else if (!(proof.code && (await db.prisma.$transaction((tx) => useTotp(tx, actor.userId, proof.code ?? ''))))) {
    throw new FactorRemovalError(
      proof.code ? 'code' : 'password',
      proof.code ? MESSAGES.wrongCode : options.passwordOnly ? MESSAGES.noPasswordProof : MESSAGES.noProof,
    );
  }
  await db.prisma.secondFactorFailure.deleteMany({ where: { id: failure.id } });
}

/**
 * Removes a factor (the authenticator app, or one passkey by id) after the password, or a current code from the app, is
 * given again (proveIdentity). The last factor of a user who must have one stays; without factors the recovery codes
 * go too. False when there is no such factor.
 */
export async function removeFactor(
  db: Database,
  actor: Actor,
  factor: { totp: true } | { passkeyId: string },
  proof: Proof,
  source: AuditSource,
): Promise<boolean> {
  await proveIdentity(db, actor, proof);
  return db.prisma.$transaction(async (tx) => {
    const factors = await activeFactors(tx, actor.userId);
    const passkey =
      'passkeyId' in factor ? await tx.passkey.findFirst({ where: { id: factor.passkeyId, userId: actor.userId }, select: { id: true, name: true } }) : null;
    if ('totp' in factor ? !factors.totp : !passkey) return false;
    if (factors.count === 1 && (await secondFactorRequired(tx, actor.userId))) throw new FactorRemovalError('factor', MESSAGES.lastFactor);
    if (passkey) await tx.passkey.delete({ where: { id: passkey.id } });
    else await tx.totpFactor.delete({ where: { userId: actor.userId } });
    if (factors.count === 1) await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    await auditFactor(tx, actor, source, 'REMOVE', passkey ? { factor: 'passkey', name: passkey.name, passkey: passkey.id } : { factor: 'authenticator-app' });
    return true;
  });
}
