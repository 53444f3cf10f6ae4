import { describe, expect, it } from 'vitest';
import { type DatedUsage, statusAt } from '#core/landscape-at.ts';
import {
  type ArchitectureChange,
  adoptionDays,
  adoptionOverTime,
  architectureAt,
  ComponentTally,
  type ComponentUse,
  changesByProduct,
  legacyPerLayer,
  liveOn,
  productsPerComponent,
} from '#core/statistics.ts';

const d = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const TODAY = d('2026-12-01');

describe('adoptionDays', () => {
  it('gives the last day of the twelve quarters before today’s, then today', () => {
    const days = adoptionDays(TODAY).map(iso);
    expect(days).toHaveLength(13);
    expect(days.slice(0, 3)).toEqual(['2023-12-31', '2024-03-31', '2024-06-30']);
    expect(days.slice(-3)).toEqual(['2026-06-30', '2026-09-30', '2026-12-01']);
  });
  it('counts back from the quarter today is in, also on its first and last day', () => {
    expect(adoptionDays(d('2026-01-01'), 2).map(iso)).toEqual(['2025-09-30', '2025-12-31', '2026-01-01']);
    expect(adoptionDays(d('2026-03-31'), 1).map(iso)).toEqual(['2025-12-31', '2026-03-31']);
  });
});

describe('architectureAt', () => {
  const changes: ArchitectureChange[] = [
    { productId: 'p', at: new Date('2025-06-15T10:00:00Z'), before: 'HYBRID', after: 'COMMON_GROUND' },
    { productId: 'p', at: new Date('2024-02-01T09:00:00Z'), before: 'LEGACY', after: 'HYBRID' },
  ];
  it('is the class before the first change after the day', () => {
    expect(architectureAt('COMMON_GROUND', changes, d('2023-12-31'))).toBe('LEGACY');
    expect(architectureAt('COMMON_GROUND', changes, d('2024-03-31'))).toBe('HYBRID');
    expect(architectureAt('COMMON_GROUND', changes, d('2025-06-14'))).toBe('HYBRID');
  });
  it('takes a change on the day itself as done that day', () => {
    expect(architectureAt('COMMON_GROUND', changes, d('2025-06-15'))).toBe('COMMON_GROUND');
    expect(architectureAt('COMMON_GROUND', changes, d('2024-02-01'))).toBe('HYBRID');
  });
  it('is the current class without later changes', () => {
    expect(architectureAt('COMMON_GROUND', changes, d('2026-01-01'))).toBe('COMMON_GROUND');
    expect(architectureAt('LEGACY', [], d('2020-01-01'))).toBe('LEGACY');
  });
});

const usage = (id: string, productId: string, over: Partial<DatedUsage>) => ({
  id,
  productId,
  status: 'IN_PRODUCTION' as const,
  createdAt: d('2026-11-01'),
  acquiringSince: null,
  plannedSince: null,
  inProductionSince: null,
  phasingOutSince: null,
  retiredSince: null,
  ...over,
});

describe('adoptionOverTime', () => {
  // Worked by hand over three days: 2024-12-31, 2025-12-31 and today (2026-12-01).
  const usages = [
    // a: legacy product, live since 2020, phasing out since 2025-01-01 (still live), retired 2026-07-01.
    usage('a', 'old', {
      status: 'RETIRED',
      inProductionSince: d('2020-01-01'),
      phasingOutSince: d('2025-01-01'),
      retiredSince: d('2026-07-01'),
    }),
    // b: product "new", live from 2025-03-01; the product was hybrid until 2026-02-10, Common Ground since.
    usage('b', 'new', { inProductionSince: d('2025-03-01') }),
    // c: product "new", only planned in the past, live from 2026-10-01.
    usage('c', 'new', { plannedSince: d('2024-01-01'), inProductionSince: d('2026-10-01') }),
    // e: no status dates, registered 2026-11-01 in production: counts from then on.
    usage('e', 'old', {}),
    // f: a product nobody knows (left out, not counted).
    usage('f', 'gone', { inProductionSince: d('2020-01-01') }),
  ];
  const changes = changesByProduct([
    { productId: 'new', at: new Date('2026-02-10T12:00:00Z'), before: 'HYBRID', after: 'COMMON_GROUND' },
  ]);
  const products = new Map([
    ['old', { architecture: 'LEGACY' as const, changes: changes.get('old') ?? [] }],
    ['new', { architecture: 'COMMON_GROUND' as const, changes: changes.get('new') ?? [] }],
  ]);
  const points = adoptionOverTime(usages, products, [d('2024-12-31'), d('2025-12-31'), TODAY], TODAY);
  it('counts each live usage with its product’s class as it was that day', () => {
    expect(points.map(({ day, ...c }) => [iso(day), c])).toEqual([
      ['2024-12-31', { total: 1, commonGround: 0, hybrid: 0, legacy: 1 }],
      ['2025-12-31', { total: 2, commonGround: 0, hybrid: 1, legacy: 1 }],
      ['2026-12-01', { total: 3, commonGround: 2, hybrid: 0, legacy: 1 }],
    ]);
  });
});

describe('legacyPerLayer', () => {
  const p = (architecture: 'LEGACY' | 'HYBRID' | 'COMMON_GROUND', layers: ('INTERACTION' | 'DATA' | 'PROCESS')[]) => ({
    architecture,
    layers,
  });
  const rows = legacyPerLayer([
    { status: 'IN_PRODUCTION', product: p('LEGACY', ['INTERACTION', 'DATA']) },
    { status: 'PHASING_OUT', product: p('LEGACY', ['DATA']) },
    { status: 'RETIRED', product: p('LEGACY', ['DATA']) },
    { status: 'PLANNED', product: p('COMMON_GROUND', ['DATA']) },
    { status: 'IN_PRODUCTION', product: p('COMMON_GROUND', ['DATA', 'PROCESS']) },
    { status: 'PHASING_OUT', product: p('HYBRID', ['PROCESS']) },
  ]);
  it('counts live usages per layer in the model’s order, a product in two layers in both', () => {
    expect(rows.map((r) => r.layer)).toEqual(['INTERACTION', 'PROCESS', 'INTEGRATION', 'SERVICE', 'DATA']);
    const [interaction, process, integration, , data] = rows;
    expect(interaction).toEqual({
      layer: 'INTERACTION',
      total: 1,
      commonGround: 0,
      hybrid: 0,
      legacy: 1,
      legacyPhasingOut: 0,
    });
    expect(process).toMatchObject({ total: 2, commonGround: 1, hybrid: 1, legacy: 0, legacyPhasingOut: 0 });
    expect(integration).toMatchObject({ total: 0, legacy: 0 });
    expect(data).toMatchObject({ total: 3, commonGround: 1, hybrid: 0, legacy: 2, legacyPhasingOut: 1 });
  });
});

describe('productsPerComponent', () => {
  const use = (component: string, product: string, organisationId: string): ComponentUse => ({
    referenceComponent: { id: component.toLowerCase(), name: component },
    product: { id: product.toLowerCase(), name: product },
    organisationId,
  });
  const uses = [
    use('Zaakregistratie', 'Open Zaak', 'emmen'),
    use('Zaakregistratie', 'Open Zaak', 'emmen'), // the same organisation twice: counts once
    use('Zaakregistratie', 'Open Zaak', 'borger'),
    use('Zaakregistratie', 'Corsa', 'coevorden'),
    use('Zaakregistratie', 'Alfa', 'ede'),
    use('Zaakregistratie', 'Alfa', 'emmen'),
    use('Archief', 'Xential', 'emmen'),
    use('Basis', 'Beta', 'emmen'),
    use('Basis', 'Beta', 'ede'),
    use('Basis', 'Gamma', 'borger'),
  ];
  it('orders components by organisations, then products by organisations and name, at most `limit`', () => {
    expect(productsPerComponent(uses, 2)).toEqual([
      {
        referenceComponentId: 'zaakregistratie',
        organisations: 4,
        productCount: 3,
        products: [
          { productId: 'alfa', organisations: 2 },
          { productId: 'open zaak', organisations: 2 },
        ],
      },
      {
        referenceComponentId: 'basis',
        organisations: 3,
        productCount: 2,
        products: [
          { productId: 'beta', organisations: 2 },
          { productId: 'gamma', organisations: 1 },
        ],
      },
      {
        referenceComponentId: 'archief',
        organisations: 1,
        productCount: 1,
        products: [{ productId: 'xential', organisations: 1 }],
      },
    ]);
  });
  it('gives nothing for nothing', () => {
    expect(productsPerComponent([], 3)).toEqual([]);
  });
});

describe('liveOn', () => {
  it('answers as statusAt on every day, for usages of every shape', () => {
    // A fixed pseudo-random walk over status dates and registrations around the thirteen days.
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const maybeDay = () =>
      next() < 0.5 ? null : new Date(Date.UTC(2023, 0, 1) + Math.floor(next() * 1500) * 86_400_000);
    const statuses = ['ACQUIRING', 'PLANNED', 'IN_PRODUCTION', 'PHASING_OUT', 'RETIRED'] as const;
    const days = adoptionDays(TODAY);
    for (let i = 0; i < 400; i++) {
      const u = usage(`u${i}`, 'p', {
        status: statuses[Math.floor(next() * 5)],
        createdAt: maybeDay() ?? d('2022-01-01'),
        plannedSince: maybeDay(),
        inProductionSince: maybeDay(),
        phasingOutSince: maybeDay(),
        retiredSince: maybeDay(),
      });
      const expected = days.map((day) => {
        const s = statusAt(u, day, TODAY);
        return s === 'IN_PRODUCTION' || s === 'PHASING_OUT';
      });
      expect(liveOn(u, days, TODAY), `usage ${i}`).toEqual(expected);
    }
  });
});

describe('ComponentTally', () => {
  const name = (id: string) => id;
  const emmen = [
    ['zaken', 'open-zaak'],
    ['zaken', 'alfa'],
    ['archief', 'xential'],
  ] as const;
  const ede = [
    ['zaken', 'alfa'],
    ['basis', 'beta'],
  ] as const;
  const edeLater = [['basis', 'gamma']] as const;
  const fresh = (...shares: (readonly (readonly [string, string])[])[]) => {
    const tally = new ComponentTally();
    for (const share of shares) tally.add(share);
    return tally.ranked(3, name, name);
  };

  it('counted out and in again per organisation, ranks as a tally counted afresh', () => {
    const tally = new ComponentTally();
    tally.add(emmen);
    tally.add(ede);
    expect(tally.ranked(3, name, name)).toEqual(fresh(emmen, ede));
    expect(tally.ranked(3, name, name)[0]).toEqual({
      referenceComponentId: 'zaken',
      organisations: 2,
      productCount: 2,
      products: [
        { productId: 'alfa', organisations: 2 },
        { productId: 'open-zaak', organisations: 1 },
      ],
    });
    // Ede's share changes: out with the old pairs, in with the new; a component nobody uses any more is gone.
    tally.remove(ede);
    tally.add(edeLater);
    expect(tally.ranked(3, name, name)).toEqual(fresh(emmen, edeLater));
    tally.remove(emmen);
    tally.remove(edeLater);
    expect(tally.ranked(3, name, name)).toEqual([]);
  });
});
