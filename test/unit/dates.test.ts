// "Today" is the Netherlands' calendar day, also late in the evening when UTC is a day behind (core/dates.ts), while
// stored calendar dates never shift.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dateNl, isoDay, timeNl, todayIso, todayNl } from '#core/dates.ts';

afterEach(() => vi.useRealTimers());

describe('today', () => {
  it('at 23:30 UTC in winter is already the next day in the Netherlands (UTC+1)', () => {
    vi.useFakeTimers({ now: new Date('2026-11-30T23:30:00Z'), toFake: ['Date'] });
    expect(todayIso()).toBe('2026-12-01');
    expect(todayNl()).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(dateNl(todayIso())).toBe('1 december 2026');
  });

  it('at 23:30 UTC in summer is the next day too (UTC+2), and at 21:30 UTC still the same day', () => {
    vi.useFakeTimers({ now: new Date('2027-06-30T23:30:00Z'), toFake: ['Date'] });
    expect(todayIso()).toBe('2027-07-01');
    expect(todayNl().toISOString()).toBe('2027-07-01T00:00:00.000Z');
    vi.setSystemTime(new Date('2027-06-30T21:30:00Z'));
    expect(todayIso()).toBe('2027-06-30');
    vi.setSystemTime(new Date('2027-06-30T22:00:00Z'));
    expect(todayIso()).toBe('2027-07-01');
  });

  it('takes New Year in the Netherlands while UTC is still in the old year', () => {
    expect(todayIso(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(todayNl(new Date('2026-12-31T22:59:59Z'))).toEqual(new Date('2026-12-31T00:00:00Z'));
  });
});

describe('stored calendar dates', () => {
  it('keep their own day, whatever the hour in the Netherlands', () => {
    const stored = new Date('2026-12-31T00:00:00Z');
    expect(isoDay(stored)).toBe('2026-12-31');
    expect(dateNl(stored)).toBe('31 december 2026');
    expect(dateNl('2026-12-31')).toBe('31 december 2026');
    expect(dateNl(null)).toBe('–');
  });

  it('show a moment’s time in Dutch time', () => {
    expect(timeNl('2026-11-30T23:30:00Z')).toBe('00:30');
    expect(timeNl(new Date('2027-06-30T23:30:00Z'))).toBe('01:30');
  });
});
