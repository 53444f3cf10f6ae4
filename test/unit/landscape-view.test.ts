// The landscape page's key figures, status dates and sections of usages, against hand-worked cases.
import { describe, expect, it } from 'vitest';
import { landscapeFigures, statusSince, usageSections, usageView } from '#site/lib/landscape.ts';

const dates = { acquiring: null, planned: '2024-01-01', inProduction: '2025-03-01', phasingOut: null, retired: null };
const usage = (name: string, layers: ('INTERACTION' | 'PROCESS' | 'DATA')[], groups: string[]) => ({
  product: { name, layers },
  referenceComponents: groups.map((group) => ({ group })),
});

describe('the landscape page', () => {
  it('counts the key figures from the usage summary and the koppelingen', () => {
    const figures = landscapeFigures({
      usageSummary: {
        total: 12,
        byStatus: [
          { status: 'IN_PRODUCTION', count: 7 },
          { status: 'PHASING_OUT', count: 2 },
          { status: 'PLANNED', count: 3 },
        ],
        inProductionByArchitecture: [
          { architecture: 'LEGACY', count: 4 },
          { architecture: 'COMMON_GROUND', count: 5 },
        ],
      },
      interfaces: [{ copiesData: true }, { copiesData: false }, { copiesData: true }],
      expectedInterfaces: [{ status: 'MISSING' }, { status: 'AT_SOURCE' }],
    });
    expect(figures).toEqual({
      usages: 12,
      live: 9,
      commonGround: 5,
      hybrid: 0,
      legacy: 4,
      phasingOut: 2,
      interfaces: 3,
      copying: 2,
      expected: 2,
      missing: 1,
    });
    const empty = { total: 0, byStatus: [], inProductionByArchitecture: [] };
    expect(landscapeFigures({ usageSummary: empty, interfaces: [], expectedInterfaces: [] })).toMatchObject({
      live: 0,
      phasingOut: 0,
      missing: 0,
    });
  });

  it('dates a usage by its current status', () => {
    expect(statusSince({ status: 'IN_PRODUCTION', statusDates: dates })).toBe('2025-03-01');
    expect(statusSince({ status: 'PLANNED', statusDates: dates })).toBe('2024-01-01');
    expect(statusSince({ status: 'RETIRED', statusDates: dates })).toBeNull();
  });

  it('groups by layer (a product in each of its layers) or by GEMMA group, by name, leaving out empty sections', () => {
    const usages = [
      usage('Zaken', ['PROCESS', 'DATA'], ['Zaakgericht werken']),
      usage('Archief', ['DATA'], []),
      usage('Balie', ['INTERACTION'], ['Kanalen', 'Zaakgericht werken']),
    ];
    expect(usageView(new URLSearchParams(''))).toBe('laag');
    expect(usageView(new URLSearchParams('indeling=groep'))).toBe('groep');
    expect(usageView(new URLSearchParams('indeling=iets'))).toBe('laag');
    const byLayer = usageSections(usages, 'laag');
    expect(byLayer.map((s) => [s.id, s.title, s.items.map((u) => u.product.name)])).toEqual([
      ['laag-interaction', 'Laag Interactie', ['Balie']],
      ['laag-process', 'Laag Proces', ['Zaken']],
      ['laag-data', 'Laag Data', ['Archief', 'Zaken']],
    ]);
    const byGroup = usageSections(usages, 'groep');
    expect(byGroup.map((s) => [s.id, s.title, s.items.map((u) => u.product.name)])).toEqual([
      ['groep-1', 'Kanalen', ['Balie']],
      ['groep-2', 'Zaakgericht werken', ['Balie', 'Zaken']],
    ]);
    expect(usageSections([], 'laag')).toEqual([]);
  });
});
