// The figures Grondplan computes, as plain functions over loaded rows: adoption, headline counts, standards gaps. The
// comparison matrix and consolidation are in comparison.ts, the koppelingen GEMMA asks for in expected-interfaces.ts.
import { Architecture, Layer, UsageStatus } from '#prisma/generated/sqlite/client/enums.ts';

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
      usages
        .filter((u) => u.status === 'IN_PRODUCTION')
        .flatMap((u) => u.product.layers.map((layer) => ({ layer, architecture: u.product.architecture }))),
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
    legacyStillRunning: sum(
      counts.usages.filter(
        (u) => u.architecture === 'LEGACY' && (u.status === 'IN_PRODUCTION' || u.status === 'PHASING_OUT'),
      ),
    ),
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
    inProductionByArchitecture: ARCHITECTURES.map((key) => ({
      key,
      count: sum(live.filter((u) => u.architecture === key)),
    })),
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
  const verdict =
    usages.length === 0
      ? 'NO_USAGES'
      : usagesWithMandatory === 0
        ? 'NOTHING_MANDATORY'
        : usagesWithGaps === 0
          ? 'COMPLETE'
          : 'GAPS';
  return { verdict, usages: usages.length, usagesWithMandatory, usagesWithGaps };
}
