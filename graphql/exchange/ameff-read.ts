// Reads the usages of an ArchiMate exchange file (Grondplan's own export, or a Softwarecatalogus-style one) into the
// same records the CSV import plans with. Hostile XML is refused before parsing: no DOCTYPE, so no entities at all.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
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

type Node = Record<string, unknown>;
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const text = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return text((value as Node)['#text'] ?? list(value as unknown[])[0]);
  return String(value);
};

export function readUsagesAmeff(bytes: Uint8Array): { records: Record<string, string>[]; problems: RowProblem[] } {
  if (bytes.byteLength > MAX_XML_BYTES) return { records: [], problems: [{ line: 0, message: `Het bestand is groter dan ${MAX_XML_BYTES / 1_000_000} MB.` }] };
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { records: [], problems: [{ line: 0, message: 'Het bestand is geen geldige UTF-8-tekst.' }] };
  }
  // External entities (XXE) and entity expansion (billion laughs) both need a DOCTYPE; an exchange file never has one,
  // so after this check only the five predefined entities and character references remain for the parser to decode.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    return { records: [], problems: [{ line: 0, message: 'Het bestand bevat een DOCTYPE of entiteiten; die worden om veiligheidsredenen niet gelezen.' }] };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { records: [], problems: [{ line: valid.err.line, message: `Het bestand is geen geldige XML: ${valid.err.msg}` }] };
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    processEntities: true,
    // Numeric character references (&#233;) are XML too; the parser decodes them with its HTML entity table.
    htmlEntities: true,
    parseTagValue: false,
    parseAttributeValue: false,
  }).parse(xml) as Node;
  const model = doc.model as Node | undefined;
  if (!model) return { records: [], problems: [{ line: 1, message: 'Dit is geen ArchiMate-uitwisselbestand: het <model>-element ontbreekt.' }] };
  const definitions = new Map(
    list((model.propertyDefinitions as Node | undefined)?.propertyDefinition as Node[] | Node | undefined).map((d) => [String(d.identifier), text(d.name)]),
  );
  const propertiesOf = (n: Node) =>
    new Map(
      list((n.properties as Node | undefined)?.property as Node[] | Node | undefined).map((p) => [
        definitions.get(String(p.propertyDefinitionRef)) ?? '',
        text(p.value),
      ]),
    );
  const elements = list((model.elements as Node | undefined)?.element as Node[] | Node | undefined);
  const objectId = new Map(elements.map((e) => [String(e.identifier), propertiesOf(e).get('Object ID') ?? '']));
  const relationships = list((model.relationships as Node | undefined)?.relationship as Node[] | Node | undefined);
  const records = elements
    .filter((e) => e.type === 'ApplicationComponent' && propertiesOf(e).get('SWC type') === 'Pakketversie')
    .map((e) => {
      const p = propertiesOf(e);
      const status = STATUS_LABEL[p.get('Status') ?? ''] ?? p.get('Status') ?? '';
      const components = relationships
        .filter((r) => r.source === e.identifier && (r.type === 'Specialization' || r.type === 'Realization'))
        .map((r) => objectId.get(String(r.target)) || String(r.target).replace(/^id-/, ''))
        .sort();
      const record: Record<string, string> = {
        Sleutel: p.get('Grondplan sleutel') ?? '',
        Leverancier: p.get('Leverancier') ?? '',
        Pakket: text(e.name),
        Versie: p.get('Versie') ?? '',
        Status: status,
        'Verwerving sinds': '',
        'Gepland sinds': '',
        'In productie sinds': '',
        'Uit te faseren sinds': '',
        'Uitgefaseerd sinds': '',
        'Referentiecomponenten (GEMMA-id)': components.join(', '),
      };
      const since = SINCE_COLUMN[status];
      if (since) record[since] = p.get('Status sinds') ?? '';
      return record;
    });
  if (records.length === 0) return { records: [], problems: [{ line: 1, message: 'Het bestand bevat geen pakketversies (SWC type "Pakketversie").' }] };
  return { records, problems: [] };
}
