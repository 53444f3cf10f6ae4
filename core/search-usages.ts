// The usages a search finds: those of the products and components it found, of the organisations the query names, ranked after them.
import { type Database, join, raw, sql } from '#prisma/client.ts';
import { compareNl } from './collation.ts';
import { type Found, rank, type SearchHit, STATUS_WEIGHT, TIER } from './search.ts';
import type { Built } from './search-index.ts';

/** The most products whose usages one search reads. */
export const USAGE_PRODUCTS = 25;
/** The most usages one search ranks (bare rows: ids, keys and status), at national scale too. */
const USAGE_LIMIT = 5_000;

interface UsageRow {
  id: string;
  key: string;
  status: string;
  productId: string;
  organisationId: string;
  /** A component found that the usage realises itself (read only where organisations are named). */
  realising?: string | null;
}

/**
 * The usages of the organisations (their own and those of cooperations for them) of the products or realising the
 * components, with a component each realises: one statement where the ORM takes three (the members' usages, the
 * usages, their components), since the organisation's usages are few and each is looked up by its key in the indexes.
 */
function usagesOfOrganisations(
  db: Database,
  organisationIds: string[],
  productIds: string[],
  componentIds: string[],
): Promise<UsageRow[]> {
  const components = componentIds.length ? join(componentIds) : null;
  const realises = (select: string) =>
    components
      ? sql`(SELECT ${raw(select)} FROM "UsageReferenceComponent" c WHERE c."usageId" = u."id" AND c."referenceComponentId" IN (${components}) ORDER BY c."referenceComponentId" LIMIT 1)`
      : null;
  const ways = [
    productIds.length ? sql`u."productId" IN (${join(productIds)})` : null,
    components ? sql`EXISTS ${realises('1')}` : null,
  ].filter((w) => w !== null);
  if (ways.length === 0) return Promise.resolve([]);
  return db.prisma.$queryRaw<UsageRow[]>(sql`
    SELECT u."id", u."key", u."status", u."productId", u."organisationId",
      ${realises('c."referenceComponentId"') ?? raw('NULL')} AS "realising"
    FROM "Usage" u
    WHERE u."status" <> 'RETIRED'
      AND (u."organisationId" IN (${join(organisationIds)})
        OR u."id" IN (SELECT m."usageId" FROM "UsageMember" m WHERE m."organisationId" IN (${join(organisationIds)})))
      AND (${join(ways, ' OR ')})
    ORDER BY u."organisationId", u."key"
    LIMIT ${USAGE_LIMIT}`);
}

export async function usagesOf(
  db: Database,
  built: Built,
  products: Found[],
  components: Found[],
  organisationIds: string[],
  bothNamed: boolean,
  first: number,
): Promise<SearchHit[]> {
  if (products.length === 0 && components.length === 0) return [];
  const slugOf = (id: string) => id.slice(id.indexOf(':') + 1);
  const organisationDbIds = organisationIds.map((id) => built.byId.get(id)?.dbId ?? '');
  const componentIds = components.map((c) => slugOf(c.doc.id));
  const productIds = products.map((p) => p.doc.dbId ?? '');
  // Bare rows, ranked here; names come from the index. With organisations named, their usages (few) and those of
  // cooperations for them, by product or realising a component found; without, the products' usages only (by the
  // product index), which include those of every product realising a component found.
  const rows: UsageRow[] = organisationDbIds.length
    ? await usagesOfOrganisations(db, organisationDbIds, productIds, componentIds)
    : await db.prisma.usage.findMany({
        where: { status: { not: 'RETIRED' }, productId: { in: productIds } },
        select: { id: true, key: true, status: true, productId: true, organisationId: true },
        orderBy: [{ organisationId: 'asc' }, { key: 'asc' }],
        take: USAGE_LIMIT,
      });
  const realising = new Map(rows.flatMap((r) => (r.realising ? [[r.id, r.realising] as const] : [])));

  const productFound = new Map(products.map((p) => [p.doc.dbId, p]));
  const componentFound = new Map(components.map((c) => [slugOf(c.doc.id), c]));
  const ranked = rows
    .flatMap((u) => {
      // Through its product, else through a component it realises itself.
      const viaProduct = productFound.get(u.productId);
      const component = realising.get(u.id);
      const source = viaProduct ?? (component ? componentFound.get(component) : undefined);
      const product = built.byDbId.get(u.productId);
      const organisation = built.byDbId.get(u.organisationId);
      if (!source || !product || !organisation) return [];
      const sourceTier = viaProduct && TIER[viaProduct.match] === TIER.RELATED ? viaProduct.via : TIER[source.match];
      const tier = sourceTier === TIER.FUZZY ? TIER.FUZZY : bothNamed ? TIER.BOTH : TIER.RELATED;
      const why = viaProduct
        ? viaProduct.match === 'RELATED'
          ? `${product.title}: ${viaProduct.reason.charAt(0).toLowerCase()}${viaProduct.reason.slice(1)}`
          : `Gebruik van ${product.title}.`
        : `Gebruik dat ${source.doc.title} realiseert.`;
      const hit: SearchHit = {
        id: `usage:${slugOf(organisation.id)}:${u.key}`,
        kind: 'USAGE',
        title: `${product.title} bij ${organisation.title}`,
        detail: '',
        path: `/organisaties/${slugOf(organisation.id)}/gebruik/${u.key}`,
        match: tier === TIER.FUZZY ? 'FUZZY' : 'RELATED',
        reason: bothNamed ? `${why} Organisatie en pakket of component genoemd.` : why,
        // The named organisation's own usage before a cooperation's usage for it.
        score: rank(
          tier,
          sourceTier,
          'USAGE',
          (STATUS_WEIGHT[u.status] ?? 0) * 2 + (organisationDbIds.includes(u.organisationId) ? 1 : 0),
          source.relevance,
        ),
      };
      return [{ hit, usageId: u.id }];
    })
    .sort((a, b) => b.hit.score - a.hit.score || compareNl(a.hit.title, b.hit.title))
    .slice(0, first);
  if (ranked.length === 0) return [];
  // The members a cooperation's usage is for, of the usages shown only.
  const membersOf = new Map<string, string[]>();
  for (const m of await db.prisma.usageMember.findMany({
    where: { usageId: { in: ranked.map((r) => r.usageId) } },
    select: { usageId: true, organisationId: true },
  }))
    membersOf.set(m.usageId, [...(membersOf.get(m.usageId) ?? []), built.byDbId.get(m.organisationId)?.title ?? '']);
  return ranked.map(({ hit, usageId }) => {
    const members = membersOf.get(usageId) ?? [];
    return { ...hit, detail: members.length ? `voor ${members.join(', ')}` : '' };
  });
}
