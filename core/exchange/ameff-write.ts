// The writer of every ArchiMate Model Exchange File (AMEFF, ArchiMate 3.1) Grondplan writes: the model's parts in the
// order The Open Group schema wants them, Dutch text escaped, properties by their definitions.
import { XMLBuilder } from 'fast-xml-parser';

/** Escapes text for XML; a carriage return becomes a character reference, since a parser reads a raw one as a line feed. */
const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
/** Dutch text, escaped here because the builder is told not to (it would not keep carriage returns). */
export const nl = (text: string) => ({ '@_xml:lang': 'nl', '#text': escapeXml(text) });

/** The writer every exchange file uses: indented, attributes prefixed with @_, text escaped by `nl`. */
const ameffBuilder = () =>
  new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    processEntities: false,
  });

/** An element's properties by key (its `pd-<key>` definition); empty values are left out. */
export const propertiesOf = <K extends string>(values: [K, string | number | boolean | null | undefined][]) => {
  const present = values.filter(
    (v): v is [K, string | number | boolean] => v[1] !== null && v[1] !== undefined && v[1] !== '',
  );
  return present.length
    ? {
        property: present.map(([key, value]) => ({ '@_propertyDefinitionRef': `pd-${key}`, value: nl(String(value)) })),
      }
    : undefined;
};

export interface ExchangeFile {
  id: string;
  name: string;
  documentation: string;
  exportedAt: string;
  elements: object[];
  relationships: object[];
  /** Folders as Archi shows them; empty ones are left out, since the schema wants every folder to hold something. */
  folders: { label: string; item: { '@_identifierRef': string }[] }[];
  /** Every property definition the file uses, [key, name], in a fixed order so the same model gives the same file. */
  propertyDefinitions: readonly (readonly [string, string])[];
  views?: object[];
}

/** A whole exchange file: the model and its parts in the order The Open Group schema wants them. */
export function writeExchangeFile(file: ExchangeFile): string {
  const folders = file.folders.filter((f) => f.item.length > 0).map((f) => ({ label: nl(f.label), item: f.item }));
  const views = file.views ?? [];
  const model = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    model: {
      '@_xmlns': 'http://www.opengroup.org/xsd/archimate/3.0/',
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:schemaLocation':
        'http://www.opengroup.org/xsd/archimate/3.0/ http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd',
      '@_identifier': file.id,
      name: nl(file.name),
      documentation: nl(file.documentation),
      properties: propertiesOf([['exported-at', file.exportedAt]]),
      ...(file.elements.length ? { elements: { element: file.elements } } : {}),
      ...(file.relationships.length ? { relationships: { relationship: file.relationships } } : {}),
      ...(folders.length ? { organizations: { item: folders } } : {}),
      propertyDefinitions: {
        propertyDefinition: file.propertyDefinitions.map(([key, name]) => ({
          '@_identifier': `pd-${key}`,
          '@_type': 'string',
          name: nl(name),
        })),
      },
      ...(views.length ? { views: { diagrams: { view: views } } } : {}),
    },
  };
  return ameffBuilder().build(model) as string;
}
