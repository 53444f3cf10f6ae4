// The hub's statistics from every organisation's share (graphql/statistics-partials.ts): the live pairs of reference
// component and product per organisation, and each organisation's adoption points, summed. The figures themselves are
// core/statistics.ts's, over the same rows as one pass over every usage would give them.
import type { Context } from '#core/context.ts';
import { todayIso, todayNl } from '#core/dates.ts';
import { type AdoptionPoint, adoptionDays, adoptionOverTime, ComponentTally, LIVE_STATUSES } from '#core/statistics.ts';
import { STATUS_DATES_SELECT } from '#core/usage-status.ts';
import { type Database, join, raw, sql } from '#prisma/client.ts';
import { SHARED_SCOPE } from '#prisma/data-version.ts';
import { versionedCache } from './cache.ts';
import { countStatements } from './loaders.ts';
import { shares } from './statistics-partials.ts';

/** Each product's class and its audited changes of it, as adoptionOverTime reads them. */
type Classes = Parameters<typeof adoptionOverTime>[1];
/** The products with their names (the statistics' product timeline, read once for every figure). */
type Products = ReadonlyMap<string, { name: string; slug: string }>;

const PAIR = '\u0000';
const componentShares = shares<string[]>(16_000_000, (pairs) => 16 + pairs.reduce((n, p) => n + p.length, 0));
const adoptionShares = shares<AdoptionPoint[]>(4_000_000, (points) => 16 + 48 * points.length);
const summaryShares = shares<HubCounts>(400_000, () => 48);

/** An organisation's usages, and the live ones among them (in production or phasing out) in all and on Common Ground. */
export interface HubCounts {
  usages: number;
  live: number;
  commonGround: number;
}

const componentNames = versionedCache<[string, string][]>(400_000);

/** Names of the reference components, kept against the shared part. */
function componentsOf(ctx: Context): Promise<[string, string][]> {
  return componentNames.get(
    ctx,
    'components',
    async () =>
      (await ctx.db.prisma.referenceComponent.findMany({ select: { id: true, name: true } })).map((c) => [
        c.id,
        c.name,
      ]),
    [SHARED_SCOPE],
  );
}

const live = raw(LIVE_STATUSES.map((s) => `'${s}'`).join(', '));

/** Every organisation's live pairs of reference component and product, one per organisation, component and product. */
function hubComponentShares(ctx: Context) {
  return componentShares(
    ctx,
    'components',
    async (ids) => {
      const rows = await ctx.db.prisma.$queryRaw<{ o: string; c: string; p: string }[]>(sql`
        SELECT DISTINCT u."organisationId" AS o, urc."referenceComponentId" AS c, u."productId" AS p
        FROM "UsageReferenceComponent" urc JOIN "Usage" u ON u."id" = urc."usageId"
        WHERE u."status" IN (${live}) AND u."organisationId" IN (${join(ids)})`);
      const byOrganisation = new Map<string, string[]>();
      for (const r of rows) {
        const pairs = byOrganisation.get(r.o);
        if (pairs) pairs.push(r.c + PAIR + r.p);
        else byOrganisation.set(r.o, [r.c + PAIR + r.p]);
      }
      return byOrganisation;
    },
    [],
  );
}

const pairsOf = (share: readonly string[]) =>
  share.map((pair) => {
    const [c = '', p = ''] = pair.split(PAIR);
    return [c, p] as const;
  });

/**
 * The hub's tally (core/statistics.ts ComponentTally) per database, with the share each organisation is counted with:
 * a share computed again after an edit is a new array, so only the organisations whose share is not the counted one
 * are counted out and in again. Brought to a request's shares and ranked without an await in between, so concurrent
 * requests each rank the tally of their own shares.
 */
const tallies = new WeakMap<Database, { tally: ComponentTally; counted: Map<string, readonly string[]> }>();

function tallyOf(db: Database, shares: readonly { organisationId: string; share: readonly string[] }[]) {
  let held = tallies.get(db);
  if (!held) {
    held = { tally: new ComponentTally(), counted: new Map() };
    tallies.set(db, held);
  }
  const { tally, counted } = held;
  const present = new Set<string>();
  for (const { organisationId, share } of shares) {
    present.add(organisationId);
    const before = counted.get(organisationId);
    if (before === share) continue;
    if (before) tally.remove(pairsOf(before));
    tally.add(pairsOf(share));
    counted.set(organisationId, share);
  }
  for (const [organisationId, share] of counted)
    if (!present.has(organisationId)) {
      tally.remove(pairsOf(share));
      counted.delete(organisationId);
    }
  return tally;
}

/**
 * The home page's counts over the hub: every organisation's own counts (one grouped statement for those whose share is
 * not kept), summed. After an edit only the edited organisation is counted again, not 114,000 usages.
 */
export async function hubCounts(ctx: Context): Promise<HubCounts & { organisations: number }> {
  const perOrganisation = await summaryShares(
    ctx,
    'summary',
    async (ids) => {
      // The grouped statement the landscape counts use: per organisation, counts by status and architecture.
      const counted = await countStatements.usages(ctx, ids);
      return new Map(
        ids.map((id, i) => {
          const counts = { usages: 0, live: 0, commonGround: 0 };
          for (const { status, architecture, count } of counted[i] ?? []) {
            counts.usages += count;
            if (!LIVE_STATUSES.includes(status)) continue;
            counts.live += count;
            if (architecture === 'COMMON_GROUND') counts.commonGround += count;
          }
          return [id, counts];
        }),
      );
    },
    { usages: 0, live: 0, commonGround: 0 },
  );
  const sum = { organisations: perOrganisation.length, usages: 0, live: 0, commonGround: 0 };
  for (const { share } of perOrganisation) {
    sum.usages += share.usages;
    sum.live += share.live;
    sum.commonGround += share.commonGround;
  }
  return sum;
}

/** The hub's adoption points: every organisation's, computed from its own usages, summed per day. */
export async function hubAdoption(ctx: Context, classes: () => Promise<Classes>): Promise<AdoptionPoint[]> {
  const today = todayNl();
  const days = adoptionDays(today);
  const none = adoptionOverTime([], new Map(), days, today);
  const perOrganisation = await adoptionShares(
    ctx,
    `adoption|${todayIso()}`,
    async (ids) => {
      const [usages, byId] = await Promise.all([
        ctx.db.prisma.usage.findMany({
          where: { organisationId: { in: ids } },
          select: { organisationId: true, productId: true, status: true, createdAt: true, ...STATUS_DATES_SELECT },
        }),
        classes(),
      ]);
      const byOrganisation = new Map<string, typeof usages>();
      for (const u of usages) {
        const list = byOrganisation.get(u.organisationId);
        if (list) list.push(u);
        else byOrganisation.set(u.organisationId, [u]);
      }
      return new Map([...byOrganisation].map(([id, list]) => [id, adoptionOverTime(list, byId, days, today)]));
    },
    none,
  );
  return none.map((point, i) => {
    const sum = { ...point };
    for (const { share } of perOrganisation) {
      const s = share[i];
      if (!s) continue;
      sum.total += s.total;
      sum.commonGround += s.commonGround;
      sum.hybrid += s.hybrid;
      sum.legacy += s.legacy;
    }
    return sum;
  });
}

/** Per reference component its products most used over the hub (core/statistics.ts ComponentTally), named. */
export async function hubComponentProducts(ctx: Context, limit: number, products: () => Promise<Products>) {
  const [perOrganisation, components, product] = await Promise.all([
    hubComponentShares(ctx),
    componentsOf(ctx),
    products(),
  ]);
  const component = new Map(components);
  // Every pair names a component and a product that exist (foreign keys); none is left out of the counts.
  return tallyOf(ctx.db, perOrganisation)
    .ranked(
      limit,
      (id) => component.get(id) ?? '',
      (id) => product.get(id)?.name ?? '',
    )
    .map((c) => ({
      gemmaId: c.referenceComponentId,
      name: component.get(c.referenceComponentId) ?? '',
      organisations: c.organisations,
      productCount: c.productCount,
      products: c.products.map((p) => ({
        slug: product.get(p.productId)?.slug ?? '',
        name: product.get(p.productId)?.name ?? '',
        organisations: p.organisations,
      })),
    }));
}
