import { describe, expect, it } from 'vitest';
import { dateTimeNl } from '#core/dates.ts';

describe('dateTimeNl', () => {
  it('says a moment in Dutch, in Dutch time (winter and summer)', () => {
    expect(dateTimeNl('2026-11-30T18:05:00.000Z')).toBe('30 november 2026 om 19:05');
    expect(dateTimeNl('2026-07-01T10:00:00.000Z')).toBe('1 juli 2026 om 12:00');
    // Past midnight in the Netherlands while still the day before in UTC.
    expect(dateTimeNl('2026-12-31T23:30:00.000Z')).toBe('1 januari 2027 om 00:30');
  });

  it('says nothing is known with a dash', () => {
    expect(dateTimeNl(null)).toBe('–');
    expect(dateTimeNl('')).toBe('–');
  });
});
