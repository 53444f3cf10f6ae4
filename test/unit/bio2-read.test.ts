// The BIO2 import's reader on the real file in content/bio2 and on changed copies of it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureColumns } from '#core/bio2.ts';
import { bio2Difference } from '#core/exchange/bio2.ts';
import { readBio2Csv } from '#core/exchange/bio2-read.ts';
import { projectRoot } from '#prisma/database.ts';

const real = readFileSync(path.join(projectRoot, 'content', 'bio2', 'overheidsmaatregelen.csv'), 'utf8');
const bytes = (text: string) => new TextEncoder().encode(text);
/** The file's own line ending (csv-parse takes the first one it meets for every record). */
const nl = real.includes('\r\n') ? '\r\n' : '\n';

describe('readBio2Csv', () => {
  it('reads the real file: 166 numbers, 122 with text, and it differs in nothing from itself', () => {
    const read = readBio2Csv(bytes(real));
    if (!('rows' in read)) throw new Error(JSON.stringify(read.problems));
    expect(read.rows).toHaveLength(166);
    expect(read.rows.filter((r) => r.tekst)).toHaveLength(122);
    const stored = read.rows.map(measureColumns);
    expect(bio2Difference(stored, read.rows)).toMatchObject({ added: [], removed: [], changed: [], moved: [] });
  });

  it('reads a changed copy and says what would change: a text changed, a number added, one gone', () => {
    const changed = real
      .replace(
        '5.01.01,5.01,Organisatorisch,overheidsmaatregel,,"De entiteit',
        '5.01.01,5.01,Organisatorisch,overheidsmaatregel,,"Gewijzigd: de entiteit',
      )
      .replace(/\r?\n5\.37\.01,5\.37,Organisatorisch,geen overheidsmaatregel,,/, '')
      .trimEnd()
      .concat(
        `${nl}8.34.02,8.34,Technologisch,overheidsmaatregel,,"Een nieuwe maatregel, met ""aanhalingstekens""."${nl}`,
      );
    const before = (readBio2Csv(bytes(real)) as { rows: Parameters<typeof bio2Difference>[1] }).rows.map(
      measureColumns,
    );
    const read = readBio2Csv(bytes(changed));
    if (!('rows' in read)) throw new Error(JSON.stringify(read.problems));
    const difference = bio2Difference(before, read.rows);
    expect(difference.changed).toEqual(['5.01.01']);
    expect(difference.added).toEqual(['8.34.02']);
    expect(difference.removed).toEqual(['5.37.01']);
  });

  it('refuses another file, a wrong row and a duplicate number with Dutch messages', () => {
    expect(readBio2Csv(bytes('Sleutel;Pakket\nzaak;ZaakDMS\n'))).toEqual({
      problems: [
        {
          line: 1,
          message:
            'Dit is geen overheidsmaatregelen.csv: de kolommen nummer, beheersmaatregel, thema, soort, verplaatst_naar, tekst ontbreken; verwacht: nummer, beheersmaatregel, thema, soort, verplaatst_naar, tekst.',
        },
      ],
    });
    const wrong = [
      'nummer,beheersmaatregel,thema,soort,verplaatst_naar,tekst',
      '5.01.01,5.01,Organisatorisch,overheidsmaatregel,,Tekst',
      '5.01.01,5.01,Organisatorisch,overheidsmaatregel,,Tekst',
      '5.02.01,5.02,Onbekend,overheidsmaatregel,,Tekst',
    ].join('\n');
    const read = readBio2Csv(bytes(wrong));
    expect('problems' in read && read.problems.map((p) => p.message)).toEqual([
      'rij 3 (5.02.01), thema: verwacht een thema: Organisatorisch, Mensgericht, Fysiek of Technologisch',
      'rij 2 (5.01.01): het nummer komt vaker voor',
    ]);
  });
});
