// `npm run export -- <ameff|csv|xlsx|content> --org <slug> [--out file]`: writes an organisation's landscape to stdout or a file.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { toAmeff } from '../graphql/exchange/ameff.ts';
import { toContentYaml } from '../graphql/exchange/content.ts';
import { loadLandscape } from '../graphql/exchange/load.ts';
import { toUsagesCsv } from '../graphql/exchange/usages-csv.ts';
import { toUsagesXlsx } from '../graphql/exchange/usages-xlsx.ts';
import { openDatabase } from '../prisma/client.ts';

const usage = 'Gebruik: npm run export -- <ameff|csv|xlsx|content> --org <slug> [--out bestand]';

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { org: { type: 'string' }, out: { type: 'string' } } });
  const [kind] = positionals;
  if (!['ameff', 'csv', 'xlsx', 'content'].includes(kind ?? '') || !values.org) throw new Error(usage);
  const db = await openDatabase();
  try {
    const landscape = await loadLandscape(db, values.org);
    if (!landscape) throw new Error(`Organisatie "${values.org}" bestaat niet.`);
    const file =
      kind === 'content'
        ? ((await toContentYaml(db, values.org)) ?? '')
        : kind === 'xlsx'
          ? await toUsagesXlsx(landscape)
          : kind === 'csv'
            ? toUsagesCsv(landscape)
            : toAmeff(landscape);
    if (values.out) {
      writeFileSync(values.out, file);
      console.error(
        `${landscape.usages.length} gebruik${kind === 'ameff' ? ` en ${landscape.interfaces.length} koppelingen` : ''} geschreven naar ${values.out}.`,
      );
    } else process.stdout.write(file);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
