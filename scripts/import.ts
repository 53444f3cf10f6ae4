// `npm run import -- <csv|xlsx|ameff> <file> --org <slug> [--apply]`: shows what an import would add, change, leave alone and
// refuse; with --apply (and nothing refused) writes it in one transaction, audited with source IMPORT and the file name.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readUsagesAmeff } from '../graphql/exchange/ameff-read.ts';
import { applyUsagesImport, planUsagesImport, readUsagesCsv } from '../graphql/exchange/usages-csv.ts';
import { readUsagesXlsx } from '../graphql/exchange/usages-xlsx.ts';
import { openDatabase } from '../prisma/client.ts';

const usage = 'Gebruik: npm run import -- <csv|xlsx|ameff> <bestand> --org <slug> [--apply]';

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { org: { type: 'string' }, apply: { type: 'boolean', default: false } } });
  const [kind, file] = positionals;
  if (!['csv', 'xlsx', 'ameff'].includes(kind ?? '') || !file || !values.org) throw new Error(usage);
  const bytes = readFileSync(file);
  const { records, problems } = kind === 'xlsx' ? await readUsagesXlsx(bytes) : kind === 'ameff' ? readUsagesAmeff(bytes) : readUsagesCsv(bytes);
  const db = await openDatabase();
  try {
    if (problems.length) {
      for (const p of problems) console.log(`geweigerd  regel ${p.line}: ${p.message}`);
      process.exitCode = 2;
      return;
    }
    const plan = await planUsagesImport(db, values.org, records);
    if (!plan) throw new Error(`Organisatie "${values.org}" bestaat niet.`);
    for (const r of plan.rows)
      console.log(
        `${{ ADD: 'toevoegen', CHANGE: 'wijzigen', UNCHANGED: 'ongewijzigd' }[r.action].padEnd(11)}regel ${r.line}: ${r.key} (${r.product})${r.changes.length ? ` – ${r.changes.join(', ')}` : ''}`,
      );
    for (const p of plan.refused) console.log(`geweigerd  regel ${p.line}: ${p.message}`);
    const count = (a: string) => plan.rows.filter((r) => r.action === a).length;
    console.log(`\n${count('ADD')} toevoegen, ${count('CHANGE')} wijzigen, ${count('UNCHANGED')} ongewijzigd, ${plan.refused.length} geweigerd.`);
    if (plan.refused.length) {
      console.log('Er is niets ingelezen: los de geweigerde regels op en probeer opnieuw.');
      process.exitCode = 2;
    } else if (values.apply) {
      const result = await applyUsagesImport(db, plan, { label: 'opdrachtregel' }, path.basename(file));
      console.log(`Ingelezen: ${result.added} toegevoegd, ${result.changed} gewijzigd.`);
    } else console.log('Proefrun: er is niets veranderd. Voeg --apply toe om in te lezen.');
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
