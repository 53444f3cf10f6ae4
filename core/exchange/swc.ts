// The GEMMA Softwarecatalogus's own "applicaties" export, both ways: its 33 columns as CSV (commas, every field quoted,
// JSON arrays in cells) or as JSON (an array of the same objects, or the API's page `{ "results": [...] }`). Each
// application is a usage of the organisation; what Grondplan has no place for is kept on the usage, so that an export
// writes it back. The import plans first (what it maps, keeps and ignores, per column) and applies in one transaction.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '#prisma/client.ts';
import { type AuditSource, recordAudit } from '../audit.ts';
import type { Viewer } from '../context.ts';
import { applyInOneTransaction } from './apply.ts';
import { writeInterfaces } from './interfaces-csv.ts';
import { PERSONAL_COLUMNS, SWC_COLUMNS, type SwcColumnName, type SwcValue } from './swc-columns.ts';
import type { SwcPlan } from './swc-plan.ts';
import { DERIVABLE_PRODUCT_SELECT, type Derivable, derived, keptFields } from './swc-values.ts';
import { neutralise } from './usages-csv.ts';
import { writeUsages } from './usages-write.ts';

/** Applies a plan without refusals in one transaction: usages, their kept fields, koppelingen, each audited, then the file. */
export async function applySwcImport(
  db: Database,
  plan: SwcPlan,
  actor: Viewer | { label: string },
  fileName: string,
  source: AuditSource = 'IMPORT',
) {
  if (plan.refused.length || !plan.usages) throw new Error('Een plan met geweigerde regels wordt niet toegepast.');
  const usagesPlan = plan.usages;
  return applyInOneTransaction(
    db,
    { actor, fileName, organisationId: plan.organisation.id, source },
    async (tx, src) => {
      const usages = await writeUsages(tx, usagesPlan, actor, src);
      for (const k of plan.kept) {
        const where = { organisationId_key: { organisationId: plan.organisation.id, key: k.key } };
        const saved = await tx.usage.update({
          where,
          data: { externalFields: k.after, revision: { increment: 1 } },
          select: { id: true, revision: true },
        });
        await recordAudit(tx, {
          actor,
          source: src,
          organisationId: plan.organisation.id,
          entityType: 'Usage',
          entityId: encodeGlobalID('Usage', saved.id),
          action: 'UPDATE',
          before: { externalFields: k.before },
          after: { externalFields: k.after },
          revision: saved.revision,
        });
      }
      const interfaces = plan.interfaces
        ? await writeInterfaces(tx, plan.interfaces, actor, src)
        : { added: 0, changed: 0 };
      // The plan's usage rows come first, one per row of usagesPlan; a row only its kept fields change is a change too.
      const own = plan.rows.slice(0, usagesPlan.rows.length);
      const counts = { added: usages.added, changed: own.filter((r) => r.action === 'CHANGE').length };
      return {
        result: { usages: counts, interfaces },
        summary: {
          kind: 'softwarecatalogus',
          ...counts,
          unchanged: own.length - counts.added - counts.changed,
          interfaces,
        },
      };
    },
  );
}

/** The organisation's usages in the export's layout: one object per usage, columns in order, lists as arrays. */
export async function swcApplications(db: Database, slug: string): Promise<Record<SwcColumnName, SwcValue>[] | null> {
  const org = await db.prisma.organisation.findUnique({
    where: { slug },
    select: {
      usages: {
        orderBy: { key: 'asc' },
        select: {
          id: true,
          key: true,
          externalFields: true,
          version: { select: { name: true } },
          product: { select: DERIVABLE_PRODUCT_SELECT },
          referenceComponents: { select: { referenceComponent: { select: { id: true, name: true } } } },
        },
      },
      interfaces: { select: { fromUsageId: true, toUsageId: true, externalService: { select: { name: true } } } },
    },
  });
  if (!org) return null;
  const byId = new Map(org.usages.map((u) => [u.id, u]));
  const idOf = (u: (typeof org.usages)[number]) => String(keptFields(u.externalFields).id || u.key);
  // A koppeling is listed at both of its applications; one to a national facility at its application, by name.
  const links = new Map<string, { id: string; name: string }[]>();
  const link = (usageId: string, id: string, name: string) =>
    links.set(usageId, [...(links.get(usageId) ?? []), { id, name }]);
  for (const i of org.interfaces) {
    const from = byId.get(i.fromUsageId);
    const to = i.toUsageId ? byId.get(i.toUsageId) : undefined;
    if (from && to) {
      link(from.id, idOf(to), to.product.name);
      link(to.id, idOf(from), from.product.name);
    } else if (from && i.externalService) link(from.id, i.externalService.name, i.externalService.name);
  }
  return org.usages.map((u) => {
    const kept = keptFields(u.externalFields);
    const own: Derivable = {
      key: u.key,
      product: { ...u.product, supplier: u.product.supplier.name },
      version: u.version?.name ?? null,
    };
    const components = u.referenceComponents.map((c) => c.referenceComponent).sort((a, b) => a.id.localeCompare(b.id));
    const unique = [...new Map((links.get(u.id) ?? []).map((l) => [l.id, l])).values()].sort((a, b) =>
      a.id.localeCompare(b.id),
    );
    const list = (value: SwcValue | undefined) => (Array.isArray(value) ? value : value ? [value] : []);
    const row = Object.fromEntries(
      SWC_COLUMNS.map((column) => [column, column in kept ? (kept[column] as SwcValue) : derived(column, own)]),
    ) as Record<SwcColumnName, SwcValue>;
    for (const column of PERSONAL_COLUMNS) row[column] = '';
    row.referentieComponenten = [...components.map((c) => c.id), ...list(kept.referentieComponenten)];
    row._referentieComponenten = [...components.map((c) => c.name), ...list(kept._referentieComponenten)];
    row.koppelingen = [...unique.map((l) => l.id), ...list(kept.koppelingen)];
    row._koppelingen = [...unique.map((l) => l.name), ...list(kept._koppelingen)];
    return row;
  });
}

/** The export as CSV: the 33 columns in order, commas, every field quoted, lists as JSON arrays, formulas neutralised. */
export function toSwcCsv(applications: Record<SwcColumnName, SwcValue>[]): string {
  const cell = (value: SwcValue) => (Array.isArray(value) ? JSON.stringify(value) : neutralise(value));
  return stringify([[...SWC_COLUMNS], ...applications.map((a) => SWC_COLUMNS.map((c) => cell(a[c])))], {
    quoted: true,
    record_delimiter: '\n',
  });
}

/** The export as JSON: an array of the same objects (what the import also reads inside an API page's "results"). */
export const toSwcJson = (applications: Record<SwcColumnName, SwcValue>[]) =>
  `${JSON.stringify(applications, null, 2)}\n`;
