// Beheer capacity per organisation, role and quarter, with what makes up the demand and the organisation's capacity
// signals. The plan's checks themselves are in plan-check.ts.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { organisationBySlug } from '#core/access.ts';
import type { CapacityCell, DemandKind } from '#core/capacity.ts';
import { todayNl } from '#core/dates.ts';
import { NotFoundError } from '#core/errors.ts';
import { evaluate } from '#core/plan.ts';
import { CAPACITY_KINDS } from '#core/plan-checks.ts';
import { loadPlan, loadScenarioPlan } from '#core/plan-load.ts';
import { isPastQuarter } from '#core/quarters.ts';
import { builder } from '../builder.ts';
import { BeheerRole } from './enums.ts';
import { type CheckShape, describeChecks, loadNames, type Names, PlanCheckRef, quartersArg } from './plan-check.ts';

const DemandKindRef = builder.enumType('DemandKind', {
  values: {
    BASELINE: { description: 'Beheer of a usage in production.' },
    MIGRATION: { description: 'Effort a migration asks.' },
    PARALLEL_RUN: { description: 'A replaced usage’s beheer while it runs beside its successor.' },
  } satisfies Record<DemandKind, unknown>,
});

interface PartShape {
  kind: DemandKind;
  fte: number;
  usage: { key: string; organisation: string; product: string } | null;
  migration: { key: string; organisation: string; target: string } | null;
}

const DemandPartRef = builder.objectRef<PartShape>('DemandPart').implement({
  description: 'One contribution to the demand in a cell.',
  fields: (t) => ({
    kind: t.field({ type: DemandKindRef, resolve: (p) => p.kind }),
    fte: t.float({ resolve: (p) => Math.round(p.fte * 1000) / 1000 }),
    usageKey: t.string({ nullable: true, resolve: (p) => p.usage?.key ?? null }),
    usageOrganisation: t.string({
      nullable: true,
      description: 'Slug of the usage’s organisation.',
      resolve: (p) => p.usage?.organisation ?? null,
    }),
    product: t.string({
      nullable: true,
      description: 'Name of the usage’s product.',
      resolve: (p) => p.usage?.product ?? null,
    }),
    migrationKey: t.string({ nullable: true, resolve: (p) => p.migration?.key ?? null }),
    migrationTarget: t.string({
      nullable: true,
      description: 'Name of the product the migration moves to.',
      resolve: (p) => p.migration?.target ?? null,
    }),
    migrationOrganisation: t.string({ nullable: true, resolve: (p) => p.migration?.organisation ?? null }),
  }),
});

interface CellShape extends Omit<CapacityCell, 'parts'> {
  parts: PartShape[];
  past: boolean;
}

const CapacityCellRef = builder.objectRef<CellShape>('CapacityCell').implement({
  fields: (t) => ({
    role: t.field({ type: BeheerRole, resolve: (c) => c.role }),
    quarter: t.exposeString('quarter', { description: 'Calendar quarter, e.g. 2027-Q1.' }),
    available: t.exposeFloat('available', {
      nullable: true,
      description: 'FTE recorded; null when no capacity is recorded (unknown, not 0).',
    }),
    demand: t.exposeFloat('demand', {
      description: 'FTE: baseline + migration effort + parallel runs, pro rata by days.',
    }),
    balance: t.exposeFloat('balance', {
      nullable: true,
      description: 'available - demand; negative is over-allocation; null when the available capacity is unknown.',
    }),
    past: t.exposeBoolean('past', {
      description: 'The quarter lies before today’s quarter (Europe/Amsterdam): history, never a signal.',
    }),
    parts: t.field({ type: [DemandPartRef], resolve: (c) => c.parts }),
  }),
});

interface ReportShape {
  organisation: string;
  quarters: string[];
  cells: CellShape[];
  checks: CheckShape[];
}

const CapacityReportRef = builder.objectRef<ReportShape>('CapacityReport').implement({
  fields: (t) => ({
    organisation: t.exposeString('organisation', { description: 'Organisation slug.' }),
    quarters: t.exposeStringList('quarters'),
    cells: t.field({ type: [CapacityCellRef], description: 'Per role, then per quarter.', resolve: (r) => r.cells }),
    overAllocated: t.int({
      description: 'OVER_ALLOCATED checks of the organisation: cells from today’s quarter on with a negative balance.',
      resolve: (r) => r.checks.filter((c) => c.kind === 'OVER_ALLOCATED').length,
    }),
    checks: t.field({
      type: [PlanCheckRef],
      description:
        'The organisation’s capacity signals (OVER_ALLOCATED, CAPACITY_UNKNOWN), from the same computation as planChecks.',
      resolve: (r) => r.checks,
    }),
  }),
});

export function shapeCells(cells: CapacityCell[], names: Names, today: Date): CellShape[] {
  return cells.map((c) => ({
    ...c,
    past: isPastQuarter(c.quarter, today),
    parts: c.parts.map((p) => ({
      kind: p.kind,
      fte: p.fte,
      usage: p.usageId ? (names.usage.get(p.usageId) ?? null) : null,
      migration: p.migrationId ? (names.migration.get(p.migrationId) ?? null) : null,
    })),
  }));
}

/** The scenario id from a global id, or null for the live plan. */
export function scenarioIdOf(id: string | number | null | undefined): string | null {
  if (!id) return null;
  try {
    const decoded = decodeGlobalID(String(id));
    if (decoded.typename === 'Scenario') return decoded.id;
  } catch {
    // not a global id: reported below
  }
  throw new NotFoundError('Scenario', String(id));
}

builder.queryFields((t) => ({
  capacity: t.field({
    type: CapacityReportRef,
    authScopes: { reader: true },
    description:
      'Available beheer capacity, demand and balance of one organisation per role and quarter, live or in a scenario.',
    args: {
      organisation: t.arg.string({ required: true, validate: z.string().min(1).max(100) }),
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
      scenario: t.arg.id({ required: false, description: 'Global id of a scenario; the live plan without it.' }),
    },
    resolve: async (_root, args, ctx) => {
      const quarters = quartersArg(args.from, args.to);
      const org = await organisationBySlug(ctx.db.prisma, args.organisation);
      const scenarioId = scenarioIdOf(args.scenario);
      const plan = scenarioId
        ? await loadScenarioPlan(ctx.db.prisma, scenarioId, [org.id])
        : await loadPlan(ctx.db.prisma, [org.id]);
      const today = todayNl();
      const { cells, checks } = evaluate(plan, [org.id], quarters, today);
      const names = await loadNames(ctx, plan);
      const own = checks.filter((c) => CAPACITY_KINDS.includes(c.kind) && c.organisationId === org.id);
      return {
        organisation: org.slug,
        quarters: quarters.map((q) => q.id),
        cells: shapeCells(cells, names, today),
        checks: describeChecks(own, names),
      };
    },
  }),
}));
