// The scenario page's comparisons and confirmation steps, against hand-worked cases.
import { describe, expect, it } from 'vitest';
import {
  applyConfirmation,
  type Cell,
  checkChanges,
  countKind,
  discardConfirmation,
  doneNotice,
  editableOrganisations,
  movableMigrations,
  parallelPeriod,
  pastMoveConfirmation,
  pastQuarter,
  refusalStatus,
  rolesWithFigures,
  type Side,
} from '#site/lib/scenario-view.ts';

const cell = (over: Partial<Cell>): Cell => ({
  organisation: 'emmen',
  role: 'FUNCTIONAL_MANAGEMENT',
  quarter: '2027-Q1',
  liveBalance: null,
  scenarioBalance: null,
  liveDemand: 0,
  scenarioDemand: 0,
  liveAvailable: null,
  scenarioAvailable: null,
  changed: false,
  past: false,
  ...over,
});
const side = (over: Partial<Side> = {}): Side => ({
  plannedStart: '2027-01-01',
  plannedEnd: '2027-06-30',
  parallelRunStart: null,
  parallelRunEnd: null,
  wave: 1,
  effort: 2,
  ...over,
});
const migration = (id: string, key: string, slug: string, name: string, product: string) => ({
  id,
  key,
  organisation: { slug, name },
  targetProduct: { name: product },
});

describe('the scenario beside the plan', () => {
  it('sorts the signals into resolved, new and remaining by their message, and counts them by kind', () => {
    const live = [
      { kind: 'OVER_ALLOCATED', message: 'Tekort Q1' },
      { kind: 'AFTER_DEADLINE', message: 'Te laat: zaken' },
    ];
    const scenario = [
      { kind: 'OVER_ALLOCATED', message: 'Tekort Q1' },
      { kind: 'OVER_ALLOCATED', message: 'Tekort Q3' },
    ];
    expect(checkChanges(live, scenario)).toEqual({
      resolved: [{ kind: 'AFTER_DEADLINE', message: 'Te laat: zaken' }],
      introduced: [{ kind: 'OVER_ALLOCATED', message: 'Tekort Q3' }],
      remaining: [{ kind: 'OVER_ALLOCATED', message: 'Tekort Q1' }],
    });
    expect(checkChanges([], [])).toEqual({ resolved: [], introduced: [], remaining: [] });
    expect(countKind(scenario, 'OVER_ALLOCATED')).toBe(2);
    expect(countKind(live, 'CAPACITY_UNKNOWN')).toBe(0);
  });

  it('shows the roles with any capacity or demand on either side, and marks past quarters', () => {
    const cells = [
      cell({ role: 'FUNCTIONAL_MANAGEMENT', liveAvailable: 0, scenarioAvailable: 0 }),
      cell({ role: 'APPLICATION_MANAGEMENT', scenarioDemand: 0.5 }),
      cell({ role: 'TECHNICAL_MANAGEMENT', liveAvailable: 1, quarter: '2026-Q4', past: true }),
      cell({ organisation: 'coevorden', role: 'FUNCTIONAL_MANAGEMENT', liveDemand: 1 }),
    ];
    const roles = ['FUNCTIONAL_MANAGEMENT', 'APPLICATION_MANAGEMENT', 'TECHNICAL_MANAGEMENT'] as const;
    expect(rolesWithFigures(cells, 'emmen', roles)).toEqual(['APPLICATION_MANAGEMENT', 'TECHNICAL_MANAGEMENT']);
    expect(rolesWithFigures(cells, 'coevorden', roles)).toEqual(['FUNCTIONAL_MANAGEMENT']);
    expect(rolesWithFigures(cells, 'borger-odoorn', roles)).toEqual([]);
    expect(pastQuarter(cells, '2026-Q4')).toBe(true);
    expect(pastQuarter(cells, '2027-Q1')).toBe(false);
  });

  it('writes a parallel run as its dates, or a dash without one', () => {
    expect(parallelPeriod(side())).toBe('–');
    expect(parallelPeriod(side({ parallelRunStart: '2027-05-01', parallelRunEnd: '2027-06-30' }))).toBe(
      '1 mei 2027 – 30 juni 2027',
    );
  });

  it('offers only the scenario’s migrations of organisations the viewer edits, by organisation name and key', () => {
    const all = [
      migration('m1', 'b', 'emmen', 'Emmen', 'Open Zaak'),
      migration('m2', 'a', 'emmen', 'Emmen', 'Open Formulieren'),
      migration('m3', 'a', 'coevorden', 'Coevorden', 'Open Zaak'),
      migration('m4', 'c', 'emmen', 'Emmen', 'Buiten het scenario'),
    ];
    expect(movableMigrations(all, new Set(['m1', 'm2', 'm3']), new Set(['emmen'])).map((m) => m.id)).toEqual([
      'm2',
      'm1',
    ]);
    expect(
      movableMigrations(all, new Set(['m1', 'm2', 'm3']), new Set(['emmen', 'coevorden'])).map((m) => m.id),
    ).toEqual(['m3', 'm2', 'm1']);
    expect(
      editableOrganisations([
        { role: 'VIEWER', organisation: 'a' },
        { role: 'EDITOR', organisation: 'b' },
        { role: 'ADMIN', organisation: 'c' },
      ]),
    ).toEqual(['b', 'c']);
  });
});

describe('the confirmation steps', () => {
  it('asks before applying, naming each migration by its target product and what changes', () => {
    const pending = applyConfirmation(
      {
        name: 'Later',
        revision: 3,
        blocked: false,
        cells: [cell({ liveAvailable: 1, scenarioAvailable: 2 }), cell({ liveAvailable: 1, scenarioAvailable: 1 })],
        migrations: [
          {
            key: 'zaak',
            organisation: 'emmen',
            scenario: side({ plannedStart: '2028-03-01', plannedEnd: '2028-08-31' }),
          },
          { key: 'onbekend', organisation: 'elders', scenario: side() },
        ],
      },
      {
        migrations: [migration('m1', 'zaak', 'emmen', 'Emmen', 'Open Zaak')],
        organisations: new Map([['emmen', 'Gemeente Emmen']]),
      },
      '/transitie/scenarios/s1',
    );
    expect(pending).toEqual({
      title: 'Scenario Later toepassen op het plan?',
      lead: 'Toepassen schrijft wat het scenario verandert in het echte plan, in één keer: 2 migraties en 1 capaciteitscijfer.',
      consequences: [
        'Migratie naar Open Zaak (Gemeente Emmen) begint op 1 maart 2028 en eindigt op 31 augustus 2028.',
        'Migratie naar onbekend (elders) begint op 1 januari 2027 en eindigt op 30 juni 2027.',
        'Elke migratie en organisatie krijgt een regel in de wijzigingsgeschiedenis; het scenario is daarna toegepast en verandert niet meer.',
      ],
      fields: { actie: 'toepassen', revision: 3 },
      confirmLabel: 'Ja, toepassen',
      cancelHref: '/transitie/scenarios/s1#besluiten',
      canConfirm: true,
    });
    const blocked = applyConfirmation(
      {
        name: 'X',
        revision: 1,
        blocked: true,
        cells: [],
        migrations: [side()].map((s) => ({ key: 'k', organisation: 'o', scenario: s })),
      },
      { migrations: [], organisations: new Map() },
      '/s',
    );
    expect(blocked.canConfirm).toBe(false);
    expect(blocked.lead).toContain('1 migratie en 0 capaciteitscijfers');
  });

  it('asks before discarding and before moving into the past', () => {
    expect(discardConfirmation('Later', 4, '/s')).toMatchObject({
      title: 'Scenario Later verwerpen?',
      fields: { actie: 'verwerpen', revision: 4 },
      cancelHref: '/s#besluiten',
    });
    const moved = pastMoveConfirmation(
      migration('m1', 'zaak', 'emmen', 'Emmen', 'Open Zaak'),
      { revision: 2, migration: 'm1', newStart: '2020-01-01' },
      '/s',
    );
    expect(moved).toEqual({
      title: 'De migratie naar Open Zaak van Emmen laten beginnen in het verleden?',
      lead: 'Weet je het zeker? Het nieuwe begin, 1 januari 2020, zet data van de migratie naar Open Zaak van Emmen in het verleden.',
      fields: { actie: 'verplaatsen', revision: 2, migratie: 'm1', nieuwBegin: '2020-01-01' },
      confirmLabel: 'Ja, toch verplaatsen',
      cancelHref: '/s#aanpassen',
    });
    expect(pastMoveConfirmation(undefined, { revision: 2, migration: 'x', newStart: '2020-01-01' }, '/s').title).toBe(
      'De migratie laten beginnen in het verleden?',
    );
  });

  it('answers a refusal with its status and a redirect with its notice', () => {
    expect(refusalStatus('ForbiddenError')).toBe(403);
    expect(refusalStatus('ConflictError')).toBe(409);
    expect(refusalStatus('ScenarioBlockedError')).toBe(409);
    expect(refusalStatus('ValidationError')).toBe(422);
    expect(doneNotice('toegepast')).toBe('Het scenario is toegepast op het plan.');
    expect(doneNotice('opgeslagen')).toBe('Opgeslagen in het scenario. Het plan zelf is niet veranderd.');
    expect(doneNotice('iets')).toBe('');
    expect(doneNotice(null)).toBe('');
  });
});
