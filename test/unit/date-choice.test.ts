import { describe, expect, it } from 'vitest';
import {
  choiceHref,
  dayExplanation,
  landscapeChoices,
  nextNewYear,
  planEnd,
  quickChoices,
  readDay,
} from '#site/lib/date-choice.ts';

describe('readDay', () => {
  it('takes a real day, falls back on an empty one and says what is wrong with a wrong one', () => {
    expect(readDay('2027-07-01', '2026-12-01')).toEqual({ day: '2027-07-01', value: '2027-07-01', error: null });
    expect(readDay('', '2026-12-01')).toEqual({ day: '2026-12-01', value: '2026-12-01', error: null });
    expect(readDay(null, '2026-12-01').error).toBeNull();
    const wrong = readDay('2027-02-30', '2026-12-01');
    expect(wrong.day).toBe('2026-12-01');
    expect(wrong.value).toBe('2027-02-30');
    expect(wrong.error).toBe(
      '“2027-02-30” is geen geldige datum. Kies een datum als 2027-07-01 (jaar-maand-dag); nu wordt 1 december 2026 getoond.',
    );
    expect(readDay('1 juli', '2026-12-01').error).toContain('“1 juli” is geen geldige datum');
  });
});

describe('quick choices', () => {
  it('gives the next 1 January, also on a 1 January', () => {
    expect(nextNewYear('2026-12-01')).toBe('2027-01-01');
    expect(nextNewYear('2027-01-01')).toBe('2028-01-01');
  });

  it('ends the plan at the latest planned end or parallel-run end', () => {
    expect(planEnd([])).toBeNull();
    expect(
      planEnd([
        { plannedEnd: '2027-04-30', parallelRunEnd: null },
        { plannedEnd: new Date('2027-06-01T00:00:00Z'), parallelRunEnd: '2027-09-30' },
        { plannedEnd: '2027-08-01' },
        { status: 'DONE', plannedEnd: '2028-01-01' },
        { status: 'CANCELLED', plannedEnd: '2028-02-01' },
      ]),
    ).toBe('2027-09-30');
  });

  it('offers vandaag, 1 januari, the deadlines in date order and einde plan', () => {
    const choices = quickChoices({
      today: '2026-12-01',
      deadlines: [
        { name: 'Vernieuwing zaaksysteem Dimpact', deadline: new Date('2027-07-01T00:00:00Z') },
        { name: 'Mijn omgeving', deadline: '2027-04-01' },
      ],
      planEnd: '2027-06-30',
    });
    expect(choices).toEqual([
      { label: 'Vandaag', day: '2026-12-01' },
      { label: '1 januari 2027', day: '2027-01-01' },
      { label: '1 april 2027 (deadline Mijn omgeving)', day: '2027-04-01' },
      { label: '1 juli 2027 (deadline Vernieuwing zaaksysteem Dimpact)', day: '2027-07-01' },
      { label: 'Einde plan (30 juni 2027)', day: '2027-06-30' },
    ]);
  });

  it('says so when the data has no deadline or no plan', () => {
    const choices = quickChoices({ today: '2026-12-01', deadlines: [], planEnd: null });
    expect(choices.slice(2)).toEqual([
      { label: 'Deadline', day: null, note: 'Er is geen programma met een deadline in de gegevens.' },
      { label: 'Einde plan', day: null, note: 'Er zijn geen migraties gepland.' },
    ]);
  });

  it('links a choice with the kept parameters', () => {
    expect(choiceHref('/vergelijk', 'datum', '2027-07-01', { org: ['emmen', 'coevorden'], groep: null })).toBe(
      '/vergelijk?org=emmen&org=coevorden&datum=2027-07-01',
    );
  });
});

describe('dayExplanation', () => {
  it('says whether the landscape is as registered, as it was, today, or as the plan makes it', () => {
    expect(dayExplanation(null, '2026-12-01')).toContain('zoals het nu geregistreerd is');
    expect(dayExplanation(null, '2026-12-01', true)).toContain('zoals ze nu geregistreerd zijn');
    expect(dayExplanation('2025-03-01', '2026-12-01')).toBe(
      'U ziet het landschap zoals het was op 1 maart 2025 (volgens de statusdata).',
    );
    expect(dayExplanation('2025-03-01', '2026-12-01', true)).toContain('de landschappen zoals ze waren op');
    expect(dayExplanation('2026-12-01', '2026-12-01')).toContain('vandaag (1 december 2026)');
    expect(dayExplanation('2027-07-01', '2026-12-01')).toContain('op 1 juli 2027 als het plan doorgaat');
  });
});

describe('landscapeChoices', () => {
  it('offers each programme deadline once and the end of the plan still to come', () => {
    const programme = { slug: 'zaak', name: 'Zaaksysteem', deadline: '2027-07-01' };
    const choices = landscapeChoices('2026-12-01', [
      { status: 'MIGRATING', end: '2027-05-15', programme },
      { status: 'NOT_STARTED', end: '2027-09-30', programme },
      { status: 'DONE', end: '2028-01-01', programme: null },
    ]);
    expect(choices.map((c) => c.day)).toEqual(['2026-12-01', '2027-01-01', '2027-07-01', '2027-09-30']);
  });
});
