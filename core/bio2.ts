// BIO2 government measures as reference data: where they come from (named wherever they are shown), how the source
// file's words map onto the model, and which numbers a Verklaring van Toepasselijkheid carries a line for.
import { z } from 'zod';
import type * as E from '#prisma/generated/sqlite/client/enums.ts';

/** The source and version of the measures; pages name both wherever measures are shown. */
export const BIO2_SOURCE = {
  name: 'Baseline Informatiebeveiliging Overheid 2 (BIO2), overheidsmaatregelen',
  repository: 'MinBZK/Baseline-Informatiebeveiliging-Overheid',
  url: 'https://github.com/MinBZK/Baseline-Informatiebeveiliging-Overheid',
  version: '1.3 van 9 januari 2026',
  status: 'Deze GitHub-versie heeft geen formele status en kan afwijken van de officiële versie van het CIP.',
} as const;

/** The file's theme words as the model's values, in ISO 27002:2022's chapter order (5 to 8). */
export const THEME_OF = {
  Organisatorisch: 'ORGANISATORISCH',
  Mensgericht: 'MENSGERICHT',
  Fysiek: 'FYSIEK',
  Technologisch: 'TECHNOLOGISCH',
} as const satisfies Record<string, E.Bio2Theme>;

export const themeLabel = {
  ORGANISATORISCH: 'Organisatorisch (5)',
  MENSGERICHT: 'Mensgericht (6)',
  FYSIEK: 'Fysiek (7)',
  TECHNOLOGISCH: 'Technologisch (8)',
} as const satisfies Record<E.Bio2Theme, string>;

export const THEMES = Object.values(THEME_OF);

/** The file's kind words as the model's values. */
export const KIND_OF = {
  overheidsmaatregel: 'OVERHEIDSMAATREGEL',
  'geen overheidsmaatregel': 'GEEN_OVERHEIDSMAATREGEL',
  verplaatst: 'VERPLAATST',
} as const satisfies Record<string, E.Bio2MeasureKind>;

export const kindLabel = {
  OVERHEIDSMAATREGEL: 'Overheidsmaatregel',
  GEEN_OVERHEIDSMAATREGEL: 'Geen overheidsmaatregel (ISO-richtlijn)',
  VERPLAATST: 'Verplaatst',
} as const satisfies Record<E.Bio2MeasureKind, string>;

const number = z.string().regex(/^\d\.\d{2}\.\d{2}$/, 'een nummer als 5.01.01');
const blankAsNone = (v: unknown) => (v === '' ? undefined : v);

/** One row of content/bio2/overheidsmaatregelen.csv (and of a later version's file, for the BIO2 import). */
export const bio2MeasureSchema = z.object({
  nummer: number,
  beheersmaatregel: z.string().regex(/^\d\.\d{2}$/, 'een beheersmaatregel als 5.01'),
  thema: z.enum(['Organisatorisch', 'Mensgericht', 'Fysiek', 'Technologisch'], {
    error: 'een thema: Organisatorisch, Mensgericht, Fysiek of Technologisch',
  }),
  soort: z.enum(['overheidsmaatregel', 'geen overheidsmaatregel', 'verplaatst'], {
    error: 'een soort: overheidsmaatregel, geen overheidsmaatregel of verplaatst',
  }),
  verplaatst_naar: z.preprocess(blankAsNone, number.optional()),
  tekst: z.preprocess(blankAsNone, z.string().optional()),
});

export interface Bio2Row {
  nummer: string;
  beheersmaatregel: string;
  thema: keyof typeof THEME_OF;
  soort: keyof typeof KIND_OF;
  verplaatst_naar?: string | undefined;
  tekst?: string | undefined;
}

export interface Bio2MeasureColumns {
  number: string;
  control: string;
  theme: E.Bio2Theme;
  kind: E.Bio2MeasureKind;
  movedTo: string | null;
  text: string | null;
  position: number;
}

/** A file row as the model's columns; position is its place in the file. */
export const measureColumns = (r: Bio2Row, position: number): Bio2MeasureColumns => ({
  number: r.nummer,
  control: r.beheersmaatregel,
  theme: THEME_OF[r.thema],
  kind: KIND_OF[r.soort],
  movedTo: r.verplaatst_naar || null,
  text: r.tekst || null,
  position,
});

/**
 * Problems a set of rows has as a whole (Dutch, one per problem): duplicates, numbers outside their control, moves
 * without a new number. A new number need not have a row of its own: version 1.3 moves 5.26.01 to 5.25.02, which it
 * does not list.
 */
export function bio2Problems(rows: readonly Bio2Row[]): string[] {
  const problems: string[] = [];
  const numbers = new Set<string>();
  rows.forEach((r, i) => {
    const where = `rij ${i + 1} (${r.nummer})`;
    if (numbers.has(r.nummer)) problems.push(`${where}: het nummer komt vaker voor`);
    numbers.add(r.nummer);
    if (!r.nummer.startsWith(`${r.beheersmaatregel}.`))
      problems.push(`${where}: het nummer hoort niet bij beheersmaatregel ${r.beheersmaatregel}`);
    if (r.soort === 'verplaatst' && !r.verplaatst_naar) problems.push(`${where}: verplaatst, maar zonder nieuw nummer`);
    if (r.soort !== 'verplaatst' && r.verplaatst_naar)
      problems.push(`${where}: een nieuw nummer hoort alleen bij een verplaatste maatregel`);
    if (r.soort === 'overheidsmaatregel' && !r.tekst) problems.push(`${where}: een overheidsmaatregel zonder tekst`);
  });
  return problems;
}

/** Whether a number carries a line in a statement of applicability: every number except those that moved. */
export const hasStatementLine = (m: { kind: E.Bio2MeasureKind }) => m.kind !== 'VERPLAATST';
