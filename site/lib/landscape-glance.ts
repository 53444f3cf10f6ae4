// The landscape at a glance (the organisation page's first screen): the live usages as small tiles, in a column per
// Common Ground layer and within it a box per GEMMA group, with a bounded number of tiles per column so that the
// screen fits whatever the landscape's size (a box says how many more it holds).
import type { Architecture } from '#core/analysis.ts';
import { compareNl } from '#core/collation.ts';
import { layerLabel, layerOrder, type usageStatusLabel } from './labels.ts';

type Status = keyof typeof usageStatusLabel;
type Layer = keyof typeof layerLabel;

export interface GlanceUsage {
  key: string;
  /** The status as the query answers it (today, or at the date asked for). */
  status: Status;
  product: { name: string; architecture: Architecture; layers: readonly Layer[] };
  referenceComponents: readonly { name: string; group: string }[];
  /** The members a cooperation registered the usage for. */
  registeredFor?: readonly { name: string }[];
}

export interface GlanceTile {
  key: string;
  name: string;
  architecture: Architecture;
  phasingOut: boolean;
  /** The reference components it realises in this box's group, for a tooltip. */
  components: string[];
  /** The members it is registered for (a cooperation's usage), to tell its tiles of one product apart. */
  registeredFor: string[];
}

export interface GlanceBox {
  group: string;
  /** The group's name without GEMMA's "Referentiecomponenten" prefix. */
  label: string;
  total: number;
  tiles: GlanceTile[];
  /** How many tiles the box holds beyond those drawn. */
  more: number;
}

export interface GlanceColumn {
  /** A Common Ground layer, or null for products without a layer. */
  layer: Layer | null;
  id: string;
  label: string;
  /** Live usages in this layer, and of those per architecture class. */
  total: number;
  counts: Record<Architecture, number>;
  boxes: GlanceBox[];
}

/** The group a usage without reference components is shown in. */
export const NO_GROUP = 'Zonder referentiecomponent';
/**
 * Lines of two tiles (a box's caption takes one) per column at most, so that the first screen of 1280 x 800 holds
 * the landscape whatever its size; boxes per column at most, the rest folded into one box "Overige groepen".
 */
export const GLANCE_LINES = 14;
export const GLANCE_BOXES = 4;
const OTHER_GROUPS = 'Overige groepen';

const ARCHITECTURE_ORDER: readonly Architecture[] = ['COMMON_GROUND', 'HYBRID', 'LEGACY'];
const isLive = (status: Status) => status === 'IN_PRODUCTION' || status === 'PHASING_OUT';

/** GEMMA's group name as a box caption: "Referentiecomponenten generiek" reads "Generiek". */
export function groupLabel(group: string): string {
  const short = group.replace(/^Referentiecomponenten\s+/i, '');
  return short.charAt(0).toUpperCase() + short.slice(1);
}

/**
 * How many tiles of each box to draw so that the boxes fit `lines` lines of `perLine` tiles: a box takes a line for
 * its caption and one per `perLine` tiles, its "+N" tile included when it is cut. Tiles are handed out one per box in
 * turn, so the boxes that are cut are cut to about the same number.
 */
export function allot(sizes: readonly number[], lines: number, perLine = 2): number[] {
  const shown = sizes.map(() => 0);
  const cost = () => shown.reduce((sum, k, i) => sum + 1 + Math.ceil((k + (k < (sizes[i] ?? 0) ? 1 : 0)) / perLine), 0);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [i, size] of sizes.entries()) {
      if ((shown[i] ?? 0) >= size) continue;
      shown[i] = (shown[i] ?? 0) + 1;
      if (cost() <= lines) grew = true;
      else shown[i] = (shown[i] ?? 0) - 1;
    }
  }
  return shown;
}

const tileOrder = (a: GlanceTile, b: GlanceTile) =>
  ARCHITECTURE_ORDER.indexOf(a.architecture) - ARCHITECTURE_ORDER.indexOf(b.architecture) ||
  compareNl(a.name, b.name) ||
  compareNl(a.key, b.key);

/**
 * `n` of the tiles, each architecture class by its share (largest remainders, ties to the class drawn first), so that
 * a box that is cut shows its mix as it is; then by class and name.
 */
export function sample(tiles: readonly GlanceTile[], n: number): GlanceTile[] {
  const sorted = [...tiles].sort(tileOrder);
  if (n >= sorted.length) return sorted;
  const of = ARCHITECTURE_ORDER.map((a) => sorted.filter((t) => t.architecture === a));
  // Shares in whole numbers: class i's share is (size_i * n) / total, its remainder (size_i * n) % total.
  const counts = of.map((list) => Math.floor((list.length * n) / sorted.length));
  const byRemainder = of
    .map((list, i) => [(list.length * n) % sorted.length, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let left = n - counts.reduce((s, k) => s + k, 0), r = 0; left > 0; left--, r++) {
    const i = byRemainder[r]?.[1] ?? 0;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return of.flatMap((list, i) => list.slice(0, counts[i]));
}

/**
 * The live usages (in production or phasing out, by the status the query gave) as columns per layer in the order of
 * the five-layer model (a product in more layers is in each; one without a layer in a last column), each with a box
 * per GEMMA group of the usage's reference components (a usage in each group it touches), groups in the same order
 * in every column (most usages first). Tiles run Common Ground, hybrid, legacy, then by name.
 */
export function glanceColumns(
  usages: readonly GlanceUsage[],
  { lines = GLANCE_LINES, boxes = GLANCE_BOXES } = {},
): GlanceColumn[] {
  const live = usages.filter((u) => isLive(u.status));
  const groupsOf = (u: GlanceUsage) =>
    u.referenceComponents.length ? [...new Set(u.referenceComponents.map((c) => c.group))] : [NO_GROUP];
  const groupSize = new Map<string, number>();
  for (const u of live) for (const g of groupsOf(u)) groupSize.set(g, (groupSize.get(g) ?? 0) + 1);
  const groupRank = [...groupSize.keys()].sort(
    (a, b) =>
      Number(a === NO_GROUP) - Number(b === NO_GROUP) ||
      (groupSize.get(b) ?? 0) - (groupSize.get(a) ?? 0) ||
      compareNl(a, b),
  );
  const layers: (Layer | null)[] = [...layerOrder];
  if (live.some((u) => u.product.layers.length === 0)) layers.push(null);
  return layers.flatMap((layer) => {
    const members = live.filter((u) => (layer ? u.product.layers.includes(layer) : u.product.layers.length === 0));
    if (members.length === 0) return [];
    const counts = { COMMON_GROUND: 0, HYBRID: 0, LEGACY: 0 } satisfies Record<Architecture, number>;
    for (const u of members) counts[u.product.architecture]++;
    const byGroup = groupRank
      .map((group) => ({
        group,
        tiles: members
          .filter((u) => groupsOf(u).includes(group))
          .map((u) => ({
            key: u.key,
            name: u.product.name,
            architecture: u.product.architecture,
            phasingOut: u.status === 'PHASING_OUT',
            components: u.referenceComponents.filter((c) => c.group === group).map((c) => c.name),
            registeredFor: (u.registeredFor ?? []).map((o) => o.name),
          })),
      }))
      .filter((b) => b.tiles.length > 0);
    const kept =
      byGroup.length > boxes
        ? [
            ...byGroup.slice(0, boxes - 1),
            {
              group: OTHER_GROUPS,
              // A usage in two of the folded groups is one tile here.
              tiles: [...new Map(byGroup.slice(boxes - 1).flatMap((b) => b.tiles.map((t) => [t.key, t]))).values()],
            },
          ]
        : byGroup;
    const shown = allot(
      kept.map((b) => b.tiles.length),
      lines,
    );
    return [
      {
        layer,
        id: `laag-${layer ? layer.toLowerCase() : 'geen'}`,
        label: layer ? layerLabel[layer] : 'Zonder laag',
        total: members.length,
        counts,
        boxes: kept.map((b, i) => ({
          group: b.group,
          label: b.group === OTHER_GROUPS || b.group === NO_GROUP ? b.group : groupLabel(b.group),
          total: b.tiles.length,
          tiles: sample(b.tiles, shown[i] ?? 0),
          more: b.tiles.length - (shown[i] ?? 0),
        })),
      },
    ];
  });
}

type MigrationStatus = 'NOT_STARTED' | 'PREPARING' | 'MIGRATING' | 'PARALLEL_RUN' | 'DONE' | 'CANCELLED';
interface GlanceMigration {
  status: MigrationStatus;
  end: string;
  programme?: { deadline: string } | null;
}
const MIGRATION_ORDER: readonly MigrationStatus[] = [
  'PARALLEL_RUN',
  'MIGRATING',
  'PREPARING',
  'NOT_STARTED',
  'DONE',
  'CANCELLED',
];

/** A migration that is not cancelled and ends after its programme's deadline. */
export const migrationLate = (m: GlanceMigration) =>
  m.status !== 'CANCELLED' && m.programme != null && m.end > m.programme.deadline;

/**
 * The migrations to show first: under way before planned, planned before done and cancelled, then by end date; at
 * most `limit`, with how many are left.
 */
export function migrationsFirst<M extends GlanceMigration>(all: readonly M[], limit: number) {
  const sorted = [...all].sort(
    (a, b) => MIGRATION_ORDER.indexOf(a.status) - MIGRATION_ORDER.indexOf(b.status) || a.end.localeCompare(b.end),
  );
  return { shown: sorted.slice(0, limit), more: Math.max(0, sorted.length - limit) };
}
