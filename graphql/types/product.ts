import { z } from 'zod';
import { byLayer } from '#core/analysis.ts';
import { hasLikeWildcard, productWhere } from '#core/catalogue-filter.ts';
import type { Context } from '#core/context.ts';
import { splitAliases } from '#prisma/aliases.ts';
import { raw, sql } from '#prisma/client.ts';
import { builder } from '../builder.ts';
import { loaders, usageTotalCount } from '../loaders.ts';
import { Architecture, DeliveryModel, Jurisdiction, Layer } from './enums.ts';
import { ReferenceComponent } from './reference-component.ts';

builder.prismaObject('ProductVersion', {
  fields: (t) => ({
    name: t.exposeString('name'),
    releasedOn: t.expose('releasedOn', { type: 'Date', nullable: true }),
  }),
});

builder.prismaObject('ProductStandard', {
  description: 'A GEMMA standard a product implements, with the version if known.',
  fields: (t) => ({ standard: t.relation('standard'), version: t.exposeString('version', { nullable: true }) }),
});

export const Product = builder.prismaNode('Product', {
  id: { field: 'id' },
  // Select mode: a list of products reads only the columns its fields ask for (not every description).
  select: { id: true },
  description:
    'A software product (pakket), with versions: public catalogue data; who uses it (usages) needs a membership.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    supplier: t.relation('supplier'),
    description: t.exposeString('description', { nullable: true }),
    licence: t.exposeString('licence', { nullable: true, description: 'SPDX licence id when open source.' }),
    openSource: t.exposeBoolean('openSource'),
    repository: t.exposeString('repository', { nullable: true }),
    aliases: t.stringList({
      description: 'Other names of the product (of products merged into it); imports recognise them.',
      select: { aliases: true },
      resolve: (p) => splitAliases(p.aliases),
    }),
    deliveryModel: t.expose('deliveryModel', { type: DeliveryModel, nullable: true }),
    hostingJurisdiction: t.expose('hostingJurisdiction', { type: Jurisdiction, nullable: true }),
    architecture: t.expose('architecture', { type: Architecture }),
    layers: t.field({
      type: [Layer],
      select: { layers: { select: { layer: true } } },
      resolve: (p) => p.layers.map((l) => l.layer).sort(byLayer),
    }),
    versions: t.relation('versions', { query: { orderBy: { name: 'asc' } } }),
    referenceComponents: t.field({
      type: [ReferenceComponent],
      select: (_args, _ctx, nested) => ({ referenceComponents: { select: { referenceComponent: nested(true) } } }),
      resolve: (p) => p.referenceComponents.map((link) => link.referenceComponent),
    }),
    standards: t.relation('standards'),
    organisationCount: t.int({
      description:
        'How many organisations use the product live (a usage in production or being phased out); public, unlike who they are. Usages being acquired or planned are not counted: they would reveal tenders in progress.',
      resolve: (p, _args, ctx) => loaders(ctx).productOrganisationCount.load(p.id),
    }),
    usages: t.relatedConnection(
      'usages',
      {
        cursor: 'id',
        maxSize: 500,
        defaultSize: 50,
        query: { orderBy: { id: 'asc' } },
        description: 'Who uses the product: landscape data, for members only.',
        authScopes: { reader: true },
      },
      {
        fields: (c) => ({
          totalCount: c.int({
            description: 'All usages this connection pages through, with its filters.',
            resolve: usageTotalCount('productId'),
          }),
        }),
      },
    ),
    revision: t.exposeInt('revision'),
  }),
});

builder.prismaObjectFields(ReferenceComponent, (t) => ({
  products: t.field({
    type: [Product],
    description: 'Catalogue products that realise this component.',
    select: (_args, _ctx, nested) => ({ products: { select: { product: nested(true) } } }),
    resolve: (c) => c.products.map((link) => link.product),
  }),
}));

/**
 * For a search text with a LIKE wildcard: the ids of the products whose name, supplier's name or description holds it
 * literally, whatever the (ASCII) case, by position rather than by pattern; null for any other text.
 */
async function textMatches(ctx: Context, search: string | null | undefined): Promise<string[] | null> {
  const text = search?.trim();
  if (!text || !hasLikeWildcard(text)) return null;
  const at = raw(ctx.db.provider === 'postgres' ? 'strpos' : 'instr');
  const holds = (column: string) => sql`${at}(lower(${raw(column)}), lower(${text})) > 0`;
  const rows = await ctx.db.prisma.$queryRaw<{ id: string }[]>(sql`
    SELECT p."id" FROM "Product" p LEFT JOIN "Supplier" s ON s."id" = p."supplierId"
    WHERE ${holds('p."name"')} OR ${holds('s."name"')} OR ${holds('coalesce(p."description", \'\')')}`);
  return rows.map((r) => r.id);
}

builder.queryFields((t) => ({
  products: t.prismaConnection({
    type: 'Product',
    description: 'The public catalogue, searched and filtered, by name.',
    cursor: 'id',
    maxSize: 200,
    defaultSize: 50,
    totalCount: async (_parent, args, ctx) =>
      ctx.db.prisma.product.count({
        where: productWhere(args, ctx.db.provider, await textMatches(ctx, args.search)),
      }),
    args: {
      search: t.arg.string({ required: false, validate: z.string().max(200) }),
      name: t.arg.string({
        required: false,
        validate: z.string().max(200),
        description: 'Exactly this name (the usage form resolves a typed name with it).',
      }),
      architecture: t.arg({ type: Architecture, required: false }),
      layer: t.arg({ type: Layer, required: false }),
      openSource: t.arg.boolean({ required: false, description: 'true: open source only, false: closed only.' }),
      supplier: t.arg.string({ required: false, validate: z.string().max(100), description: "The supplier's slug." }),
      referenceComponent: t.arg.string({
        required: false,
        validate: z.string().max(100),
        description: 'GEMMA object id of a reference component the products realise.',
      }),
      standard: t.arg.string({
        required: false,
        validate: z.string().max(100),
        description: 'GEMMA object id of a standard the products support.',
      }),
      slugs: t.arg.stringList({
        required: false,
        validate: z.array(z.string().max(100)).max(10),
        description: 'Only these products (at most 10), as the comparison asks.',
      }),
    },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.prisma.product.findMany({
        ...query,
        where: productWhere(args, ctx.db.provider, await textMatches(ctx, args.search)),
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
  }),
  product: t.prismaField({
    type: 'Product',
    nullable: true,
    args: { slug: t.arg.string({ required: true, validate: z.string().min(1).max(100) }) },
    resolve: (query, _root, args, ctx) => ctx.db.prisma.product.findUnique({ ...query, where: { slug: args.slug } }),
  }),
}));
