import { describe, expect, it } from 'vitest';
import {
  causeOf,
  changeKind,
  type DatedUsage,
  landscapeAt,
  landscapeDifference,
  parseDay,
  planSteps,
  statusAt,
} from '#core/landscape-at.ts';

const d = (day: string) => new Date(`${day}T00:00:00Z`);
const TODAY = d('2026-12-01');
const usage = (over: Partial<DatedUsage> & { id?: string } = {}): DatedUsage & { id: string } => ({
  id: 'u',
  status: 'IN_PRODUCTION',
  createdAt: d('2026-01-10'),
  acquiringSince: null,
  plannedSince: null,
  inProductionSince: null,
  phasingOutSince: null,
  retiredSince: null,
  ...over,
});
const migration = (over: Partial<Parameters<typeof planSteps>[0][number]> = {}) => ({
  status: 'MIGRATING',
  plannedEnd: d('2027-05-01'),
  parallelRunStart: d('2027-03-01'),
  parallelRunEnd: d('2027-06-01'),
  targetUsageId: 'new',
  replaces: [{ usageId: 'old' }],
  ...over,
});

describe('statusAt in the past', () => {
  const dated = usage({
    plannedSince: d('2020-01-01'),
    inProductionSince: d('2021-03-01'),
    phasingOutSince: d('2026-06-01'),
    status: 'PHASING_OUT',
  });
  it('takes the latest status date on or before the day', () => {
    expect(statusAt(dated, d('2019-12-31'), TODAY)).toBeNull();
    expect(statusAt(dated, d('2020-01-01'), TODAY)).toBe('PLANNED');
    expect(statusAt(dated, d('2021-02-28'), TODAY)).toBe('PLANNED');
    expect(statusAt(dated, d('2021-03-01'), TODAY)).toBe('IN_PRODUCTION');
    expect(statusAt(dated, d('2026-06-01'), TODAY)).toBe('PHASING_OUT');
  });
  it('counts a usage without status dates from its registration day', () => {
    const undated = usage({ createdAt: new Date('2026-01-10T15:30:00Z') });
    expect(statusAt(undated, d('2026-01-09'), TODAY)).toBeNull();
    expect(statusAt(undated, d('2026-01-10'), TODAY)).toBe('IN_PRODUCTION');
  });
  it('gives today the current status even when its date is missing', () => {
    expect(statusAt(usage({ plannedSince: d('2020-01-01') }), TODAY, TODAY)).toBe('IN_PRODUCTION');
    expect(statusAt(usage({ plannedSince: d('2020-01-01') }), d('2026-11-30'), TODAY)).toBe('PLANNED');
  });
});

describe('statusAt after today', () => {
  it('moves the current status on by future status dates and plan steps, forward only', () => {
    const u = usage({ retiredSince: d('2027-02-01') });
    expect(statusAt(u, d('2027-01-31'), TODAY)).toBe('IN_PRODUCTION');
    expect(statusAt(u, d('2027-02-01'), TODAY)).toBe('RETIRED');
    const steps = [{ date: d('2027-01-01'), status: 'PLANNED' as const }];
    expect(statusAt(usage(), d('2027-06-01'), TODAY, steps)).toBe('IN_PRODUCTION');
  });
  it('applies an overdue plan step', () => {
    const steps = [{ date: d('2026-11-01'), status: 'RETIRED' as const }];
    expect(statusAt(usage(), d('2026-12-02'), TODAY, steps)).toBe('RETIRED');
  });
});

describe('planSteps', () => {
  it('puts the target live at go-live and phases the replaced usage out over the parallel run', () => {
    const steps = planSteps([migration()]);
    expect(steps.get('new')).toEqual([{ date: d('2027-03-01'), status: 'IN_PRODUCTION' }]);
    expect(steps.get('old')).toEqual([
      { date: d('2027-03-01'), status: 'PHASING_OUT' },
      { date: d('2027-06-01'), status: 'RETIRED' },
    ]);
  });
  it('uses the planned end without a parallel run, and skips done and cancelled migrations', () => {
    const steps = planSteps([migration({ parallelRunStart: null, parallelRunEnd: null })]);
    expect(steps.get('new')).toEqual([{ date: d('2027-05-01'), status: 'IN_PRODUCTION' }]);
    expect(steps.get('old')).toEqual([{ date: d('2027-05-01'), status: 'RETIRED' }]);
    expect(planSteps([migration({ status: 'DONE' }), migration({ status: 'CANCELLED' })]).size).toBe(0);
  });
});

describe('landscapeAt and landscapeDifference', () => {
  const usages = [
    usage({ id: 'old', status: 'IN_PRODUCTION', inProductionSince: d('2015-01-01') }),
    usage({ id: 'new', status: 'ACQUIRING', acquiringSince: d('2026-09-01') }),
    usage({ id: 'gone', status: 'RETIRED', inProductionSince: d('2010-01-01'), retiredSince: d('2024-01-01') }),
  ];
  it('gives the landscape on a future day from the plan', () => {
    const at = landscapeAt(usages, [migration()], d('2027-07-01'), TODAY);
    expect(at.map((e) => [e.usage.id, e.status])).toEqual([
      ['old', 'RETIRED'],
      ['new', 'IN_PRODUCTION'],
      ['gone', 'RETIRED'],
    ]);
    expect(landscapeAt(usages, [migration()], d('2026-08-01'), TODAY).map((e) => e.usage.id)).toEqual(['old', 'gone']);
  });
  it('lists what changes between two days, retired counting as gone', () => {
    const changes = landscapeDifference(usages, [migration()], TODAY, d('2027-07-01'), TODAY);
    expect(changes.map((c) => [c.usage.id, c.before, c.after])).toEqual([
      ['old', 'IN_PRODUCTION', null],
      ['new', 'ACQUIRING', 'IN_PRODUCTION'],
    ]);
  });
});

describe('parseDay', () => {
  it('reads real days only', () => {
    expect(parseDay('2027-07-01')).toEqual(d('2027-07-01'));
    for (const bad of ['2027-02-30', '2027-7-1', 'morgen', '', null, undefined]) expect(parseDay(bad)).toBeNull();
  });
});

describe('what causes a change', () => {
  const plan = [migration({ status: 'CANCELLED', targetUsageId: 'new' }), migration()];
  it('is the migration whose go-live or parallel-run end falls between the days, target or replaced', () => {
    expect(causeOf('new', plan, d('2027-01-01'), d('2027-07-01'))).toBe(plan[1]);
    expect(causeOf('old', plan, d('2027-07-01'), d('2027-05-01'))).toBe(plan[1]);
  });
  it('is none outside the migration’s days, or for a usage it does not touch', () => {
    expect(causeOf('new', plan, d('2027-07-01'), d('2028-01-01'))).toBeNull();
    expect(causeOf('other', plan, d('2027-01-01'), d('2027-07-01'))).toBeNull();
  });
  it('names the kind of change', () => {
    expect(changeKind({ before: null, after: 'PLANNED' })).toBe('COMES');
    expect(changeKind({ before: 'IN_PRODUCTION', after: null })).toBe('GOES');
    expect(changeKind({ before: 'PLANNED', after: 'IN_PRODUCTION' })).toBe('CHANGES');
  });
});
