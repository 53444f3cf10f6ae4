// The statement of applicability's rules: who reads it, what a line must hold, and its progress counted by hand.
import { describe, expect, it } from 'vitest';
import type { Viewer } from '#core/context.ts';
import { mayReadVvt, PRIVATE_SHARE, type VvtLineInput, vvtLineProblems, vvtProgress } from '#core/vvt.ts';

const viewer = (organisationIds: string[], isInstanceAdmin = false) =>
  ({ userId: 'u', organisationIds, isInstanceAdmin, roles: {} }) as unknown as Viewer;

describe('who reads a statement', () => {
  it('keeps it with the own organisation unless it shares', () => {
    expect(mayReadVvt(viewer(['emmen']), 'emmen', PRIVATE_SHARE)).toBe(true);
    expect(mayReadVvt(viewer(['coevorden']), 'emmen', PRIVATE_SHARE)).toBe(false);
    expect(mayReadVvt(viewer([], true), 'emmen', PRIVATE_SHARE)).toBe(false);
    expect(mayReadVvt(null, 'emmen', { mode: 'ALL_MEMBERS', partnerIds: [] })).toBe(false);
    expect(mayReadVvt('operator', 'emmen', PRIVATE_SHARE)).toBe(true);
  });
  it('shares with named partners only, or with every signed-in member', () => {
    const named = { mode: 'NAMED', partnerIds: ['coevorden'] } as const;
    expect(mayReadVvt(viewer(['coevorden']), 'emmen', named)).toBe(true);
    expect(mayReadVvt(viewer(['borger-odoorn']), 'emmen', named)).toBe(false);
    const all = { mode: 'ALL_MEMBERS', partnerIds: [] } as const;
    expect(mayReadVvt(viewer(['borger-odoorn']), 'emmen', all)).toBe(true);
    expect(mayReadVvt(viewer([]), 'emmen', all)).toBe(false);
    // Named partners mean nothing while the setting is private.
    expect(mayReadVvt(viewer(['coevorden']), 'emmen', { mode: 'PRIVATE', partnerIds: ['coevorden'] })).toBe(false);
  });
});

describe('a line', () => {
  const today = new Date('2026-12-01T00:00:00Z');
  const line: VvtLineInput = {
    applies: true,
    reason: null,
    state: 'IN_UITVOERING',
    owner: 'CISO',
    evidence: null,
    reviewedOn: null,
  };
  it('needs the risk analysis when it does not apply', () => {
    expect(vvtLineProblems(line, today)).toEqual([]);
    expect(vvtLineProblems({ ...line, applies: false, state: 'NIET_GESTART', reason: '  ' }, today)).toEqual([
      { field: 'reason', message: 'Noem bij "niet van toepassing" de risicoanalyse waarop die keuze rust.' },
    ]);
    expect(
      vvtLineProblems({ ...line, applies: false, state: 'NIET_GESTART', reason: 'Risicoanalyse 2026-03' }, today),
    ).toEqual([]);
  });
  it('refuses a state for a measure that does not apply, a review in the future and overlong text', () => {
    const problems = vvtLineProblems(
      {
        ...line,
        applies: false,
        reason: 'RA',
        owner: 'x'.repeat(501),
        reviewedOn: new Date('2026-12-02T00:00:00Z'),
      },
      today,
    );
    expect(problems.map((p) => p.field)).toEqual(['owner', 'state', 'reviewedOn']);
  });
});

describe('progress', () => {
  it('counts per theme and state, moved numbers not at all, a measure without a line as undecided', () => {
    const measures = [
      { number: '5.01.01', theme: 'ORGANISATORISCH', kind: 'OVERHEIDSMAATREGEL' },
      { number: '5.01.02', theme: 'ORGANISATORISCH', kind: 'OVERHEIDSMAATREGEL' },
      { number: '5.04.02', theme: 'ORGANISATORISCH', kind: 'VERPLAATST' },
      { number: '5.06.01', theme: 'ORGANISATORISCH', kind: 'GEEN_OVERHEIDSMAATREGEL' },
      { number: '6.01.01', theme: 'MENSGERICHT', kind: 'OVERHEIDSMAATREGEL' },
      { number: '8.01.01', theme: 'TECHNOLOGISCH', kind: 'OVERHEIDSMAATREGEL' },
    ] as const;
    const lines = [
      { measureNumber: '5.01.01', applies: true, state: 'GETOETST' },
      { measureNumber: '5.01.02', applies: null, state: 'NIET_GESTART' },
      { measureNumber: '5.04.02', applies: true, state: 'GETOETST' },
      { measureNumber: '5.06.01', applies: false, state: 'NIET_GESTART' },
      { measureNumber: '6.01.01', applies: true, state: 'IN_UITVOERING' },
    ] as const;
    const { byTheme, all } = vvtProgress(measures, lines);
    // Organisatorisch: 5.01.01 tested, 5.01.02 undecided, 5.06.01 not applicable; 5.04.02 moved and not counted.
    expect(byTheme.ORGANISATORISCH).toEqual({
      total: 3,
      undecided: 1,
      notApplicable: 1,
      byState: { NIET_GESTART: 0, IN_UITVOERING: 0, GEIMPLEMENTEERD: 0, GETOETST: 1 },
    });
    expect(byTheme.MENSGERICHT.byState.IN_UITVOERING).toBe(1);
    expect(byTheme.FYSIEK.total).toBe(0);
    // Technologisch: 8.01.01 has no line.
    expect(byTheme.TECHNOLOGISCH).toMatchObject({ total: 1, undecided: 1 });
    expect(all).toEqual({
      total: 5,
      undecided: 2,
      notApplicable: 1,
      byState: { NIET_GESTART: 0, IN_UITVOERING: 1, GEIMPLEMENTEERD: 0, GETOETST: 1 },
    });
  });
});
