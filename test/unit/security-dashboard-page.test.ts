// The words and links of the security and privacy dashboards (site/lib/security-dashboard-page.ts) and the filters of
// the algorithms across the partners, on hand-made figures.
import { describe, expect, it } from 'vitest';
import { SECURITY_FIGURES } from '#core/security-dashboard.ts';
import {
  FIGURE_TEXT,
  type FigureValue,
  figureValue,
  MAX_STEPS,
  NOT_SHARED,
  nextSteps,
  usageDetail,
} from '#site/lib/security-dashboard-page.ts';
import { readAlgorithmFilters } from '#site/lib/usage-security-pages.ts';

const f = (key: FigureValue['key'], fields: Partial<FigureValue> = {}): FigureValue => ({
  key,
  shared: true,
  count: 0,
  total: null,
  attention: false,
  changesSince: null,
  expiring: null,
  ...fields,
});
const usages = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `u${i}`, product: { name: `Pakket ${i}` } }));

describe('the figures in words', () => {
  it('has a title and an anchor of its own for every figure', () => {
    expect(Object.keys(FIGURE_TEXT)).toEqual([...SECURITY_FIGURES]);
    expect(new Set(SECURITY_FIGURES.map((k) => FIGURE_TEXT[k].id)).size).toBe(SECURITY_FIGURES.length);
  });

  it('says "niet gedeeld" for a figure the reader may not see, never a number', () => {
    for (const key of SECURITY_FIGURES) expect(figureValue(f(key, { shared: false, count: null }))).toBe(NOT_SHARED);
  });

  it('says progress, usages and the attestation’s age', () => {
    expect(figureValue(f('VVT_PROGRESS', { count: 6, total: 15 }))).toBe('6 van 15');
    expect(figureValue(f('DPIA_REQUIRED_MISSING', { count: 4 }))).toBe('4 gebruik');
    expect(figureValue(f('EVIDENCE_EXPIRY', { count: 2, expiring: 1, total: 5 }))).toBe(
      '2 verlopen, 1 binnenkort, van 5 bewijsstukken',
    );
    expect(figureValue(f('ATTESTATION', { count: 61, changesSince: 4 }))).toBe(
      '61 dagen geleden (4 wijzigingen sinds)',
    );
    expect(figureValue(f('ATTESTATION', { count: 1, changesSince: 1 }))).toBe('1 dag geleden (1 wijziging sinds)');
    expect(figureValue(f('ATTESTATION', { count: 0, changesSince: 0 }))).toBe('vandaag (0 wijzigingen sinds)');
    expect(figureValue(f('ATTESTATION', { count: null, attention: true }))).toBe('nog nooit bevestigd');
  });
});

describe('what to do next', () => {
  it('links each usage of a usage figure to its edit form, at most ten', () => {
    expect(nextSteps('emmen', f('DPIA_REQUIRED_MISSING', { count: 2, attention: true }), usages(2))).toEqual([
      {
        text: 'Voer de DPIA voor Pakket 0 uit, of herzie de criteria',
        href: '/organisaties/emmen/gebruik/u0#bewerken',
      },
      {
        text: 'Voer de DPIA voor Pakket 1 uit, of herzie de criteria',
        href: '/organisaties/emmen/gebruik/u1#bewerken',
      },
    ]);
    expect(nextSteps('emmen', f('RISK_ASSESSMENT_DUE', { count: 12 }), usages(12))).toHaveLength(MAX_STEPS);
  });

  it('links the statement’s open lines, the ENSIA page, the attestation or the changes since', () => {
    expect(
      nextSteps('emmen', f('VVT_PROGRESS', { count: 6, total: 15, attention: true }), []).map((s) => s.href),
    ).toEqual(['/organisaties/emmen/vvt?stand=open', '/organisaties/emmen/vvt?stand=NIET_GESTART']);
    expect(nextSteps('emmen', f('VVT_PROGRESS', { count: 15, total: 15 }), [])).toEqual([]);
    expect(nextSteps('emmen', f('ENSIA_SCOPE', { count: 1 }), usages(1)).map((s) => s.href)).toEqual([
      '/organisaties/emmen/ensia',
    ]);
    expect(nextSteps('emmen', f('ATTESTATION', { count: null, attention: true }), []).map((s) => s.href)).toEqual([
      '/organisaties/emmen/bevestiging',
    ]);
    expect(nextSteps('emmen', f('ATTESTATION', { count: 3, changesSince: 2 }), []).map((s) => s.href)).toEqual([
      '/organisaties/emmen/wijzigingen',
    ]);
    expect(nextSteps('emmen', f('ATTESTATION', { count: 3, changesSince: 0 }), [])).toEqual([]);
  });

  it('has nothing to do with a figure that is not shared', () => {
    expect(nextSteps('emmen', f('DPIA_REQUIRED_MISSING', { shared: false, count: null }), usages(3))).toEqual([]);
  });
});

describe('why a usage is in a table', () => {
  const u = {
    dpiaStatus: 'PLANNED' as const,
    dpiaCriteria: ['SENSITIVE_DATA', 'LARGE_SCALE'],
    dpiaRequired: true,
    riskAssessmentDue: { reason: 'NEW', changedOn: null, fields: [] },
    ensiaScope: ['DIGID', 'BRP'] as const,
  };
  it('names the DPIA state, the criteria, the reason for an assessment or the ENSIA parts', () => {
    expect(usageDetail('PERSONAL_DATA_WITHOUT_DPIA', { ...u, dpiaStatus: null })).toBe('Geen DPIA-status');
    expect(usageDetail('DPIA_REQUIRED_MISSING', u)).toBe('DPIA vereist: 2 van 9 criteria; DPIA: gepland');
    expect(usageDetail('RISK_ASSESSMENT_DUE', u)).toBe(
      'Risicoanalyse nodig: nieuw systeem (verwerving of gepland) zonder risicoanalyse',
    );
    expect(usageDetail('ENSIA_SCOPE', u)).toBe('DigiD, BRP');
  });
});

describe('the filters of the algorithms across the partners', () => {
  it('keeps known risk classes and a known organisation only', () => {
    const params = new URLSearchParams('risico=HIGH&risico=ONZIN&risico=MINIMAL&organisatie=emmen');
    expect(readAlgorithmFilters(params, [{ slug: 'emmen' }])).toEqual({
      risico: ['HIGH', 'MINIMAL'],
      organisatie: 'emmen',
    });
    expect(readAlgorithmFilters(new URLSearchParams('organisatie=elders'), [{ slug: 'emmen' }])).toEqual({
      risico: [],
      organisatie: null,
    });
  });
});
