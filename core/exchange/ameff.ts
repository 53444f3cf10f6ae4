// Writes a landscape as an ArchiMate Model Exchange File (AMEFF, ArchiMate 3.1), the format Archi and the GEMMA
// Softwarecatalogus exchange. Usages, reference components and national facilities are application components;
// a usage specialises the GEMMA reference components it is used for (as the Softwarecatalogus models a package);
// koppelingen are flows; each Common Ground layer gets a view.
import { dateNl } from '../dates.ts';
import { USAGE_STATUSES, type UsageStatus } from '../usage-status.ts';
import { nl, propertiesOf, writeExchangeFile } from './ameff-write.ts';
import type { ExportLandscape } from './load.ts';
import { STATUSES } from './usages-csv.ts';

const LAYERS: [string, string][] = [
  ['INTERACTION', 'Interactie'],
  ['PROCESS', 'Proces'],
  ['INTEGRATION', 'Integratie'],
  ['SERVICE', 'Diensten'],
  ['DATA', 'Data'],
];

/** The property of a status's date: in-production-since for IN_PRODUCTION. */
const sinceProperty = (status: UsageStatus) => `${status.toLowerCase().replaceAll('_', '-')}-since`;

/** Property definitions, in a fixed order so that two exports of the same landscape are the same file. */
const PROPERTIES = [
  ['swc-type', 'SWC type'],
  ['object-id', 'Object ID'],
  ['grondplan-key', 'Grondplan sleutel'],
  ['supplier', 'Leverancier'],
  ['version', 'Versie'],
  ['status', 'Status'],
  ['status-since', 'Status sinds'],
  ...STATUSES.map(([status, , column]) => [sinceProperty(status), column] as const),
  ['architecture', 'Architectuur'],
  ['layer', 'Common Ground-laag'],
  ['operator', 'Technisch beheer'],
  ['availability', 'Beschikbaarheid'],
  ['integrity', 'Integriteit'],
  ['confidentiality', 'Vertrouwelijkheid'],
  ['gemma-group', 'GEMMA-groep'],
  ['interface-type', 'Soort koppeling'],
  ['direction', 'Richting'],
  ['copies-data', 'Kopieert gegevens'],
  ['standards', 'Standaarden'],
  ['standard-ids', 'Standaarden (GEMMA-id)'],
  ['via', 'Via (gebruik)'],
  ['exported-at', 'Geëxporteerd op'],
] as const;
type PropertyKey = (typeof PROPERTIES)[number][0] | 'plateau-day';

const props = propertiesOf<PropertyKey>;

/** XML ids may not start with a digit: GEMMA's object ids are prefixed, as GEMMA's own exports do. */
export const gemmaElementId = (uuid: string) => `id-${uuid}`;
/** Keys typed by users may hold characters an XML id may not; they become underscores. */
const safe = (key: string) => key.replace(/[^A-Za-z0-9_.-]/g, '_');
const usageElementId = (key: string) => `gp-usage-${safe(key)}`;
const serviceElementId = (uuid: string) => `id-${uuid}`;

/** One organisation's landscape as an exchange file. */
export function toAmeff(landscape: ExportLandscape, plateauDay?: string): string {
  const on = plateauDay ? ` op ${dateNl(plateauDay)}` : '';
  return buildModel([landscape], {
    id: `gp-model-${landscape.organisation.slug}`,
    name: `Applicatielandschap ${landscape.organisation.name}${on}`,
    documentation: `Het applicatielandschap van ${landscape.organisation.name}${on}, geëxporteerd uit Grondplan.`,
    exportedAt: landscape.exportedAt,
    plateauDay,
  });
}

/** At most this many landscapes side by side in one file, as on the comparison page. */
export const MAX_COMPARED = 50;

/**
 * Several landscapes side by side in one file: a folder per organisation, the GEMMA components and facilities they
 * share once, and per Common Ground layer a view with a group per organisation.
 */
export function toComparisonAmeff(landscapes: ExportLandscape[], plateauDay?: string): string {
  const sorted = [...landscapes].sort((a, b) => a.organisation.slug.localeCompare(b.organisation.slug));
  const names = sorted.map((l) => l.organisation.name).join(', ');
  return buildModel(sorted, {
    id: `gp-model-${sorted.map((l) => l.organisation.slug).join('-')}`,
    name: `Vergelijking ${names}`,
    documentation: `De applicatielandschappen van ${names}, naast elkaar geëxporteerd uit Grondplan.`,
    exportedAt: sorted[0]?.exportedAt ?? new Date().toISOString(),
    plateauDay,
  });
}

interface ModelMeta {
  id: string;
  name: string;
  documentation: string;
  exportedAt: string;
  /** A landscape on a day (ISO): the usages given are those of that day, and each landscape becomes a plateau. */
  plateauDay?: string | undefined;
}

/** The day's plateau of each landscape: a Plateau element composed of its usages, each composition with its status. */
function plateaus(parts: ReturnType<typeof landscapeParts>[], landscapes: ExportLandscape[], day: string) {
  const elements = landscapes.map((l) => ({
    '@_identifier': `gp-plateau-${l.organisation.slug}-${day}`,
    '@_xsi:type': 'Plateau',
    name: nl(`Landschap ${l.organisation.name} op ${dateNl(day)}`),
    properties: props([['plateau-day', day]]),
  }));
  const relationships = parts.flatMap((p, i) =>
    p.usages.map((u) => ({
      '@_identifier': `gp-comp-${day}-${p.usageId(u.key).slice('gp-usage-'.length)}`,
      '@_source': elements[i]?.['@_identifier'],
      '@_target': p.usageId(u.key),
      '@_xsi:type': 'Composition',
      properties: props([['status', u.status]]),
    })),
  );
  return { elements, relationships };
}

function buildModel(landscapes: ExportLandscape[], meta: ModelMeta): string {
  // One landscape keeps the plain ids its import matches on; side by side, the organisation's slug keeps keys apart.
  const scope = (l: ExportLandscape, key: string) => (landscapes.length > 1 ? `${l.organisation.slug}.${key}` : key);
  const parts = landscapes.map((l) => ({ landscape: l, ...landscapeParts(l, (key) => scope(l, key)) }));
  const components = [
    ...new Map(landscapes.flatMap((l) => l.referenceComponents.map((c) => [c.id, c] as const))).values(),
  ].sort((a, b) => a.id.localeCompare(b.id));
  const services = [
    ...new Map(landscapes.flatMap((l) => l.externalServices.map((s) => [s.id, s] as const))).values(),
  ].sort((a, b) => a.id.localeCompare(b.id));
  const plateau = meta.plateauDay ? plateaus(parts, landscapes, meta.plateauDay) : { elements: [], relationships: [] };
  const elements = [
    ...parts.flatMap((p) => p.elements),
    ...plateau.elements,
    ...components.map((c) => ({
      '@_identifier': gemmaElementId(c.id),
      '@_xsi:type': 'ApplicationComponent',
      name: nl(c.name),
      properties: props([
        ['swc-type', 'Referentiecomponent'],
        ['object-id', c.id],
        ['gemma-group', c.group],
      ]),
    })),
    ...services.map((s) => ({
      '@_identifier': serviceElementId(s.id),
      '@_xsi:type': 'ApplicationComponent',
      name: nl(s.name),
      properties: props([
        ['swc-type', 'Buitengemeentelijke component'],
        ['object-id', s.id],
      ]),
    })),
  ];
  const relationships = [
    ...parts.flatMap((p) => p.specialisations),
    ...parts.flatMap((p) => p.flows),
    ...plateau.relationships,
  ];
  const views = LAYERS.flatMap(([layer, label]) => {
    const groups = parts
      .map((p) => ({ ...p, inLayer: p.usages.filter((u) => u.layers.includes(layer)) }))
      .filter((g) => g.inLayer.length > 0);
    if (groups.length === 0) return [];
    const nodeId = (elementId: string) => `gp-node-${layer}-${elementId.slice('gp-usage-'.length)}`;
    let top = 24;
    const nodes = groups.map((g) => {
      const elementNodes = (dx: number, dy: number) =>
        g.inLayer.map((u, i) => ({
          '@_identifier': nodeId(g.usageId(u.key)),
          '@_elementRef': g.usageId(u.key),
          '@_xsi:type': 'Element',
          '@_x': dx + (i % 5) * 170,
          '@_y': dy + Math.floor(i / 5) * 90,
          '@_w': 150,
          '@_h': 55,
        }));
      if (groups.length === 1 && landscapes.length === 1) return elementNodes(24, 24);
      // Side by side: each organisation's usages in a labelled container, stacked down the view.
      const rows = Math.ceil(g.inLayer.length / 5);
      const container = {
        '@_identifier': `gp-group-${layer}-${g.landscape.organisation.slug}`,
        '@_xsi:type': 'Container',
        '@_x': 12,
        '@_y': top,
        '@_w': 5 * 170 + 24,
        '@_h': rows * 90 + 48,
        label: nl(g.landscape.organisation.name),
        node: elementNodes(24, top + 36),
      };
      top += rows * 90 + 72;
      return [container];
    });
    const onView = new Set(groups.flatMap((g) => g.inLayer.map((u) => g.usageId(u.key))));
    const connections = groups
      .flatMap((g) => g.flows)
      .filter((f) => onView.has(f['@_source']) && onView.has(f['@_target']) && f['@_source'] !== f['@_target'])
      .map((f) => ({
        '@_identifier': `gp-conn-${layer}-${f['@_identifier']}`,
        '@_relationshipRef': f['@_identifier'],
        '@_xsi:type': 'Relationship',
        '@_source': nodeId(f['@_source']),
        '@_target': nodeId(f['@_target']),
      }));
    return [
      {
        '@_identifier': `gp-view-${layer}`,
        '@_xsi:type': 'Diagram',
        name: nl(`Laag ${label}`),
        node: nodes.flat(),
        ...(connections.length ? { connection: connections } : {}),
      },
    ];
  });
  return writeExchangeFile({
    ...meta,
    elements,
    relationships,
    folders: [
      ...parts.map((p) => ({
        label: p.landscape.organisation.name,
        item: p.usages.map((u) => ({ '@_identifierRef': p.usageId(u.key) })),
      })),
      {
        label: 'GEMMA-referentiecomponenten',
        item: components.map((c) => ({ '@_identifierRef': gemmaElementId(c.id) })),
      },
      { label: 'Landelijke voorzieningen', item: services.map((s) => ({ '@_identifierRef': serviceElementId(s.id) })) },
      {
        label: 'Plateaus',
        item: plateau.elements.map((e) => ({ '@_identifierRef': e['@_identifier'] })),
      },
      {
        label: 'Koppelingen',
        item: parts.flatMap((p) => p.flows).map((f) => ({ '@_identifierRef': f['@_identifier'] })),
      },
    ],
    propertyDefinitions: meta.plateauDay ? [...PROPERTIES, ['plateau-day', 'Datum van het plateau']] : PROPERTIES,
    views,
  });
}

/** One landscape's usages, their specialisations and its koppelingen, with ids made by `scoped`. */
function landscapeParts(landscape: ExportLandscape, scoped: (key: string) => string) {
  const usages = [...landscape.usages].sort((a, b) => a.key.localeCompare(b.key));
  const usageById = new Map(usages.map((u) => [u.id, u]));
  const usageId = (key: string) => usageElementId(scoped(key));
  const elements = usages.map((u) => ({
    '@_identifier': usageId(u.key),
    '@_xsi:type': 'ApplicationComponent',
    name: nl(u.name),
    properties: props([
      ['swc-type', 'Pakketversie'],
      ['grondplan-key', u.key],
      ['supplier', u.supplier],
      ['version', u.version],
      ['status', u.status],
      // The current status's date for tools that know one date, and every status's date, so that an import keeps them all.
      ['status-since', u.statusSince],
      ...USAGE_STATUSES.map((status): [string, string | null | undefined] => [
        sinceProperty(status),
        u.statusDates[status],
      ]),
      ['architecture', u.architecture],
      ['layer', u.layers.join(', ')],
      ['operator', u.operator],
      ['availability', u.availability],
      ['integrity', u.integrity],
      ['confidentiality', u.confidentiality],
    ]),
  }));
  const specialisations = usages.flatMap((u) =>
    [...u.referenceComponentIds].sort().map((rc) => ({
      '@_identifier': `gp-spec-${safe(scoped(u.key))}-${rc}`,
      '@_source': usageId(u.key),
      '@_target': gemmaElementId(rc),
      '@_xsi:type': 'Specialization',
    })),
  );
  const flows = [...landscape.interfaces]
    .sort((a, b) => a.key.localeCompare(b.key))
    .flatMap((i) => {
      const from = usageById.get(i.fromUsageId);
      const to = i.toUsageId ? usageById.get(i.toUsageId) : null;
      if (!from || (!to && !i.externalServiceId)) return [];
      const a = usageId(from.key);
      const b = to ? usageId(to.key) : serviceElementId(i.externalServiceId ?? '');
      const via = i.intermediaryUsageId ? (usageById.get(i.intermediaryUsageId)?.key ?? null) : null;
      // ArchiMate flows have one direction: B_TO_A is written the other way round; BOTH keeps its property.
      const [source, target] = i.direction === 'B_TO_A' ? [b, a] : [a, b];
      return [
        {
          '@_identifier': `gp-flow-${safe(scoped(i.key))}`,
          '@_source': source,
          '@_target': target,
          '@_xsi:type': 'Flow',
          name: nl(i.key),
          ...(i.description ? { documentation: nl(i.description) } : {}),
          properties: props([
            ['grondplan-key', i.key],
            ['interface-type', i.type],
            ['direction', i.direction],
            ['status', i.status],
            ['copies-data', i.copiesData],
            ['standards', [...i.standards].sort().join(', ')],
            ['standard-ids', [...i.standardIds].sort().join(', ')],
            ['via', via],
          ]),
        },
      ];
    });
  return { usages, usageId, elements, specialisations, flows };
}
