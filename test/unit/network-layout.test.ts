// The koppelingen map's layout: the same picture for the same input, every box in its band, no two boxes overlapping.
import { describe, expect, it } from 'vitest';
import { computeLayout, layoutNetwork } from '#site/lib/network-layout.ts';

const nodes = Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, label: `Applicatie nummer ${i}`, band: i % 4 }));
const edges = nodes.slice(1).map((n, i) => ({ source: `n${(i * 7) % 30}`, target: n.id }));

describe('network layout', () => {
  const layout = layoutNetwork(nodes, edges, 4);

  it('is deterministic', () => {
    expect(computeLayout(nodes, edges, 4)).toEqual(computeLayout(nodes, edges, 4));
    expect(computeLayout(nodes, edges, 4)).toEqual(layout);
  });

  it('keeps every box inside its band and inside the picture', () => {
    for (const n of layout.nodes) {
      const band = layout.bands[n.band];
      expect(band).toBeDefined();
      expect(n.y - n.height / 2).toBeGreaterThanOrEqual(band?.top ?? Number.NaN);
      expect(n.y + n.height / 2).toBeLessThanOrEqual((band?.top ?? 0) + (band?.height ?? 0));
      expect(n.x - n.width / 2).toBeGreaterThan(0);
      expect(n.x + n.width / 2).toBeLessThan(layout.width);
    }
  });

  it('lets no two boxes overlap', () => {
    const overlaps = layout.nodes.flatMap((a, i) =>
      layout.nodes
        .slice(i + 1)
        .filter((b) => Math.abs(a.x - b.x) < (a.width + b.width) / 2 && Math.abs(a.y - b.y) < (a.height + b.height) / 2)
        .map((b) => `${a.id}/${b.id}`),
    );
    expect(overlaps).toEqual([]);
  });

  it('spreads a busy band over rows, so the picture is narrower than one row of boxes', () => {
    const oneRow = nodes.filter((n) => n.band === 0).reduce((sum, n) => sum + n.label.length * 7.2 + 20 + 16, 0);
    expect(new Set(layout.nodes.filter((n) => n.band === 0).map((n) => n.y)).size).toBe(2);
    expect(layout.width).toBeLessThan(oneRow + 150);
  });
});
