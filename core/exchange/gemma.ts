// Imports the GEMMA model from its CSV extracts (reference components, standards, their links, flows, national
// facilities), matched on GEMMA object ids: a plan of what is added, changed, removed and unchanged first, then one
// audited transaction. Components and standards are never deleted, since usages and products point at them.
import type { Database } from '#prisma/client.ts';
import { componentColumns, serviceColumns, standardColumns, standardRole } from '#prisma/seed/gemma-rows.ts';
import { type AuditInput, type AuditSource, recordAudits } from '../audit.ts';
import type { Viewer } from '../context.ts';
import { applyInOneTransaction } from './apply.ts';
import type { GemmaData } from './gemma-read.ts';
import { loadGemmaViews, replaceGemmaViews, viewsDiffer } from './gemma-views.ts';

export interface GemmaChange {
  kind: 'referentiecomponent' | 'standaard' | 'voorziening';
  id: string;
  name: string;
  action: 'ADD' | 'CHANGE';
  fields: string[];
}

interface GemmaPlan {
  data: GemmaData;
  changes: GemmaChange[];
  unchanged: number;
  links: { added: number; removed: number };
  flows: { added: number; removed: number };
  /** Whether the release's views replace the stored ones (false when it carries none or the same). */
  viewsReplaced: boolean;
}

/** What the import would do, without writing anything. */
export async function planGemmaImport(db: Database, data: GemmaData): Promise<GemmaPlan> {
  const p = db.prisma;
  const [components, standards, services, links, flows] = await Promise.all([
    p.referenceComponent.findMany(),
    p.standard.findMany(),
    p.externalService.findMany(),
    p.referenceComponentStandard.findMany({ select: { referenceComponentId: true, standardId: true, role: true } }),
    p.referenceComponentFlow.findMany({ select: { sourceId: true, targetId: true, name: true } }),
  ]);
  const changes: GemmaChange[] = [];
  let unchanged = 0;
  const compare = <R extends { id: string }>(
    kind: GemmaChange['kind'],
    incoming: { id: string; fields: Record<string, unknown> }[],
    current: R[],
  ) => {
    const byId = new Map(current.map((c) => [c.id, c as unknown as Record<string, unknown>]));
    for (const { id, fields } of incoming) {
      const before = byId.get(id);
      const changed = before ? Object.keys(fields).filter((f) => (before[f] ?? null) !== fields[f]) : [];
      if (!before) changes.push({ kind, id, name: String(fields.name), action: 'ADD', fields: [] });
      else if (changed.length) changes.push({ kind, id, name: String(fields.name), action: 'CHANGE', fields: changed });
      else unchanged++;
    }
  };
  compare(
    'referentiecomponent',
    data.components.map((c) => ({ id: c.id, fields: componentColumns(c) })),
    components,
  );
  compare(
    'standaard',
    data.standards.map((s) => ({ id: s.id, fields: standardColumns(s) })),
    standards,
  );
  compare(
    'voorziening',
    data.services.map((s) => ({ id: s.id, fields: serviceColumns(s) })),
    services,
  );
  const linkKey = (l: { referenceComponentId: string; standardId: string; role: string | null }) =>
    `${l.referenceComponentId}|${l.standardId}|${l.role}`;
  const newLinks = new Set(
    data.links.map((l) =>
      linkKey({
        referenceComponentId: l.referentiecomponent_id,
        standardId: l.standaard_id,
        role: standardRole(l.rol),
      }),
    ),
  );
  const oldLinks = new Set(links.map(linkKey));
  const flowKey = (f: { sourceId: string; targetId: string; name: string }) => `${f.sourceId}|${f.targetId}|${f.name}`;
  const newFlows = new Set(data.flows.map((f) => flowKey({ sourceId: f.bron_id, targetId: f.doel_id, name: f.naam })));
  const oldFlows = new Set(flows.map(flowKey));
  const diff = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).length;
  const viewsReplaced = data.views ? viewsDiffer(await loadGemmaViews(db), data.views) : false;
  return {
    viewsReplaced,
    data,
    changes,
    unchanged,
    links: { added: diff(newLinks, oldLinks), removed: diff(oldLinks, newLinks) },
    flows: { added: diff(newFlows, oldFlows), removed: diff(oldFlows, newFlows) },
  };
}

/** Rows in parts of 500, so that one statement never builds a query of thousands of rows in memory. */
const inParts = <T>(rows: T[], size = 500): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/** Writes the plan in one transaction: one audit event per added or changed object, one for the whole import. */
export async function applyGemmaImport(
  db: Database,
  plan: GemmaPlan,
  actor: Viewer | { label: string },
  fileName: string,
  source: AuditSource = 'IMPORT',
) {
  const { data } = plan;
  await applyInOneTransaction(db, { actor, fileName, organisationId: null, source }, async (tx) => {
    // Rows read and added in bulk, changed one by one, audited in one statement: a whole release stays well within seconds.
    const events: AuditInput[] = [];
    const touched = new Map(plan.changes.map((c) => [`${c.kind}|${c.id}`, c]));
    const write = async <R extends { id: string }>(
      kind: GemmaChange['kind'],
      entityType: 'ReferenceComponent' | 'Standard' | 'ExternalService',
      rows: { id: string; columns: Record<string, unknown> }[],
      table: {
        findMany(args: { where: { id: { in: string[] } } }): Promise<R[]>;
        createMany(args: { data: Record<string, unknown>[] }): Promise<unknown>;
        update(args: { where: { id: string }; data: Record<string, unknown> }): Promise<unknown>;
      },
    ) => {
      const work = rows.flatMap((r) => {
        const change = touched.get(`${kind}|${r.id}`);
        return change ? [{ ...r, change }] : [];
      });
      if (work.length === 0) return;
      const before = new Map(
        (await table.findMany({ where: { id: { in: work.map((w) => w.id) } } })).map((r) => [r.id, r]),
      );
      const added = work.filter((w) => !before.has(w.id));
      for (const part of inParts(added))
        await table.createMany({ data: part.map((w) => ({ id: w.id, ...w.columns })) });
      for (const w of work.filter((x) => before.has(x.id)))
        await table.update({ where: { id: w.id }, data: w.columns });
      for (const w of work)
        events.push({
          actor,
          source,
          organisationId: null,
          entityType,
          entityId: w.id,
          action: before.has(w.id) ? 'UPDATE' : 'CREATE',
          before: (before.get(w.id) as Record<string, unknown> | undefined) ?? null,
          after: w.columns,
        });
    };
    await write(
      'referentiecomponent',
      'ReferenceComponent',
      data.components.map((c) => ({ id: c.id, columns: componentColumns(c) })),
      tx.referenceComponent as never,
    );
    await write(
      'standaard',
      'Standard',
      data.standards.map((s) => ({ id: s.id, columns: standardColumns(s) })),
      tx.standard as never,
    );
    await write(
      'voorziening',
      'ExternalService',
      data.services.map((s) => ({ id: s.id, columns: serviceColumns(s) })),
      tx.externalService as never,
    );
    for (const part of inParts(events)) await recordAudits(tx, part);
    // Links and flows mirror GEMMA exactly: replaced whole when they differ.
    if (plan.links.added + plan.links.removed > 0) {
      await tx.referenceComponentStandard.deleteMany({});
      for (const part of inParts(data.links))
        await tx.referenceComponentStandard.createMany({
          data: part.map((l) => ({
            referenceComponentId: l.referentiecomponent_id,
            standardId: l.standaard_id,
            role: standardRole(l.rol),
          })),
        });
    }
    if (plan.flows.added + plan.flows.removed > 0) {
      await tx.referenceComponentFlow.deleteMany({});
      for (const part of inParts(data.flows))
        await tx.referenceComponentFlow.createMany({
          data: part.map((f) => ({ sourceId: f.bron_id, targetId: f.doel_id, name: f.naam })),
        });
    }
    if (plan.viewsReplaced && data.views) await replaceGemmaViews(tx, data.views);
    return {
      result: undefined,
      summary: {
        kind: 'gemma',
        added: plan.changes.filter((c) => c.action === 'ADD').length,
        changed: plan.changes.filter((c) => c.action === 'CHANGE').length,
        links: plan.links,
        flows: plan.flows,
        views: plan.viewsReplaced ? data.views?.views.length : 'ongewijzigd',
      },
    };
  });
}
