// The usage page's form values, texts and delete confirmation, against hand-made data.
import { describe, expect, it } from 'vitest';
import { fieldLabel, usageStatusLabel } from '#site/lib/labels.ts';
import {
  beheerLoadText,
  deleteInterfaceConfirmation,
  dpiaCriteriaText,
  formValuesOf,
  riskAssessmentText,
  statusDatesText,
  targetInput,
  type UsageRecord,
} from '#site/lib/usage-page.ts';
import { algorithmSummary, ensiaSummary } from '#site/lib/usage-security-pages.ts';

const stored: UsageRecord = {
  statusDates: { acquiring: null, planned: null, inProduction: null, phasingOut: null, retired: null },
  organisation: { slug: 'emmen' },
  registeredFor: [],
  product: { slug: 'open-zaak' },
  version: { name: '1.12' },
  referenceComponents: [
    { gemmaId: 'g1', name: 'Zaakregistratiecomponent' },
    { gemmaId: 'g2', name: 'Documentregistratiecomponent' },
  ],
  operator: { slug: 'dimpact', name: 'Dimpact' },
  pendingOperator: null,
  contact: null,
  biv: { availability: 2, integrity: null, confidentiality: 3 },
  personalData: true,
  dpiaStatus: 'DONE',
  dpiaDate: '2025-01-31',
  processorAgreement: false,
  criticality: null,
  time: 'INVEST',
  beheerLoad: [{ role: 'TECHNICAL_MANAGEMENT', fte: 0.5 }],
  contractEndsOn: null,
  yearlyCost: 12000,
  internalNote: null,
  experience: 'Stabiel sinds de upgrade.',
  riskAssessmentDate: '2026-02-03',
  pentestDate: null,
  pentestState: 'FINDINGS_OPEN',
  dpiaCriteria: ['SENSITIVE_DATA', 'LARGE_SCALE'],
  dpiaRequired: true,
  dpiaMissing: false,
  riskAssessmentDue: null,
  algorithmForResidents: false,
  aiRiskClass: null,
  humanOversight: null,
  algorithmRegisterUrl: 'https://algoritmes.overheid.nl/nl/algoritme/x',
  ensiaScope: [],
};

describe('the usage page', () => {
  it('fills the edit form from the stored usage, keeping a pending operator as the choice', () => {
    expect(formValuesOf(stored)).toEqual({
      product: 'open-zaak',
      version: '1.12',
      referenceComponents: ['g1', 'g2'],
      operator: 'dimpact',
      contact: '',
      availability: '2',
      integrity: '',
      confidentiality: '3',
      personalData: true,
      dpiaStatus: 'DONE',
      dpiaDate: '2025-01-31',
      processorAgreement: 'nee',
      criticality: '',
      time: 'INVEST',
      beheerLoad: { TECHNICAL_MANAGEMENT: '0.5' },
      contractEndsOn: '',
      yearlyCost: '12000',
      internalNote: '',
      experience: 'Stabiel sinds de upgrade.',
      riskAssessmentDate: '2026-02-03',
      pentestDate: '',
      pentestState: 'FINDINGS_OPEN',
      dpiaCriteria: ['SENSITIVE_DATA', 'LARGE_SCALE'],
      algorithmForResidents: 'nee',
      aiRiskClass: '',
      humanOversight: '',
      algorithmRegisterUrl: 'https://algoritmes.overheid.nl/nl/algoritme/x',
    });
    expect(
      formValuesOf({
        ...stored,
        pendingOperator: { slug: 'emmen', name: 'Emmen' },
        processorAgreement: null,
        version: null,
      }),
    ).toMatchObject({
      operator: 'emmen',
      processorAgreement: '',
      version: '',
    });
  });

  it('says how many EDPB criteria apply and whether a DPIA is required', () => {
    expect(dpiaCriteriaText(['SENSITIVE_DATA', 'LARGE_SCALE', 'VULNERABLE_SUBJECTS'], true)).toBe(
      'DPIA vereist: 3 van 9 criteria',
    );
    expect(dpiaCriteriaText(['LARGE_SCALE'], false)).toBe('Geen DPIA vereist: 1 van 9 criteria');
    expect(dpiaCriteriaText(null, null)).toBe('Geen criteria aangevinkt');
  });

  it('says why a risk assessment is due, or nothing', () => {
    expect(riskAssessmentText(null, fieldLabel)).toBeNull();
    expect(riskAssessmentText({ reason: 'NEW', changedOn: null, fields: [] }, fieldLabel)).toBe(
      'Risicoanalyse nodig: nieuw systeem (verwerving of gepland) zonder risicoanalyse',
    );
    expect(
      riskAssessmentText(
        { reason: 'CHANGED', changedOn: '2026-04-15T08:30:00.000Z', fields: ['operatorId', 'versionId'] },
        fieldLabel,
      ),
    ).toBe(
      'Risicoanalyse nodig: technisch beheer, versie gewijzigd (laatst op 15 april 2026), na de laatste risicoanalyse',
    );
  });

  it('writes the status dates and beheer load, or a dash', () => {
    const none = { acquiring: null, planned: null, inProduction: null, phasingOut: null, retired: null };
    expect(statusDatesText(none, usageStatusLabel)).toBe('–');
    expect(statusDatesText({ ...none, planned: '2024-01-01', inProduction: '2025-03-01' }, usageStatusLabel)).toBe(
      `${usageStatusLabel.PLANNED} sinds 1 januari 2024 · ${usageStatusLabel.IN_PRODUCTION} sinds 1 maart 2025`,
    );
    expect(beheerLoadText([])).toBe('–');
    expect(
      beheerLoadText([
        { role: 'FUNCTIONAL_MANAGEMENT', fte: 0.5 },
        { role: 'TECHNICAL_MANAGEMENT', fte: 1 },
        { role: 'OTHER', fte: 2 },
      ]),
    ).toBe('functioneel 0,5 fte, technisch 1 fte, OTHER 2 fte');
  });

  it('reads the posted other end as a usage or a national facility', () => {
    expect(targetInput('gebruik:abc')).toEqual({ to: 'abc', externalService: null });
    expect(targetInput('voorziening:lv-bgt')).toEqual({ to: null, externalService: 'lv-bgt' });
    expect(targetInput('')).toEqual({ to: null, externalService: null });
  });

  it('asks before deleting one of its own koppelingen, naming the other organisation that loses it', () => {
    const usage = {
      id: 'u1',
      product: { name: 'Open Zaak' },
      organisation: { slug: 'emmen', name: 'Emmen' },
      interfaces: [
        {
          id: 'i1',
          key: 'zaak--portaal',
          revision: 4,
          type: 'API',
          status: 'IN_USE',
          from: { id: 'u1' },
          to: { product: { name: 'Portaal' }, organisation: { slug: 'dimpact', name: 'Dimpact' } },
          externalService: null,
        },
        {
          id: 'i2',
          key: 'k2',
          revision: 1,
          type: 'API',
          status: 'IN_USE',
          from: { id: 'u9' },
          to: null,
          externalService: { name: 'LV-BGT' },
        },
      ],
    } as const;
    expect(deleteInterfaceConfirmation(usage, 'i1', '/organisaties/emmen/gebruik/zaak')).toEqual({
      title: 'Koppeling naar Portaal verwijderen?',
      lead: 'De koppeling zaak--portaal van Open Zaak naar Portaal (API, in gebruik) wordt verwijderd. De wijzigingsgeschiedenis bewaart wat ze was.',
      consequences: [
        'De koppeling verdwijnt ook bij Portaal van Dimpact.',
        'Ze telt niet meer mee in de koppelingenkaart en de verwachte koppelingen van Emmen.',
      ],
      fields: { actie: 'koppeling-verwijderen', id: 'i1', revision: 4 },
      confirmLabel: 'Ja, verwijderen',
      cancelHref: '/organisaties/emmen/gebruik/zaak#koppelingen',
    });
    // Another usage's koppeling is deleted there, not here; an unknown one is nothing to confirm.
    expect(deleteInterfaceConfirmation(usage, 'i2', '/x')).toBeNull();
    expect(deleteInterfaceConfirmation(usage, 'i9', '/x')).toBeNull();
  });
});

describe('the algorithms and ENSIA pages', () => {
  it('sum up the algorithms: how many, how many of high risk or prohibited, how many not in the register', () => {
    expect(algorithmSummary([])).toBe('Bij geen enkel gebruik is een algoritme of AI-systeem vastgelegd.');
    expect(
      algorithmSummary([
        { aiRiskClass: 'HIGH', algorithmRegisterUrl: 'https://algoritmes.overheid.nl/x' },
        { aiRiskClass: 'LIMITED', algorithmRegisterUrl: null },
        { aiRiskClass: null, algorithmRegisterUrl: null },
      ]),
    ).toBe(
      '3 gebruik met een algoritme of AI, waarvan 1 met hoog risico of verboden en 2 zonder vermelding in het Algoritmeregister.',
    );
    expect(algorithmSummary([{ aiRiskClass: 'MINIMAL', algorithmRegisterUrl: 'https://a.example' }])).toBe(
      '1 gebruik met een algoritme of AI.',
    );
  });

  it('sum up the ENSIA scope, a usage in two parts counted once', () => {
    expect(ensiaSummary([{ facility: 'DIGID', usages: [] }])).toBe(
      'Geen gebruik met een koppeling naar een landelijke voorziening in de scope van ENSIA.',
    );
    expect(
      ensiaSummary([
        { facility: 'DIGID', usages: [{ key: 'a' }, { key: 'b' }] },
        { facility: 'SUWINET', usages: [] },
        { facility: 'BRP', usages: [{ key: 'a' }, { key: 'c' }, { key: 'd' }] },
      ]),
    ).toBe('4 gebruik in de scope van ENSIA (DigiD 2, BRP 3).');
  });
});
