import { builder } from '../builder.ts';

builder.prismaNode('Supplier', {
  id: { field: 'id' },
  select: { id: true },
  description: 'Vendor of products (leverancier).',
  authScopes: { reader: true },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    website: t.exposeString('website', { nullable: true }),
    products: t.relation('products', { query: { orderBy: { name: 'asc' } } }),
  }),
});
