// The security and privacy dashboard's figures against a hand-worked organisation: seven usages (u1..u7) whose
// values are chosen so that each figure counts a different set, and what another partner's reader gets instead.
import { describe, expect, it } from 'vitest';
import {
  attestationFigure,
  daysBetween,
  dpiaRequiredMissing,
  ensiaFigure,
  evidenceFigure,
  personalDataWithoutDpia,
  riskAssessmentsDue,
  SECURITY_FIGURES,
  vvtFigure,
} from '#core/security-dashboard.ts';
import type { DpiaCriterion } from '#core/usage-security.ts';

const DIGID = 'a5786df1-7ecf-11e3-67ab-0050568a6153';
const BRP = '58fbf781-8861-11e3-67ab-0050568a6153';
const OTHER = 'ffffffff-0000-0000-0000-000000000000';
const two: DpiaCriterion[] = ['SENSITIVE_DATA', 'LARGE_SCALE'];

// u1: personal data, no DPIA state, two criteria       -> without DPIA, required and missing
// u2: personal data, DPIA planned, one criterion       -> without DPIA only
// u3: personal data, DPIA done, two criteria           -> neither
// u4: personal data, decided not needed, two criteria  -> required and missing only ("not needed" does not stand)
// u5: no personal data, DPIA in progress, none         -> neither
// u6: retired, personal data, no DPIA, two criteria    -> neither (retired)
// u7: no personal data, no state, two criteria         -> required and missing only
const usages = [
  { id: 'u1', status: 'IN_PRODUCTION', personalData: true, dpiaStatus: null, criteria: two },
  { id: 'u2', status: 'PLANNED', personalData: true, dpiaStatus: 'PLANNED', criteria: ['SENSITIVE_DATA'] },
  { id: 'u3', status: 'IN_PRODUCTION', personalData: true, dpiaStatus: 'DONE', criteria: two },
  { id: 'u4', status: 'PHASING_OUT', personalData: true, dpiaStatus: 'NOT_NEEDED', criteria: two },
  { id: 'u5', status: 'ACQUIRING', personalData: false, dpiaStatus: 'IN_PROGRESS', criteria: [] },
  { id: 'u6', status: 'RETIRED', personalData: true, dpiaStatus: null, criteria: two },
  { id: 'u7', status: 'IN_PRODUCTION', personalData: false, dpiaStatus: null, criteria: two },
] as const;

const notShared = (key: string) => ({
  key,
  shared: false,
  count: null,
  total: null,
  attention: false,
  usageIds: [],
  changesSince: null,
  expiring: null,
});

describe('the figures, in order', () => {
  it('are VvT, personal data without DPIA, DPIA required, risk assessment, ENSIA, evidence, attestation', () => {
    expect(SECURITY_FIGURES).toEqual([
      'VVT_PROGRESS',
      'PERSONAL_DATA_WITHOUT_DPIA',
      'DPIA_REQUIRED_MISSING',
      'RISK_ASSESSMENT_DUE',
      'ENSIA_SCOPE',
      'EVIDENCE_EXPIRY',
      'ATTESTATION',
    ]);
  });
});

describe('usages with personal data but no DPIA', () => {
  it('counts u1 (no state) and u2 (planned); done, not needed, no personal data and retired are left out', () => {
    expect(personalDataWithoutDpia(usages)).toEqual({
      key: 'PERSONAL_DATA_WITHOUT_DPIA',
      shared: true,
      count: 2,
      total: null,
      attention: true,
      usageIds: ['u1', 'u2'],
      changesSince: null,
      expiring: null,
    });
    expect(personalDataWithoutDpia([]).attention).toBe(false);
  });
  it('counts groups of equal usages across the partners by their size, naming none', () => {
    // 5 without a state + 3 planned; 4 done, 7 retired and 2 without personal data are left out.
    const groups = [
      { status: 'IN_PRODUCTION', personalData: true, dpiaStatus: null, count: 5 },
      { status: 'PLANNED', personalData: true, dpiaStatus: 'PLANNED', count: 3 },
      { status: 'IN_PRODUCTION', personalData: true, dpiaStatus: 'DONE', count: 4 },
      { status: 'RETIRED', personalData: true, dpiaStatus: null, count: 7 },
      { status: 'IN_PRODUCTION', personalData: false, dpiaStatus: null, count: 2 },
    ] as const;
    expect(personalDataWithoutDpia(groups)).toMatchObject({ count: 8, attention: true, usageIds: [] });
    expect(personalDataWithoutDpia(groups.slice(2))).toMatchObject({ count: 0, attention: false });
  });
});

describe('a DPIA required by the criteria but missing', () => {
  it('counts u1, u4 and u7: two criteria and not done; retired u6 and done u3 are left out', () => {
    const figure = dpiaRequiredMissing(usages);
    expect(figure.usageIds).toEqual(['u1', 'u4', 'u7']);
    expect(figure.count).toBe(3);
    expect(figure.attention).toBe(true);
  });
  it('is not shared without the (private) criteria', () => {
    expect(dpiaRequiredMissing(null)).toEqual(notShared('DPIA_REQUIRED_MISSING'));
  });
});

describe('new systems and significant changes without a risk assessment', () => {
  const at = (d: string) => new Date(`${d}T10:00:00Z`);
  it('counts a planned usage without one and a usage changed after its last one', () => {
    const figure = riskAssessmentsDue([
      // new, never assessed: due
      { id: 'r1', status: 'ACQUIRING', riskAssessmentDate: null, changes: [] },
      // new, assessed: not due
      { id: 'r2', status: 'PLANNED', riskAssessmentDate: at('2026-01-01'), changes: [] },
      // in production, product changed after the assessment: due
      {
        id: 'r3',
        status: 'IN_PRODUCTION',
        riskAssessmentDate: at('2026-01-01'),
        changes: [{ at: at('2026-03-01'), entityType: 'Usage', fields: ['productId'] }],
      },
      // an insignificant change (the contact) after the assessment: not due
      {
        id: 'r4',
        status: 'IN_PRODUCTION',
        riskAssessmentDate: at('2026-01-01'),
        changes: [{ at: at('2026-03-01'), entityType: 'Usage', fields: ['contact'] }],
      },
      // retired: never due
      { id: 'r5', status: 'RETIRED', riskAssessmentDate: null, changes: [] },
      // the product's hosting moved after the assessment: due
      {
        id: 'r6',
        status: 'PHASING_OUT',
        riskAssessmentDate: at('2026-01-01'),
        changes: [{ at: at('2026-02-01'), entityType: 'Product', fields: ['hostingJurisdiction'] }],
      },
    ]);
    expect(figure.usageIds).toEqual(['r1', 'r3', 'r6']);
    expect(figure.count).toBe(3);
  });
  it('is not shared without the (private) assessment dates', () => {
    expect(riskAssessmentsDue(null)).toEqual(notShared('RISK_ASSESSMENT_DUE'));
  });
});

describe('ENSIA scope', () => {
  it('counts the live usages whose koppelingen reach an ENSIA facility, never as a task', () => {
    const figure = ensiaFigure([
      { id: 'e1', status: 'IN_PRODUCTION', interfaces: [{ status: 'IN_USE', externalServiceId: DIGID }] },
      // two parts, counted once
      {
        id: 'e2',
        status: 'PLANNED',
        interfaces: [
          { status: 'IN_USE', externalServiceId: BRP },
          { status: 'IN_DEVELOPMENT', externalServiceId: DIGID },
        ],
      },
      // withdrawn koppeling: out
      { id: 'e3', status: 'IN_PRODUCTION', interfaces: [{ status: 'WITHDRAWN', externalServiceId: DIGID }] },
      // retired usage: out
      { id: 'e4', status: 'RETIRED', interfaces: [{ status: 'IN_USE', externalServiceId: BRP }] },
      // a facility outside ENSIA: out
      { id: 'e5', status: 'IN_PRODUCTION', interfaces: [{ status: 'IN_USE', externalServiceId: OTHER }] },
    ]);
    expect(figure).toMatchObject({ key: 'ENSIA_SCOPE', count: 2, usageIds: ['e1', 'e2'], attention: false });
  });
});

describe('VvT progress', () => {
  it('is the measures implemented or tested of those not declared inapplicable', () => {
    // 20 measures: 3 undecided, 5 not applicable, 12 applicable (4 not started, 2 in progress, 5 implemented, 1 tested)
    const progress = {
      total: 20,
      undecided: 3,
      notApplicable: 5,
      byState: { NIET_GESTART: 4, IN_UITVOERING: 2, GEIMPLEMENTEERD: 5, GETOETST: 1 },
    };
    // done 5 + 1 = 6 of 20 - 5 = 15
    expect(vvtFigure(progress)).toMatchObject({
      key: 'VVT_PROGRESS',
      shared: true,
      count: 6,
      total: 15,
      attention: true,
    });
    const finished = {
      ...progress,
      undecided: 0,
      byState: { NIET_GESTART: 0, IN_UITVOERING: 0, GEIMPLEMENTEERD: 10, GETOETST: 5 },
    };
    expect(vvtFigure(finished)).toMatchObject({ count: 15, total: 15, attention: false });
  });
  it('is not shared with a reader the statement is not shared with', () => {
    expect(vvtFigure(null)).toEqual(notShared('VVT_PROGRESS'));
  });
});

describe('evidence that expired or expires soon', () => {
  // On 1 December 2026: expired the day before, last valid today, 60 and 61 days ahead, no end.
  const today = new Date('2026-12-01T00:00:00Z');
  const docs = ['2026-11-30', '2026-12-01', '2027-01-30', '2027-01-31', null].map((d) => ({
    validUntil: d ? new Date(`${d}T00:00:00Z`) : null,
  }));
  it('counts 1 expired and 2 expiring within 60 days (today and day 60) of 5 documents', () => {
    expect(evidenceFigure(docs, today)).toEqual({
      key: 'EVIDENCE_EXPIRY',
      shared: true,
      count: 1,
      total: 5,
      expiring: 2,
      attention: true,
      usageIds: [],
      changesSince: null,
    });
  });
  it('needs no attention when every document is valid for more than 60 days, or there are none', () => {
    expect(evidenceFigure(docs.slice(3), today)).toMatchObject({ count: 0, expiring: 0, total: 2, attention: false });
    expect(evidenceFigure([], today)).toMatchObject({ count: 0, total: 0, attention: false });
  });
  it('is not shared with another partner', () => {
    expect(evidenceFigure(null, today)).toEqual(notShared('EVIDENCE_EXPIRY'));
  });
});

describe('the age of the attestation', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  it('is the days since the last one (Dutch calendar), with the landscape changes since', () => {
    // 2026-09-30 late evening UTC is 1 October in the Netherlands: 61 days to 1 December.
    const figure = attestationFigure(
      { confirmedAt: new Date('2026-09-30T23:30:00Z') },
      [
        { entityType: 'Usage', count: 3 },
        { entityType: 'Membership', count: 4 },
        { entityType: 'Interface', count: 1 },
      ],
      now,
    );
    expect(figure).toMatchObject({ key: 'ATTESTATION', shared: true, count: 61, changesSince: 4, attention: false });
    expect(figure.state?.dueOn).toBe('2027-04-01');
  });
  it('needs attention at six months, and when there is none', () => {
    const old = attestationFigure({ confirmedAt: new Date('2026-06-01T10:00:00Z') }, [], now);
    expect(old).toMatchObject({ count: 183, attention: true, changesSince: 0 });
    expect(attestationFigure(null, [], now)).toMatchObject({
      shared: true,
      count: null,
      attention: true,
      changesSince: null,
    });
  });
  it('is not shared with another partner', () => {
    expect(attestationFigure(undefined, [], now)).toEqual({ ...notShared('ATTESTATION'), state: null });
  });
  it('counts whole days', () => {
    expect(daysBetween(new Date('2026-02-28T12:00:00Z'), new Date('2026-03-01T08:00:00Z'))).toBe(1);
  });
});
