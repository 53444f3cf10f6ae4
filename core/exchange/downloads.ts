// The files a landscape, a comparison and the GEMMA model are downloaded as, written from the database by the exchange
// formats: the pages' download routes (site/lib/download.ts) send them as they are, outside the answer cache, and the
// GraphQL fields (graphql/types/exchange.ts) offer the same files to API users.
import type { Database } from '#prisma/client.ts';
import { isoDay } from '../dates.ts';
import type { Reader } from '../privacy.ts';
import { toAmeff, toComparisonAmeff } from './ameff.ts';
import { toContentYaml } from './content.ts';
import { toGemmaAmeff } from './gemma-ameff.ts';
import { loadGemma } from './gemma-read.ts';
import { toInterfacesCsv } from './interfaces-csv.ts';
import { type ExportLandscape, loadLandscape } from './load.ts';
import { landscapeOnDay } from './plateau.ts';
import { toUsagesCsv } from './usages-csv.ts';
import { toUsagesXlsx } from './usages-xlsx.ts';

export { type ViewFileRequest, type ViewFormat, viewFile } from './view-file.ts';

/** The formats one organisation's landscape is downloaded in (the names of the GraphQL fields that offer them). */
export type LandscapeFormat = 'ameff' | 'usagesCsv' | 'usagesXlsx' | 'interfacesCsv' | 'contentYaml';

const writers: Record<
  Exclude<LandscapeFormat, 'contentYaml'>,
  (landscape: ExportLandscape) => string | Promise<Uint8Array>
> = {
  ameff: toAmeff,
  usagesCsv: toUsagesCsv,
  usagesXlsx: toUsagesXlsx,
  interfacesCsv: toInterfacesCsv,
};

/**
 * One organisation's landscape as a file: text, or bytes for the workbook; null when there is no such organisation.
 * Private fields as `reader` may see them (the content format carries them; the other formats never do).
 */
export async function landscapeFile(
  db: Database,
  slug: string,
  format: LandscapeFormat,
  reader: Reader,
): Promise<string | Uint8Array | null> {
  if (format === 'contentYaml') return toContentYaml(db, slug, reader);
  const landscape = await loadLandscape(db, slug);
  return landscape ? writers[format](landscape) : null;
}

/** One organisation's landscape on `day` as an ArchiMate file with that day's plateau; null without the organisation. */
export async function landscapePlateauFile(db: Database, slug: string, day: Date): Promise<string | null> {
  const landscape = await loadLandscape(db, slug);
  return landscape ? toAmeff(await landscapeOnDay(db, landscape, day), isoDay(day)) : null;
}

/** Several landscapes side by side as one ArchiMate exchange file; null when one of the organisations does not exist. */
export async function comparisonFile(db: Database, slugs: readonly string[], day?: Date): Promise<string | null> {
  const landscapes: ExportLandscape[] = [];
  // One landscape at a time: each is read in a fixed number of statements.
  for (const slug of new Set(slugs)) {
    const landscape = await loadLandscape(db, slug);
    if (!landscape) return null;
    landscapes.push(day ? await landscapeOnDay(db, landscape, day) : landscape);
  }
  return toComparisonAmeff(landscapes, day ? isoDay(day) : undefined);
}

/** The GEMMA model as stored, as an ArchiMate exchange file. */
export async function gemmaFile(db: Database, now = new Date()): Promise<string> {
  return toGemmaAmeff(await loadGemma(db), now.toISOString());
}
