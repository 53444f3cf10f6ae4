// Writing one line of an organisation's statement of applicability inside the caller's transaction: at the revision
// the writer read (core/revisioned-write.ts), audited with the measure's number in both snapshots. The mutation of one
// line and the file import both write this way.
import type { Tx } from './audit.ts';
import { ConflictError, isUniqueViolation } from './errors.ts';
import type { Reader } from './privacy.ts';
import { auditChange, conflictSince, revisionConflict, updateAtRevision, type Writer } from './revisioned-write.ts';
import type { VvtLineInput } from './vvt.ts';

/** A stored line as far as a write needs it. */
export interface StoredVvtLine extends VvtLineInput {
  id: string;
  measureNumber: string;
  revision: number;
}

/** The audit snapshot of a line: the measure's number, its fields and its revision. */
export const vvtSnapshot = (measureNumber: string, s: VvtLineInput & { revision: number }) => ({
  measureNumber,
  applies: s.applies,
  reason: s.reason,
  state: s.state,
  owner: s.owner,
  evidence: s.evidence,
  reviewedOn: s.reviewedOn,
  revision: s.revision,
});

/**
 * Writes `line` for the measure: a new line when none exists and none was read (`expected` null), else an update at
 * `expected`. A line read that is gone, or one written since it was read, is the one ConflictError. Returns the id.
 */
export async function writeVvtLine(
  tx: Tx,
  by: Writer & { organisationId: string },
  measureNumber: string,
  line: VvtLineInput,
  expected: number | null,
  reader: Reader,
  stored?: StoredVvtLine | null,
): Promise<string> {
  const before =
    stored !== undefined
      ? stored
      : await tx.vvtStatement.findUnique({
          where: { organisationId_measureNumber: { organisationId: by.organisationId, measureNumber } },
        });
  if (!before) {
    if (expected !== null)
      throw new ConflictError(
        `De regel voor maatregel ${measureNumber} bestaat niet meer. Er is niets veranderd; laad opnieuw en breng je wijziging opnieuw aan.`,
        0,
      );
    const created = await tx.vvtStatement
      .create({ data: { organisationId: by.organisationId, measureNumber, ...line } })
      .catch((error: unknown) => {
        // Another write added the line since it was read: the conflict the check above gives, its first revision.
        throw isUniqueViolation(error) ? revisionConflict('VvtStatement', 0, 1) : error;
      });
    await auditChange(
      tx,
      by,
      { type: 'VvtStatement', id: created.id },
      'UPDATE',
      null,
      vvtSnapshot(measureNumber, created),
    );
    return created.id;
  }
  const row = { type: 'VvtStatement' as const, id: before.id };
  if (expected === null || expected !== before.revision)
    throw await conflictSince(tx, row, expected ?? 0, before.revision, reader);
  await updateAtRevision(tx, row, expected, { ...line });
  await auditChange(
    tx,
    by,
    row,
    'UPDATE',
    vvtSnapshot(measureNumber, before),
    vvtSnapshot(measureNumber, { ...line, revision: expected + 1 }),
  );
  return before.id;
}
