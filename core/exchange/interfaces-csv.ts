// Koppelingen as CSV in the Softwarecatalogus manner (both ends, type, direction, standards, status): export, and an
// import planned per line first and applied in one audited transaction only when nothing is refused.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '#prisma/client.ts';
import { InterfaceDirection, InterfaceStatus, InterfaceType } from '#prisma/generated/sqlite/client/enums.ts';
import { type AuditSource, recordAudit, type Tx } from '../audit.ts';
import type { Viewer } from '../context.ts';
import { settleInterface } from '../proposals.ts';
import { applyInOneTransaction } from './apply.ts';
import { csvRows } from './file-text.ts';
import type { ExportLandscape } from './load.ts';
import { MAX_BYTES, MAX_ROWS, neutralise, type RowProblem, unneutralise } from './usages-csv.ts';

export const INTERFACE_COLUMNS = [
  'Sleutel',
  'Van (gebruik)',
  'Naar (gebruik)',
  'Naar (landelijke voorziening)',
  'Via (gebruik)',
  'Soort',
  'Richting',
  'Status',
  'Kopieert gegevens',
  'Standaarden (GEMMA-id)',
  'Omschrijving',
] as const;

const TYPES = Object.values(InterfaceType);
const DIRECTIONS = Object.values(InterfaceDirection);
const STATUSES = Object.values(InterfaceStatus);

/** The koppelingen as rows under INTERFACE_COLUMNS, sorted by key, spreadsheet formulas neutralised. */
export function interfaceRows(landscape: ExportLandscape): string[][] {
  const usageKey = new Map(landscape.usages.map((u) => [u.id, u.key]));
  const serviceName = new Map(landscape.externalServices.map((s) => [s.id, s.name]));
  const key = (id: string | null) => (id ? (usageKey.get(id) ?? '') : '');
  return [...landscape.interfaces]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((i) =>
      [
        i.key,
        key(i.fromUsageId),
        key(i.toUsageId),
        i.externalServiceId ? (serviceName.get(i.externalServiceId) ?? '') : '',
        key(i.intermediaryUsageId),
        i.type,
        i.direction,
        i.status,
        i.copiesData ? 'ja' : 'nee',
        [...i.standardIds].sort().join(', '),
        i.description ?? '',
      ].map(neutralise),
    );
}

export function toInterfacesCsv(landscape: ExportLandscape): string {
  return `\uFEFF${stringify([[...INTERFACE_COLUMNS], ...interfaceRows(landscape)], { delimiter: ';', record_delimiter: '\r\n' })}`;
}

interface PlannedInterface {
  line: number;
  key: string;
  action: 'ADD' | 'CHANGE' | 'UNCHANGED';
  /** Usages by key, so that a koppeling may point at a usage the same import adds. */
  data: {
    fromUsage: string;
    /** The other end and the usage in between; undefined when the file does not give them, and they stay as stored. */
    toUsage?: string | null;
    externalServiceId?: string | null;
    intermediary?: string | null;
    type: InterfaceType;
    direction: InterfaceDirection;
    status: InterfaceStatus;
    copiesData: boolean;
    description: string | null;
    standardIds: string[];
  };
}

export interface InterfacePlan {
  organisationId: string;
  rows: PlannedInterface[];
  refused: RowProblem[];
}

type InterfaceColumn = (typeof INTERFACE_COLUMNS)[number];
/** Columns a file must have: the key and the usage a koppeling starts at. */
const REQUIRED_INTERFACE_COLUMNS: readonly InterfaceColumn[] = ['Sleutel', 'Van (gebruik)'];

/**
 * One koppeling as a file gives it. A column the file lacks is absent (undefined): the stored value stays, and a new
 * koppeling gets the default (API, A_TO_B, IN_USE, no copies, no standards, no description).
 */
export type InterfaceRecord = Record<'Sleutel' | 'Van (gebruik)', string> &
  Partial<Record<InterfaceColumn, string>> & { line: number };

/** Reads the file: size, encoding, columns and row count are checked before any line is looked at. */
export function readInterfacesCsv(bytes: Uint8Array): { records: InterfaceRecord[]; problems: RowProblem[] } {
  const read = csvRows(bytes, MAX_BYTES, { columns: INTERFACE_COLUMNS, required: INTERFACE_COLUMNS });
  return 'problem' in read ? { records: [], problems: [read.problem] } : interfaceRecords(read.rows);
}

/** Rows with a header row (from a CSV or a worksheet) as koppeling records: columns and row count checked first. */
export function interfaceRecords(rows: string[][]): { records: InterfaceRecord[]; problems: RowProblem[] } {
  const [header = [], ...body] = rows;
  const names = header.map((h) => h.trim());
  const missing = REQUIRED_INTERFACE_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length)
    return { records: [], problems: [{ line: 1, message: `Kolommen ontbreken: ${missing.join(', ')}.` }] };
  if (body.length > MAX_ROWS)
    return {
      records: [],
      problems: [{ line: 0, message: `Het bestand heeft ${body.length} regels; hooguit ${MAX_ROWS} per keer.` }],
    };
  const records = body.map(
    (cells, i) =>
      ({
        ...Object.fromEntries(names.map((n, c) => [n, unneutralise((cells[c] ?? '').trim())])),
        line: i + 2,
      }) as InterfaceRecord,
  );
  return { records, problems: [] };
}

/** Reads and plans a koppelingen CSV. */
export async function planInterfacesImport(
  db: Database,
  slug: string,
  bytes: Uint8Array,
): Promise<InterfacePlan | null> {
  const { records, problems } = readInterfacesCsv(bytes);
  if (problems.length) return { organisationId: '', rows: [], refused: problems };
  return planInterfaces(db, slug, records);
}

/**
 * Checks every line against the landscape, GEMMA and the facilities; changes nothing. `addedUsages` are the keys of
 * usages the same import adds, which a koppeling may already point at.
 */
export async function planInterfaces(
  db: Database,
  slug: string,
  records: InterfaceRecord[],
  addedUsages: ReadonlySet<string> = new Set(),
) {
  const p = db.prisma;
  const org = await p.organisation.findUnique({ where: { slug }, select: { id: true } });
  if (!org) return null;
  const [usages, services, standards, existing] = await Promise.all([
    p.usage.findMany({ where: { organisationId: org.id }, select: { id: true, key: true } }),
    p.externalService.findMany({ select: { id: true, name: true } }),
    p.standard.findMany({ select: { id: true } }),
    p.interface.findMany({
      where: { organisationId: org.id },
      include: { standards: { select: { standardId: true } } },
    }),
  ]);
  const usageKey = new Map(usages.map((u) => [u.id, u.key]));
  const known = new Set([...usageKey.values(), ...addedUsages]);
  const serviceId = new Map(services.map((s) => [s.name.toLowerCase(), s.id]));
  const standardIds = new Set(standards.map((s) => s.id));
  const current = new Map(existing.map((i) => [i.key, i]));
  const plan: InterfacePlan = { organisationId: org.id, rows: [], refused: [] };
  const seen = new Set<string>();
  for (const r of records) {
    const line = r.line;
    const reasons: string[] = [];
    const key = r.Sleutel;
    const before = current.get(key);
    const keyOf = (id: string | null) => (id ? (usageKey.get(id) ?? null) : null);
    const ref = (column: InterfaceColumn) => {
      const value = r[column];
      if (!value) return null;
      if (!known.has(value)) reasons.push(`${column}: gebruik "${value}" staat niet in dit landschap.`);
      return value;
    };
    const fromUsage = ref('Van (gebruik)');
    if (!r['Van (gebruik)']) reasons.push('Van (gebruik) is leeg.');
    // The other end as the file gives it when it has either column; else undefined: it stays as stored (which may be
    // another organisation's usage, that no file of this landscape names).
    const givesEnd = r['Naar (gebruik)'] !== undefined || r['Naar (landelijke voorziening)'] !== undefined;
    let toUsage: string | null | undefined;
    let externalServiceId: string | null | undefined;
    if (givesEnd || !before) {
      const service = r['Naar (landelijke voorziening)'] ?? '';
      toUsage = ref('Naar (gebruik)');
      externalServiceId = service ? (serviceId.get(service.toLowerCase()) ?? null) : null;
      if (service && !externalServiceId) reasons.push(`Landelijke voorziening "${service}" bestaat niet.`);
      if (Boolean(r['Naar (gebruik)']) === Boolean(service))
        reasons.push('Vul precies één van "Naar (gebruik)" en "Naar (landelijke voorziening)" in.');
    }
    const intermediary = r['Via (gebruik)'] !== undefined || !before ? ref('Via (gebruik)') : undefined;
    if (fromUsage && fromUsage === (toUsage === undefined ? keyOf(before?.toUsageId ?? null) : toUsage))
      reasons.push('Een koppeling mag niet naar zichzelf wijzen.');
    const pick = <T extends string>(
      values: readonly T[],
      value: string | undefined,
      column: string,
      stored: T | undefined,
      fallback: T,
    ) => {
      if (value === undefined) return stored ?? fallback;
      const found = values.find((v) => v === value.toUpperCase());
      if (!found) reasons.push(`${column} "${value}" bestaat niet; kies ${values.join(', ')}.`);
      return found;
    };
    const type = pick(TYPES, r.Soort, 'Soort', before?.type, 'API');
    const direction = pick(DIRECTIONS, r.Richting, 'Richting', before?.direction, 'A_TO_B');
    const status = pick(STATUSES, r.Status, 'Status', before?.status, 'IN_USE');
    const copies = r['Kopieert gegevens']?.toLowerCase();
    if (copies !== undefined && !['ja', 'nee', ''].includes(copies))
      reasons.push(`Kopieert gegevens "${r['Kopieert gegevens']}": vul ja of nee in.`);
    const ids =
      r['Standaarden (GEMMA-id)'] !== undefined
        ? r['Standaarden (GEMMA-id)']
            .split(/[,\s]+/)
            .map((s) => s.toLowerCase())
            .filter(Boolean)
        : (before?.standards.map((s) => s.standardId) ?? []);
    for (const id of ids) if (!standardIds.has(id)) reasons.push(`Standaard ${id} bestaat niet in GEMMA.`);
    if (!key) reasons.push('Sleutel is leeg.');
    if (seen.has(key)) reasons.push(`Sleutel "${key}" staat al op een eerdere regel.`);
    seen.add(key);
    if (reasons.length || !fromUsage || !type || !direction || !status) {
      plan.refused.push({ line, message: reasons.join(' ') });
      continue;
    }
    const data = {
      fromUsage,
      toUsage,
      externalServiceId,
      intermediary,
      type,
      direction,
      status,
      copiesData: copies === undefined ? (before?.copiesData ?? false) : copies === 'ja',
      description: r.Omschrijving === undefined ? (before?.description ?? null) : r.Omschrijving || null,
      standardIds: [...new Set(ids)].sort(),
    };
    const same =
      before &&
      keyOf(before.fromUsageId) === data.fromUsage &&
      (data.toUsage === undefined || keyOf(before.toUsageId) === data.toUsage) &&
      (data.externalServiceId === undefined || before.externalServiceId === data.externalServiceId) &&
      (data.intermediary === undefined || keyOf(before.intermediaryId) === data.intermediary) &&
      before.type === data.type &&
      before.direction === data.direction &&
      before.status === data.status &&
      before.copiesData === data.copiesData &&
      before.description === data.description &&
      before.standards
        .map((s) => s.standardId)
        .sort()
        .join(',') === data.standardIds.join(',');
    plan.rows.push({ line, key, action: !before ? 'ADD' : same ? 'UNCHANGED' : 'CHANGE', data });
  }
  return plan;
}

/** Writes a plan's added and changed koppelingen inside the caller's transaction, each audited. */
export async function writeInterfaces(
  tx: Tx,
  plan: InterfacePlan,
  actor: Viewer | { label: string },
  source: AuditSource,
) {
  const work = plan.rows.filter((r) => r.action !== 'UNCHANGED');
  if (work.length === 0) return { added: 0, changed: 0 };
  // Read after the usages of the same import are written, so their new ids are here too.
  const usages = await tx.usage.findMany({
    where: { organisationId: plan.organisationId },
    select: { id: true, key: true },
  });
  const usageId = new Map(usages.map((u) => [u.key, u.id]));
  const id = (key: string | null) => (key ? (usageId.get(key) ?? null) : null);
  for (const r of work) {
    const { standardIds, fromUsage, toUsage, intermediary, ...rest } = r.data;
    const fromUsageId = id(fromUsage);
    if (!fromUsageId) throw new Error(`Gebruik "${fromUsage}" ontbreekt.`);
    const fields = {
      ...rest,
      fromUsageId,
      ...(toUsage === undefined ? {} : { toUsageId: id(toUsage) }),
      ...(intermediary === undefined ? {} : { intermediaryId: id(intermediary) }),
    };
    const where = { organisationId_key: { organisationId: plan.organisationId, key: r.key } };
    const before = await tx.interface.findUnique({ where });
    const saved = before
      ? await tx.interface.update({
          where,
          data: { ...fields, revision: { increment: 1 } },
          select: { id: true, revision: true },
        })
      : await tx.interface.create({
          data: { ...fields, key: r.key, organisationId: plan.organisationId },
          select: { id: true, revision: true },
        });
    await tx.interfaceStandard.deleteMany({ where: { interfaceId: saved.id } });
    await tx.interfaceStandard.createMany({
      data: standardIds.map((standardId) => ({ interfaceId: saved.id, standardId })),
    });
    // A file names usages of its own landscape only; an end it moves away from another organisation's usage is closed.
    const moved = (field: 'toUsageId' | 'intermediaryId') =>
      fields[field] !== undefined && before?.[field] !== fields[field];
    if (before && (moved('toUsageId') || moved('intermediaryId')))
      await settleInterface(tx, actor, source, saved.id, before);
    await recordAudit(tx, {
      actor,
      source,
      organisationId: plan.organisationId,
      entityType: 'Interface',
      entityId: encodeGlobalID('Interface', saved.id),
      action: before ? 'UPDATE' : 'CREATE',
      before: before ? { ...before, createdAt: undefined, updatedAt: undefined } : null,
      after: { ...fields, standards: standardIds },
      revision: saved.revision,
    });
  }
  const added = work.filter((r) => r.action === 'ADD').length;
  return { added, changed: work.length - added };
}

/** Applies a plan without refusals in one transaction, auditing every added or changed koppeling and the file. */
export async function applyInterfacesImport(
  db: Database,
  plan: InterfacePlan,
  actor: Viewer | { label: string },
  fileName: string,
  source: AuditSource = 'IMPORT',
) {
  if (plan.refused.length) throw new Error('Een plan met geweigerde regels wordt niet toegepast.');
  await applyInOneTransaction(db, { actor, fileName, organisationId: plan.organisationId, source }, async (tx, src) => {
    const counts = await writeInterfaces(tx, plan, actor, src);
    return { result: counts, summary: { kind: 'koppelingen-csv', ...counts } };
  });
}
