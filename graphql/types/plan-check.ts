// Problems in the plan (deadlines, dependencies, usages left in production, capacity signals) with a Dutch message,
// the names they are told by, the quarters a computation covers, and the planChecks query.
import { z } from 'zod';
import type { Context } from '#core/context.ts';
import { todayNl } from '#core/dates.ts';
import { NotFoundError, ValidationError } from '#core/errors.ts';
import { evaluate, type Plan } from '#core/plan.ts';
import type { CheckKind, PlanCheck } from '#core/plan-checks.ts';
import { loadPlan } from '#core/plan-load.ts';
import { quarterLabel, quartersBetween, signalPeriod } from '#core/quarters.ts';
import { builder } from '../builder.ts';
import { BeheerRole } from './enums.ts';

const CheckKindRef = builder.enumType('PlanCheckKind', {
  values: {
    AFTER_DEADLINE: { description: 'The migration ends after its programme’s deadline.' },
    STARTS_BEFORE_DEPENDENCY: { description: 'The migration starts before a migration it depends on has ended.' },
    STILL_IN_PRODUCTION: { description: 'The migration is done but a usage it replaces is still in production.' },
    OVER_ALLOCATED: {
      description: 'Demand exceeds the recorded capacity for a role in a quarter (today’s quarter or later).',
    },
    CAPACITY_UNKNOWN: {
      description:
        'A role has demand in a quarter (today’s quarter or later) but no capacity is recorded: input to fill in, not a shortfall.',
    },
    DEPENDENCY_CYCLE: { description: 'Migrations depend on each other in a circle.' },
  } satisfies Record<CheckKind, unknown>,
});

export interface Names {
  migration: Map<string, { key: string; organisation: string; target: string }>;
  usage: Map<string, { key: string; organisation: string; product: string }>;
  organisation: Map<string, { slug: string; name: string }>;
}

export interface CheckShape extends Omit<PlanCheck, 'migrationId' | 'relatedId' | 'organisationId'> {
  message: string;
  migration: string | null;
  organisation: string | null;
}

export const PlanCheckRef = builder.objectRef<CheckShape>('PlanCheck').implement({
  description: 'A problem in the plan, with a message in Dutch.',
  fields: (t) => ({
    kind: t.field({ type: CheckKindRef, resolve: (c) => c.kind }),
    message: t.exposeString('message'),
    migration: t.exposeString('migration', { nullable: true, description: 'Key of the migration concerned.' }),
    organisation: t.exposeString('organisation', {
      nullable: true,
      description: 'Slug of the organisation concerned.',
    }),
    role: t.field({ type: BeheerRole, nullable: true, resolve: (c) => c.role }),
    quarter: t.exposeString('quarter', { nullable: true }),
    amount: t.exposeFloat('amount', { nullable: true, description: 'Days late or early, or FTE short.' }),
  }),
});

const fteNl = (v: number) => v.toLocaleString('nl-NL', { maximumFractionDigits: 2 });

export const roleNl: Record<string, string> = {
  FUNCTIONAL_MANAGEMENT: 'functioneel beheer',
  APPLICATION_MANAGEMENT: 'applicatiebeheer',
  TECHNICAL_MANAGEMENT: 'technisch beheer',
  INFORMATION_MANAGEMENT: 'informatiemanagement',
  ARCHITECTURE: 'architectuur',
  INFORMATION_SECURITY: 'informatiebeveiliging',
  PRIVACY: 'privacy',
};

/** Names for the ids a computation returns: two statements, whatever the number of parts. */
export async function loadNames(ctx: Context, plan: Plan, extraUsageIds: string[] = []): Promise<Names> {
  const p = ctx.db.prisma;
  const [migrations, usages, organisations] = await Promise.all([
    p.migration.findMany({
      where: { id: { in: plan.migrations.map((m) => m.id) } },
      select: {
        id: true,
        key: true,
        organisation: { select: { slug: true } },
        targetProduct: { select: { name: true } },
      },
    }),
    p.usage.findMany({
      where: { id: { in: [...new Set([...plan.usages.map((u) => u.id), ...extraUsageIds])] } },
      select: { id: true, key: true, organisation: { select: { slug: true } }, product: { select: { name: true } } },
    }),
    p.organisation.findMany({ select: { id: true, slug: true, name: true } }),
  ]);
  return {
    migration: new Map(
      migrations.map((m) => [m.id, { key: m.key, organisation: m.organisation.slug, target: m.targetProduct.name }]),
    ),
    usage: new Map(
      usages.map((u) => [u.id, { key: u.key, organisation: u.organisation.slug, product: u.product.name }]),
    ),
    organisation: new Map(organisations.map((o) => [o.id, { slug: o.slug, name: o.name }])),
  };
}

export function describeChecks(checks: PlanCheck[], names: Names): CheckShape[] {
  const m = (id: string | null) => (id ? names.migration.get(id) : undefined);
  // A migration by the names people know: its target product and organisation, never its key ("zaakafhandeling-zac").
  const label = (id: string | null) => {
    const x = m(id);
    return x
      ? `de migratie naar ${x.target} van ${[...names.organisation.values()].find((o) => o.slug === x.organisation)?.name ?? x.organisation}`
      : 'een onbekende migratie';
  };
  const startLabel = (id: string | null) => label(id).replace(/^d/, 'D');
  return checks.map((c) => {
    const message = {
      AFTER_DEADLINE: () => `${startLabel(c.migrationId)} eindigt ${c.amount} dagen na de deadline van het programma.`,
      STARTS_BEFORE_DEPENDENCY: () =>
        `${startLabel(c.migrationId)} begint ${c.amount} dagen voordat ${label(c.relatedId)} klaar is, waar zij van afhangt.`,
      STILL_IN_PRODUCTION: () =>
        `${startLabel(c.migrationId)} is klaar, maar ${names.usage.get(c.relatedId ?? '')?.product ?? 'het vervangen gebruik'} staat nog in productie.`,
      OVER_ALLOCATED: () =>
        `${names.organisation.get(c.organisationId ?? '')?.name ?? c.organisationId} komt in ${quarterLabel(c.quarter ?? '')} ${fteNl(c.amount ?? 0)} fte ${roleNl[c.role ?? ''] ?? c.role} tekort.`,
      CAPACITY_UNKNOWN: () =>
        `Capaciteit niet ingevuld: ${names.organisation.get(c.organisationId ?? '')?.name ?? c.organisationId} heeft in ${quarterLabel(c.quarter ?? '')} geen beschikbare capaciteit ${roleNl[c.role ?? ''] ?? c.role} vastgelegd, bij een vraag van ${fteNl(c.amount ?? 0)} fte.`,
      DEPENDENCY_CYCLE: () =>
        `Migraties hangen in een kring van elkaar af, via ${label(c.migrationId)} en ${label(c.relatedId)}.`,
    }[c.kind]();
    return {
      ...c,
      message,
      migration: m(c.migrationId)?.key ?? null,
      organisation: c.organisationId
        ? (names.organisation.get(c.organisationId)?.slug ?? null)
        : (m(c.migrationId)?.organisation ?? null),
    };
  });
}

const MAX_QUARTERS = 20;

export function quartersArg(from: Date, to: Date) {
  if (to < from) throw new ValidationError([{ path: ['to'], message: '"tot" ligt voor "van".' }]);
  const quarters = quartersBetween(from, to);
  if (quarters.length > MAX_QUARTERS)
    throw new ValidationError([{ path: ['to'], message: `Kies hooguit ${MAX_QUARTERS} kwartalen.` }]);
  return quarters;
}

builder.queryFields((t) => ({
  planChecks: t.field({
    type: [PlanCheckRef],
    authScopes: { reader: true },
    description:
      'Deadline risks, dependency problems, usages left in production and over-allocation: for one organisation, several, the organisations of a programme, or (small instances) all.',
    args: {
      organisation: t.arg.string({ required: false, validate: z.string().min(1).max(100) }),
      organisations: t.arg.stringList({ required: false, validate: z.array(z.string().min(1).max(100)).max(50) }),
      programme: t.arg.string({
        required: false,
        description: 'Slug: the organisations with migrations in this programme.',
        validate: z.string().min(1).max(100),
      }),
      from: t.arg({
        type: 'Date',
        required: false,
        description: 'Capacity checks from this date; default 1 January of this year.',
      }),
      to: t.arg({
        type: 'Date',
        required: false,
        description: 'Capacity checks to this date; default 31 December of the year after next.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const today = todayNl();
      const period = signalPeriod(today);
      const quarters = quartersArg(
        args.from ?? period.from,
        args.to ?? (args.from ? new Date(Date.UTC(args.from.getUTCFullYear() + 2, 11, 31)) : period.to),
      );
      const slugs = [...(args.organisation ? [args.organisation] : []), ...(args.organisations ?? [])];
      const scoped = slugs.length > 0 || Boolean(args.programme);
      const orgs = await ctx.db.prisma.organisation.findMany({
        where: scoped
          ? {
              OR: [
                { slug: { in: slugs } },
                ...(args.programme ? [{ migrations: { some: { programme: { slug: args.programme } } } }] : []),
              ],
            }
          : {},
        select: { id: true, slug: true },
      });
      const missing = slugs.find((slug) => !orgs.some((o) => o.slug === slug));
      if (missing) throw new NotFoundError('Organisatie', missing);
      const plan = await loadPlan(ctx.db.prisma, scoped ? orgs.map((o) => o.id) : undefined);
      const { checks } = evaluate(
        plan,
        orgs.map((o) => o.id),
        quarters,
        today,
      );
      return describeChecks(checks, await loadNames(ctx, plan));
    },
  }),
}));
