// Reads the usages and koppelingen of an ArchiMate exchange file (Grondplan's own export, or a Softwarecatalogus-style
// one) into the same records the CSV imports plan with. Hostile XML is refused before parsing: no DOCTYPE, so no entities at all.
import { SaxesParser } from 'saxes';
import { type RowProblem, sizeProblem } from './file-text.ts';
import type { InterfaceRecord } from './interfaces-csv.ts';
import { STATUS_LABEL, STATUSES } from './usages-csv.ts';

export const MAX_XML_BYTES = 30_000_000;

/** The date column of each status, by its Dutch label. */
const SINCE_COLUMN: Record<string, string> = Object.fromEntries(STATUSES.map(([, label, column]) => [label, column]));

const CHUNK = 1 << 20;

class HostileError extends Error {}
class TooDeepError extends Error {}

/** Elements nest at most this deep; an exchange file needs a handful of levels, folders a few dozen. */
export const MAX_XML_DEPTH = 256;

/** Further usage properties a file may carry; when its property definitions lack one, the import leaves that field alone. */
const OPTIONAL_PROPERTIES = ['Technisch beheer', 'Beschikbaarheid', 'Integriteit', 'Vertrouwelijkheid'];

interface AmeffContent {
  records: Record<string, string>[];
  /** Flows between usages (or to a national facility), with usages named by their key or as `#<record index>`. */
  interfaces: InterfaceRecord[];
  problems: RowProblem[];
}

/** An element or relationship of an exchange file, with its properties by definition name. */
export interface AmeffItem {
  id: string;
  type: string;
  name: string;
  documentation: string;
  /** Whether the file has a documentation element for it: without one, a description stays as stored. */
  documented?: boolean;
  properties: Map<string, string>;
  /** Position among the file's elements or relationships, reported as the "line" of a refused record. */
  ordinal: number;
  /** Ends of a relationship; empty for an element. */
  source: string;
  target: string;
}

export interface AmeffModel {
  elements: AmeffItem[];
  relationships: AmeffItem[];
  /** Names of the property definitions the file declares. */
  propertyNames: Set<string>;
  /** The organisation folders an element or relationship sits in, outermost first, by its identifier. */
  folders: Map<string, string[]>;
  /** How many views (diagrams) the file has; they are not read. */
  views: number;
}

/**
 * Streams through the file with saxes (strict XML, predefined entities and character references only), keeping the
 * elements and relationships with their names, documentation and properties. Hostile XML is refused before parsing:
 * no DOCTYPE, so no entities at all.
 */
export function parseAmeff(bytes: Uint8Array): { model: AmeffModel | null; problems: RowProblem[] } {
  const refuse = (line: number, message: string) => ({ model: null, problems: [{ line, message }] });
  const tooLarge = sizeProblem(bytes, MAX_XML_BYTES);
  if (tooLarge) return { model: null, problems: [tooLarge] };
  const definitions = new Map<string, string>();
  const elements: AmeffItem[] = [];
  const relationships: AmeffItem[] = [];
  const path: string[] = [];
  let element: AmeffItem | null = null;
  let definition: string | null = null;
  let propertyRef: string | null = null;
  let text = '';
  let sawModel = false;
  const folders = new Map<string, string[]>();
  // How many <organizations> elements are open, so that an <item> needs no look along the whole path.
  let inOrganizations = 0;
  // The open items under <organizations>: an item with identifierRef is an entry (null), one with a label a folder
  // ('' until its label is read). `labels` holds the named folders' labels, outermost first, shared by its entries
  // until a folder opens or closes.
  const folderPath: (string | null)[] = [];
  let labels: string[] = [];
  let views = 0;
  const parser = new SaxesParser({ xmlns: false });
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    const attr = (a: string) => String(tag.attributes[a] ?? '');
    const parent = path[path.length - 1];
    path.push(name);
    if (path.length > MAX_XML_DEPTH) throw new TooDeepError();
    text = '';
    if (name === 'organizations') inOrganizations += 1;
    if (name === 'model' && path.length === 1) sawModel = true;
    const open = () => ({
      id: attr('identifier'),
      type: attr('xsi:type'),
      name: '',
      documentation: '',
      properties: new Map(),
      ordinal: 0,
      source: '',
      target: '',
    });
    if (name === 'element' && parent === 'elements') element = { ...open(), ordinal: elements.length + 1 };
    else if (name === 'relationship' && parent === 'relationships')
      element = { ...open(), ordinal: relationships.length + 1, source: attr('source'), target: attr('target') };
    else if (name === 'propertyDefinition') definition = attr('identifier');
    else if (name === 'property' && element) propertyRef = attr('propertyDefinitionRef');
    else if (name === 'view' && parent === 'diagrams') views++;
    else if (name === 'item' && inOrganizations) {
      const ref = attr('identifierRef');
      if (ref) folders.set(ref, labels);
      folderPath.push(ref ? null : '');
    }
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    const name = local(tag.name);
    path.pop();
    const parent = path[path.length - 1];
    if (name === 'name' && definition && parent === 'propertyDefinition') definitions.set(definition, text.trim());
    else if (
      name === 'label' &&
      parent === 'item' &&
      inOrganizations &&
      folderPath.length &&
      folderPath[folderPath.length - 1] === ''
    ) {
      const label = text.trim();
      folderPath[folderPath.length - 1] = label;
      // A new array, so that entries already read keep the folders they were read in.
      if (label) labels = [...labels, label];
    } else if (name === 'item' && inOrganizations) {
      if (folderPath.pop()) labels = labels.slice(0, -1);
    } else if (name === 'organizations') inOrganizations -= 1;
    else if (name === 'name' && element && (parent === 'element' || parent === 'relationship'))
      element.name = text.trim();
    // Documentation and values are kept exactly, so that a round trip is lossless; names are trimmed, as typed ones vary.
    else if (name === 'documentation' && element && (parent === 'element' || parent === 'relationship')) {
      element.documentation = text;
      element.documented = true;
    } else if (name === 'value' && element && propertyRef) element.properties.set(propertyRef, text);
    else if (name === 'property') propertyRef = null;
    else if (name === 'propertyDefinition') definition = null;
    else if (name === 'element' && element) {
      elements.push(element);
      element = null;
    } else if (name === 'relationship' && element) {
      relationships.push(element);
      element = null;
    }
    text = '';
  });
  // Fed in pieces, so a large file never sits in memory as one decoded string next to the parser's own strings.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const hostile = {
    line: 0,
    message: 'Het bestand bevat een DOCTYPE of entiteiten; die worden om veiligheidsredenen niet gelezen.',
  };
  // External entities (XXE) and entity expansion (billion laughs) both need a DOCTYPE; an exchange file never has one.
  parser.on('doctype', () => {
    throw new HostileError();
  });
  let tail = '';
  try {
    for (let at = 0; at < bytes.byteLength; at += CHUNK) {
      let chunk: string;
      try {
        chunk = decoder.decode(bytes.subarray(at, at + CHUNK), { stream: at + CHUNK < bytes.byteLength });
      } catch {
        // A declared single-byte encoding is accepted as long as the text is plain ASCII (which UTF-8 reads the same).
        const declared = /encoding=["']([\w.-]+)["']/i.exec(
          new TextDecoder('latin1').decode(bytes.subarray(0, 200)),
        )?.[1];
        return refuse(
          0,
          declared && !/^utf-?8$/i.test(declared)
            ? `Het bestand is opgeslagen als ${declared} en bevat tekens buiten ASCII; sla het op als UTF-8 en probeer opnieuw.`
            : 'Het bestand is geen geldige UTF-8-tekst.',
        );
      }
      if (/<!DOCTYPE|<!ENTITY/i.test(tail + chunk)) return refuse(hostile.line, hostile.message);
      tail = chunk.slice(-16);
      parser.write(chunk);
    }
    parser.close();
  } catch (error) {
    if (error instanceof HostileError) return refuse(hostile.line, hostile.message);
    if (error instanceof TooDeepError)
      return refuse(
        parser.line,
        `Het bestand nest elementen dieper dan ${MAX_XML_DEPTH} niveaus; zo diep gaat een uitwisselbestand nooit.`,
      );
    return refuse(parser.line, `Het bestand is geen geldige XML: ${(error as Error).message}`);
  }
  if (!sawModel) return refuse(1, 'Dit is geen ArchiMate-uitwisselbestand: het <model>-element ontbreekt.');
  // Properties were keyed by definition id while reading; callers want their names.
  const named = (e: AmeffItem): AmeffItem => ({
    ...e,
    properties: new Map([...e.properties].map(([ref, value]) => [definitions.get(ref) ?? '', value])),
  });
  return {
    model: {
      elements: elements.map(named),
      relationships: relationships.map(named),
      propertyNames: new Set(definitions.values()),
      folders,
      views,
    },
    problems: [],
  };
}

/** Reads the usages (SWC type "Pakketversie") and the flows between them into the records the CSV imports plan with. */
export function readUsagesAmeff(bytes: Uint8Array): AmeffContent {
  const refuse = (line: number, message: string): AmeffContent => ({
    records: [],
    interfaces: [],
    problems: [{ line, message }],
  });
  const { model, problems } = parseAmeff(bytes);
  if (!model) return { records: [], interfaces: [], problems };
  const { elements, relationships, propertyNames: named } = model;
  const propertiesOf = (e: AmeffItem) => e.properties;
  const objectId = new Map(elements.map((e) => [e.id, propertiesOf(e).get('Object ID') ?? '']));
  const specialises = new Map<string, string[]>();
  for (const r of relationships) {
    if (r.type !== 'Specialization' && r.type !== 'Realization') continue;
    specialises.set(r.source, [
      ...(specialises.get(r.source) ?? []),
      objectId.get(r.target) || r.target.replace(/^id-/, ''),
    ]);
  }
  const usages = elements.filter(
    (e) => e.type === 'ApplicationComponent' && propertiesOf(e).get('SWC type') === 'Pakketversie',
  );
  // A record carries only what the file can say: a property without a definition in the file is left out, so that the
  // import leaves that field alone; a defined property a usage lacks is empty, which clears it.
  const dateColumns = Object.values(SINCE_COLUMN);
  const everyDate = dateColumns.some((c) => named.has(c));
  const carriesComponents =
    specialises.size > 0 || elements.some((e) => propertiesOf(e).get('SWC type') === 'Referentiecomponent');
  const records = usages.map((e) => {
    const p = propertiesOf(e);
    const record: Record<string, string> = {
      Sleutel: p.get('Grondplan sleutel') ?? '',
      Leverancier: p.get('Leverancier') ?? '',
      Pakket: e.name,
    };
    if (named.has('Versie')) record.Versie = p.get('Versie') ?? '';
    if (named.has('Status')) record.Status = STATUS_LABEL[p.get('Status') ?? ''] ?? p.get('Status') ?? '';
    if (everyDate) {
      for (const column of dateColumns) if (named.has(column)) record[column] = p.get(column) ?? '';
    } else if (named.has('Status sinds')) {
      // An older file knows one date, that of the current status; the other statuses' dates stay as they are.
      const since = SINCE_COLUMN[record.Status ?? ''];
      if (since) record[since] = p.get('Status sinds') ?? '';
    }
    if (carriesComponents)
      record['Referentiecomponenten (GEMMA-id)'] = [...(specialises.get(e.id) ?? [])].sort().join(', ');
    for (const column of OPTIONAL_PROPERTIES) if (named.has(column)) record[column] = p.get(column) ?? '';
    return record;
  });
  if (records.length === 0) return refuse(1, 'Het bestand bevat geen pakketversies (SWC type "Pakketversie").');
  return { records, interfaces: readFlows(elements, usages, relationships, propertiesOf, named), problems: [] };
}

/** Flows from a usage to a usage or a national facility become koppelingen; other relationships are not koppelingen. */
function readFlows(
  elements: AmeffItem[],
  usages: AmeffItem[],
  relationships: AmeffItem[],
  propertiesOf: (e: AmeffItem) => Map<string, string>,
  named: ReadonlySet<string>,
): InterfaceRecord[] {
  const usageRef = new Map(usages.map((e, i) => [e.id, propertiesOf(e).get('Grondplan sleutel') || `#${i}`]));
  const serviceName = new Map(
    elements
      .filter((e) => propertiesOf(e).get('SWC type') === 'Buitengemeentelijke component')
      .map((e) => [e.id, e.name] as const),
  );
  return relationships
    .filter((r) => r.type === 'Flow')
    .flatMap((r) => {
      const p = propertiesOf(r);
      // As for usages: a property the file does not define is left out, so the koppeling keeps what it has.
      const direction = p.get('Richting') || 'A_TO_B';
      // An export writes B_TO_A the other way round, so that the flow points the way the data goes.
      const [a, b] = direction.toUpperCase() === 'B_TO_A' ? [r.target, r.source] : [r.source, r.target];
      if (!usageRef.has(a) || !(usageRef.has(b) || serviceName.has(b))) return [];
      return [
        {
          line: r.ordinal,
          Sleutel: p.get('Grondplan sleutel') || r.name || r.id,
          'Van (gebruik)': usageRef.get(a) ?? '',
          'Naar (gebruik)': usageRef.get(b) ?? '',
          'Naar (landelijke voorziening)': serviceName.get(b) ?? '',
          ...(named.has('Via (gebruik)') ? { 'Via (gebruik)': p.get('Via (gebruik)') ?? '' } : {}),
          ...(named.has('Soort koppeling') ? { Soort: p.get('Soort koppeling') || 'API' } : {}),
          ...(named.has('Richting') ? { Richting: direction } : {}),
          ...(named.has('Status') ? { Status: p.get('Status') || 'IN_USE' } : {}),
          ...(named.has('Kopieert gegevens')
            ? { 'Kopieert gegevens': p.get('Kopieert gegevens') === 'true' ? 'ja' : 'nee' }
            : {}),
          ...(named.has('Standaarden (GEMMA-id)')
            ? { 'Standaarden (GEMMA-id)': p.get('Standaarden (GEMMA-id)') ?? '' }
            : {}),
          ...(r.documented ? { Omschrijving: r.documentation } : {}),
        },
      ];
    });
}
