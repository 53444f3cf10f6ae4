// The mixed benchmark's draws and its check of answers (scripts/bench-mixed-client.ts): repeatable, skewed as Zipf's
// law says, and an answer with GraphQL errors is never counted as a good one.
import { describe, expect, it } from 'vitest';
import { kindAt, problemOf, seeded, zipf } from '#scripts/bench-mixed-client.ts';

describe('the mixed benchmark client', () => {
  it('draws the same numbers from the same seed, and others from another', () => {
    const a = seeded(1);
    const b = seeded(1);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, seeded(2))).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws rank r about 1/(r+1) as often as rank 0', () => {
    const rank = zipf(400);
    const random = seeded(3);
    const counts = new Array<number>(400).fill(0);
    for (let i = 0; i < 200_000; i++) {
      const r = rank(random());
      counts[r] = (counts[r] ?? 0) + 1;
    }
    const top = counts[0] ?? 0;
    // H(400) = 6.58: the largest organisation gets about 15 % of the draws, the tenth about a tenth of that.
    expect(top / 200_000).toBeCloseTo(1 / 6.58, 2);
    expect((counts[9] ?? 0) / top).toBeCloseTo(0.1, 1);
    expect(counts[399]).toBeGreaterThan(0);
    expect(rank(0)).toBe(0);
    expect(rank(0.999_999)).toBe(399);
  });

  it('picks a kind by its weight', () => {
    const kinds = [{ weight: 25 }, { weight: 10 }, { weight: 65 }];
    expect(kindAt(kinds, 0)).toBe(kinds[0]);
    expect(kindAt(kinds, 24.9)).toBe(kinds[0]);
    expect(kindAt(kinds, 25)).toBe(kinds[1]);
    expect(kindAt(kinds, 99.9)).toBe(kinds[2]);
  });

  it('finds what is wrong with an answer: its status, or the first GraphQL error', () => {
    expect(problemOf({ status: 200, text: '' })).toBeNull();
    expect(problemOf({ status: 200, text: '{"data":{"search":[{"title":"\\"errors\\": nee"}]}}' })).toBeNull();
    expect(problemOf({ status: 502, text: '' })).toBe('HTTP 502');
    expect(problemOf({ status: 200, text: '{"errors":[{"message":"Niet gevonden"}],"data":null}' })).toBe(
      'GraphQL: Niet gevonden',
    );
  });
});
