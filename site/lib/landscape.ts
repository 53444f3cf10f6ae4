// The landscape page of an organisation (/organisaties/[slug]): its key figures, the usage of a status since its
// date, and the usages grouped by Common Ground layer or by GEMMA group.
import type { Architecture } from '#core/analysis.ts';
import { compareNl } from '#core/collation.ts';
import { STATUS_DATE, type StatusDateKey } from '#core/usage-status.ts';
import { layerLabel, layerOrder, type usageStatusLabel } from './labels.ts';

type Status = keyof typeof usageStatusLabel;
type StatusDates = Record<StatusDateKey, string | null>;

/** Since when a usage has its current status (null when that date is not recorded). */
export const statusSince = (u: { status: Status; statusDates: StatusDates }) =>
  u.statusDates[STATUS_DATE[u.status].key];

/** The grouping the page shows: `?indeling=groep` by GEMMA group, otherwise by Common Ground layer. */
export const usageView = (params: URLSearchParams): 'laag' | 'groep' =>
  params.get('indeling') === 'groep' ? 'groep' : 'laag';

interface GroupedUsage {
  product: { name: string; layers: readonly (keyof typeof layerLabel)[] };
  referenceComponents: readonly { group: string }[];
}
/**
 * The usages by product name, in sections: per layer, every layer in order (a product in more layers is in each), or
 * per GEMMA group of their reference components, groups by name. Empty sections are left out.
 */
export function usageSections<U extends GroupedUsage>(
  all: readonly U[],
  view: 'laag' | 'groep',
): { id: string; title: string; items: U[] }[] {
  const usages = [...all].sort((a, b) => compareNl(a.product.name, b.product.name));
  const sections =
    view === 'laag'
      ? layerOrder.map((layer) => ({
          id: `laag-${layer.toLowerCase()}`,
          title: `Laag ${layerLabel[layer]}`,
          items: usages.filter((u) => u.product.layers.includes(layer)),
        }))
      : [...new Set(usages.flatMap((u) => u.referenceComponents.map((c) => c.group)))]
          .sort(compareNl)
          .map((group, i) => ({
            id: `groep-${i + 1}`,
            title: group,
            items: usages.filter((u) => u.referenceComponents.some((c) => c.group === group)),
          }));
  return sections.filter((s) => s.items.length > 0);
}

interface FigureInput {
  usageSummary: {
    total: number;
    byStatus: readonly { status: Status; count: number }[];
    inProductionByArchitecture: readonly { architecture: Architecture; count: number }[];
  };
  interfaces: readonly { copiesData: boolean }[];
  expectedInterfaces: readonly { status: string }[];
}
/** The key figures ("Kerncijfers") of a landscape. */
export function landscapeFigures(org: FigureInput) {
  const byArchitecture = (a: Architecture) =>
    org.usageSummary.inProductionByArchitecture.find((c) => c.architecture === a)?.count ?? 0;
  return {
    usages: org.usageSummary.total,
    /** In production or phasing out: what the architecture counts cover. */
    live: org.usageSummary.inProductionByArchitecture.reduce((s, c) => s + c.count, 0),
    commonGround: byArchitecture('COMMON_GROUND'),
    hybrid: byArchitecture('HYBRID'),
    legacy: byArchitecture('LEGACY'),
    phasingOut: org.usageSummary.byStatus.find((c) => c.status === 'PHASING_OUT')?.count ?? 0,
    interfaces: org.interfaces.length,
    copying: org.interfaces.filter((i) => i.copiesData).length,
    expected: org.expectedInterfaces.length,
    missing: org.expectedInterfaces.filter((e) => e.status === 'MISSING').length,
  };
}
