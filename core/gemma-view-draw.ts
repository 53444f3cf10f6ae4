// One drawing of organisations' landscapes on a GEMMA view, whole or one group of it, with the table that says the
// same in rows; and how much of a view a landscape covers. The view page and the downloads both draw through here.
import {
  type ColourBy,
  layOutView,
  subtree,
  type ViewLayout,
  type ViewNode,
  type ViewOrganisation,
  type ViewUsage,
} from './gemma-view-layout.ts';
import { viewSvg } from './gemma-view-svg.ts';

export interface DrawInput {
  view: { code: string; name: string };
  nodes: readonly ViewNode[];
  /** Reference components' names by GEMMA object id. */
  components: ReadonlyMap<string, string>;
  organisations: readonly ViewOrganisation[];
  colourBy: ColourBy;
  /** A node id: show only that group (and what is inside it); unknown ids show the whole view. */
  group?: string | null;
  pixelSize?: boolean;
}

export interface Drawing {
  layout: ViewLayout;
  svg: string;
  /** The group shown, when one is. */
  group: ViewNode | null;
}

/** The drawing's title: the view, the group and the organisations. */
export function drawingTitle(input: Pick<DrawInput, 'view' | 'organisations'>, group: ViewNode | null): string {
  const names = input.organisations.map((o) => o.name).join(', ');
  return `${input.view.name}${group ? `, groep ${group.label}` : ''}: ${names}`;
}

export function drawView(input: DrawInput): Drawing {
  const group = (input.group && input.nodes.find((n) => n.id === input.group)) || null;
  const nodes = group ? input.nodes.filter((n) => subtree(input.nodes, group.id).has(n.id)) : input.nodes;
  const layout = layOutView(nodes, input.components, input.organisations, input.colourBy);
  const svg = viewSvg(layout, {
    title: drawingTitle(input, group),
    box: group ? { x: group.x, y: group.y, width: group.width, height: group.height } : undefined,
    pixelSize: input.pixelSize,
  });
  return { layout, svg, group };
}

export interface ComponentRow {
  componentId: string;
  name: string;
  /** How often the component is on the view (GEMMA draws some more than once). */
  places: number;
  /** Per organisation, in the order given: the usages that realise it (retired ones left out), by name. */
  usages: ViewUsage[][];
}

/** Every reference component on the (part of the) view, once, in drawing order, with the usages that realise it. */
export function componentRows(layout: ViewLayout, organisations: readonly ViewOrganisation[]): ComponentRow[] {
  const rows = new Map<string, ComponentRow>();
  for (const box of layout.boxes) {
    if (!box.component || !box.objectId) continue;
    const found = rows.get(box.objectId);
    if (found) {
      found.places++;
      continue;
    }
    const id = box.objectId;
    rows.set(id, {
      componentId: id,
      name: box.label,
      places: 1,
      usages: organisations.map((o) =>
        o.usages
          .filter((u) => u.status !== 'RETIRED' && u.referenceComponentIds.includes(id))
          .sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id)),
      ),
    });
  }
  return [...rows.values()];
}

/** How many of a view's reference components the landscape's usages (retired ones left out) realise. */
export function coverage(
  componentIds: readonly string[],
  usages: readonly Pick<ViewUsage, 'status' | 'referenceComponentIds'>[],
): { covered: number; total: number } {
  const realised = new Set(usages.filter((u) => u.status !== 'RETIRED').flatMap((u) => u.referenceComponentIds));
  const total = new Set(componentIds);
  return { covered: [...total].filter((id) => realised.has(id)).length, total: total.size };
}
