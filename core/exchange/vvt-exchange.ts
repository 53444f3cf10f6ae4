// An organisation's statement of applicability in and out of files: the download (for those who may read it,
// core/vvt.ts mayReadVvt) and the import's two steps, the preview and applying it in one transaction.
import type { Database } from '#prisma/client.ts';
import { importingFile, type Tx } from '../audit.ts';
import { todayNl } from '../dates.ts';
import { ConflictError } from '../errors.ts';
import type { Reader } from '../privacy.ts';
import type { Writer } from '../revisioned-write.ts';
import { mayReadVvt, PRIVATE_SHARE, type VvtShareSetting } from '../vvt.ts';
import { writeVvtLine } from '../vvt-write.ts';
import { toVvtCsv, toVvtXlsx, type VvtExport, type VvtFile } from './vvt-file.ts';
import { planVvtImport, problemText, type VvtImportPlan } from './vvt-import.ts';

type Reads = Pick<Tx, 'vvtShare' | 'bio2Measure' | 'vvtStatement' | 'organisation'>;

/** The organisation's share setting; no setting is PRIVATE. */
export async function readVvtShare(client: Pick<Tx, 'vvtShare'>, organisationId: string): Promise<VvtShareSetting> {
  const s = await client.vvtShare.findUnique({
    where: { organisationId },
    include: { partners: { select: { partnerId: true } } },
  });
  return s ? { mode: s.mode, partnerIds: s.partners.map((p) => p.partnerId) } : PRIVATE_SHARE;
}

/** The share settings of several organisations in one statement; an organisation without one is PRIVATE. */
export async function readVvtShares(
  client: Pick<Tx, 'vvtShare'>,
  organisationIds: readonly string[],
): Promise<Map<string, VvtShareSetting>> {
  const rows = await client.vvtShare.findMany({
    where: { organisationId: { in: [...organisationIds] } },
    include: { partners: { select: { partnerId: true } } },
  });
  const found = new Map(
    rows.map((s) => [s.organisationId, { mode: s.mode, partnerIds: s.partners.map((p) => p.partnerId) }]),
  );
  return new Map(organisationIds.map((id) => [id, found.get(id) ?? PRIVATE_SHARE]));
}

const LINE = {
  id: true,
  measureNumber: true,
  applies: true,
  reason: true,
  state: true,
  owner: true,
  evidence: true,
  reviewedOn: true,
  revision: true,
} as const;

/** The measures and an organisation's lines, as the export writes them. */
async function loadStatement(client: Reads, organisationId: string, now: Date): Promise<VvtExport> {
  const [measures, lines] = await Promise.all([
    client.bio2Measure.findMany({
      orderBy: { position: 'asc' },
      select: { number: true, control: true, theme: true, kind: true, text: true, movedTo: true },
    }),
    client.vvtStatement.findMany({ where: { organisationId }, select: LINE }),
  ]);
  return { measures, lines, exportedAt: now.toISOString() };
}

export type VvtFormat = 'csv' | 'xlsx';

/**
 * The statement of the organisation `slug` as a file; 'not-found' without that organisation, 'refused' when `reader`
 * may not read the statement (the anonymous reader is refused before any statement is read).
 */
export async function vvtFile(
  db: Database,
  slug: string,
  format: VvtFormat,
  reader: Reader,
  now = new Date(),
): Promise<string | Uint8Array | 'not-found' | 'refused'> {
  if (!reader) return 'refused';
  const organisation = await db.prisma.organisation.findUnique({ where: { slug }, select: { id: true } });
  if (!organisation) return 'not-found';
  if (!mayReadVvt(reader, organisation.id, await readVvtShare(db.prisma, organisation.id))) return 'refused';
  const data = await loadStatement(db.prisma, organisation.id, now);
  return format === 'csv' ? toVvtCsv(data) : toVvtXlsx(data);
}

/** What the file would change in the organisation's statement (read through `client`, a transaction or not). */
export async function previewVvtImport(client: Reads, organisationId: string, file: VvtFile): Promise<VvtImportPlan> {
  const { measures, lines } = await loadStatement(client, organisationId, new Date());
  return planVvtImport(file, measures, lines, todayNl());
}

/**
 * Applies the file in one transaction: planned again inside it, so what is written is what the statement holds then;
 * every changed line written at its revision and audited as part of the import of `fileName`. A row refused now (the
 * statement changed since the preview) is the conflict, and nothing is written.
 */
export async function applyVvtImport(
  db: Database,
  by: Writer & { organisationId: string },
  reader: Reader,
  fileName: string,
  file: VvtFile,
): Promise<VvtImportPlan> {
  return db.prisma.$transaction(
    async (tx) => {
      importingFile(tx, fileName);
      const plan = await previewVvtImport(tx, by.organisationId, file);
      const [first] = plan.refused;
      if (first) throw new ConflictError(`De verklaring is intussen gewijzigd: ${problemText(first)}`, 0);
      for (const row of plan.rows) await writeVvtLine(tx, by, row.number, row.next, row.expected, reader, row.stored);
      return plan;
    },
    { timeout: 120_000 },
  );
}
