// A laid-out GEMMA view (gemma-view-layout.ts) as SVG text: GEMMA's boxes with their fill colours, nesting and labels,
// each usage a link with its name read out, empty reference components hatched, and a legend below the drawing. The
// page and the downloads (SVG, and PNG through resvg) share it; every text is escaped.

import type { Architecture, Box, ColourBy, Status, Tile, ViewLayout } from './gemma-view-layout.ts';
import { TILE } from './gemma-view-layout.ts';
import { architectureLabel, usageStatusLabel } from './labels.ts';

/** Fonts that resolve on the server (resvg, system DejaVu/Liberation) and in browsers. */
export const VIEW_FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for an SVG (XML) text node or attribute value. */
export const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** A tile's fill and dash per legend key: colour is never the only difference (the dash differs too). */
export const TILE_STYLE: Record<Architecture | Status, { fill: string; dash: string | null }> = {
  COMMON_GROUND: { fill: '#9fd89a', dash: null },
  HYBRID: { fill: '#fdd49e', dash: '4 2' },
  LEGACY: { fill: '#f4a3a0', dash: '1.5 1.5' },
  IN_PRODUCTION: { fill: '#9fd89a', dash: null },
  ACQUIRING: { fill: '#b9d3ee', dash: '2 2' },
  PLANNED: { fill: '#d8d2ee', dash: '4 2' },
  PHASING_OUT: { fill: '#fdd49e', dash: '1.5 1.5' },
  RETIRED: { fill: '#d9d9d9', dash: '1 3' },
};

/** The legend's entries for a colouring, in the order drawn (retired usages are never drawn). */
export function legendKeys(colourBy: ColourBy): { key: Architecture | Status; label: string }[] {
  if (colourBy === 'architecture')
    return (['COMMON_GROUND', 'HYBRID', 'LEGACY'] as const).map((key) => ({ key, label: architectureLabel[key] }));
  return (['IN_PRODUCTION', 'ACQUIRING', 'PLANNED', 'PHASING_OUT'] as const).map((key) => ({
    key,
    label: usageStatusLabel[key],
  }));
}

/** What a tile reads out (its <title>, the link's name; the visible text, up to an ellipsis, is part of it): "Zaakregistratiecomponent: Pakket X, Common Ground, in productie". */
export function tileName(tile: Tile, organisationName?: string): string {
  const who = organisationName ? ` (${organisationName})` : '';
  return `${tile.componentName}: ${tile.usage.name}${who}, ${architectureLabel[tile.usage.architecture]}, ${usageStatusLabel[tile.usage.status].toLowerCase()}`;
}

/** The sentence under the legend that says how several organisations share a box. */
export function lanesText(organisations: readonly { name: string }[]): string | null {
  if (organisations.length < 2) return null;
  const names = organisations.map((o, i) => `${i + 1}. ${o.name}`).join(', ');
  return `Elk vak is in stroken verdeeld, van links naar rechts: ${names}.`;
}

export interface SvgOptions {
  title: string;
  /** The part of the view to show (a group), in view pixels; the whole view without. */
  box?: { x: number; y: number; width: number; height: number };
  /** Width and height attributes in pixels (a download); without, the SVG fills its container. */
  pixelSize?: boolean;
}

const DEFAULT_FILL: Record<string, string> = { ELEMENT: '#ffffff', GROUP: '#ffffff', NOTE: '#ffffff' };
const n = (v: number) => Math.round(v * 10) / 10;

function boxSvg(box: Box): string {
  const fill = box.fillColor ?? DEFAULT_FILL[box.kind] ?? '#ffffff';
  const grouping = box.kind === 'GROUP' || box.gemmaType === 'Groep';
  const stroke = grouping ? ' stroke-dasharray="6 3"' : '';
  const rect = `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="${esc(fill)}" stroke="#5a5a5a" stroke-width="1"${stroke}/>`;
  // Elements centre their label as GEMMA does; groups and notes start it at the left.
  const centred = box.kind === 'ELEMENT' && !grouping;
  const x = centred ? box.x + box.width / 2 : box.x + TILE.padding;
  const anchor = centred ? ' text-anchor="middle"' : '';
  const weight = box.component ? '' : ' font-weight="bold"';
  const text = box.lines
    .map(
      (line, i) =>
        `<text x="${n(x)}" y="${box.y + TILE.padding + TILE.labelFont + i * TILE.lineHeight}" font-size="${TILE.labelFont}"${anchor}${weight} fill="#1a1a1a">${esc(line)}</text>`,
    )
    .join('');
  const full = box.lines.join(' ') !== box.label ? `<title>${esc(box.label)}</title>` : '';
  let hatch = '';
  if (box.empty) {
    const top = box.y + TILE.padding + box.lines.length * TILE.lineHeight + TILE.gap;
    const height = box.y + box.height - TILE.padding - top;
    if (height > 4)
      hatch = `<rect class="leeg" x="${box.x + TILE.padding}" y="${top}" width="${box.width - 2 * TILE.padding}" height="${height}" fill="url(#leeg)" stroke="#767676" stroke-width="0.8"/>`;
  }
  return `<g data-node="${esc(box.id)}"${box.component ? ` data-component="${esc(box.objectId ?? '')}"` : ''}${box.empty ? ' data-empty="true"' : ''}>${full}${rect}${hatch}${text}</g>`;
}

function tileSvg(tile: Tile, organisationName: string | undefined): string {
  const style = TILE_STYLE[tile.key];
  const name = tileName(tile, organisationName);
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  return (
    `<a class="tegel" href="${esc(tile.usage.href)}" data-node="${esc(tile.nodeId)}" data-usage="${esc(tile.usage.id)}" data-component="${esc(tile.componentId)}" data-organisation="${esc(tile.organisation)}">` +
    `<title>${esc(name)}</title>` +
    `<rect x="${n(tile.x)}" y="${n(tile.y)}" width="${n(tile.width)}" height="${tile.height}" rx="2" fill="${style.fill}" stroke="#333333" stroke-width="1.2"${dash}/>` +
    `<text x="${n(tile.x + TILE.padding)}" y="${n(tile.y + tile.height - 4.5)}" font-size="${TILE.font}" fill="#111111">${esc(tile.text)}</text></a>`
  );
}

/** The legend as SVG rows starting at (x, y); returns the markup and its height. */
function legendSvg(layout: ViewLayout, x: number, y: number, scale: number): { svg: string; height: number } {
  const font = 12 * scale;
  const row = 22 * scale;
  const items: string[] = [];
  const heading = layout.colourBy === 'architecture' ? 'Kleur: architectuur' : 'Kleur: status';
  items.push(`<text x="${n(x)}" y="${n(y + font)}" font-size="${n(font)}" font-weight="bold">${esc(heading)}</text>`);
  let cx = x;
  const swatchY = y + row;
  const entries = [
    ...legendKeys(layout.colourBy).map((e) => ({ ...TILE_STYLE[e.key], label: e.label, hatch: false })),
    { fill: 'url(#leeg)', dash: null, label: 'Leeg: geen gebruik', hatch: true },
  ];
  for (const e of entries) {
    const dash = e.dash ? ` stroke-dasharray="${e.dash}"` : '';
    items.push(
      `<rect x="${n(cx)}" y="${n(swatchY)}" width="${n(28 * scale)}" height="${n(14 * scale)}" fill="${e.fill}" stroke="#333333" stroke-width="${n(1.2 * scale)}"${dash}/>`,
      `<text x="${n(cx + 34 * scale)}" y="${n(swatchY + 11 * scale)}" font-size="${n(font)}">${esc(e.label)}</text>`,
    );
    cx += (56 + e.label.length * 8) * scale;
  }
  let height = 2 * row + 4 * scale;
  const lanes = lanesText(layout.organisations);
  if (lanes) {
    items.push(`<text x="${n(x)}" y="${n(y + 2 * row + font)}" font-size="${n(font)}">${esc(lanes)}</text>`);
    height += row;
  }
  return { svg: `<g class="legenda">${items.join('')}</g>`, height };
}

/** The whole drawing: boxes in file order (parents first), tiles and "+N" on top, the legend under it. */
export function viewSvg(layout: ViewLayout, options: SvgOptions): string {
  const nodes = layout.boxes;
  const area = options.box ?? {
    x: Math.min(0, ...nodes.map((b) => b.x)),
    y: Math.min(0, ...nodes.map((b) => b.y)),
    width: Math.max(1, ...nodes.map((b) => b.x + b.width)),
    height: Math.max(1, ...nodes.map((b) => b.y + b.height)),
  };
  const margin = 10;
  // The legend's letters grow with the drawing, so that they keep their size beside GEMMA's labels when it is scaled.
  const scale = Math.max(1, area.width / 1400);
  const legend = legendSvg(layout, area.x, area.y + area.height + margin * 2, scale);
  const vb = {
    x: area.x - margin,
    y: area.y - margin,
    width: area.width + 2 * margin,
    height: area.height + 3 * margin + legend.height,
  };
  const names = new Map(layout.organisations.map((o) => [o.slug, o.name]));
  const several = layout.organisations.length > 1;
  const inside = (b: { x: number; y: number; width: number; height: number }) =>
    b.x + b.width > area.x && b.x < area.x + area.width && b.y + b.height > area.y && b.y < area.y + area.height;
  const size = options.pixelSize ? ` width="${n(vb.width)}" height="${n(vb.height)}"` : '';
  const defs =
    '<defs><pattern id="leeg" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
    '<rect width="8" height="8" fill="#eeeeee"/><line x1="0" y1="0" x2="0" y2="8" stroke="#9a9a9a" stroke-width="2"/></pattern></defs>';
  const overflow = layout.overflows
    .filter(inside)
    .map((o) => {
      const names = o.hidden.map((u) => u.name).join(', ');
      const label = `Nog ${o.hidden.length} ${o.hidden.length === 1 ? 'gebruik' : 'gebruiken'}: ${names}`;
      return (
        `<g class="meer" data-node="${esc(o.nodeId)}" data-organisation="${esc(o.organisation)}" data-hidden="${esc(o.hidden.map((u) => u.id).join(' '))}"><title>${esc(label)}</title>` +
        `<rect x="${n(o.x)}" y="${n(o.y)}" width="${n(o.width)}" height="${o.height}" rx="2" fill="#ffffff" stroke="#333333" stroke-width="1"/>` +
        `<text x="${n(o.x + o.width / 2)}" y="${n(o.y + o.height - 4.5)}" font-size="${TILE.font}" text-anchor="middle" font-weight="bold">+${o.hidden.length}</text></g>`
      );
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(vb.x)} ${n(vb.y)} ${n(vb.width)} ${n(vb.height)}"${size} font-family="${esc(VIEW_FONT)}" aria-labelledby="plaat-titel" class="plaat">` +
    `<title id="plaat-titel">${esc(options.title)}</title>${defs}` +
    `<rect x="${n(vb.x)}" y="${n(vb.y)}" width="${n(vb.width)}" height="${n(vb.height)}" fill="#ffffff"/>` +
    nodes.filter(inside).map(boxSvg).join('') +
    layout.tiles
      .filter(inside)
      .map((t) => tileSvg(t, several ? names.get(t.organisation) : undefined))
      .join('') +
    overflow +
    legend.svg +
    '</svg>'
  );
}
