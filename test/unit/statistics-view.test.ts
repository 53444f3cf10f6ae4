// The statistics page's rows and the stacked chart's positions, against hand-worked cases.
import { describe, expect, it } from 'vitest';
import { stackedLayout } from '#site/lib/stacked-chart.ts';
import { adoptionBars, adoptionRows, layerBars, layerRows, shareChange, yearly } from '#site/lib/statistics-view.ts';

const point = (day: string, commonGround: number, hybrid: number, legacy: number) => ({
  day,
  total: commonGround + hybrid + legacy,
  commonGround,
  hybrid,
  legacy,
});

describe('adoption rows', () => {
  const rows = adoptionRows([point('2023-12-31', 1, 1, 2), point('2024-03-31', 0, 0, 0), point('2026-12-01', 3, 1, 0)]);
  it('names quarter ends by their quarter and the last point as today', () => {
    expect(rows.map((r) => r.label)).toEqual(['Eind K4 2023', 'Eind K1 2024', 'Vandaag (1 december 2026)']);
    expect(rows[0]).toMatchObject({ total: 4, commonGroundShare: '25%', legacyShare: '50%' });
    expect(rows[1]).toMatchObject({ total: 0, commonGroundShare: '–' });
  });
  it('gives the change in Common Ground share from the first point with usages', () => {
    expect(shareChange(rows)).toBe('+50 procentpunt sinds eind K4 2023');
    expect(shareChange(rows.slice(2))).toBeNull();
    expect(shareChange([])).toBeNull();
  });
  it('draws a bar per row with its share as text', () => {
    expect(adoptionBars(rows).map((b) => [b.label, b.figures])).toEqual([
      ['Eind K4 2023', '25% CG (n=4)'],
      ['Eind K1 2024', 'niets in gebruik'],
      ['Vandaag', '75% CG (n=4)'],
    ]);
  });
  it('keeps one point a year, counted back from today', () => {
    expect(yearly([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])).toEqual([1, 5, 9, 13]);
    expect(yearly([1, 2, 3, 4, 5, 6])).toEqual([2, 6]);
  });
});

describe('layer rows', () => {
  it('names layers in Dutch and says how much of each is legacy', () => {
    const rows = layerRows([
      { layer: 'DATA', total: 5, commonGround: 1, hybrid: 1, legacy: 3, legacyPhasingOut: 1 },
      { layer: 'SERVICE', total: 0, commonGround: 0, hybrid: 0, legacy: 0, legacyPhasingOut: 0 },
    ]);
    expect(layerBars(rows).map((b) => [b.label, b.figures])).toEqual([
      ['Data', '3 legacy van 5'],
      ['Diensten', 'niets in gebruik'],
    ]);
  });
});

describe('stackedLayout', () => {
  const rows = [
    {
      label: 'A',
      parts: [
        { key: 'commonGround' as const, value: 1 },
        { key: 'hybrid' as const, value: 0 },
        { key: 'legacy' as const, value: 3 },
      ],
      figures: 'f',
    },
    { label: 'B', parts: [{ key: 'legacy' as const, value: 8 }], figures: 'g' },
  ];
  it('scales each bar to its own total for shares, leaving empty parts out', () => {
    // Wide: bars from 140 to 760 - 150 = 610, so 470 wide; A is 1/4 and 3/4 of it.
    const d = stackedLayout(rows, { width: 760, beside: true, scale: 'share' });
    expect(d.rects.slice(0, 2)).toEqual([
      { x: 140, y: 10, width: 117.5, key: 'commonGround' },
      { x: 257.5, y: 10, width: 352.5, key: 'legacy' },
    ]);
    expect(d.rects[2]).toEqual({ x: 140, y: 30, width: 470, key: 'legacy' });
    expect(d.grid.map((g) => g.label)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(d.texts[0]).toEqual({ x: 132, y: 22, text: 'A', anchor: 'end' });
    expect(d.texts[1]).toEqual({ x: 616, y: 22, text: 'f' });
    expect(d.height).toBe(80);
  });
  it('scales counts to the largest total, names and figures above the bars when narrow', () => {
    // Narrow: bars from 4 to 340 - 4 = 336 (332 wide), domain 0-8 (already nice): 41.5 per usage.
    const d = stackedLayout(rows, { width: 340, beside: false, scale: 'count' });
    expect(d.rects[0]).toEqual({ x: 4, y: 30, width: 41.5, key: 'commonGround' });
    expect(d.rects[1]).toEqual({ x: 45.5, y: 30, width: 124.5, key: 'legacy' });
    expect(d.texts.map((t) => t.text)).toEqual(['A: f', 'B: g']);
    expect(d.grid.map((g) => [g.label, g.anchor])).toEqual([
      ['0', 'start'],
      ['2', 'middle'],
      ['4', 'middle'],
      ['6', 'middle'],
      ['8', 'end'],
    ]);
  });
});

describe('stackedLayout coordinates', () => {
  it('are rounded to a hundredth of a pixel', () => {
    const d = stackedLayout(
      [
        {
          label: 'A',
          parts: [
            { key: 'legacy', value: 1 },
            { key: 'hybrid', value: 2 },
          ],
          figures: '',
        },
      ],
      { width: 760, beside: true, scale: 'share' },
    );
    // 470 / 3 = 156.666...
    expect(d.rects.map((r) => [r.x, r.width])).toEqual([
      [140, 156.67],
      [296.67, 313.33],
    ]);
  });
});
