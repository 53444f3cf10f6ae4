// BIO2 reference data: the shipped file loads whole, and the checks a later version's file must pass.
import { describe, expect, it } from 'vitest';
import { type Bio2Row, bio2Problems, hasStatementLine, measureColumns } from '#core/bio2.ts';
import { bio2Difference } from '#core/exchange/bio2.ts';
import { loadContent } from '#prisma/seed/load.ts';

const row = (nummer: string, extra: Partial<Bio2Row> = {}): Bio2Row => ({
  nummer,
  beheersmaatregel: nummer.slice(0, 4),
  thema: 'Organisatorisch',
  soort: 'overheidsmaatregel',
  tekst: `Tekst van ${nummer}`,
  ...extra,
});

describe('BIO2 measures', () => {
  it('loads the 166 numbers of version 1.3, 122 with text, in 93 controls', () => {
    const { bio2 } = loadContent();
    expect(bio2).toHaveLength(166);
    expect(bio2.filter((r) => r.soort === 'overheidsmaatregel')).toHaveLength(122);
    expect(bio2.filter((r) => r.soort === 'verplaatst')).toHaveLength(5);
    expect(new Set(bio2.map((r) => r.beheersmaatregel)).size).toBe(93);
    const moved = bio2.find((r) => r.nummer === '5.04.02');
    expect(moved && measureColumns(moved, 0)).toMatchObject({ kind: 'VERPLAATST', movedTo: '5.10.02', text: null });
    expect(bio2.map((r, i) => measureColumns(r, i)).filter(hasStatementLine)).toHaveLength(161);
  });

  it('names every problem of a file in Dutch', () => {
    const problems = bio2Problems([
      row('5.01.01'),
      row('5.01.01'),
      row('5.02.01', { beheersmaatregel: '5.03' }),
      row('5.04.02', { soort: 'verplaatst', tekst: undefined }),
      row('5.04.03', { soort: 'verplaatst', verplaatst_naar: '5.10.09', tekst: undefined }),
      row('5.05.01', { verplaatst_naar: '5.01.01' }),
      row('5.06.01', { tekst: undefined }),
      row('5.07.01', { soort: 'geen overheidsmaatregel', tekst: undefined }),
    ]);
    expect(problems).toEqual([
      'rij 2 (5.01.01): het nummer komt vaker voor',
      'rij 3 (5.02.01): het nummer hoort niet bij beheersmaatregel 5.03',
      'rij 4 (5.04.02): verplaatst, maar zonder nieuw nummer',
      'rij 6 (5.05.01): een nieuw nummer hoort alleen bij een verplaatste maatregel',
      'rij 7 (5.06.01): een overheidsmaatregel zonder tekst',
    ]);
    expect(bio2Problems([row('5.01.01'), row('5.01.02')])).toEqual([]);
  });

  it('tells what a later version adds, removes, changes and moves', () => {
    const before = [row('5.01.01'), row('5.01.02'), row('5.02.01')].map(measureColumns);
    const difference = bio2Difference(before, [
      row('5.01.01'),
      row('5.01.02', { soort: 'verplaatst', verplaatst_naar: '5.03.01', tekst: undefined }),
      row('5.03.01', { tekst: 'Nieuw' }),
    ]);
    expect(difference).toMatchObject({
      added: ['5.03.01'],
      removed: ['5.02.01'],
      changed: ['5.01.02'],
      moved: [{ number: '5.01.02', to: '5.03.01' }],
    });
    expect(difference.next.map((m) => m.position)).toEqual([0, 1, 2]);
  });
});
