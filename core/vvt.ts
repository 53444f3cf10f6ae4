// The Verklaring van Toepasselijkheid (statement of applicability): who may read an organisation's statement, what a
// line must hold to be valid, and the progress counts per theme and state that the pages and exports show.
import type * as E from '#prisma/generated/sqlite/client/enums.ts';
import { THEMES } from './bio2.ts';
import type { Reader } from './privacy.ts';

export const VVT_STATES = ['NIET_GESTART', 'IN_UITVOERING', 'GEIMPLEMENTEERD', 'GETOETST'] as const;

export const vvtStateLabel = {
  NIET_GESTART: 'Niet gestart',
  IN_UITVOERING: 'In uitvoering',
  GEIMPLEMENTEERD: 'Geïmplementeerd',
  GETOETST: 'Getoetst',
} as const satisfies Record<E.VvtState, string>;

export const VVT_SHARE_MODES = ['PRIVATE', 'NAMED', 'ALL_MEMBERS'] as const satisfies readonly E.VvtShareMode[];

export const vvtShareLabel = {
  PRIVATE: 'Alleen de eigen organisatie',
  NAMED: 'De eigen organisatie en genoemde partners',
  ALL_MEMBERS: 'Alle aangemelde leden van Grondplan',
} as const satisfies Record<E.VvtShareMode, string>;

/** An organisation's share setting; no setting is PRIVATE. */
export interface VvtShareSetting {
  mode: E.VvtShareMode;
  partnerIds: readonly string[];
}

export const PRIVATE_SHARE: VvtShareSetting = { mode: 'PRIVATE', partnerIds: [] };

/**
 * Whether the reader may read the statement of `ownerId`: its own members always; partners named in a NAMED setting;
 * every signed-in member for ALL_MEMBERS. Instance administrators are not members: like a usage's private fields,
 * a statement stays with the organisation unless it shares.
 */
export function mayReadVvt(reader: Reader, ownerId: string, share: VvtShareSetting): boolean {
  if (reader === 'operator') return true;
  if (!reader) return false;
  if (reader.organisationIds.includes(ownerId)) return true;
  if (share.mode === 'ALL_MEMBERS') return reader.organisationIds.length > 0;
  if (share.mode === 'NAMED') return share.partnerIds.some((id) => reader.organisationIds.includes(id));
  return false;
}

/** One line as written: what a form, the API or an import row carries. */
export interface VvtLineInput {
  applies: boolean | null;
  reason: string | null;
  state: E.VvtState;
  owner: string | null;
  evidence: string | null;
  reviewedOn: Date | null;
}

export const REASON_MAX = 4000;
export const SHORT_MAX = 500;

/** Problems of a line, per field, in Dutch; empty when valid. */
export function vvtLineProblems(line: VvtLineInput, today: Date): { field: keyof VvtLineInput; message: string }[] {
  const problems: { field: keyof VvtLineInput; message: string }[] = [];
  if (line.applies === false && !line.reason?.trim())
    problems.push({
      field: 'reason',
      message: 'Noem bij "niet van toepassing" de risicoanalyse waarop die keuze rust.',
    });
  if ((line.reason?.length ?? 0) > REASON_MAX)
    problems.push({ field: 'reason', message: `De reden is te lang (ten hoogste ${REASON_MAX} tekens).` });
  if ((line.owner?.length ?? 0) > SHORT_MAX)
    problems.push({ field: 'owner', message: `De eigenaar is te lang (ten hoogste ${SHORT_MAX} tekens).` });
  if ((line.evidence?.length ?? 0) > SHORT_MAX)
    problems.push({ field: 'evidence', message: `Het bewijs is te lang (ten hoogste ${SHORT_MAX} tekens).` });
  if (line.applies === false && line.state !== 'NIET_GESTART')
    problems.push({ field: 'state', message: 'Een maatregel die niet van toepassing is, wordt niet uitgevoerd.' });
  if (line.reviewedOn && line.reviewedOn.getTime() > today.getTime())
    problems.push({ field: 'reviewedOn', message: 'De datum van de laatste beoordeling ligt in de toekomst.' });
  return problems;
}

/** Progress of one theme (or of all): lines not decided, not applicable, and applicable ones per state. */
export interface VvtProgress {
  total: number;
  undecided: number;
  notApplicable: number;
  byState: Record<E.VvtState, number>;
}

const emptyProgress = (): VvtProgress => ({
  total: 0,
  undecided: 0,
  notApplicable: 0,
  byState: { NIET_GESTART: 0, IN_UITVOERING: 0, GEIMPLEMENTEERD: 0, GETOETST: 0 },
});

/**
 * Counts per theme and in total over the measures that carry a line (moved numbers carry none); a measure without a
 * line counts as undecided.
 */
export function vvtProgress(
  measures: readonly { number: string; theme: E.Bio2Theme; kind: E.Bio2MeasureKind }[],
  lines: readonly { measureNumber: string; applies: boolean | null; state: E.VvtState }[],
): { byTheme: Record<E.Bio2Theme, VvtProgress>; all: VvtProgress } {
  const lineOf = new Map(lines.map((l) => [l.measureNumber, l]));
  const byTheme = Object.fromEntries(THEMES.map((t) => [t, emptyProgress()])) as Record<E.Bio2Theme, VvtProgress>;
  const all = emptyProgress();
  for (const m of measures) {
    if (m.kind === 'VERPLAATST') continue;
    const line = lineOf.get(m.number);
    for (const p of [byTheme[m.theme], all]) {
      p.total++;
      if (!line || line.applies === null) p.undecided++;
      else if (!line.applies) p.notApplicable++;
      else p.byState[line.state]++;
    }
  }
  return { byTheme, all };
}
