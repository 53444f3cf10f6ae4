// The statistics page's rows and chart bars from the API's figures (Query.statistics): one row per quarter end or
// layer, named as people read them, with the same figures for the chart and the table beside it.
import { quarterLabel, quarterOf } from '#core/quarters.ts';
import { dateNl, layerLabel, percent } from './labels.ts';
import type { ChartRow } from './stacked-chart.ts';

interface Counts {
  total: number;
  commonGround: number;
  hybrid: number;
  legacy: number;
}

export interface AdoptionRow extends Counts {
  /** "K4 2023", or "Vandaag (1 december 2026)" for the last point. */
  label: string;
  commonGroundShare: string;
  legacyShare: string;
}

/** The points of adoption over time as rows: each quarter end by its quarter, the last (today) as today. */
export function adoptionRows(points: readonly (Counts & { day: string | Date })[]): AdoptionRow[] {
  return points.map((p, i) => {
    const day = new Date(p.day);
    const label = i === points.length - 1 ? `Vandaag (${dateNl(day)})` : `Eind ${quarterLabel(quarterOf(day))}`;
    return {
      label,
      total: p.total,
      commonGround: p.commonGround,
      hybrid: p.hybrid,
      legacy: p.legacy,
      commonGroundShare: percent(p.commonGround, p.total),
      legacyShare: percent(p.legacy, p.total),
    };
  });
}

/** One point a year for a compact view: every fourth quarter end counted back from today, and today. */
export const yearly = <T>(rows: readonly T[]): T[] => rows.filter((_, i) => (rows.length - 1 - i) % 4 === 0);

const parts = (c: Counts): ChartRow['parts'] => [
  { key: 'commonGround', value: c.commonGround },
  { key: 'hybrid', value: c.hybrid },
  { key: 'legacy', value: c.legacy },
];

/** Bars of shares: Common Ground, hybrid and legacy of the live usages on each day. */
export const adoptionBars = (rows: readonly AdoptionRow[]): ChartRow[] =>
  rows.map((r) => ({
    label: r.label.replace(/^Vandaag \(.*\)$/, 'Vandaag'),
    parts: parts(r),
    figures: r.total ? `${r.commonGroundShare} CG (n=${r.total})` : 'niets in gebruik',
  }));

export interface LayerRow extends Counts {
  layer: keyof typeof layerLabel;
  label: string;
  legacyPhasingOut: number;
}

export const layerRows = (layers: readonly (Counts & { layer: keyof typeof layerLabel; legacyPhasingOut: number })[]) =>
  layers.map((l): LayerRow => ({ ...l, label: layerLabel[l.layer] }));

/** Bars of counts per layer: how many live usages, and how many of them legacy. */
export const layerBars = (rows: readonly LayerRow[]): ChartRow[] =>
  rows.map((r) => ({
    label: r.label,
    parts: parts(r),
    figures: r.total ? `${r.legacy} legacy van ${r.total}` : 'niets in gebruik',
  }));

/** The change in Common Ground share between the first and the last point, in percentage points, as text. */
export function shareChange(rows: readonly AdoptionRow[]): string | null {
  const first = rows.find((r) => r.total > 0);
  const last = rows.at(-1);
  if (!first || !last || last.total === 0 || first === last) return null;
  const points = Math.round((100 * last.commonGround) / last.total - (100 * first.commonGround) / first.total);
  return `${points > 0 ? '+' : ''}${points} procentpunt sinds ${first.label.replace(/^Eind /, 'eind ')}`;
}
