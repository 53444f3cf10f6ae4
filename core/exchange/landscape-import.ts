// One import of a landscape file: its usages and, when the file carries them (ArchiMate), its koppelingen, planned
// together so a koppeling may point at a usage the same file adds, and applied together in one transaction.
import type { Database } from '#prisma/client.ts';
import type { AuditSource } from '../audit.ts';
import type { Viewer } from '../context.ts';
import { parseAmeff, readUsagesAmeff } from './ameff-read.ts';
import { applyInOneTransaction } from './apply.ts';
import { hasPackageVersions, type NotPlaced, readArchiLandscape } from './archi-read.ts';
import { type InterfacePlan, type InterfaceRecord, planInterfaces, writeInterfaces } from './interfaces-csv.ts';
import { type ImportOptions, type ImportPlan, type RowProblem, readUsagesCsv } from './usages-csv.ts';
import { planUsagesImport } from './usages-plan.ts';
import { writeUsages } from './usages-write.ts';
import { readUsagesXlsx } from './usages-xlsx.ts';

export interface LandscapePlan extends ImportPlan {
  interfaces: InterfacePlan | null;
  kind: 'gebruik-csv' | 'gebruik-xlsx' | 'archimate' | 'archi-model';
  /** What an architect's own model holds that the import does not place, with the reason: information, not a refusal. */
  notPlaced: NotPlaced[];
  /** How the placed components of an own model were matched. */
  placed: string[];
}

export type LandscapeFormat = 'csv' | 'xlsx' | 'ameff';

/** An .xlsx file is a zip archive (starts with "PK"), an ArchiMate file is XML; anything else is read as CSV. */
function sniffFormat(bytes: Uint8Array): LandscapeFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  const head = new TextDecoder()
    .decode(bytes.slice(0, 200))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<') ? 'ameff' : 'csv';
}

const KIND = { csv: 'gebruik-csv', xlsx: 'gebruik-xlsx', ameff: 'archimate' } as const;

/** Reads the file and plans every usage and koppeling in it; changes nothing. Null when the organisation does not exist. */
export async function planLandscapeImport(
  db: Database,
  slug: string,
  bytes: Uint8Array,
  format = sniffFormat(bytes),
  options: ImportOptions = {},
): Promise<LandscapePlan | null> {
  let read: {
    records: Record<string, string>[];
    interfaces?: InterfaceRecord[];
    problems: RowProblem[];
    notPlaced?: NotPlaced[];
    placed?: string[];
  };
  let kind: LandscapePlan['kind'] = KIND[format];
  if (format === 'xlsx') read = await readUsagesXlsx(bytes);
  else if (format === 'csv') read = readUsagesCsv(bytes);
  else {
    // A file without Softwarecatalogus package versions is an architect's own model: read as a landscape.
    const parsed = parseAmeff(bytes);
    if (!parsed.model) read = { records: [], problems: parsed.problems };
    else if (!hasPackageVersions(parsed.model)) {
      const archi = await readArchiLandscape(db, slug, parsed.model, options);
      if (!archi) return null;
      read = archi;
      kind = 'archi-model';
    } else read = readUsagesAmeff(bytes);
  }
  const extra = { notPlaced: read.notPlaced ?? [], placed: read.placed ?? [] };
  if (read.problems.length)
    return { organisation: { id: '', slug }, rows: [], refused: read.problems, interfaces: null, kind, ...extra };
  // An own model's records are its placed components, not lines of a file: the dry run names them by component.
  const own = read.records;
  const lineName =
    kind === 'archi-model' ? (line: number) => `Component "${own[line - 2]?.Pakket ?? line}"` : undefined;
  const usages = await planUsagesImport(db, slug, own, { ...options, ...(lineName ? { lineName } : {}) });
  if (!usages) return null;
  extra.placed = [...extra.placed, ...(usages.recognised ?? [])];
  if (!read.interfaces?.length) return { ...usages, interfaces: null, kind, ...extra };
  // The reader names a usage without a key by its place in the file; the plan has given it one.
  const keyByIndex = new Map(usages.rows.map((r) => [`#${r.line - 2}`, r.key]));
  const resolve = (ref: string) =>
    ref.startsWith('#') ? (keyByIndex.get(ref) ?? `pakketversie ${Number(ref.slice(1)) + 1}`) : ref;
  const records = read.interfaces.map((r) => ({
    ...r,
    'Van (gebruik)': resolve(r['Van (gebruik)']),
    'Naar (gebruik)': r['Naar (gebruik)'] && resolve(r['Naar (gebruik)']),
  }));
  const added = new Set(usages.rows.filter((r) => r.action === 'ADD').map((r) => r.key));
  const interfaces = await planInterfaces(db, slug, records, added);
  return { ...usages, interfaces, kind, ...extra };
}

/** Everything a plan refuses: its usages' lines, then its koppelingen', named by where they are in the file. */
export const refusedOf = (plan: LandscapePlan): RowProblem[] => [
  ...plan.refused,
  ...(plan.interfaces?.refused ?? []).map((p) => ({
    line: p.line,
    message: `${plan.kind === 'archimate' || plan.kind === 'archi-model' ? `Koppeling (relatie ${p.line})` : `Werkblad Koppelingen, regel ${p.line}`}: ${p.message}`,
  })),
];

/** Applies a plan without refusals in one transaction: usages first, then koppelingen, then one event for the file. */
export async function applyLandscapeImport(
  db: Database,
  plan: LandscapePlan,
  actor: Viewer | { label: string },
  fileName: string,
  source: AuditSource = 'IMPORT',
) {
  if (refusedOf(plan).length) throw new Error('Een plan met geweigerde regels wordt niet toegepast.');
  return applyInOneTransaction(
    db,
    { actor, fileName, organisationId: plan.organisation.id, source },
    async (tx, src) => {
      const usages = await writeUsages(tx, plan, actor, src);
      const interfaces = plan.interfaces
        ? await writeInterfaces(tx, plan.interfaces, actor, src)
        : { added: 0, changed: 0 };
      const unchanged = plan.rows.length - usages.added - usages.changed;
      return {
        result: { usages, interfaces },
        summary: { kind: plan.kind, ...usages, unchanged, ...(plan.interfaces ? { interfaces } : {}) },
      };
    },
  );
}
