// The koppelingen GEMMA's component flows ask of a landscape, and how far the landscape realises each, over loaded rows.
import type { Status } from './analysis.ts';
import { compareNl } from './collation.ts';

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
  const realising = (componentId: string) =>
    live.filter((u) => u.referenceComponentIds.includes(componentId)).map((u) => u.id);
  const active = interfaces.filter(
    (i): i is typeof i & { toUsageId: string } =>
      i.status !== 'WITHDRAWN' &&
      // Stryker disable next-line ConditionalExpression: a koppeling without a target usage connects nothing either way
      i.toUsageId !== null,
  );
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
    const connects = (a: string, b: string) =>
      (sources.includes(a) && targets.includes(b)) || (targets.includes(a) && sources.includes(b));
    const found = active.filter((i) => connects(i.fromUsageId, i.toUsageId));
    const within = sources.some((id) => targets.includes(id));
    const status: ExpectedStatus = found.some((i) => !i.copiesData)
      ? 'AT_SOURCE'
      : found.length > 0
        ? 'DATA_COPY'
        : within
          ? 'WITHIN_APPLICATION'
          : 'MISSING';
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
      order[a.status] - order[b.status] ||
      a.sourceComponentId.localeCompare(b.sourceComponentId) ||
      a.targetComponentId.localeCompare(b.targetComponentId),
  );
}
