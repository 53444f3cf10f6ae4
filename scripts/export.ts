// `npm run export -- <ameff|csv|xlsx|koppelingen|content> --org <slug> [--out file]`: writes an organisation's landscape to stdout or a file.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { toAmeff } from '../graphql/exchange/ameff.ts';
import { toContentYaml } from '../graphql/exchange/content.ts';
import { toInterfacesCsv } from '../graphql/exchange/interfaces-csv.ts';
import { loadLandscape } from '../graphql/exchange/load.ts';
import { toUsagesCsv } from '../graphql/exchange/usages-csv.ts';
import { toUsagesXlsx } from '../graphql/exchange/usages-xlsx.ts';
import { openDatabase } from '../prisma/client.ts';

const usage = 'Gebruik: npm run export -- <ameff|csv|xlsx|koppelingen|content> --org <slug> [--out bestand]';

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { org: { type: 'string' }, out: { type: 'string' } } });
  const [kind] = positionals;
  if (!['ameff', 'csv', 'xlsx', 'koppelingen', 'content'].includes(kind ?? '') || !values.org) throw new Error(usage);
  const db = await openDatabase();
  try {
    const landscape = await loadLandscape(db, values.org);
    if (!landscape) throw new Error(`Organisatie "${values.org}" bestaat niet.`);
    const writers: Record<string, () => Promise<string | Uint8Array> | string> = {
      ameff: () => toAmeff(landscape),
      csv: () => toUsagesCsv(landscape),
      xlsx: () => toUsagesXlsx(landscape),
      koppelingen: async () => (await toInterfacesCsv(db, landscape.organisation.slug)) ?? '',
      content: async () => (await toContentYaml(db, landscape.organisation.slug)) ?? '',
    };
    const file = await (writers[kind ?? 'ameff'] as () => Promise<string | Uint8Array> | string)();
    if (values.out) {
      writeFileSync(values.out, file);
      console.error(`${kind} van ${landscape.organisation.name} geschreven naar ${values.out}.`);
    } else process.stdout.write(file);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
