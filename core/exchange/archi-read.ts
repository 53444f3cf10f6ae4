// Reads an architect's own ArchiMate model (Archi, Sparx EA, Visual Paradigm, ...) as a landscape: application
// components become usages of catalogue products, flow, serving and triggering relationships between them become
// koppelingen. Everything else the file holds is listed as not placed, with the reason, so that nothing is skipped silently.
import type { Database } from '#prisma/client.ts';
import { slugify } from '#prisma/slug.ts';
import { isoDay } from '../dates.ts';
import type { AmeffItem, AmeffModel } from './ameff-read.ts';
import type { RowProblem } from './file-text.ts';
import type { InterfaceRecord } from './interfaces-csv.ts';
import { loadCandidates, matchProduct, matchSupplier } from './matching.ts';
import { uniqueKeys } from './unique-key.ts';
import {
  ADD_UNKNOWN_HINT,
  type ImportOptions,
  MAX_ROWS,
  STATUS_DATE_COLUMNS,
  STATUS_DATES_SELECT,
  STATUS_LABEL,
} from './usages-csv.ts';

/** Something the file holds that the import does not place, counted per type (or named, for components and their relations). */
export interface NotPlaced {
  type: string;
  count: number;
  /** The element or relationship ("CRM System", "Web portal → CRM System"), null for a count of a whole type. */
  name: string | null;
  reason: string;
}

interface ArchiReading {
  records: Record<string, string>[];
  interfaces: InterfaceRecord[];
  notPlaced: NotPlaced[];
  /** How each placed component was matched, for the dry run. */
  placed: string[];
  /** Why the model is refused as a whole (too many components); empty otherwise. */
  problems: RowProblem[];
}

const COMPONENT = 'ApplicationComponent';
/** Relationships between components that are koppelingen: the data or the service goes from source to target. */
const KOPPELING_TYPES = new Set(['Flow', 'Serving', 'Triggering']);
const GEMMA_LINK_TYPES = new Set(['Specialization', 'Realization']);
const OBJECT_ID_PROPERTIES = ['object id', 'gemma id', 'gemma-id', 'objectid'];
const SUPPLIER_PROPERTIES = ['leverancier', 'supplier', 'vendor', 'aanbieder'];

/** Why a relationship between two components is not a koppeling. */
const NOT_A_KOPPELING: Record<string, string> = {
  Composition: 'een component als onderdeel van een ander component; geen koppeling',
  Aggregation: 'een component als onderdeel van een ander component; geen koppeling',
  Association: 'een associatie heeft geen richting; geen koppeling',
  Specialization: 'een specialisatie van een ander component (geen GEMMA-referentiecomponent); geen koppeling',
  Realization: 'een realisatie van een ander component (geen GEMMA-referentiecomponent); geen koppeling',
};

const propertyOf = (item: AmeffItem, names: readonly string[]) => {
  for (const [name, value] of item.properties)
    if (names.includes(name.trim().toLowerCase()) && value.trim()) return value.trim();
  return '';
};

const day = (d: Date | null) => (d ? isoDay(d) : '');

/** Counts in the order of their type's name, so that two tools writing the same model give the same list. */
const byType = (counts: Map<string, number>) => [...counts].sort(([a], [b]) => a.localeCompare(b));

/** A key for each name: its slug, made unique with -2, -3, ... in the order of the file. */
function keyMaker() {
  const next = uniqueKeys();
  return (name: string, isKey = false) => next(isKey ? name : slugify(name) || 'component');
}

/**
 * Matches the model's application components against the catalogue and GEMMA, and the organisation's landscape (so
 * that a re-import of the same model changes nothing); changes nothing. Null when the organisation does not exist.
 */
export async function readArchiLandscape(
  db: Database,
  slug: string,
  model: AmeffModel,
  options: ImportOptions = {},
): Promise<ArchiReading | null> {
  const p = db.prisma;
  const org = await p.organisation.findUnique({ where: { slug }, select: { id: true } });
  if (!org) return null;
  const componentCount = model.elements.reduce((n, e) => (e.type === COMPONENT ? n + 1 : n), 0);
  if (componentCount > MAX_ROWS)
    return {
      records: [],
      interfaces: [],
      notPlaced: [],
      placed: [],
      problems: [
        { line: 0, message: `Het model heeft ${componentCount} applicatiecomponenten; hooguit ${MAX_ROWS} per keer.` },
      ],
    };
  const [{ products, suppliers }, components, usages, interfaces] = await Promise.all([
    // Suppliers and products as every importer recognises them, by their former names (aliases) too, so that a component
    // this reader does not place is also one the usages plan would add.
    loadCandidates(p),
    p.referenceComponent.findMany({ select: { id: true, name: true } }),
    p.usage.findMany({
      where: { organisationId: org.id },
      select: {
        key: true,
        productId: true,
        status: true,
        ...STATUS_DATES_SELECT,
        version: { select: { name: true } },
        referenceComponents: { select: { referenceComponentId: true } },
      },
    }),
    p.interface.findMany({
      where: { organisationId: org.id },
      select: {
        key: true,
        type: true,
        status: true,
        copiesData: true,
        description: true,
        intermediary: { select: { key: true } },
        fromUsage: { select: { key: true } },
        toUsage: { select: { key: true } },
        standards: { select: { standardId: true } },
      },
    }),
  ]);
  const supplierById = new Map(suppliers.map((x) => [x.id, x.name]));
  const componentIds = new Set(components.map((c) => c.id));
  const componentByName = new Map(components.map((c) => [c.name.trim().toLowerCase(), c]));
  const existingUsage = new Map(usages.map((u) => [u.key, u]));
  const existingInterface = new Map(interfaces.map((i) => [i.key, i]));
  // A koppeling the landscape already has between the same two usages keeps its key, whatever it is.
  const existingBetween = new Map<string, string[]>();
  for (const i of interfaces)
    if (i.toUsage)
      existingBetween.set(`${i.fromUsage.key}|${i.toUsage.key}`, [
        ...(existingBetween.get(`${i.fromUsage.key}|${i.toUsage.key}`) ?? []),
        i.key,
      ]);
  const byId = new Map(model.elements.map((e) => [e.id, e]));
  const notPlaced: NotPlaced[] = [];
  const placed: string[] = [];

  /** The reference component an element stands for: its object id, its identifier (GEMMA's own "id-<uuid>") or its name. */
  const gemmaOf = (e: AmeffItem, byName: boolean): { id: string; why: string } | null => {
    const objectId = propertyOf(e, OBJECT_ID_PROPERTIES).toLowerCase();
    if (componentIds.has(objectId)) return { id: objectId, why: 'Object ID' };
    const ownId = e.id.replace(/^id-/, '').toLowerCase();
    if (componentIds.has(ownId)) return { id: ownId, why: 'identificatie' };
    const named = byName ? componentByName.get(e.name.trim().toLowerCase()) : undefined;
    return named ? { id: named.id, why: 'naam' } : null;
  };
  // A specialisation or realisation of a GEMMA element gives the component that reference component.
  const gemmaLinks = new Map<string, { id: string; why: string }[]>();
  const usedRelationships = new Set<string>();
  for (const r of model.relationships) {
    const source = byId.get(r.source);
    const target = byId.get(r.target);
    if (!GEMMA_LINK_TYPES.has(r.type) || source?.type !== COMPONENT || !target) continue;
    const gemma = gemmaOf(target, true);
    if (!gemma) continue;
    usedRelationships.add(r.id);
    gemmaLinks.set(r.source, [
      ...(gemmaLinks.get(r.source) ?? []),
      { id: gemma.id, why: `${r.type === 'Specialization' ? 'specialisatie' : 'realisatie'} van "${target.name}"` },
    ]);
  }

  const nextKey = keyMaker();
  const usageKey = new Map<string, string>();
  const records: Record<string, string>[] = [];
  for (const e of model.elements.filter((x) => x.type === COMPONENT)) {
    const name = e.name.trim();
    if (!name) {
      notPlaced.push({
        type: COMPONENT,
        count: 1,
        name: `(zonder naam, ${e.id})`,
        reason: 'een component zonder naam is geen pakket',
      });
      continue;
    }
    const supplierName = propertyOf(e, SUPPLIER_PROPERTIES);
    const supplier = supplierName ? matchSupplier({ name: supplierName }, suppliers) : null;
    const product = matchProduct(name, supplier?.match.id ?? null, products);
    const productSupplier = product ? (supplierById.get(product.match.supplierId) ?? '') : '';
    const gemma = [...(gemmaLinks.get(e.id) ?? []), ...[gemmaOf(e, true)].filter((g) => g !== null)];
    // A component named after a GEMMA reference component stands for that component, not for a product.
    const isGemma = componentByName.has(name.toLowerCase());
    // Without a product in the catalogue, the option adds one when the model names its supplier (planUsagesImport does so
    // the one way every import does); a component without a supplier cannot be added.
    const adding = !product && !isGemma && Boolean(supplierName) && Boolean(options.addUnknownProducts);
    if (!product && !adding) {
      const asGemma = isGemma ? ` ("${name}" is een GEMMA-referentiecomponent, geen pakket)` : '';
      const why = !supplierName
        ? `geen pakket "${name}" in de catalogus en geen leverancier genoemd${
            isGemma
              ? ''
              : `; om het toe te voegen heeft het component een eigenschap Leverancier (of Supplier) nodig${
                  options.addUnknownProducts
                    ? ''
                    : ' en de optie "onbekende pakketten en leveranciers toevoegen" (op de opdrachtregel --nieuwe-pakketten)'
                }`
          }`
        : `${
            supplier
              ? `geen pakket "${name}" van leverancier "${supplier.match.name}" in de catalogus`
              : `geen pakket "${name}" in de catalogus en leverancier "${supplierName}" is onbekend`
          }${isGemma ? '' : `. ${ADD_UNKNOWN_HINT}`}`;
      notPlaced.push({ type: COMPONENT, count: 1, name, reason: `${why}${asGemma}` });
      continue;
    }
    const key = nextKey(name);
    usageKey.set(e.id, key);
    const before = existingUsage.get(key);
    // The model adds reference components; it does not take away the ones the landscape has and the model does not show.
    const ids = [
      ...new Set([
        ...gemma.map((g) => g.id),
        ...(before?.referenceComponents.map((c) => c.referenceComponentId) ?? []),
      ]),
    ].sort();
    // What the model does not say (status, dates, version) is kept as it is for a usage that already exists.
    const keep = before && product && before.productId === product.match.id;
    records.push({
      Sleutel: key,
      Leverancier: product ? productSupplier : supplierName,
      Pakket: product ? product.match.name : name,
      Versie: keep ? (before.version?.name ?? '') : '',
      Status: before ? (STATUS_LABEL[before.status] ?? before.status) : 'In productie',
      ...Object.fromEntries(STATUS_DATE_COLUMNS.map(([column, field]) => [column, before ? day(before[field]) : ''])),
      // A new usage the model does not place in GEMMA realises its product's components (the column left out).
      ...(ids.length || before ? { 'Referentiecomponenten (GEMMA-id)': ids.join(', ') } : {}),
    });
    const gemmaText = gemma.length
      ? `; referentiecomponent ${[...new Set(gemma.map((g) => `${g.id} (${g.why})`))].join(', ')}`
      : '';
    placed.push(
      `Component "${name}" → gebruik ${key}: ${product ? `pakket ${product.match.name} (${product.reason})` : 'nieuw pakket (zie hieronder)'}${gemmaText}`,
    );
  }

  const nextInterfaceKey = keyMaker();
  const interfaceRecords: InterfaceRecord[] = [];
  const otherRelationships = new Map<string, number>();
  for (const r of model.relationships) {
    if (usedRelationships.has(r.id)) continue;
    const source = byId.get(r.source);
    const target = byId.get(r.target);
    if (source?.type !== COMPONENT || target?.type !== COMPONENT) {
      otherRelationships.set(r.type, (otherRelationships.get(r.type) ?? 0) + 1);
      continue;
    }
    const label = `${source.name.trim()} → ${target.name.trim()}`;
    if (!KOPPELING_TYPES.has(r.type)) {
      notPlaced.push({ type: r.type, count: 1, name: label, reason: NOT_A_KOPPELING[r.type] ?? 'geen koppeling' });
      continue;
    }
    const from = usageKey.get(r.source);
    const to = usageKey.get(r.target);
    if (!from || !to) {
      const missing = [from ? null : source.name.trim(), to ? null : target.name.trim()]
        .filter(Boolean)
        .map((n) => `"${n}"`);
      notPlaced.push({
        type: r.type,
        count: 1,
        name: label,
        reason: `${missing.join(' en ')} ${missing.length > 1 ? 'zijn' : 'is'} niet geplaatst`,
      });
      continue;
    }
    if (from === to) {
      notPlaced.push({ type: r.type, count: 1, name: label, reason: 'een koppeling van een gebruik naar zichzelf' });
      continue;
    }
    // Serving goes from the serving component to the served one, flow and triggering from source to target.
    const known = existingBetween.get(`${from}|${to}`)?.shift();
    const key = known ? nextInterfaceKey(known, true) : nextInterfaceKey(`${from}-${to}`);
    const before = existingInterface.get(key);
    interfaceRecords.push({
      line: r.ordinal,
      Sleutel: key,
      'Van (gebruik)': from,
      'Naar (gebruik)': to,
      'Naar (landelijke voorziening)': '',
      'Via (gebruik)': before?.intermediary?.key ?? '',
      Soort: before?.type ?? 'API',
      Richting: 'A_TO_B',
      Status: before?.status ?? 'IN_USE',
      'Kopieert gegevens': before?.copiesData ? 'ja' : 'nee',
      'Standaarden (GEMMA-id)': (before?.standards.map((s) => s.standardId).sort() ?? []).join(', '),
      Omschrijving: r.documentation.trim() || r.name.trim() || before?.description || '',
    });
  }

  const count = (items: AmeffItem[]) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(item.type, (counts.get(item.type) ?? 0) + 1);
    return byType(counts);
  };
  for (const [type, n] of count(model.elements.filter((e) => e.type !== COMPONENT)))
    notPlaced.push({ type, count: n, name: null, reason: 'geen onderdeel van een applicatielandschap' });
  for (const [type, n] of byType(otherRelationships))
    notPlaced.push({ type, count: n, name: null, reason: 'niet tussen twee applicatiecomponenten' });
  if (model.views)
    notPlaced.push({
      type: 'View',
      count: model.views,
      name: null,
      reason: 'views worden niet gelezen, alleen elementen en relaties',
    });
  const used = [...OBJECT_ID_PROPERTIES, ...SUPPLIER_PROPERTIES];
  const unused = [...model.propertyNames].filter((n) => !used.includes(n.trim().toLowerCase()));
  // Tool settings (Visual Paradigm's "vp-..." definitions) in one line rather than dozens.
  const tool = unused.filter((n) => n.startsWith('vp-'));
  if (tool.length)
    notPlaced.push({
      type: 'Eigenschap',
      count: tool.length,
      name: 'vp-…',
      reason: 'instellingen van Visual Paradigm; niet gebruikt',
    });
  for (const n of unused.filter((x) => !x.startsWith('vp-')).sort((a, b) => a.localeCompare(b)))
    notPlaced.push({ type: 'Eigenschap', count: 1, name: n || '(zonder naam)', reason: 'niet gebruikt' });
  return { records, interfaces: interfaceRecords, notPlaced, placed, problems: [] };
}

/** Whether a parsed exchange file is a Softwarecatalogus-style one (usages as "Pakketversie") rather than an own model. */
export const hasPackageVersions = (model: AmeffModel) =>
  model.elements.some((e) => e.type === COMPONENT && e.properties.get('SWC type') === 'Pakketversie');
