// Lays out a koppelingen network in Common Ground layer bands with d3-force, computed once on the server.
import {
  forceCollide,
  forceLink,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';

export interface NetworkNode {
  id: string;
  label: string;
  /** Index of the horizontal band the node belongs in, top to bottom. */
  band: number;
}

export interface PlacedNode extends NetworkNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  nodes: PlacedNode[];
  width: number;
  height: number;
  bands: { top: number; height: number }[];
}

const NODE_HEIGHT = 28;
const ROW_HEIGHT = 40;
const BAND_PADDING = 32;
const MARGIN = 16;
/** Room on the left for the band names. */
const LABEL_OFFSET = 150;
// An average character of the 13px label font; boxes are this wide per character plus padding.
const CHAR_WIDTH = 7.2;
const GAP = 16;

interface SimNode extends SimulationNodeDatum, NetworkNode {
  width: number;
  row: number;
}

/** Rows a band is spread over: a busy layer gets two or three, so the picture stays about half as wide. */
const rowsFor = (count: number) => (count <= 3 ? 1 : count <= 12 ? 2 : 3);

/**
 * Spreads nodes sideways with a force simulation so that connected nodes sit close together, then staggers each band
 * over rows and pushes boxes in a row apart so that none overlap. Deterministic: d3-force seeds its own random source,
 * so the same input gives the same picture.
 */
export function layoutNetwork(
  nodes: NetworkNode[],
  edges: { source: string; target: string }[],
  bandCount: number,
): Layout {
  // The layout depends only on its input, so a cache keyed by that input stays correct after any change to the data.
  const key = JSON.stringify([nodes, edges, bandCount]);
  const cached = cache.get(key);
  if (cached) return cached;
  const layout = computeLayout(nodes, edges, bandCount);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, layout);
  return layout;
}

const CACHE_SIZE = 100;
const cache = new Map<string, Layout>();

export function computeLayout(
  nodes: NetworkNode[],
  edges: { source: string; target: string }[],
  bandCount: number,
): Layout {
  const sim: SimNode[] = nodes.map((n, i) => ({
    ...n,
    width: Math.max(60, n.label.length * CHAR_WIDTH + 20),
    row: 0,
    x: i * 10,
    y: n.band * 100,
  }));
  const ids = new Set(nodes.map((n) => n.id));
  const links: SimulationLinkDatum<SimNode>[] = edges
    .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
    .map((e) => ({ ...e }));
  forceSimulation(sim)
    .force(
      'link',
      forceLink<SimNode, SimulationLinkDatum<SimNode>>(links)
        .id((n) => n.id)
        .distance(120)
        .strength(0.15),
    )
    .force('x', forceX<SimNode>(0).strength(0.03))
    .force('y', forceY<SimNode>((n) => n.band * 100).strength(1))
    .force(
      'collide',
      forceCollide<SimNode>((n) => n.width / 2 + 8)
        .strength(1)
        .iterations(2),
    )
    .stop()
    .tick(300);

  const bandRows: number[] = [];
  for (let band = 0; band < bandCount; band++) {
    const members = sim
      .filter((n) => n.band === band)
      .sort((a, b) => (a.x ?? 0) - (b.x ?? 0) || a.id.localeCompare(b.id));
    const rows = rowsFor(members.length);
    bandRows.push(rows);
    // Squeezing the order-preserving x positions keeps neighbours near; the rows then give the boxes room again.
    for (const [i, n] of members.entries()) {
      n.row = i % rows;
      n.x = (n.x ?? 0) * 0.5;
    }
    for (let row = 0; row < rows; row++) {
      const inRow = members.filter((n) => n.row === row);
      for (let i = 1; i < inRow.length; i++) {
        const prev = inRow[i - 1] as SimNode;
        const cur = inRow[i] as SimNode;
        const min = (prev.x ?? 0) + prev.width / 2 + GAP + cur.width / 2;
        if ((cur.x ?? 0) < min) cur.x = min;
      }
    }
  }
  const bands: Layout['bands'] = [];
  let top = MARGIN / 2;
  for (const rows of bandRows) {
    const height = Math.max(90, rows * ROW_HEIGHT + BAND_PADDING);
    bands.push({ top, height });
    top += height;
  }
  const minX = Math.min(...sim.map((n) => (n.x ?? 0) - n.width / 2), 0);
  const maxX = Math.max(...sim.map((n) => (n.x ?? 0) + n.width / 2), 0);
  const shift = LABEL_OFFSET + MARGIN - minX;
  return {
    nodes: sim.map((n) => {
      const band = bands[n.band] ?? { top: 0, height: 0 };
      const rows = bandRows[n.band] ?? 1;
      const y =
        band.top +
        BAND_PADDING / 2 +
        (band.height - BAND_PADDING - rows * ROW_HEIGHT) / 2 +
        (n.row + 0.5) * ROW_HEIGHT +
        6;
      return {
        id: n.id,
        label: n.label,
        band: n.band,
        x: round((n.x ?? 0) + shift),
        y: round(y),
        width: round(n.width),
        height: NODE_HEIGHT,
      };
    }),
    width: round(maxX - minX + LABEL_OFFSET + 2 * MARGIN),
    height: round(top + MARGIN / 2),
    bands,
  };
}

const round = (v: number) => Math.round(v * 10) / 10;
