// The security and privacy dashboard (core/security-dashboard.ts, loaded by core/security-load.ts): an organisation's
// figures for its own members, with the usages behind each; the row of figures per organisation across the partners,
// each figure the reader may not see answered as not shared; and the partners' algorithms in one list.
import DataLoader from 'dataloader';
import { z } from 'zod';
import type { Context } from '#core/context.ts';
import { ALGORITHM_LIST_MAX, SECURITY_FIGURES, type SecurityFigure } from '#core/security-dashboard.ts';
import { loadSecurityFigures } from '#core/security-load.ts';
import { builder } from '../builder.ts';
import { AiRiskClass } from './enums.ts';
import { Organisation } from './organisation.ts';

export const SecurityFigureKey = builder.enumType(
  Object.fromEntries(SECURITY_FIGURES.map((k) => [k, k])) as { [K in (typeof SECURITY_FIGURES)[number]]: K },
  { name: 'SecurityFigureKey', description: 'The figures of the security and privacy dashboard, in display order.' },
);

const SecurityFigureRef = builder.objectRef<SecurityFigure>('SecurityFigure').implement({
  description:
    'One figure of the security and privacy dashboard. Not shared (count null) when it rests on data the reader may not see: another organisation’s DPIA criteria, risk assessments or attestation, or a statement of applicability not shared with the reader.',
  fields: (t) => ({
    key: t.field({ type: SecurityFigureKey, resolve: (f) => f.key }),
    shared: t.exposeBoolean('shared'),
    count: t.exposeInt('count', {
      nullable: true,
      description:
        'Usages concerned; VVT_PROGRESS: measures implemented or tested; EVIDENCE_EXPIRY: documents expired; ATTESTATION: days since the last confirmation (null when there is none). Null when not shared.',
    }),
    total: t.exposeInt('total', {
      nullable: true,
      description:
        'VVT_PROGRESS: the measures not declared inapplicable; EVIDENCE_EXPIRY: the documents; null for the other figures.',
    }),
    attention: t.exposeBoolean('attention', { description: 'Whether something needs doing.' }),
    changesSince: t.exposeInt('changesSince', {
      nullable: true,
      description: 'ATTESTATION: changes to the landscape since the last confirmation.',
    }),
    expiring: t.exposeInt('expiring', {
      nullable: true,
      description: 'EVIDENCE_EXPIRY: documents that expire within 60 days (count: those expired; total: all).',
    }),
    usages: t.prismaField({
      type: ['Usage'],
      description: 'The usages behind the figure, by key (empty for VVT_PROGRESS and ATTESTATION).',
      // No usage behind it (every figure of the overview): no statement at all.
      resolve: (query, f, _args, ctx) =>
        f.usageIds.length === 0
          ? []
          : ctx.db.prisma.usage.findMany({ ...query, where: { id: { in: f.usageIds } }, orderBy: { key: 'asc' } }),
    }),
  }),
});

/** Per request, the figures of the organisations asked for, loaded together (core/security-load.ts). */
const figureLoaders = new WeakMap<Context, DataLoader<string, SecurityFigure[]>>();
function figuresOf(ctx: Context) {
  let loader = figureLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const figures = await loadSecurityFigures(ctx.db, ctx.viewer, ids);
      return ids.map((id) => figures.get(id) ?? []);
    });
    figureLoaders.set(ctx, loader);
  }
  return loader;
}

builder.prismaObjectFields(Organisation, (t) => ({
  securityDashboard: t.field({
    type: [SecurityFigureRef],
    nullable: true,
    authScopes: { reader: true },
    description:
      'The security and privacy dashboard’s figures, with the usages behind each: for the organisation’s own members only (null for everyone else, instance administrators included).',
    select: { id: true },
    resolve: (o, _args, ctx) => (ctx.viewer?.organisationIds.includes(o.id) ? figuresOf(ctx).load(o.id) : null),
  }),
}));

interface OverviewRow {
  slug: string;
  name: string;
  own: boolean;
  figures: SecurityFigure[];
}

const OverviewRowRef = builder.objectRef<OverviewRow>('SecurityOverviewRow').implement({
  description: 'One organisation’s figures across the partners, as the reader may see them.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    own: t.exposeBoolean('own', { description: 'Whether the reader is a member of it.' }),
    figures: t.field({
      type: [SecurityFigureRef],
      description: 'Its figures without the usages behind them (those are on its own dashboard): counted, not read.',
      resolve: (r) => r.figures,
    }),
  }),
});

builder.queryFields((t) => ({
  securityOverview: t.field({
    type: [OverviewRowRef],
    authScopes: { reader: true },
    description:
      'Per organisation with a landscape, by name, the security and privacy figures the reader may see: a fixed number of statements however many organisations and usages.',
    resolve: async (_root, _args, ctx) => {
      const organisations = await ctx.db.prisma.organisation.findMany({
        where: { usages: { some: {} } },
        orderBy: { name: 'asc' },
        select: { id: true, slug: true, name: true },
      });
      const figures = await loadSecurityFigures(
        ctx.db,
        ctx.viewer,
        organisations.map((o) => o.id),
        { rows: false },
      );
      return organisations.map((o) => ({
        slug: o.slug,
        name: o.name,
        own: Boolean(ctx.viewer?.organisationIds.includes(o.id)),
        // Counted, not read: the usages behind the figures are on each organisation's own dashboard.
        figures: (figures.get(o.id) ?? []).map((f) => ({ ...f, usageIds: [] })),
      }));
    },
  }),
  algorithmUsages: t.prismaField({
    type: ['Usage'],
    authScopes: { reader: true },
    description: `Every partner’s usages that hold an algorithm or AI system affecting residents (retired ones left out), by organisation name and key; narrowed to risk classes and an organisation when given. At most ${ALGORITHM_LIST_MAX}: narrow the list to see the rest.`,
    args: {
      riskClass: t.arg({ type: [AiRiskClass], required: false }),
      organisation: t.arg.string({ required: false, description: 'Organisation slug.', validate: z.string().max(100) }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.usage.findMany({
        ...query,
        where: {
          algorithmForResidents: true,
          status: { not: 'RETIRED' },
          ...(args.riskClass?.length ? { aiRiskClass: { in: [...args.riskClass] } } : {}),
          ...(args.organisation ? { organisation: { slug: args.organisation } } : {}),
        },
        orderBy: [{ organisation: { name: 'asc' } }, { key: 'asc' }],
        take: ALGORITHM_LIST_MAX,
      }),
  }),
}));
