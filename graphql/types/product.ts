import { z } from 'zod';
import { type Architecture as ArchitectureValue, byLayer } from '#core/analysis.ts';
import { splitAliases } from '#prisma/aliases.ts';
import { builder } from '../builder.ts';
import { usageTotalCount } from '../loaders.ts';
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
  description: 'A software product (pakket), with versions.',
  authScopes: { reader: true },
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
    usages: t.relatedConnection(
      'usages',
      { cursor: 'id', maxSize: 500, defaultSize: 50, query: { orderBy: { id: 'asc' } } },
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

builder.queryFields((t) => ({
  products: t.prismaConnection({
    type: 'Product',
    authScopes: { reader: true },
    cursor: 'id',
    maxSize: 200,
    defaultSize: 50,
    totalCount: (_parent, args, ctx) => ctx.db.prisma.product.count({ where: productFilter(args, ctx.db.provider) }),
    args: {
      search: t.arg.string({ required: false, validate: z.string().max(200) }),
      name: t.arg.string({
        required: false,
        validate: z.string().max(200),
        description: 'Exactly this name (the usage form resolves a typed name with it).',
      }),
      architecture: t.arg({ type: Architecture, required: false }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.product.findMany({
        ...query,
        where: productFilter(args, ctx.db.provider),
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
  }),
  product: t.prismaField({
    type: 'Product',
    authScopes: { reader: true },
    nullable: true,
    args: { slug: t.arg.string({ required: true, validate: z.string().min(1).max(100) }) },
    resolve: (query, _root, args, ctx) => ctx.db.prisma.product.findUnique({ ...query, where: { slug: args.slug } }),
  }),
}));

function productFilter(
  args: {
    search?: string | null | undefined;
    name?: string | null | undefined;
    architecture?: ArchitectureValue | null | undefined;
  },
  provider: 'sqlite' | 'postgres',
) {
  const name = args.name?.trim();
  const search = args.search?.trim();
  // SQLite's LIKE ignores ASCII case by itself; PostgreSQL needs Prisma's insensitive mode.
  const contains = search
    ? provider === 'postgres'
      ? { contains: search, mode: 'insensitive' as const }
      : { contains: search }
    : undefined;
  return {
    ...(args.architecture ? { architecture: args.architecture } : {}),
    ...(name ? { name } : {}),
    ...(contains ? { OR: [{ name: contains }, { supplier: { name: contains } }, { description: contains }] } : {}),
  };
}
