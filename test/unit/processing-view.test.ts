import { describe, expect, it } from 'vitest';
import { activityFromForm, lines, measureNumbers } from '#site/lib/processing-view.ts';

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
