// The import benchmark's synthetic GEMMA release: an ArchiMate exchange file of a wanted size in the shape VNG writes
// the real one (property names, group folders, "Verbindingsrol"), for `npm run bench:import -- --gemma`.

/**
 * A synthetic release in the real one's shape: reference components (with BIV and its reasons) in the folders
 * "Referentiecomponenten <group>", standards (Constraint, Beheerder, URL, sometimes an empty URL), national facilities
 * ("Buitengemeentelijke voorziening"), associations with "Verbindingsrol", flows, and the rest of the model (capabilities,
 * processes, data objects with their relations) as filler until the file has the wanted size.
 */
export function gemmaRelease(targetBytes: number): Buffer {
  const uuid = (kind: number, i: number) =>
    `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const names = [
    'Object ID',
    'GEMMA type',
    'GEMMA status',
    'Toelichting',
    'Beschikbaarheid',
    'Integriteit',
    'Vertrouwelijkheid',
    'Beschikbaarheid (belangrijkste reden)',
    'Integriteit (belangrijkste reden)',
    'Vertrouwelijkheid (belangrijkste reden)',
    'BIV score BBN',
    'BBN',
    'Beheerder',
    'URL',
    'Verbindingsrol',
    'Groepering',
    'GEMMA thema',
    'Publiceren',
    'Bron',
    'GEMMA URL',
  ];
  const def = new Map(names.map((n, i) => [n, `propid-${i + 1}`]));
  const props = (pairs: [string, string][]) =>
    `<properties>${pairs.map(([n, v]) => `\n        <property propertyDefinitionRef="${def.get(n)}">${v ? `<value xml:lang="nl">${esc(v)}</value>` : '<value xml:lang="nl" />'}</property>`).join('')}\n      </properties>`;
  const element = (id: string, type: string, name: string, doc: string, pairs: [string, string][]) =>
    `    <element identifier="id-${id}" xsi:type="${type}">\n      <name xml:lang="nl">${esc(name)}</name>\n      <documentation xml:lang="nl">${esc(doc)}</documentation>\n      ${props(pairs)}\n    </element>\n`;
  const relationship = (id: string, type: string, source: string, target: string, pairs: [string, string][]) =>
    `    <relationship identifier="id-${id}" source="id-${source}" target="id-${target}" xsi:type="${type}">${pairs.length ? `\n      ${props(pairs)}\n    ` : ''}</relationship>\n`;
  const text =
    'Component voor het vastleggen, beheren en ontsluiten van gegevens, met ondersteuning voor de standaarden die GEMMA voor dit domein noemt.';
  const groups = [
    'intermediair',
    'generiek',
    'domeinen',
    'applicatieontwikkeling',
    'bedrijfsvoering',
    'dienstverlening',
  ];
  const [components, standards, services] = [400, 800, 60];
  const parts: string[] = [];
  const folders = new Map<string, string[]>(groups.map((g) => [g, []]));
  for (let i = 0; i < components; i++) {
    const id = uuid(1, i);
    folders.get(groups[i % groups.length] as string)?.push(id);
    parts.push(
      element(id, 'ApplicationComponent', `Proefcomponent ${i}`, text, [
        ['GEMMA type', 'Referentiecomponent'],
        ['Object ID', id],
        ['GEMMA status', i % 7 ? 'In gebruik' : 'In ontwikkeling'],
        ['Toelichting', text],
        ['Beschikbaarheid', String(1 + (i % 3))],
        ['Beschikbaarheid (belangrijkste reden)', 'Continuïteit van de dienstverlening'],
        ['Integriteit', String(1 + ((i + 1) % 3))],
        ['Integriteit (belangrijkste reden)', 'Juistheid van besluiten'],
        ['Vertrouwelijkheid', String(1 + ((i + 2) % 3))],
        ['Vertrouwelijkheid (belangrijkste reden)', 'Persoonsgegevens'],
        ['BIV score BBN', '2-2-2'],
        ['BBN', 'BBN2'],
        ['Publiceren', 'Ja'],
      ]),
    );
  }
  for (let i = 0; i < standards; i++)
    parts.push(
      element(uuid(2, i), 'Constraint', `Proefstandaard ${i}`, text, [
        ['GEMMA type', 'Standaard'],
        ['Object ID', uuid(2, i)],
        ['GEMMA status', 'In gebruik'],
        ['Beheerder', i % 2 ? 'VNG Realisatie' : 'Logius'],
        ['URL', i % 5 ? `https://standaarden.example.nl/${i}` : ''],
      ]),
    );
  for (let i = 0; i < services; i++)
    parts.push(
      element(uuid(3, i), 'ApplicationComponent', `Landelijke voorziening ${i}`, text, [
        ['GEMMA type', 'Buitengemeentelijke voorziening'],
        ['Object ID', uuid(3, i)],
      ]),
    );
  const relationships: string[] = [];
  for (let i = 0; i < components * 10; i++)
    relationships.push(
      relationship(
        `link-${i}`,
        'Association',
        uuid(1, i % components),
        uuid(2, ((i % components) * 7 + Math.floor(i / components) * 83) % standards),
        [['Verbindingsrol', i % 3 ? 'Aanbevolen' : 'Verplicht']],
      ),
    );
  for (let i = 0; i < components * 2; i++)
    relationships.push(
      relationship(
        `flow-${i}`,
        'Flow',
        uuid(1, i % components),
        uuid(1, ((i % components) + 1 + Math.floor(i / components) * 37) % components),
        [],
      ),
    );
  let size = parts.join('').length + relationships.join('').length;
  // The rest of the model: what a release has besides the reference architecture, in the same element shape.
  const filler = [
    'Capability',
    'BusinessProcess',
    'BusinessObject',
    'DataObject',
    'ApplicationService',
    'ApplicationFunction',
  ];
  for (let i = 0; size < targetBytes - 60_000; i++) {
    const id = uuid(4, i);
    const e = element(id, filler[i % filler.length] as string, `Onderdeel ${i}`, text, [
      ['GEMMA type', 'Bedrijfsobject'],
      ['Object ID', id],
      ['Publiceren', 'Ja'],
      ['Bron', 'GEMMA'],
    ]);
    const r = i ? relationship(`filler-${i}`, 'Association', uuid(4, i - 1), id, []) : '';
    parts.push(e);
    relationships.push(r);
    size += e.length + r.length;
  }
  const folder = (label: string, ids: string[], inner = '') =>
    `      <item>\n        <label xml:lang="nl">${esc(label)}</label>\n${inner}${ids.map((id) => `        <item identifierRef="id-${id}" />\n`).join('')}      </item>\n`;
  const organisations = folder(
    'Application',
    [],
    folder(
      'Applicatiecomponenten',
      [],
      [...folders].map(([g, ids]) => folder(`Referentiecomponenten ${g}`, ids)).join(''),
    ),
  );
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="id-gemma-release">\n` +
      `  <name xml:lang="nl">GEMMA (proefrelease)</name>\n  <elements>\n${parts.join('')}  </elements>\n  <relationships>\n${relationships.join('')}  </relationships>\n` +
      `  <organizations>\n${organisations}  </organizations>\n  <propertyDefinitions>\n` +
      [...def]
        .map(
          ([n, id]) =>
            `    <propertyDefinition identifier="${id}" type="string">\n      <name>${n}</name>\n    </propertyDefinition>\n`,
        )
        .join('') +
      '  </propertyDefinitions>\n</model>\n',
  );
}
