// What the evidence pages show and send: a document's row (kind, validity, expiry warning, where to get it), the
// counts of expired and expiring documents, and the form's fields as the evidence mutations take them.
import { dateNl } from '#core/dates.ts';
import {
  EXPIRING_DAYS,
  evidenceExpiryLabel,
  evidenceKindLabel,
  evidenceVisibilityLabel,
  expiredEvidence,
} from '#core/evidence.ts';
import type { EvidenceKind, EvidenceRowFragment, EvidenceVisibility } from './graphql/graphql.ts';
import { graphql } from './graphql/index.ts';
import { routes } from './routes.ts';

graphql(`fragment EvidenceRow on Evidence {
  id key kind title issuer scope validFrom validUntil expiry link visibility viewerCanEdit revision
  file { name contentType size }
  product { slug name }
  organisation { slug name }
  partners { slug name }
}`);

export type EvidenceDoc = EvidenceRowFragment;

export { evidenceKindLabel, evidenceVisibilityLabel };
export const EVIDENCE_KINDS = Object.keys(evidenceKindLabel) as EvidenceKind[];
export const EVIDENCE_VISIBILITIES = Object.keys(evidenceVisibilityLabel) as EvidenceVisibility[];

const day = (value: unknown) => (value ? String(value).slice(0, 10) : null);

/** A file's size in words: "12 kB", "3,4 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000)).toLocaleString('nl-NL')} kB`;
  return `${(Math.round(bytes / 100_000) / 10).toLocaleString('nl-NL')} MB`;
}

export interface EvidenceRow {
  doc: EvidenceDoc;
  kind: string;
  validity: string;
  /** The expiry in words; `warning` for expired and expiring documents. */
  expiry: string;
  warning: 'verlopen' | 'verloopt' | null;
  /** Where the document is: the download (with file name and size) or the link. */
  href: string;
  hrefText: string;
  visibility: string;
}

/** One row of a documents table. */
export function evidenceRow(doc: EvidenceDoc): EvidenceRow {
  const from = day(doc.validFrom);
  const until = day(doc.validUntil);
  const validity =
    from && until
      ? `${dateNl(from)} tot en met ${dateNl(until)}`
      : until
        ? `tot en met ${dateNl(until)}`
        : from
          ? `vanaf ${dateNl(from)}`
          : 'Niet opgegeven';
  const partners = doc.partners?.length ? `: ${doc.partners.map((p) => p.name).join(', ')}` : '';
  return {
    doc,
    kind: evidenceKindLabel[doc.kind],
    validity,
    expiry: evidenceExpiryLabel[doc.expiry],
    warning: doc.expiry === 'EXPIRED' ? 'verlopen' : doc.expiry === 'EXPIRING' ? 'verloopt' : null,
    href: doc.file ? routes.evidenceDownload(doc.product.slug, doc.key) : (doc.link ?? ''),
    hrefText: doc.file ? `${doc.file.name} (${sizeText(doc.file.size)})` : 'Link naar het document',
    visibility: `${evidenceVisibilityLabel[doc.visibility]}${doc.visibility === 'NAMED' ? partners : ''}`,
  };
}

/** The warning above a list: how many documents expired and how many expire within 60 days; null when none. */
export function expiryWarning(docs: readonly Pick<EvidenceDoc, 'validUntil'>[], today: Date): string | null {
  const { expired, expiring } = expiredEvidence(
    docs.map((d) => ({ validUntil: d.validUntil ? new Date(`${day(d.validUntil)}T00:00:00Z`) : null })),
    today,
  );
  const parts = [
    expired ? `${expired} ${expired === 1 ? 'bewijsstuk is' : 'bewijsstukken zijn'} verlopen` : '',
    expiring ? `${expiring} ${expiring === 1 ? 'verloopt' : 'verlopen'} binnen ${EXPIRING_DAYS} dagen` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join('; ')}. Vraag de leverancier om een nieuw bewijsstuk.` : null;
}

/** Dates the form carries that are no day (JJJJ-MM-DD): the API would refuse the whole request, so the page says so. */
export function evidenceDateErrors(form: FormData): { field: string; message: string }[] {
  return ['validFrom', 'validUntil'].flatMap((field) => {
    const value = form.get(field);
    return typeof value === 'string' && value.trim() && !/^\d{4}-\d{2}-\d{2}$/.test(value.trim())
      ? [{ field, message: 'Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2027-12-31.' }]
      : [];
  });
}

/** The form's fields as the evidence mutations take them (the API validates them). */
export function evidenceFormInput(form: FormData) {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' && value.trim() ? value.trim() : null;
  };
  const file = form.get('bestand');
  return {
    kind: (text('kind') ?? 'OTHER') as EvidenceKind,
    title: text('title') ?? '',
    issuer: text('issuer'),
    scope: text('scope'),
    validFrom: text('validFrom'),
    validUntil: text('validUntil'),
    link: text('link'),
    file: file instanceof File && file.size > 0 ? file : null,
    visibility: (text('visibility') ?? 'OWN') as EvidenceVisibility,
    partners: form.getAll('partners').filter((p): p is string => typeof p === 'string'),
  };
}

/** The values a form shows: as posted after a refusal, else as saved (`doc`), else empty. */
export function evidenceFormValues(posted: FormData | null, doc: EvidenceDoc | null) {
  if (posted) {
    const input = evidenceFormInput(posted);
    return { ...input, validFrom: input.validFrom ?? '', validUntil: input.validUntil ?? '' };
  }
  return {
    kind: doc?.kind ?? ('ISO27001' as EvidenceKind),
    title: doc?.title ?? '',
    issuer: doc?.issuer ?? null,
    scope: doc?.scope ?? null,
    validFrom: day(doc?.validFrom) ?? '',
    validUntil: day(doc?.validUntil) ?? '',
    link: doc?.link ?? null,
    file: null,
    visibility: doc?.visibility ?? ('OWN' as EvidenceVisibility),
    partners: doc?.partners?.map((p) => p.slug) ?? [],
  };
}

/** The form's field names in the error summary. */
export const EVIDENCE_LABELS: Record<string, string> = {
  product: 'Pakket',
  kind: 'Soort',
  title: 'Titel',
  issuer: 'Uitgegeven door',
  scope: 'Reikwijdte',
  validFrom: 'Geldig vanaf',
  validUntil: 'Geldig tot en met',
  file: 'Bestand',
  link: 'Link',
  visibility: 'Wie mag het inzien',
  partners: 'Genoemde partners',
};

/** The partners a document can be shared with: the other municipalities and cooperations, by name. */
export function partnerChoices(
  organisations: readonly { slug: string; name: string; type: string }[],
  own: string,
): { slug: string; name: string }[] {
  return organisations
    .filter((o) => o.slug !== own && (o.type === 'MUNICIPALITY' || o.type === 'COOPERATION'))
    .map((o) => ({ slug: o.slug, name: o.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}
