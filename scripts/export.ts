// `npm run export -- <ameff|csv|xlsx|koppelingen|content> --org <slug> [--out file]`: writes an organisation's landscape to stdout or a file;
// `ameff` with several `--org` writes their comparison in one file; `gemma` writes the GEMMA model as an exchange file.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { toAmeff, toComparisonAmeff } from '#core/exchange/ameff.ts';
import { toContentYaml } from '#core/exchange/content.ts';
import { toGemmaAmeff } from '#core/exchange/gemma-ameff.ts';
import { loadGemma } from '#core/exchange/gemma-read.ts';
import { toInterfacesCsv } from '#core/exchange/interfaces-csv.ts';
import { type ExportLandscape, loadLandscape } from '#core/exchange/load.ts';
import { swcApplications, toSwcCsv, toSwcJson } from '#core/exchange/swc.ts';
import { toUsagesCsv } from '#core/exchange/usages-csv.ts';
import { toUsagesXlsx } from '#core/exchange/usages-xlsx.ts';
import { openDatabase } from '#prisma/client.ts';

const usage =
  'Gebruik: npm run export -- <ameff|csv|xlsx|koppelingen|content> --org <slug> [--out bestand]\n       npm run export -- swc --org <slug> [--json] [--out bestand]\n       npm run export -- ameff --org <slug> --org <slug> ... [--out bestand]\n       npm run export -- gemma [--out bestand]';

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      org: { type: 'string', multiple: true },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [kind] = positionals;
  const orgs = values.org ?? [];
  if (kind === 'gemma') return exportGemma(values.out);
  if (kind === 'swc' && orgs.length === 1 && orgs[0]) return exportSwc(orgs[0], values.json ?? false, values.out);
  if (
    !['ameff', 'csv', 'xlsx', 'koppelingen', 'content'].includes(kind ?? '') ||
    orgs.length === 0 ||
    (orgs.length > 1 && kind !== 'ameff')
  )
    throw new Error(usage);
  const db = await openDatabase();
  try {
    const landscapes: ExportLandscape[] = [];
    for (const slug of orgs) {
      const found = await loadLandscape(db, slug);
      if (!found) throw new Error(`Organisatie "${slug}" bestaat niet.`);
      landscapes.push(found);
    }
    const [landscape] = landscapes as [ExportLandscape];
    const writers: Record<string, () => Promise<string | Uint8Array> | string> = {
      ameff: () => (landscapes.length > 1 ? toComparisonAmeff(landscapes) : toAmeff(landscape)),
      csv: () => toUsagesCsv(landscape),
      xlsx: () => toUsagesXlsx(landscape),
      koppelingen: () => toInterfacesCsv(landscape),
      content: async () => (await toContentYaml(db, landscape.organisation.slug, 'operator')) ?? '',
    };
    const file = await (writers[kind ?? 'ameff'] as () => Promise<string | Uint8Array> | string)();
    if (values.out) {
      writeFileSync(values.out, file);
      console.error(
        `${kind} van ${landscapes.map((l) => l.organisation.name).join(', ')} geschreven naar ${values.out}.`,
      );
    } else process.stdout.write(file);
  } finally {
    await db.close();
  }
}

/** The organisation's usages in the layout of the Softwarecatalogus's own "applicaties" export, as CSV or JSON. */
async function exportSwc(slug: string, json: boolean, out: string | undefined) {
  const db = await openDatabase();
  try {
    const applications = await swcApplications(db, slug);
    if (!applications) throw new Error(`Organisatie "${slug}" bestaat niet.`);
    const file = json ? toSwcJson(applications) : toSwcCsv(applications);
    if (out) {
      writeFileSync(out, file);
      console.error(`Softwarecatalogus-export (${json ? 'JSON' : 'CSV'}) van ${slug} geschreven naar ${out}.`);
    } else process.stdout.write(file);
  } finally {
    await db.close();
  }
}

/** The GEMMA model as stored, as an ArchiMate exchange file. */
async function exportGemma(out: string | undefined) {
  const db = await openDatabase();
  try {
    const xml = toGemmaAmeff(await loadGemma(db), new Date().toISOString());
    if (out) {
      writeFileSync(out, xml);
      console.error(`GEMMA-model geschreven naar ${out}.`);
    } else process.stdout.write(xml);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
