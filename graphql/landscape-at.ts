// The landscape at a date for the API's `at` arguments: per request, each organisation's usages and migrations are read
// once, in two statements per batch of organisations, and the products' classes once per batch of products.
import DataLoader from 'dataloader';
import { defaultFieldResolver, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { type Architecture, countLandscape, type LandscapeCounts, type LayerName } from '#core/analysis.ts';
import type { Context } from '#core/context.ts';
import { todayNl } from '#core/dates.ts';
import { type LandscapeInputs, loadLandscapeInputs, statusesOn } from '#core/landscape-load.ts';
import type { UsageStatus } from '#core/usage-status.ts';
import { landscapeCounts } from './loaders.ts';

type ProductClass = { architecture: Architecture; layers: LayerName[] };

interface AtLoaders {
  inputs: DataLoader<string, LandscapeInputs>;
  products: DataLoader<string, ProductClass>;
}

const perRequest = new WeakMap<Context, AtLoaders>();

function atLoaders(ctx: Context): AtLoaders {
  let found = perRequest.get(ctx);
  if (!found) {
    found = {
      inputs: new DataLoader((ids) => loadLandscapeInputs(ctx.db, ids)),
      products: new DataLoader(async (ids) => {
        const rows = await ctx.db.prisma.product.findMany({
          where: { id: { in: [...ids] } },
          select: { id: true, architecture: true, layers: { select: { layer: true } } },
        });
        const byId = new Map(
          rows.map((p) => [p.id, { architecture: p.architecture, layers: p.layers.map((l) => l.layer) }]),
        );
        return ids.map((id) => byId.get(id) ?? new Error(`Pakket ${id} bestaat niet`));
      }),
    };
    perRequest.set(ctx, found);
  }
  return found;
}

/** The organisation's usages and migrations as the landscape at a date reads them, once per request. */
export const landscapeInputs = (ctx: Context, organisationId: string) => atLoaders(ctx).inputs.load(organisationId);

/** The organisation's usages on `day`, by id, with their status then; those not in the landscape that day are absent. */
export async function statusesAt(ctx: Context, organisationId: string, day: Date): Promise<Map<string, UsageStatus>> {
  return statusesOn(await atLoaders(ctx).inputs.load(organisationId), day, todayNl());
}

/**
 * The organisation's landscape in counts on `day`. Koppelingen have no dates: they count as they are now.
 */
export async function landscapeCountsAt(
  ctx: Context,
  organisationId: string,
  day: Date,
  parts: (keyof LandscapeCounts)[] = ['usages', 'layers', 'interfaces'],
): Promise<LandscapeCounts> {
  const l = atLoaders(ctx);
  const inputs = await l.inputs.load(organisationId);
  const statuses = statusesOn(inputs, day, todayNl());
  const live = inputs.usages.filter((u) => statuses.has(u.id));
  const productIds = [...new Set(live.map((u) => u.productId))];
  const products = await l.products.loadMany(productIds);
  const productById = new Map(productIds.flatMap((id, i) => (products[i] instanceof Error ? [] : [[id, products[i]]])));
  const counted = live.flatMap((u) => {
    const product = productById.get(u.productId);
    return product ? [{ status: statuses.get(u.id) as UsageStatus, product }] : [];
  });
  const { interfaces } = parts.includes('interfaces')
    ? await landscapeCounts(ctx, organisationId, ['interfaces'])
    : { interfaces: [] };
  return { ...countLandscape(counted, []), interfaces };
}

/** What the `at` argument of the landscape fields means; without it, the landscape as it is now. */
export const AT_DESCRIPTION =
  'The landscape on this day: as it was (status dates, else registration) or, from today, as it will be if the plan holds (migrations’ go-live and parallel run). Usages not in the landscape that day are left out.';

/**
 * The auth scopes of a field whose `at` reveals landscape data: the past (status history) and the future
 * (migrations, plans) need the reader scope; the field without `at` is as public as it was.
 */
export const readerWhenAt = (_parent: unknown, args: { at?: Date | null }) =>
  args.at ? { reader: true as const } : true;

type UsagesConnection = { edges: ({ node: { id: string; status: UsageStatus } } | null)[] } | null;

/**
 * Organisation.usages with `at`: each node takes its status on that day, and `status` filters those. Wrapped around
 * the planned connection, so its rows are still read with the organisation, in the same statements as without `at`.
 */
export function resolveUsagesAt(schema: GraphQLSchema): void {
  const field = (schema.getType('Organisation') as GraphQLObjectType).getFields().usages;
  if (!field) throw new Error('Organisation.usages is missing');
  const inner = field.resolve ?? defaultFieldResolver;
  field.resolve = async (parent: { id: string }, args, ctx: Context, info) => {
    const connection = (await inner(parent, args, ctx, info)) as UsagesConnection;
    if (!args.at || !connection) return connection;
    const statuses = await statusesAt(ctx, parent.id, args.at);
    const wanted = args.status as UsageStatus[] | null | undefined;
    // Copies: the same rows may serve the field without `at` in the same document.
    const edges = connection.edges.flatMap((edge) => {
      if (!edge) return [];
      const status = statuses.get(edge.node.id) ?? edge.node.status;
      return !wanted?.length || wanted.includes(status) ? [{ ...edge, node: { ...edge.node, status } }] : [];
    });
    return { ...connection, edges };
  };
}

/** The usages of several organisations on `day`, by id, with their status then. */
export async function statusesOfAll(ctx: Context, organisationIds: string[], day: Date) {
  const each = await Promise.all(organisationIds.map((id) => statusesAt(ctx, id, day)));
  return new Map(each.flatMap((m) => [...m]));
}
