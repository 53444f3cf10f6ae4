// Who a request is: the session cookie or API token it carries, looked up in one statement and turned into a Viewer.
import { type Database, raw, type Sql, sql } from '#prisma/client.ts';
import { sha256, type TokenScope } from './auth.ts';
import type { Role, Viewer } from './context.ts';

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
  const memberships = rows.flatMap((r) =>
    r.organisationId && r.role ? [{ organisationId: r.organisationId, role: r.role }] : [],
  );
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
    mustSetUpSecondFactor:
      via === 'UI' && user.method !== 'OIDC' && Boolean(user.secondFactorRequired) && !user.hasSecondFactor,
  };
}

// Every request is authenticated, so the credential, its user and the memberships come in one statement. The user's
// own columns are worked out once (MATERIALIZED keeps them from being folded into the join), not once for each of its
// memberships: for a user in 400 organisations that was 400 x 400 membership lookups on every request.
const credentialRows = (db: Database, from: Sql, hash: string) =>
  db.hotRead<CredentialRow>(sql`
    WITH cu AS MATERIALIZED (
      SELECT c."id" AS "credentialId", c."revokedAt", c."lastUsedAt", c."expiresAt", c."scope", u."id" AS "userId", u."email",
        u."name", u."isInstanceAdmin", u."mustChangePassword", u."disabledAt", c."method", c."address",
        (u."isInstanceAdmin" OR EXISTS (SELECT 1 FROM "UserMembership" rm JOIN "Organisation" ro ON ro."id" = rm."organisationId"
          WHERE rm."userId" = u."id" AND ro."requireSecondFactor")) AS "secondFactorRequired",
        (EXISTS (SELECT 1 FROM "TotpFactor" tf WHERE tf."userId" = u."id" AND tf."confirmedAt" IS NOT NULL)
          OR EXISTS (SELECT 1 FROM "Passkey" pk WHERE pk."userId" = u."id")) AS "hasSecondFactor"
      FROM ${from} c JOIN "User" u ON u."id" = c."userId"
      WHERE c."key" = ${hash})
    SELECT cu.*, m."organisationId", m."role", m."isNew"
    FROM cu LEFT JOIN "UserMembership" m ON m."userId" = cu."userId" ORDER BY m."organisationId"`);

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
    if (!token || token.revokedAt !== null || token.disabledAt !== null || expires === null || expires <= now)
      return null;
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
