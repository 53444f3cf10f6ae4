// Expected koppelingen at their edges, as a whole result worked out by hand: a flow from a component nobody runs yet,
// a pair inside one application next to a usage that realises one side only, and koppelingen listed in order.
import { expect, it } from 'vitest';
import { expectedInterfaces } from '#core/expected-interfaces.ts';

it('skips a flow from a component without a live usage, and sorts the koppelingen that realise a pair', () => {
  const usages = [
    { id: 'u1', status: 'IN_PRODUCTION' as const, referenceComponentIds: ['Z', 'D'] },
    { id: 'u2', status: 'IN_PRODUCTION' as const, referenceComponentIds: ['Z'] },
    { id: 'u3', status: 'PHASING_OUT' as const, referenceComponentIds: ['P'] },
    { id: 'u4', status: 'PLANNED' as const, referenceComponentIds: ['X'] },
  ];
  const flows = [
    { sourceId: 'Z', targetId: 'D', name: 'documenten' },
    { sourceId: 'X', targetId: 'P', name: 'alleen gepland' },
    { sourceId: 'P', targetId: 'Z', name: 'zaak' },
  ];
  const interfaces = [
    { id: 'i9', fromUsageId: 'u3', toUsageId: 'u2', status: 'IN_USE', copiesData: false },
    { id: 'i1', fromUsageId: 'u2', toUsageId: 'u3', status: 'IN_USE', copiesData: true },
    { id: 'i5', fromUsageId: 'u3', toUsageId: null, status: 'IN_USE', copiesData: false },
  ];
  // X's only usage is planned: no pair. Z->D: u1 realises both (u2 only Z) and no koppeling joins the sides: within
  // one application. P->Z: i9 queries u2 from u3, i1 copies the other way; one at the source is enough.
  expect(expectedInterfaces(flows, usages, interfaces)).toEqual([
    {
      sourceComponentId: 'P',
      targetComponentId: 'Z',
      flowNames: ['zaak'],
      status: 'AT_SOURCE',
      sourceUsageIds: ['u3'],
      targetUsageIds: ['u1', 'u2'],
      interfaceIds: ['i1', 'i9'],
    },
    {
      sourceComponentId: 'Z',
      targetComponentId: 'D',
      flowNames: ['documenten'],
      status: 'WITHIN_APPLICATION',
      sourceUsageIds: ['u1', 'u2'],
      targetUsageIds: ['u1'],
      interfaceIds: [],
    },
  ]);
});
