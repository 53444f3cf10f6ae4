import { builder } from '../builder.ts';

export const Standard = builder.prismaNode('Standard', {
  id: { field: 'id' },
  description: "GEMMA standard (ZGW API's, StUF, Haal Centraal, ...).",
  fields: (t) => ({
    gemmaId: t.exposeString('id', { description: 'GEMMA object id.' }),
    name: t.exposeString('name'),
    status: t.exposeString('gemmaStatus'),
    maintainer: t.exposeString('maintainer', { nullable: true }),
    url: t.exposeString('url', { nullable: true }),
    description: t.exposeString('description', { nullable: true }),
    productCount: t.relationCount('products', { description: 'How many products of the catalogue support it.' }),
  }),
});

builder.queryFields((t) => ({
  standards: t.prismaField({
    type: ['Standard'],
    resolve: (query, _root, _args, ctx) => ctx.db.prisma.standard.findMany({ ...query, orderBy: { name: 'asc' } }),
  }),
}));
