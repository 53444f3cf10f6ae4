import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  type ActivityInput,
  activityProblems,
  listOf,
  specialText,
  storedList,
  transfersOutsideEu,
  transfersText,
} from '#core/processing.ts';
import { PROCESSING_TEMPLATES, templatesForLandscape } from '#core/processing-templates.ts';

const valid: ActivityInput = {
  name: 'Klantcontacten',
  purpose: 'Vragen beantwoorden.',
  legalGround: 'PUBLIC_TASK',
  specialCategories: false,
  specialException: null,
  criminalData: false,
  dataSubjects: ['Inwoners'],
  personalData: ['Naam'],
  retention: '1 jaar',
  recipients: [],
  role: 'CONTROLLER',
};

describe('lists', () => {
  it('reads one item a line, trimmed, without blanks or repeats', () => {
    expect(listOf(' Inwoners \r\n\nMedewerkers\nInwoners\n')).toEqual(['Inwoners', 'Medewerkers']);
    expect(listOf(null)).toEqual([]);
    expect(storedList(['b', ' a ', '', 'b'])).toBe('b\na');
  });
});

describe('activityProblems', () => {
  it('accepts a complete activity', () => {
    expect(activityProblems(valid)).toEqual([]);
  });
  it('asks for name, purpose, retention, data subjects and personal data', () => {
    const problems = activityProblems({
      ...valid,
      name: ' ',
      purpose: '',
      retention: '',
      dataSubjects: [' '],
      personalData: [],
    });
    expect(problems.map((p) => p.field)).toEqual(['name', 'purpose', 'retention', 'dataSubjects', 'personalData']);
    expect(problems[0]?.message).toBe('Vul de naam in.');
    expect(problems[3]?.message).toBe('Noem ten minste één categorie betrokkenen.');
  });
  it('ties the article 9(2) exception to special categories both ways', () => {
    expect(activityProblems({ ...valid, specialCategories: true })).toEqual([
      {
        field: 'specialException',
        message:
          'Kies de uitzondering van artikel 9 lid 2 AVG waarop de verwerking van bijzondere persoonsgegevens rust.',
      },
    ]);
    expect(activityProblems({ ...valid, specialException: 'H' })[0]?.field).toBe('specialException');
    expect(activityProblems({ ...valid, specialCategories: true, specialException: 'H' })).toEqual([]);
  });
  it('bounds the lengths', () => {
    expect(activityProblems({ ...valid, name: 'x'.repeat(201) })[0]?.message).toBe(
      'De naam is te lang (ten hoogste 200 tekens).',
    );
    expect(activityProblems({ ...valid, recipients: ['x'.repeat(301)] })[0]?.field).toBe('recipients');
    expect(activityProblems({ ...valid, recipients: Array.from({ length: 61 }, (_, i) => `r${i}`) })).toHaveLength(1);
  });
});

describe('transfersOutsideEu', () => {
  const usage = (key: string, name: string, hostingJurisdiction: 'NL' | 'EU' | 'US' | 'OTHER' | null) => ({
    key,
    product: { name, hostingJurisdiction },
  });
  it('counts the United States and other countries, not the Netherlands or the EU; no hosting is unknown', () => {
    const t = transfersOutsideEu([
      usage('zivver', 'Zivver', 'EU'),
      usage('m365', 'Microsoft 365', 'US'),
      usage('open-zaak', 'Open Zaak', 'NL'),
      usage('x', 'Anders', 'OTHER'),
      usage('eigen', 'Eigen bouw', null),
    ]);
    expect(t).toEqual({
      outside: [
        { usageKey: 'x', product: 'Anders', jurisdiction: 'OTHER' },
        { usageKey: 'm365', product: 'Microsoft 365', jurisdiction: 'US' },
      ],
      unknown: [{ usageKey: 'eigen', product: 'Eigen bouw' }],
    });
    expect(transfersText(t)).toBe(
      'Ja: Anders (buiten de EU); Microsoft 365 (Verenigde Staten); onbekend voor Eigen bouw',
    );
  });
  it('says no when every product is hosted in the EU, and unknown alone', () => {
    expect(transfersText(transfersOutsideEu([usage('a', 'A', 'NL'), usage('b', 'B', 'EU')]))).toBe('Nee');
    expect(transfersText(transfersOutsideEu([]))).toBe('Nee');
    expect(transfersText(transfersOutsideEu([usage('a', 'A', null)]))).toBe('Onbekend voor A');
  });
  it('names a product used twice once', () => {
    const t = transfersOutsideEu([usage('b', 'Power BI', 'US'), usage('a', 'Power BI', 'US')]);
    expect(t.outside.map((o) => o.usageKey)).toEqual(['a', 'b']);
    expect(transfersText(t)).toBe('Ja: Power BI (Verenigde Staten)');
  });
});

describe('specialText', () => {
  it('names the exception and criminal data', () => {
    expect(specialText({ specialCategories: false, specialException: null, criminalData: false })).toBe('Nee');
    expect(specialText({ specialCategories: true, specialException: 'H', criminalData: true })).toBe(
      'Bijzondere persoonsgegevens (art. 9 lid 2 AVG, h. Gezondheidszorg en sociale diensten); Strafrechtelijke gegevens (art. 10 AVG)',
    );
  });
});

describe('templates', () => {
  const components = new Map(
    (
      parse(readFileSync('content/gemma/referentiecomponenten.csv'), { columns: true }) as {
        id: string;
        naam: string;
      }[]
    ).map((c) => [c.id, c.naam]),
  );
  const measures = new Set(
    (
      parse(readFileSync('content/bio2/overheidsmaatregelen.csv'), { columns: true }) as {
        nummer: string;
        soort: string;
      }[]
    )
      .filter((m) => m.soort === 'overheidsmaatregel')
      .map((m) => m.nummer),
  );
  it('are at least ten, with unique names, each on a real GEMMA component and real BIO2 measures', () => {
    expect(PROCESSING_TEMPLATES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(PROCESSING_TEMPLATES.map((t) => t.name)).size).toBe(PROCESSING_TEMPLATES.length);
    for (const t of PROCESSING_TEMPLATES) {
      expect(components.get(t.component.id), t.id).toBe(t.component.name);
      for (const m of t.measures) expect(measures.has(m), `${t.id} ${m}`).toBe(true);
      expect(activityProblems({ ...t, specialException: t.specialException ?? null }), t.id).toEqual([]);
    }
  });
  it('put those that fit the landscape first, with the usages that realise the component', () => {
    const zaak = 'a97b6545-d5a7-485d-9b13-3ce22db5b9cf';
    const wmo = '291f6de3-eb33-499d-a6b4-012eb53781a2';
    const usages = [
      { key: 'open-zaak', componentIds: [zaak, 'other'] },
      { key: 'suite', componentIds: [wmo] },
      { key: 'zac', componentIds: [zaak] },
    ];
    const fits = templatesForLandscape(PROCESSING_TEMPLATES, usages);
    expect(fits.slice(0, 2).map((f) => [f.template.id, f.usages.map((u) => u.key)])).toEqual([
      ['wmo', ['suite']],
      ['zaakregistratie', ['open-zaak', 'zac']],
    ]);
    expect(fits).toHaveLength(PROCESSING_TEMPLATES.length);
    expect(fits.slice(2).every((f) => f.usages.length === 0)).toBe(true);
  });
});
