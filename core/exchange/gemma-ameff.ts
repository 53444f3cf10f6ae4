// The GEMMA model as an ArchiMate exchange file and back: reference components and national facilities are application
// components, standards are constraints (as GEMMA models them), a component's standards are associations with their
// role, and GEMMA's component flows are flows. Everything carries its GEMMA object id, which the import matches on.
import type { z } from 'zod';
import type { Database } from '#prisma/client.ts';
import {
  gemmaComponentSchema,
  gemmaComponentStandardSchema,
  gemmaExternalServiceSchema,
  gemmaFlowSchema,
  gemmaStandardSchema,
} from '#prisma/seed/schemas.ts';
import { gemmaElementId } from './ameff.ts';
import { type AmeffItem, parseAmeff } from './ameff-read.ts';
import { nl, propertiesOf, writeExchangeFile } from './ameff-write.ts';
import { viewsOfRelease } from './gemma-ameff-views.ts';
import { type GemmaData, type GemmaProblem, loadGemma, referenceProblems } from './gemma-read.ts';
import { loadGemmaViews, viewProblems } from './gemma-views.ts';

/** Property definitions in a fixed order, so that the same model gives the same file. */
const PROPERTIES = [
  ['gemma-type', 'GEMMA type'],
  ['object-id', 'Object ID'],
  ['gemma-status', 'GEMMA status'],
  ['gemma-group', 'GEMMA-groep'],
  ['explanation', 'Toelichting'],
  ['availability', 'Beschikbaarheid'],
  ['integrity', 'Integriteit'],
  ['confidentiality', 'Vertrouwelijkheid'],
  ['gemma-url', 'GEMMA URL'],
  ['maintainer', 'Beheerder'],
  ['url', 'URL'],
  ['role', 'Rol'],
  ['exported-at', 'Geëxporteerd op'],
] as const;
type PropertyKey = (typeof PROPERTIES)[number][0];

const TYPE = {
  component: 'Referentiecomponent',
  standard: 'Standaard',
  service: 'Buitengemeentelijke component',
} as const;
/** VNG's releases call a national facility a "Buitengemeentelijke voorziening"; Grondplan's own export the older name. */
const SERVICE_TYPES = new Set<string>([TYPE.service, 'Buitengemeentelijke voorziening']);

/**
 * The stored GEMMA model: what a release does not carry (a property it does not define, groups, links, flows) stays as
 * stored. Its views say which of a release's views are the platen to keep (by code).
 */
type StoredGemma = GemmaData;
export const loadStoredGemma = async (db: Database): Promise<StoredGemma> => ({
  ...(await loadGemma(db)),
  views: await loadGemmaViews(db),
});

const props = propertiesOf<PropertyKey>;
const doc = (text: string | undefined) => (text ? { documentation: nl(text) } : {});

export function toGemmaAmeff(data: GemmaData, exportedAt: string): string {
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
  const elements = [
    ...byId(data.components).map((c) => ({
      '@_identifier': gemmaElementId(c.id),
      '@_xsi:type': 'ApplicationComponent',
      name: nl(c.naam),
      ...doc(c.beschrijving),
      properties: props([
        ['gemma-type', TYPE.component],
        ['object-id', c.id],
        ['gemma-status', c.gemma_status],
        ['gemma-group', c.groep],
        ['explanation', c.toelichting],
        ['availability', c.beschikbaarheid],
        ['integrity', c.integriteit],
        ['confidentiality', c.vertrouwelijkheid],
        ['gemma-url', c.gemma_url],
      ]),
    })),
    ...byId(data.standards).map((s) => ({
      '@_identifier': gemmaElementId(s.id),
      '@_xsi:type': 'Constraint',
      name: nl(s.naam),
      ...doc(s.beschrijving),
      properties: props([
        ['gemma-type', TYPE.standard],
        ['object-id', s.id],
        ['gemma-status', s.gemma_status],
        ['maintainer', s.beheerder],
        ['url', s.url],
      ]),
    })),
    ...byId(data.services).map((s) => ({
      '@_identifier': gemmaElementId(s.id),
      '@_xsi:type': 'ApplicationComponent',
      name: nl(s.naam),
      ...doc(s.beschrijving),
      properties: props([
        ['gemma-type', TYPE.service],
        ['object-id', s.id],
      ]),
    })),
  ];
  const links = [...data.links]
    .sort((a, b) =>
      `${a.referentiecomponent_id}${a.standaard_id}`.localeCompare(`${b.referentiecomponent_id}${b.standaard_id}`),
    )
    .map((l) => ({
      '@_identifier': `gp-link-${l.referentiecomponent_id}-${l.standaard_id}`,
      '@_source': gemmaElementId(l.referentiecomponent_id),
      '@_target': gemmaElementId(l.standaard_id),
      '@_xsi:type': 'Association',
      properties: props([['role', l.rol]]),
    }));
  // GEMMA has pairs with more than one flow; their place in the sorted list keeps the ids apart.
  const flows = [...data.flows]
    .sort((a, b) => `${a.bron_id}${a.doel_id}${a.naam}`.localeCompare(`${b.bron_id}${b.doel_id}${b.naam}`))
    .map((f, i) => ({
      '@_identifier': `gp-gemma-flow-${i + 1}`,
      '@_source': gemmaElementId(f.bron_id),
      '@_target': gemmaElementId(f.doel_id),
      '@_xsi:type': 'Flow',
      ...(f.naam ? { name: nl(f.naam) } : {}),
    }));
  return writeExchangeFile({
    id: 'gp-model-gemma',
    name: 'GEMMA-referentiecomponenten en standaarden',
    documentation:
      'De referentiecomponenten, standaarden, hun relaties en stromen uit GEMMA (VNG Realisatie, EUPL), geëxporteerd uit Grondplan.',
    exportedAt,
    elements,
    relationships: [...links, ...flows],
    folders: [
      {
        label: 'Referentiecomponenten',
        item: byId(data.components).map((c) => ({ '@_identifierRef': gemmaElementId(c.id) })),
      },
      { label: 'Standaarden', item: byId(data.standards).map((s) => ({ '@_identifierRef': gemmaElementId(s.id) })) },
      {
        label: 'Buitengemeentelijke voorzieningen',
        item: byId(data.services).map((s) => ({ '@_identifierRef': gemmaElementId(s.id) })),
      },
      { label: 'Relaties', item: [...links, ...flows].map((r) => ({ '@_identifierRef': r['@_identifier'] })) },
    ],
    propertyDefinitions: PROPERTIES,
  });
}

/**
 * Reads a GEMMA model from an exchange file: elements with an Object ID whose GEMMA type (or SWC type) says what they
 * are. Checked with the same schemas as the CSV extracts; refused when it holds no standards, since the import mirrors
 * GEMMA's links and flows exactly and a file without them would remove them all.
 */
export function readGemmaAmeff(
  bytes: Uint8Array,
  fileName: string,
  stored?: StoredGemma,
): { data: GemmaData | null; problems: GemmaProblem[]; warnings: string[] } {
  const { model, problems: parseProblems } = parseAmeff(bytes);
  if (!model)
    return {
      data: null,
      problems: parseProblems.map((p) => ({ file: fileName, row: p.line, message: p.message })),
      warnings: [],
    };
  const problems: GemmaProblem[] = [];
  const warnings: string[] = [];
  const gemmaType = (e: { properties: Map<string, string> }) =>
    e.properties.get('GEMMA type') ?? e.properties.get('SWC type') ?? '';
  const typeOf = (e: { properties: Map<string, string> }) =>
    SERVICE_TYPES.has(gemmaType(e)) ? TYPE.service : gemmaType(e);
  const objectId = new Map(model.elements.map((e) => [e.id, e.properties.get('Object ID') ?? '']));
  const check = <T>(schema: z.ZodType<T>, raw: unknown, where: string, row: number): T[] => {
    const result = schema.safeParse(raw);
    if (result.success) return [result.data];
    for (const issue of result.error.issues)
      problems.push({ file: where, row, message: `${issue.path.join('.')}: ${issue.message}` });
    return [];
  };
  const of = (type: string) => model.elements.filter((e) => typeOf(e) === type);
  if (of(TYPE.standard).length === 0)
    return {
      data: null,
      problems: [
        {
          file: fileName,
          row: 0,
          message: 'Dit bestand bevat geen GEMMA-standaarden (GEMMA type "Standaard"); is het wel een GEMMA-model?',
        },
      ],
      warnings: [],
    };
  // An empty value (`<value xml:lang="nl" />`) is the same as no value; others are kept exactly, for a lossless round trip.
  const text = (v: string | undefined) => (v?.trim() ? v : '');
  const storedComponent = new Map((stored?.components ?? []).map((c) => [c.id, c]));
  const storedStandard = new Map((stored?.standards ?? []).map((c) => [c.id, c]));
  /**
   * A property the element carries is read (an empty value clears it); one it does not carry keeps the stored value,
   * since a release sets "GEMMA URL" or "Toelichting" on some components only.
   */
  const carried = (e: AmeffItem, property: string, kept: string | number | undefined) =>
    e.properties.has(property) ? text(e.properties.get(property)) : kept === undefined ? '' : String(kept);
  /**
   * A component's group: its "GEMMA-groep" property, else the folder it sits in (VNG's releases put each reference
   * component in a folder such as "Referentiecomponenten intermediair"), else the stored group with a warning; a new
   * component without any is refused.
   */
  const groupOf = (e: AmeffItem): string => {
    const property = text(e.properties.get('GEMMA-groep'));
    if (property) return property;
    const folders = model.folders.get(e.id) ?? [];
    const folder = folders.length > 1 ? (folders[folders.length - 1] ?? '') : '';
    if (folder) return folder;
    const id = objectId.get(e.id) ?? '';
    const kept = storedComponent.get(id)?.groep;
    if (kept) {
      warnings.push(
        `Referentiecomponent "${e.name}" (${id}): het bestand geeft geen groep (geen eigenschap "GEMMA-groep", geen map); de groep "${kept}" blijft zoals hij is.`,
      );
      return kept;
    }
    problems.push({
      file: 'element',
      row: e.ordinal,
      message: `Referentiecomponent "${e.name}" (${id}) is nieuw en het bestand geeft geen groep: geen eigenschap "GEMMA-groep" en geen map waarin hij staat.`,
    });
    return '';
  };
  const data: GemmaData = {
    components: of(TYPE.component).flatMap((e) => {
      const groep = groupOf(e);
      const before = storedComponent.get(objectId.get(e.id) ?? '');
      if (!groep) return [];
      return check(
        gemmaComponentSchema,
        {
          id: objectId.get(e.id),
          naam: e.name,
          gemma_status: carried(e, 'GEMMA status', before?.gemma_status),
          groep,
          beschrijving: e.documentation || before?.beschrijving || '',
          toelichting: carried(e, 'Toelichting', before?.toelichting),
          beschikbaarheid: carried(e, 'Beschikbaarheid', before?.beschikbaarheid),
          integriteit: carried(e, 'Integriteit', before?.integriteit),
          vertrouwelijkheid: carried(e, 'Vertrouwelijkheid', before?.vertrouwelijkheid),
          gemma_url: carried(e, 'GEMMA URL', before?.gemma_url),
        },
        'element',
        e.ordinal,
      );
    }),
    standards: of(TYPE.standard).flatMap((e) => {
      const before = storedStandard.get(objectId.get(e.id) ?? '');
      return check(
        gemmaStandardSchema,
        {
          id: objectId.get(e.id),
          naam: e.name,
          gemma_status: carried(e, 'GEMMA status', before?.gemma_status),
          beheerder: carried(e, 'Beheerder', before?.beheerder),
          url: carried(e, 'URL', before?.url),
          beschrijving: e.documentation || before?.beschrijving || '',
        },
        'element',
        e.ordinal,
      );
    }),
    services: of(TYPE.service).flatMap((e) =>
      check(
        gemmaExternalServiceSchema,
        { id: objectId.get(e.id), naam: e.name, beschrijving: e.documentation },
        'element',
        e.ordinal,
      ),
    ),
    links: [],
    flows: [],
  };
  const kind = new Map(model.elements.map((e) => [e.id, typeOf(e)]));
  // VNG names the role "Verbindingsrol", Grondplan's own export "Rol"; either end may be written first.
  const roleOf = (r: AmeffItem) => text(r.properties.get('Verbindingsrol') ?? r.properties.get('Rol'));
  const links = model.relationships.flatMap((r) => {
    if (r.type !== 'Association' && !roleOf(r)) return [];
    if (kind.get(r.source) === TYPE.component && kind.get(r.target) === TYPE.standard) return [r];
    if (kind.get(r.target) === TYPE.component && kind.get(r.source) === TYPE.standard)
      return [{ ...r, source: r.target, target: r.source }];
    return [];
  });
  const flows = model.relationships.filter(
    (r) => r.type === 'Flow' && kind.get(r.source) === TYPE.component && kind.get(r.target) === TYPE.component,
  );
  // Each kept row remembers its relationship's position, to report reference problems by it.
  const linkRows = links.flatMap((r) =>
    check(
      gemmaComponentStandardSchema,
      { referentiecomponent_id: objectId.get(r.source), standaard_id: objectId.get(r.target), rol: roleOf(r) },
      'relatie',
      r.ordinal,
    ).map((row) => ({ row, ordinal: r.ordinal })),
  );
  const flowRows = flows.flatMap((r) =>
    check(
      gemmaFlowSchema,
      { bron_id: objectId.get(r.source), doel_id: objectId.get(r.target), naam: r.name },
      'relatie',
      r.ordinal,
    ).map((row) => ({
      row,
      ordinal: r.ordinal,
    })),
  );
  data.links = linkRows.map((l) => l.row);
  data.flows = flowRows.map((f) => f.row);
  // Reported by relationship position, as the file has no rows.
  // A link to a component refused above for its group would only repeat that refusal.
  const refusedComponents = of(TYPE.component)
    .map((e) => objectId.get(e.id) ?? '')
    .filter((id) => !data.components.some((c) => c.id === id));
  problems.push(
    ...referenceProblems(
      data,
      { links: 'relatie', flows: 'relatie' },
      { links: (i) => linkRows[i]?.ordinal ?? 0, flows: (i) => flowRows[i]?.ordinal ?? 0 },
    ).filter((p) => !refusedComponents.some((id) => p.message === `Onbekende referentiecomponent ${id}.`)),
  );
  // A file without any link or flow (an excerpt, a partial model) does not carry them: the stored ones stay.
  if (stored && links.length === 0 && stored.links.length) {
    data.links = stored.links;
    warnings.push(
      'Het bestand bevat geen relaties tussen referentiecomponenten en standaarden; de opgeslagen blijven zoals ze zijn.',
    );
  }
  if (stored && flows.length === 0 && stored.flows.length) {
    data.flows = stored.flows;
    warnings.push('Het bestand bevat geen stromen tussen referentiecomponenten; de opgeslagen blijven zoals ze zijn.');
  }
  // The release's views with the codes of the stored ones (RC00, SD03, ...) replace those; without any they stay.
  const release = viewsOfRelease(bytes, model.elements, stored?.views);
  warnings.push(...release.warnings);
  if (release.views) {
    data.views = release.views;
    problems.push(...viewProblems(release.views).map((p) => ({ ...p, file: 'view' })));
  }
  return {
    data: problems.length ? null : data,
    problems: problems.map((p) => ({ ...p, file: p.file === fileName ? p.file : `${fileName} (${p.file})` })),
    warnings,
  };
}
