import { z } from 'zod';
import {
  type Architecture as ArchitectureName,
  type Status,
  type UsageSummary,
  usageSummaryOf,
} from '#core/analysis.ts';
import { hasRole } from '#core/context.ts';
import { todayNl } from '#core/dates.ts';
import { presentOnWhere } from '#core/landscape-load.ts';
import { builder } from '../builder.ts';
import { AT_DESCRIPTION, landscapeCountsAt, readerWhenAt, statusesAt } from '../landscape-at.ts';
import { landscapeCounts, usageTotalCount } from '../loaders.ts';
import { Architecture, OrganisationType, UsageStatus } from './enums.ts';

interface Count<K> {
  key: K;
  count: number;
}

const ArchitectureCount = builder.objectRef<Count<ArchitectureName>>('ArchitectureCount').implement({
  fields: (t) => ({
    architecture: t.field({ type: Architecture, resolve: (c) => c.key }),
    count: t.exposeInt('count'),
  }),
});
const StatusCount = builder.objectRef<Count<Status>>('StatusCount').implement({
  fields: (t) => ({ status: t.field({ type: UsageStatus, resolve: (c) => c.key }), count: t.exposeInt('count') }),
});

const UsageSummaryRef = builder.objectRef<UsageSummary>('UsageSummary').implement({
  description: 'Headline figures of a landscape.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'All usages, retired ones included.' }),
    byStatus: t.field({ type: [StatusCount], resolve: (s) => s.byStatus }),
    inProductionByArchitecture: t.field({
      type: [ArchitectureCount],
      description: 'Usages in production (or being phased out) per architecture class of their product.',
      resolve: (s) => s.inProductionByArchitecture,
    }),
  }),
});

export const Organisation = builder.prismaNode('Organisation', {
  id: { field: 'id' },
  description: 'A gemeente, samenwerking (BOCE, Dimpact) or other party.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    type: t.expose('type', { type: OrganisationType }),
    cbsCode: t.exposeString('cbsCode', { nullable: true, description: 'CBS municipality code, e.g. GM0114.' }),
    website: t.exposeString('website', { nullable: true }),
    emailDomains: t.stringList({
      description:
        'The mail domains of the organisation’s own addresses (e.g. emmen.nl): its admins invite addresses in these only.',
      select: { emailDomains: true },
      resolve: (o) => o.emailDomains.split(/\s+/).filter(Boolean),
    }),
    description: t.exposeString('description', { nullable: true }),
    usages: t.relatedConnection(
      'usages',
      {
        authScopes: { reader: true },
        cursor: 'id',
        maxSize: 500,
        defaultSize: 50,
        description:
          'The usages, by id. With `at`, each with its status on that day; `status` then filters the statuses of that day within each page.',
        args: {
          status: t.arg({ type: [UsageStatus], required: false }),
          at: t.arg({ type: 'Date', required: false, description: AT_DESCRIPTION }),
        },
        query: (args) => ({
          where: args.at
            ? presentOnWhere(args.at, todayNl())
            : args.status?.length
              ? { status: { in: args.status } }
              : {},
          orderBy: { id: 'asc' },
        }),
      },
      {
        fields: (c) => ({
          totalCount: c.int({
            description: 'All usages this connection pages through, with its filters.',
            resolve: (connection, args, ctx) => {
              const { at, status } = connection.args as { at?: Date | null; status?: string[] | null };
              return at
                ? statusesAt(ctx, connection.parent.id, at).then(
                    (s) => [...s.values()].filter((v) => !status?.length || status.includes(v)).length,
                  )
                : usageTotalCount('organisationId')(connection, args, ctx);
            },
          }),
        }),
      },
    ),
    interfaces: t.relation('interfaces', {
      authScopes: { reader: true },
      description: 'Koppelingen registered in this landscape.',
      query: { orderBy: { key: 'asc' } },
    }),
    viewerCanEdit: t.boolean({
      description: 'Whether the signed-in user may change this organisation’s landscape (EDITOR or ADMIN).',
      resolve: (o, _args, ctx) => hasRole(ctx.viewer, o.id, 'EDITOR'),
    }),
    usageSummary: t.field({
      type: UsageSummaryRef,
      description: 'Usages per status; with `at` (landscape data: needs reader) the statuses on that day.',
      args: { at: t.arg({ type: 'Date', required: false, description: AT_DESCRIPTION }) },
      authScopes: readerWhenAt,
      resolve: async (o, args, ctx) =>
        usageSummaryOf(
          args.at
            ? await landscapeCountsAt(ctx, o.id, args.at, ['usages'])
            : await landscapeCounts(ctx, o.id, ['usages']),
        ),
    }),
  }),
});

// Added after the definition: these fields refer to the Organisation type itself.
builder.prismaObjectFields(Organisation, (t) => ({
  memberOf: t.field({
    type: [Organisation],
    description: 'Cooperations this organisation is a member of.',
    select: (_args, _ctx, nested) => ({
      memberOf: { select: { cooperation: nested(true) }, orderBy: { cooperation: { name: 'asc' } } },
    }),
    resolve: (o) => o.memberOf.map((m) => m.cooperation),
  }),
  members: t.field({
    type: [Organisation],
    description: 'Members of this cooperation.',
    select: (_args, _ctx, nested) => ({
      members: { select: { member: nested(true) }, orderBy: { member: { name: 'asc' } } },
    }),
    resolve: (o) => o.members.map((m) => m.member),
  }),
}));

builder.queryFields((t) => ({
  organisations: t.prismaField({
    type: ['Organisation'],
    args: { type: t.arg({ type: OrganisationType, required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.organisation.findMany({
        ...query,
        where: args.type ? { type: args.type } : {},
        orderBy: { name: 'asc' },
      }),
  }),
  organisationsPage: t.prismaConnection({
    type: 'Organisation',
    description: 'Organisations a page at a time (cursor pagination), by name: for lists whose rows carry figures.',
    cursor: 'id',
    maxSize: 100,
    defaultSize: 25,
    totalCount: (_parent, args, ctx) =>
      ctx.db.prisma.organisation.count({ where: args.type ? { type: args.type } : {} }),
    args: { type: t.arg({ type: OrganisationType, required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.organisation.findMany({
        ...query,
        where: args.type ? { type: args.type } : {},
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
  }),
  organisation: t.prismaField({
    type: 'Organisation',
    nullable: true,
    args: { slug: t.arg.string({ required: true, validate: z.string().min(1).max(100) }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.organisation.findUnique({ ...query, where: { slug: args.slug } }),
  }),
}));
