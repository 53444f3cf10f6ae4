// Information security and privacy of one usage, as rules: whether a DPIA is required by the nine EDPB criteria and
// missing, whether a new risk assessment is due (BIO2 5.08.01), and which national facilities put the usage in scope
// of ENSIA's yearly self-evaluation. Pure functions over loaded rows; the GraphQL fields load what they need.
import type { DpiaStatus, UsageStatus } from '#prisma/generated/sqlite/client/enums.ts';

/**
 * The nine criteria of the EDPB (WP248 rev.01) for a DPIA; two or more: a DPIA is required. Stored on a usage as a
 * comma-separated list in this order (Usage.dpiaCriteria).
 */
export const DPIA_CRITERIA = [
  'EVALUATION_OR_SCORING',
  'AUTOMATED_DECISION',
  'SYSTEMATIC_MONITORING',
  'SENSITIVE_DATA',
  'LARGE_SCALE',
  'MATCHED_DATASETS',
  'VULNERABLE_SUBJECTS',
  'INNOVATIVE_TECHNOLOGY',
  'PREVENTS_RIGHTS',
] as const;
export type DpiaCriterion = (typeof DPIA_CRITERIA)[number];

/** From two criteria on a DPIA is required. */
export const DPIA_THRESHOLD = 2;

/** The stored list as criteria, in the EDPB's order; unknown words are left out. */
export function parseCriteria(stored: string | null | undefined): DpiaCriterion[] {
  const given = new Set((stored ?? '').split(',').map((s) => s.trim()));
  return DPIA_CRITERIA.filter((c) => given.has(c));
}

/** The criteria as the column stores them (null when none apply), in the EDPB's order and without doubles. */
export function storeCriteria(criteria: readonly string[] | null | undefined): string | null {
  const list = parseCriteria((criteria ?? []).join(','));
  return list.length ? list.join(',') : null;
}

/** Whether the criteria that apply require a DPIA: two or more of the nine. */
export function dpiaRequired(criteria: readonly DpiaCriterion[]): boolean {
  return new Set(criteria).size >= DPIA_THRESHOLD;
}

/**
 * Whether a DPIA is missing: required by the criteria but not done; or personal data is processed and neither a DPIA
 * was done nor was it decided that none is needed. A decision "not needed" does not stand against the criteria.
 */
export function dpiaMissing(usage: {
  criteria: readonly DpiaCriterion[];
  personalData: boolean;
  dpiaStatus: DpiaStatus | null;
}): boolean {
  if (usage.dpiaStatus === 'DONE') return false;
  if (dpiaRequired(usage.criteria)) return true;
  return usage.personalData && usage.dpiaStatus !== 'NOT_NEEDED';
}

/** Fields of a usage whose change is significant for BIO2 5.08.01: product, version, personal data, operator. */
export const SIGNIFICANT_USAGE_FIELDS = ['productId', 'versionId', 'personalData', 'operatorId'] as const;
/** Fields of its product whose change is significant too: where and how it is hosted. */
export const SIGNIFICANT_PRODUCT_FIELDS = ['hostingJurisdiction', 'deliveryModel'] as const;

/** A change recorded in the audit trail: when, and which fields (of the usage, or of its product). */
export interface RecordedChange {
  at: Date;
  entityType: 'Usage' | 'Product';
  fields: readonly string[];
}

export interface RiskAssessmentDue {
  /** NEW: acquired or planned without an assessment; CHANGED: a significant change after the last one (or none). */
  reason: 'NEW' | 'CHANGED';
  /** The latest significant change (CHANGED). */
  changedOn: Date | null;
  /** The significant fields changed since the last assessment (CHANGED). */
  fields: string[];
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** The significant fields of one recorded change. */
export function significantFields(change: RecordedChange): string[] {
  const significant: readonly string[] =
    change.entityType === 'Usage' ? SIGNIFICANT_USAGE_FIELDS : SIGNIFICANT_PRODUCT_FIELDS;
  return change.fields.filter((f) => significant.includes(f));
}

/**
 * Whether the usage needs a (new) risk assessment (BIO2 5.08.01: for every new system and significant change): a
 * usage being acquired or planned without one, or a usage changed in a significant field after its last assessment
 * (or changed without any). An assessment on the day of a change covers it. A retired usage needs none. The changes
 * are its recorded updates (not its creation) and those of its product.
 */
export function riskAssessmentDue(
  usage: { status: UsageStatus; riskAssessmentDate: Date | null },
  changes: readonly RecordedChange[],
): RiskAssessmentDue | null {
  if (usage.status === 'RETIRED') return null;
  const assessed = usage.riskAssessmentDate ? dayOf(usage.riskAssessmentDate) : null;
  const after = changes
    .filter((c) => assessed === null || dayOf(c.at) > assessed)
    .map((c) => ({ at: c.at, fields: significantFields(c) }))
    .filter((c) => c.fields.length > 0);
  if (after.length) {
    const latest = after.reduce((a, b) => (b.at > a.at ? b : a));
    const fields = [...new Set(after.flatMap((c) => c.fields))].sort();
    return { reason: 'CHANGED', changedOn: latest.at, fields };
  }
  if (assessed === null && (usage.status === 'ACQUIRING' || usage.status === 'PLANNED'))
    return { reason: 'NEW', changedOn: null, fields: [] };
  return null;
}

/** The national facilities that put a usage in scope of ENSIA, in ENSIA's order. */
export const ENSIA_FACILITIES = ['DIGID', 'SUWINET', 'BRP', 'BAG', 'BGT', 'BRO'] as const;
export type EnsiaFacility = (typeof ENSIA_FACILITIES)[number];

/**
 * GEMMA's national facilities (ExternalService, by GEMMA object id) that belong to each ENSIA part: DigiD; Suwinet
 * (its Digitaal Klantdossier); the BRP (GBA-V, the RNI and the GBA terugmeldvoorziening); the BAG, BGT and BRO
 * national facilities (for the BGT its SVB-BGT portal too).
 */
export const ENSIA_SERVICES: Record<EnsiaFacility, readonly string[]> = {
  DIGID: ['a5786df1-7ecf-11e3-67ab-0050568a6153'],
  SUWINET: ['a61cc441-7ecf-11e3-67ab-0050568a6153'],
  BRP: [
    '58fbf781-8861-11e3-67ab-0050568a6153',
    'aadd0b71-7ecf-11e3-67ab-0050568a6153',
    'ab96be81-7ecf-11e3-67ab-0050568a6153',
  ],
  BAG: ['91d776a2-7fb2-11e3-67ab-0050568a6153'],
  BGT: ['a9602f71-7ecf-11e3-67ab-0050568a6153', 'ab83abb1-7ecf-11e3-67ab-0050568a6153'],
  BRO: ['a4e02591-7ecf-11e3-67ab-0050568a6153'],
};

/** The ENSIA part a national facility belongs to, if any. */
export function ensiaFacilityOf(externalServiceId: string | null | undefined): EnsiaFacility | null {
  if (!externalServiceId) return null;
  const id = externalServiceId.toLowerCase();
  return ENSIA_FACILITIES.find((f) => ENSIA_SERVICES[f].includes(id)) ?? null;
}

/**
 * The ENSIA parts a usage is in scope of: those whose national facilities its koppelingen reach, a withdrawn
 * koppeling not counted; a retired usage is in none.
 */
export function ensiaScope(
  usage: { status: UsageStatus },
  interfaces: readonly { status: string; externalServiceId: string | null }[],
): EnsiaFacility[] {
  if (usage.status === 'RETIRED') return [];
  const found = new Set(
    interfaces.filter((i) => i.status !== 'WITHDRAWN').map((i) => ensiaFacilityOf(i.externalServiceId)),
  );
  return ENSIA_FACILITIES.filter((f) => found.has(f));
}
