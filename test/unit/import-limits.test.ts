// Limits of the file readers against hostile or absurd input: nesting in XML and JSON, list lengths, and personal
// data that is never read. Each input is small; the assertions are on the refusal or on the result.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_XML_DEPTH, parseAmeff } from '#core/exchange/ameff-read.ts';
import { columnsOf } from '#core/exchange/swc-columns.ts';
import { readSwc } from '#core/exchange/swc-read.ts';
import { uniqueKeys } from '#core/exchange/unique-key.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const model = (organizations: string) =>
  bytes(
    `<?xml version="1.0" encoding="UTF-8"?><model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><elements>` +
      `<element identifier="a" xsi:type="ApplicationComponent" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><name>A</name></element>` +
      `<element identifier="b" xsi:type="ApplicationComponent" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><name>B</name></element>` +
      `</elements><organizations>${organizations}</organizations></model>`,
  );

describe('ArchiMate nesting', () => {
  it('refuses 100,000 nested <item> tags with one Dutch line, at the first level too deep', () => {
    const deep = `<item>`.repeat(100_000) + `</item>`.repeat(100_000);
    const { model: read, problems } = parseAmeff(model(deep));
    expect(read).toBeNull();
    expect(problems).toEqual([
      {
        line: 1,
        message: `Het bestand nest elementen dieper dan ${MAX_XML_DEPTH} niveaus; zo diep gaat een uitwisselbestand nooit.`,
      },
    ]);
  });

  it('reads folders nested up to the limit, each entry with the labels of its own folders', () => {
    // <model> and <organizations>, then the folders, then the entry: exactly MAX_XML_DEPTH levels.
    const n = MAX_XML_DEPTH - 3;
    const folders = Array.from({ length: n }, (_, i) => `<item><label>F${i}</label>`).join('');
    const text = `${folders}<item identifierRef="a"/>${'</item>'.repeat(n)}<item><label>Los</label><item><item identifierRef="b"/></item></item>`;
    const { model: read, problems } = parseAmeff(model(text));
    expect(problems).toEqual([]);
    expect(read?.folders.get('a')).toEqual(Array.from({ length: n }, (_, i) => `F${i}`));
    // A folder without a label adds none.
    expect(read?.folders.get('b')).toEqual(['Los']);
  });

  it('gives an entry after a closed folder only the folders still open', () => {
    const text =
      '<item><label>Buiten</label><item><label>Binnen</label></item><item identifierRef="a"/></item><item identifierRef="b"/>';
    const { model: read } = parseAmeff(model(text));
    expect(read?.folders.get('a')).toEqual(['Buiten']);
    expect(read?.folders.get('b')).toEqual([]);
  });
});

describe('unique keys', () => {
  it('numbers 20,000 identical names 2, 3, ... and skips keys already taken', () => {
    const next = uniqueKeys(new Set(['open-zaak-3']));
    const keys = Array.from({ length: 20_000 }, () => next('open-zaak'));
    expect(keys.slice(0, 4)).toEqual(['open-zaak', 'open-zaak-2', 'open-zaak-4', 'open-zaak-5']);
    expect(keys.at(-1)).toBe('open-zaak-20001');
    expect(new Set(keys).size).toBe(20_000);
    // A base that is another base's numbered key still gets a key of its own.
    expect(next('open-zaak-2')).toBe('open-zaak-2-2');
  });
});

describe('Softwarecatalogus JSON', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses a field nested a million levels deep for that field, without a stack overflow', () => {
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    const read = readSwc(bytes(`[{"naam": "Open Zaak", "diensten": ${deep}, "website": [["x"]]}]`));
    expect(read.problems).toEqual([
      {
        line: 1,
        message: 'Veld diensten: een lijst in een lijst wordt niet gelezen; verwacht tekst of een lijst van teksten.',
      },
      {
        line: 1,
        message: 'Veld website: een lijst in een lijst wordt niet gelezen; verwacht tekst of een lijst van teksten.',
      },
    ]);
  });

  it('reads a list of texts, numbers and relations (by id) as a list of texts', () => {
    const read = readSwc(bytes('[{"naam": "Open Zaak", "diensten": ["a", 2, {"id": "c"}]}]'));
    expect(read.problems).toEqual([]);
    expect(read.rows[0]?.values.diensten).toEqual(['a', '2', 'c']);
  });

  it('does not call a JSON failure other than a syntax error invalid UTF-8', () => {
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    expect(readSwc(bytes('[{"naam": "Open Zaak"}]')).problems).toEqual([
      { line: 0, message: 'Het bestand kon niet als JSON worden gelezen (te diep genest of te groot).' },
    ]);
    expect(readSwc(Uint8Array.from([0x5b, 0xff, 0x5d])).problems).toEqual([
      { line: 0, message: 'Het bestand is geen geldige UTF-8-tekst.' },
    ]);
  });

  it('refuses a list of more than 500 values, naming the column and the application', () => {
    const many = JSON.stringify(Array.from({ length: 1_000_000 }, () => ''));
    expect(
      readSwc(
        bytes(
          `[{"naam": "Open Zaak", "koppelingen": ${many}}, {"naam": "ZAC", "diensten": ${JSON.stringify(Array(500).fill('d'))}}]`,
        ),
      ).problems,
    ).toEqual([
      {
        line: 1,
        message: 'Kolom koppelingen van applicatie "Open Zaak" heeft 1000000 waarden; hooguit 500 per applicatie.',
      },
    ]);
    const csvList = JSON.stringify(Array.from({ length: 501 }, (_, i) => `k${i}`)).replaceAll('"', '""');
    expect(readSwc(bytes(`"naam","_koppelingen"\n"ZAC","${csvList}"\n`)).problems).toEqual([
      { line: 2, message: 'Kolom _koppelingen van applicatie "ZAC" heeft 501 waarden; hooguit 500 per applicatie.' },
    ]);
  });

  it('does not read a contact person, and lists the columns as ignored for that reason', () => {
    const read = readSwc(
      bytes('[{"naam": "Open Zaak", "contactpersoon": "u-1", "_contactpersoon": "j.devries@example.nl"}]'),
    );
    expect(read.problems).toEqual([]);
    expect(read.rows[0]?.values).toEqual({ naam: 'Open Zaak' });
    expect(columnsOf(read.columns)).toEqual([
      { column: 'naam', treatment: 'MAPPED', target: 'pakket (herkend in de catalogus)' },
      { column: 'contactpersoon', treatment: 'IGNORED', target: 'persoonsgegevens worden niet overgenomen' },
      { column: '_contactpersoon', treatment: 'IGNORED', target: 'persoonsgegevens worden niet overgenomen' },
    ]);
    const csv = readSwc(bytes('"naam","contactpersoon","_contactpersoon"\n"Open Zaak","u-1","J. de Vries"\n'));
    expect(csv.rows[0]?.values).toEqual({ naam: 'Open Zaak' });
  });
});
