// CSV readers: the delimiter from the header line, csv-parse's errors in Dutch with their line, and a file of another
// layout named for what it is.
import { describe, expect, it } from 'vitest';
import { columnsProblem, csvRows, detectDelimiter } from '#core/exchange/file-text.ts';
import { INTERFACE_COLUMNS, readInterfacesCsv } from '#core/exchange/interfaces-csv.ts';
import { readUsagesCsv, USAGE_COLUMNS } from '#core/exchange/usages-csv.ts';

const bytes = (text: string) => Buffer.from(text);

describe('detectDelimiter', () => {
  it('takes the most frequent of ; , and tab in the header line, outside quotes', () => {
    expect(detectDelimiter('Sleutel;Leverancier;Pakket\na,b;c')).toBe(';');
    expect(detectDelimiter('"id","naam","beschrijving; kort"\n"1";"2"')).toBe(',');
    expect(detectDelimiter('Sleutel\tLeverancier\tPakket, Versie\n')).toBe('\t');
    // Only the header counts: commas in the rows below do not outvote it.
    expect(detectDelimiter('A;B\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('\uFEFF"a,b";c\n')).toBe(';');
  });

  it('reads a header without any delimiter, or a tie, as semicolons', () => {
    expect(detectDelimiter('Sleutel\nopen-zaak')).toBe(';');
    expect(detectDelimiter('a;b,c\n')).toBe(';');
  });
});

describe('csvRows', () => {
  it('reads comma, semicolon and tab files alike', () => {
    const rows = [
      ['a', 'b'],
      ['1', '2'],
    ];
    expect(csvRows(bytes('a,b\n1,2'), 1000)).toEqual({ rows, delimiter: ',' });
    expect(csvRows(bytes('a;b\n1;2'), 1000)).toEqual({ rows, delimiter: ';' });
    expect(csvRows(bytes('a\tb\n1\t2'), 1000)).toEqual({ rows, delimiter: '\t' });
  });

  it('says in Dutch what is wrong and on which line, never the parser’s English', () => {
    expect(csvRows(bytes('a;b\n1;2\n"3;4\n'), 1000)).toEqual({
      problem: {
        line: 3,
        message:
          "Het bestand is geen leesbare CSV (gescheiden door puntkomma's) op regel 3: een aanhalingsteken wordt niet gesloten.",
      },
    });
    expect(csvRows(bytes('"a","b"\n"1","x"y"\n'), 1000)).toEqual({
      problem: {
        line: 2,
        message:
          "Het bestand is geen leesbare CSV (gescheiden door komma's) op regel 2: na een afsluitend aanhalingsteken staat geen scheidingsteken of regeleinde.",
      },
    });
  });
});

describe('a file of another layout', () => {
  const swcHeader = '"id","naam","beschrijvingKort","aanbieder","_aanbieder","referentieComponenten","moduleVersies"';

  it('names the delimiter and columns it found, what it expected, and the swc import for a Softwarecatalogus export', () => {
    expect(readUsagesCsv(bytes(`${swcHeader}\n"1","Open Zaak","","","Maykin Media","[]","[]"`)).problems).toEqual([
      {
        line: 1,
        message: `Het bestand is gescheiden door komma's en heeft de kolommen id, naam, beschrijvingKort, aanbieder, _aanbieder, referentieComponenten, moduleVersies; verwacht: ${USAGE_COLUMNS.join(', ')}. Is dit een export van de Softwarecatalogus? Lees het in als swc.`,
      },
    ]);
    expect(readInterfacesCsv(bytes('Van,Naar\nA,B')).problems).toEqual([
      {
        line: 1,
        message: `Het bestand is gescheiden door komma's en heeft de kolommen Van, Naar; verwacht: ${INTERFACE_COLUMNS.join(', ')}.`,
      },
    ]);
  });

  it('keeps reading the semicolon layout, and the same columns separated by tabs or commas', () => {
    const header = USAGE_COLUMNS.join(';');
    const line = 'open-zaak;Maykin Media;Open Zaak;1.21;In productie;;;2020-01-01;;;;;;;';
    for (const delimiter of [';', '\t', ',']) {
      const read = readUsagesCsv(bytes(`${header}\n${line}`.replaceAll(';', delimiter)));
      expect(read.problems).toEqual([]);
      expect(read.records[0]).toMatchObject({
        Sleutel: 'open-zaak',
        Pakket: 'Open Zaak',
        Versie: '1.21',
        'In productie sinds': '2020-01-01',
      });
    }
  });

  it('leaves a semicolon file with other columns to the reader’s own list of missing columns', () => {
    expect(columnsProblem(['Naam', 'Kleur'], ';', { columns: USAGE_COLUMNS, required: ['Pakket'] })).toBeNull();
    expect(columnsProblem(['Pakket'], ',', { columns: USAGE_COLUMNS, required: ['Pakket'] })).toBeNull();
  });
});
