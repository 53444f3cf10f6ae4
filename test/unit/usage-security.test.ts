// The security and privacy rules of a usage against cases worked out by hand.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DPIA_CRITERIA,
  dpiaMissing,
  dpiaRequired,
  ENSIA_FACILITIES,
  ENSIA_SERVICES,
  ensiaFacilityOf,
  ensiaScope,
  parseCriteria,
  type RecordedChange,
  riskAssessmentDue,
  storeCriteria,
} from '#core/usage-security.ts';
import { projectRoot } from '#prisma/database.ts';

const d = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

describe('the EDPB criteria', () => {
  it('are nine, stored in their own order without doubles or unknown words, none stored as null', () => {
    expect(DPIA_CRITERIA).toHaveLength(9);
    expect(storeCriteria(['SENSITIVE_DATA', 'EVALUATION_OR_SCORING', 'SENSITIVE_DATA'])).toBe(
      'EVALUATION_OR_SCORING,SENSITIVE_DATA',
    );
    expect(storeCriteria([])).toBeNull();
    expect(storeCriteria(null)).toBeNull();
    expect(parseCriteria('LARGE_SCALE, NONSENSE,AUTOMATED_DECISION')).toEqual(['AUTOMATED_DECISION', 'LARGE_SCALE']);
    expect(parseCriteria(null)).toEqual([]);
  });

  it('require a DPIA from two on', () => {
    expect(dpiaRequired([])).toBe(false);
    expect(dpiaRequired(['LARGE_SCALE'])).toBe(false);
    // The same criterion twice is one criterion.
    expect(dpiaRequired(['LARGE_SCALE', 'LARGE_SCALE'])).toBe(false);
    expect(dpiaRequired(['LARGE_SCALE', 'VULNERABLE_SUBJECTS'])).toBe(true);
    expect(dpiaRequired([...DPIA_CRITERIA])).toBe(true);
  });
});

describe('a missing DPIA', () => {
  const two = ['SENSITIVE_DATA', 'VULNERABLE_SUBJECTS'] as const;
  it.each([
    // criteria, personal data, status: missing?
    [two, false, null, true],
    [two, false, 'PLANNED', true],
    [two, true, 'IN_PROGRESS', true],
    // Required by the criteria: a decision "not needed" does not stand.
    [two, true, 'NOT_NEEDED', true],
    [two, true, 'DONE', false],
    [[], true, null, true],
    [[], true, 'PLANNED', true],
    [['LARGE_SCALE'], true, 'NOT_NEEDED', false],
    [[], true, 'DONE', false],
    [[], false, null, false],
    [['LARGE_SCALE'], false, 'PLANNED', false],
  ] as const)('criteria %j, personal data %s, DPIA %s: missing %s', (criteria, personalData, dpiaStatus, missing) => {
    expect(dpiaMissing({ criteria, personalData, dpiaStatus })).toBe(missing);
  });
});

describe('a risk assessment due (BIO2 5.08.01)', () => {
  const change = (at: string, fields: string[], entityType: 'Usage' | 'Product' = 'Usage'): RecordedChange => ({
    at: d(at),
    entityType,
    fields,
  });

  it('flags a usage being acquired or planned without an assessment, not one with it', () => {
    expect(riskAssessmentDue({ status: 'ACQUIRING', riskAssessmentDate: null }, [])).toEqual({
      reason: 'NEW',
      changedOn: null,
      fields: [],
    });
    expect(riskAssessmentDue({ status: 'PLANNED', riskAssessmentDate: null }, [])?.reason).toBe('NEW');
    expect(riskAssessmentDue({ status: 'PLANNED', riskAssessmentDate: d('2026-03-01') }, [])).toBeNull();
    // A usage in production without changes recorded is not a new system.
    expect(riskAssessmentDue({ status: 'IN_PRODUCTION', riskAssessmentDate: null }, [])).toBeNull();
  });

  it('flags a significant change after the last assessment, with the latest day and every field changed', () => {
    const changes = [
      change('2026-01-10T09:00:00Z', ['contact']),
      change('2026-02-01T10:00:00Z', ['versionId', 'contact']),
      change('2026-04-15T08:30:00Z', ['operatorId']),
      change('2026-03-20T12:00:00Z', ['hostingJurisdiction'], 'Product'),
    ];
    expect(riskAssessmentDue({ status: 'IN_PRODUCTION', riskAssessmentDate: d('2026-01-15') }, changes)).toEqual({
      reason: 'CHANGED',
      changedOn: d('2026-04-15T08:30:00Z'),
      fields: ['hostingJurisdiction', 'operatorId', 'versionId'],
    });
    // Assessed after all of them: nothing due. Assessed on the day of the last: that day's change is covered.
    expect(riskAssessmentDue({ status: 'IN_PRODUCTION', riskAssessmentDate: d('2026-05-01') }, changes)).toBeNull();
    expect(riskAssessmentDue({ status: 'IN_PRODUCTION', riskAssessmentDate: d('2026-04-15') }, changes)).toBeNull();
    // Assessed between: only the later changes count.
    expect(riskAssessmentDue({ status: 'IN_PRODUCTION', riskAssessmentDate: d('2026-03-25') }, changes)).toEqual({
      reason: 'CHANGED',
      changedOn: d('2026-04-15T08:30:00Z'),
      fields: ['operatorId'],
    });
  });

  it('counts only significant fields: of the usage its product, version, personal data and operator; of its product its hosting', () => {
    const noise = [
      change('2026-06-01', ['contact', 'yearlyCost', 'internalNote', 'dpiaStatus']),
      // A product's name or hosting field on the usage would mean nothing.
      change('2026-06-02', ['name', 'personalData'], 'Product'),
      change('2026-06-03', ['deliveryModel'], 'Usage'),
    ];
    expect(riskAssessmentDue({ status: 'IN_PRODUCTION', riskAssessmentDate: null }, noise)).toBeNull();
    expect(
      riskAssessmentDue({ status: 'PHASING_OUT', riskAssessmentDate: null }, [change('2026-06-04', ['personalData'])]),
    ).toEqual({ reason: 'CHANGED', changedOn: d('2026-06-04'), fields: ['personalData'] });
    expect(
      riskAssessmentDue({ status: 'IN_PRODUCTION', riskAssessmentDate: null }, [
        change('2026-06-05', ['deliveryModel'], 'Product'),
      ])?.fields,
    ).toEqual(['deliveryModel']);
    // A change outweighs the new system: the reason names what changed.
    expect(
      riskAssessmentDue({ status: 'ACQUIRING', riskAssessmentDate: null }, [change('2026-06-06', ['productId'])])
        ?.reason,
    ).toBe('CHANGED');
  });

  it('never flags a retired usage', () => {
    expect(
      riskAssessmentDue({ status: 'RETIRED', riskAssessmentDate: null }, [change('2026-06-01', ['productId'])]),
    ).toBeNull();
  });
});

describe('ENSIA scope', () => {
  const digid = 'a5786df1-7ecf-11e3-67ab-0050568a6153';
  const gbaV = '58fbf781-8861-11e3-67ab-0050568a6153';
  const rni = 'aadd0b71-7ecf-11e3-67ab-0050568a6153';
  const woz = '91d776a4-7fb2-11e3-67ab-0050568a6153';

  it('names every national facility of every part by a GEMMA id the content knows', () => {
    const csv = readFileSync(
      path.join(projectRoot, 'content', 'gemma', 'buitengemeentelijke-voorzieningen.csv'),
      'utf8',
    );
    const known = new Set(csv.split('\n').map((line) => line.split(',')[0]));
    for (const facility of ENSIA_FACILITIES)
      for (const id of ENSIA_SERVICES[facility]) expect(known.has(id), `${facility} ${id}`).toBe(true);
  });

  it('puts a usage in the parts its koppelingen reach, in ENSIA’s order, each once', () => {
    expect(ensiaFacilityOf(digid.toUpperCase())).toBe('DIGID');
    expect(ensiaFacilityOf(woz)).toBeNull();
    expect(ensiaFacilityOf(null)).toBeNull();
    const interfaces = [
      { status: 'IN_USE', externalServiceId: gbaV },
      { status: 'IN_DEVELOPMENT', externalServiceId: digid },
      { status: 'IN_USE', externalServiceId: rni },
      { status: 'IN_USE', externalServiceId: woz },
      { status: 'IN_USE', externalServiceId: null },
    ];
    expect(ensiaScope({ status: 'IN_PRODUCTION' }, interfaces)).toEqual(['DIGID', 'BRP']);
  });

  it('leaves out withdrawn koppelingen and retired usages', () => {
    expect(
      ensiaScope({ status: 'IN_PRODUCTION' }, [
        { status: 'WITHDRAWN', externalServiceId: digid },
        { status: 'END_OF_SUPPORT', externalServiceId: gbaV },
      ]),
    ).toEqual(['BRP']);
    expect(ensiaScope({ status: 'RETIRED' }, [{ status: 'IN_USE', externalServiceId: digid }])).toEqual([]);
  });
});
