import { builder } from '../builder.ts';

builder.prismaNode('ExternalService', {
  id: { field: 'id' },
  description: 'National facility (buitengemeentelijke voorziening): BRP, BAG, DigiD, MijnOverheid, ...',
  fields: (t) => ({
    gemmaId: t.exposeString('id', { description: 'GEMMA object id.' }),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  externalServices: t.prismaField({
    type: ['ExternalService'],
    resolve: (query, _root, _args, ctx) =>
      ctx.db.prisma.externalService.findMany({ ...query, orderBy: { name: 'asc' } }),
  }),
}));
