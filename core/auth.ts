// Who is asking: passwords (argon2id), database sessions and personal API tokens. Access rules live in builder.ts.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { type Database, raw, type Sql, sql } from '#prisma/client.ts';
import type { ApiTokenScope } from '#prisma/generated/sqlite/client/enums.ts';
import { type AuditSource, recordAudit, type Tx } from './audit.ts';
import { throttleKey } from './client-address.ts';
import type { Role, Viewer } from './context.ts';
import { beginSecondStep, pruneSecondSteps, SecondFactorRequiredError } from './second-factor.ts';

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
export const SIGN_IN_FAILED = 'Inloggen is niet gelukt. Controleer je e-mailadres en wachtwoord, of probeer het over een kwartier opnieuw.';

export const signInThrottledMessage = (seconds: number) =>
  `Er is te vaak geprobeerd in te loggen. Wacht ${Math.max(1, Math.ceil(seconds / 60))} ${seconds > 60 ? 'minuten' : 'minuut'} en probeer het dan opnieuw.`;

// @node-rs/argon2 hashes with argon2id by default (OWASP parameters: 19 MiB, 2 iterations).
export const hashPassword = (password: string) => hash(password);

// Verified when the e-mail address is unknown, so both paths take the same time.
const dummyHash = hashPassword('grondplan-timing-equaliser');

/** Checks a password against a stored hash; false for any malformed hash. */
export const passwordMatches = (passwordHash: string | null | undefined, password: string) =>
  dummyHash.then((dummy) => verify(passwordHash ?? dummy, password).catch(() => false)).then((ok) => ok && Boolean(passwordHash));

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
export async function passwordSignInRefused(db: Database, user: { id: string; isInstanceAdmin: boolean }): Promise<boolean> {
  if (user.isInstanceAdmin) return false;
  const off = await db.prisma.userMembership.count({ where: { userId: user.id, organisation: { passwordSignIn: false } } });
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

const userGid = (id: string) => Buffer.from(`User:${id}`).toString('base64');

/** Removes what has run out: sign-in attempts older than the window, expired sessions, invitations, password reset links and second steps. */
export async function pruneExpired(db: Database, now = Date.now()): Promise<void> {
  const since = new Date(now - THROTTLE.windowMinutes * 60_000);
  await db.prisma.signInAttempt.deleteMany({ where: { createdAt: { lt: since } } });
  await db.prisma.session.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await db.prisma.invitation.deleteMany({ where: { expiresAt: { lt: new Date(now - 7 * 86_400_000) } } });
  await db.prisma.passwordReset.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await pruneSecondSteps(db, now);
}

/** Seconds until the oldest counted failure leaves the window, when `count` (other attempts) reached `limit`; null otherwise. */
async function wait(db: Database, where: { email?: string; address?: string }, limit: number, since: Date, now: number, own: string): Promise<number | null> {
  const counted = { ...where, createdAt: { gte: since }, id: { not: own } };
  const count = await db.prisma.signInAttempt.count({ where: counted });
  if (count < limit) return null;
  // The attempt whose leaving brings the count under the limit.
  const [oldest] = await db.prisma.signInAttempt.findMany({
    where: counted,
    orderBy: { createdAt: 'desc' },
    skip: limit - 1,
    take: 1,
    select: { createdAt: true },
  });
  const leaves = (oldest?.createdAt.getTime() ?? now) + THROTTLE.windowMinutes * 60_000;
  return Math.max(1, Math.ceil((leaves - now) / 1000));
}

/** How long an address counts as the account's own after a successful sign-in from it. */
export const KNOWN_ADDRESS_DAYS = 90;

/** Whether the account signed in successfully from this address (its /64 for IPv6) in the last KNOWN_ADDRESS_DAYS. */
async function knownAddress(db: Database, userId: string, key: string, now: number): Promise<boolean> {
  if (!key) return false;
  const events = await db.prisma.auditEvent.findMany({
    where: { entityType: 'Session', entityId: userGid(userId), action: 'SIGN_IN', createdAt: { gte: new Date(now - KNOWN_ADDRESS_DAYS * 86_400_000) } },
    orderBy: { createdAt: 'desc' },
    take: 500,
    select: { changes: true },
  });
  return events.some((event) => {
    const address = (JSON.parse(event.changes) as { address?: { after?: unknown } }).address?.after;
    return typeof address === 'string' && throttleKey(address) === key;
  });
}

/**
 * Records a password attempt for `email` from `address` before anything is checked, and refuses it (removed again,
 * audited once per window) with SignInThrottledError when a THROTTLE limit is reached. Password sign-in and linking an
 * account to a provider share this budget. A success clears the attempts of that account from that address.
 */
export async function takeSignInAttempt(db: Database, email: string, address: string, source: AuditSource) {
  const key = throttleKey(address);
  const now = Date.now();
  const since = new Date(now - THROTTLE.windowMinutes * 60_000);
  await pruneExpired(db, now);
  // First recorded, then counted: concurrent requests see each other's attempts.
  const attempt = await db.prisma.signInAttempt.create({ data: { email, address: key }, select: { id: true } });
  const [byAddress, byAccountAndAddress, byAccount] = await Promise.all([
    wait(db, { address: key }, THROTTLE.perAddress, since, now, attempt.id),
    wait(db, { email, address: key }, THROTTLE.perAccountAndAddress, since, now, attempt.id),
    wait(db, { email }, THROTTLE.perAccount, since, now, attempt.id),
  ]);
  const user = await db.prisma.user.findUnique({ where: { email } });
  const accountCeiling = byAccount !== null && user && (await knownAddress(db, user.id, key, now)) ? null : byAccount;
  const retryAfter = Math.max(0, byAddress ?? 0, byAccountAndAddress ?? 0, accountCeiling ?? 0);
  if (retryAfter > 0) {
    await db.prisma.signInAttempt.deleteMany({ where: { id: attempt.id } });
    await auditThrottled(db, email, address, key, source, since);
    throw new SignInThrottledError(retryAfter);
  }
  return { key, user };
}

/**
 * Audits a throttled sign-in, at most once per address (key) and window, so a flood cannot fill the audit trail. The
 * event carries no account: the throttle is about the address.
 */
async function auditThrottled(db: Database, email: string, address: string, key: string, source: AuditSource, since: Date): Promise<void> {
  const recent = await db.prisma.auditEvent.findMany({
    where: { entityType: 'Session', action: 'SIGN_IN_THROTTLED', entityId: `address:${key}`, createdAt: { gte: since } },
    take: 1,
    select: { id: true },
  });
  if (recent.length > 0) return;
  await db.prisma.$transaction((tx) =>
    recordAudit(tx, {
      actor: { label: email },
      source,
      organisationId: null,
      entityType: 'Session',
      entityId: `address:${key}`,
      action: 'SIGN_IN_THROTTLED',
      before: null,
      after: { email, address },
    }),
  );
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
        after: { email, address, reason: !user ? 'onbekend e-mailadres' : user.disabledAt ? 'account geblokkeerd' : 'onjuist wachtwoord' },
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
    const step = await beginSecondStep(tx, user.id, { address, userAgent });
    if (step) {
      await recordAudit(tx, {
        actor: { userId: user.id, email: user.email },
        source,
        organisationId: null,
        entityType: 'Session',
        entityId: userGid(user.id),
        action: 'SECOND_FACTOR_REQUIRED',
        before: null,
        after: { email, address },
      });
      return { step, session: null };
    }
    const session = await openSession(tx, user.id, { address, userAgent, method: 'PASSWORD' });
    await recordAudit(tx, {
      actor: { userId: user.id, email: user.email },
      source,
      organisationId: null,
      entityType: 'Session',
      entityId: userGid(user.id),
      action: 'SIGN_IN',
      before: null,
      after: { email, address },
    });
    return { step: null, session };
  });
  if (result.step) throw new SecondFactorRequiredError(result.step);
  return result.session;
}

/** How a session was opened (Session.method). */
export type SessionMethod = 'PASSWORD' | 'PASSWORD_TOTP' | 'PASSWORD_RECOVERY_CODE' | 'PASSWORD_PASSKEY' | 'OIDC' | 'INVITATION' | 'PASSWORD_RESET';

/** The longest User-Agent kept with a session. */
export const USER_AGENT_MAX = 300;

/** A request's User-Agent header, cut to USER_AGENT_MAX characters ("" when it sent none). */
export const requestUserAgent = (request: Request) => (request.headers.get('user-agent') ?? '').slice(0, USER_AGENT_MAX);

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
    const session = await tx.session.findUnique({ where: { id: sha256(token) }, select: { user: { select: { id: true, email: true } } } });
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
  const row = await client.apiToken.create({ data: { userId, name, tokenHash: sha256(token), expiresAt, scope }, select: { id: true } });
  return { id: row.id, token, expiresAt, scope };
}

export function createApiToken(db: Database, userId: string, name: string, options: { scope?: TokenScope; days?: number } = {}) {
  return insertApiToken(db.prisma, userId, name, options);
}

/**
 * Ends a user's access at once, in the caller's transaction: deletes the sessions and revokes the API tokens, except
 * the credential that is kept (the session in which the user changed their own password). Sign-ins under way end too:
 * the open second steps (and passkey registrations) and a single sign-on flow waiting to be linked to the account, so
 * a step opened with the old password cannot be finished after it changed.
 */
export async function endAccess(tx: Tx, userId: string, keep: { sessionId?: string | undefined; tokenId?: string | undefined } = {}) {
  await tx.secondFactorChallenge.deleteMany({ where: { userId } });
  await tx.ssoFlow.deleteMany({ where: { userId } });
  const sessions = await tx.session.deleteMany({ where: { userId, ...(keep.sessionId ? { id: { not: keep.sessionId } } : {}) } });
  const tokens = await tx.apiToken.updateMany({
    where: { userId, revokedAt: null, ...(keep.tokenId ? { id: { not: keep.tokenId } } : {}) },
    data: { revokedAt: new Date() },
  });
  return { sessions: sessions.count, tokens: tokens.count };
}

/** A timestamp as the driver gives it: a Date from PostgreSQL, ISO text from SQLite. */
type Timestamp = Date | string | null;
const time = (value: Timestamp) => (value === null ? null : new Date(value).getTime());

/** One row per membership (one with null membership columns when there is none), with the credential's own columns. */
interface CredentialRow {
  credentialId: string;
  revokedAt: Timestamp;
  lastUsedAt: Timestamp;
  expiresAt: Timestamp;
  /** The token's scope; null for a session (which may do what its user may). */
  scope: TokenScope | null;
  /** A session's latest client address ("" for a token). */
  address: string;
  userId: string;
  email: string;
  name: string;
  /** Booleans from PostgreSQL, 0n or 1n from SQLite (its connections read integers as BigInt). */
  isInstanceAdmin: boolean | bigint;
  mustChangePassword: boolean | bigint;
  disabledAt: Timestamp;
  organisationId: string | null;
  role: Role | null;
  isNew: boolean | bigint | null;
  /** How the session was opened (null for a token). */
  method: string | null;
  /** An instance administrator, or a member of an organisation that requires a second factor. */
  secondFactorRequired: boolean | bigint;
  /** A confirmed authenticator app or a passkey. */
  hasSecondFactor: boolean | bigint;
}

function toViewer(rows: CredentialRow[], via: Viewer['via']): Viewer {
  const [user] = rows as [CredentialRow];
  const memberships = rows.flatMap((r) => (r.organisationId && r.role ? [{ organisationId: r.organisationId, role: r.role }] : []));
  return {
    userId: user.userId,
    email: user.email,
    name: user.name,
    isInstanceAdmin: Boolean(user.isInstanceAdmin),
    memberships,
    organisationIds: memberships.map((m) => m.organisationId),
    newOrganisationIds: rows.flatMap((r) => (r.organisationId && r.isNew ? [r.organisationId] : [])),
    via,
    credentialId: user.credentialId,
    scope: user.scope ?? 'READ_WRITE',
    mustChangePassword: Boolean(user.mustChangePassword),
    // A browser session of a local account that must have a second factor and has none: setting one up comes first.
    // Sessions from single sign-on leave the factors to the identity provider; API tokens are made in such sessions.
    mustSetUpSecondFactor: via === 'UI' && user.method !== 'OIDC' && Boolean(user.secondFactorRequired) && !user.hasSecondFactor,
  };
}

// Every request is authenticated, so the credential, its user and the memberships come in one statement.
const credentialRows = (db: Database, from: Sql, hash: string) =>
  db.hotRead<CredentialRow>(sql`
    SELECT c."id" AS "credentialId", c."revokedAt", c."lastUsedAt", c."expiresAt", c."scope", u."id" AS "userId", u."email", u."name",
      u."isInstanceAdmin", u."mustChangePassword", u."disabledAt", m."organisationId", m."role", m."isNew", c."method", c."address",
      (u."isInstanceAdmin" OR EXISTS (SELECT 1 FROM "UserMembership" rm JOIN "Organisation" ro ON ro."id" = rm."organisationId"
        WHERE rm."userId" = u."id" AND ro."requireSecondFactor")) AS "secondFactorRequired",
      (EXISTS (SELECT 1 FROM "TotpFactor" tf WHERE tf."userId" = u."id" AND tf."confirmedAt" IS NOT NULL)
        OR EXISTS (SELECT 1 FROM "Passkey" pk WHERE pk."userId" = u."id")) AS "hasSecondFactor"
    FROM ${from} c JOIN "User" u ON u."id" = c."userId" LEFT JOIN "UserMembership" m ON m."userId" = u."id"
    WHERE c."key" = ${hash} ORDER BY m."organisationId"`);

const apiTokens = raw(
  `(SELECT "id", "userId", "tokenHash" AS "key", "revokedAt", "lastUsedAt", "expiresAt", CAST("scope" AS TEXT) AS "scope", '' AS "address", NULL AS "method" FROM "ApiToken")`,
);
const sessions = raw(
  `(SELECT "id", "userId", "id" AS "key", NULL AS "revokedAt", "lastSeenAt" AS "lastUsedAt", "expiresAt", NULL AS "scope", "address", "method" FROM "Session")`,
);

/**
 * How often a session's last use is written: at most every SESSION_SEEN_MINUTES, or every minute while its address
 * changes, so a busy browser does not write on every request and the owner's list is still current to the minutes.
 */
export const SESSION_SEEN_MINUTES = 5;

/**
 * Resolves a session cookie value or an `Authorization: Bearer` token to the viewer; null when neither is valid. A
 * session's last use and latest client address (`address`, when known) are kept current (SESSION_SEEN_MINUTES).
 */
export async function authenticate(
  db: Database,
  credentials: { sessionToken?: string | undefined; bearerToken?: string | undefined; address?: string | undefined },
): Promise<Viewer | null> {
  const now = Date.now();
  if (credentials.bearerToken) {
    const rows = await credentialRows(db, apiTokens, sha256(credentials.bearerToken));
    const token = rows[0];
    const expires = time(token?.expiresAt ?? null);
    if (!token || token.revokedAt !== null || token.disabledAt !== null || expires === null || expires <= now) return null;
    // Last use to the minute: a busy API client does not write on every request.
    const lastUsed = time(token.lastUsedAt);
    if (lastUsed === null || now - lastUsed > 60_000)
      await db.prisma.apiToken.update({ where: { id: token.credentialId }, data: { lastUsedAt: new Date(now) } });
    return toViewer(rows, 'API');
  }
  if (credentials.sessionToken) {
    const rows = await credentialRows(db, sessions, sha256(credentials.sessionToken));
    const expires = time(rows[0]?.expiresAt ?? null);
    const session = rows[0];
    if (!session || expires === null || expires <= now || session.disabledAt !== null) return null;
    // Instance administrators always pass a second factor here; a provider's session leaves factors to the provider, so
    // it never carries instance administration (an account promoted while signed in through its provider included).
    if (session.method === 'OIDC' && session.isInstanceAdmin) return null;
    const seen = time(session.lastUsedAt) ?? 0;
    const moved = Boolean(credentials.address) && credentials.address !== session.address;
    if (now - seen > SESSION_SEEN_MINUTES * 60_000 || (moved && now - seen > 60_000))
      // updateMany: a session ended meanwhile is no error here (the next request finds no session).
      await db.prisma.session.updateMany({
        where: { id: session.credentialId },
        data: { lastSeenAt: new Date(now), ...(moved ? { address: credentials.address } : {}) },
      });
    return toViewer(rows, 'UI');
  }
  return null;
}

/** The bearer token of an HTTP request, if it has one. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
