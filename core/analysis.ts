// The figures Grondplan computes, as plain functions over loaded rows: adoption, standards gaps, comparison.
import { Architecture, Layer, UsageStatus } from '#prisma/generated/sqlite/client/enums.ts';
import { compareNl } from './collation.ts';

export type { Architecture };
export type LayerName = Layer;
export type Status = UsageStatus;

/** The layers in the model's order, from interaction down to data. */
export const LAYERS: LayerName[] = Object.values(Layer);

/** Orders layers as the model does, from interaction down to data (the database gives them in no set order). */
export const byLayer = (a: LayerName, b: LayerName) => LAYERS.indexOf(a) - LAYERS.indexOf(b);

export interface Share {
  total: number;
  commonGround: number;
  hybrid: number;
  legacy: number;
  commonGroundShare: number | null;
  hybridShare: number | null;
}

export interface Adoption extends Share {
  perLayer: (Share & { layer: LayerName })[];
  legacyStillRunning: number;
  phasingOut: number;
  interfacesCopying: number;
  interfacesAtSource: number;
}

/**
 * A landscape in counts, as SQL can give them without reading every usage: usages per status and product
 * architecture, usages in production per product layer and architecture, koppelingen (not withdrawn) by whether they
 * copy data.
 */
export interface LandscapeCounts {
  usages: { status: Status; architecture: Architecture; count: number }[];
  layers: { layer: LayerName; architecture: Architecture; count: number }[];
  interfaces: { copiesData: boolean; count: number }[];
}

/** The counts of loaded rows: the same figures the database groups for a page of organisations. */
export function countLandscape(
  usages: { status: Status; product: { architecture: Architecture; layers: LayerName[] } }[],
  interfaces: { copiesData: boolean; status: string }[],
): LandscapeCounts {
  const tally = <K extends object>(keys: K[], id: (k: K) => string) =>
    [...Map.groupBy(keys, id).values()].map((same) => ({ ...(same[0] as K), count: same.length }));
  return {
    usages: tally(
      usages.map((u) => ({ status: u.status, architecture: u.product.architecture })),
      (k) => `${k.status}|${k.architecture}`,
    ),
    layers: tally(
      usages.filter((u) => u.status === 'IN_PRODUCTION').flatMap((u) => u.product.layers.map((layer) => ({ layer, architecture: u.product.architecture }))),
      (k) => `${k.layer}|${k.architecture}`,
    ),
    interfaces: tally(
      interfaces.filter((i) => i.status !== 'WITHDRAWN').map((i) => ({ copiesData: i.copiesData })),
      (k) => String(k.copiesData),
    ),
  };
}

const sum = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function shares(byArchitecture: { architecture: Architecture; count: number }[]): Share {
  const count = (a: Architecture) => sum(byArchitecture.filter((u) => u.architecture === a));
  const total = count('COMMON_GROUND') + count('HYBRID') + count('LEGACY');
  return {
    total,
    commonGround: count('COMMON_GROUND'),
    hybrid: count('HYBRID'),
    legacy: count('LEGACY'),
    commonGroundShare: share(count('COMMON_GROUND'), total),
    hybridShare: share(count('HYBRID'), total),
  };
}

/**
 * Common Ground adoption of one landscape. Shares are over usages IN_PRODUCTION; "legacy still running" counts
 * LEGACY usages in production or being phased out; koppelingen count unless WITHDRAWN.
 */
export function adoptionOf(counts: LandscapeCounts): Adoption {
  return {
    ...shares(counts.usages.filter((u) => u.status === 'IN_PRODUCTION')),
    perLayer: LAYERS.map((layer) => ({ layer, ...shares(counts.layers.filter((l) => l.layer === layer)) })),
    legacyStillRunning: sum(counts.usages.filter((u) => u.architecture === 'LEGACY' && (u.status === 'IN_PRODUCTION' || u.status === 'PHASING_OUT'))),
    phasingOut: sum(counts.usages.filter((u) => u.status === 'PHASING_OUT')),
    interfacesCopying: sum(counts.interfaces.filter((i) => i.copiesData)),
    interfacesAtSource: sum(counts.interfaces.filter((i) => !i.copiesData)),
  };
}

/** Adoption of loaded rows (see adoptionOf). */
export const adoption = (
  usages: { status: Status; product: { architecture: Architecture; layers: LayerName[] } }[],
  interfaces: { copiesData: boolean; status: string }[],
): Adoption => adoptionOf(countLandscape(usages, interfaces));

export interface UsageSummary {
  total: number;
  byStatus: { key: Status; count: number }[];
  inProductionByArchitecture: { key: Architecture; count: number }[];
}

const STATUSES: Status[] = Object.values(UsageStatus);
const ARCHITECTURES: Architecture[] = Object.values(Architecture);

/** Headline figures of a landscape: all usages, per status, and those in production or being phased out per architecture. */
export function usageSummaryOf(counts: LandscapeCounts): UsageSummary {
  const live = counts.usages.filter((u) => u.status === 'IN_PRODUCTION' || u.status === 'PHASING_OUT');
  return {
    total: sum(counts.usages),
    byStatus: STATUSES.map((key) => ({ key, count: sum(counts.usages.filter((u) => u.status === key)) })),
    inProductionByArchitecture: ARCHITECTURES.map((key) => ({ key, count: sum(live.filter((u) => u.architecture === key)) })),
  };
}

/** Mandatory (Verplicht) standards of the usage's reference components that its product does not implement. */
export function standardsGaps(
  componentStandards: { referenceComponentId: string; standardId: string; role: string | null }[],
  usageComponentIds: string[],
  productStandardIds: string[],
): string[] {
  const implemented = new Set(productStandardIds);
  const components = new Set(usageComponentIds);
  const gaps = componentStandards
    .filter((l) => l.role === 'MANDATORY' && components.has(l.referenceComponentId) && !implemented.has(l.standardId))
    .map((l) => l.standardId);
  return [...new Set(gaps)].sort();
}

/**
 * What a landscape's check of mandatory standards can truthfully say. NO_USAGES: nothing to check (no usages that are
 * not retired, as for a cooperation whose members register their own); NOTHING_MANDATORY: its usages' reference
 * components ask for no mandatory standard; COMPLETE: every usage with mandatory standards implements them all; GAPS:
 * at least one does not. `usages` holds, per usage not retired, how many mandatory standards apply and how many miss.
 */
export function standardsCheck(usages: { mandatory: number; missing: number }[]): {
  verdict: 'NO_USAGES' | 'NOTHING_MANDATORY' | 'COMPLETE' | 'GAPS';
  usages: number;
  usagesWithMandatory: number;
  usagesWithGaps: number;
} {
  const usagesWithMandatory = usages.filter((u) => u.mandatory > 0).length;
  const usagesWithGaps = usages.filter((u) => u.missing > 0).length;
  const verdict = usages.length === 0 ? 'NO_USAGES' : usagesWithMandatory === 0 ? 'NOTHING_MANDATORY' : usagesWithGaps === 0 ? 'COMPLETE' : 'GAPS';
  return { verdict, usages: usages.length, usagesWithMandatory, usagesWithGaps };
}

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
      cells: organisationIds.map((organisationId) => ({ organisationId, usages: perOrganisation.get(organisationId) ?? [] })),
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
  if (a.size === 0 || b.size === 0) return null;
  const swap = a.size > b.size;
  const [small, large] = swap ? [b, a] : [a, b];
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
  const components = new Map(
    [...byProduct].map(([productId, list]) => {
      const own = componentsOf(productId);
      return [productId, own.length > 0 ? own : [...new Set(list.flatMap((u) => u.referenceComponentIds))]];
    }),
  );
  const organisationsOf = (productId: string) => [...new Set((byProduct.get(productId) ?? []).map((u) => u.organisationId))].sort();
  // Only products that meet in a row of the matrix (a component both realise here) are compared.
  const pairs = new Set<string>();
  for (const r of rows) {
    const ids = [...new Set(r.cells.flatMap((c) => c.usages.map((u) => u.product.id)))].sort();
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.add(`${ids[i]}\u0000${ids[j]}`);
  }
  const alternatives: Alternative[] = [];
  for (const pair of [...pairs].sort()) {
    const [x, y] = pair.split('\u0000') as [string, string];
    const found = alternativeOf(components.get(x) ?? [], components.get(y) ?? []);
    if (!found) continue;
    const productIds: [string, string] = found.swap ? [y, x] : [x, y];
    alternatives.push({
      productIds,
      relation: found.relation,
      sharedComponentIds: found.sharedComponentIds,
      extraComponentIds: found.extraComponentIds,
      organisationIds: [organisationsOf(productIds[0]), organisationsOf(productIds[1])],
    });
  }
  const separateBeheer = [...byProduct]
    .map(([productId, list]) => ({
      productId,
      organisationIds: [...new Set(list.map((u) => u.organisationId))].sort(),
      // The operator is the organisation itself when none is named.
      operatorCount: new Set(list.map((u) => u.operatorId ?? u.organisationId)).size,
    }))
    .filter((p) => p.organisationIds.length > 1 && p.operatorCount > 1)
    .sort((a, b) => b.organisationIds.length - a.organisationIds.length || a.productId.localeCompare(b.productId));
  return { alternatives, separateBeheer };
}

export type ExpectedStatus = 'AT_SOURCE' | 'DATA_COPY' | 'MISSING' | 'WITHIN_APPLICATION';

export interface ExpectedInterface {
  sourceComponentId: string;
  targetComponentId: string;
  /** GEMMA's names for the flows between the two components, sorted. */
  flowNames: string[];
  status: ExpectedStatus;
  sourceUsageIds: string[];
  targetUsageIds: string[];
  /** Koppelingen (not withdrawn) between a source and a target usage, in either direction or through an intermediary. */
  interfaceIds: string[];
}

/**
 * The koppelingen GEMMA's component flows ask of a landscape: one per pair of reference components that both have a
 * live usage (in production or being phased out). A pair is realised at the source when any koppeling between the
 * two sides queries the source, by a data copy when all of them copy, within one application when one usage realises
 * both components, and missing otherwise.
 */
export function expectedInterfaces(
  flows: { sourceId: string; targetId: string; name: string }[],
  usages: { id: string; status: Status; referenceComponentIds: string[] }[],
  interfaces: { id: string; fromUsageId: string; toUsageId: string | null; status: string; copiesData: boolean }[],
): ExpectedInterface[] {
  const live = usages.filter((u) => u.status === 'IN_PRODUCTION' || u.status === 'PHASING_OUT');
  const realising = (componentId: string) => live.filter((u) => u.referenceComponentIds.includes(componentId)).map((u) => u.id);
  const active = interfaces.filter((i) => i.status !== 'WITHDRAWN' && i.toUsageId !== null);
  const pairs = new Map<string, { sourceId: string; targetId: string; names: Set<string> }>();
  for (const f of flows) {
    // A component's flow to itself asks nothing of the landscape.
    if (f.sourceId === f.targetId) continue;
    const key = `${f.sourceId}>${f.targetId}`;
    const pair = pairs.get(key) ?? { sourceId: f.sourceId, targetId: f.targetId, names: new Set() };
    pair.names.add(f.name);
    pairs.set(key, pair);
  }
  const result: ExpectedInterface[] = [];
  for (const { sourceId, targetId, names } of pairs.values()) {
    const sources = realising(sourceId);
    const targets = realising(targetId);
    if (sources.length === 0 || targets.length === 0) continue;
    const connects = (a: string, b: string | null) => (sources.includes(a) && targets.includes(b ?? '')) || (targets.includes(a) && sources.includes(b ?? ''));
    const found = active.filter((i) => connects(i.fromUsageId, i.toUsageId));
    const within = sources.some((id) => targets.includes(id));
    const status: ExpectedStatus = found.some((i) => !i.copiesData) ? 'AT_SOURCE' : found.length > 0 ? 'DATA_COPY' : within ? 'WITHIN_APPLICATION' : 'MISSING';
    result.push({
      sourceComponentId: sourceId,
      targetComponentId: targetId,
      flowNames: [...names].sort(compareNl),
      status,
      sourceUsageIds: sources,
      targetUsageIds: targets,
      interfaceIds: found.map((i) => i.id).sort(),
    });
  }
  const order: Record<ExpectedStatus, number> = { MISSING: 0, DATA_COPY: 1, AT_SOURCE: 2, WITHIN_APPLICATION: 3 };
  return result.sort(
    (a, b) =>
      order[a.status] - order[b.status] || a.sourceComponentId.localeCompare(b.sourceComponentId) || a.targetComponentId.localeCompare(b.targetComponentId),
  );
}
