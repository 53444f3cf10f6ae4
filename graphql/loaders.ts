// Per-request batch loaders for figures Prisma would compute over whole tables: a relation's `_count` becomes a
// grouped count over every row of the related table, while these count only the parents asked for, through an index.
import DataLoader from 'dataloader';
import type { Context } from './context.ts';

type UsageStatusName = 'ACQUIRING' | 'PLANNED' | 'IN_PRODUCTION' | 'PHASING_OUT' | 'RETIRED';

/** Which usages to count: those of an organisation or of a product, optionally only some statuses. */
export interface UsageCountKey {
  by: 'organisationId' | 'productId';
  id: string;
  status?: readonly UsageStatusName[] | null | undefined;
}

interface Loaders {
  usageCount: DataLoader<UsageCountKey, number, string>;
}

const perRequest = new WeakMap<Context, Loaders>();

/** The request's loaders, made on first use; they live as long as the request context. */
export function loaders(ctx: Context): Loaders {
  let found = perRequest.get(ctx);
  if (!found) {
    found = { usageCount: new DataLoader((keys) => countUsages(ctx, keys), { cacheKeyFn: usageCountKey }) };
    perRequest.set(ctx, found);
  }
  return found;
}

const usageCountKey = (key: UsageCountKey) => `${key.by}\u0000${key.id}\u0000${[...(key.status ?? [])].sort().join(',')}`;

/** One grouped count per kind of key in the batch (usually one). */
async function countUsages(ctx: Context, keys: readonly UsageCountKey[]): Promise<number[]> {
  const groups = new Map<string, UsageCountKey[]>();
  for (const key of keys) {
    const group = `${key.by}\u0000${[...(key.status ?? [])].sort().join(',')}`;
    groups.set(group, [...(groups.get(group) ?? []), key]);
  }
  const counts = new Map<string, number>();
  for (const group of groups.values()) {
    const { by, status } = group[0] as UsageCountKey;
    const rows = await ctx.db.prisma.usage.groupBy({
      by: [by],
      where: { [by]: { in: [...new Set(group.map((k) => k.id))] }, ...(status?.length ? { status: { in: [...status] } } : {}) },
      _count: { _all: true },
    });
    for (const row of rows) counts.set(usageCountKey({ by, id: row[by] as string, status }), row._count._all);
  }
  return keys.map((key) => counts.get(usageCountKey(key)) ?? 0);
}

/** Resolves a related connection's totalCount by the loader (the connection carries its parent and arguments). */
export const usageTotalCount =
  (by: UsageCountKey['by']) =>
  (connection: { parent: { id: string }; args: object }, _args: unknown, ctx: Context): Promise<number> =>
    loaders(ctx).usageCount.load({ by, id: connection.parent.id, status: (connection.args as { status?: UsageCountKey['status'] }).status });
