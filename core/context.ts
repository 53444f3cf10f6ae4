import type { Database } from '#prisma/client.ts';
import type { ApiTokenScope, Role } from '#prisma/generated/sqlite/client/enums.ts';

export type { Role };

/** The signed-in user a request acts for. */
export interface Viewer {
  userId: string;
  email: string;
  name: string;
  isInstanceAdmin: boolean;
  memberships: { organisationId: string; role: Role }[];
  /** Ids of the organisations this viewer belongs to, with any role. */
  organisationIds: string[];
  /** Organisations whose membership was added to this existing account by an invitation and not yet seen. */
  newOrganisationIds: string[];
  /** How the viewer came in: a browser session (UI) or a personal API token (API). */
  via: 'UI' | 'API';
  /** The session's id (the SHA-256 of its cookie) or the API token's id. */
  credentialId: string;
  /** What the credential may do: a READ token runs queries only; a session may do what its user may. */
  scope: ApiTokenScope;
  /** The password is a one-time password: nothing but changing it until it is changed. */
  mustChangePassword: boolean;
  /** A second factor is required and there is none: nothing but setting one up until it is set up (graphql/guard.ts). */
  mustSetUpSecondFactor?: boolean;
}

export interface Context {
  db: Database;
  viewer: Viewer | null;
  /** Where changes come from, for the audit trail: the site's pages (UI) or the /graphql endpoint (API). */
  source: 'UI' | 'API';
  /** The client's network address, for sign-in throttling; null when unknown (in-process callers). */
  clientAddress?: string | null;
  /** The browser's User-Agent header, kept with a new session; null when unknown. */
  userAgent?: string | null;
  /** The origin the browser sees (for passkeys: WebAuthn checks it); null when unknown (in-process callers). */
  origin?: string | null;
  /**
   * The data version as this request reads it (core/data-version.ts): read once, on first use, and shared by the page
   * cache, the answer cache and the search index; forgotten when the request changes data. Made on first use if absent.
   */
  dataVersion?: DataVersionMemo;
}

/** A request's data version, read at most once until `forget` (after a change the request made). */
export interface DataVersionMemo {
  /** The hub-wide version. */
  read(): Promise<number>;
  /** The version of one part of the data (`shared`, `org:<slug>`). */
  version(scope: string): Promise<number>;
  /**
   * The versions of `scopes` (prisma/data-version.ts: `shared`, `org:<slug>`, `*` for the hub-wide one) as one text,
   * each scope read once per request (the missing ones in one statement).
   */
  stamp(scopes: readonly string[]): Promise<string>;
  forget(): void;
  /** Records what an answer of the request read: the scopes, or null when it may have read anything. */
  depend(scopes: readonly string[] | null): void;
  /** The union of what the request's answers read (null: anything, or nothing recorded), with the stamp read then. */
  dependencies(): readonly string[] | null;
  /** False once the request changed data (its memo was forgotten): what it computed is not kept. */
  unchanged(): boolean;
}

const rank: Record<Role, number> = { VIEWER: 1, EDITOR: 2, ADMIN: 3 };

/** True when the viewer holds at least `role` in the organisation. */
export function hasRole(viewer: Viewer | null, organisationId: string, role: Role): boolean {
  const membership = viewer?.memberships.find((m) => m.organisationId === organisationId);
  return membership ? rank[membership.role] >= rank[role] : false;
}
