// Capacity arithmetic against cases worked out by hand (days per quarter: 2027-Q1 90, Q2 91, Q3 92, Q4 92).
import { describe, expect, it } from 'vitest';
import { capacityOf, demandParts, moveMigration, type PlanMigration, type PlanUsage } from '#core/capacity.ts';
import { findCycle } from '#core/cycles.ts';
import { todayNl } from '#core/dates.ts';
import { planChecks } from '#core/plan-checks.ts';
import {
  isPastQuarter,
  parseQuarter,
  quarterLabel,
  quartersBetween,
  shareOfQuarter,
  shiftQuarter,
  signalPeriod,
} from '#core/quarters.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const year2027 = quartersBetween(d('2027-01-01'), d('2027-12-31'));

// Organisation A runs zaaksysteem "oud" (replaced) and gets "zac" (the target) from a migration with a parallel run.
const oud: PlanUsage = {
  id: 'oud',
  organisationId: 'A',
  operatorId: null,
  status: 'IN_PRODUCTION',
  inProductionSince: d('2015-01-01'),
  retiredSince: null,
  load: [{ role: 'FUNCTIONAL_MANAGEMENT', fte: 0.4 }],
};
const zac: PlanUsage = {
  id: 'zac',
  organisationId: 'A',
  operatorId: null,
  status: 'PLANNED',
  inProductionSince: null,
  retiredSince: null,
  load: [{ role: 'FUNCTIONAL_MANAGEMENT', fte: 0.3 }],
};
const migration: PlanMigration = {
  id: 'm1',
  organisationId: 'A',
  status: 'PREPARING',
  plannedStart: d('2027-01-01'),
  plannedEnd: d('2027-08-15'),
  actualStart: null,
  actualEnd: null,
  parallelRunStart: d('2027-05-01'),
  parallelRunEnd: d('2027-08-15'),
  replacedUsageIds: ['oud'],
  targetUsageId: 'zac',
  efforts: [
    { role: 'FUNCTIONAL_MANAGEMENT', quarter: '2027-Q1', fte: 0.5 },
    { role: 'FUNCTIONAL_MANAGEMENT', quarter: '2027-Q2', fte: 0.5 },
  ],
};
const capacity = year2027.map((q) => ({
  organisationId: 'A',
  role: 'FUNCTIONAL_MANAGEMENT' as const,
  quarter: q.id,
  fte: 1,
}));
const fm = (cells: ReturnType<typeof capacityOf>) => cells.filter((c) => c.role === 'FUNCTIONAL_MANAGEMENT');

describe('quarters', () => {
  it('are calendar quarters with their own number of days', () => {
    expect(year2027.map((q) => [q.id, q.days])).toEqual([
      ['2027-Q1', 90],
      ['2027-Q2', 91],
      ['2027-Q3', 92],
      ['2027-Q4', 92],
    ]);
    expect(parseQuarter('2028-Q1').days).toBe(91);
    expect(shiftQuarter('2027-Q4', 1)).toBe('2028-Q1');
    expect(shiftQuarter('2027-Q1', -1)).toBe('2026-Q4');
    expect(() => parseQuarter('2027-Q5')).toThrow(/Not a quarter/);
  });

  it('are written for people in one format, K1 2027, and refuse what is not a quarter', () => {
    expect(['2026-Q1', '2027-Q2', '2027-Q3', '2028-Q4'].map(quarterLabel)).toEqual([
      'K1 2026',
      'K2 2027',
      'K3 2027',
      'K4 2028',
    ]);
    expect(() => quarterLabel('1e kw. 2027')).toThrow(/Not a quarter/);
  });

  it('count a partial quarter pro rata by days', () => {
    // 15 February to 31 March: 14 + 31 = 45 of Q1's 90 days.
    expect(shareOfQuarter(parseQuarter('2027-Q1'), d('2027-02-15'), null)).toBe(0.5);
    const partial: PlanUsage = {
      ...oud,
      id: 'p',
      inProductionSince: d('2027-02-15'),
      load: [{ role: 'APPLICATION_MANAGEMENT', fte: 0.9 }],
    };
    const q1 = capacityOf('A', year2027.slice(0, 1), [], demandParts([partial], [], year2027.slice(0, 1)));
    expect(q1.find((c) => c.role === 'APPLICATION_MANAGEMENT')?.demand).toBe(0.45);
  });
});

describe('demand', () => {
  it('adds baseline, migration effort and the replaced usage during a parallel run that crosses a quarter boundary', () => {
    const cells = fm(capacityOf('A', year2027, capacity, demandParts([oud, zac], [migration], year2027)));
    // Q1: oud 0.4 (whole quarter) + effort 0.5.
    // Q2: oud baseline 1-30 April 0.4 x 30/91, parallel run May-June 0.4 x 61/91 (together 0.4),
    //     zac from go-live 1 May 0.3 x 61/91 = 0.201, effort 0.5: 1.101, so 0.101 short.
    // Q3: parallel run 1 July-15 August 0.4 x 46/92 = 0.2, zac 0.3.
    // Q4: zac 0.3.
    expect(cells.map((c) => c.demand)).toEqual([0.9, 1.101, 0.5, 0.3]);
    expect(cells.map((c) => c.balance)).toEqual([0.1, -0.101, 0.5, 0.7]);
    const q2 = cells[1]?.parts ?? [];
    const sum = (kind: string) => q2.filter((p) => p.kind === kind).reduce((s, p) => s + p.fte, 0);
    expect(sum('BASELINE')).toBeCloseTo(0.4 * (30 / 91) + 0.3 * (61 / 91), 9);
    expect(sum('PARALLEL_RUN')).toBeCloseTo(0.4 * (61 / 91), 9);
    expect(sum('MIGRATION')).toBe(0.5);
  });

  it('charges technisch beheer to the operator, every other role to the organisation itself', () => {
    // Borger-Odoorn's usage, run by Emmen.
    const bo: PlanUsage = {
      ...oud,
      id: 'bo',
      organisationId: 'borger-odoorn',
      operatorId: 'emmen',
      load: [
        { role: 'TECHNICAL_MANAGEMENT', fte: 0.3 },
        { role: 'APPLICATION_MANAGEMENT', fte: 0.2 },
      ],
    };
    const parts = demandParts([bo], [], year2027.slice(0, 1));
    const cell = (org: string, role: string) =>
      capacityOf(org, year2027.slice(0, 1), [], parts).find((c) => c.role === role)?.demand;
    expect(cell('emmen', 'TECHNICAL_MANAGEMENT')).toBe(0.3);
    expect(cell('borger-odoorn', 'TECHNICAL_MANAGEMENT')).toBe(0);
    expect(cell('borger-odoorn', 'APPLICATION_MANAGEMENT')).toBe(0.2);
    expect(cell('emmen', 'APPLICATION_MANAGEMENT')).toBe(0);
  });

  it('follows a migration moved by a scenario: dates by days, effort by whole quarters', () => {
    // Start 1 April is 90 days later: parallel run 30 July-13 November, effort one quarter later in Q2 and Q3.
    const moved = moveMigration(migration, d('2027-04-01'));
    expect(moved.parallelRunStart).toEqual(d('2027-07-30'));
    expect(moved.parallelRunEnd).toEqual(d('2027-11-13'));
    expect(moved.efforts.map((e) => e.quarter)).toEqual(['2027-Q2', '2027-Q3']);
    const cells = fm(capacityOf('A', year2027, capacity, demandParts([oud, zac], [moved], year2027)));
    // Q1: oud 0.4. Q2: oud 0.4 + effort 0.5 = 0.9.
    // Q3: oud to 29 July 0.4 x 29/92, parallel run 30 July-30 Sept 0.4 x 63/92 (together 0.4), zac 0.3 x 63/92 = 0.205,
    //     effort 0.5: 1.105. Q4: parallel run 1 Oct-13 Nov 0.4 x 44/92 = 0.191, zac 0.3: 0.491.
    expect(cells.map((c) => c.demand)).toEqual([0.4, 0.9, 1.105, 0.491]);
    // The live migration object is untouched.
    expect(migration.plannedStart).toEqual(d('2027-01-01'));
  });

  it('leaves cancelled migrations and retired usages without a date out', () => {
    const cancelled = { ...migration, status: 'CANCELLED' as const };
    const retired: PlanUsage = { ...oud, id: 'r', status: 'RETIRED', retiredSince: null };
    const cells = fm(capacityOf('A', year2027, capacity, demandParts([oud, retired], [cancelled], year2027)));
    expect(cells.map((c) => c.demand)).toEqual([0.4, 0.4, 0.4, 0.4]);
  });
});

describe('checks', () => {
  const deadline = d('2027-07-01');
  it('reports a migration after its deadline, one starting before its dependency ends and over-allocation', () => {
    const first = { ...migration, deadline, dependsOn: [] };
    const second = {
      ...migration,
      id: 'm2',
      plannedStart: d('2027-08-01'),
      plannedEnd: d('2027-09-30'),
      parallelRunStart: null,
      parallelRunEnd: null,
      deadline: null,
      dependsOn: ['m1'],
    };
    const cells = capacityOf('A', year2027, capacity, demandParts([oud, zac], [first], year2027)).map((c) => ({
      ...c,
      organisationId: 'A',
    }));
    const checks = planChecks([first, second], [oud, zac], cells, d('2026-11-30'));
    expect(checks).toContainEqual(expect.objectContaining({ kind: 'AFTER_DEADLINE', migrationId: 'm1', amount: 45 }));
    // m2 starts 1 August, m1 ends 15 August: 15 days too early.
    expect(checks).toContainEqual(
      expect.objectContaining({ kind: 'STARTS_BEFORE_DEPENDENCY', migrationId: 'm2', relatedId: 'm1', amount: 15 }),
    );
    expect(checks).toContainEqual(
      expect.objectContaining({
        kind: 'OVER_ALLOCATED',
        organisationId: 'A',
        role: 'FUNCTIONAL_MANAGEMENT',
        quarter: '2027-Q2',
        amount: 0.101,
      }),
    );
    expect(checks.filter((c) => c.kind === 'OVER_ALLOCATED')).toHaveLength(1);
  });

  it('reports a usage still in production after the migration that replaces it is done', () => {
    const done = { ...migration, status: 'DONE' as const, deadline: null, dependsOn: [] };
    expect(planChecks([done], [oud], [])).toEqual([
      expect.objectContaining({ kind: 'STILL_IN_PRODUCTION', migrationId: 'm1', relatedId: 'oud' }),
    ]);
    expect(planChecks([done], [{ ...oud, status: 'RETIRED', retiredSince: d('2027-08-16') }], [])).toEqual([]);
  });

  it('finds dependency cycles', () => {
    expect(
      findCycle([
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ]),
    ).toBeNull();
    expect(
      findCycle([
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
      ]),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle([{ from: 'x', to: 'x' }])).toEqual(['x', 'x']);
  });
});

describe('today and the past', () => {
  it('takes today’s date in the Netherlands, winter and summer time', () => {
    // CET is UTC+1: half past eleven at night UTC on New Year’s Eve is already 1 January in Amsterdam.
    expect(todayNl(new Date('2026-12-31T23:30:00Z'))).toEqual(d('2027-01-01'));
    expect(todayNl(new Date('2026-12-31T22:59:59Z'))).toEqual(d('2026-12-31'));
    // CEST is UTC+2.
    expect(todayNl(new Date('2027-06-30T22:00:00Z'))).toEqual(d('2027-07-01'));
    expect(todayNl(new Date('2027-06-30T21:59:59Z'))).toEqual(d('2027-06-30'));
  });

  it('calls a quarter past only before today’s quarter, and judges from 1 January to the end of the year after next', () => {
    expect(isPastQuarter('2027-Q1', d('2027-04-01'))).toBe(true);
    expect(isPastQuarter('2027-Q2', d('2027-04-01'))).toBe(false);
    expect(isPastQuarter('2026-Q4', d('2027-01-01'))).toBe(true);
    expect(isPastQuarter('2028-Q1', d('2027-06-30'))).toBe(false);
    expect(signalPeriod(d('2026-11-30'))).toEqual({ from: d('2026-01-01'), to: d('2028-12-31') });
  });
});

describe('capacity that nobody recorded', () => {
  // Organisation A runs "oud" (0.4 fte functioneel beheer) all year; capacity is recorded for 2027-Q1 (1 fte) and
  // 2027-Q3 (0.2 fte) only, and 0 fte applicatiebeheer in Q3 where nothing is asked.
  const rows = [
    { organisationId: 'A', role: 'FUNCTIONAL_MANAGEMENT' as const, quarter: '2027-Q1', fte: 1 },
    { organisationId: 'A', role: 'FUNCTIONAL_MANAGEMENT' as const, quarter: '2027-Q3', fte: 0.2 },
    { organisationId: 'A', role: 'APPLICATION_MANAGEMENT' as const, quarter: '2027-Q3', fte: 0 },
  ];
  const cells = capacityOf('A', year2027, rows, demandParts([oud], [], year2027)).map((c) => ({
    ...c,
    organisationId: 'A',
  }));

  it('is unknown (null), not zero: no balance without a figure', () => {
    expect(
      fm(cells).map(({ quarter, available, demand, balance }) => ({ quarter, available, demand, balance })),
    ).toEqual([
      { quarter: '2027-Q1', available: 1, demand: 0.4, balance: 0.6 },
      { quarter: '2027-Q2', available: null, demand: 0.4, balance: null },
      { quarter: '2027-Q3', available: 0.2, demand: 0.4, balance: -0.2 },
      { quarter: '2027-Q4', available: null, demand: 0.4, balance: null },
    ]);
    // A recorded 0 is a figure: balance 0 when nothing is asked.
    expect(cells.find((c) => c.role === 'APPLICATION_MANAGEMENT' && c.quarter === '2027-Q3')).toMatchObject({
      available: 0,
      demand: 0,
      balance: 0,
    });
    expect(cells.find((c) => c.role === 'APPLICATION_MANAGEMENT' && c.quarter === '2027-Q1')).toMatchObject({
      available: null,
      demand: 0,
      balance: null,
    });
  });

  it('is asked to be filled in, never reported as a shortfall; past quarters raise nothing', () => {
    const capacityChecks = (today: string) =>
      planChecks([], [oud], cells, d(today)).map(({ kind, quarter, role, amount }) => ({
        kind,
        quarter,
        role,
        amount,
      }));
    const FM = 'FUNCTIONAL_MANAGEMENT';
    // Judged at the end of 2026: every quarter of 2027 is ahead.
    expect(capacityChecks('2026-12-31')).toEqual([
      { kind: 'CAPACITY_UNKNOWN', quarter: '2027-Q2', role: FM, amount: 0.4 },
      { kind: 'OVER_ALLOCATED', quarter: '2027-Q3', role: FM, amount: 0.2 },
      { kind: 'CAPACITY_UNKNOWN', quarter: '2027-Q4', role: FM, amount: 0.4 },
    ]);
    // On 15 May 2027 (Q2) Q1 is history; Q2 is the current quarter and still counts.
    expect(capacityChecks('2027-05-15').map((c) => c.quarter)).toEqual(['2027-Q2', '2027-Q3', '2027-Q4']);
    // On 1 October 2027 only Q4 is left, and its capacity is unknown.
    expect(capacityChecks('2027-10-01')).toEqual([
      { kind: 'CAPACITY_UNKNOWN', quarter: '2027-Q4', role: FM, amount: 0.4 },
    ]);
    // In 2028 the whole year is history.
    expect(capacityChecks('2028-01-01')).toEqual([]);
  });
});
