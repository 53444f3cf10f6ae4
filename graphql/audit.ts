// Writes audit events inside the caller's transaction: a change and its record commit or roll back together.
import type { Db } from '../prisma/client.ts';
import { bumpDataVersion } from '../prisma/data-version.ts';
import type { Viewer } from './context.ts';

/** The client inside an interactive transaction. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
export type AuditSource = 'UI' | 'API' | 'SEED' | 'IMPORT' | 'CLI';

export interface Change {
  before: unknown;
  after: unknown;
}

const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : value === undefined ? null : value);

/** The fields whose value differs between two snapshots, with both values; timestamps and revision left out. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Record<string, Change> {
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

export interface AuditInput {
  actor: Pick<Viewer, 'userId' | 'email'> | { label: string } | null;
  source: AuditSource;
  organisationId: string | null;
  entityType: string;
  entityId: string;
  action:
    | 'CREATE'
    | 'UPDATE'
    | 'DELETE'
    /** One supplier or product merged into this one (the other is deleted). */
    | 'MERGE'
    | 'SET_STATUS'
    | 'RETIRE'
    | 'SEED'
    | 'APPLY'
    | 'DISCARD'
    // Security events: sessions, tokens, passwords, accounts and invitations.
    | 'SIGN_IN'
    | 'SIGN_IN_FAILED'
    | 'SIGN_IN_THROTTLED'
    | 'SIGN_OUT'
    | 'REVOKE'
    | 'CHANGE_PASSWORD'
    | 'RESET_PASSWORD'
    | 'DISABLE'
    | 'ENABLE'
    | 'INVITE'
    | 'ACCEPT';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  revision?: number | null;
}

const auditRow = (input: AuditInput) => {
  const actor = input.actor;
  return {
    actorId: actor && 'userId' in actor ? actor.userId : null,
    actorLabel: actor ? ('userId' in actor ? actor.email : actor.label) : 'onbekend',
    organisationId: input.organisationId,
    entityType: input.entityType,
    entityId: input.entityId,
    action: input.action,
    changes: JSON.stringify(diff(input.before, input.after)),
    revision: input.revision ?? null,
    source: input.source,
  };
};

export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(input) });
  // Every change is audited, so this is where the data version goes up: caches everywhere see the change.
  await bumpDataVersion(tx);
}

/** Many events of one change (a large import) in one statement, and the data version up once. */
export async function recordAudits(tx: Tx, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.auditEvent.createMany({ data: inputs.map(auditRow) });
  await bumpDataVersion(tx);
}
