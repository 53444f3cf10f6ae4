import { z } from 'zod';
import { builder } from '../builder.ts';
import { InterfaceDirection, InterfaceStatus, InterfaceType } from './enums.ts';

builder.prismaObject('InterfaceStandard', {
  fields: (t) => ({ standard: t.relation('standard'), version: t.exposeString('version', { nullable: true }) }),
});

export const Interface = builder.prismaNode('Interface', {
  id: { field: 'id' },
  description: 'Koppeling: a data exchange from one usage to another usage or to an external service.',
  authScopes: { reader: true },
  fields: (t) => ({
    key: t.exposeString('key'),
    organisation: t.relation('organisation'),
    from: t.relation('fromUsage'),
    to: t.relation('toUsage', { nullable: true }),
    externalService: t.relation('externalService', { nullable: true }),
    intermediary: t.relation('intermediary', {
      nullable: true,
      description: 'Usage the koppeling runs through, e.g. Open Notificaties or a gateway.',
    }),
    type: t.expose('type', { type: InterfaceType }),
    direction: t.expose('direction', { type: InterfaceDirection }),
    status: t.expose('status', { type: InterfaceStatus }),
    copiesData: t.exposeBoolean('copiesData', {
      description: 'True when registered data is copied instead of queried at the source.',
    }),
    description: t.exposeString('description', { nullable: true }),
    standards: t.relation('standards'),
    revision: t.exposeInt('revision'),
  }),
});

builder.queryField('interface', (t) =>
  t.prismaField({
    type: 'Interface',
    nullable: true,
    authScopes: { reader: true },
    description: 'One koppeling by organisation slug and its key in that landscape.',
    args: {
      organisation: t.arg.string({ required: true, validate: z.string().min(1).max(100) }),
      key: t.arg.string({ required: true, validate: z.string().min(1).max(200) }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.interface.findFirst({
        ...query,
        where: { key: args.key, organisation: { slug: args.organisation } },
      }),
  }),
);
