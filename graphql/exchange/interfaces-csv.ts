// Koppelingen as CSV in the Softwarecatalogus manner (both ends, type, direction, standards, status): export, and an
// import planned per line first and applied in one audited transaction only when nothing is refused.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../prisma/client.ts';
import { type AuditSource, recordAudit } from '../audit.ts';
import type { Viewer } from '../context.ts';
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

const TYPES = ['API', 'WEBSERVICE', 'FILE_TRANSFER', 'DIGIKOPPELING', 'MESSAGE_QUEUE', 'PORTAL_UPLOAD'] as const;
const DIRECTIONS = ['A_TO_B', 'B_TO_A', 'BOTH'] as const;
const STATUSES = ['IN_DEVELOPMENT', 'IN_USE', 'END_OF_SUPPORT', 'WITHDRAWN'] as const;

export async function toInterfacesCsv(db: Database, slug: string): Promise<string | null> {
  const org = await db.prisma.organisation.findUnique({
    where: { slug },
    select: {
      interfaces: {
        orderBy: { key: 'asc' },
        select: {
          key: true,
          type: true,
          direction: true,
          status: true,
          copiesData: true,
          description: true,
          fromUsage: { select: { key: true } },
          toUsage: { select: { key: true } },
          intermediary: { select: { key: true } },
          externalService: { select: { name: true } },
          standards: { select: { standardId: true } },
        },
      },
    },
  });
  if (!org) return null;
  const rows = org.interfaces.map((i) =>
    [
      i.key,
      i.fromUsage.key,
      i.toUsage?.key ?? '',
      i.externalService?.name ?? '',
      i.intermediary?.key ?? '',
      i.type,
      i.direction,
      i.status,
      i.copiesData ? 'ja' : 'nee',
      i.standards
        .map((s) => s.standardId)
        .sort()
        .join(', '),
      i.description ?? '',
    ].map(neutralise),
  );
  return `\uFEFF${stringify([[...INTERFACE_COLUMNS], ...rows], { delimiter: ';', record_delimiter: '\r\n' })}`;
}

export interface PlannedInterface {
  line: number;
  key: string;
  action: 'ADD' | 'CHANGE' | 'UNCHANGED';
  data: {
    fromUsageId: string;
    toUsageId: string | null;
    externalServiceId: string | null;
    intermediaryId: string | null;
    type: (typeof TYPES)[number];
    direction: (typeof DIRECTIONS)[number];
    status: (typeof STATUSES)[number];
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

/** Reads and plans in one go: the file's checks, then every line against the landscape, GEMMA and the facilities. */
export async function planInterfacesImport(db: Database, slug: string, bytes: Uint8Array): Promise<InterfacePlan | null> {
  const fail = (message: string, line = 0) => ({ organisationId: '', rows: [], refused: [{ line, message }] });
  if (bytes.byteLength > MAX_BYTES) return fail(`Het bestand is groter dan ${MAX_BYTES / 1_000_000} MB.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('Het bestand is geen geldige UTF-8-tekst. Sla het op als CSV (UTF-8).');
  }
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, delimiter: ';', relax_column_count: true, skip_empty_lines: true, max_record_size: 100_000 }) as string[][];
  } catch (error) {
    return fail(`Het bestand is geen leesbare CSV: ${(error as Error).message}`);
  }
  const [header = [], ...body] = rows;
  const names = header.map((h) => h.trim());
  const missing = INTERFACE_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) return fail(`Kolommen ontbreken: ${missing.join(', ')}.`, 1);
  if (body.length > MAX_ROWS) return fail(`Het bestand heeft ${body.length} regels; hooguit ${MAX_ROWS} per keer.`);
  const p = db.prisma;
  const org = await p.organisation.findUnique({ where: { slug }, select: { id: true } });
  if (!org) return null;
  const [usages, services, standards, existing] = await Promise.all([
    p.usage.findMany({ where: { organisationId: org.id }, select: { id: true, key: true } }),
    p.externalService.findMany({ select: { id: true, name: true } }),
    p.standard.findMany({ select: { id: true } }),
    p.interface.findMany({ where: { organisationId: org.id }, include: { standards: { select: { standardId: true } } } }),
  ]);
  const usageId = new Map(usages.map((u) => [u.key, u.id]));
  const serviceId = new Map(services.map((s) => [s.name.toLowerCase(), s.id]));
  const standardIds = new Set(standards.map((s) => s.id));
  const current = new Map(existing.map((i) => [i.key, i]));
  const plan: InterfacePlan = { organisationId: org.id, rows: [], refused: [] };
  const seen = new Set<string>();
  body.forEach((cells, i) => {
    const line = i + 2;
    const r = Object.fromEntries(names.map((n, c) => [n, unneutralise((cells[c] ?? '').trim())])) as Record<(typeof INTERFACE_COLUMNS)[number], string>;
    const reasons: string[] = [];
    const ref = (column: (typeof INTERFACE_COLUMNS)[number]) => {
      if (!r[column]) return null;
      const id = usageId.get(r[column]);
      if (!id) reasons.push(`${column}: gebruik "${r[column]}" staat niet in dit landschap.`);
      return id ?? null;
    };
    const fromUsageId = ref('Van (gebruik)');
    if (!r['Van (gebruik)']) reasons.push('Van (gebruik) is leeg.');
    const toUsageId = ref('Naar (gebruik)');
    const intermediaryId = ref('Via (gebruik)');
    const externalServiceId = r['Naar (landelijke voorziening)'] ? (serviceId.get(r['Naar (landelijke voorziening)'].toLowerCase()) ?? null) : null;
    if (r['Naar (landelijke voorziening)'] && !externalServiceId) reasons.push(`Landelijke voorziening "${r['Naar (landelijke voorziening)']}" bestaat niet.`);
    if (Boolean(r['Naar (gebruik)']) === Boolean(r['Naar (landelijke voorziening)']))
      reasons.push('Vul precies één van "Naar (gebruik)" en "Naar (landelijke voorziening)" in.');
    if (fromUsageId && fromUsageId === toUsageId) reasons.push('Een koppeling mag niet naar zichzelf wijzen.');
    const pick = <T extends string>(values: readonly T[], value: string, column: string) => {
      const found = values.find((v) => v === value.toUpperCase());
      if (!found) reasons.push(`${column} "${value}" bestaat niet; kies ${values.join(', ')}.`);
      return found;
    };
    const type = pick(TYPES, r.Soort, 'Soort');
    const direction = pick(DIRECTIONS, r.Richting, 'Richting');
    const status = pick(STATUSES, r.Status, 'Status');
    const copies = r['Kopieert gegevens'].toLowerCase();
    if (!['ja', 'nee', ''].includes(copies)) reasons.push(`Kopieert gegevens "${r['Kopieert gegevens']}": vul ja of nee in.`);
    const ids = r['Standaarden (GEMMA-id)']
      .split(/[,\s]+/)
      .map((s) => s.toLowerCase())
      .filter(Boolean);
    for (const id of ids) if (!standardIds.has(id)) reasons.push(`Standaard ${id} bestaat niet in GEMMA.`);
    const key = r.Sleutel;
    if (!key) reasons.push('Sleutel is leeg.');
    if (seen.has(key)) reasons.push(`Sleutel "${key}" staat al op een eerdere regel.`);
    seen.add(key);
    if (reasons.length || !fromUsageId || !type || !direction || !status) {
      plan.refused.push({ line, message: reasons.join(' ') });
      return;
    }
    const data = {
      fromUsageId,
      toUsageId,
      externalServiceId,
      intermediaryId,
      type,
      direction,
      status,
      copiesData: copies === 'ja',
      description: r.Omschrijving || null,
      standardIds: [...new Set(ids)].sort(),
    };
    const before = current.get(key);
    const same =
      before &&
      before.fromUsageId === data.fromUsageId &&
      before.toUsageId === data.toUsageId &&
      before.externalServiceId === data.externalServiceId &&
      before.intermediaryId === data.intermediaryId &&
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
  });
  return plan;
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
  const work = plan.rows.filter((r) => r.action !== 'UNCHANGED');
  await db.prisma.$transaction(
    async (tx) => {
      for (const r of work) {
        const { standardIds, ...fields } = r.data;
        const where = { organisationId_key: { organisationId: plan.organisationId, key: r.key } };
        const before = await tx.interface.findUnique({ where });
        const saved = before
          ? await tx.interface.update({ where, data: { ...fields, revision: { increment: 1 } }, select: { id: true, revision: true } })
          : await tx.interface.create({ data: { ...fields, key: r.key, organisationId: plan.organisationId }, select: { id: true, revision: true } });
        await tx.interfaceStandard.deleteMany({ where: { interfaceId: saved.id } });
        await tx.interfaceStandard.createMany({ data: standardIds.map((standardId) => ({ interfaceId: saved.id, standardId })) });
        await recordAudit(tx, {
          actor,
          source,
          organisationId: plan.organisationId,
          entityType: 'Interface',
          entityId: saved.id,
          action: before ? 'UPDATE' : 'CREATE',
          before: before ? { ...before, createdAt: undefined, updatedAt: undefined } : null,
          after: { ...fields, standards: standardIds },
          revision: saved.revision,
        });
      }
      await recordAudit(tx, {
        actor,
        source,
        organisationId: plan.organisationId,
        entityType: 'Import',
        entityId: fileName,
        action: 'CREATE',
        before: null,
        after: {
          file: fileName,
          kind: 'koppelingen-csv',
          added: work.filter((r) => r.action === 'ADD').length,
          changed: work.filter((r) => r.action === 'CHANGE').length,
        },
      });
    },
    { timeout: 120_000 },
  );
}
