// The comparison of landscapes: a matrix of reference components against organisations, and consolidation candidates
// (products that can replace one another, shared products with separate beheer), over loaded rows.
import type { Architecture, Status } from './analysis.ts';

export interface ComparisonUsage {
  id: string;
  organisationId: string;
  operatorId: string | null;
  status: Status;
  product: { id: string; name: string; architecture: Architecture };
  referenceComponentIds: string[];
}

export interface ComparisonRow {
  referenceComponentId: string;
  cells: { organisationId: string; usages: ComparisonUsage[] }[];
  /** The organisations that use it chose different products (organisations without it are not a difference). */
  differs: boolean;
  hasLegacy: boolean;
  /** Products used for this component by two or more of the organisations. */
  sharedProductIds: string[];
}

/** One row per reference component any of the organisations uses (retired usages left out), cells in column order. */
export function comparisonRows(organisationIds: string[], usages: ComparisonUsage[]): ComparisonRow[] {
  const columns = new Set(organisationIds);
  // One pass over the usages into component -> organisation -> usages: twelve landscapes hold thousands of usages and
  // hundreds of components, so nothing below scans them again per component or per column.
  const byComponent = new Map<string, Map<string, ComparisonUsage[]>>();
  for (const u of usages) {
    if (u.status === 'RETIRED' || !columns.has(u.organisationId)) continue;
    for (const componentId of new Set(u.referenceComponentIds)) {
      const perOrganisation = byComponent.get(componentId) ?? new Map<string, ComparisonUsage[]>();
      byComponent.set(componentId, perOrganisation);
      const list = perOrganisation.get(u.organisationId);
      if (list) list.push(u);
      else perOrganisation.set(u.organisationId, [u]);
    }
  }
  return [...byComponent].map(([referenceComponentId, perOrganisation]) => {
    const productSets = new Set<string>();
    const organisationsPerProduct = new Map<string, Set<string>>();
    let hasLegacy = false;
    for (const [organisationId, list] of perOrganisation) {
      productSets.add([...new Set(list.map((u) => u.product.id))].sort().join('|'));
      for (const u of list) {
        hasLegacy ||= u.product.architecture === 'LEGACY';
        const organisations = organisationsPerProduct.get(u.product.id);
        if (organisations) organisations.add(organisationId);
        else organisationsPerProduct.set(u.product.id, new Set([organisationId]));
      }
    }
    return {
      referenceComponentId,
      cells: organisationIds.map((organisationId) => ({
        organisationId,
        usages: perOrganisation.get(organisationId) ?? [],
      })),
      differs: productSets.size > 1,
      hasLegacy,
      sharedProductIds: [...organisationsPerProduct]
        .filter(([, organisations]) => organisations.size >= 2)
        .map(([id]) => id)
        .sort(),
    };
  });
}

/**
 * Two products where one can replace the other: they realise the same reference components, or the one realises all
 * the other does and more than half of its own set is that overlap (comparable scope: a suite is no alternative to a
 * point product, and two products that merely share one component usually complement each other).
 */
export interface Alternative {
  /** The pair, the product realising fewer components first (by id when equal). */
  productIds: [string, string];
  /** SAME: equal sets; SUBSET: the first product's set lies within the second's. */
  relation: 'SAME' | 'SUBSET';
  /** Components both realise, sorted. */
  sharedComponentIds: string[];
  /** Components only the second product realises (empty for SAME), sorted. */
  extraComponentIds: string[];
  /** Organisations running each product (live usages), in the order of productIds. */
  organisationIds: [string[], string[]];
}

export interface Consolidation {
  /** Products in use that could replace one another. */
  alternatives: Alternative[];
  /** Products two or more organisations run with different operators (technisch beheer): joint beheer could pay. */
  separateBeheer: { productId: string; organisationIds: string[]; operatorCount: number }[];
}

/**
 * Whether product `a` (components `as`) and product `b` (components `bs`) can replace one another, and how: equal sets,
 * or the smaller a subset of the larger covering more than half of it. Null for anything else, including one shared
 * component among others each realises alone.
 */
export function alternativeOf(
  as: string[],
  bs: string[],
): (Pick<Alternative, 'relation' | 'sharedComponentIds' | 'extraComponentIds'> & { swap: boolean }) | null {
  const a = new Set(as);
  const b = new Set(bs);
  // Stryker disable next-line EqualityOperator: equal sizes swap only for equal sets, which never swap (SAME below)
  const swap = a.size > b.size;
  const [small, large] = swap ? [b, a] : [a, b];
  // A product without components replaces nothing (the larger one's share below already refuses all but two empty sets).
  if (small.size === 0) return null;
  if (![...small].every((c) => large.has(c))) return null;
  const shared = [...small].sort();
  const extra = [...large].filter((c) => !small.has(c)).sort();
  if (extra.length === 0) return { relation: 'SAME', sharedComponentIds: shared, extraComponentIds: [], swap: false };
  // More than half of the larger product's components must be what the smaller one does too.
  if (small.size * 2 <= large.size) return null;
  return { relation: 'SUBSET', sharedComponentIds: shared, extraComponentIds: extra, swap };
}

/** The pairing in Dutch, with the names users know: what both realise, and what the larger one does besides. */
export function explainAlternative(
  a: Pick<Alternative, 'relation' | 'sharedComponentIds' | 'extraComponentIds'>,
  productName: [string, string],
  componentName: (id: string) => string,
): string {
  const names = (ids: string[]) =>
    ids
      .map(componentName)
      .sort((x, y) => x.localeCompare(y, 'nl'))
      .join(', ');
  if (a.relation === 'SAME') return `Beide realiseren precies: ${names(a.sharedComponentIds)}.`;
  return `${productName[1]} realiseert alles wat ${productName[0]} realiseert (${names(a.sharedComponentIds)}) en daarnaast: ${names(a.extraComponentIds)}.`;
}

/**
 * Consolidation candidates among the organisations' live usages. `componentsOf` gives a product's reference components
 * (the catalogue's); a product without any there is judged by the components its usages here realise.
 */
export function consolidation(
  rows: ComparisonRow[],
  usages: ComparisonUsage[],
  organisationIds: string[],
  componentsOf: (productId: string) => string[] = () => [],
): Consolidation {
  const columns = new Set(organisationIds);
  const live = usages.filter((u) => u.status !== 'RETIRED' && columns.has(u.organisationId));
  const byProduct = Map.groupBy(live, (u) => u.product.id);
  // Per product in use here: the components it is judged by, the organisations that run it, and how many operators.
  const products = new Map(
    [...byProduct].map(([productId, list]) => {
      const own = componentsOf(productId);
      return [
        productId,
        {
          components: own.length > 0 ? own : [...new Set(list.flatMap((u) => u.referenceComponentIds))],
          organisationIds: [...new Set(list.map((u) => u.organisationId))].sort(),
          // The operator is the organisation itself when none is named.
          operatorCount: new Set(list.map((u) => u.operatorId ?? u.organisationId)).size,
        },
      ];
    }),
  );
  // Only products that meet in a row of the matrix (a component both realise here) are compared.
  const pairs = new Set<string>();
  for (const r of rows) {
    const ids = [...new Set(r.cells.flatMap((c) => c.usages.map((u) => u.product.id)))].sort();
    ids.forEach((x, i) => {
      for (const y of ids.slice(i + 1)) pairs.add(`${x}\u0000${y}`);
    });
  }
  const alternatives: Alternative[] = [];
  for (const pair of [...pairs].sort()) {
    const [x, y] = pair.split('\u0000') as [string, string];
    const [px, py] = [products.get(x), products.get(y)];
    // A product the rows hold that none of these organisations runs (rows of more organisations) is no candidate here.
    if (!px || !py) continue;
    const found = alternativeOf(px.components, py.components);
    if (!found) continue;
    const [first, second] = found.swap ? [py, px] : [px, py];
    alternatives.push({
      productIds: found.swap ? [y, x] : [x, y],
      relation: found.relation,
      sharedComponentIds: found.sharedComponentIds,
      extraComponentIds: found.extraComponentIds,
      organisationIds: [first.organisationIds, second.organisationIds],
    });
  }
  const separateBeheer = [...products]
    .map(([productId, { organisationIds, operatorCount }]) => ({ productId, organisationIds, operatorCount }))
    .filter((p) => p.organisationIds.length > 1 && p.operatorCount > 1)
    .sort((a, b) => b.organisationIds.length - a.organisationIds.length || a.productId.localeCompare(b.productId));
  return { alternatives, separateBeheer };
}
