// The audited, revisioned write every mutation of a revisioned row uses: load at a revision, write at that revision
// (check and write in one statement), the one conflict error (who changed which fields since, from the audit trail),
// and the audit record with before and after snapshots. Each call runs inside the caller's transaction.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { requireEditor } from './access.ts';
import { type AuditAction, type AuditInput, type AuditSource, recordAudit, type Tx } from './audit.ts';
import type { Context } from './context.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import { mayKnowPerson, type Reader } from './privacy.ts';

/** The entity types whose rows carry a `revision` column, with their Prisma model and their Dutch names. */
const REVISIONED = {
  Usage: { model: 'usage', entity: 'Gebruik', subject: 'Dit gebruik' },
  Interface: { model: 'interface', entity: 'Koppeling', subject: 'Deze koppeling' },
  Product: { model: 'product', entity: 'Pakket', subject: 'Dit pakket' },
  Supplier: { model: 'supplier', entity: 'Leverancier', subject: 'Deze leverancier' },
  Programme: { model: 'programme', entity: 'Programma', subject: 'Dit programma' },
  Migration: { model: 'migration', entity: 'Migratie', subject: 'Deze migratie' },
  Scenario: { model: 'scenario', entity: 'Scenario', subject: 'Dit scenario' },
  Evidence: { model: 'evidence', entity: 'Bewijsstuk', subject: 'Dit bewijsstuk' },
  VvtStatement: { model: 'vvtStatement', entity: 'Regel van de verklaring', subject: 'Deze regel van de verklaring' },
  ProcessingActivity: { model: 'processingActivity', entity: 'Verwerking', subject: 'Deze verwerking' },
} as const;

export type RevisionedType = keyof typeof REVISIONED;

/** One revisioned row: its type (also its GraphQL type and audit entity type) and its database id. */
export interface Row<T extends RevisionedType = RevisionedType> {
  type: T;
  id: string;
}

/** Who writes, as the audit trail records it; `organisationId` is the trail the change appears on. */
export interface Writer {
  actor: AuditInput['actor'];
  source: AuditSource;
  organisationId: string | null;
}

/** The request's viewer and source, writing on `organisationId`'s trail. */
export const writerOf = (ctx: Pick<Context, 'viewer' | 'source'>, organisationId: string | null): Writer => ({
  actor: ctx.viewer,
  source: ctx.source,
  organisationId,
});

/** The usual `authorize` of loadAtRevision: only editors of the row's organisation change it. */
export const byEditors = (ctx: Context) =>
  Object.assign((row: { organisationId: string }) => requireEditor(ctx, row.organisationId), { reader: ctx.viewer });

/** A row as the audit trail records it: its fields (and children) with its revision. */
export type Snapshot = Record<string, unknown> & { revision?: number };

/** The row's global id: how the API and the audit trail name it. */
export const globalIdOf = (row: Row) => encodeGlobalID(row.type, row.id);

/** The part of a Prisma model every revisioned write needs. */
interface RevisionedDelegate {
  findUnique(args: { where: { id: string }; select: { revision: true } }): Promise<{ revision: number } | null>;
  updateMany(args: {
    where: { id: string; revision: number };
    data: Record<string, unknown>;
  }): Promise<{ count: number }>;
  deleteMany(args: { where: { id: string; revision: number } }): Promise<{ count: number }>;
}

const delegate = (tx: Tx, row: Row) => tx[REVISIONED[row.type].model] as unknown as RevisionedDelegate;

/**
 * Who made the changes since the caller's revision, as the caller may know them (core/privacy.ts mayKnowPerson, the
 * audit trail's own rule): the address for colleagues and instance administrators, otherwise only the organisation.
 */
async function actorsFor(
  tx: Tx,
  events: { actorId: string | null; actorLabel: string; organisationId: string | null }[],
  reader: Reader,
) {
  const ids = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const people = new Map(
    (
      await tx.user.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          isInstanceAdmin: true,
          memberships: { select: { organisationId: true, organisation: { select: { name: true } } } },
        },
      })
    ).map((u) => [u.id, u]),
  );
  return events.map((e) => {
    const person = e.actorId ? people.get(e.actorId) : undefined;
    if (!e.actorId) return e.actorLabel.includes('@') ? 'een onbekende gebruiker' : e.actorLabel;
    if (
      person &&
      mayKnowPerson(reader, { userId: person.id, organisationIds: person.memberships.map((m) => m.organisationId) })
    )
      return e.actorLabel;
    const organisation =
      person?.memberships.find((m) => m.organisationId === e.organisationId) ?? person?.memberships[0];
    if (organisation) return `een gebruiker van ${organisation.organisation.name}`;
    return person?.isInstanceAdmin ? 'een beheerder van Grondplan' : 'een gebruiker';
  });
}

/**
 * The one conflict: the row changed since the caller's revision. Says who changed which fields since then, from the
 * audit trail, naming people only as `reader` may know them; `current` is the row's revision now (read when not given).
 */
export async function conflictSince(
  tx: Tx,
  row: Row,
  expected: number,
  current?: number,
  reader: Reader = null,
): Promise<ConflictError> {
  const now =
    current ??
    (await delegate(tx, row).findUnique({ where: { id: row.id }, select: { revision: true } }))?.revision ??
    expected;
  const events = await tx.auditEvent.findMany({
    where: { entityId: globalIdOf(row), revision: { gt: expected } },
    orderBy: { createdAt: 'asc' },
    select: { actorId: true, actorLabel: true, organisationId: true, changes: true },
  });
  const fields = [...new Set(events.flatMap((e) => Object.keys(JSON.parse(e.changes) as object)))];
  const who = [...new Set(await actorsFor(tx, events, reader))].join(', ');
  return revisionConflict(row.type, expected, now, who, fields);
}

/**
 * The conflict's error itself, for when the audit trail cannot be read: after a unique constraint refused a write,
 * a PostgreSQL transaction answers no further statement.
 */
export function revisionConflict(
  type: RevisionedType,
  expected: number,
  now: number,
  who = '',
  fields: readonly string[] = [],
): ConflictError {
  return new ConflictError(
    `${REVISIONED[type].subject} is intussen gewijzigd (revisie ${expected} → ${now})${who ? ` door ${who}` : ''}${fields.length ? `; gewijzigd: ${fields.join(', ')}` : ''}. Er is niets veranderd; laad opnieuw en breng je wijziging opnieuw aan.`,
    now,
  );
}

/**
 * Loads the row with `load` (its audit snapshot, holding `revision`): a NotFoundError when it does not exist; then
 * `authorize` (which throws when the caller may not change it), so a stranger learns nothing of its revision; then the
 * conflict when its revision is not `expected`.
 */
export async function loadAtRevision<S extends { revision: number }>(
  tx: Tx,
  row: Row,
  expected: number,
  load: (id: string) => Promise<S | null>,
  authorize: ((before: NoInfer<S>) => unknown) & { reader?: Reader } = () => undefined,
  reader: Reader = authorize.reader ?? null,
): Promise<S> {
  const before = await load(row.id);
  if (!before) throw new NotFoundError(REVISIONED[row.type].entity, globalIdOf(row));
  authorize(before);
  if (before.revision !== expected) throw await conflictSince(tx, row, expected, before.revision, reader);
  return before;
}

/** Writes `data` only while the row is still at `expected` (the check and the write are one statement) and raises its revision by one; else the conflict. */
export async function updateAtRevision(
  tx: Tx,
  row: Row,
  expected: number,
  data: Record<string, unknown> = {},
): Promise<void> {
  const { count } = await delegate(tx, row).updateMany({
    where: { id: row.id, revision: expected },
    data: { ...data, revision: { increment: 1 } },
  });
  if (count === 0) throw await conflictSince(tx, row, expected);
}

/** Deletes the row only while it is still at `expected`; else the conflict. */
export async function deleteAtRevision(tx: Tx, row: Row, expected: number): Promise<void> {
  const { count } = await delegate(tx, row).deleteMany({ where: { id: row.id, revision: expected } });
  if (count === 0) throw await conflictSince(tx, row, expected);
}

/**
 * Records the change on the audit trail with both snapshots (null before a create, null after a delete); the revision
 * recorded is the one after. Raises the data version, so caches see the change.
 */
export async function auditChange<T extends RevisionedType>(
  tx: Tx,
  by: Writer,
  row: Row<T>,
  action: AuditAction<T>,
  before: Snapshot | null,
  after: Snapshot | null,
): Promise<void> {
  await recordAudit(tx, {
    actor: by.actor,
    source: by.source,
    organisationId: by.organisationId,
    entityType: row.type,
    action,
    entityId: globalIdOf(row),
    before,
    after,
    revision: after?.revision ?? null,
  } as AuditInput);
}
