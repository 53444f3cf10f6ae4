// Adoption and headline figures of a landscape's counts, as whole results worked out by hand.
import { describe, expect, it } from 'vitest';
import { adoptionOf, byLayer, type LandscapeCounts, usageSummaryOf } from '#core/analysis.ts';

describe('a landscape in counts', () => {
  // Counts of a landscape: in production 2 LEGACY, 1 COMMON_GROUND, 1 HYBRID; 1 LEGACY phasing out; 4 LEGACY retired and
  // 2 planned. In production per layer: SERVICE 1 COMMON_GROUND; DATA 2 LEGACY, 1 COMMON_GROUND.
  const counts: LandscapeCounts = {
    usages: [
      { status: 'IN_PRODUCTION', architecture: 'LEGACY', count: 2 },
      { status: 'IN_PRODUCTION', architecture: 'COMMON_GROUND', count: 1 },
      { status: 'IN_PRODUCTION', architecture: 'HYBRID', count: 1 },
      { status: 'PHASING_OUT', architecture: 'LEGACY', count: 1 },
      { status: 'RETIRED', architecture: 'LEGACY', count: 4 },
      { status: 'PLANNED', architecture: 'LEGACY', count: 2 },
    ],
    layers: [
      { layer: 'SERVICE', architecture: 'COMMON_GROUND', count: 1 },
      { layer: 'DATA', architecture: 'LEGACY', count: 2 },
      { layer: 'DATA', architecture: 'COMMON_GROUND', count: 1 },
    ],
    interfaces: [
      { copiesData: true, count: 3 },
      { copiesData: false, count: 1 },
    ],
  };

  it('gives every layer in the model’s order and counts legacy still running without retired or planned usages', () => {
    const empty = { total: 0, commonGround: 0, hybrid: 0, legacy: 0, commonGroundShare: null, hybridShare: null };
    // Shares over the 4 in production: 1/4 each. Legacy still running: 2 in production + 1 phasing out.
    expect(adoptionOf(counts)).toEqual({
      total: 4,
      commonGround: 1,
      hybrid: 1,
      legacy: 2,
      commonGroundShare: 0.25,
      hybridShare: 0.25,
      perLayer: [
        { layer: 'INTERACTION', ...empty },
        { layer: 'PROCESS', ...empty },
        { layer: 'INTEGRATION', ...empty },
        { layer: 'SERVICE', total: 1, commonGround: 1, hybrid: 0, legacy: 0, commonGroundShare: 1, hybridShare: 0 },
        { layer: 'DATA', total: 3, commonGround: 1, hybrid: 0, legacy: 2, commonGroundShare: 1 / 3, hybridShare: 0 },
      ],
      legacyStillRunning: 3,
      phasingOut: 1,
      interfacesCopying: 3,
      interfacesAtSource: 1,
    });
    expect((['DATA', 'INTERACTION', 'SERVICE', 'PROCESS', 'INTEGRATION'] as const).toSorted(byLayer)).toEqual([
      'INTERACTION',
      'PROCESS',
      'INTEGRATION',
      'SERVICE',
      'DATA',
    ]);
  });

  it('sums the headline figures: all usages, every status, and per architecture those in production or phasing out', () => {
    // 2 + 1 + 1 + 1 + 4 + 2 = 11 usages. Live: LEGACY 2 + 1, HYBRID 1, COMMON_GROUND 1.
    expect(usageSummaryOf(counts)).toEqual({
      total: 11,
      byStatus: [
        { key: 'ACQUIRING', count: 0 },
        { key: 'PLANNED', count: 2 },
        { key: 'IN_PRODUCTION', count: 4 },
        { key: 'PHASING_OUT', count: 1 },
        { key: 'RETIRED', count: 4 },
      ],
      inProductionByArchitecture: [
        { key: 'LEGACY', count: 3 },
        { key: 'HYBRID', count: 1 },
        { key: 'COMMON_GROUND', count: 1 },
      ],
    });
  });
});
