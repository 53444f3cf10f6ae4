// The security and privacy dashboard: a list of figures, each computed by one function over loaded rows, the same for
// one organisation's dashboard and for the row per organisation across the partners. A figure that the reader may
// not see (it rests on another partner's private fields) is "not shared": no count at all, never a number. Adding a
// figure is one key in SECURITY_FIGURES, one function here and one entry in the loader (core/security-load.ts).
import type { DpiaStatus, UsageStatus } from '#prisma/generated/sqlite/client/enums.ts';
import { type AttestationState, attestationState } from './attestation.ts';
import { todayIso } from './dates.ts';
import { expiredEvidence } from './evidence.ts';
import {
  type DpiaCriterion,
  dpiaMissing,
  dpiaRequired,
  ensiaScope,
  type RecordedChange,
  riskAssessmentDue,
} from './usage-security.ts';
import type { VvtProgress } from './vvt.ts';

/** The dashboard's figures, in the order the pages show them. */
/** The longest list of algorithms across the partners one answer holds (the page says when a filter is needed). */
export const ALGORITHM_LIST_MAX = 1000;

export const SECURITY_FIGURES = [
  'VVT_PROGRESS',
  'PERSONAL_DATA_WITHOUT_DPIA',
  'DPIA_REQUIRED_MISSING',
  'RISK_ASSESSMENT_DUE',
  'ENSIA_SCOPE',
  'EVIDENCE_EXPIRY',
  'ATTESTATION',
] as const;
export type SecurityFigureKey = (typeof SECURITY_FIGURES)[number];

export interface SecurityFigure {
  key: SecurityFigureKey;
  /** False when the figure rests on data the reader may not see: count and total are then null. */
  shared: boolean;
  /** The figure: usages concerned; VvT: measures implemented or tested; attestation: days since the last one. */
  count: number | null;
  /** The whole the count is part of (VvT: measures not declared inapplicable); null when there is none. */
  total: number | null;
  /** Whether something needs doing. */
  attention: boolean;
  /** The usages behind the figure (ids, in the order given), for the figures that count usages. */
  usageIds: string[];
  /** ATTESTATION: changes to the landscape since the last confirmation (null when there is none). */
  changesSince: number | null;
  /** EVIDENCE_EXPIRY: documents that expire within 60 days (null for the other figures). */
  expiring: number | null;
}

const notShared = (key: SecurityFigureKey): SecurityFigure => ({
  key,
  shared: false,
  count: null,
  total: null,
  attention: false,
  usageIds: [],
  changesSince: null,
  expiring: null,
});

const ofUsages = (key: SecurityFigureKey, ids: string[], attention = ids.length > 0): SecurityFigure => ({
  key,
  shared: true,
  count: ids.length,
  total: null,
  attention,
  usageIds: ids,
  changesSince: null,
  expiring: null,
});

/** A usage's public security fields, readable by every member of the hub. */
export interface PublicUsage {
  id: string;
  status: UsageStatus;
  personalData: boolean;
  dpiaStatus: DpiaStatus | null;
}

/** Usages with the same public values, counted together (across the partners, where no row is needed). */
export interface PublicUsageGroup extends Omit<PublicUsage, 'id'> {
  count: number;
}

const live = <U extends { status: UsageStatus }>(usages: readonly U[]) => usages.filter((u) => u.status !== 'RETIRED');

/**
 * VvT progress: the measures implemented or tested, of those not declared inapplicable (undecided ones count in the
 * total: they may yet apply). Needs attention while any of them is not done. Null progress: not shared.
 */
export function vvtFigure(progress: VvtProgress | null): SecurityFigure {
  if (!progress) return notShared('VVT_PROGRESS');
  const total = progress.total - progress.notApplicable;
  const count = progress.byState.GEIMPLEMENTEERD + progress.byState.GETOETST;
  return { ...ofUsages('VVT_PROGRESS', []), count, total, attention: count < total };
}

/**
 * Usages that process personal data without a DPIA: no DPIA state, or one planned or in progress (a DPIA done, or a
 * decision that none is needed, counts as settled). Retired usages are left out. Public fields only. Given groups of
 * usages with the same values (across the partners), it counts them without naming them.
 */
export function personalDataWithoutDpia(usages: readonly (PublicUsage | PublicUsageGroup)[]): SecurityFigure {
  const found = live(usages).filter((u) =>
    dpiaMissing({ criteria: [], personalData: u.personalData, dpiaStatus: u.dpiaStatus }),
  );
  const count = found.reduce((sum, u) => sum + ('id' in u ? 1 : u.count), 0);
  const ids = found.flatMap((u) => ('id' in u ? [u.id] : []));
  return { ...ofUsages('PERSONAL_DATA_WITHOUT_DPIA', ids, count > 0), count };
}

/**
 * Usages whose EDPB criteria require a DPIA (two or more) that is not done; retired ones left out. The criteria are
 * private: null usages (another partner's) is not shared.
 */
export function dpiaRequiredMissing(
  usages: readonly (PublicUsage & { criteria: readonly DpiaCriterion[] })[] | null,
): SecurityFigure {
  if (!usages) return notShared('DPIA_REQUIRED_MISSING');
  const found = live(usages).filter((u) => dpiaRequired(u.criteria) && u.dpiaStatus !== 'DONE');
  return ofUsages(
    'DPIA_REQUIRED_MISSING',
    found.map((u) => u.id),
  );
}

/**
 * Usages that need a (new) risk assessment (core/usage-security.ts riskAssessmentDue: new systems acquired or planned
 * without one, and significant changes after the last one). The assessment date is private: null is not shared.
 */
export function riskAssessmentsDue(
  usages:
    | readonly {
        id: string;
        status: UsageStatus;
        riskAssessmentDate: Date | null;
        changes: readonly RecordedChange[];
      }[]
    | null,
): SecurityFigure {
  if (!usages) return notShared('RISK_ASSESSMENT_DUE');
  const found = usages.filter((u) => riskAssessmentDue(u, u.changes) !== null);
  return ofUsages(
    'RISK_ASSESSMENT_DUE',
    found.map((u) => u.id),
  );
}

/** Usages in scope of ENSIA (at least one part); information, not a task, so never needing attention by itself. */
export function ensiaFigure(
  usages: readonly {
    id: string;
    status: UsageStatus;
    interfaces: readonly { status: string; externalServiceId: string | null }[];
  }[],
): SecurityFigure {
  const found = usages.filter((u) => ensiaScope(u, u.interfaces).length > 0);
  return ofUsages(
    'ENSIA_SCOPE',
    found.map((u) => u.id),
    false,
  );
}

/**
 * The evidence documents an organisation relies on (its own, and those shared with it for the products it uses): how
 * many have expired, how many expire within 60 days (core/evidence.ts expiredEvidence), out of all. Either needs
 * attention. Null documents (each is shared per document, so another organisation's set is not the reader's): not
 * shared.
 */
export function evidenceFigure(docs: readonly { validUntil: Date | null }[] | null, today: Date): SecurityFigure {
  if (!docs) return notShared('EVIDENCE_EXPIRY');
  const { total, expired, expiring } = expiredEvidence(docs, today);
  return { ...ofUsages('EVIDENCE_EXPIRY', []), count: expired, total, expiring, attention: expired + expiring > 0 };
}

const DAY = 86_400_000;

/** Whole calendar days (Dutch calendar) from `from` to `to`. */
export function daysBetween(from: Date, to: Date): number {
  const day = (d: Date) => Date.parse(`${todayIso(d)}T00:00:00Z`);
  return Math.round((day(to) - day(from)) / DAY);
}

/**
 * The attestation's age in days and the landscape's changes since (core/attestation.ts attestationState); overdue
 * (none yet, or six months or older) needs attention. Undefined `last` (the attestation is private): not shared.
 */
export function attestationFigure(
  last: { confirmedAt: Date } | null | undefined,
  countsSince: readonly { entityType: string; count: number }[],
  now: Date,
): SecurityFigure & { state: AttestationState | null } {
  if (last === undefined) return { ...notShared('ATTESTATION'), state: null };
  const state = attestationState(last, countsSince, now);
  return {
    ...ofUsages('ATTESTATION', [], state.overdue),
    count: last ? daysBetween(last.confirmedAt, now) : null,
    changesSince: state.changesSince,
    state,
  };
}
