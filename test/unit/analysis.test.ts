// The figures against values worked out by hand for a small fixture.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { adoption, standardsCheck, standardsGaps } from '#core/analysis.ts';
import {
  alternativeOf,
  type ComparisonUsage,
  comparisonRows,
  consolidation,
  explainAlternative,
} from '#core/comparison.ts';
import { expectedInterfaces } from '#core/expected-interfaces.ts';

// Fixture: two municipalities A and B and their usages of four products.
//   zaak-oud  LEGACY         [PROCESS, DATA]  components Z (zaakregistratie), D (document)
//   open-zaak COMMON_GROUND  [SERVICE, DATA]  component Z
//   dms       LEGACY         [DATA]           component D
//   portaal   HYBRID         [INTERACTION]    component P
const product = {
  zaakOud: {
    id: 'zaak-oud',
    name: 'Zaak Oud',
    architecture: 'LEGACY' as const,
    layers: ['PROCESS' as const, 'DATA' as const],
  },
  openZaak: {
    id: 'open-zaak',
    name: 'Open Zaak',
    architecture: 'COMMON_GROUND' as const,
    layers: ['SERVICE' as const, 'DATA' as const],
  },
  dms: { id: 'dms', name: 'DMS', architecture: 'LEGACY' as const, layers: ['DATA' as const] },
  portaal: { id: 'portaal', name: 'Portaal', architecture: 'HYBRID' as const, layers: ['INTERACTION' as const] },
};
const usages: (ComparisonUsage & { product: (typeof product)[keyof typeof product] })[] = [
  {
    id: 'a1',
    organisationId: 'A',
    operatorId: null,
    status: 'PHASING_OUT',
    product: product.zaakOud,
    referenceComponentIds: ['Z', 'D'],
  },
  {
    id: 'a2',
    organisationId: 'A',
    operatorId: null,
    status: 'IN_PRODUCTION',
    product: product.openZaak,
    referenceComponentIds: ['Z'],
  },
  {
    id: 'a3',
    organisationId: 'A',
    operatorId: null,
    status: 'IN_PRODUCTION',
    product: product.portaal,
    referenceComponentIds: ['P'],
  },
  {
    id: 'a4',
    organisationId: 'A',
    operatorId: null,
    status: 'RETIRED',
    product: product.dms,
    referenceComponentIds: ['D'],
  },
  {
    id: 'b1',
    organisationId: 'B',
    operatorId: 'A',
    status: 'IN_PRODUCTION',
    product: product.zaakOud,
    referenceComponentIds: ['Z', 'D'],
  },
  {
    id: 'b2',
    organisationId: 'B',
    operatorId: 'A',
    status: 'IN_PRODUCTION',
    product: product.dms,
    referenceComponentIds: ['D'],
  },
  {
    id: 'b3',
    organisationId: 'B',
    operatorId: null,
    status: 'PLANNED',
    product: product.openZaak,
    referenceComponentIds: ['Z'],
  },
  {
    id: 'b4',
    organisationId: 'B',
    operatorId: null,
    status: 'IN_PRODUCTION',
    product: product.portaal,
    referenceComponentIds: ['P'],
  },
];
const of = (org: string) => usages.filter((u) => u.organisationId === org);

describe('adoption', () => {
  it('counts shares over usages in production, per layer, legacy still running and koppelingen', () => {
    // A in production: open-zaak (CG), portaal (HYBRID) -> 2; CG 1/2, hybrid 1/2.
    // Legacy still running: zaak-oud (PHASING_OUT) -> 1. Phasing out: 1.
    const a = adoption(of('A'), [
      { copiesData: true, status: 'IN_USE' },
      { copiesData: false, status: 'IN_USE' },
      { copiesData: false, status: 'IN_DEVELOPMENT' },
      { copiesData: true, status: 'WITHDRAWN' },
    ]);
    expect(a).toMatchObject({
      total: 2,
      commonGround: 1,
      hybrid: 1,
      legacy: 0,
      commonGroundShare: 0.5,
      hybridShare: 0.5,
      legacyStillRunning: 1,
      phasingOut: 1,
      interfacesCopying: 1,
      interfacesAtSource: 2,
    });
    // Per layer for A: SERVICE {open-zaak} 1/1 CG; DATA {open-zaak} 1/1; INTERACTION {portaal} hybrid 1/1; PROCESS none.
    expect(a.perLayer.find((l) => l.layer === 'DATA')).toMatchObject({
      total: 1,
      commonGround: 1,
      commonGroundShare: 1,
    });
    expect(a.perLayer.find((l) => l.layer === 'INTERACTION')).toMatchObject({ total: 1, hybrid: 1, hybridShare: 1 });
    expect(a.perLayer.find((l) => l.layer === 'PROCESS')).toMatchObject({ total: 0, commonGroundShare: null });
    // B in production: zaak-oud, dms (LEGACY), portaal (HYBRID) -> 3; CG 0, hybrid 1/3; legacy running 2.
    const b = adoption(of('B'), []);
    expect(b).toMatchObject({
      total: 3,
      commonGround: 0,
      hybrid: 1,
      legacy: 2,
      commonGroundShare: 0,
      legacyStillRunning: 2,
      phasingOut: 0,
    });
    expect(b.hybridShare).toBeCloseTo(1 / 3);
  });
});

describe('standards gaps', () => {
  const links = [
    { referenceComponentId: 'Z', standardId: 'zaken-api', role: 'MANDATORY' },
    { referenceComponentId: 'Z', standardId: 'stuf-zkn', role: 'RECOMMENDED' },
    { referenceComponentId: 'D', standardId: 'documenten-api', role: 'MANDATORY' },
    { referenceComponentId: 'D', standardId: 'zaken-api', role: 'MANDATORY' },
    { referenceComponentId: 'P', standardId: 'digid', role: null },
  ];
  it('lists the mandatory standards of the components that the product lacks, once each', () => {
    // zaak-oud for Z and D implements only stuf-zkn: lacks zaken-api and documenten-api.
    expect(standardsGaps(links, ['Z', 'D'], ['stuf-zkn'])).toEqual(['documenten-api', 'zaken-api']);
    // open-zaak for Z implements zaken-api: no gap.
    expect(standardsGaps(links, ['Z'], ['zaken-api', 'documenten-api'])).toEqual([]);
    // A link without a role is not mandatory.
    expect(standardsGaps(links, ['P'], [])).toEqual([]);
  });

  it('says there is nothing to check rather than that every usage complies, when there is no usage or nothing mandatory', () => {
    // A cooperation without usages of its own (BOCE): no claim about usages that do not exist.
    expect(standardsCheck([])).toEqual({ verdict: 'NO_USAGES', usages: 0, usagesWithMandatory: 0, usagesWithGaps: 0 });
    // Usages whose components ask for nothing mandatory (P above) have nothing to comply with either.
    expect(standardsCheck([{ mandatory: 0, missing: 0 }]).verdict).toBe('NOTHING_MANDATORY');
    // open-zaak for Z (one mandatory, none missing) and a usage for P: the one with mandatory standards has them all.
    expect(
      standardsCheck([
        { mandatory: 1, missing: 0 },
        { mandatory: 0, missing: 0 },
      ]),
    ).toEqual({ verdict: 'COMPLETE', usages: 2, usagesWithMandatory: 1, usagesWithGaps: 0 });
    // zaak-oud for Z and D: three mandatory, two missing.
    expect(
      standardsCheck([
        { mandatory: 3, missing: 2 },
        { mandatory: 1, missing: 0 },
      ]),
    ).toEqual({ verdict: 'GAPS', usages: 2, usagesWithMandatory: 2, usagesWithGaps: 1 });
  });
});

describe('comparison matrix and consolidation', () => {
  const rows = comparisonRows(['A', 'B'], usages);
  const row = (id: string) => rows.find((r) => r.referenceComponentId === id);

  it('has a row per component in use, cells in column order, retired usages left out', () => {
    expect(rows.map((r) => r.referenceComponentId).sort()).toEqual(['D', 'P', 'Z']);
    // Z: A has zaak-oud + open-zaak; B has zaak-oud + open-zaak (planned) -> same products, not different.
    expect(row('Z')?.cells.map((c) => c.usages.map((u) => u.id))).toEqual([
      ['a1', 'a2'],
      ['b1', 'b3'],
    ]);
    expect(row('Z')?.differs).toBe(false);
    expect(row('Z')?.sharedProductIds).toEqual(['open-zaak', 'zaak-oud']);
    // D: A has zaak-oud (dms retired); B has zaak-oud + dms -> differ; legacy.
    expect(row('D')?.cells.map((c) => c.usages.map((u) => u.id))).toEqual([['a1'], ['b1', 'b2']]);
    expect(row('D')?.differs).toBe(true);
    expect(row('D')?.hasLegacy).toBe(true);
    // P: both portaal, hybrid: same, no legacy, shared.
    expect(row('P')).toMatchObject({ differs: false, hasLegacy: false, sharedProductIds: ['portaal'] });
  });

  it('does not count an organisation without the component as a difference', () => {
    const withC = comparisonRows(['A', 'B', 'C'], usages);
    expect(withC.find((r) => r.referenceComponentId === 'P')?.cells.map((c) => c.usages.length)).toEqual([1, 1, 0]);
    expect(withC.find((r) => r.referenceComponentId === 'P')?.differs).toBe(false);
  });

  it('pairs products only where one can replace the other, and names shared products with separate beheer', () => {
    // By what the usages here realise: zaak-oud {Z, D}, open-zaak {Z}, dms {D}. Open Zaak does half of what Zaak Oud
    // does and DMS the other half: complements of a larger product, no alternatives.
    const c = consolidation(rows, usages, ['A', 'B']);
    expect(c.alternatives).toEqual([]);
    // zaak-oud: A runs it itself, B's is run by A -> one operator, joint already.
    // open-zaak: A itself, B itself -> two operators. portaal: A itself, B itself -> two operators.
    expect(c.separateBeheer).toEqual([
      { productId: 'open-zaak', organisationIds: ['A', 'B'], operatorCount: 2 },
      { productId: 'portaal', organisationIds: ['A', 'B'], operatorCount: 2 },
    ]);
  });

  it('judges by the catalogue’s components when it has them: the same set pairs, with the organisations running each', () => {
    // In the catalogue Open Zaak realises Z and D, like Zaak Oud: the same set. DMS {D} is half of either: no pair.
    const catalogue: Record<string, string[]> = { 'open-zaak': ['Z', 'D'], 'zaak-oud': ['D', 'Z'] };
    const c = consolidation(rows, usages, ['A', 'B'], (id) => catalogue[id] ?? []);
    expect(c.alternatives).toEqual([
      {
        productIds: ['open-zaak', 'zaak-oud'],
        relation: 'SAME',
        sharedComponentIds: ['D', 'Z'],
        extraComponentIds: [],
        // a1 (phasing out) and b1 run zaak-oud; a2 and b3 (planned) open-zaak; retired usages are left out.
        organisationIds: [
          ['A', 'B'],
          ['A', 'B'],
        ],
      },
    ]);
    // Only organisation B: zaak-oud (b1) against open-zaak (b3).
    expect(
      consolidation(comparisonRows(['B'], usages), usages, ['B'], (id) => catalogue[id] ?? []).alternatives[0]
        ?.organisationIds,
    ).toEqual([['B'], ['B']]);
  });

  it('pairs equal sets and subsets covering more than half, nothing else', () => {
    expect(alternativeOf(['Z', 'D'], ['D', 'Z'])).toEqual({
      relation: 'SAME',
      sharedComponentIds: ['D', 'Z'],
      extraComponentIds: [],
      swap: false,
    });
    // Two of three: comparable scope.
    expect(alternativeOf(['Z', 'D'], ['Z', 'D', 'X'])).toEqual({
      relation: 'SUBSET',
      sharedComponentIds: ['D', 'Z'],
      extraComponentIds: ['X'],
      swap: false,
    });
    expect(alternativeOf(['Z', 'D', 'X'], ['Z', 'D'])).toEqual({
      relation: 'SUBSET',
      sharedComponentIds: ['D', 'Z'],
      extraComponentIds: ['X'],
      swap: true,
    });
    // One of two, one of five: a point product against a wider product or a suite.
    expect(alternativeOf(['Z'], ['Z', 'D'])).toBeNull();
    expect(alternativeOf(['Z'], ['Z', 'D', 'X', 'Y', 'W'])).toBeNull();
    // Overlap without either containing the other.
    expect(alternativeOf(['Z', 'D'], ['Z', 'X'])).toBeNull();
    expect(alternativeOf([], ['Z'])).toBeNull();
  });

  it('does not pair Microsoft 365 with Citrix Virtual Apps: they share one component of Microsoft 365’s two', () => {
    const catalogue = parse(readFileSync('content/products.yaml', 'utf8')) as {
      name: string;
      referenceComponents?: string[];
    }[];
    const componentsOf = (name: string) => catalogue.find((p) => p.name === name)?.referenceComponents ?? [];
    // Why they were paired: both realise Kantoorautomatiseringcomponent.
    expect(componentsOf('Citrix Virtual Apps')).toEqual(['Kantoorautomatiseringcomponent']);
    expect(componentsOf('Microsoft 365')).toEqual(['Kantoorautomatiseringcomponent', 'Samenwerkingscomponent']);
    expect(alternativeOf(componentsOf('Citrix Virtual Apps'), componentsOf('Microsoft 365'))).toBeNull();
    // Through consolidation, with both in one landscape as in the sample landscapes.
    const office = (id: string, name: string, componentIds: string[]): ComparisonUsage => ({
      id,
      organisationId: 'A',
      operatorId: null,
      status: 'IN_PRODUCTION',
      product: { id: name, name, architecture: 'LEGACY' },
      referenceComponentIds: componentIds,
    });
    const both = [
      office('m', 'Microsoft 365', componentsOf('Microsoft 365')),
      office('c', 'Citrix Virtual Apps', componentsOf('Citrix Virtual Apps')),
    ];
    const matrix = comparisonRows(['A'], both);
    expect(
      matrix.find((r) => r.referenceComponentId === 'Kantoorautomatiseringcomponent')?.cells[0]?.usages,
    ).toHaveLength(2);
    expect(consolidation(matrix, both, ['A'], componentsOf).alternatives).toEqual([]);
  });

  it('explains each pairing in Dutch with the component names', () => {
    const name = (id: string) =>
      ({ Z: 'Zaakregistratiecomponent', D: 'Documentregistratiecomponent', X: 'Zaaktypecataloguscomponent' })[id] ?? id;
    expect(
      explainAlternative(
        { relation: 'SAME', sharedComponentIds: ['Z', 'D'], extraComponentIds: [] },
        ['Open Zaak', 'Zaak Oud'],
        name,
      ),
    ).toBe('Beide realiseren precies: Documentregistratiecomponent, Zaakregistratiecomponent.');
    expect(
      explainAlternative(
        { relation: 'SUBSET', sharedComponentIds: ['Z', 'D'], extraComponentIds: ['X'] },
        ['Zaak Oud', 'Open Zaak'],
        name,
      ),
    ).toBe(
      'Open Zaak realiseert alles wat Zaak Oud realiseert (Documentregistratiecomponent, Zaakregistratiecomponent) en daarnaast: Zaaktypecataloguscomponent.',
    );
  });
});

describe('expected koppelingen', () => {
  // GEMMA flows between the fixture's components; Z->Z and Z->X (X unused) ask nothing of either landscape.
  const flows = [
    { sourceId: 'Z', targetId: 'D', name: 'documenten' },
    { sourceId: 'P', targetId: 'Z', name: 'zaak aanmaken' },
    { sourceId: 'P', targetId: 'Z', name: 'status' },
    { sourceId: 'D', targetId: 'P', name: 'inzage' },
    { sourceId: 'Z', targetId: 'Z', name: 'intern' },
    { sourceId: 'Z', targetId: 'X', name: 'elders' },
  ];
  const slim = (org: string) =>
    of(org).map((u) => ({ id: u.id, status: u.status, referenceComponentIds: u.referenceComponentIds }));

  it('finds koppelingen at the source, by copy and missing, ignoring withdrawn ones and flows to unused components', () => {
    const a = expectedInterfaces(flows, slim('A'), [
      { id: 'i1', fromUsageId: 'a3', toUsageId: 'a2', status: 'IN_USE', copiesData: false },
      { id: 'i2', fromUsageId: 'a2', toUsageId: 'a1', status: 'IN_USE', copiesData: true },
      { id: 'i3', fromUsageId: 'a1', toUsageId: 'a3', status: 'WITHDRAWN', copiesData: false },
      { id: 'i4', fromUsageId: 'a3', toUsageId: null, status: 'IN_USE', copiesData: false },
    ]);
    // A's live usages: a1 zaak-oud [Z, D] (phasing out), a2 open-zaak [Z], a3 portaal [P]; a4 is retired.
    expect(a).toEqual([
      // D->P: a1 to a3 only through the withdrawn i3.
      {
        sourceComponentId: 'D',
        targetComponentId: 'P',
        flowNames: ['inzage'],
        status: 'MISSING',
        sourceUsageIds: ['a1'],
        targetUsageIds: ['a3'],
        interfaceIds: [],
      },
      // Z->D: i2 links a2 (Z) to a1 (D) by a copy; that a1 realises both does not hide the copy.
      {
        sourceComponentId: 'Z',
        targetComponentId: 'D',
        flowNames: ['documenten'],
        status: 'DATA_COPY',
        sourceUsageIds: ['a1', 'a2'],
        targetUsageIds: ['a1'],
        interfaceIds: ['i2'],
      },
      // P->Z: two GEMMA flows, one koppeling i1 that queries the source.
      {
        sourceComponentId: 'P',
        targetComponentId: 'Z',
        flowNames: ['status', 'zaak aanmaken'],
        status: 'AT_SOURCE',
        sourceUsageIds: ['a3'],
        targetUsageIds: ['a1', 'a2'],
        interfaceIds: ['i1'],
      },
    ]);
  });

  it('counts a flow inside one application and leaves planned usages out', () => {
    // B's live usages: b1 zaak-oud [Z, D], b2 dms [D], b4 portaal [P]; b3 open-zaak is only planned.
    const b = expectedInterfaces(flows, slim('B'), []);
    expect(b.map((e) => [e.sourceComponentId, e.targetComponentId, e.status])).toEqual([
      ['D', 'P', 'MISSING'],
      ['P', 'Z', 'MISSING'],
      ['Z', 'D', 'WITHIN_APPLICATION'],
    ]);
    expect(b.find((e) => e.sourceComponentId === 'P')?.targetUsageIds).toEqual(['b1']);
  });

  it('matches a koppeling registered against the flow direction', () => {
    const reversed = expectedInterfaces(flows, slim('B'), [
      { id: 'r1', fromUsageId: 'b1', toUsageId: 'b4', status: 'IN_DEVELOPMENT', copiesData: false },
    ]);
    expect(reversed.find((e) => e.sourceComponentId === 'P')).toMatchObject({
      status: 'AT_SOURCE',
      interfaceIds: ['r1'],
    });
  });
});
