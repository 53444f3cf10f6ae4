// GEMMA's published views (platen) in the shape of their CSV extracts (content/gemma/views/): checked, written and
// loaded the same way by the seed and the GEMMA import. A release that carries views replaces the stored ones whole,
// in the import's own transaction; one that carries none leaves them as they are.
import type { z } from 'zod';
import type { Database } from '#prisma/client.ts';
import { viewColumns, viewNodeColumns, viewNodeRow, viewRow } from '#prisma/seed/gemma-rows.ts';
import type { gemmaViewNodeSchema, gemmaViewSchema } from '#prisma/seed/schemas.ts';
import type { Tx } from '#prisma/transaction.ts';

export type GemmaViewRow = z.infer<typeof gemmaViewSchema>;
export type GemmaViewNodeRow = z.infer<typeof gemmaViewNodeSchema>;

export interface GemmaViews {
  views: GemmaViewRow[];
  nodes: GemmaViewNodeRow[];
}

export const VIEW_FILES = { views: 'views/views.csv', nodes: 'views/view-nodes.csv' } as const;

/**
 * What makes a set of views unusable: a code or node twice, a node on an unknown view, a parent that is not an
 * earlier node of the same view (the drawing order stacks parents first).
 */
export function viewProblems(data: GemmaViews): { file: string; row: number; message: string }[] {
  const problems: { file: string; row: number; message: string }[] = [];
  const codes = new Set<string>();
  const viewIds = new Set<string>();
  data.views.forEach((v, i) => {
    if (codes.has(v.code) || viewIds.has(v.view_id))
      problems.push({ file: VIEW_FILES.views, row: i + 1, message: `De plaat ${v.code} staat er twee keer in.` });
    codes.add(v.code);
    viewIds.add(v.view_id);
  });
  const seen = new Set<string>();
  data.nodes.forEach((n, i) => {
    const row = i + 1;
    const key = `${n.view_id}|${n.node_id}`;
    if (!viewIds.has(n.view_id))
      problems.push({ file: VIEW_FILES.nodes, row, message: `Onbekende plaat ${n.view_id}.` });
    if (seen.has(key))
      problems.push({ file: VIEW_FILES.nodes, row, message: `Het knooppunt ${n.node_id} staat er twee keer in.` });
    if (n.ouder_node_id && !seen.has(`${n.view_id}|${n.ouder_node_id}`))
      problems.push({
        file: VIEW_FILES.nodes,
        row,
        message: `Het knooppunt ${n.node_id} ligt in ${n.ouder_node_id}, dat niet eerder op dezelfde plaat staat.`,
      });
    seen.add(key);
  });
  return problems;
}

const inParts = <T>(rows: T[], size = 400): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/** Replaces every stored view by these, in the caller's transaction. */
export async function replaceGemmaViews(tx: Tx, data: GemmaViews): Promise<void> {
  await tx.gemmaViewNode.deleteMany({});
  await tx.gemmaView.deleteMany({});
  await tx.gemmaView.createMany({ data: data.views.map(viewColumns) });
  const position = new Map<string, number>();
  const rows = data.nodes.map((n) => {
    const next = position.get(n.view_id) ?? 0;
    position.set(n.view_id, next + 1);
    return viewNodeColumns(n, next);
  });
  for (const part of inParts(rows)) await tx.gemmaViewNode.createMany({ data: part });
}

/** The stored views in the extracts' shape, views by code and nodes in file order, to compare with a release. */
export async function loadGemmaViews(db: Database | { prisma: Tx }): Promise<GemmaViews> {
  const p = db.prisma;
  const [views, nodes] = await Promise.all([
    p.gemmaView.findMany({ orderBy: { code: 'asc' } }),
    p.gemmaViewNode.findMany({ orderBy: [{ viewId: 'asc' }, { position: 'asc' }] }),
  ]);
  const order = new Map(views.map((v, i) => [v.id, i]));
  return {
    views: views.map(viewRow),
    nodes: nodes
      .sort((a, b) => (order.get(a.viewId) ?? 0) - (order.get(b.viewId) ?? 0) || a.position - b.position)
      .map(viewNodeRow),
  };
}

/** Whether a release's views differ from the stored ones (views compared by code, nodes per view in file order). */
export function viewsDiffer(stored: GemmaViews, incoming: GemmaViews): boolean {
  const key = (d: GemmaViews) => {
    const order = new Map([...d.views].sort((a, b) => a.code.localeCompare(b.code)).map((v, i) => [v.view_id, i]));
    const nodes = [...d.nodes]
      .map((n, i) => ({ n, i }))
      .sort((a, b) => (order.get(a.n.view_id) ?? 0) - (order.get(b.n.view_id) ?? 0) || a.i - b.i)
      .map(({ n }) => viewNodeColumns(n, 0));
    return JSON.stringify([[...d.views].sort((a, b) => a.code.localeCompare(b.code)).map(viewColumns), nodes]);
  };
  return key(stored) !== key(incoming);
}
