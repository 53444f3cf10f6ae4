// Evidence documents of a product (certificates, TPM reports, pentest summaries, DPIAs, processor agreement annexes):
// who may read one (its visibility), what a document must hold, and its expiry: expired, expiring within 60 days,
// valid, or without an end date. `expiredEvidence` counts them for the security dashboards.
import type * as E from '#prisma/generated/sqlite/client/enums.ts';
import type { Reader } from './privacy.ts';

export const evidenceKindLabel = {
  ISO27001: 'ISO 27001-certificaat',
  TPM: 'ISAE 3402- of SOC 2-rapport (TPM)',
  PENTEST: 'Samenvatting pentest',
  DPIA: 'DPIA',
  PROCESSOR_AGREEMENT: 'Bijlage verwerkersovereenkomst',
  OTHER: 'Anders',
} as const satisfies Record<E.EvidenceKind, string>;

export const evidenceVisibilityLabel = {
  OWN: 'Alleen de eigen organisatie',
  NAMED: 'De eigen organisatie en genoemde partners',
  ALL_MEMBERS: 'Alle aangemelde leden van Grondplan',
} as const satisfies Record<E.EvidenceVisibility, string>;

/** A document as far as reading it goes: its owner, its visibility and the partners it names. */
export interface EvidenceAccess {
  organisationId: string;
  visibility: E.EvidenceVisibility;
  partnerIds: readonly string[];
}

/** Whether the members of `organisationIds` may read the document (an organisation's view of it). */
export function evidenceReadableBy(organisationIds: readonly string[], doc: EvidenceAccess): boolean {
  if (organisationIds.includes(doc.organisationId)) return true;
  if (doc.visibility === 'ALL_MEMBERS') return organisationIds.length > 0;
  if (doc.visibility === 'NAMED') return doc.partnerIds.some((id) => organisationIds.includes(id));
  return false;
}

/**
 * Whether the reader may read the document: the owner's members always, named partners' members for NAMED, every
 * signed-in member for ALL_MEMBERS; nobody anonymous. Instance administrators are not members: a document stays with
 * its organisation unless it shares it.
 */
export function mayReadEvidence(reader: Reader, doc: EvidenceAccess): boolean {
  if (reader === 'operator') return true;
  if (!reader) return false;
  return evidenceReadableBy(reader.organisationIds, doc);
}

/**
 * The Prisma condition for the documents the members of `organisationIds` may read (the same rule as
 * evidenceReadableBy, asked of the database so a list never loads what it may not show).
 */
export function evidenceReadableWhere(organisationIds: readonly string[]) {
  if (organisationIds.length === 0) return { id: { in: [] as string[] } };
  const ids = [...organisationIds];
  return {
    OR: [
      { organisationId: { in: ids } },
      { visibility: 'ALL_MEMBERS' as const },
      { visibility: 'NAMED' as const, partners: { some: { partnerId: { in: ids } } } },
    ],
  };
}

/**
 * Whether a document that the members of `organisationId` may read is listed as that organisation's (on its evidence
 * page and its usages) to a reader who belongs to `readerOrganisationIds`. Its own members see every such document.
 * A reader from outside sees the organisation's own documents, those shared with every member and those of the
 * reader's own organisations, never a third organisation's document shared by name: its place in the list would tell
 * whom that organisation named.
 */
export function evidenceListedFor(
  readerOrganisationIds: readonly string[],
  organisationId: string,
  doc: Pick<EvidenceAccess, 'organisationId' | 'visibility'>,
): boolean {
  if (readerOrganisationIds.includes(organisationId)) return true;
  return (
    doc.organisationId === organisationId ||
    doc.visibility === 'ALL_MEMBERS' ||
    readerOrganisationIds.includes(doc.organisationId)
  );
}

/** The Prisma condition of evidenceListedFor (nothing to add for the organisation's own members). */
export function evidenceListedWhere(readerOrganisationIds: readonly string[], organisationId: string) {
  if (readerOrganisationIds.includes(organisationId)) return {};
  return {
    OR: [
      { organisationId: { in: [organisationId, ...readerOrganisationIds] } },
      { visibility: 'ALL_MEMBERS' as const },
    ],
  };
}

/** Days before the end of validity from which a document is "expiring". */
export const EXPIRING_DAYS = 60;
const DAY = 86_400_000;

export type EvidenceExpiry = 'EXPIRED' | 'EXPIRING' | 'VALID' | 'NO_END';

export const evidenceExpiryLabel = {
  EXPIRED: 'Verlopen',
  EXPIRING: `Verloopt binnen ${EXPIRING_DAYS} dagen`,
  VALID: 'Geldig',
  NO_END: 'Geen einddatum',
} as const satisfies Record<EvidenceExpiry, string>;

/**
 * The document's expiry on `today` (both calendar days at midnight UTC, as stored dates are): EXPIRED when its last
 * valid day lies before today, EXPIRING when that day is at most 60 days ahead, VALID after that, NO_END without one.
 */
export function evidenceExpiry(validUntil: Date | null, today: Date): EvidenceExpiry {
  if (!validUntil) return 'NO_END';
  const days = Math.round((validUntil.getTime() - today.getTime()) / DAY);
  if (days < 0) return 'EXPIRED';
  if (days <= EXPIRING_DAYS) return 'EXPIRING';
  return 'VALID';
}

/**
 * The counts for the security dashboards: how many documents have expired and how many expire within 60 days on
 * `today`, out of how many documents.
 */
export function expiredEvidence(
  docs: readonly { validUntil: Date | null }[],
  today: Date,
): { total: number; expired: number; expiring: number } {
  let expired = 0;
  let expiring = 0;
  for (const doc of docs) {
    const expiry = evidenceExpiry(doc.validUntil, today);
    if (expiry === 'EXPIRED') expired += 1;
    if (expiry === 'EXPIRING') expiring += 1;
  }
  return { total: docs.length, expired, expiring };
}

/** Documents in the order the pages list them: the first to expire first, those without an end last, then by title. */
export function byExpiry<T extends { validUntil: Date | null; title: string }>(docs: readonly T[]): T[] {
  return [...docs].sort(
    (a, b) =>
      (a.validUntil?.getTime() ?? Number.POSITIVE_INFINITY) - (b.validUntil?.getTime() ?? Number.POSITIVE_INFINITY) ||
      a.title.localeCompare(b.title, 'nl'),
  );
}

export const TITLE_MAX = 200;
export const TEXT_MAX = 500;
export const LINK_MAX = 2000;

/** A document's fields as written, for the rules across fields. */
export interface EvidenceInput {
  validFrom: Date | null;
  validUntil: Date | null;
  link: string | null;
  hasFile: boolean;
  visibility: E.EvidenceVisibility;
  partnerCount: number;
}

/** Problems across fields, in Dutch; empty when valid. */
export function evidenceProblems(input: EvidenceInput): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (input.validFrom && input.validUntil && input.validUntil.getTime() < input.validFrom.getTime())
    problems.push({ field: 'validUntil', message: 'De einddatum ligt voor de begindatum.' });
  if (input.link && input.hasFile)
    problems.push({ field: 'link', message: 'Kies een bestand óf een link, niet allebei.' });
  if (!input.link && !input.hasFile)
    problems.push({ field: 'file', message: 'Kies een bestand (PDF, DOCX, XLSX of ODT) of vul een https-link in.' });
  if (input.link && !/^https:\/\/[^\s/]+\.[^\s]+$/i.test(input.link))
    problems.push({ field: 'link', message: 'Een link begint met https:// en bevat geen spaties.' });
  if (input.visibility === 'NAMED' && input.partnerCount === 0)
    problems.push({ field: 'partners', message: 'Noem ten minste één partner om het bewijsstuk mee te delen.' });
  return problems;
}
