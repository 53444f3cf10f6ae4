import { mayRead } from '#core/privacy.ts';
import { splitAliases } from '#prisma/aliases.ts';
import { builder } from '../builder.ts';

builder.prismaNode('Supplier', {
  id: { field: 'id' },
  select: { id: true },
  description: 'Vendor of products (leverancier): public catalogue data.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    website: t.exposeString('website', { nullable: true }),
    aliases: t.stringList({
      description: 'Other names files use for the supplier (curated, or of merged suppliers); imports recognise them.',
      select: { aliases: true },
      resolve: (s) => splitAliases(s.aliases),
    }),
    products: t.relation('products', { query: { orderBy: { name: 'asc' } } }),
    productCount: t.relationCount('products', { description: 'How many products of the catalogue it supplies.' }),
  }),
});

builder.queryField('suppliers', (t) =>
  t.prismaField({
    type: ['Supplier'],
    description:
      'The suppliers of the shared catalogue, by name (at most 2,000). Without the reader scope only those with a product in it, as the page Leveranciers shows: a supplier without products may have been added from one organisation’s landscape file.',
    resolve: (query, _root, _args, ctx) =>
      ctx.db.prisma.supplier.findMany({
        ...query,
        where: mayRead(ctx.viewer) ? {} : { products: { some: {} } },
        orderBy: [{ name: 'asc' }, { slug: 'asc' }],
        take: 2000,
      }),
  }),
);
