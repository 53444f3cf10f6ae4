// What every import's apply step shares: its writes in one transaction, and the file itself as one audit event in it.
import type { Database } from '#prisma/client.ts';
import { type AuditSource, importingFile, recordAudit, type Tx } from '../audit.ts';
import type { Viewer } from '../context.ts';

interface ImportRun {
  actor: Viewer | { label: string };
  fileName: string;
  /** The organisation whose data the file changes; null for shared data (GEMMA, the catalogue). */
  organisationId: string | null;
  source?: AuditSource;
}

/**
 * Runs `write` in one transaction (so a failure leaves nothing behind) and records the import with the summary it
 * returns, under source IMPORT unless told otherwise.
 */
export async function applyInOneTransaction<R>(
  db: Database,
  run: ImportRun,
  write: (tx: Tx, source: AuditSource) => Promise<{ result: R; summary: Record<string, unknown> }>,
): Promise<R> {
  const source = run.source ?? 'IMPORT';
  return db.prisma.$transaction(
    async (tx) => {
      importingFile(tx, run.fileName);
      const { result, summary } = await write(tx, source);
      await recordAudit(tx, {
        actor: run.actor,
        source,
        organisationId: run.organisationId,
        entityType: 'Import',
        entityId: run.fileName,
        action: 'CREATE',
        before: null,
        after: { file: run.fileName, ...summary },
      });
      return result;
    },
    { timeout: 120_000 },
  );
}
