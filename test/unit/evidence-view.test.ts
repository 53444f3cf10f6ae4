// What the evidence pages show: a document's row with its validity, expiry and where to get it, the warning above a
// list, the partners to choose from, and the form's fields as the mutations take them.
import { describe, expect, it } from 'vitest';
import {
  type EvidenceDoc,
  evidenceDateErrors,
  evidenceFormInput,
  evidenceFormValues,
  evidenceRow,
  expiryWarning,
  partnerChoices,
  sizeText,
} from '#site/lib/evidence-view.ts';

const doc = (extra: Partial<EvidenceDoc> = {}): EvidenceDoc =>
  ({
    id: 'RXZpZGVuY2U6Y2sx',
    key: 'ck1',
    kind: 'ISO27001',
    title: 'ISO 27001 Open Zaak',
    issuer: 'Certificeerder',
    scope: null,
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    expiry: 'EXPIRING',
    link: null,
    visibility: 'NAMED',
    viewerCanEdit: true,
    revision: 1,
    file: { name: 'iso.pdf', contentType: 'application/pdf', size: 1_234_567 },
    product: { slug: 'open-zaak', name: 'Open Zaak' },
    organisation: { slug: 'emmen', name: 'Gemeente Emmen' },
    partners: [{ slug: 'coevorden', name: 'Gemeente Coevorden' }],
    ...extra,
  }) as EvidenceDoc;

describe('a row', () => {
  it('names the kind, the validity, the warning, the download and who may read it', () => {
    expect(evidenceRow(doc())).toMatchObject({
      kind: 'ISO 27001-certificaat',
      validity: '1 januari 2026 tot en met 31 december 2026',
      expiry: 'Verloopt binnen 60 dagen',
      warning: 'verloopt',
      href: '/pakketten/open-zaak/bewijs/ck1',
      hrefText: 'iso.pdf (1,2 MB)',
      visibility: 'De eigen organisatie en genoemde partners: Gemeente Coevorden',
    });
  });

  it('links to a link document, and says when no validity is given', () => {
    const row = evidenceRow(
      doc({
        file: null,
        link: 'https://a.example/x',
        validFrom: null,
        validUntil: null,
        expiry: 'NO_END',
        visibility: 'OWN',
        partners: null,
      }),
    );
    expect([row.href, row.hrefText, row.validity, row.warning, row.visibility]).toEqual([
      'https://a.example/x',
      'Link naar het document',
      'Niet opgegeven',
      null,
      'Alleen de eigen organisatie',
    ]);
    expect(evidenceRow(doc({ expiry: 'EXPIRED' })).warning).toBe('verlopen');
  });

  it('writes sizes in kB and MB', () => {
    expect([sizeText(600), sizeText(12_345), sizeText(20_000_000)]).toEqual(['1 kB', '12 kB', '20 MB']);
  });
});

describe('the warning above a list', () => {
  const today = new Date('2026-12-01T00:00:00Z');
  it('counts expired and expiring documents', () => {
    const docs = ['2026-11-30', '2025-01-01', '2027-01-30', '2027-06-01'].map((d) => ({ validUntil: d }));
    expect(expiryWarning(docs, today)).toBe(
      '2 bewijsstukken zijn verlopen; 1 verloopt binnen 60 dagen. Vraag de leverancier om een nieuw bewijsstuk.',
    );
    expect(expiryWarning([{ validUntil: '2026-11-30' }], today)).toBe(
      '1 bewijsstuk is verlopen. Vraag de leverancier om een nieuw bewijsstuk.',
    );
    expect(expiryWarning([{ validUntil: null }, { validUntil: '2028-01-01' }], today)).toBeNull();
  });
});

describe('the form', () => {
  it('reads the fields, the file only when one was chosen, and every partner ticked', () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      kind: 'PENTEST',
      title: ' Pentest ',
      issuer: '',
      validUntil: '2027-01-01',
      visibility: 'NAMED',
    }))
      form.set(k, v);
    form.append('partners', 'coevorden');
    form.append('partners', 'borger-odoorn');
    form.set('bestand', new File([], ''));
    expect(evidenceFormInput(form)).toEqual({
      kind: 'PENTEST',
      title: 'Pentest',
      issuer: null,
      scope: null,
      validFrom: null,
      validUntil: '2027-01-01',
      link: null,
      file: null,
      visibility: 'NAMED',
      partners: ['coevorden', 'borger-odoorn'],
    });
    const file = new File(['%PDF-'], 'a.pdf');
    form.set('bestand', file);
    expect(evidenceFormInput(form).file).toBe(file);
  });

  it('says which dates are no day, before the API would refuse the whole request', () => {
    const form = new FormData();
    form.set('validFrom', '2026-01-01');
    form.set('validUntil', '12027-03-10');
    expect(evidenceDateErrors(form)).toEqual([
      { field: 'validUntil', message: 'Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2027-12-31.' },
    ]);
    form.set('validUntil', '');
    expect(evidenceDateErrors(form)).toEqual([]);
  });

  it('shows what is saved, or what was posted after a refusal', () => {
    expect(evidenceFormValues(null, doc())).toMatchObject({
      title: 'ISO 27001 Open Zaak',
      validUntil: '2026-12-31',
      partners: ['coevorden'],
    });
    expect(evidenceFormValues(null, null)).toMatchObject({
      title: '',
      kind: 'ISO27001',
      visibility: 'OWN',
      partners: [],
    });
    const posted = new FormData();
    posted.set('title', 'Nieuw');
    expect(evidenceFormValues(posted, doc())).toMatchObject({ title: 'Nieuw', validFrom: '', visibility: 'OWN' });
  });

  it('offers the other municipalities and cooperations as partners, by name', () => {
    const organisations = [
      { slug: 'emmen', name: 'Gemeente Emmen', type: 'MUNICIPALITY' },
      { slug: 'dimpact', name: 'Dimpact', type: 'COOPERATION' },
      { slug: 'centric', name: 'Centric', type: 'SUPPLIER' },
      { slug: 'coevorden', name: 'Gemeente Coevorden', type: 'MUNICIPALITY' },
    ];
    expect(partnerChoices(organisations, 'emmen').map((o) => o.slug)).toEqual(['dimpact', 'coevorden']);
  });
});
