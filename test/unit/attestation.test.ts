// The CISO attestation's figures against cases worked out by hand: when a confirmation is due again (six calendar
// months, clamped at a month's end, on the Dutch calendar day) and how many landscape changes followed it.
import { describe, expect, it } from 'vitest';
import { attestationState, dueOn, LANDSCAPE_CHANGE_TYPES, landscapeChanges } from '#core/attestation.ts';

describe('the day a confirmation is due again', () => {
  it('is six calendar months later, across the year end', () => {
    expect(dueOn('2026-03-15')).toBe('2026-09-15');
    expect(dueOn('2026-08-01')).toBe('2027-02-01');
    expect(dueOn('2026-12-31')).toBe('2027-06-30');
  });

  it('is the last day of a shorter month', () => {
    expect(dueOn('2026-08-31')).toBe('2027-02-28');
    // 2028 is a leap year.
    expect(dueOn('2027-08-31')).toBe('2028-02-29');
    expect(dueOn('2026-05-31', 1)).toBe('2026-06-30');
  });
});

describe('changes to the landscape since a confirmation', () => {
  it('counts usages, koppelingen and migrations, and nothing else on the trail', () => {
    expect(LANDSCAPE_CHANGE_TYPES).toEqual(['Usage', 'Interface', 'Migration']);
    // 4 usage changes + 2 koppelingen + 1 migration = 7; the memberships, the import summary and the attestation are not the landscape.
    const counts = [
      { entityType: 'Usage', count: 4 },
      { entityType: 'Membership', count: 3 },
      { entityType: 'Interface', count: 2 },
      { entityType: 'Import', count: 1 },
      { entityType: 'Migration', count: 1 },
      { entityType: 'Attestation', count: 1 },
    ];
    expect(landscapeChanges(counts)).toBe(7);
    expect(landscapeChanges([])).toBe(0);
  });
});

describe('the state of the last confirmation', () => {
  it('warns when there is none', () => {
    expect(attestationState(null, [{ entityType: 'Usage', count: 5 }], new Date('2026-12-01T10:00:00Z'))).toEqual({
      changesSince: null,
      dueOn: null,
      overdue: true,
    });
  });

  it('is current until the day before it is due, and overdue from that day', () => {
    const last = { confirmedAt: new Date('2026-06-15T09:00:00Z') };
    const counts = [{ entityType: 'Interface', count: 3 }];
    expect(attestationState(last, counts, new Date('2026-12-14T22:59:00Z'))).toEqual({
      changesSince: 3,
      dueOn: '2026-12-15',
      overdue: false,
    });
    // 23:30 UTC on 14 December is 00:30 on 15 December in the Netherlands (winter time, UTC+1).
    expect(attestationState(last, counts, new Date('2026-12-14T23:30:00Z')).overdue).toBe(true);
  });

  it('takes the day of the confirmation on the Dutch calendar', () => {
    // 22:30 UTC on 31 August is 00:30 on 1 September in summer time (UTC+2): due on 1 March, not 28 February.
    const last = { confirmedAt: new Date('2026-08-31T22:30:00Z') };
    expect(attestationState(last, [], new Date('2027-02-28T12:00:00Z'))).toEqual({
      changesSince: 0,
      dueOn: '2027-03-01',
      overdue: false,
    });
  });
});
