import { describe, expect, it } from 'vitest';
import { changeCounts, countsSentence, defaultTo, readDays } from '#site/lib/landscape-difference.ts';

describe('the difference page', () => {
  it('compares by default with the latest programme deadline, else the plan’s end, else 1 January', () => {
    const deadlines = [
      { name: 'Mijn omgeving', day: '2027-04-01' },
      { name: 'Vernieuwing zaaksysteem Dimpact', day: '2027-07-01' },
    ];
    expect(defaultTo({ deadlines, planEnd: '2027-09-30', nextNewYear: '2027-01-01' })).toEqual({
      day: '2027-07-01',
      source: 'de deadline van Vernieuwing zaaksysteem Dimpact',
    });
    expect(defaultTo({ deadlines: [], planEnd: '2027-09-30', nextNewYear: '2027-01-01' }).day).toBe('2027-09-30');
    expect(defaultTo({ deadlines: [], planEnd: null, nextNewYear: '2027-01-01' }).day).toBe('2027-01-01');
  });

  it('reads both days, a wrong one falling back with its error', () => {
    const days = readDays(new URLSearchParams('van=2026-13-01&tot=2027-07-01'), '2026-12-01', '2027-07-01');
    expect(days.from.day).toBe('2026-12-01');
    expect(days.from.error).toContain('“2026-13-01” is geen geldige datum');
    expect(days.to).toEqual({ day: '2027-07-01', value: '2027-07-01', error: null });
    expect(readDays(new URLSearchParams(), '2026-12-01', '2027-07-01').to.day).toBe('2027-07-01');
  });

  it('counts and says the changes in Dutch', () => {
    const counts = changeCounts([{ kind: 'COMES' }, { kind: 'COMES' }, { kind: 'GOES' }]);
    expect(counts).toEqual({ comes: 2, goes: 1, changes: 0 });
    expect(countsSentence(counts)).toBe('2 komen erbij, 1 verdwijnt en 0 krijgen een andere status.');
    expect(countsSentence({ comes: 1, goes: 2, changes: 1 })).toBe(
      '1 komt erbij, 2 verdwijnen en 1 krijgt een andere status.',
    );
  });
});
