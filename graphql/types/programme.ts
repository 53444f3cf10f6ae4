// Programmes: a transition with a deadline and the migrations that serve it (its mutations: programme-mutations.ts).
import { decodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { Organisation } from './organisation.ts';

interface Progress {
  total: number;
  done: number;
  onTrack: number;
  late: number;
  cancelled: number;
}

const ProgressRef = builder.objectRef<Progress>('ProgrammeProgress').implement({
  description: 'Migrations against the deadline: late ones end (or ended) after it.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Migrations, cancelled ones left out.' }),
    done: t.exposeInt('done', { description: 'Done by the deadline.' }),
    onTrack: t.exposeInt('onTrack', { description: 'Not done yet, planned to end by the deadline.' }),
    late: t.exposeInt('late', { description: 'Ending (or ended) after the deadline.' }),
    cancelled: t.exposeInt('cancelled'),
  }),
});

export function progressOf(
  deadline: Date,
  migrations: { status: string; plannedEnd: Date; actualEnd: Date | null }[],
): Progress {
  const live = migrations.filter((m) => m.status !== 'CANCELLED');
  const late = live.filter((m) => (m.actualEnd ?? m.plannedEnd) > deadline);
  const done = live.filter((m) => m.status === 'DONE' && !late.includes(m));
  return {
    total: live.length,
    done: done.length,
    late: late.length,
    onTrack: live.length - late.length - done.length,
    cancelled: migrations.length - live.length,
  };
}

export const Programme = builder.prismaNode('Programme', {
  id: { field: 'id' },
  description: 'A transition programme with a deadline, e.g. the Dimpact zaaksysteem renewal.',
  authScopes: { reader: true },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    deadline: t.expose('deadline', { type: 'Date' }),
    owners: t.field({
      type: [Organisation],
      select: (_args, _ctx, nested) => ({
        owners: { select: { organisation: nested(true) }, orderBy: { organisation: { name: 'asc' } } },
      }),
      resolve: (p) => p.owners.map((o) => o.organisation),
    }),
    migrations: t.relation('migrations', {
      query: { orderBy: [{ wave: 'asc' }, { plannedStart: 'asc' }, { key: 'asc' }] },
    }),
    progress: t.field({
      type: ProgressRef,
      select: { deadline: true, migrations: { select: { status: true, plannedEnd: true, actualEnd: true } } },
      resolve: (p) => progressOf(p.deadline, p.migrations),
    }),
    revision: t.exposeInt('revision'),
  }),
});

builder.queryFields((t) => ({
  programmes: t.prismaField({
    type: ['Programme'],
    authScopes: { reader: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.db.prisma.programme.findMany({ ...query, orderBy: [{ deadline: 'asc' }, { name: 'asc' }] }),
  }),
  programme: t.prismaField({
    type: 'Programme',
    nullable: true,
    authScopes: { reader: true },
    description: 'One programme by global id or by slug.',
    args: {
      id: t.arg.id({ required: false }),
      slug: t.arg.string({ required: false, validate: z.string().min(1).max(100) }),
    },
    resolve: (query, _root, args, ctx) => {
      if (args.id) {
        const decoded = decodeGlobalID(String(args.id));
        return decoded.typename === 'Programme'
          ? ctx.db.prisma.programme.findUnique({ ...query, where: { id: decoded.id } })
          : null;
      }
      return args.slug ? ctx.db.prisma.programme.findUnique({ ...query, where: { slug: args.slug } }) : null;
    },
  }),
}));
