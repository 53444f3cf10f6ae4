// Per-request batch loaders for figures Prisma would compute over whole tables: a relation's `_count` becomes a
// grouped count over every row of the related table, while these count only the parents asked for, through an index.
import DataLoader from 'dataloader';
import type { Architecture, LandscapeCounts, LayerName, Status } from '#core/analysis.ts';
import type { Context } from '#core/context.ts';
import { LIVE_STATUSES } from '#core/statistics.ts';
import { join, sql } from '#prisma/client.ts';

/** Which usages to count: those of an organisation or of a product, optionally only some statuses. */
export interface UsageCountKey {
  by: 'organisationId' | 'productId';
  id: string;
  status?: readonly Status[] | null | undefined;
}

interface Loaders {
  usageCount: DataLoader<UsageCountKey, number, string>;
  /** Per reference component id, how many usages realise it: one grouped count a batch. */
  componentUsageCount: DataLoader<string, number>;
  /** Per product id, how many distinct organisations use it (a usage not retired): one grouped statement a batch. */
  productOrganisationCount: DataLoader<string, number>;
  /** Per organisation id, the parts of its landscape in counts (see landscapeCounts below): one grouped statement a batch. */
  usageCounts: DataLoader<string, LandscapeCounts['usages']>;
  layerCounts: DataLoader<string, LandscapeCounts['layers']>;
  interfaceCounts: DataLoader<string, LandscapeCounts['interfaces']>;
}

const perRequest = new WeakMap<Context, Loaders>();

/**
 * The request's loaders, made on first use. They batch but do not remember: a page that changes data and reads it
 * again in one request context must see the change.
 */
export function loaders(ctx: Context): Loaders {
  let found = perRequest.get(ctx);
  if (!found) {
    found = {
      usageCount: new DataLoader((keys) => countUsages(ctx, keys), { cache: false }),
      componentUsageCount: new DataLoader((ids) => countComponentUsages(ctx, ids), { cache: false }),
      productOrganisationCount: new DataLoader((ids) => countProductOrganisations(ctx, ids), { cache: false }),
      usageCounts: new DataLoader((ids) => countStatements.usages(ctx, ids), { cache: false }),
      layerCounts: new DataLoader((ids) => countStatements.layers(ctx, ids), { cache: false }),
      interfaceCounts: new DataLoader((ids) => countStatements.interfaces(ctx, ids), { cache: false }),
    };
    perRequest.set(ctx, found);
  }
  return found;
}

const statusesOf = (key: Pick<UsageCountKey, 'status'>) => [...(key.status ?? [])].sort().join(',');
const usageCountKey = (key: UsageCountKey) => `${key.by}\u0000${key.id}\u0000${statusesOf(key)}`;

/** One grouped count per kind of key in the batch (usually one). */
async function countUsages(ctx: Context, keys: readonly UsageCountKey[]): Promise<number[]> {
  const groups = Map.groupBy(keys, (key) => `${key.by}\u0000${statusesOf(key)}`);
  const counts = new Map<string, number>();
  for (const group of groups.values()) {
    const { by, status } = group[0] as UsageCountKey;
    const rows = await ctx.db.prisma.usage.groupBy({
      by: [by],
      where: {
        [by]: { in: [...new Set(group.map((k) => k.id))] },
        ...(status?.length ? { status: { in: [...status] } } : {}),
      },
      _count: { _all: true },
    });
    for (const row of rows) counts.set(usageCountKey({ by, id: row[by] as string, status }), row._count._all);
  }
  return keys.map((key) => counts.get(usageCountKey(key)) ?? 0);
}

async function countComponentUsages(ctx: Context, ids: readonly string[]): Promise<number[]> {
  const rows = await ctx.db.prisma.usageReferenceComponent.groupBy({
    by: ['referenceComponentId'],
    where: { referenceComponentId: { in: [...new Set(ids)] } },
    _count: { _all: true },
  });
  const counts = new Map(rows.map((row) => [row.referenceComponentId, row._count._all]));
  return ids.map((id) => counts.get(id) ?? 0);
}

/** Resolves a related connection's totalCount by the loader (the connection carries its parent and arguments). */
/** Distinct organisations per product with a usage that is not retired: the catalogue's public figure of use. */
async function countProductOrganisations(ctx: Context, ids: readonly string[]): Promise<number[]> {
  const rows = await ctx.db.prisma.usage.groupBy({
    by: ['productId', 'organisationId'],
    where: { productId: { in: [...new Set(ids)] }, status: { in: [...LIVE_STATUSES] } },
  });
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.productId, (counts.get(row.productId) ?? 0) + 1);
  return ids.map((id) => counts.get(id) ?? 0);
}

export const usageTotalCount =
  (by: UsageCountKey['by']) =>
  (connection: { parent: { id: string }; args: object }, _args: unknown, ctx: Context): Promise<number> =>
    loaders(ctx).usageCount.load({
      by,
      id: connection.parent.id,
      status: (connection.args as Pick<UsageCountKey, 'status'>).status,
    });

// COUNT(*) is a bigint on PostgreSQL and a boolean column an integer on SQLite: both come back as numbers here.
const n = (value: unknown) => Number(value);

/** Rows of one grouped statement handed out per organisation id, in the order the loader asked. */
const perOrganisation = <R extends { organisationId: string }, T>(
  ids: readonly string[],
  rows: R[],
  shape: (row: R) => T,
): T[][] => {
  const byId = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) byId.get(row.organisationId)?.push(shape(row));
  return ids.map((id) => byId.get(id) ?? []);
};

// Landscapes in counts, grouped by the database: a page of organisations no longer reads each of their usages.
// `usages` also gives the home page's hub-wide counts their per-organisation shares (graphql/statistics-hub.ts).
export const countStatements = {
  usages: (ctx: Context, ids: readonly string[]) =>
    ctx.db.prisma
      .$queryRaw<{ organisationId: string; status: Status; architecture: Architecture; count: unknown }[]>(sql`
        SELECT u."organisationId", u."status", p."architecture", COUNT(*) AS "count"
        FROM "Usage" u JOIN "Product" p ON p."id" = u."productId"
        WHERE u."organisationId" IN (${join(ids)}) GROUP BY u."organisationId", u."status", p."architecture"`)
      .then((rows) =>
        perOrganisation(ids, rows, (r) => ({ status: r.status, architecture: r.architecture, count: n(r.count) })),
      ),
  layers: (ctx: Context, ids: readonly string[]) =>
    ctx.db.prisma
      .$queryRaw<{ organisationId: string; layer: LayerName; architecture: Architecture; count: unknown }[]>(sql`
        SELECT u."organisationId", l."layer", p."architecture", COUNT(*) AS "count"
        FROM "Usage" u JOIN "Product" p ON p."id" = u."productId" JOIN "ProductLayer" l ON l."productId" = p."id"
        WHERE u."organisationId" IN (${join(ids)}) AND u."status" = 'IN_PRODUCTION'
        GROUP BY u."organisationId", l."layer", p."architecture"`)
      .then((rows) =>
        perOrganisation(ids, rows, (r) => ({ layer: r.layer, architecture: r.architecture, count: n(r.count) })),
      ),
  interfaces: (ctx: Context, ids: readonly string[]) =>
    ctx.db.prisma
      .$queryRaw<{ organisationId: string; copiesData: unknown; count: unknown }[]>(sql`
        SELECT i."organisationId", i."copiesData", COUNT(*) AS "count" FROM "Interface" i
        WHERE i."organisationId" IN (${join(ids)}) AND i."status" <> 'WITHDRAWN' GROUP BY i."organisationId", i."copiesData"`)
      .then((rows) => perOrganisation(ids, rows, (r) => ({ copiesData: Boolean(n(r.copiesData)), count: n(r.count) }))),
};

/** An organisation's landscape in counts; the parts a field does not need are never queried. */
export async function landscapeCounts(
  ctx: Context,
  organisationId: string,
  parts: (keyof LandscapeCounts)[] = ['usages', 'layers', 'interfaces'],
) {
  const l = loaders(ctx);
  const [usages, layers, interfaces] = await Promise.all([
    parts.includes('usages') ? l.usageCounts.load(organisationId) : [],
    parts.includes('layers') ? l.layerCounts.load(organisationId) : [],
    parts.includes('interfaces') ? l.interfaceCounts.load(organisationId) : [],
  ]);
  return { usages, layers, interfaces } satisfies LandscapeCounts;
}
