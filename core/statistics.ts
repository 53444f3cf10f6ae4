// The hub's statistics as plain functions over loaded rows: the products most used per GEMMA reference component, Common
// Ground adoption over time ("as it was", from the status dates and the product changes in the audit trail) and legacy
// still running per Common Ground layer. Counts only: which organisation uses which product is for the caller to guard.
import { type Architecture, LAYERS, type LayerName } from './analysis.ts';
import { type DatedUsage, statusAt } from './landscape-at.ts';
import { DAY, parseQuarter, quarterOf, shiftQuarter } from './quarters.ts';
import { STATUS_DATE, USAGE_STATUSES, type UsageStatus } from './usage-status.ts';

/** Live: in production or being phased out, as the home page counts it. */
export const LIVE_STATUSES: readonly UsageStatus[] = ['IN_PRODUCTION', 'PHASING_OUT'];
const isLive = (status: UsageStatus | null) => status !== null && LIVE_STATUSES.includes(status);

/** How many quarters back adoption over time goes: three years. */
export const ADOPTION_QUARTERS = 12;

/**
 * The days adoption over time is counted on: the last day of each of the `quarters` quarters before today's quarter,
 * oldest first, then today. A fixed number of days, whatever the data: the cost of the figure is bounded.
 */
export function adoptionDays(today: Date, quarters = ADOPTION_QUARTERS): Date[] {
  const current = quarterOf(today);
  const ends = Array.from({ length: quarters }, (_, i) => parseQuarter(shiftQuarter(current, i - quarters)).last);
  return [...ends, today];
}

/** A recorded change of a product's architecture class (an UPDATE of the product in the audit trail). */
export interface ArchitectureChange {
  productId: string;
  at: Date;
  before: Architecture;
  after: Architecture;
}

/**
 * A product's architecture class at the end of `day`: the class before its first recorded change after that day, or
 * its current class when nothing changed since. A product changed on the day itself has its new class that day.
 */
export function architectureAt(current: Architecture, changes: readonly ArchitectureChange[], day: Date): Architecture {
  const end = day.getTime() + DAY;
  const later = changes.filter((c) => c.at.getTime() >= end).sort((a, b) => a.at.getTime() - b.at.getTime());
  return later[0]?.before ?? current;
}

/** Counts of live usages by architecture class. */
export interface ClassCounts {
  total: number;
  commonGround: number;
  hybrid: number;
  legacy: number;
}

const emptyCounts = (): ClassCounts => ({ total: 0, commonGround: 0, hybrid: 0, legacy: 0 });
const KEY: Record<Architecture, 'commonGround' | 'hybrid' | 'legacy'> = {
  COMMON_GROUND: 'commonGround',
  HYBRID: 'hybrid',
  LEGACY: 'legacy',
};

export type AdoptionPoint = ClassCounts & { day: Date };

/**
 * Live usages per architecture class on each day: a usage counts when statusAt gives it a live status that day, with
 * its product's class as it was that day (architectureAt over the product's recorded changes).
 */
export function adoptionOverTime(
  usages: readonly (DatedUsage & { productId: string })[],
  products: ReadonlyMap<string, { architecture: Architecture; changes: readonly ArchitectureChange[] }>,
  days: readonly Date[],
  today: Date,
): AdoptionPoint[] {
  const classes = new Map(
    [...products].map(([id, p]) => [id, days.map((day) => architectureAt(p.architecture, p.changes, day))]),
  );
  const counts = days.map(emptyCounts);
  for (const usage of usages) {
    const classOn = classes.get(usage.productId);
    if (!classOn) continue;
    liveOn(usage, days, today).forEach((live, i) => {
      const row = counts[i];
      const architecture = classOn[i];
      if (!live || !row || !architecture) return;
      row[KEY[architecture]]++;
      row.total++;
    });
  }
  return days.map((day, i) => ({ day, ...(counts[i] ?? emptyCounts()) }));
}

const DATE_COLUMNS = USAGE_STATUSES.map((s) => STATUS_DATE[s].column);

/**
 * Whether statusAt gives the usage a live status on each day. Before today its answer changes only where a status
 * date (or, for a usage without any, its registration) is passed, so it is asked once per stretch between those: a
 * few times per usage rather than once per day, which keeps thousands of usages over thirteen days cheap.
 */
export function liveOn(usage: DatedUsage, days: readonly Date[], today: Date): boolean[] {
  const asked = new Map<number, boolean>();
  return days.map((day) => {
    if (day >= today) return isLive(statusAt(usage, day, today));
    let passed = usage.createdAt.getTime() < day.getTime() + DAY ? 100 : 0;
    for (const column of DATE_COLUMNS) {
      const date = usage[column];
      if (date && date <= day) passed++;
    }
    let live = asked.get(passed);
    if (live === undefined) {
      live = isLive(statusAt(usage, day, today));
      asked.set(passed, live);
    }
    return live;
  });
}

/** Each product's recorded architecture changes, by product id. */
export function changesByProduct(changes: readonly ArchitectureChange[]): Map<string, ArchitectureChange[]> {
  return Map.groupBy(changes, (c) => c.productId);
}

export type LayerLegacy = ClassCounts & { layer: LayerName; legacyPhasingOut: number };

/**
 * Per Common Ground layer, in the model's order: live usages by their product's class, and of the legacy ones how many
 * are being phased out. A product in two layers counts in both.
 */
export function legacyPerLayer(
  usages: readonly { status: UsageStatus; product: { architecture: Architecture; layers: readonly LayerName[] } }[],
): LayerLegacy[] {
  return LAYERS.map((layer) => {
    const row: LayerLegacy = { layer, ...emptyCounts(), legacyPhasingOut: 0 };
    for (const u of usages) {
      if (!isLive(u.status) || !u.product.layers.includes(layer)) continue;
      row[KEY[u.product.architecture]]++;
      row.total++;
      if (u.product.architecture === 'LEGACY' && u.status === 'PHASING_OUT') row.legacyPhasingOut++;
    }
    return row;
  });
}

/** One live usage's realisation of a reference component: the product and the organisation using it. */
export interface ComponentUse {
  referenceComponent: { id: string; name: string };
  product: { id: string; name: string };
  organisationId: string;
}

export interface ComponentProducts {
  referenceComponentId: string;
  /** Organisations with a live usage realising the component, whatever the product. */
  organisations: number;
  /** Products realising it in some organisation. */
  productCount: number;
  /** The most used, by organisations using them, then by name; at most `limit`. */
  products: { productId: string; organisations: number }[];
}

/**
 * How many organisations use each product for each reference component, and each component at all: the counts behind
 * productsPerComponent. Kept up to date one organisation at a time: `add` an organisation's pairs of component and
 * product, `remove` the same pairs when its share changes, so the hub's figure after an edit costs that organisation's
 * pairs and one ranking instead of a pass over every organisation's (graphql/statistics-hub.ts).
 */
export class ComponentTally {
  /** Per component, per product, the organisations using it. */
  private readonly products = new Map<string, Map<string, number>>();
  /** Per component, the organisations using it with any product. */
  private readonly organisations = new Map<string, number>();

  /** One organisation's distinct pairs of component and product, counted in. */
  add(pairs: Iterable<readonly [componentId: string, productId: string]>): void {
    this.count(pairs, 1);
  }

  /** The same organisation's pairs as added, counted out again. */
  remove(pairs: Iterable<readonly [componentId: string, productId: string]>): void {
    this.count(pairs, -1);
  }

  private count(pairs: Iterable<readonly [string, string]>, by: 1 | -1): void {
    const components = new Set<string>();
    for (const [component, product] of pairs) {
      components.add(component);
      let products = this.products.get(component);
      if (!products) {
        products = new Map();
        this.products.set(component, products);
      }
      const n = (products.get(product) ?? 0) + by;
      if (n > 0) products.set(product, n);
      else products.delete(product);
      if (!products.size) this.products.delete(component);
    }
    for (const component of components) {
      const n = (this.organisations.get(component) ?? 0) + by;
      if (n > 0) this.organisations.set(component, n);
      else this.organisations.delete(component);
    }
  }

  /**
   * Per reference component, its products by the number of organisations using them (most first, then by name), at
   * most `limit` each; components with the most organisations first, then by name. Names come from `componentName`
   * and `productName`.
   */
  ranked(
    limit: number,
    componentName: (id: string) => string,
    productName: (id: string) => string,
  ): ComponentProducts[] {
    return [...this.products]
      .map(([referenceComponentId, products]) => ({
        referenceComponentId,
        name: componentName(referenceComponentId),
        organisations: this.organisations.get(referenceComponentId) ?? 0,
        productCount: products.size,
        products: [...products]
          .map(([productId, organisations]) => ({ productId, name: productName(productId), organisations }))
          .sort(mostThenName)
          .slice(0, limit)
          .map(({ productId, organisations }) => ({ productId, organisations })),
      }))
      .sort(mostThenName)
      .map(({ name: _, ...row }) => row);
  }
}

/**
 * Per reference component, its products by the number of organisations using them (most first, then by name), at most
 * `limit` each; components with the most organisations first, then by name. An organisation counts once per product.
 */
export function productsPerComponent(uses: readonly ComponentUse[], limit: number): ComponentProducts[] {
  const pairsOf = new Map<string, Map<string, readonly [string, string]>>();
  const componentNames = new Map<string, string>();
  const productNames = new Map<string, string>();
  for (const u of uses) {
    componentNames.set(u.referenceComponent.id, u.referenceComponent.name);
    productNames.set(u.product.id, u.product.name);
    let pairs = pairsOf.get(u.organisationId);
    if (!pairs) {
      pairs = new Map();
      pairsOf.set(u.organisationId, pairs);
    }
    pairs.set(`${u.referenceComponent.id}\u0000${u.product.id}`, [u.referenceComponent.id, u.product.id]);
  }
  const tally = new ComponentTally();
  for (const pairs of pairsOf.values()) tally.add(pairs.values());
  return tally.ranked(
    limit,
    (id) => componentNames.get(id) ?? '',
    (id) => productNames.get(id) ?? '',
  );
}

const mostThenName = (a: { organisations: number; name: string }, b: { organisations: number; name: string }) =>
  b.organisations - a.organisations || a.name.localeCompare(b.name, 'nl');
