// The quarter calendar at its edges, against dates worked out by hand (2027-Q1 has 90 days, 2027-Q2 91, Q3 and Q4 92).
import { describe, expect, it } from 'vitest';
import {
  parseQuarter,
  quarterIndex,
  quarterOf,
  quartersBetween,
  shareOfQuarter,
  shiftQuarter,
} from '#core/quarters.ts';
import { d } from '#test/helpers/plan-fixtures.ts';

const q1 = parseQuarter('2027-Q1');

describe('a quarter', () => {
  it('runs from its first to its last calendar day', () => {
    expect(q1).toEqual({ id: '2027-Q1', first: d('2027-01-01'), last: d('2027-03-31'), days: 90 });
    expect(parseQuarter('2027-Q4')).toEqual({ id: '2027-Q4', first: d('2027-10-01'), last: d('2027-12-31'), days: 92 });
  });

  it('is read only from the whole id, nothing before or after it', () => {
    for (const id of ['x2027-Q1', '2027-Q1x', '12027-Q1', '2027-Q12', '2027-Q0'])
      expect(() => parseQuarter(id)).toThrow(/Not a quarter/);
  });

  it('holds a date up to its last day, and the next one from the day after', () => {
    expect([d('2027-03-31'), d('2027-04-01'), d('2027-12-31'), d('2028-01-01')].map(quarterOf)).toEqual([
      '2027-Q1',
      '2027-Q2',
      '2027-Q4',
      '2028-Q1',
    ]);
    // Counted in quarters since year 0: 2027 x 4 + 3 for the fourth quarter, one more a day later.
    expect([quarterIndex(d('2027-12-31')), quarterIndex(d('2028-01-01'))]).toEqual([8111, 8112]);
  });
});

describe('quarters between two dates', () => {
  it('include the quarter of a period that ends on its first day, across a year end too', () => {
    expect(quartersBetween(d('2027-03-31'), d('2027-04-01')).map((q) => q.id)).toEqual(['2027-Q1', '2027-Q2']);
    expect(quartersBetween(d('2027-12-31'), d('2028-01-01')).map((q) => q.id)).toEqual(['2027-Q4', '2028-Q1']);
    expect(quartersBetween(d('2027-05-05'), d('2027-05-05')).map((q) => q.id)).toEqual(['2027-Q2']);
  });

  it('move by whole quarters over year ends both ways', () => {
    expect(shiftQuarter('2027-Q2', 4)).toBe('2028-Q2');
    expect(shiftQuarter('2027-Q1', -5)).toBe('2025-Q4');
    expect(shiftQuarter('2027-Q3', 0)).toBe('2027-Q3');
  });
});

describe('pro rata by days', () => {
  it('counts a single day as one day of the quarter', () => {
    // 10 February to 10 February: 1 of Q1's 90 days.
    expect(shareOfQuarter(q1, d('2027-02-10'), d('2027-02-10'))).toBe(1 / 90);
  });

  it('counts a quarter wholly from its first day and one day from its last', () => {
    expect(shareOfQuarter(q1, d('2027-01-01'), null)).toBe(1);
    expect(shareOfQuarter(q1, d('2027-03-31'), null)).toBe(1 / 90);
    // Open at the start, ending on the first day: that one day.
    expect(shareOfQuarter(q1, null, d('2027-01-01'))).toBe(1 / 90);
    expect(shareOfQuarter(q1, null, d('2027-03-31'))).toBe(1);
    expect(shareOfQuarter(q1, null, null)).toBe(1);
  });

  it('counts nothing of a period that ends before or starts after the quarter', () => {
    expect(shareOfQuarter(q1, null, d('2026-12-31'))).toBe(0);
    expect(shareOfQuarter(q1, d('2027-04-01'), null)).toBe(0);
    expect(shareOfQuarter(q1, d('2027-02-01'), d('2027-01-31'))).toBe(0);
  });
});
