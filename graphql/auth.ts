// Who is asking: passwords (argon2id), database sessions and personal API tokens. Access rules live in builder.ts.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { type Database, raw, type Sql, sql } from '../prisma/client.ts';
import type { Role, Viewer } from './context.ts';

const SESSION_HOURS = 12;
const ATTEMPT_WINDOW_MINUTES = 15;
const MAX_FAILED_ATTEMPTS = 5;

/** One message for every failed sign-in, so it reveals nothing about which accounts exist. */
export const SIGN_IN_FAILED = 'Inloggen is niet gelukt. Controleer je e-mailadres en wachtwoord, of probeer het over een kwartier opnieuw.';

// @node-rs/argon2 hashes with argon2id by default (OWASP parameters: 19 MiB, 2 iterations).
export const hashPassword = (password: string) => hash(password);

// Verified when the e-mail address is unknown, so both paths take the same time.
const dummyHash = hashPassword('grondplan-timing-equaliser');

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export class SignInError extends Error {}

/** Checks the password, counts failures per address in the database, and opens a session. */
export async function signIn(db: Database, rawEmail: string, password: string): Promise<{ token: string; expiresAt: Date }> {
  const email = normaliseEmail(rawEmail);
  const since = new Date(Date.now() - ATTEMPT_WINDOW_MINUTES * 60_000);
  const failures = await db.prisma.signInAttempt.count({ where: { email, createdAt: { gte: since } } });
  const user = await db.prisma.user.findUnique({ where: { email } });
  const valid = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
  if (!user || !valid || failures >= MAX_FAILED_ATTEMPTS) {
    await db.prisma.signInAttempt.create({ data: { email } });
    throw new SignInError(SIGN_IN_FAILED);
  }
  await db.prisma.signInAttempt.deleteMany({ where: { email } });
  const token = newSecret('gps');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  await db.prisma.session.create({ data: { id: sha256(token), userId: user.id, expiresAt } });
  return { token, expiresAt };
}

export async function signOut(db: Database, token: string): Promise<void> {
  await db.prisma.session.deleteMany({ where: { id: sha256(token) } });
}

export async function createApiToken(db: Database, userId: string, name: string): Promise<{ id: string; token: string }> {
  const token = newSecret('gpt');
  const row = await db.prisma.apiToken.create({ data: { userId, name, tokenHash: sha256(token) }, select: { id: true } });
  return { id: row.id, token };
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
  userId: string;
  email: string;
  name: string;
  /** A boolean from PostgreSQL, 0n or 1n from SQLite (its connections read integers as BigInt). */
  isInstanceAdmin: boolean | bigint;
  organisationId: string | null;
  role: Role | null;
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
    via,
  };
}

// Every request is authenticated, so the credential, its user and the memberships come in one statement.
const credentialRows = (db: Database, from: Sql, hash: string) =>
  db.hotRead<CredentialRow>(sql`
    SELECT c."id" AS "credentialId", c."revokedAt", c."lastUsedAt", c."expiresAt", u."id" AS "userId", u."email", u."name",
      u."isInstanceAdmin", m."organisationId", m."role"
    FROM ${from} c JOIN "User" u ON u."id" = c."userId" LEFT JOIN "UserMembership" m ON m."userId" = u."id"
    WHERE c."key" = ${hash} ORDER BY m."organisationId"`);

const apiTokens = raw(`(SELECT "id", "userId", "tokenHash" AS "key", "revokedAt", "lastUsedAt", NULL AS "expiresAt" FROM "ApiToken")`);
const sessions = raw(`(SELECT "id", "userId", "id" AS "key", NULL AS "revokedAt", NULL AS "lastUsedAt", "expiresAt" FROM "Session")`);

/** Resolves a session cookie value or an `Authorization: Bearer` token to the viewer; null when neither is valid. */
export async function authenticate(db: Database, credentials: { sessionToken?: string | undefined; bearerToken?: string | undefined }): Promise<Viewer | null> {
  const now = Date.now();
  if (credentials.bearerToken) {
    const rows = await credentialRows(db, apiTokens, sha256(credentials.bearerToken));
    const token = rows[0];
    if (!token || token.revokedAt !== null) return null;
    // Last use to the minute: a busy API client does not write on every request.
    const lastUsed = time(token.lastUsedAt);
    if (lastUsed === null || now - lastUsed > 60_000)
      await db.prisma.apiToken.update({ where: { id: token.credentialId }, data: { lastUsedAt: new Date(now) } });
    return toViewer(rows, 'API');
  }
  if (credentials.sessionToken) {
    const rows = await credentialRows(db, sessions, sha256(credentials.sessionToken));
    const expires = time(rows[0]?.expiresAt ?? null);
    if (expires === null || expires <= now) return null;
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
