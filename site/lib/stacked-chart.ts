// A horizontal chart of stacked bars (Common Ground, hybrid, legacy) as positions for a server-rendered SVG: drawn
// wide (names beside the bars, figures after them) and narrow (name and figures above each bar), as the other charts.
import { scaleLinear } from 'd3-scale';

export type PartKey = 'commonGround' | 'hybrid' | 'legacy';

/** One bar: its name, its parts left to right, and its figures as text (the table beside the chart has them too). */
export interface ChartRow {
  label: string;
  parts: { key: PartKey; value: number }[];
  figures: string;
}

/** Coordinates to a hundredth of a pixel: shorter markup, and no long runs of digits that read as figures. */
const round = (v: number) => Math.round(v * 100) / 100;

export interface Drawing {
  width: number;
  height: number;
  barHeight: number;
  rects: { x: number; y: number; width: number; key: PartKey }[];
  texts: { x: number; y: number; text: string; anchor?: 'start' | 'middle' | 'end' }[];
  grid: { x: number; label: string; anchor: 'start' | 'middle' | 'end' }[];
}

/**
 * Positions of every bar, text and grid line. `share` scales each bar to its own total (0-100%); `count` scales all to
 * the largest total (nice rounded). `beside` puts names left of the bars; else each name and its figures go above.
 */
export function stackedLayout(
  rows: readonly ChartRow[],
  { width, beside, scale }: { width: number; beside: boolean; scale: 'share' | 'count' },
): Drawing {
  const labelWidth = beside ? 140 : 0;
  const right = beside ? 150 : 4;
  const barHeight = 16;
  const total = (r: ChartRow) => r.parts.reduce((n, p) => n + p.value, 0);
  const max = scale === 'share' ? 1 : Math.max(1, ...rows.map(total));
  const x = scaleLinear()
    .domain([0, max])
    .range([labelWidth + (beside ? 0 : 4), width - right]);
  if (scale === 'count') x.nice(beside ? 5 : 3);
  const rects: Drawing['rects'] = [];
  const texts: Drawing['texts'] = [];
  let y = 10;
  for (const row of rows) {
    const sum = total(row);
    if (beside) texts.push({ x: labelWidth - 8, y: y + barHeight - 4, text: row.label, anchor: 'end' });
    else {
      y += 16;
      texts.push({ x: 4, y, text: `${row.label}: ${row.figures}` });
      y += 4;
    }
    let at = 0;
    for (const part of row.parts) {
      const value = scale === 'share' ? (sum ? part.value / sum : 0) : part.value;
      if (value > 0) rects.push({ x: round(x(at)), y, width: round(x(at + value) - x(at)), key: part.key });
      at += value;
    }
    if (beside) texts.push({ x: round(x(at) + 6), y: y + barHeight - 4, text: row.figures });
    y += barHeight + 4;
  }
  const height = y + 30;
  const ticks = scale === 'share' ? (beside ? [0, 0.25, 0.5, 0.75, 1] : [0, 0.5, 1]) : x.ticks(beside ? 5 : 3);
  const last = ticks.length - 1;
  const grid = ticks.map((t, i) => ({
    x: round(x(t)),
    label: scale === 'share' ? `${Math.round(t * 100)}%` : String(t),
    anchor: beside
      ? ('middle' as const)
      : i === 0
        ? ('start' as const)
        : i === last
          ? ('end' as const)
          : ('middle' as const),
  }));
  return { width, height, barHeight, rects, texts, grid };
}
