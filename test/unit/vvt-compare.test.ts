// Statements side by side, checked on a hand-worked set of four measures and three organisations.
import { describe, expect, it } from 'vitest';
import { compareVvt, decisionKey } from '#core/vvt-compare.ts';
import { cellText, comparable, readCompareChoice } from '#site/lib/vvt-compare-page.ts';

const measures = [
  { number: '5.01.01', theme: 'ORGANISATORISCH', kind: 'OVERHEIDSMAATREGEL' },
  { number: '5.04.02', theme: 'ORGANISATORISCH', kind: 'VERPLAATST' },
  { number: '6.01.01', theme: 'MENSGERICHT', kind: 'OVERHEIDSMAATREGEL' },
  { number: '8.01.01', theme: 'TECHNOLOGISCH', kind: 'GEEN_OVERHEIDSMAATREGEL' },
] as const;
const line = (measureNumber: string, applies: boolean | null, state: 'NIET_GESTART' | 'GETOETST' = 'NIET_GESTART') => ({
  measureNumber,
  applies,
  state,
});
// A: 5.01.01 tested, 6.01.01 not applicable. B: 5.01.01 tested, 6.01.01 no line (undecided). C: not shared.
const columns = [
  { lines: [line('5.01.01', true, 'GETOETST'), line('6.01.01', false)] },
  { lines: [line('5.01.01', true, 'GETOETST')] },
  { lines: null },
];

describe('compareVvt', () => {
  it('gives a cell per column per measure that carries a line, by theme, and marks where readable columns differ', () => {
    const groups = compareVvt(measures, columns);
    expect(groups.map((g) => [g.theme, g.rows.map((r) => [r.measure.number, r.differs])])).toEqual([
      ['ORGANISATORISCH', [['5.01.01', false]]],
      ['MENSGERICHT', [['6.01.01', true]]],
      // Neither A nor B decided 8.01.01: the same, so no difference; C is not shared and says nothing.
      ['TECHNOLOGISCH', [['8.01.01', false]]],
    ]);
    expect(groups[1]?.rows[0]?.cells).toEqual([
      { shared: true, line: line('6.01.01', false) },
      { shared: true, line: null },
      { shared: false },
    ]);
  });

  it('filters on differences and on a theme', () => {
    expect(compareVvt(measures, columns, { onlyDifferences: true }).map((g) => g.theme)).toEqual(['MENSGERICHT']);
    expect(compareVvt(measures, columns, { theme: 'TECHNOLOGISCH' }).map((g) => g.theme)).toEqual(['TECHNOLOGISCH']);
    expect(compareVvt(measures, columns, { theme: 'TECHNOLOGISCH', onlyDifferences: true })).toEqual([]);
  });

  it('sees no difference when only one column can be read', () => {
    expect(compareVvt(measures, [columns[0] ?? { lines: null }, { lines: null }], { onlyDifferences: true })).toEqual(
      [],
    );
  });

  it('reads a line as undecided, not applicable or its state', () => {
    expect([
      decisionKey(null),
      decisionKey(line('x', null)),
      decisionKey(line('x', false)),
      decisionKey(line('x', true, 'GETOETST')),
    ]).toEqual(['open', 'open', 'nvt', 'GETOETST']);
  });
});

describe('the comparison page’s choice and cells', () => {
  const known = ['emmen', 'coevorden', 'borger-odoorn', 'dimpact', 'assen'];
  const choice = (query: string) => readCompareChoice(new URLSearchParams(query), known);

  it('reads two to four known organisations, each once, the difference filter and a theme', () => {
    expect(choice('organisatie=emmen&organisatie=coevorden&organisatie=emmen&verschillen=ja&thema=FYSIEK')).toEqual({
      chosen: ['emmen', 'coevorden'],
      problem: null,
      onlyDifferences: true,
      theme: 'FYSIEK',
    });
    expect(comparable(choice('organisatie=emmen&organisatie=coevorden'))).toBe(true);
  });

  it('says in Dutch what is wrong with too few, too many or unknown organisations, and ignores an unknown theme', () => {
    expect(choice('organisatie=emmen').problem).toBe('Kies ten minste 2 organisaties.');
    expect(choice(known.map((k) => `organisatie=${k}`).join('&'))).toMatchObject({
      chosen: known.slice(0, 4),
      problem: 'Kies ten hoogste 4 organisaties; je koos er 5.',
    });
    expect(choice('organisatie=emmen&organisatie=nergens').problem).toBe('Onbekende organisatie: nergens.');
    expect(choice('thema=BESTAAT_NIET')).toMatchObject({ theme: null, problem: null, chosen: [] });
    expect(comparable(choice(''))).toBe(false);
  });

  it('says each cell in words', () => {
    expect([
      cellText({ shared: false }),
      cellText({ shared: true, line: null }),
      cellText({ shared: true, line: { applies: false, state: 'NIET_GESTART' } }),
      cellText({ shared: true, line: { applies: true, state: 'GEIMPLEMENTEERD' } }),
    ]).toEqual(['Niet gedeeld', 'Nog niet besloten', 'Niet van toepassing', 'Ja: geïmplementeerd']);
  });
});
