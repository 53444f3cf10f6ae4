// The landscape at a glance: columns per layer, boxes per GEMMA group, tiles per live usage, and the bound on what
// is drawn, against hand-worked cases.
import { describe, expect, it } from 'vitest';
import {
  allot,
  type GlanceUsage,
  glanceColumns,
  groupLabel,
  migrationLate,
  migrationsFirst,
  NO_GROUP,
  sample,
} from '#site/lib/landscape-glance.ts';

const GENERIC = 'Referentiecomponenten generiek';
const DOMAINS = 'Referentiecomponenten domeinen';
const usage = (
  key: string,
  architecture: GlanceUsage['product']['architecture'],
  layers: GlanceUsage['product']['layers'],
  components: [string, string][],
  status: GlanceUsage['status'] = 'IN_PRODUCTION',
): GlanceUsage => ({
  key,
  status,
  product: { name: key.toUpperCase(), architecture, layers },
  referenceComponents: components.map(([name, group]) => ({ name, group })),
});

describe('the landscape at a glance', () => {
  it('draws live usages only, per layer in the five-layer order, a box per group, tiles by class then name', () => {
    const columns = glanceColumns([
      usage('zaken', 'LEGACY', ['PROCESS', 'DATA'], [['Zaakregistratie', GENERIC]], 'PHASING_OUT'),
      usage('open-zaak', 'COMMON_GROUND', ['DATA'], [['Zaakregistratie', GENERIC]]),
      usage(
        'belasting',
        'HYBRID',
        ['PROCESS'],
        [
          ['Heffingen', DOMAINS],
          ['Documentbeheer', GENERIC],
        ],
      ),
      usage('portaal', 'COMMON_GROUND', ['INTERACTION'], []),
      usage('nieuw', 'COMMON_GROUND', ['PROCESS'], [['Zaakregistratie', GENERIC]], 'PLANNED'),
      usage('oud', 'LEGACY', ['DATA'], [['Zaakregistratie', GENERIC]], 'RETIRED'),
      usage('los', 'LEGACY', [], [['Archief', DOMAINS]]),
    ]);
    const picture = columns.map((c) => [
      c.id,
      c.label,
      c.total,
      c.counts,
      c.boxes.map((b) => [b.label, b.total, b.more, b.tiles.map((t) => `${t.key}${t.phasingOut ? '*' : ''}`)]),
    ]);
    // Groups in the same order everywhere: generiek (3 usages) before domeinen (2), no reference component last.
    expect(picture).toEqual([
      [
        'laag-interaction',
        'Interactie',
        1,
        { COMMON_GROUND: 1, HYBRID: 0, LEGACY: 0 },
        [[NO_GROUP, 1, 0, ['portaal']]],
      ],
      [
        'laag-process',
        'Proces',
        2,
        { COMMON_GROUND: 0, HYBRID: 1, LEGACY: 1 },
        [
          ['Generiek', 2, 0, ['belasting', 'zaken*']],
          ['Domeinen', 1, 0, ['belasting']],
        ],
      ],
      [
        'laag-data',
        'Data',
        2,
        { COMMON_GROUND: 1, HYBRID: 0, LEGACY: 1 },
        [['Generiek', 2, 0, ['open-zaak', 'zaken*']]],
      ],
      ['laag-geen', 'Zonder laag', 1, { COMMON_GROUND: 0, HYBRID: 0, LEGACY: 1 }, [['Domeinen', 1, 0, ['los']]]],
    ]);
    expect(columns[1]?.boxes[1]?.tiles[0]?.components).toEqual(['Heffingen']);
    expect(columns[1]?.boxes[1]?.tiles[0]?.registeredFor).toEqual([]);
  });

  it('names the members a cooperation registered a usage for', () => {
    const forEmmen = { ...usage('zaken', 'LEGACY', ['PROCESS'], []), registeredFor: [{ name: 'Gemeente Emmen' }] };
    expect(glanceColumns([forEmmen])[0]?.boxes[0]?.tiles[0]?.registeredFor).toEqual(['Gemeente Emmen']);
  });

  it('folds the groups past the fourth into one box, a usage in two of them once', () => {
    const groups = ['A', 'B', 'C', 'D', 'E'].map((g) => `Referentiecomponenten ${g}`);
    const columns = glanceColumns([
      ...groups
        .slice(0, 3)
        .flatMap((g, i) => Array.from({ length: 3 - i }, (_, n) => usage(`${g}-${n}`, 'LEGACY', ['DATA'], [['X', g]]))),
      usage(
        'd-en-e',
        'LEGACY',
        ['DATA'],
        [
          ['Y', groups[3] ?? ''],
          ['Z', groups[4] ?? ''],
        ],
      ),
      usage('e', 'LEGACY', ['DATA'], [['Z', groups[4] ?? '']]),
    ]);
    expect(columns[0]?.boxes.map((b) => [b.label, b.total])).toEqual([
      ['A', 3],
      ['B', 2],
      ['E', 2],
      ['Overige groepen', 2],
    ]);
  });

  it('cuts large boxes to fit the lines, with how many more each holds', () => {
    const many = Array.from({ length: 40 }, (_, n) => usage(`a${n}`, 'LEGACY', ['DATA'], [['X', DOMAINS]]));
    const few = Array.from({ length: 3 }, (_, n) => usage(`b${n}`, 'HYBRID', ['DATA'], [['Y', GENERIC]]));
    const [column] = glanceColumns([...many, ...few], { lines: 10 });
    // Generiek: caption + 2 lines (3 tiles); domeinen: caption + 6 lines of 11 tiles and its "+29".
    expect(column?.boxes.map((b) => [b.label, b.tiles.length, b.more])).toEqual([
      ['Domeinen', 11, 29],
      ['Generiek', 3, 0],
    ]);
  });

  it('hands out tiles so that every box fits its lines, the "+N" tile counted', () => {
    expect(allot([3, 2], 10)).toEqual([3, 2]);
    // 14 lines for 26 and 4 tiles: captions 2, then 4 tiles take 2 lines, leaving 10 lines for 19 tiles and a "+7".
    expect(allot([26, 4], 14)).toEqual([19, 4]);
    expect(allot([26, 4], 15)).toEqual([21, 4]);
    expect(allot([10, 10, 10], 9)).toEqual([3, 3, 3]);
    expect(allot([5, 0], 4)).toEqual([3, 0]);
    expect(allot([4], 3)).toEqual([4]);
  });

  it('names a GEMMA group without its prefix', () => {
    expect(groupLabel('Referentiecomponenten informatiebeveiliging')).toBe('Informatiebeveiliging');
    expect(groupLabel('Omgevingswet')).toBe('Omgevingswet');
  });
});

describe('the migrations at a glance', () => {
  const m = (status: Parameters<typeof migrationLate>[0]['status'], end: string, deadline?: string) => ({
    status,
    end,
    programme: deadline ? { deadline } : null,
  });
  it('shows those under way first, then planned, done and cancelled, each by end date', () => {
    const all = [
      m('DONE', '2025-01-01'),
      m('NOT_STARTED', '2027-01-01'),
      m('MIGRATING', '2026-09-01'),
      m('PARALLEL_RUN', '2026-12-31'),
      m('NOT_STARTED', '2026-06-01'),
      m('CANCELLED', '2024-01-01'),
    ];
    const first = migrationsFirst(all, 4);
    expect(first.shown.map((x) => `${x.status} ${x.end}`)).toEqual([
      'PARALLEL_RUN 2026-12-31',
      'MIGRATING 2026-09-01',
      'NOT_STARTED 2026-06-01',
      'NOT_STARTED 2027-01-01',
    ]);
    expect(first.more).toBe(2);
    expect(migrationsFirst(all, 10).more).toBe(0);
  });

  it('calls a migration late when it ends after its programme’s deadline, unless cancelled', () => {
    expect(migrationLate(m('MIGRATING', '2027-07-02', '2027-07-01'))).toBe(true);
    expect(migrationLate(m('MIGRATING', '2027-07-01', '2027-07-01'))).toBe(false);
    expect(migrationLate(m('CANCELLED', '2027-08-01', '2027-07-01'))).toBe(false);
    expect(migrationLate(m('MIGRATING', '2027-08-01'))).toBe(false);
  });
});

describe('a box that is cut', () => {
  it('draws each architecture class by its share of the box', () => {
    const tile = (key: string, architecture: 'COMMON_GROUND' | 'HYBRID' | 'LEGACY') => ({
      key,
      name: key,
      architecture,
      phasingOut: false,
      components: [],
      registeredFor: [],
    });
    // 6 Common Ground, 3 hybrid, 1 legacy; 5 drawn: shares 3, 1.5, 0.5, the half to hybrid (drawn before legacy).
    const tiles = [
      ...['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((k) => tile(k, 'COMMON_GROUND')),
      ...['h1', 'h2', 'h3'].map((k) => tile(k, 'HYBRID')),
      tile('l1', 'LEGACY'),
    ].reverse();
    expect(sample(tiles, 5).map((t) => t.key)).toEqual(['c1', 'c2', 'c3', 'h1', 'h2']);
    // 4 drawn: shares 2.4, 1.2, 0.4: Common Ground and legacy tie on 0.4, Common Ground is drawn first.
    expect(sample(tiles, 4).map((t) => t.key)).toEqual(['c1', 'c2', 'c3', 'h1']);
    // 3 drawn: shares 1.8, 0.9, 0.3: one each to Common Ground and hybrid.
    expect(sample(tiles, 3).map((t) => t.key)).toEqual(['c1', 'c2', 'h1']);
    expect(sample(tiles, 20).map((t) => t.key)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'h1', 'h2', 'h3', 'l1']);
  });
});
