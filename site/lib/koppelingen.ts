// The koppelingen of a landscape as the pages show them: the filters of the koppelingen page (from the query string),
// the map's nodes, edges and bands, the figures above it, and the cells of the koppelingen table.
import { compareNl } from '#core/collation.ts';
import {
  architectureLabel,
  directionText,
  type expectedStatusLabel,
  type interfaceStatusLabel,
  interfaceTypeLabel,
  layerLabel,
  layerOrder,
} from './labels.ts';
import { routes } from './routes.ts';

export type Architecture = keyof typeof architectureLabel;
export type LayerName = keyof typeof layerLabel;
export type InterfaceType = keyof typeof interfaceTypeLabel;
export type ExpectedStatus = keyof typeof expectedStatusLabel;

/** One end of a koppeling: a usage with its product. */
export interface KoppelingEnd {
  key: string;
  product: { name: string; architecture: Architecture; layers: readonly LayerName[] };
}
/** A koppeling as the koppelingen page reads it. */
export interface Koppeling {
  key: string;
  type: InterfaceType;
  direction: keyof typeof directionText;
  status: keyof typeof interfaceStatusLabel;
  copiesData: boolean;
  from: KoppelingEnd;
  to: KoppelingEnd | null;
  externalService: { gemmaId: string; name: string } | null;
}

/** A node of the koppelingen map (KoppelingenMap.astro). */
export interface MapNode {
  id: string;
  label: string;
  band: number;
  href: string;
  /** Accessible description: layer, architecture, number of koppelingen. */
  description: string;
  kind: Architecture | 'EXTERNAL';
}
/** An edge of the koppelingen map. */
export interface MapEdge {
  key: string;
  from: string;
  to: string;
  type: InterfaceType;
  direction: keyof typeof directionText;
  copiesData: boolean;
  withdrawn: boolean;
  title: string;
}

export const interfaceTypes = Object.keys(interfaceTypeLabel) as InterfaceType[];

/** What the filter form asks for: `?soort=API&gegevens=kopie&ingetrokken=ja&kleur=gegevens&rond=<key>`; unknown values fall back. */
export function koppelingenFilters(params: URLSearchParams) {
  const chosenTypes = params
    .getAll('soort')
    .filter((t): t is InterfaceType => interfaceTypes.includes(t as InterfaceType));
  const data = params.get('gegevens');
  return {
    chosenTypes,
    /** Nothing ticked shows every type. */
    shownTypes: chosenTypes.length > 0 ? chosenTypes : interfaceTypes,
    dataFilter: data === 'kopie' || data === 'bron' ? data : ('alle' as const),
    withWithdrawn: params.get('ingetrokken') === 'ja',
    colourBy: params.get('kleur') === 'gegevens' ? ('gegevens' as const) : ('soort' as const),
    around: params.get('rond') ?? '',
  };
}
export type KoppelingenFilters = ReturnType<typeof koppelingenFilters>;

/** The koppelingen the filters let through, by the name of their source's product, then key. */
export function filterKoppelingen<K extends Koppeling>(all: readonly K[], f: KoppelingenFilters): K[] {
  return all
    .filter((k) => f.shownTypes.includes(k.type))
    .filter((k) => (f.dataFilter === 'alle' ? true : f.dataFilter === 'kopie' ? k.copiesData : !k.copiesData))
    .filter((k) => f.withWithdrawn || k.status !== 'WITHDRAWN')
    .filter(
      (k) => !f.around || k.from.key === f.around || k.to?.key === f.around || k.externalService?.gemmaId === f.around,
    )
    .sort((a, b) => compareNl(a.from.product.name, b.from.product.name) || a.key.localeCompare(b.key));
}

/** What the map can centre on: usages by key and national facilities by GEMMA id, each once, by name. */
export function aroundOptions(all: readonly Koppeling[]): [string, string][] {
  return [
    ...new Map([
      ...all.flatMap((k) => [k.from, ...(k.to ? [k.to] : [])]).map((u) => [u.key, u.product.name] as const),
      ...all.flatMap((k) => (k.externalService ? [[k.externalService.gemmaId, k.externalService.name] as const] : [])),
    ]).entries(),
  ].sort((a, b) => compareNl(a[1], b[1]));
}

/** The layers of a usage's product, as words: "Interactie, Proces". */
export const layerText = (u: KoppelingEnd) => u.product.layers.map((l) => layerLabel[l]).join(', ');
/** Where a koppeling goes: the other usage's product or the national facility. */
export const otherEnd = (k: { to: { product: { name: string } } | null; externalService: { name: string } | null }) =>
  k.to?.product.name ?? k.externalService?.name ?? '–';
/** Whether a koppeling copies data, as the table says it. */
export const dataText = (copiesData: boolean) => (copiesData ? 'Kopie van gegevens' : 'Bevraagt de bron');

const EXTERNAL_BAND = 'Landelijke voorzieningen';
const allBands = [...layerOrder.map((l) => layerLabel[l]), EXTERNAL_BAND];
const externalIndex = allBands.length - 1;
/** A usage's band: the first Common Ground layer of its product (Interactie when it names none). */
const layerIndex = (u: KoppelingEnd) =>
  Math.max(
    0,
    layerOrder.findIndex((l) => u.product.layers.includes(l)),
  );
const nodeId = (k: Koppeling, side: 'from' | 'to') =>
  side === 'from' ? `u:${k.from.key}` : k.to ? `u:${k.to.key}` : `x:${k.externalService?.gemmaId ?? ''}`;

/**
 * The map of the koppelingen shown: a node per usage and national facility (links to the usage, or to the map around
 * the facility), an edge per koppeling, and only the bands that have something in them, so a focused map stays small.
 */
export function koppelingenMap(
  shown: readonly Koppeling[],
  slug: string,
): { nodes: MapNode[]; edges: MapEdge[]; bands: string[] } {
  const usedBands = [
    ...new Set(
      shown.flatMap((k) => [
        layerIndex(k.from),
        k.to ? layerIndex(k.to) : externalIndex,
        ...(k.externalService ? [externalIndex] : []),
      ]),
    ),
  ].sort((a, b) => a - b);
  const degree = new Map<string, number>();
  for (const k of shown)
    for (const id of [nodeId(k, 'from'), nodeId(k, 'to')]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const count = (id: string) => `${degree.get(id)} ${degree.get(id) === 1 ? 'koppeling' : 'koppelingen'}`;
  const nodes = new Map<string, MapNode>();
  for (const k of shown) {
    for (const u of [k.from, k.to].filter((x): x is KoppelingEnd => x !== null)) {
      const id = `u:${u.key}`;
      nodes.set(id, {
        id,
        label: u.product.name,
        band: usedBands.indexOf(layerIndex(u)),
        href: routes.usage(slug, u.key),
        description: `laag ${layerText(u)}, ${architectureLabel[u.product.architecture]}, ${count(id)}`,
        kind: u.product.architecture,
      });
    }
    if (k.externalService) {
      const id = nodeId(k, 'to');
      nodes.set(id, {
        id,
        // "LV-BGT - Basisregistratie Grootschalige Topografie" is "LV-BGT" on the map; the full name is its link text.
        label: k.externalService.name.split(' - ')[0] ?? k.externalService.name,
        band: usedBands.indexOf(externalIndex),
        href: `?rond=${encodeURIComponent(k.externalService.gemmaId)}#kaart`,
        description: `landelijke voorziening ${k.externalService.name}, ${count(id)}; toont de kaart rond deze voorziening`,
        kind: 'EXTERNAL',
      });
    }
  }
  const edges = shown.map((k) => ({
    key: k.key,
    from: nodeId(k, 'from'),
    to: nodeId(k, 'to'),
    type: k.type,
    direction: k.direction,
    copiesData: k.copiesData,
    withdrawn: k.status === 'WITHDRAWN',
    title: `${k.from.product.name} ${directionText[k.direction]} ${otherEnd(k)}: ${interfaceTypeLabel[k.type]}, ${dataText(k.copiesData).toLowerCase()}`,
  }));
  return { nodes: [...nodes.values()], edges, bands: usedBands.map((i) => allBands[i] ?? '') };
}

/** How many expected koppelingen (GEMMA) have each status. */
export function expectedCounts(expected: readonly { status: ExpectedStatus }[]): Record<ExpectedStatus, number> {
  const counts: Record<ExpectedStatus, number> = { MISSING: 0, DATA_COPY: 0, AT_SOURCE: 0, WITHIN_APPLICATION: 0 };
  for (const e of expected) counts[e.status] += 1;
  return counts;
}

/** The figures above the map: shown of all, copying, asking the source, applications and facilities, missing expected. */
export function koppelingenFigures(
  shown: readonly Koppeling[],
  total: number,
  nodeCount: number,
  expected: readonly { status: ExpectedStatus }[],
) {
  const copying = shown.filter((k) => k.copiesData).length;
  return {
    shown: shown.length,
    total,
    copying,
    atSource: shown.length - copying,
    nodes: nodeCount,
    missing: expectedCounts(expected).MISSING,
  };
}

/** The columns of the koppelingen page's table. */
export const koppelingColumns = ['from', 'direction', 'to', 'type', 'data', 'standards', 'via', 'status'] as const;
export type KoppelingColumn = (typeof koppelingColumns)[number];
export const koppelingColumnLabel: Record<KoppelingColumn, string> = {
  from: 'Van',
  direction: 'Richting',
  to: 'Naar',
  type: 'Soort',
  standards: 'Standaarden',
  data: 'Gegevens',
  via: 'Via',
  status: 'Status',
};

/** The standards a koppeling implements, with their version where known: "StUF-ZKN 3.10, ZGW API's" or "–". */
export const standardsText = (standards: readonly { standard: { name: string }; version?: string | null }[]) =>
  standards.map((s) => `${s.standard.name}${s.version ? ` ${s.version}` : ''}`).join(', ') || '–';
/** Under an end in the fuller table: its layers and architecture ("Proces · Hybride"). */
export const endDetail = (u: { product: { architecture?: Architecture; layers?: readonly LayerName[] } }) =>
  `${(u.product.layers ?? []).map((l) => layerLabel[l]).join(', ')} · ${u.product.architecture ? architectureLabel[u.product.architecture] : ''}`;
