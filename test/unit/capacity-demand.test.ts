// Demand on beheer at the edges of the plan, as whole lists of parts worked out by hand (2027-Q1 90 days, Q2 91,
// Q3 and Q4 92): no parallel run, usages not yet or no longer in production, effort charged to the operator.
import { describe, expect, it } from 'vitest';
import { capacityOf, type DemandPart, demandParts, moveMigration, ROLES } from '#core/capacity.ts';
import { quartersBetween } from '#core/quarters.ts';
import { d, migration, usage } from '#test/helpers/plan-fixtures.ts';

const year2027 = quartersBetween(d('2027-01-01'), d('2027-12-31'));
const FM = 'FUNCTIONAL_MANAGEMENT' as const;
const TM = 'TECHNICAL_MANAGEMENT';
const part = (quarter: string, fte: number, over: Partial<DemandPart> = {}): DemandPart => ({
  organisationId: 'A',
  role: FM,
  quarter,
  fte,
  kind: 'BASELINE',
  usageId: null,
  migrationId: null,
  ...over,
});

describe('a migration without a parallel run', () => {
  it('hands over from the replaced usage to the new one the day after it ends', () => {
    const oud = usage('oud', { load: [{ role: FM, fte: 0.4 }] });
    const zac = usage('zac', { status: 'PLANNED', inProductionSince: null, load: [{ role: FM, fte: 0.3 }] });
    const m = migration('m', { plannedEnd: d('2027-05-15'), replacedUsageIds: ['oud'], targetUsageId: 'zac' });
    // oud runs to 15 May: all of Q1, and 1 April-15 May = 30 + 15 = 45 of Q2's 91 days.
    // zac goes live on 16 May: 16 + 30 = 46 of Q2's days, then Q3 and Q4 whole. Nothing for a parallel run.
    expect(demandParts([oud, zac], [m], year2027)).toEqual([
      part('2027-Q1', 0.4, { usageId: 'oud' }),
      part('2027-Q2', 0.4 * (45 / 91), { usageId: 'oud' }),
      part('2027-Q2', 0.3 * (46 / 91), { usageId: 'zac' }),
      part('2027-Q3', 0.3, { usageId: 'zac' }),
      part('2027-Q4', 0.3, { usageId: 'zac' }),
    ]);
  });
});

describe('a usage’s time in production', () => {
  it('starts at its date, or is open when in production without one; a planned usage without a date asks nothing', () => {
    const planned = usage('planned', { status: 'PLANNED', inProductionSince: null, load: [{ role: FM, fte: 1 }] });
    const acquiring = usage('acquiring', {
      status: 'ACQUIRING',
      inProductionSince: null,
      load: [{ role: FM, fte: 1 }],
    });
    const dated = usage('dated', {
      status: 'PLANNED',
      inProductionSince: d('2027-10-01'),
      load: [{ role: FM, fte: 0.2 }],
    });
    const undated = usage('undated', { inProductionSince: null, load: [{ role: FM, fte: 0.1 }] });
    // "dated" from 1 October: Q4 only. "undated" is in production without a date: every quarter.
    expect(demandParts([planned, acquiring, dated, undated], [], year2027)).toEqual([
      part('2027-Q4', 0.2, { usageId: 'dated' }),
      ...year2027.map((q) => part(q.id, 0.1, { usageId: 'undated' })),
    ]);
  });

  it('ends at retirement even when a later migration replaces it, and at the earliest of two migrations', () => {
    const retired = usage('retired', {
      status: 'RETIRED',
      retiredSince: d('2027-03-01'),
      load: [{ role: FM, fte: 0.9 }],
    });
    const twice = usage('twice', { load: [{ role: FM, fte: 0.6 }] });
    // Go-live 1 October and 1 April (the day after each migration ends).
    const late = migration('late', { plannedEnd: d('2027-09-30'), replacedUsageIds: ['retired', 'twice'] });
    const early = migration('early', { plannedEnd: d('2027-03-31'), replacedUsageIds: ['twice'] });
    // "retired" runs to 28 February: 31 + 28 = 59 of Q1's 90 days. "twice" stops at the early go-live: Q1 whole.
    expect(demandParts([retired, twice], [late, early], year2027)).toEqual([
      part('2027-Q1', 0.9 * (59 / 90), { usageId: 'retired' }),
      part('2027-Q1', 0.6, { usageId: 'twice' }),
    ]);
  });
});

describe('migration effort', () => {
  it('charges technisch beheer to the operator of the first replaced usage the plan holds, only within the quarters', () => {
    // Borger-Odoorn's usage, run by Emmen, replaced by a migration whose first replaced usage has no beheer load (so
    // the plan does not hold it). A parallel run without an end is no parallel run: go-live is its start, 1 February.
    const bo = usage('bo', { organisationId: 'BO', operatorId: 'emmen', load: [{ role: TM, fte: 0.3 }] });
    const m = migration('m', {
      organisationId: 'BO',
      replacedUsageIds: ['gone', 'bo'],
      parallelRunStart: d('2027-02-01'),
      efforts: [
        { role: TM, quarter: '2027-Q1', fte: 0.2 },
        { role: 'APPLICATION_MANAGEMENT', quarter: '2027-Q1', fte: 0.1 },
        { role: FM, quarter: '2027-Q2', fte: 0 },
        { role: FM, quarter: '2028-Q1', fte: 0.5 },
      ],
    });
    // bo until 31 January: 31 of 90 days, to Emmen. Effort: TM to Emmen, AM to Borger-Odoorn; no zero, nothing in 2028.
    expect(demandParts([bo], [m], year2027)).toEqual([
      part('2027-Q1', 0.3 * (31 / 90), { organisationId: 'emmen', role: TM, usageId: 'bo' }),
      part('2027-Q1', 0.2, { organisationId: 'emmen', role: TM, kind: 'MIGRATION', migrationId: 'm' }),
      part('2027-Q1', 0.1, {
        organisationId: 'BO',
        role: 'APPLICATION_MANAGEMENT',
        kind: 'MIGRATION',
        migrationId: 'm',
      }),
    ]);
  });

  it('stays with the organisation when the migration replaces nothing the plan holds; a load of 0 asks nothing', () => {
    const idle = usage('idle', { load: [{ role: FM, fte: 0 }] });
    const m = migration('m', { efforts: [{ role: TM, quarter: '2027-Q3', fte: 0.25 }] });
    expect(demandParts([idle], [m], year2027)).toEqual([
      part('2027-Q3', 0.25, { role: TM, kind: 'MIGRATION', migrationId: 'm' }),
    ]);
  });

  it('moves across a year end: dates by the same days, effort into the next year’s quarter', () => {
    const m = migration('m', {
      plannedStart: d('2027-11-01'),
      plannedEnd: d('2027-12-31'),
      parallelRunStart: d('2027-12-01'),
      parallelRunEnd: d('2027-12-31'),
      efforts: [{ role: FM, quarter: '2027-Q4', fte: 0.5 }],
    });
    // 1 November 2027 to 1 February 2028 is 30 + 31 + 31 = 92 days. 1 December + 92 days: 1 January (+31),
    // 1 February (+62), 1 March (+91, 2028 is a leap year), 2 March. 31 December + 92 days: 1 April 2028.
    expect(moveMigration(m, d('2028-02-01'))).toEqual({
      ...m,
      plannedStart: d('2028-02-01'),
      plannedEnd: d('2028-04-01'),
      parallelRunStart: d('2028-03-02'),
      parallelRunEnd: d('2028-04-01'),
      efforts: [{ role: FM, quarter: '2028-Q1', fte: 0.5 }],
    });
  });
});

describe('capacity of one organisation', () => {
  it('counts its own rows and parts only, every role in the model’s order', () => {
    const q2 = year2027.slice(1, 2);
    const own = part('2027-Q2', 0.25, { usageId: 'x' });
    const other = part('2027-Q2', 0.5, { organisationId: 'B', usageId: 'y' });
    const rows = [
      { organisationId: 'A', role: FM, quarter: '2027-Q2', fte: 0.5 },
      { organisationId: 'A', role: FM, quarter: '2027-Q2', fte: 0.25 },
      { organisationId: 'B', role: FM, quarter: '2027-Q2', fte: 3 },
    ];
    // A: 0.5 + 0.25 = 0.75 available, 0.25 asked: 0.5 left. Every other role: nothing recorded, nothing asked.
    expect(capacityOf('A', q2, rows, [own, other])).toEqual(
      ROLES.map((role) =>
        role === FM
          ? { role, quarter: '2027-Q2', available: 0.75, demand: 0.25, balance: 0.5, parts: [own] }
          : { role, quarter: '2027-Q2', available: null, demand: 0, balance: null, parts: [] },
      ),
    );
  });
});
