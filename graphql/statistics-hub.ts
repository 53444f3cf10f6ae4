// The hub's statistics from every organisation's share (graphql/statistics-partials.ts): the live pairs of reference
// component and product per organisation, and each organisation's adoption points, summed. The figures themselves are
// core/statistics.ts's, over the same rows as one pass over every usage would give them.
import type { Context } from '#core/context.ts';
import { todayIso, todayNl } from '#core/dates.ts';
import {
  type AdoptionPoint,
  adoptionDays,
  adoptionOverTime,
  type ComponentUse,
  LIVE_STATUSES,
  productsPerComponent,
} from '#core/statistics.ts';
import { STATUS_DATES_SELECT } from '#core/usage-status.ts';
import { join, raw, sql } from '#prisma/client.ts';
import { SHARED_SCOPE } from '#prisma/data-version.ts';
import { versionedCache } from './cache.ts';
import { shares } from './statistics-partials.ts';

/** Each product's class and its audited changes of it, as adoptionOverTime reads them. */
type Classes = Parameters<typeof adoptionOverTime>[1];
/** The products with their names (the statistics' product timeline, read once for every figure). */
type Products = ReadonlyMap<string, { name: string; slug: string }>;

const PAIR = '\u0000';
const componentShares = shares<string[]>(16_000_000, (pairs) => 16 + pairs.reduce((n, p) => n + p.length, 0));
const adoptionShares = shares<AdoptionPoint[]>(4_000_000, (points) => 16 + 48 * points.length);

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

/** Every organisation's live uses of a product for a reference component, one per organisation, component and product. */
async function hubComponentUses(ctx: Context, products: () => Promise<Products>): Promise<ComponentUse[]> {
  const [perOrganisation, components, named] = await Promise.all([
    componentShares(
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
    ),
    componentsOf(ctx),
    products(),
  ]);
  const component = new Map(components.map(([id, name]) => [id, { id, name }]));
  const product = new Map([...named].map(([id, p]) => [id, { id, name: p.name }]));
  const uses: ComponentUse[] = [];
  for (const { organisationId, share } of perOrganisation)
    for (const pair of share) {
      const [c = '', p = ''] = pair.split(PAIR);
      const referenceComponent = component.get(c);
      const used = product.get(p);
      if (referenceComponent && used) uses.push({ referenceComponent, product: used, organisationId });
    }
  return uses;
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

/** Per reference component its products most used over the hub (core/statistics.ts productsPerComponent), named. */
export async function hubComponentProducts(ctx: Context, limit: number, products: () => Promise<Products>) {
  const [uses, components, product] = await Promise.all([
    hubComponentUses(ctx, products),
    componentsOf(ctx),
    products(),
  ]);
  const component = new Map(components);
  return productsPerComponent(uses, limit).map((c) => ({
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
