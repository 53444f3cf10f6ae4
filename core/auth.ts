// Who is asking: passwords (argon2id), database sessions and personal API tokens. Access rules live in builder.ts.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Database } from '#prisma/client.ts';
import type { ApiTokenScope } from '#prisma/generated/sqlite/client/enums.ts';
import { type AuditSource, recordAudit, type Tx } from './audit.ts';
import { throttleKey } from './client-address.ts';
import { SecondFactorRequiredError } from './second-factor.ts';
import { beginSecondStep, pruneSecondSteps } from './second-step.ts';
import { takeSignInAttempt } from './sign-in-throttle.ts';

const SESSION_HOURS = 12;

/**
 * Sign-in throttling: failed attempts are counted in the database (so every instance counts them together) within a
 * sliding window, per client address across accounts, per account from one address, and per account from all
 * addresses together. The account's ceiling is high, so an attacker cannot lock the real user out from one or a few
 * addresses: the real user, signing in from an address of their own, is not slowed by the attacker's failures.
 */
export const THROTTLE = {
  windowMinutes: 15,
  /** Failures from one address, whatever the account: then that address waits. */
  perAddress: 10,
  /** Failures for one account from one address: then that address waits for that account. */
  perAccountAndAddress: 5,
  /** Failures for one account from every address together: a ceiling against guessing from many addresses. */
  perAccount: 100,
} as const;

/** One message for every failed sign-in, so it reveals nothing about which accounts exist. */
export const SIGN_IN_FAILED =
  'Inloggen is niet gelukt. Controleer je e-mailadres en wachtwoord, of probeer het over een kwartier opnieuw.';

const signInThrottledMessage = (seconds: number) =>
  `Er is te vaak geprobeerd in te loggen. Wacht ${Math.max(1, Math.ceil(seconds / 60))} ${seconds > 60 ? 'minuten' : 'minuut'} en probeer het dan opnieuw.`;

// @node-rs/argon2 hashes with argon2id by default (OWASP parameters: 19 MiB, 2 iterations).
export const hashPassword = (password: string) => hash(password);

// Verified when the e-mail address is unknown, so both paths take the same time.
const dummyHash = hashPassword('grondplan-timing-equaliser');

/** Checks a password against a stored hash; false for any malformed hash. */
export const passwordMatches = (passwordHash: string | null | undefined, password: string) =>
  dummyHash
    .then((dummy) => verify(passwordHash ?? dummy, password).catch(() => false))
    .then((ok) => ok && Boolean(passwordHash));

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export { throttleKey };

export const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export class SignInError extends Error {}

export const PASSWORD_SIGN_IN_OFF =
  'Je organisatie heeft inloggen met een wachtwoord uitgezet. Log in via "Inloggen via je organisatie" met het account van je organisatie.';
/** The password was right, but an organisation of the user signs in through its identity provider only. */
export class PasswordSignInOffError extends SignInError {
  constructor() {
    super(PASSWORD_SIGN_IN_OFF);
  }
}

/**
 * Whether an organisation of this user switched password sign-in off (it then has single sign-on). Instance
 * administrators keep password sign-in: they need it to repair a broken provider. Asked only after the password was
 * verified, so a refusal reveals nothing about accounts to someone without the password.
 */
export async function passwordSignInRefused(
  db: Database,
  user: { id: string; isInstanceAdmin: boolean },
): Promise<boolean> {
  if (user.isInstanceAdmin) return false;
  const off = await db.prisma.userMembership.count({
    where: { userId: user.id, organisation: { passwordSignIn: false } },
  });
  return off > 0;
}
/** Too many failures from this address (for this account): try again after `retryAfterSeconds`. */
export class SignInThrottledError extends SignInError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(signInThrottledMessage(retryAfterSeconds));
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const userGid = (id: string) => Buffer.from(`User:${id}`).toString('base64');

/** Removes what has run out: sign-in attempts older than the window, expired sessions, invitations, password reset links and second steps. */
export async function pruneExpired(db: Database, now = Date.now()): Promise<void> {
  const since = new Date(now - THROTTLE.windowMinutes * 60_000);
  await db.prisma.signInAttempt.deleteMany({ where: { createdAt: { lt: since } } });
  await db.prisma.session.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await db.prisma.invitation.deleteMany({ where: { expiresAt: { lt: new Date(now - 7 * 86_400_000) } } });
  await db.prisma.passwordReset.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await pruneSecondSteps(db, now);
}

/**
 * Checks the password and opens a session. Throttled per address, per account and address, and per account (see
 * THROTTLE), an IPv6 address counted by its /64. The attempt is recorded before anything is checked, and counted
 * against the attempts of every other request, concurrent ones included: of any number of parallel guesses at most the
 * limit reach the password check. A throttled attempt is removed again (it did not reach the check) and refused; a
 * successful one is removed with the earlier failures from its address. The per-account ceiling does not refuse an
 * address from which the account signed in successfully before (KNOWN_ADDRESS_DAYS), so an attacker with many
 * addresses cannot lock the real user out. Every outcome is audited (throttling once per address and window).
 */
export async function signIn(
  db: Database,
  rawEmail: string,
  password: string,
  address = '',
  source: AuditSource = 'UI',
  userAgent = '',
): Promise<{ token: string; expiresAt: Date }> {
  const email = normaliseEmail(rawEmail);
  const { key, user } = await takeSignInAttempt(db, email, address, source);

  const valid = await passwordMatches(user?.passwordHash, password);
  if (!user || !valid || user.disabledAt) {
    await db.prisma.$transaction(async (tx) => {
      await recordAudit(tx, {
        actor: { label: email },
        source,
        organisationId: null,
        entityType: 'Session',
        entityId: user ? userGid(user.id) : '',
        action: 'SIGN_IN_FAILED',
        before: null,
        after: {
          email,
          address,
          reason: !user ? 'onbekend e-mailadres' : user.disabledAt ? 'account geblokkeerd' : 'onjuist wachtwoord',
        },
      });
    });
    throw new SignInError(SIGN_IN_FAILED);
  }
  if (await passwordSignInRefused(db, user)) {
    await db.prisma.$transaction((tx) =>
      recordAudit(tx, {
        actor: { userId: user.id, email: user.email },
        source,
        organisationId: null,
        entityType: 'Session',
        entityId: userGid(user.id),
        action: 'SIGN_IN_FAILED',
        before: null,
        after: { email, address, reason: 'inloggen met wachtwoord staat uit bij de organisatie' },
      }),
    );
    throw new PasswordSignInOffError();
  }
  const result = await db.prisma.$transaction(async (tx) => {
    await tx.signInAttempt.deleteMany({ where: { email, address: key } });
    // With a second factor the password opens the second step, not yet a session (core/second-factor.ts).
    const audit = (action: 'SECOND_FACTOR_REQUIRED' | 'SIGN_IN') =>
      recordAudit(tx, {
        actor: { userId: user.id, email: user.email },
        source,
        organisationId: null,
        entityType: 'Session',
        entityId: userGid(user.id),
        action,
        before: null,
        after: { email, address },
      });
    const step = await beginSecondStep(tx, user.id, { address, userAgent });
    if (step) {
      await audit('SECOND_FACTOR_REQUIRED');
      return { step, session: null };
    }
    const session = await openSession(tx, user.id, { address, userAgent, method: 'PASSWORD' });
    await audit('SIGN_IN');
    return { step: null, session };
  });
  if (result.step) throw new SecondFactorRequiredError(result.step);
  return result.session;
}

/** How a session was opened (Session.method). */
export type SessionMethod =
  | 'PASSWORD'
  | 'PASSWORD_TOTP'
  | 'PASSWORD_RECOVERY_CODE'
  | 'PASSWORD_PASSKEY'
  | 'OIDC'
  | 'INVITATION'
  | 'PASSWORD_RESET';

/** The longest User-Agent kept with a session. */
export const USER_AGENT_MAX = 300;

/** A request's User-Agent header, cut to USER_AGENT_MAX characters ("" when it sent none). */
export const requestUserAgent = (request: Request) =>
  (request.headers.get('user-agent') ?? '').slice(0, USER_AGENT_MAX);

/**
 * Opens a browser session for a user in the caller's transaction: only the SHA-256 of the cookie value is stored, with
 * the browser, the address and how the user signed in (for the owner's list of sessions). The token is returned once.
 */
export async function openSession(
  tx: Pick<Tx, 'session'>,
  userId: string,
  details: { address?: string | null | undefined; userAgent?: string | null | undefined; method: SessionMethod },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret('gps');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  await tx.session.create({
    data: {
      id: sha256(token),
      userId,
      expiresAt,
      address: details.address ?? '',
      userAgent: (details.userAgent ?? '').slice(0, USER_AGENT_MAX),
      method: details.method,
    },
  });
  return { token, expiresAt };
}

export async function signOut(db: Database, token: string, source: AuditSource = 'UI'): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const session = await tx.session.findUnique({
      where: { id: sha256(token) },
      select: { user: { select: { id: true, email: true } } },
    });
    if (!session) return;
    await tx.session.delete({ where: { id: sha256(token) } });
    await recordAudit(tx, {
      actor: { userId: session.user.id, email: session.user.email },
      source,
      organisationId: null,
      entityType: 'Session',
      entityId: userGid(session.user.id),
      action: 'SIGN_OUT',
      before: null,
      after: { email: session.user.email },
    });
  });
}

export type TokenScope = ApiTokenScope;
export const TOKEN_DAYS = { default: 90, max: 365 } as const;

/** Inserts a personal API token (only its hash) in the caller's transaction or client; the token is returned once. */
export async function insertApiToken(
  client: Pick<Tx, 'apiToken'>,
  userId: string,
  name: string,
  options: { scope?: TokenScope; days?: number } = {},
): Promise<{ id: string; token: string; expiresAt: Date; scope: TokenScope }> {
  const token = newSecret('gpt');
  const scope = options.scope ?? 'READ_WRITE';
  const expiresAt = new Date(Date.now() + (options.days ?? TOKEN_DAYS.default) * 86_400_000);
  const row = await client.apiToken.create({
    data: { userId, name, tokenHash: sha256(token), expiresAt, scope },
    select: { id: true },
  });
  return { id: row.id, token, expiresAt, scope };
}

export function createApiToken(
  db: Database,
  userId: string,
  name: string,
  options: { scope?: TokenScope; days?: number } = {},
) {
  return insertApiToken(db.prisma, userId, name, options);
}

/**
 * Ends a user's access at once, in the caller's transaction: deletes the sessions and revokes the API tokens, except
 * the credential that is kept (the session in which the user changed their own password). Sign-ins under way end too:
 * the open second steps (and passkey registrations) and a single sign-on flow waiting to be linked to the account, so
 * a step opened with the old password cannot be finished after it changed.
 */
export async function endAccess(
  tx: Tx,
  userId: string,
  keep: { sessionId?: string | undefined; tokenId?: string | undefined } = {},
) {
  await tx.secondFactorChallenge.deleteMany({ where: { userId } });
  await tx.ssoFlow.deleteMany({ where: { userId } });
  const sessions = await tx.session.deleteMany({
    where: { userId, ...(keep.sessionId ? { id: { not: keep.sessionId } } : {}) },
  });
  const tokens = await tx.apiToken.updateMany({
    where: { userId, revokedAt: null, ...(keep.tokenId ? { id: { not: keep.tokenId } } : {}) },
    data: { revokedAt: new Date() },
  });
  return { sessions: sessions.count, tokens: tokens.count };
}
