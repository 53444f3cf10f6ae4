// Statistics over the hub or one organisation (core/statistics.ts): the products most used per reference component,
// Common Ground adoption per quarter end as it was, and legacy still running per layer. The hub's counts are public, as
// on the home page; every figure of one organisation is landscape data (reader). Each figure reads its rows in a fixed
// number of statements and is kept per data version and day, so repeated anonymous requests compute nothing.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import type { Architecture as ArchitectureName } from '#core/analysis.ts';
import { cachingEnabled } from '#core/config.ts';
import type { Context } from '#core/context.ts';
import { requestDataVersion } from '#core/data-version.ts';
import { todayIso, todayNl } from '#core/dates.ts';
import {
  type AdoptionPoint,
  type ArchitectureChange,
  adoptionDays,
  adoptionOverTime,
  type ClassCounts,
  changesByProduct,
  type LayerLegacy,
  LIVE_STATUSES,
  legacyPerLayer,
  productsPerComponent,
} from '#core/statistics.ts';
import { STATUS_DATES_SELECT } from '#core/usage-status.ts';
import { GLOBAL_SCOPE, SHARED_SCOPE } from '#prisma/data-version.ts';
import { builder, type Types } from '../builder.ts';
import { versionedCache } from '../cache.ts';
import { hubAdoption, hubComponentProducts } from '../statistics-hub.ts';
import { Layer } from './enums.ts';
import { Organisation } from './organisation.ts';

/** What the statistics are over: the whole hub, or one organisation's own usages. */
interface Scope {
  organisation: { id: string } | null;
}

interface ProductCount {
  slug: string;
  name: string;
  organisations: number;
}
interface ComponentProducts {
  gemmaId: string;
  name: string;
  organisations: number;
  productCount: number;
  products: ProductCount[];
}

const ProductCountRef = builder.objectRef<ProductCount>('StatisticsProduct').implement({
  description: 'A product with the number of organisations using it live for a reference component.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    organisations: t.exposeInt('organisations', { description: 'Organisations with a live usage of it there.' }),
  }),
});

const ComponentProductsRef = builder.objectRef<ComponentProducts>('StatisticsComponentProducts').implement({
  description: 'A GEMMA reference component with its most used products.',
  fields: (t) => ({
    gemmaId: t.exposeString('gemmaId', { description: 'GEMMA object id of the reference component.' }),
    name: t.exposeString('name'),
    organisations: t.exposeInt('organisations', {
      description: 'Organisations with a live usage realising it, whatever the product.',
    }),
    productCount: t.exposeInt('productCount', { description: 'Products realising it in a live usage.' }),
    products: t.field({ type: [ProductCountRef], resolve: (c) => c.products }),
  }),
});

const classCounts = <T extends ClassCounts>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, T>) => ({
  total: t.int({ description: 'Live usages: in production or being phased out.', resolve: (c) => c.total }),
  commonGround: t.int({ resolve: (c) => c.commonGround }),
  hybrid: t.int({ resolve: (c) => c.hybrid }),
  legacy: t.int({ resolve: (c) => c.legacy }),
});

const AdoptionPointRef = builder.objectRef<AdoptionPoint>('StatisticsAdoptionPoint').implement({
  description:
    'Live usages per architecture class on a day, as it was: statuses from the status dates, each product’s class from its changes in the audit trail.',
  fields: (t) => ({ day: t.expose('day', { type: 'Date' }), ...classCounts(t) }),
});

const LayerLegacyRef = builder.objectRef<LayerLegacy>('StatisticsLayerLegacy').implement({
  description: 'Live usages of products in a Common Ground layer, by architecture class.',
  fields: (t) => ({
    layer: t.field({ type: Layer, resolve: (l) => l.layer }),
    ...classCounts(t),
    legacyPhasingOut: t.exposeInt('legacyPhasingOut', { description: 'Of the legacy ones, those being phased out.' }),
  }),
});

/** Each product's class and its audited class changes: one entry per data version, shared by every scope. */
type ProductClasses = Map<
  string,
  { name: string; slug: string; architecture: ArchitectureName; changes: ArchitectureChange[] }
>;

/** Every kind of figure, with what it is kept as. */
interface Figures {
  components: ComponentProducts[];
  adoption: AdoptionPoint[];
  productClasses: ProductClasses;
  layers: LayerLegacy[];
}
type Kind = keyof Figures;

/**
 * All figures in one cache, keyed by kind first: an entry per data version, kind, day and organisation (or the hub).
 * Bounded by the size in characters of a figure's JSON; the product timeline (a map) by its products and changes.
 */
const figures = versionedCache<Figures[Kind]>(10_000_000, (figure) => {
  if (!(figure instanceof Map)) return JSON.stringify(figure).length;
  let changes = 0;
  for (const p of figure.values()) changes += p.changes.length;
  return 64 * figure.size + 96 * changes;
});

/** The most products per component a request may ask for: the figure is computed once for this many, then cut. */
const MAX_PRODUCTS = 10;

/** Computations under way, per database, by data version and key: requests arriving meanwhile wait for the same one. */
const underway = new WeakMap<Context['db'], Map<string, Promise<unknown>>>();

/** A figure of its kind from the cache, or computed once for all requests of this data version that ask for it meanwhile. */
function kept<K extends Kind>(
  ctx: Context,
  kind: K,
  key: string,
  compute: () => Promise<Figures[K]>,
  scopes: readonly string[] = [GLOBAL_SCOPE],
): Promise<Figures[K]> {
  const kindKey = `${kind}|${key}`;
  // The kind leads the key: an entry under it is always a figure of that kind.
  return figures.get(
    ctx,
    kindKey,
    async () => {
      if (!cachingEnabled()) return compute();
      const running = underway.get(ctx.db) ?? new Map<string, Promise<unknown>>();
      underway.set(ctx.db, running);
      const flight = `${await requestDataVersion(ctx)}|${kindKey}`;
      const started = (running.get(flight) as Promise<Figures[K]> | undefined) ?? compute();
      if (!running.has(flight)) {
        running.set(flight, started);
        started.then(
          () => running.delete(flight),
          () => running.delete(flight),
        );
      }
      return started;
    },
    scopes,
  ) as Promise<Figures[K]>;
}

const keyOf = (scope: Scope, ...rest: (string | number)[]) => [scope.organisation?.id ?? '*', ...rest].join('|');
const own = (scope: Scope) => (scope.organisation ? { organisationId: scope.organisation.id } : {});
const live = { status: { in: [...LIVE_STATUSES] } };

/** Per reference component its live products (one statement), the most used MAX_PRODUCTS kept, then cut to `first`. */
async function componentProducts(ctx: Context, scope: Scope, first: number) {
  const all = await kept(ctx, 'components', keyOf(scope), async () => {
    // The hub's from every organisation's kept share; with the caches off in one pass, as one organisation's.
    if (!scope.organisation && cachingEnabled())
      return hubComponentProducts(ctx, MAX_PRODUCTS, () => productClassTimeline(ctx));
    const rows = await ctx.db.prisma.usageReferenceComponent.findMany({
      where: { usage: { ...live, ...own(scope) } },
      select: {
        referenceComponent: { select: { id: true, name: true } },
        usage: { select: { organisationId: true, product: { select: { id: true, name: true, slug: true } } } },
      },
    });
    const names = new Map(rows.map((r) => [r.referenceComponent.id, r.referenceComponent.name]));
    const products = new Map(rows.map((r) => [r.usage.product.id, r.usage.product]));
    const counted = productsPerComponent(
      rows.map((r) => ({
        referenceComponent: r.referenceComponent,
        product: r.usage.product,
        organisationId: r.usage.organisationId,
      })),
      MAX_PRODUCTS,
    );
    return counted.map((c) => ({
      gemmaId: c.referenceComponentId,
      name: names.get(c.referenceComponentId) ?? '',
      organisations: c.organisations,
      productCount: c.productCount,
      products: c.products.map((p) => {
        const product = products.get(p.productId);
        return { slug: product?.slug ?? '', name: product?.name ?? '', organisations: p.organisations };
      }),
    }));
  });
  return first >= MAX_PRODUCTS ? all : all.map((c) => ({ ...c, products: c.products.slice(0, first) }));
}

/** The product changes of the audit trail that changed an architecture class, as core/statistics.ts reads them. */
export function architectureChanges(
  events: readonly { entityId: string; createdAt: Date; changes: string }[],
  productIdOf: (globalId: string) => string | null,
): ArchitectureChange[] {
  return events.flatMap((e) => {
    const change = (JSON.parse(e.changes) as Record<string, { before?: unknown; after?: unknown }>).architecture;
    const productId = productIdOf(e.entityId);
    const isClass = (v: unknown): v is ArchitectureName => v === 'LEGACY' || v === 'HYBRID' || v === 'COMMON_GROUND';
    if (!productId || !change || !isClass(change.before) || !isClass(change.after)) return [];
    return [{ productId, at: e.createdAt, before: change.before, after: change.after }];
  });
}

/**
 * Products with their class and the changes of it in the audit trail (two statements), once per data version for
 * every scope: the architecture changes are found by a text search through the product updates, not cheap to repeat.
 */
function productClassTimeline(ctx: Context): Promise<ProductClasses> {
  return kept(
    ctx,
    'productClasses',
    '*',
    async () => {
      const p = ctx.db.prisma;
      const [products, events] = await Promise.all([
        p.product.findMany({ select: { id: true, name: true, slug: true, architecture: true } }),
        p.auditEvent.findMany({
          where: { entityType: 'Product', action: 'UPDATE', changes: { contains: '"architecture":' } },
          select: { entityId: true, createdAt: true, changes: true },
        }),
      ]);
      const changes = changesByProduct(architectureChanges(events, productIdOfGlobal));
      return new Map(products.map(({ id, ...x }) => [id, { ...x, changes: changes.get(id) ?? [] }]));
    },
    [SHARED_SCOPE],
  );
}

/** The scope's usages (every status, one statement) with the shared product timeline, counted on 13 days. */
function adoptionPoints(ctx: Context, scope: Scope) {
  return kept(ctx, 'adoption', keyOf(scope, todayIso()), async () => {
    if (!scope.organisation && cachingEnabled()) return hubAdoption(ctx, () => productClassTimeline(ctx));
    const [usages, byId] = await Promise.all([
      ctx.db.prisma.usage.findMany({
        where: own(scope),
        select: { productId: true, status: true, createdAt: true, ...STATUS_DATES_SELECT },
      }),
      productClassTimeline(ctx),
    ]);
    const today = todayNl();
    return adoptionOverTime(usages, byId, adoptionDays(today), today);
  });
}

/** A product's id from its global id ("Product:<id>" in base64), or null for another type. */
function productIdOfGlobal(globalId: string): string | null {
  try {
    const { typename, id } = decodeGlobalID(globalId);
    return typename === 'Product' ? id : null;
  } catch {
    return null;
  }
}

const StatisticsRef = builder.objectRef<Scope>('Statistics').implement({
  description:
    'Statistics over the hub or one organisation’s own usages. The hub’s are public; one organisation’s need the reader scope.',
  fields: (t) => ({
    organisation: t.field({
      type: Organisation,
      nullable: true,
      description: 'The organisation the figures are about; null for the whole hub.',
      resolve: (s) => s.organisation as never,
    }),
    productsPerComponent: t.field({
      type: [ComponentProductsRef],
      description:
        'Reference components by organisations with a live usage realising them, each with its most used products. For one organisation this is its landscape: reader scope.',
      authScopes: (s) => (s.organisation ? { reader: true } : true),
      args: {
        first: t.arg.int({
          defaultValue: 3,
          description: `Products per component (1-${MAX_PRODUCTS}).`,
          validate: z.number().int().min(1).max(MAX_PRODUCTS),
        }),
      },
      resolve: (s, args, ctx) => componentProducts(ctx, s, args.first ?? 3),
    }),
    adoptionOverTime: t.field({
      type: [AdoptionPointRef],
      description:
        'Live usages per architecture class at the end of each of the twelve quarters before today’s, and today, as it was.',
      resolve: (s, _args, ctx) => adoptionPoints(ctx, s),
    }),
    legacyPerLayer: t.field({
      type: [LayerLegacyRef],
      description: 'Live usages per Common Ground layer by architecture class: the legacy still running.',
      resolve: (s, _args, ctx) =>
        kept(ctx, 'layers', keyOf(s), async () =>
          legacyPerLayer(
            (
              await ctx.db.prisma.usage.findMany({
                where: { ...live, ...own(s) },
                select: {
                  status: true,
                  product: { select: { architecture: true, layers: { select: { layer: true } } } },
                },
              })
            ).map((u) => ({
              status: u.status,
              product: { architecture: u.product.architecture, layers: u.product.layers.map((l) => l.layer) },
            })),
          ),
        ),
    }),
  }),
});

builder.queryFields((t) => ({
  statistics: t.field({
    type: StatisticsRef,
    nullable: true,
    description:
      'Statistics over the whole hub (public), or over one organisation by slug: its figures over time are its status history, landscape data that needs the reader scope. Null for an unknown organisation.',
    args: { organisation: t.arg.string({ required: false, validate: z.string().min(1).max(100) }) },
    authScopes: (_root, args) => (args.organisation ? { reader: true } : true),
    resolve: async (_root, args, ctx) => {
      if (!args.organisation) return { organisation: null };
      const organisation = await ctx.db.prisma.organisation.findUnique({ where: { slug: args.organisation } });
      return organisation ? { organisation } : null;
    },
  }),
}));
