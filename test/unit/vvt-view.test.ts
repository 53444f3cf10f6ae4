// The statement page's grouping and filter, worked out by hand on four measures.
import { describe, expect, it } from 'vitest';
import { routes } from '#site/lib/routes.ts';
import { decisionText, filterOf, readFilter, stateText, vvtGroups } from '#site/lib/vvt-view.ts';

const measures = [
  { number: '5.01.01', control: '5.01', theme: 'ORGANISATORISCH', kind: 'OVERHEIDSMAATREGEL', text: 'Beleid' },
  { number: '5.04.02', control: '5.04', theme: 'ORGANISATORISCH', kind: 'VERPLAATST', text: null },
  { number: '5.06.01', control: '5.06', theme: 'ORGANISATORISCH', kind: 'GEEN_OVERHEIDSMAATREGEL', text: null },
  { number: '8.01.01', control: '8.01', theme: 'TECHNOLOGISCH', kind: 'OVERHEIDSMAATREGEL', text: 'Eindpunten' },
] as const;
const lines = [
  { measure: { number: '5.01.01' }, applies: true, state: 'GETOETST' },
  { measure: { number: '5.06.01' }, applies: false, state: 'NIET_GESTART' },
] as const;

describe('the statement page', () => {
  it('groups per theme in ISO order, without moved numbers', () => {
    const groups = vvtGroups(measures, lines, null);
    expect(groups.map((g) => [g.label, g.rows.map((r) => r.measure.number)])).toEqual([
      ['Organisatorisch (5)', ['5.01.01', '5.06.01']],
      ['Technologisch (8)', ['8.01.01']],
    ]);
  });
  it('filters on the decision or the state, and drops themes left empty', () => {
    expect(vvtGroups(measures, lines, 'open').map((g) => g.rows.map((r) => r.measure.number))).toEqual([['8.01.01']]);
    expect(vvtGroups(measures, lines, 'nvt').flatMap((g) => g.rows.map((r) => r.measure.number))).toEqual(['5.06.01']);
    expect(vvtGroups(measures, lines, 'GETOETST').flatMap((g) => g.rows.map((r) => r.measure.number))).toEqual([
      '5.01.01',
    ]);
    expect(vvtGroups(measures, lines, 'IN_UITVOERING')).toEqual([]);
  });
  it('reads only known filters from the address and says decisions in words', () => {
    expect(readFilter('nvt')).toBe('nvt');
    expect(readFilter('toString')).toBeNull();
    expect(readFilter(null)).toBeNull();
    expect(filterOf(undefined)).toBe('open');
    expect([decisionText(undefined), decisionText(lines[0]), decisionText(lines[1])]).toEqual([
      'Nog niet besloten',
      'Ja',
      'Nee',
    ]);
    expect([stateText(lines[0]), stateText(lines[1])]).toEqual(['Getoetst', '–']);
    expect(routes.vvt('emmen', { stand: 'open' })).toBe('/organisaties/emmen/vvt?stand=open');
  });
});
