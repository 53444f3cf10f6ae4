// Second factors for local accounts: an authenticator app (TOTP, RFC 6238, with otplib), one-time recovery codes and
// passkeys (WebAuthn, with SimpleWebAuthn). After a correct password a user with a factor gets no session but a
// short-lived second step (SecondFactorChallenge, only the SHA-256 of its cookie stored, bound to the user, a few
// attempts); the session opens only when that step is passed. Wrong codes count per step and per account (in the
// database, so every instance counts them together); a TOTP time step once accepted and a recovery code once used are
// never accepted again. The TOTP seed is shown once while it is set up and never leaves the server afterwards.
import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Tx } from './audit.ts';
import { sha256 } from './auth.ts';
import type { SecondStep } from './second-step.ts';

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
export const ISSUER = 'Grondplan';

export const userGid = (id: string) => Buffer.from(`User:${id}`).toString('base64');

/** "3 minuten", "1 minuut": how long to wait, in whole minutes. */
const minutes = (seconds: number) => `${Math.max(1, Math.ceil(seconds / 60))} ${seconds > 60 ? 'minuten' : 'minuut'}`;

/** The Dutch messages of the second step and the factor settings. */
export const MESSAGES = {
  stepGone:
    'De tweede stap van het inloggen is verlopen of te vaak geprobeerd. Log opnieuw in met je e-mailadres en wachtwoord.',
  wrongCode:
    'Deze code klopt niet of is al gebruikt. Vul de code in die je app nu toont, of een ongebruikte herstelcode.',
  wrongPasskey:
    'Inloggen met de passkey is niet gelukt. Probeer het opnieuw of gebruik een code uit je app of een herstelcode.',
  noAnswer: 'Vul de code uit je authenticator-app of een herstelcode in, of gebruik een passkey.',
  throttled: (seconds: number) =>
    `Er zijn te veel onjuiste codes ingevuld voor dit account. Wacht ${minutes(seconds)} en log dan opnieuw in.`,
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
    super(
      'Je wachtwoord klopt. Bevestig nu met je tweede factor: een code uit je authenticator-app, een herstelcode of een passkey.',
    );
    this.challenge = step.token;
    this.expiresAt = step.expiresAt;
    this.methods = step.methods;
  }
}

export type SecondFactorMethod = 'TOTP' | 'RECOVERY_CODE' | 'PASSKEY';

// ---------------------------------------------------------------------------------------------------------------- TOTP

export const newTotpSecret = () => generateSecret();

/** The otpauth:// URI an authenticator app reads from the QR code. */
export const totpUri = (email: string, secret: string) =>
  generateURI({ issuer: ISSUER, label: email, secret, ...TOTP });

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
export async function totpStep(
  secret: string,
  code: string,
  afterStep: number,
  epoch = Math.floor(Date.now() / 1000),
): Promise<number | null> {
  const token = digitsOf(code);
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch,
    ...TOTP,
    ...(afterStep > 0 ? { afterTimeStep: afterStep } : {}),
  }).catch(() => null);
  // The TOTP strategy's answer carries the step (otplib's shared result type also covers HOTP, which has none).
  return result?.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Accepts a code once: the factor's last step moves forward only if no other request took this step (or a later one) first. */
export async function useTotp(tx: Tx, userId: string, code: string): Promise<boolean> {
  const factor = await tx.totpFactor.findUnique({ where: { userId } });
  if (!factor?.confirmedAt) return false;
  const step = await totpStep(factor.secret, code, factor.lastStep);
  if (step === null) return false;
  const { count } = await tx.totpFactor.updateMany({
    where: { userId, lastStep: { lt: step } },
    data: { lastStep: step },
  });
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
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: sha256(normaliseRecoveryCode(code)) })),
  });
  return codes;
}

export async function useRecoveryCode(tx: Tx, userId: string, code: string): Promise<boolean> {
  const normalised = normaliseRecoveryCode(code);
  if (!/^[a-z0-9]{10}$/.test(normalised)) return false;
  const { count } = await tx.recoveryCode.updateMany({
    where: { userId, codeHash: sha256(normalised), usedAt: null },
    data: { usedAt: new Date() },
  });
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
    select: {
      isInstanceAdmin: true,
      memberships: {
        where: { organisation: { requireSecondFactor: true } },
        select: { organisationId: true },
        take: 1,
      },
    },
  });
  return Boolean(user && (user.isInstanceAdmin || user.memberships.length > 0));
}
