// Lays one or more organisations' landscapes onto a GEMMA view: inside every box of a reference component, the usages
// that realise it as small labelled tiles (a grid under the box's label, "+N" for what does not fit), coloured by
// architecture class or by status. Retired usages are not drawn. A reference component that is on the view several
// times gets its tiles at each place. With several organisations each box is split into lanes side by side, one per
// organisation in the order given. Pure: the SVG (gemma-view-svg.ts), the pages and the tests share it.
import type { architectureLabel, usageStatusLabel } from './labels.ts';

export type ViewNodeKind = 'ELEMENT' | 'GROUP' | 'NOTE';

export interface ViewNode {
  id: string;
  parentId: string | null;
  kind: ViewNodeKind;
  objectId: string | null;
  gemmaType: string | null;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fillColor: string | null;
}

export type Architecture = keyof typeof architectureLabel;
export type Status = keyof typeof usageStatusLabel;

export interface ViewUsage {
  id: string;
  name: string;
  href: string;
  architecture: Architecture;
  status: Status;
  referenceComponentIds: readonly string[];
}

export interface ViewOrganisation {
  slug: string;
  name: string;
  usages: readonly ViewUsage[];
}

export type ColourBy = 'architecture' | 'status';

export interface Tile {
  nodeId: string;
  componentId: string;
  componentName: string;
  organisation: string;
  usage: ViewUsage;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The label as drawn (truncated with an ellipsis where it does not fit); usage.name is the whole name. */
  text: string;
  /** The legend key: an architecture class or a status. */
  key: Architecture | Status;
}

export interface Overflow {
  nodeId: string;
  organisation: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The usages that have no tile of their own here. */
  hidden: ViewUsage[];
}

export interface Box extends ViewNode {
  /** The label's lines as drawn at the top of the box. */
  lines: string[];
  /** A reference component's box: it gets tiles, or is drawn empty. */
  component: boolean;
  /** A reference component no usage of the organisations shown realises. */
  empty: boolean;
}

export interface ViewLayout {
  boxes: Box[];
  tiles: Tile[];
  overflows: Overflow[];
  colourBy: ColourBy;
  organisations: { slug: string; name: string }[];
}

export const TILE = { height: 16, gap: 3, padding: 4, font: 10, labelFont: 12, lineHeight: 14 } as const;
/** Average glyph width as a share of the font size, for DejaVu Sans/Liberation Sans (wide enough for both). */
const GLYPH = 0.6;

/** Cuts text to at most `max` characters, ending in an ellipsis when it was longer. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 1) return '…';
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** Wraps a label onto lines of the box's width, at most `maxLines` (the last one truncated). */
export function wrapLabel(label: string, width: number, maxLines = 2, font: number = TILE.labelFont): string[] {
  const perLine = Math.max(4, Math.floor((width - 2 * TILE.padding) / (font * GLYPH)));
  const lines: string[] = [];
  let line = '';
  // Words break at spaces and after hyphens ("Medewerker-|registratiecomponent"), as GEMMA's own drawings do.
  const words = label
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => w.split(/(?<=-)(?=\p{L})/u).map((part, i) => (i ? `\u0000${part}` : part)));
  for (const token of words) {
    const glued = token.startsWith('\u0000');
    const word = glued ? token.slice(1) : token;
    const next = line ? `${line}${glued ? '' : ' '}${word}` : word;
    if ([...next].length <= perLine || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.map((l) => truncate(l, perLine));
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, perLine);
  return kept.map((l) => truncate(l, perLine));
}

/** The legend key of a usage for a colouring. */
export const keyOf = (usage: ViewUsage, colourBy: ColourBy): Architecture | Status =>
  colourBy === 'architecture' ? usage.architecture : usage.status;

/**
 * The layout. `components` maps the reference components' GEMMA object ids to their names: a node whose object id is
 * one of them is a reference component's box. Usages are ordered by name within a box.
 */
export function layOutView(
  nodes: readonly ViewNode[],
  components: ReadonlyMap<string, string>,
  organisations: readonly ViewOrganisation[],
  colourBy: ColourBy,
): ViewLayout {
  const byComponent = organisations.map((org) => {
    const map = new Map<string, ViewUsage[]>();
    for (const usage of org.usages) {
      if (usage.status === 'RETIRED') continue;
      for (const id of new Set(usage.referenceComponentIds)) map.set(id, [...(map.get(id) ?? []), usage]);
    }
    for (const list of map.values())
      list.sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id));
    return map;
  });
  const boxes: Box[] = [];
  const tiles: Tile[] = [];
  const overflows: Overflow[] = [];
  for (const node of nodes) {
    const componentName = node.objectId ? components.get(node.objectId) : undefined;
    const component = node.kind === 'ELEMENT' && componentName !== undefined;
    const lines = wrapLabel(node.label, node.width, component ? 2 : 3);
    const perOrg = component ? byComponent.map((m) => m.get(node.objectId ?? '') ?? []) : [];
    boxes.push({ ...node, lines, component, empty: component && perOrg.every((u) => u.length === 0) });
    if (!component || !node.objectId || componentName === undefined) continue;
    const top = node.y + TILE.padding + lines.length * TILE.lineHeight + TILE.gap;
    const bottom = node.y + node.height - TILE.padding;
    const rows = Math.max(0, Math.floor((bottom - top + TILE.gap) / (TILE.height + TILE.gap)));
    const laneWidth = (node.width - 2 * TILE.padding - (organisations.length - 1) * TILE.gap) / organisations.length;
    // One organisation: two columns when the box is wide enough; several: one column per lane.
    const columns = organisations.length === 1 && laneWidth >= 150 ? 2 : 1;
    const tileWidth = (laneWidth - (columns - 1) * TILE.gap) / columns;
    const maxChars = Math.floor((tileWidth - 2 * TILE.padding) / (TILE.font * GLYPH));
    organisations.forEach((org, o) => {
      const usages = perOrg[o] ?? [];
      const capacity = rows * columns;
      const shown = usages.length > capacity ? Math.max(0, capacity - 1) : usages.length;
      const slot = (i: number) => ({
        x: node.x + TILE.padding + o * (laneWidth + TILE.gap) + (i % columns) * (tileWidth + TILE.gap),
        y: top + Math.floor(i / columns) * (TILE.height + TILE.gap),
        width: tileWidth,
        height: TILE.height,
      });
      usages.slice(0, shown).forEach((usage, i) => {
        tiles.push({
          nodeId: node.id,
          componentId: node.objectId as string,
          componentName,
          organisation: org.slug,
          usage,
          ...slot(i),
          text: truncate(usage.name, maxChars),
          key: keyOf(usage, colourBy),
        });
      });
      if (shown < usages.length)
        overflows.push({ nodeId: node.id, organisation: org.slug, ...slot(shown), hidden: usages.slice(shown) });
    });
  }
  return { boxes, tiles, overflows, colourBy, organisations: organisations.map(({ slug, name }) => ({ slug, name })) };
}

/** The node ids of a node and everything inside it, for showing one group on its own. */
export function subtree(nodes: readonly ViewNode[], rootId: string): Set<string> {
  const ids = new Set<string>([rootId]);
  for (const node of nodes) if (node.parentId && ids.has(node.parentId)) ids.add(node.id);
  return ids;
}

/** The groups a view can be opened by: top-level nodes with others inside them, in file order. */
export function viewGroups(nodes: readonly ViewNode[]): ViewNode[] {
  const parents = new Set(nodes.map((n) => n.parentId).filter((p): p is string => p !== null));
  return nodes.filter((n) => n.parentId === null && parents.has(n.id));
}
