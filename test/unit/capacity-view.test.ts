// How the capacity screens read a cell and which period they show by default, against hand-worked cases.
import { describe, expect, it } from 'vitest';
import { availableFte, balanceTone, chosenPeriod, defaultPeriod, signedFte } from '#site/lib/capacity-view.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('capacity cells on the page', () => {
  it('reads unknown capacity as unknown, never as a shortfall, and a past quarter as history', () => {
    // Demand 28.59 and no capacity recorded: unknown, not "−28,59".
    expect(balanceTone(null, null, 28.59)).toBe('unknown');
    expect(signedFte(null)).toBe('onbekend');
    expect(availableFte(null)).toBe('?');
    // Neither capacity nor demand: nothing to show.
    expect(balanceTone(null, null, 0)).toBe('none');
    // A real shortfall: 26 available, 26.87 asked.
    expect(balanceTone(-0.87, 26, 26.87)).toBe('short');
    expect(signedFte(-0.87)).toBe('−0,87');
    // 1 of 26 left is under 5 %: tight; 2 of 26 is room.
    expect(balanceTone(1, 26, 25)).toBe('tight');
    expect(balanceTone(2, 26, 24)).toBe('room');
    // The same shortfall in a past quarter is history.
    expect(balanceTone(-0.87, 26, 26.87, true)).toBe('past');
    expect(balanceTone(null, null, 3, true)).toBe('past');
  });

  it('shows by default the period the signals are judged on', () => {
    expect(defaultPeriod(d('2026-11-30'))).toEqual({ from: '2026-Q1', to: '2028-Q4' });
    expect(defaultPeriod(d('2027-01-01'))).toEqual({ from: '2027-Q1', to: '2029-Q4' });
    const period = chosenPeriod(new URLSearchParams('van=2027-Q3&tot=2027-Q1'), { from: '2026-Q1', to: '2028-Q4' });
    // A reversed period is turned round.
    expect(period).toEqual({ from: '2027-Q1', to: '2027-Q3', dates: { from: '2027-01-01', to: '2027-09-30' } });
  });
});
