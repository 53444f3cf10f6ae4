// Writes audit events inside the caller's transaction: a change and its record commit or roll back together.
import { bumpDataVersion } from '#prisma/data-version.ts';
import type { AuditSource } from '#prisma/generated/sqlite/client/enums.ts';
import type { Tx } from '#prisma/transaction.ts';
import type { Viewer } from './context.ts';
import { changedScopes } from './data-scopes.ts';
import { onlyPrivateFields } from './privacy.ts';

/** The client inside an interactive transaction, as every writer of the core takes it. */
export type { AuditSource, Tx };

export interface Change {
  before: unknown;
  after: unknown;
}

const comparable = (value: unknown) =>
  value instanceof Date ? value.toISOString() : value === undefined ? null : value;

/** The fields whose value differs between two snapshots, with both values; timestamps and revision left out. */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Record<string, Change> {
  const changes: Record<string, Change> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (key === 'createdAt' || key === 'updatedAt' || key === 'revision') continue;
    const b = comparable(before?.[key]);
    const a = comparable(after?.[key]);
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = { before: b, after: a };
  }
  return changes;
}

/**
 * Every kind of change the audit trail records: per entity type, its actions. Recording anything else does not type-check,
 * and the history's sentences (`core/history.ts`) must say each of these in words (a test walks this list).
 */
export const AUDIT_KINDS = {
  Usage: ['CREATE', 'UPDATE', 'SET_STATUS', 'RETIRE'],
  Interface: ['CREATE', 'UPDATE', 'DELETE'],
  Migration: ['CREATE', 'UPDATE', 'APPLY'],
  Capacity: ['UPDATE', 'APPLY'],
  Scenario: ['CREATE', 'UPDATE', 'APPLY', 'DISCARD'],
  Programme: ['CREATE', 'UPDATE'],
  Product: ['CREATE', 'UPDATE', 'MERGE', 'DELETE'],
  Supplier: ['CREATE', 'MERGE', 'DELETE'],
  ReferenceComponent: ['CREATE', 'UPDATE'],
  Standard: ['CREATE', 'UPDATE'],
  ExternalService: ['CREATE', 'UPDATE'],
  ReferenceProposal: ['CREATE', 'UPDATE'],
  Organisation: ['CREATE', 'UPDATE'],
  /** A line of an organisation's statement of applicability, and with whom it shares the statement. */
  VvtStatement: ['UPDATE'],
  VvtShare: ['UPDATE'],
  /** An activity of the organisation's register of processing activities (AVG article 30). */
  ProcessingActivity: ['CREATE', 'UPDATE', 'DELETE'],
  Membership: ['CREATE', 'UPDATE', 'DELETE'],
  Invitation: ['INVITE', 'ACCEPT'],
  /** A security officer's confirmation that the organisation's landscape is current and complete. */
  Attestation: ['CONFIRM'],
  /** An evidence document of a product (certificate, TPM report, pentest summary, DPIA...), owned by its uploader. */
  Evidence: ['CREATE', 'UPDATE', 'DELETE'],
  User: [
    'CREATE',
    'UPDATE',
    'DISABLE',
    'ENABLE',
    'RESET_PASSWORD',
    'CHANGE_PASSWORD',
    'REQUEST_PASSWORD_RESET',
    'RESET_PASSWORD_BY_MAIL',
    'SSO_PROVISION',
    'SSO_LINK',
    'SSO_UNLINK',
  ],
  /** An organisation's OpenID Connect provider (its client secret is never recorded, only that it changed). */
  IdentityProvider: ['CREATE', 'UPDATE'],
  ApiToken: ['CREATE', 'REVOKE'],
  // Security events: sign-ins with the address tried.
  Session: [
    'SIGN_IN',
    'SIGN_IN_FAILED',
    'SIGN_IN_THROTTLED',
    'SIGN_OUT',
    'SESSION_END',
    'SECOND_FACTOR_REQUIRED',
    'SECOND_FACTOR_FAILED',
    'SECOND_FACTOR_LOCKED',
  ],
  /** A user's second factors (authenticator app, passkeys) and recovery codes; never a seed or a code. */
  SecondFactor: ['ADD', 'REMOVE', 'RECOVERY_CODES'],
  /** A file read by an import (its summary); each change it made has an event of its own. */
  Import: ['CREATE'],
  /** A later version of BIO2's overheidsmaatregelen.csv read by an instance administrator (one event, with counts). */
  Bio2: ['IMPORT'],
  /** The seed from content/ (written by the seed itself). */
  Content: ['SEED'],
} as const;

export type AuditEntityType = keyof typeof AUDIT_KINDS;
export type AuditAction<E extends AuditEntityType = AuditEntityType> = (typeof AUDIT_KINDS)[E][number];
/** One entity type with one of its actions. */
type AuditKind = { [E in AuditEntityType]: { entityType: E; action: AuditAction<E> } }[AuditEntityType];

export type AuditInput = AuditKind & {
  actor: Pick<Viewer, 'userId' | 'email'> | { label: string } | null;
  source: AuditSource;
  organisationId: string | null;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  revision?: number | null;
};

/** The file read by the import running in a transaction: every change recorded in it names that file. */
const filesOfTransactions = new WeakMap<object, string>();

/** Marks a transaction as the import of a file (see `applyInOneTransaction`). */
export function importingFile(tx: Tx, fileName: string): void {
  filesOfTransactions.set(tx, fileName);
}

const auditRow = (tx: Tx, input: AuditInput) => {
  const actor = input.actor;
  const changes = diff(input.before, input.after);
  return {
    actorId: actor && 'userId' in actor ? actor.userId : null,
    actorLabel: actor ? ('userId' in actor ? actor.email : actor.label) : 'onbekend',
    organisationId: input.organisationId,
    entityType: input.entityType,
    entityId: input.entityId,
    action: input.action,
    changes: JSON.stringify(changes),
    privateOnly: onlyPrivateFields(input.entityType, Object.keys(changes)),
    revision: input.revision ?? null,
    source: input.source,
    file: filesOfTransactions.get(tx) ?? null,
  };
};

export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(tx, input) });
  // Every change is audited, so this is where the data versions go up: caches everywhere see the change.
  await bumpDataVersion(tx, await changedScopes(tx, [input]));
}

/** Many events of one change (a large import) in one statement, and the data version up once. */
export async function recordAudits(tx: Tx, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.auditEvent.createMany({ data: inputs.map((input) => auditRow(tx, input)) });
  await bumpDataVersion(tx, await changedScopes(tx, inputs));
}
