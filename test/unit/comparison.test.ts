// The comparison matrix and consolidation at their edges, as whole results worked out by hand: product sets that only
// look alike when joined, retired usages, products the catalogue does not know, and the order of every list.
import { describe, expect, it } from 'vitest';
import { alternativeOf, type ComparisonUsage, comparisonRows, consolidation } from '#core/comparison.ts';

let next = 0;
/** A usage in production of `product` (legacy) by `organisationId`, run by itself unless `operatorId` is given. */
const use = (
  organisationId: string,
  product: string,
  components: string[],
  over: Partial<ComparisonUsage> = {},
): ComparisonUsage => ({
  id: `u${next++}`,
  organisationId,
  operatorId: null,
  status: 'IN_PRODUCTION',
  product: { id: product, name: product.toUpperCase(), architecture: 'LEGACY' },
  referenceComponentIds: components,
  ...over,
});

describe('the comparison matrix', () => {
  it('compares product sets as sets, tells apart sets that join to the same text, and shares only what two run', () => {
    const usages = [
      // K: A runs y and x, B runs x and y: the same products in another order.
      use('A', 'y', ['K']),
      use('A', 'x', ['K']),
      use('B', 'x', ['K']),
      use('B', 'y', ['K']),
      // L: A runs "ab" and "c", B runs "a" and "bc": different products, though both join to "abc".
      use('A', 'ab', ['L']),
      use('A', 'c', ['L']),
      use('B', 'a', ['L']),
      use('B', 'bc', ['L']),
    ];
    const rows = comparisonRows(['A', 'B'], usages);
    expect(
      rows.map(({ referenceComponentId, differs, hasLegacy, sharedProductIds }) => ({
        referenceComponentId,
        differs,
        hasLegacy,
        sharedProductIds,
      })),
    ).toEqual([
      { referenceComponentId: 'K', differs: false, hasLegacy: true, sharedProductIds: ['x', 'y'] },
      { referenceComponentId: 'L', differs: true, hasLegacy: true, sharedProductIds: [] },
    ]);
  });
});

describe('alternatives', () => {
  it('are no pair of two products without components, and list the larger one’s extra components sorted', () => {
    expect(alternativeOf([], [])).toBeNull();
    // Three of five: comparable scope. Y and A are extra, sorted as A, Y.
    expect(alternativeOf(['Z', 'D', 'X'], ['Y', 'Z', 'D', 'X', 'A'])).toEqual({
      relation: 'SUBSET',
      sharedComponentIds: ['D', 'X', 'Z'],
      extraComponentIds: ['A', 'Y'],
      swap: false,
    });
  });
});

describe('consolidation', () => {
  it('judges a product the catalogue does not know by its usages, leaves retired usages out and sorts every list', () => {
    const usages = [
      // p and q meet in K first; both realise K and L: the same set.
      use('B', 'q', ['K', 'L']),
      use('A', 'p', ['K', 'L']),
      // a and b meet in M later; both realise M: the same set.
      use('A', 'b', ['M']),
      use('B', 'a', ['M']),
      // A retired usage of q by C, run by C: no organisation or operator of q.
      use('C', 'q', ['K', 'L'], { status: 'RETIRED' }),
    ];
    // The catalogue knows q's components only; p is judged by what its usage realises.
    const catalogue: Record<string, string[]> = { q: ['L', 'K'] };
    const c = consolidation(
      comparisonRows(['A', 'B', 'C'], usages),
      usages,
      ['A', 'B', 'C'],
      (id) => catalogue[id] ?? [],
    );
    // Pairs sorted by product ids: a-b before p-q, though p and q met first.
    expect(c.alternatives).toEqual([
      {
        productIds: ['a', 'b'],
        relation: 'SAME',
        sharedComponentIds: ['M'],
        extraComponentIds: [],
        organisationIds: [['B'], ['A']],
      },
      {
        productIds: ['p', 'q'],
        relation: 'SAME',
        sharedComponentIds: ['K', 'L'],
        extraComponentIds: [],
        organisationIds: [['A'], ['B']],
      },
    ]);
    expect(c.separateBeheer).toEqual([]);
  });

  it('puts the product realising fewer components first, with its organisations', () => {
    // a realises K, L and M, b only K and L: two of three, comparable scope. a sorts first but is the larger.
    const usages = [use('A', 'a', ['K', 'L', 'M']), use('B', 'b', ['K', 'L']), use('C', 'b', ['K'])];
    expect(consolidation(comparisonRows(['A', 'B', 'C'], usages), usages, ['A', 'B', 'C']).alternatives).toEqual([
      {
        productIds: ['b', 'a'],
        relation: 'SUBSET',
        sharedComponentIds: ['K', 'L'],
        extraComponentIds: ['M'],
        organisationIds: [['B', 'C'], ['A']],
      },
    ]);
  });

  it('leaves out products that the rows hold but none of the organisations runs', () => {
    // The rows are of A and B; consolidation is asked of A alone. B's o meets A's p in K.
    const usages = [use('A', 'p', ['K']), use('B', 'o', ['K'])];
    expect(consolidation(comparisonRows(['A', 'B'], usages), usages, ['A']).alternatives).toEqual([]);
  });

  it('names shared products with separate beheer, most organisations first, then by product', () => {
    const usages = [
      // b and a: two organisations each, each its own operator. z: three organisations, three operators.
      use('B', 'b', ['K']),
      use('A', 'b', ['K']),
      use('A', 'a', ['L']),
      use('B', 'a', ['L']),
      use('C', 'z', ['M']),
      use('A', 'z', ['M']),
      use('B', 'z', ['M'], { operatorId: 'D' }),
      // solo: one organisation with two operators is no joint beheer to gain.
      use('A', 'solo', ['N']),
      use('A', 'solo', ['N'], { operatorId: 'X' }),
    ];
    const c = consolidation(comparisonRows(['A', 'B', 'C'], usages), usages, ['A', 'B', 'C']);
    expect(c.separateBeheer).toEqual([
      { productId: 'z', organisationIds: ['A', 'B', 'C'], operatorCount: 3 },
      { productId: 'a', organisationIds: ['A', 'B'], operatorCount: 2 },
      { productId: 'b', organisationIds: ['A', 'B'], operatorCount: 2 },
    ]);
  });
});
