// The plan's checks as whole lists worked out by hand: a plan with no problem reports none at all, and each problem is
// reported once, exactly at its edge (the day a dependency ends, one day past a deadline).
import { describe, expect, it } from 'vitest';
import type { CapacityCell } from '#core/capacity.ts';
import { findCycle } from '#core/cycles.ts';
import { CAPACITY_KINDS, type PlanCheck, planChecks } from '#core/plan-checks.ts';
import { checked, d, usage } from '#test/helpers/plan-fixtures.ts';

const FM = 'FUNCTIONAL_MANAGEMENT';
const today = d('2027-04-15');
const cell = (
  quarter: string,
  available: number | null,
  demand: number,
): CapacityCell & { organisationId: string } => ({
  organisationId: 'A',
  role: FM,
  quarter,
  available,
  demand,
  balance: available === null ? null : available - demand,
  parts: [],
});
const none = { migrationId: null, relatedId: null, organisationId: null, role: null, quarter: null, amount: null };
const check = (over: Partial<PlanCheck> & Pick<PlanCheck, 'kind'>): PlanCheck => ({
  ...none,
  organisationId: 'A',
  ...over,
});

describe('a plan without problems', () => {
  it('reports nothing at all', () => {
    // m1 was planned to end 15 July, after its deadline of 30 June, but ended on the deadline itself; m2 depends on m1
    // and started the day after. m3 is done and the usage it replaced is retired.
    const m1 = checked('m1', { plannedEnd: d('2027-07-15'), actualEnd: d('2027-06-30'), deadline: d('2027-06-30') });
    const m2 = checked('m2', {
      plannedStart: d('2027-06-01'),
      actualStart: d('2027-07-01'),
      plannedEnd: d('2027-09-30'),
      dependsOn: ['m1'],
    });
    const m3 = checked('m3', { status: 'DONE', replacedUsageIds: ['old'] });
    const old = usage('old', { status: 'RETIRED', retiredSince: d('2027-01-01') });
    // Q1 is history on 15 April, short or not; Q2 exactly balanced; Q3 nothing recorded and nothing asked.
    const cells = [cell('2027-Q1', 0, 0.5), cell('2027-Q2', 0.5, 0.5), cell('2027-Q3', null, 0)];
    expect(planChecks([m1, m2, m3], [old], cells, today)).toEqual([]);
  });
});

describe('problems at their edges', () => {
  it('reports a day past the deadline, a start on the day a dependency ends and a usage still phasing out', () => {
    const m1 = checked('m1', { deadline: d('2027-06-29') });
    const m2 = checked('m2', {
      plannedStart: d('2027-06-30'),
      plannedEnd: d('2027-09-30'),
      dependsOn: ['m1', 'unknown', 'cancelled'],
    });
    const cancelled = checked('cancelled', {
      status: 'CANCELLED',
      plannedEnd: d('2027-12-31'),
      deadline: d('2027-01-31'),
    });
    const done = checked('done', { status: 'DONE', replacedUsageIds: ['phasing', 'gone'] });
    const migrating = checked('migrating', { status: 'MIGRATING', replacedUsageIds: ['running'] });
    const usages = [usage('phasing', { status: 'PHASING_OUT' }), usage('running')];
    // m1 ends 30 June, one day past 29 June; m2 starts on 30 June, the day m1 ends: one day early. A dependency that is
    // cancelled or not in the plan holds nothing up; a cancelled migration is past no deadline. "running" is replaced by
    // a migration still under way, which is as planned.
    expect(planChecks([m1, m2, cancelled, done, migrating], usages, [], today)).toEqual([
      check({ kind: 'AFTER_DEADLINE', migrationId: 'm1', amount: 1 }),
      check({ kind: 'STARTS_BEFORE_DEPENDENCY', migrationId: 'm2', relatedId: 'm1', amount: 1 }),
      check({ kind: 'STILL_IN_PRODUCTION', migrationId: 'done', relatedId: 'phasing' }),
    ]);
  });

  it('reports a dependency cycle once, after what each migration in it reports', () => {
    // Both run 1 January-30 June, each waiting for the other: 31 + 28 + 31 + 30 + 31 + 30 = 181 days early.
    const m1 = checked('m1', { dependsOn: ['m2'] });
    const m2 = checked('m2', { dependsOn: ['m1'] });
    expect(planChecks([m1, m2], [], [], today)).toEqual([
      check({ kind: 'STARTS_BEFORE_DEPENDENCY', migrationId: 'm1', relatedId: 'm2', amount: 181 }),
      check({ kind: 'STARTS_BEFORE_DEPENDENCY', migrationId: 'm2', relatedId: 'm1', amount: 181 }),
      { ...none, kind: 'DEPENDENCY_CYCLE', migrationId: 'm1', relatedId: 'm2', amount: 2 },
    ]);
  });

  it('asks for capacity where demand has no figure, reports a shortfall, and calls only those capacity checks', () => {
    const cells = [cell('2027-Q2', null, 0.3), cell('2027-Q3', 0.5, 0.75)];
    const checks = planChecks([], [], cells, today);
    expect(checks).toEqual([
      check({ kind: 'CAPACITY_UNKNOWN', role: FM, quarter: '2027-Q2', amount: 0.3 }),
      check({ kind: 'OVER_ALLOCATED', role: FM, quarter: '2027-Q3', amount: 0.25 }),
    ]);
    expect(checks.map((c) => c.kind).filter((k) => CAPACITY_KINDS.includes(k))).toHaveLength(2);
    const plan = planChecks([checked('m1', { deadline: d('2027-01-31'), dependsOn: ['m1'] })], [], [], today);
    expect(plan.map((c) => c.kind)).toEqual(['AFTER_DEADLINE', 'STARTS_BEFORE_DEPENDENCY', 'DEPENDENCY_CYCLE']);
    expect(plan.filter((c) => CAPACITY_KINDS.includes(c.kind))).toEqual([]);
  });
});

describe('dependency cycles', () => {
  it('start at the first node in sorted order that leads into one, and list only the nodes in the circle', () => {
    const e = (from: string, to: string) => ({ from, to });
    // Listed b first: still found from a.
    expect(findCycle([e('b', 'a'), e('a', 'b')])).toEqual(['a', 'b', 'a']);
    // a leads into the circle b-c but is no part of it.
    expect(findCycle([e('a', 'b'), e('b', 'c'), e('c', 'b')])).toEqual(['b', 'c', 'b']);
    // a's first edge, to b, leads nowhere; its second, to c, comes back to a.
    expect(findCycle([e('a', 'b'), e('a', 'c'), e('c', 'a')])).toEqual(['a', 'c', 'a']);
    // Listed the other way round: a's second edge, to b, does not replace its first, to c.
    expect(findCycle([e('a', 'c'), e('c', 'a'), e('a', 'b')])).toEqual(['a', 'c', 'a']);
    // a leads nowhere; the circle is between c and d.
    expect(findCycle([e('a', 'b'), e('c', 'd'), e('d', 'c')])).toEqual(['c', 'd', 'c']);
  });

  it('visits each migration once: a long chain of forks and joins is checked at once', () => {
    // 40 layers of a fork into two and a join: 2^40 paths, 121 nodes. Walking every path would never end.
    const edges = Array.from({ length: 40 }, (_, i) => [`${i}`, `${i}l`, `${i}r`]).flatMap(([n, l, r], i) => [
      { from: n as string, to: l as string },
      { from: n as string, to: r as string },
      { from: l as string, to: `${i + 1}` },
      { from: r as string, to: `${i + 1}` },
    ]);
    expect(findCycle(edges)).toBeNull();
  });
});
