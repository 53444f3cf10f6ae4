// Which parts of the data a change touches (prisma/data-version.ts scopes), read off its audit events: a change to an
// organisation's own landscape (its usages, koppelingen, migrations, capacity) touches that organisation and every
// organisation whose landscape shows what changed: the other ends of the koppelingen of a changed usage or koppeling, and
// the organisation that operates the usage. Anything else, or a change too large to follow, touches `shared`, on which
// every cached answer depends: it empties them all, as one hub-wide version did.
import { join, sql } from '#prisma/client.ts';
import { organisationScope, SHARED_SCOPE } from '#prisma/data-version.ts';
import type { Tx } from '#prisma/transaction.ts';
import { rawId } from './global-ids.ts';

/** Entity types whose changes belong to one organisation's landscape. */
const OWN_LANDSCAPE: ReadonlySet<string> = new Set(['Usage', 'Interface', 'Migration', 'Capacity']);
/**
 * Snapshot fields that name usages (koppeling ends, a migration's target and the usages it replaces: their operators carry
 * its beheer effort) or an organisation (the operator).
 */
const USAGE_FIELDS = ['fromUsageId', 'toUsageId', 'intermediaryId', 'usageId', 'targetUsageId', 'replaces'] as const;
const ORGANISATION_FIELDS = ['operatorId', 'organisationId'] as const;
/** Beyond this many usages, one change (an import) touches `shared` rather than being followed row by row. */
const MAX_FOLLOWED = 500;

export interface ChangeOf {
  entityType: string;
  entityId: string;
  organisationId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The scopes raised by one transaction's audit events. */
export async function changedScopes(tx: Tx, changes: readonly ChangeOf[]): Promise<string[]> {
  const organisations = new Set<string>();
  const usages = new Set<string>();
  for (const change of changes) {
    if (!change.organisationId || !OWN_LANDSCAPE.has(change.entityType)) return [SHARED_SCOPE];
    organisations.add(change.organisationId);
    if (change.entityType === 'Usage') usages.add(rawId(change.entityId));
    for (const snapshot of [change.before, change.after]) {
      if (!snapshot) continue;
      for (const field of USAGE_FIELDS)
        for (const id of [snapshot[field]].flat()) if (typeof id === 'string') usages.add(id);
      for (const field of ORGANISATION_FIELDS)
        if (typeof snapshot[field] === 'string') organisations.add(snapshot[field]);
    }
    if (change.entityType === 'Interface') usages.add(`interface:${rawId(change.entityId)}`);
  }
  if (usages.size > MAX_FOLLOWED) return [SHARED_SCOPE];
  const usageIds = [...usages].filter((u) => !u.startsWith('interface:'));
  const interfaceIds = [...usages].filter((u) => u.startsWith('interface:')).map((u) => u.slice(10));
  const ends = sql`SELECT i."organisationId" AS a, f."organisationId" AS b, t."organisationId" AS c, v."organisationId" AS d
    FROM "Interface" i JOIN "Usage" f ON f."id" = i."fromUsageId"
    LEFT JOIN "Usage" t ON t."id" = i."toUsageId" LEFT JOIN "Usage" v ON v."id" = i."intermediaryId"`;
  const parts = [];
  if (usageIds.length) {
    const ids = join(usageIds);
    parts.push(
      sql`SELECT "organisationId" AS a, "operatorId" AS b, NULL AS c, NULL AS d FROM "Usage" WHERE "id" IN (${ids})`,
      sql`${ends} WHERE i."fromUsageId" IN (${ids})`,
      sql`${ends} WHERE i."toUsageId" IN (${ids})`,
      // IS NOT NULL lets SQLite use the index: most koppelingen have no intermediary, and its statistics, which count
      // the empty ones as one value, made a scan of every koppeling look as cheap (15 ms at national scale a change).
      sql`${ends} WHERE i."intermediaryId" IN (${ids}) AND i."intermediaryId" IS NOT NULL`,
    );
  }
  if (interfaceIds.length) parts.push(sql`${ends} WHERE i."id" IN (${join(interfaceIds)})`);
  if (parts.length) {
    const rows = await tx.$queryRaw<{ a: string | null; b: string | null; c: string | null; d: string | null }[]>(
      join(parts, ' UNION '),
    );
    for (const row of rows) for (const id of [row.a, row.b, row.c, row.d]) if (id) organisations.add(id);
  }
  const slugs = await tx.organisation.findMany({ where: { id: { in: [...organisations] } }, select: { slug: true } });
  return slugs.map((o) => organisationScope(o.slug));
}
