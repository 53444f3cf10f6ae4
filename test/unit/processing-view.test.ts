import { describe, expect, it } from 'vitest';
import { activityFromForm, lines, measureNumbers, usageChoices } from '#site/lib/processing-view.ts';

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe('the register form', () => {
  it('reads lists one item a line and measure numbers as typed', () => {
    expect(lines(' Inwoners\r\n\n Medewerkers ')).toEqual(['Inwoners', 'Medewerkers']);
    expect(measureNumbers('5.12.01, 8.13.01;5.17.01\n 8.24.01')).toEqual(['5.12.01', '8.13.01', '5.17.01', '8.24.01']);
  });
  it('turns the posted form into the mutation’s fields, unknown choices to their default', () => {
    const fields = activityFromForm(
      form([
        ['name', 'Wmo'],
        ['purpose', 'Hulp'],
        ['legalGround', 'LEGAL_OBLIGATION'],
        ['specialCategories', 'ja'],
        ['specialException', 'H'],
        ['dataSubjects', 'Inwoners\nMantelzorgers'],
        ['personalData', 'Gezondheid'],
        ['retention', '15 jaar'],
        ['role', 'SOMETHING'],
        ['measures', '5.12.01 8.03.01'],
        ['usages', 'VXNhZ2U6MQ=='],
        ['usages', ''],
      ]),
    );
    expect(fields).toEqual({
      name: 'Wmo',
      purpose: 'Hulp',
      legalGround: 'LEGAL_OBLIGATION',
      specialCategories: true,
      specialException: 'H',
      criminalData: false,
      dataSubjects: ['Inwoners', 'Mantelzorgers'],
      personalData: ['Gezondheid'],
      retention: '15 jaar',
      recipients: [],
      role: 'CONTROLLER',
      measures: ['5.12.01', '8.03.01'],
      usages: ['VXNhZ2U6MQ=='],
    });
    expect(activityFromForm(form([['specialException', '']])).specialException).toBeNull();
  });
});

describe('the usages the form offers', () => {
  const usage = (id: string, status = 'IN_USE') => ({ id, status });
  const ids = (list: { id: string }[]) => list.map((u) => u.id);

  it('always includes the activity’s own usages, also beyond the organisation’s usages the page read, once each', () => {
    // The page reads the organisation's first 500 usages; the activity is linked to one beyond them (u9) and to one
    // among them (u1): a save of the form must keep both links, so both are offered, u1 once.
    const read = [usage('u1'), usage('u2')];
    const linked = [usage('u1'), usage('u9')];
    expect(ids(usageChoices(read, linked, new Set(['u1', 'u9'])))).toEqual(['u1', 'u2', 'u9']);
    // Unchecked after a refused save, a linked usage is still offered, so it can be checked again.
    expect(ids(usageChoices(read, linked, new Set()))).toEqual(['u1', 'u2', 'u9']);
  });

  it('leaves out retired usages unless chosen or linked', () => {
    const read = [usage('u1', 'RETIRED'), usage('u2', 'RETIRED'), usage('u3', 'RETIRED'), usage('u4')];
    expect(ids(usageChoices(read, [usage('u2', 'RETIRED')], new Set(['u3'])))).toEqual(['u2', 'u3', 'u4']);
    expect(ids(usageChoices(read, [], new Set()))).toEqual(['u4']);
  });
});
