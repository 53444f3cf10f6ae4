// Reads the usages of an ArchiMate exchange file (Grondplan's own export, or a Softwarecatalogus-style one) into the
// same records the CSV import plans with. Hostile XML is refused before parsing: no DOCTYPE, so no entities at all.
import { SaxesParser } from 'saxes';
import type { RowProblem } from './usages-csv.ts';

export const MAX_XML_BYTES = 30_000_000;

const STATUS_LABEL: Record<string, string> = {
  ACQUIRING: 'Verwerving',
  PLANNED: 'Gepland',
  IN_PRODUCTION: 'In productie',
  PHASING_OUT: 'Uit te faseren',
  RETIRED: 'Uitgefaseerd',
};
const SINCE_COLUMN: Record<string, string> = {
  Verwerving: 'Verwerving sinds',
  Gepland: 'Gepland sinds',
  'In productie': 'In productie sinds',
  'Uit te faseren': 'Uit te faseren sinds',
  Uitgefaseerd: 'Uitgefaseerd sinds',
};

const CHUNK = 1 << 20;

class HostileError extends Error {}

interface ElementRecord {
  id: string;
  type: string;
  name: string;
  properties: Map<string, string>;
}

/**
 * Streams through the file with saxes (strict XML, predefined entities and character references only), keeping just
 * what the import needs: property names, application components with their properties, and relationships.
 */
export function readUsagesAmeff(bytes: Uint8Array): { records: Record<string, string>[]; problems: RowProblem[] } {
  if (bytes.byteLength > MAX_XML_BYTES) return { records: [], problems: [{ line: 0, message: `Het bestand is groter dan ${MAX_XML_BYTES / 1_000_000} MB.` }] };
  const definitions = new Map<string, string>();
  const elements: ElementRecord[] = [];
  const relationships: { source: string; target: string; type: string }[] = [];
  const path: string[] = [];
  let element: ElementRecord | null = null;
  let definition: string | null = null;
  let propertyRef: string | null = null;
  let text = '';
  let sawModel = false;
  const parser = new SaxesParser({ xmlns: false });
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    const attr = (a: string) => String(tag.attributes[a] ?? '');
    const parent = path[path.length - 1];
    path.push(name);
    text = '';
    if (name === 'model' && path.length === 1) sawModel = true;
    if (name === 'element' && parent === 'elements') element = { id: attr('identifier'), type: attr('xsi:type'), name: '', properties: new Map() };
    else if (name === 'relationship' && parent === 'relationships')
      relationships.push({ source: attr('source'), target: attr('target'), type: attr('xsi:type') });
    else if (name === 'propertyDefinition') definition = attr('identifier');
    else if (name === 'property' && element) propertyRef = attr('propertyDefinitionRef');
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    const name = local(tag.name);
    path.pop();
    const parent = path[path.length - 1];
    if (name === 'name' && definition && parent === 'propertyDefinition') definitions.set(definition, text.trim());
    else if (name === 'name' && element && parent === 'element') element.name = text.trim();
    else if (name === 'value' && element && propertyRef) element.properties.set(propertyRef, text.trim());
    else if (name === 'property') propertyRef = null;
    else if (name === 'propertyDefinition') definition = null;
    else if (name === 'element' && element) {
      elements.push(element);
      element = null;
    }
    text = '';
  });
  // Fed in pieces, so a large file never sits in memory as one decoded string next to the parser's own strings.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const hostile = { line: 0, message: 'Het bestand bevat een DOCTYPE of entiteiten; die worden om veiligheidsredenen niet gelezen.' };
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
        return { records: [], problems: [{ line: 0, message: 'Het bestand is geen geldige UTF-8-tekst.' }] };
      }
      if (/<!DOCTYPE|<!ENTITY/i.test(tail + chunk)) return { records: [], problems: [hostile] };
      tail = chunk.slice(-16);
      parser.write(chunk);
    }
    parser.close();
  } catch (error) {
    if (error instanceof HostileError) return { records: [], problems: [hostile] };
    return { records: [], problems: [{ line: parser.line, message: `Het bestand is geen geldige XML: ${(error as Error).message}` }] };
  }
  if (!sawModel) return { records: [], problems: [{ line: 1, message: 'Dit is geen ArchiMate-uitwisselbestand: het <model>-element ontbreekt.' }] };
  const propertiesOf = (e: ElementRecord) => new Map([...e.properties].map(([ref, value]) => [definitions.get(ref) ?? '', value]));
  const objectId = new Map(elements.map((e) => [e.id, propertiesOf(e).get('Object ID') ?? '']));
  const specialises = new Map<string, string[]>();
  for (const r of relationships) {
    if (r.type !== 'Specialization' && r.type !== 'Realization') continue;
    specialises.set(r.source, [...(specialises.get(r.source) ?? []), objectId.get(r.target) || r.target.replace(/^id-/, '')]);
  }
  const records = elements
    .filter((e) => e.type === 'ApplicationComponent' && propertiesOf(e).get('SWC type') === 'Pakketversie')
    .map((e) => {
      const p = propertiesOf(e);
      const status = STATUS_LABEL[p.get('Status') ?? ''] ?? p.get('Status') ?? '';
      const record: Record<string, string> = {
        Sleutel: p.get('Grondplan sleutel') ?? '',
        Leverancier: p.get('Leverancier') ?? '',
        Pakket: e.name,
        Versie: p.get('Versie') ?? '',
        Status: status,
        'Verwerving sinds': '',
        'Gepland sinds': '',
        'In productie sinds': '',
        'Uit te faseren sinds': '',
        'Uitgefaseerd sinds': '',
        'Referentiecomponenten (GEMMA-id)': [...(specialises.get(e.id) ?? [])].sort().join(', '),
      };
      const since = SINCE_COLUMN[status];
      if (since) record[since] = p.get('Status sinds') ?? '';
      return record;
    });
  if (records.length === 0) return { records: [], problems: [{ line: 1, message: 'Het bestand bevat geen pakketversies (SWC type "Pakketversie").' }] };
  return { records, problems: [] };
}
