import { z } from 'zod';
import { builder } from '../builder.ts';
import { StandardRole } from './enums.ts';

export interface Biv {
  availability: number | null;
  integrity: number | null;
  confidentiality: number | null;
}

export const BivRef = builder.objectRef<Biv>('Biv').implement({
  description: 'BIV classification: beschikbaarheid, integriteit, vertrouwelijkheid, each 1 (low) to 3 (high).',
  fields: (t) => ({
    availability: t.exposeInt('availability', { nullable: true }),
    integrity: t.exposeInt('integrity', { nullable: true }),
    confidentiality: t.exposeInt('confidentiality', { nullable: true }),
  }),
});

builder.prismaObject('ReferenceComponentStandard', {
  description: 'A GEMMA standard linked to a reference component, mandatory or recommended.',
  fields: (t) => ({
    standard: t.relation('standard'),
    role: t.field({ type: StandardRole, nullable: true, resolve: (link) => link.role }),
    mandatory: t.boolean({ resolve: (link) => link.role === 'MANDATORY' }),
  }),
});

builder.prismaObject('ReferenceComponentFlow', {
  description: 'GEMMA information flow between reference components: a koppeling a landscape is expected to have.',
  fields: (t) => ({ name: t.exposeString('name'), source: t.relation('source'), target: t.relation('target') }),
});

export const ReferenceComponent = builder.prismaNode('ReferenceComponent', {
  id: { field: 'id' },
  // Select mode: descriptions and explanations are read only when asked for.
  select: { id: true },
  description: 'GEMMA reference component.',
  fields: (t) => ({
    gemmaId: t.exposeString('id', {
      description: 'GEMMA object id (UUID), as in the Softwarecatalogus and GEMMA Online.',
    }),
    name: t.exposeString('name'),
    group: t.exposeString('group'),
    status: t.exposeString('gemmaStatus', { description: 'GEMMA status, e.g. "In gebruik".' }),
    description: t.exposeString('description', { nullable: true }),
    explanation: t.exposeString('explanation', { nullable: true }),
    gemmaUrl: t.exposeString('gemmaUrl', { nullable: true }),
    baselineBiv: t.field({
      type: BivRef,
      description: "GEMMA's baseline BIV classification.",
      select: { availability: true, integrity: true, confidentiality: true },
      resolve: (c) => ({ availability: c.availability, integrity: c.integrity, confidentiality: c.confidentiality }),
    }),
    standards: t.relation('standards', { query: { orderBy: [{ role: 'asc' }, { standard: { name: 'asc' } }] } }),
    flowsOut: t.relation('flowsOut'),
    flowsIn: t.relation('flowsIn'),
  }),
});

builder.queryFields((t) => ({
  referenceComponents: t.prismaField({
    type: ['ReferenceComponent'],
    args: { group: t.arg.string({ required: false, validate: z.string().min(1).max(200) }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.referenceComponent.findMany({
        ...query,
        where: args.group ? { group: args.group } : {},
        orderBy: [{ group: 'asc' }, { name: 'asc' }],
      }),
  }),
  referenceComponentGroups: t.stringList({
    description: 'The GEMMA groups, alphabetically.',
    resolve: async (_root, _args, ctx) =>
      (
        await ctx.db.prisma.referenceComponent.findMany({
          distinct: ['group'],
          select: { group: true },
          orderBy: { group: 'asc' },
        })
      ).map((r) => r.group),
  }),
}));
