// Usages as a Softwarecatalogus-style CSV (UTF-8 with BOM, semicolons): export, and an import that first plans what
// it would add, change, leave alone and refuse (by line and reason), then applies all of it in one transaction or nothing.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '#prisma/client.ts';
import { type AuditSource, recordAudit, type Tx } from '../audit.ts';
import { addProduct, addSupplier, UNCLASSIFIED_ARCHITECTURE, versionOf } from '../catalogue.ts';
import type { Viewer } from '../context.ts';
import { operatorNeedsConsent, settleOperator } from '../proposals.ts';
import { STATUS_DATE, STATUS_DATES_SELECT, USAGE_STATUSES, type UsageStatus } from '../usage-status.ts';
import type { ExportLandscape } from './ameff.ts';
import { applyInOneTransaction } from './apply.ts';
import { csvRows, type RowProblem } from './file-text.ts';
import { loadCandidates, matchProduct, matchSupplier, normaliseName } from './matching.ts';

export const USAGE_COLUMNS = [
  'Sleutel',
  'Leverancier',
  'Pakket',
  'Versie',
  'Status',
  'Verwerving sinds',
  'Gepland sinds',
  'In productie sinds',
  'Uit te faseren sinds',
  'Uitgefaseerd sinds',
  'Referentiecomponenten (GEMMA-id)',
  'Technisch beheer',
  'Beschikbaarheid',
  'Integriteit',
  'Vertrouwelijkheid',
] as const;

/** Columns a file must have: the package and its supplier name what the row is about. */
export const REQUIRED_COLUMNS: readonly string[] = ['Leverancier', 'Pakket'];

/**
 * Columns a file may leave out: without Sleutel the key is derived; without any other the stored value stays as it is
 * (a new usage then needs its Status in the file).
 */
export const OPTIONAL_COLUMNS: readonly string[] = USAGE_COLUMNS.filter((c) => !REQUIRED_COLUMNS.includes(c));

const BIV = [
  ['Beschikbaarheid', 'availability'],
  ['Integriteit', 'integrity'],
  ['Vertrouwelijkheid', 'confidentiality'],
] as const;
type BivField = (typeof BIV)[number][1];

/** The Dutch label of each usage status, as the Softwarecatalogus names it. */
const STATUS_NAME = {
  ACQUIRING: 'Verwerving',
  PLANNED: 'Gepland',
  IN_PRODUCTION: 'In productie',
  PHASING_OUT: 'Uit te faseren',
  RETIRED: 'Uitgefaseerd',
} as const satisfies Record<UsageStatus, string>;

/** Each usage status: its enum value, Dutch label, date column in files ("In productie sinds") and date field (core/usage-status.ts). */
export const STATUSES = USAGE_STATUSES.map((s) => [s, STATUS_NAME[s], `${STATUS_NAME[s]} sinds`, STATUS_DATE[s].column] as const);

/** The Dutch label of each status, as files write it. */
export const STATUS_LABEL: Record<string, string> = Object.fromEntries(STATUSES.map(([status, label]) => [status, label]));

/** Each status date's file column and field: "In productie sinds" and inProductionSince. */
export const STATUS_DATE_COLUMNS = STATUSES.map(([, , column, field]) => [column, field] as const);
type Status = (typeof STATUSES)[number][0];
type DateField = (typeof STATUSES)[number][3];

export { STATUS_DATES_SELECT };

export const MAX_BYTES = 5_000_000;
export const MAX_ROWS = 20_000;

/** A spreadsheet runs a cell that starts with =, +, -, @ or a control character as a formula: such cells get a quote. */
export const neutralise = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** Undoes `neutralise` on the way in, so that an exported value imports as itself. */
export const unneutralise = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

export function toUsagesCsv(landscape: ExportLandscape): string {
  const rows = [...landscape.usages]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((u) =>
      [
        u.key,
        u.supplier,
        u.name,
        u.version ?? '',
        STATUSES.find((s) => s[0] === u.status)?.[1] ?? u.status,
        ...STATUSES.map((s) => u.statusDates[s[0]] ?? ''),
        [...u.referenceComponentIds].sort().join(', '),
        u.operator ?? '',
        ...BIV.map(([, field]) => (u[field] === null ? '' : String(u[field]))),
      ].map(neutralise),
    );
  return `\uFEFF${stringify([[...USAGE_COLUMNS], ...rows], { delimiter: ';', record_delimiter: '\r\n' })}`;
}

export type { RowProblem } from './file-text.ts';

export interface PlannedUsage {
  line: number;
  key: string;
  product: string;
  action: 'ADD' | 'CHANGE' | 'UNCHANGED';
  changes: string[];
  /**
   * The fields to write. Every field but the product is present only when the file carries it (an empty value clears),
   * so a file without a column leaves the stored value alone; an added usage always has its status.
   */
  data: {
    productId: string;
    versionId?: string | null;
    status?: Status;
    dates: Partial<Record<DateField, Date | null>>;
    referenceComponentIds?: string[];
    operatorId?: string | null;
  } & Partial<Record<BivField, number | null>>;
  /** Another organisation named as operator: written as a proposal to it, the stored operator stays until it accepts. */
  operatorProposal?: boolean;
  /** A product the catalogue lacks, added on apply (with its supplier when `supplierId` is null); then `data.productId` is empty. */
  newProduct?: NewProduct;
  /** A version the product does not know yet, added to it on apply. */
  newVersion?: string;
}

/** A product a file names that the catalogue lacks; one per supplier and normalised name, however many lines name it. */
export interface NewProduct {
  key: string;
  name: string;
  supplierName: string;
  /** The catalogue's supplier the file's name was recognised as; null: the supplier is added too. */
  supplierId: string | null;
  referenceComponentIds: string[];
}

/** What an import may add to the shared catalogue besides the usages. */
export interface ImportOptions {
  /** Add products (and suppliers, and versions) the catalogue lacks instead of refusing their lines. */
  addUnknownProducts?: boolean;
  /** How the dry run names a record (default "Regel 2" for the file's second line), for readers whose records are not lines of the file. */
  lineName?: (line: number) => string;
}

/** The words that tell the user the option exists, in every refusal it would have prevented. */
export const ADD_UNKNOWN_HINT = 'Met de optie "onbekende pakketten en leveranciers toevoegen" (op de opdrachtregel --nieuwe-pakketten) komt het erbij.';

export interface ImportPlan {
  organisation: { id: string; slug: string };
  rows: PlannedUsage[];
  refused: RowProblem[];
  /** How a supplier or product named otherwise than in the catalogue was recognised, per line, for the dry run. */
  recognised?: string[];
}

/** Reads the file: size, encoding, columns and row count are checked before any row is looked at. */
export function readUsagesCsv(bytes: Uint8Array): { records: Record<string, string>[]; problems: RowProblem[] } {
  const read = csvRows(bytes, MAX_BYTES, { columns: USAGE_COLUMNS, required: USAGE_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c)) });
  if ('problem' in read) return { records: [], problems: [read.problem] };
  const [header = [], ...body] = read.rows;
  const names = header.map((h) => h.trim());
  const missing = USAGE_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c) && !names.includes(c));
  const unknown = names.filter((n) => !(USAGE_COLUMNS as readonly string[]).includes(n));
  const problems: RowProblem[] = [];
  if (missing.length) problems.push({ line: 1, message: `Kolommen ontbreken: ${missing.join(', ')}.` });
  if (unknown.length) problems.push({ line: 1, message: `Onbekende kolommen: ${unknown.join(', ')}.` });
  if (body.length > MAX_ROWS) problems.push({ line: 0, message: `Het bestand heeft ${body.length} regels; hooguit ${MAX_ROWS} per keer.` });
  if (problems.length) return { records: [], problems };
  const records = body.map((cells) => Object.fromEntries(names.map((n, i) => [n, unneutralise((cells[i] ?? '').trim())])));
  return { records, problems: [] };
}

const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;
const nlDay = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;
function parseDay(value: string): Date | null | 'invalid' {
  if (!value) return null;
  const iso = isoDay.exec(value);
  const nl = nlDay.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : nl ? [nl[3], nl[2], nl[1]] : [];
  if (!y) return 'invalid';
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCDate() === Number(d) && date.getUTCMonth() === Number(m) - 1 ? date : 'invalid';
}

const slugify = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Matches every row against the catalogue, GEMMA and the organisation's landscape; changes nothing. */
export async function planUsagesImport(
  db: Database,
  organisationSlug: string,
  records: Record<string, string>[],
  options: ImportOptions = {},
): Promise<ImportPlan | null> {
  const p = db.prisma;
  const org = await p.organisation.findUnique({ where: { slug: organisationSlug }, select: { id: true, slug: true } });
  if (!org) return null;
  const [products, components, organisations, existing, pending, candidates] = await Promise.all([
    p.product.findMany({
      select: {
        id: true,
        slug: true,
        name: true,
        supplier: { select: { name: true } },
        versions: { select: { id: true, name: true } },
        referenceComponents: { select: { referenceComponentId: true } },
      },
    }),
    p.referenceComponent.findMany({ select: { id: true } }),
    p.organisation.findMany({ select: { id: true, slug: true, name: true } }),
    p.usage.findMany({
      where: { organisationId: org.id },
      select: {
        key: true,
        productId: true,
        versionId: true,
        status: true,
        ...STATUS_DATES_SELECT,
        operatorId: true,
        availability: true,
        integrity: true,
        confidentiality: true,
        referenceComponents: { select: { referenceComponentId: true } },
      },
    }),
    p.referenceProposal.findMany({
      where: { proposingOrganisationId: org.id, kind: 'OPERATOR', status: 'PENDING' },
      select: { receivingOrganisationId: true, usage: { select: { key: true } } },
    }),
    loadCandidates(p),
  ]);
  const pendingOperator = new Map(pending.map((x) => [x.usage.key, x.receivingOrganisationId]));
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const componentIds = new Set(components.map((c) => c.id));
  const organisationId = new Map(organisations.flatMap((o) => [[o.name.toLowerCase(), o.id] as const, [o.slug, o.id] as const]));
  const current = new Map(existing.map((u) => [u.key, u]));
  const rows: PlannedUsage[] = [];
  const refused: RowProblem[] = [];
  const seen = new Set<string>();
  const has = (r: Record<string, string>, column: string) => Object.hasOwn(r, column);
  const productById = new Map(products.map((x) => [x.id, x]));
  const recognised: string[] = [];
  const newProducts = new Map<string, NewProduct>();
  const lineName = options.lineName ?? ((line: number) => `Regel ${line}`);
  records.forEach((r, i) => {
    const line = i + 2;
    const reasons: string[] = [];
    const name = r.Pakket ?? '';
    // Supplier and product as the file names them, recognised as every importer does ("Maykin" is Maykin Media).
    const supplierNamed = (r.Leverancier ?? '').trim();
    const supplier = supplierNamed ? matchSupplier({ name: supplierNamed }, candidates.suppliers) : null;
    const found = name ? matchProduct(name, supplier?.match.id ?? null, candidates.products) : null;
    const otherSupplier = Boolean(supplierNamed) && (!supplier || (found !== null && found.match.supplierId !== supplier.match.id));
    const product = found && !otherSupplier ? (productById.get(found.match.id) ?? null) : null;
    let newProduct: NewProduct | undefined;
    if (!name) reasons.push('Pakket is leeg.');
    else if (!product && options.addUnknownProducts && supplierNamed) {
      // Added to the catalogue on apply, with the supplier the name was recognised as, or a new one.
      const productKey = `${supplier ? supplier.match.id : normaliseName(supplierNamed)}|${normaliseName(name)}`;
      const known = newProducts.get(productKey);
      newProduct = known ?? { key: productKey, name, supplierName: supplierNamed, supplierId: supplier?.match.id ?? null, referenceComponentIds: [] };
      if (!known) {
        newProducts.set(productKey, newProduct);
        recognised.push(
          `${lineName(line)}: pakket "${name}" van leverancier "${supplierNamed}" wordt toegevoegd aan de catalogus (architectuur nog in te delen, voorlopig Legacy); ${
            supplier ? `leverancier bekend als ${supplier.match.name} (${supplier.reason})` : 'de leverancier is nieuw en wordt ook toegevoegd'
          }.`,
        );
      }
    } else if (!product)
      reasons.push(
        found
          ? `Pakket "${name}" is er niet van leverancier "${supplierNamed}"; de catalogus kent het van ${productById.get(found.match.id)?.supplier.name ?? 'een andere leverancier'}. ${ADD_UNKNOWN_HINT}`
          : `Pakket "${name}" staat niet in de catalogus.${supplierNamed ? ` ${ADD_UNKNOWN_HINT}` : ' Vul de leverancier in om het toe te voegen.'}`,
      );
    else {
      if (supplier && supplier.reason !== 'zelfde naam')
        recognised.push(`${lineName(line)}: leverancier "${supplierNamed}" is ${supplier.match.name} (${supplier.reason}).`);
      if (found && !found.reason.startsWith('zelfde naam,') && found.reason !== 'zelfde naam')
        recognised.push(`${lineName(line)}: pakket "${name}" is ${product.name} (${found.reason}).`);
    }
    const key = r.Sleutel || (product ? product.slug : slugify(name));
    const before = current.get(key);
    const data: PlannedUsage['data'] = { productId: product?.id ?? '', dates: {} };
    let newVersion: string | undefined;
    if (has(r, 'Versie')) {
      const version = r.Versie ? product?.versions.find((v) => v.name === r.Versie) : null;
      if (r.Versie && !version && (newProduct || (product && options.addUnknownProducts))) newVersion = r.Versie;
      else if (product && r.Versie && !version) reasons.push(`Pakket "${name}" heeft geen versie "${r.Versie}". ${ADD_UNKNOWN_HINT}`);
      data.versionId = version?.id ?? null;
    } else if (before && (newProduct || (product && before.productId !== product.id))) {
      // Another package: the stored version belongs to the old one, so it cannot stay.
      data.versionId = null;
    }
    if (has(r, 'Status')) {
      const statusText = (r.Status ?? '').toLowerCase();
      data.status = STATUSES.find((s) => s[0].toLowerCase() === statusText || s[1].toLowerCase() === statusText)?.[0];
      if (!data.status) reasons.push(`Status "${r.Status ?? ''}" bestaat niet; kies ${STATUSES.map((s) => s[1]).join(', ')}.`);
    } else if (!before) reasons.push('Status ontbreekt: een nieuw gebruik heeft een status nodig; voeg de kolom Status toe.');
    for (const [, , column, field] of STATUSES) {
      if (!has(r, column)) continue;
      const parsed = parseDay(r[column] ?? '');
      if (parsed === 'invalid') reasons.push(`${column}: "${r[column]}" is geen datum (JJJJ-MM-DD).`);
      else data.dates[field] = parsed;
    }
    if (has(r, 'Referentiecomponenten (GEMMA-id)')) {
      const ids = (r['Referentiecomponenten (GEMMA-id)'] ?? '')
        .split(/[,\s]+/)
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
      for (const id of ids) if (!componentIds.has(id)) reasons.push(`Referentiecomponent ${id} bestaat niet in GEMMA.`);
      data.referenceComponentIds = [...new Set(ids)].sort();
    }
    // A new usage from a file without the column realises its product's components, as the usage form promises; an
    // explicit empty cell means none, so that the same file imported again changes nothing.
    if (!before && product && !has(r, 'Referentiecomponenten (GEMMA-id)'))
      data.referenceComponentIds = [...new Set(product.referenceComponents.map((c) => c.referenceComponentId))].sort();
    // A new product realises what the first line naming it says its usage realises.
    if (newProduct && !newProduct.referenceComponentIds.length && data.referenceComponentIds)
      newProduct.referenceComponentIds = data.referenceComponentIds.filter((id) => componentIds.has(id));
    if (has(r, 'Technisch beheer')) {
      const operator = r['Technisch beheer'] ?? '';
      data.operatorId = operator ? (organisationId.get(operator.toLowerCase()) ?? null) : null;
      if (operator && !data.operatorId) reasons.push(`Technisch beheer: organisatie "${operator}" bestaat niet.`);
    }
    for (const [column, field] of BIV) {
      if (!has(r, column)) continue;
      const value = r[column] ?? '';
      if (value && !/^[123]$/.test(value)) reasons.push(`${column}: "${value}" is geen BIV-niveau; kies 1, 2 of 3 of laat leeg.`);
      data[field] = value ? Number(value) : null;
    }
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(key)) reasons.push(`Sleutel "${key}" mag alleen kleine letters, cijfers en koppeltekens bevatten.`);
    if (seen.has(key)) reasons.push(`Sleutel "${key}" staat al op een eerdere regel.`);
    seen.add(key);
    if (reasons.length || !(product || newProduct)) {
      refused.push({ line, message: reasons.join(' ') });
      return;
    }
    // Another organisation as operator is a proposal to it (unless it already operates the usage).
    const wanted = data.operatorId;
    const operatorProposal = wanted !== undefined && operatorNeedsConsent(org.id, before?.operatorId ?? null, wanted);
    const proposalChange =
      wanted === undefined
        ? []
        : operatorProposal && pendingOperator.get(key) !== wanted
          ? [`technisch beheer: voorstel aan ${organisationName.get(wanted ?? '') ?? wanted}, dat het eerst moet aanvaarden`]
          : !operatorProposal && pendingOperator.has(key)
            ? [`voorstel technisch beheer aan ${organisationName.get(pendingOperator.get(key) ?? '') ?? ''} ingetrokken`]
            : [];
    const storedComponents = before?.referenceComponents
      .map((c) => c.referenceComponentId)
      .sort()
      .join(',');
    // Only what the file carries is compared: a field it leaves out stays as it is, so it is no change.
    const changes = before
      ? [
          ...(newProduct || before.productId !== data.productId ? ['pakket'] : []),
          ...(newVersion
            ? [`versie ${newVersion} (nieuw bij het pakket)`]
            : data.versionId !== undefined && before.versionId !== data.versionId
              ? ['versie']
              : []),
          ...(data.status !== undefined && before.status !== data.status ? ['status'] : []),
          ...STATUSES.filter(([, , , f]) => data.dates[f] !== undefined && (before[f]?.getTime() ?? null) !== (data.dates[f]?.getTime() ?? null)).map(
            ([, , column]) => column.toLowerCase(),
          ),
          ...(data.referenceComponentIds && storedComponents !== data.referenceComponentIds.join(',') ? ['referentiecomponenten'] : []),
          ...(!operatorProposal && data.operatorId !== undefined && before.operatorId !== data.operatorId ? ['technisch beheer'] : []),
          ...proposalChange,
          ...BIV.filter(([, f]) => data[f] !== undefined && before[f] !== data[f]).map(([column]) => column.toLowerCase()),
        ]
      : proposalChange;
    rows.push({
      line,
      key,
      product: product?.name ?? name,
      action: before ? (changes.length ? 'CHANGE' : 'UNCHANGED') : 'ADD',
      changes: !before && newVersion ? [...changes, `versie ${newVersion} (nieuw bij het pakket)`] : changes,
      data,
      ...(operatorProposal ? { operatorProposal } : {}),
      ...(newProduct ? { newProduct } : {}),
      ...(newVersion ? { newVersion } : {}),
    });
  });
  return { organisation: org, rows, refused, recognised };
}

/** Writes a plan's added and changed usages inside the caller's transaction, each audited. */
export async function writeUsages(tx: Tx, plan: ImportPlan, actor: Viewer | { label: string }, source: AuditSource) {
  const work = plan.rows.filter((r) => r.action !== 'UNCHANGED');
  const by = { actor, source, organisationId: plan.organisation.id };
  // Products (and suppliers) the catalogue lacks first, each once, audited; then the versions the file names anew.
  const added = new Map<string, string>();
  const suppliers = new Map<string, string>();
  for (const p of new Set(work.flatMap((r) => (r.newProduct ? [r.newProduct] : [])))) {
    if (added.has(p.key)) continue;
    const supplierKey = normaliseName(p.supplierName);
    const supplierId = p.supplierId ?? suppliers.get(supplierKey) ?? (await addSupplier(tx, p.supplierName, by)).id;
    suppliers.set(supplierKey, supplierId);
    const product = await addProduct(
      tx,
      { name: p.name, supplierId, architecture: UNCLASSIFIED_ARCHITECTURE, referenceComponents: p.referenceComponentIds },
      by,
    );
    added.set(p.key, product.id);
  }
  for (const r of work) {
    const productId = r.newProduct ? (added.get(r.newProduct.key) ?? '') : r.data.productId;
    const versionId = r.newVersion ? (await versionOf(tx, productId, r.newVersion, by)).id : r.data.versionId;
    const { referenceComponentIds, dates, operatorId: operatorWanted, status, ...rest } = { ...r.data, productId, versionId };
    // A proposed operator is not written: the usage keeps its operator until the other organisation accepts. Fields the
    // file does not carry are undefined here, which Prisma leaves as they are.
    const fields = { ...rest, ...(operatorWanted === undefined || r.operatorProposal ? {} : { operatorId: operatorWanted }), ...dates };
    const components = (referenceComponentIds ?? []).map((referenceComponentId) => ({ referenceComponentId }));
    if (r.action === 'ADD') {
      if (!status) throw new Error(`Gebruik "${r.key}" heeft geen status.`);
      // A new usage in one statement; its audit record is the fields written, no read-back needed.
      const saved = await tx.usage.create({
        data: { ...fields, status, key: r.key, organisationId: plan.organisation.id, referenceComponents: { createMany: { data: components } } },
        select: { id: true },
      });
      if (r.operatorProposal)
        await settleOperator(tx, actor, source, { id: saved.id, organisationId: plan.organisation.id, operatorBefore: null }, operatorWanted ?? null);
      await recordAudit(tx, {
        actor,
        source,
        organisationId: plan.organisation.id,
        entityType: 'Usage',
        entityId: encodeGlobalID('Usage', saved.id),
        action: 'CREATE',
        before: null,
        after: { key: r.key, ...fields, status, referenceComponents: referenceComponentIds ?? [] },
        revision: 1,
      });
      continue;
    }
    const where = { organisationId_key: { organisationId: plan.organisation.id, key: r.key } };
    const read = () => tx.usage.findUnique({ where, include: { referenceComponents: { select: { referenceComponentId: true } } } });
    const snapshot = (u: Awaited<ReturnType<typeof read>>) =>
      u && { ...u, referenceComponents: u.referenceComponents.map((c) => c.referenceComponentId).sort(), createdAt: undefined, updatedAt: undefined };
    const before = await read();
    const saved = await tx.usage.update({ where, data: { ...fields, status, revision: { increment: 1 } }, select: { id: true, revision: true } });
    if (referenceComponentIds) {
      await tx.usageReferenceComponent.deleteMany({ where: { usageId: saved.id } });
      await tx.usageReferenceComponent.createMany({ data: components.map((c) => ({ ...c, usageId: saved.id })) });
    }
    if (operatorWanted !== undefined && before)
      await settleOperator(tx, actor, source, { id: saved.id, organisationId: plan.organisation.id, operatorBefore: before.operatorId }, operatorWanted);
    await recordAudit(tx, {
      actor,
      source,
      organisationId: plan.organisation.id,
      entityType: 'Usage',
      entityId: encodeGlobalID('Usage', saved.id),
      action: 'UPDATE',
      before: snapshot(before),
      after: snapshot(await read()),
      revision: saved.revision,
    });
  }
  const addedUsages = work.filter((r) => r.action === 'ADD').length;
  return { added: addedUsages, changed: work.length - addedUsages };
}

/** Applies a plan without refusals in one transaction: every added or changed usage audited, plus one event for the file. */
export async function applyUsagesImport(
  db: Database,
  plan: ImportPlan,
  actor: Viewer | { label: string },
  fileName: string,
  source: AuditSource = 'IMPORT',
): Promise<{ added: number; changed: number }> {
  if (plan.refused.length) throw new Error('Een plan met geweigerde regels wordt niet toegepast.');
  return applyInOneTransaction(db, { actor, fileName, organisationId: plan.organisation.id, source }, async (tx, src) => {
    const counts = await writeUsages(tx, plan, actor, src);
    return { result: counts, summary: { kind: 'gebruik-csv', ...counts, unchanged: plan.rows.length - counts.added - counts.changed } };
  });
}
