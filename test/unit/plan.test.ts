// A scenario laid over the live plan, and the plan evaluated into cells and checks, against cases worked out by hand.
import { describe, expect, it } from 'vitest';
import { ROLES } from '#core/capacity.ts';
import { evaluate, overlay, type Plan, type PlanMigrationRow } from '#core/plan.ts';
import { quartersBetween } from '#core/quarters.ts';
import { d, migration, usage } from '#test/helpers/plan-fixtures.ts';

const FM = 'FUNCTIONAL_MANAGEMENT';
const row = (id: string, over: Partial<PlanMigrationRow> = {}): PlanMigrationRow => ({
  key: id,
  deadline: null,
  dependsOn: [],
  revision: 1,
  wave: 1,
  ...migration(id, over),
  ...over,
});
const capacity = (organisationId: string, quarter: string, fte: number) =>
  ({ organisationId, role: FM, quarter, fte }) as const;

describe('a scenario over the live plan', () => {
  it('replaces the copied migrations’ plan and effort, and capacity where it holds a figure', () => {
    const m1 = row('m1', { efforts: [{ role: FM, quarter: '2027-Q1', fte: 0.2 }] });
    const m2 = row('m2', { efforts: [{ role: FM, quarter: '2027-Q2', fte: 0.3 }] });
    const live: Plan = {
      usages: [usage('u')],
      migrations: [m1, m2],
      capacity: [capacity('A', '2027-Q1', 1), capacity('A', '2027-Q2', 1), capacity('B', '2027-Q2', 2)],
    };
    const moved = {
      plannedStart: d('2027-04-01'),
      plannedEnd: d('2027-09-30'),
      parallelRunStart: d('2027-09-01'),
      parallelRunEnd: d('2027-09-30'),
    };
    const result = overlay(live, {
      migrations: [{ migrationId: 'm1', wave: 3, ...moved }],
      efforts: [
        { migrationId: 'm1', role: FM, quarter: '2027-Q3', fte: 0.4 },
        { migrationId: 'm9', role: FM, quarter: '2027-Q3', fte: 9 },
      ],
      capacities: [capacity('A', '2027-Q2', 0.5), capacity('A', '2027-Q3', 0.8)],
    });
    // m1 takes the scenario's wave, dates and effort (m9's effort belongs to no migration here); m2 stays as it is.
    // A's Q2 figure is the scenario's; Q1 and B's Q2 stay live; Q3 is new.
    expect(result).toEqual({
      usages: live.usages,
      migrations: [{ ...m1, wave: 3, ...moved, efforts: [{ role: FM, quarter: '2027-Q3', fte: 0.4 }] }, m2],
      capacity: [
        capacity('A', '2027-Q1', 1),
        capacity('B', '2027-Q2', 2),
        capacity('A', '2027-Q2', 0.5),
        capacity('A', '2027-Q3', 0.8),
      ],
    });
    expect(result.migrations[1]).toBe(m2);
  });
});

describe('the plan evaluated', () => {
  it('gives every organisation’s cells per role and quarter, and the checks over them', () => {
    const plan: Plan = {
      usages: [
        usage('a', { load: [{ role: FM, fte: 0.4 }] }),
        usage('b', { organisationId: 'B', load: [{ role: FM, fte: 0.1 }] }),
      ],
      migrations: [row('m1', { deadline: d('2027-03-31'), efforts: [{ role: FM, quarter: '2027-Q2', fte: 0.8 }] })],
      capacity: [capacity('A', '2027-Q1', 1), capacity('A', '2027-Q2', 1)],
    };
    const { cells, checks } = evaluate(
      plan,
      ['A', 'B'],
      quartersBetween(d('2027-01-01'), d('2027-06-30')),
      d('2027-01-15'),
    );
    // Seven roles, two quarters, two organisations. A: 0.4 in Q1 against 1; 0.4 + 0.8 = 1.2 in Q2 against 1.
    // B: 0.1 in each quarter, no figure recorded.
    expect(cells).toHaveLength(ROLES.length * 2 * 2);
    expect(
      cells
        .filter((c) => c.demand > 0)
        .map(({ organisationId, role, quarter, available, demand, balance }) => [
          organisationId,
          role,
          quarter,
          available,
          demand,
          balance,
        ]),
    ).toEqual([
      ['A', FM, '2027-Q1', 1, 0.4, 0.6],
      ['A', FM, '2027-Q2', 1, 1.2, -0.2],
      ['B', FM, '2027-Q1', null, 0.1, null],
      ['B', FM, '2027-Q2', null, 0.1, null],
    ]);
    // m1 ends 30 June, 30 + 31 + 30 = 91 days after its deadline of 31 March.
    const cellCheck = { migrationId: null, relatedId: null, role: FM };
    expect(checks).toEqual([
      {
        kind: 'AFTER_DEADLINE',
        migrationId: 'm1',
        relatedId: null,
        organisationId: 'A',
        role: null,
        quarter: null,
        amount: 91,
      },
      { ...cellCheck, kind: 'OVER_ALLOCATED', organisationId: 'A', quarter: '2027-Q2', amount: 0.2 },
      { ...cellCheck, kind: 'CAPACITY_UNKNOWN', organisationId: 'B', quarter: '2027-Q1', amount: 0.1 },
      { ...cellCheck, kind: 'CAPACITY_UNKNOWN', organisationId: 'B', quarter: '2027-Q2', amount: 0.1 },
    ]);
  });
});
