// Adoption figures and standards gaps: Common Ground shares per organisation and layer, and the standards a landscape's usages miss.
import {
  type Adoption,
  adoptionOf,
  type LayerName,
  type Share,
  standardsCheck,
  standardsGaps,
} from '#core/analysis.ts';
import { builder, type Types } from '../builder.ts';
import { AT_DESCRIPTION, landscapeCountsAt, readerWhenAt } from '../landscape-at.ts';
import { landscapeCounts } from '../loaders.ts';
import { Layer } from './enums.ts';
import { Organisation } from './organisation.ts';
import { Standard } from './standard.ts';
import { Usage } from './usage.ts';

const shareFields = <T extends Share>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, T>) => ({
  total: t.int({ description: 'Usages in production.', resolve: (s) => s.total }),
  commonGround: t.int({ resolve: (s) => s.commonGround }),
  hybrid: t.int({ resolve: (s) => s.hybrid }),
  legacy: t.int({ resolve: (s) => s.legacy }),
  commonGroundShare: t.float({
    nullable: true,
    description: 'Fraction 0-1; null when nothing is in production.',
    resolve: (s) => s.commonGroundShare,
  }),
  hybridShare: t.float({ nullable: true, resolve: (s) => s.hybridShare }),
});

const LayerShare = builder.objectRef<Share & { layer: LayerName }>('LayerAdoption').implement({
  fields: (t) => ({ layer: t.field({ type: Layer, resolve: (s) => s.layer }), ...shareFields(t) }),
});

const AdoptionRef = builder.objectRef<Adoption>('Adoption').implement({
  description: 'Common Ground adoption: shares over usages IN_PRODUCTION, overall and per layer.',
  fields: (t) => ({
    ...shareFields(t),
    perLayer: t.field({ type: [LayerShare], resolve: (a) => a.perLayer }),
    legacyStillRunning: t.exposeInt('legacyStillRunning', {
      description: 'LEGACY usages in production or being phased out.',
    }),
    phasingOut: t.exposeInt('phasingOut'),
    interfacesCopying: t.exposeInt('interfacesCopying', {
      description: 'Koppelingen (not withdrawn) that copy registered data.',
    }),
    interfacesAtSource: t.exposeInt('interfacesAtSource', {
      description: 'Koppelingen (not withdrawn) that query data at the source.',
    }),
  }),
});

const gapSelection = (nested: (selection: true) => unknown) => ({
  referenceComponents: {
    select: {
      referenceComponent: {
        select: {
          standards: {
            where: { role: 'MANDATORY' as const },
            select: { referenceComponentId: true, standardId: true, role: true, standard: nested(true) },
          },
        },
      },
    },
  },
  product: { select: { name: true, standards: { select: { standardId: true } } } },
});
type GapUsage = {
  referenceComponents: {
    referenceComponent: {
      standards: { referenceComponentId: string; standardId: string; role: string | null; standard: { id: string } }[];
    };
  }[];
  product: { name: string; standards: { standardId: string }[] };
};
function gapsOf(u: GapUsage) {
  const links = u.referenceComponents.flatMap((c) => c.referenceComponent.standards);
  const ids = standardsGaps(
    links,
    [...new Set(links.map((l) => l.referenceComponentId))],
    u.product.standards.map((s) => s.standardId),
  );
  const byId = new Map(links.map((l) => [l.standardId, l.standard]));
  return ids.map((id) => byId.get(id)).filter((s): s is NonNullable<typeof s> => Boolean(s));
}

builder.prismaObjectFields(Usage, (t) => ({
  standardsGaps: t.field({
    type: [Standard],
    description:
      'Mandatory (Verplicht) GEMMA standards of this usage’s reference components that its product does not implement.',
    select: (_args, _ctx, nested) => gapSelection(nested as (s: true) => unknown),
    resolve: (u) => gapsOf(u as unknown as GapUsage) as never,
  }),
}));

const StandardsVerdict = builder.enumType('StandardsVerdict', {
  description: 'What the check of mandatory standards can say about a landscape (core/analysis.ts standardsCheck).',
  values: {
    NO_USAGES: { description: 'No usages that are not retired: nothing to check.' },
    NOTHING_MANDATORY: { description: 'Its usages’ reference components ask for no mandatory standard.' },
    COMPLETE: { description: 'Every usage with mandatory standards implements them all.' },
    GAPS: { description: 'At least one usage lacks a mandatory standard.' },
  } as const,
});
const StandardsCheckRef = builder.objectRef<ReturnType<typeof standardsCheck>>('StandardsCheck').implement({
  fields: (t) => ({
    verdict: t.field({ type: StandardsVerdict, resolve: (c) => c.verdict }),
    usages: t.exposeInt('usages', { description: 'Usages (not retired) checked.' }),
    usagesWithMandatory: t.exposeInt('usagesWithMandatory', {
      description: 'Of those, usages whose reference components ask for a mandatory standard.',
    }),
    usagesWithGaps: t.exposeInt('usagesWithGaps', { description: 'Of those, usages that lack at least one.' }),
  }),
});
/** Usages not retired with what standardsGaps needs: the one selection of standardsGaps and standardsCheck. */
const landscapeGapSelection = ((_args: unknown, _ctx: unknown, nested: (s: true) => unknown) => ({
  usages: { where: { status: { not: 'RETIRED' as const } }, select: gapSelection(nested) },
})) as never;

interface StandardGap {
  standard: { id: string };
  usageCount: number;
  products: string[];
}
const StandardGapRef = builder.objectRef<StandardGap>('StandardGap').implement({
  fields: (t) => ({
    standard: t.field({ type: Standard, resolve: (g) => g.standard as never }),
    usageCount: t.exposeInt('usageCount', { description: 'Usages (not retired) that lack it.' }),
    products: t.exposeStringList('products', { description: 'Names of the products concerned.' }),
  }),
});

builder.prismaObjectFields(Organisation, (t) => ({
  standardsCheck: t.field({
    type: StandardsCheckRef,
    authScopes: { reader: true },
    description:
      'Whether this landscape’s usages implement their mandatory standards, or that there is nothing to check.',
    select: landscapeGapSelection,
    resolve: (o) =>
      standardsCheck(
        (o as unknown as { usages: GapUsage[] }).usages.map((u) => ({
          mandatory: new Set(
            u.referenceComponents.flatMap((c) => c.referenceComponent.standards.map((l) => l.standardId)),
          ).size,
          missing: gapsOf(u).length,
        })),
      ),
  }),
  adoption: t.field({
    type: AdoptionRef,
    description: 'Common Ground adoption of this landscape; with `at` (landscape data: needs reader) on that day.',
    args: { at: t.arg({ type: 'Date', required: false, description: AT_DESCRIPTION }) },
    authScopes: readerWhenAt,
    resolve: async (o, args, ctx) =>
      adoptionOf(args.at ? await landscapeCountsAt(ctx, o.id, args.at) : await landscapeCounts(ctx, o.id)),
  }),
  standardsGaps: t.field({
    type: [StandardGapRef],
    authScopes: { reader: true },
    description: 'Mandatory standards missing in this landscape, most widely missing first.',
    // The nested selection is typed loosely here; gapsOf reads exactly what gapSelection asks for.
    select: landscapeGapSelection,
    resolve: (o) => {
      const gaps = new Map<string, StandardGap>();
      for (const u of (o as unknown as { usages: GapUsage[] }).usages) {
        for (const standard of gapsOf(u)) {
          const gap = gaps.get(standard.id) ?? { standard, usageCount: 0, products: [] };
          gap.usageCount++;
          if (!gap.products.includes(u.product.name)) gap.products.push(u.product.name);
          gaps.set(standard.id, gap);
        }
      }
      return [...gaps.values()].sort(
        (a, b) =>
          b.usageCount - a.usageCount ||
          (a.standard as { name?: string }).name?.localeCompare((b.standard as { name?: string }).name ?? '') ||
          0,
      );
    },
  }),
}));
