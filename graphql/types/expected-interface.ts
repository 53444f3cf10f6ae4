// Expected koppelingen: what GEMMA's component flows ask of a landscape, and how the landscape answers.

import { compareNl } from '#core/collation.ts';
import { type ExpectedStatus, expectedInterfaces } from '#core/expected-interfaces.ts';
import { builder } from '../builder.ts';
import { type CellUsage, CellUsageRef, type Component, ComponentRef } from './comparison.ts';
import { Organisation } from './organisation.ts';

const ExpectedInterfaceStatus = builder.enumType('ExpectedInterfaceStatus', {
  values: {
    MISSING: { description: 'No koppeling between any usage of the two components.' },
    DATA_COPY: { description: 'Only koppelingen that copy registered data.' },
    AT_SOURCE: { description: 'At least one koppeling queries the data at the source.' },
    WITHIN_APPLICATION: { description: 'One usage realises both components; the exchange happens inside it.' },
  } satisfies Record<ExpectedStatus, unknown>,
});

interface Shape {
  source: Component;
  target: Component;
  flows: string[];
  status: ExpectedStatus;
  sourceUsages: CellUsage[];
  targetUsages: CellUsage[];
  interfaces: string[];
}

const ExpectedInterfaceRef = builder.objectRef<Shape>('ExpectedInterface').implement({
  description:
    'A koppeling GEMMA expects between two reference components that both have a live usage in the landscape.',
  fields: (t) => ({
    sourceComponent: t.field({ type: ComponentRef, resolve: (e) => e.source }),
    targetComponent: t.field({ type: ComponentRef, resolve: (e) => e.target }),
    flows: t.exposeStringList('flows', { description: 'GEMMA’s names for the flows from source to target.' }),
    status: t.field({ type: ExpectedInterfaceStatus, resolve: (e) => e.status }),
    sourceUsages: t.field({
      type: [CellUsageRef],
      description: 'Live usages that realise the source component.',
      resolve: (e) => e.sourceUsages,
    }),
    targetUsages: t.field({
      type: [CellUsageRef],
      description: 'Live usages that realise the target component.',
      resolve: (e) => e.targetUsages,
    }),
    interfaces: t.exposeStringList('interfaces', {
      description: 'Keys of the koppelingen (not withdrawn) that realise it.',
    }),
  }),
});

builder.prismaObjectFields(Organisation, (t) => ({
  expectedInterfaces: t.field({
    type: [ExpectedInterfaceRef],
    authScopes: { reader: true },
    description: 'Koppelingen expected from GEMMA’s component flows, missing ones first, then data copies.',
    select: {
      usages: {
        where: { status: { in: ['IN_PRODUCTION', 'PHASING_OUT'] } },
        select: {
          id: true,
          key: true,
          status: true,
          product: { select: { slug: true, name: true, architecture: true } },
          referenceComponents: {
            select: {
              referenceComponent: {
                select: { id: true, name: true, group: true, flowsOut: { select: { targetId: true, name: true } } },
              },
            },
          },
        },
      },
      interfaces: {
        select: { id: true, key: true, fromUsageId: true, toUsageId: true, status: true, copiesData: true },
      },
    },
    resolve: (o) => {
      const components = new Map<string, Component>();
      const flows: { sourceId: string; targetId: string; name: string }[] = [];
      for (const u of o.usages) {
        for (const { referenceComponent: c } of u.referenceComponents) {
          if (components.has(c.id)) continue;
          components.set(c.id, { gemmaId: c.id, name: c.name, group: c.group });
          flows.push(...c.flowsOut.map((f) => ({ sourceId: c.id, targetId: f.targetId, name: f.name })));
        }
      }
      const usage = new Map(
        o.usages.map((u) => [
          u.id,
          {
            key: u.key,
            status: u.status,
            productSlug: u.product.slug,
            productName: u.product.name,
            architecture: u.product.architecture,
          },
        ]),
      );
      const interfaceKey = new Map(o.interfaces.map((i) => [i.id, i.key]));
      const expected = expectedInterfaces(
        flows,
        o.usages.map((u) => ({
          id: u.id,
          status: u.status,
          referenceComponentIds: u.referenceComponents.map((c) => c.referenceComponent.id),
        })),
        o.interfaces,
      );
      const usagesOf = (ids: string[]) =>
        ids.map((id) => usage.get(id) as CellUsage).sort((a, b) => compareNl(a.productName, b.productName));
      return expected.map((e) => ({
        source: components.get(e.sourceComponentId) as Component,
        target: components.get(e.targetComponentId) as Component,
        flows: e.flowNames,
        status: e.status,
        sourceUsages: usagesOf(e.sourceUsageIds),
        targetUsages: usagesOf(e.targetUsageIds),
        interfaces: e.interfaceIds.map((id) => interfaceKey.get(id) ?? id).sort(),
      }));
    },
  }),
}));
