// GEMMA's views (platen) from a GEMMA exchange file: the <views> of a release carry each node's bounds, nesting and
// fill colour. Read after parseAmeff has accepted the file (size, no DOCTYPE, depth), as a second pass that keeps only
// the views whose code (the first word of the name, as "RC00") is one of the codes asked for: the platen Grondplan
// plots on. Nodes come out parent before child, in the file's order, in the shape of content/gemma/views/.
import { SaxesParser } from 'saxes';
import type { AmeffItem } from './ameff-read.ts';
import type { GemmaViewNodeRow, GemmaViewRow, GemmaViews } from './gemma-views.ts';

const CODE = /^([A-Z]{2,4}\d{2})\s/;
const hex = (v: string) =>
  Math.max(0, Math.min(255, Number(v) || 0))
    .toString(16)
    .padStart(2, '0');

/** The views with these codes, or null when the file has none of them (the stored views then stay). */
export function readAmeffViews(
  bytes: Uint8Array,
  elements: readonly AmeffItem[],
  codes: ReadonlySet<string>,
): GemmaViews | null {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const views: GemmaViewRow[] = [];
  const nodes: GemmaViewNodeRow[] = [];
  let view: { id: string; name: string; nodes: GemmaViewNodeRow[] } | null = null;
  const open: (GemmaViewNodeRow | null)[] = [];
  const path: string[] = [];
  let text = '';
  const parser = new SaxesParser({ xmlns: false });
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    const attr = (a: string) => String(tag.attributes[a] ?? '');
    const parent = path[path.length - 1];
    path.push(name);
    text = '';
    if (name === 'view' && parent === 'diagrams') view = { id: attr('identifier'), name: '', nodes: [] };
    else if (name === 'node' && view) {
      const element = byId.get(attr('elementRef'));
      const type = attr('xsi:type');
      const outer = [...open].reverse().find((n) => n !== null);
      const node: GemmaViewNodeRow = {
        view_id: view.id,
        node_id: attr('identifier'),
        ouder_node_id: outer?.node_id,
        soort: type === 'Element' ? 'element' : type === 'Container' ? 'groep' : 'notitie',
        object_id: element?.properties.get('Object ID') || undefined,
        archimate_type: element?.type || undefined,
        gemma_type: element?.properties.get('GEMMA type') || undefined,
        label: element?.name ?? '',
        x: Math.round(Number(attr('x'))),
        y: Math.round(Number(attr('y'))),
        breedte: Math.round(Number(attr('w'))),
        hoogte: Math.round(Number(attr('h'))),
      };
      // A node of an element the file does not have (a relationship's, a diagram reference) is left out.
      const kept = type !== 'Element' || element ? node : null;
      open.push(kept);
      if (kept) view.nodes.push(kept);
    } else if (name === 'fillColor' && parent === 'style' && view) {
      const node = open[open.length - 1];
      if (node) node.vulkleur = `#${hex(attr('r'))}${hex(attr('g'))}${hex(attr('b'))}`;
    }
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    const name = local(tag.name);
    path.pop();
    const parent = path[path.length - 1];
    if (!view) return;
    if (name === 'name' && parent === 'view') view.name = text.trim();
    else if (name === 'label' && parent === 'node') {
      const node = open[open.length - 1];
      if (node && !node.label) node.label = text.trim();
    } else if (name === 'node') open.pop();
    else if (name === 'view') {
      const code = CODE.exec(`${view.name} `)?.[1];
      if (code && codes.has(code) && view.nodes.length) {
        views.push({
          view_id: view.id,
          code,
          naam: view.name,
          beschrijving: undefined,
          breedte: Math.max(...view.nodes.map((n) => n.x + n.breedte)),
          hoogte: Math.max(...view.nodes.map((n) => n.y + n.hoogte)),
        });
        nodes.push(...view.nodes);
      }
      view = null;
    }
  });
  parser.write(new TextDecoder().decode(bytes)).close();
  return views.length ? { views, nodes } : null;
}

/**
 * A release's views merged over the stored ones: those it carries (by code) replace theirs, the others stay, with a
 * warning naming them; null when it carries none of the stored codes.
 */
export function viewsOfRelease(
  bytes: Uint8Array,
  elements: readonly AmeffItem[],
  stored: GemmaViews | undefined,
): { views: GemmaViews | null; warnings: string[] } {
  if (!stored) return { views: null, warnings: [] };
  const read = readAmeffViews(bytes, elements, new Set(stored.views.map((v) => v.code)));
  if (!read) return { views: null, warnings: [] };
  const carried = new Set(read.views.map((v) => v.code));
  const kept = stored.views.filter((v) => !carried.has(v.code));
  const keptIds = new Set(kept.map((v) => v.view_id));
  return {
    views: {
      views: [...read.views, ...kept],
      nodes: [...read.nodes, ...stored.nodes.filter((n) => keptIds.has(n.view_id))],
    },
    warnings: kept.length
      ? [`De platen ${kept.map((v) => v.code).join(', ')} staan niet in het bestand; die blijven zoals ze zijn.`]
      : [],
  };
}
