// `npm run import -- <csv|xlsx|ameff|koppelingen> <file> --org <slug> [--nieuwe-pakketten] [--apply]`, `npm run import -- gemma <folder|file.xml> [--apply]` or
// `npm run import -- publiccode <file> [--org <slug>] [--apply]`: shows what an import would add, change, leave alone and
// refuse; with --apply (and nothing refused) writes it in one transaction, audited with source IMPORT and the file name.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { applyGemmaImport, planGemmaImport } from '#core/exchange/gemma.ts';
import { loadStoredGemma, readGemmaAmeff } from '#core/exchange/gemma-ameff.ts';
import { readGemma } from '#core/exchange/gemma-read.ts';
import { applyInterfacesImport, planInterfacesImport } from '#core/exchange/interfaces-csv.ts';
import {
  applyLandscapeImport,
  type LandscapeFormat,
  type LandscapePlan,
  planLandscapeImport,
  refusedOf,
} from '#core/exchange/landscape-import.ts';
import { applyPubliccodeImport, planPubliccodeImport } from '#core/exchange/publiccode.ts';
import { applySwcImport } from '#core/exchange/swc.ts';
import { planSwcImport } from '#core/exchange/swc-plan.ts';
import { type Database, openDatabase } from '#prisma/client.ts';
import { planLine } from './import-lines.ts';

const usage =
  'Gebruik: npm run import -- <csv|xlsx|ameff> <bestand> --org <slug> [--nieuwe-pakketten] [--apply]\n       npm run import -- koppelingen <bestand> --org <slug> [--apply]\n       npm run import -- gemma <map met de GEMMA-CSV-bestanden | GEMMA-model als ArchiMate-bestand> [--apply]\n       npm run import -- publiccode <publiccode.yml> [--org <slug die het pakket toevoegt>] [--apply]\n       npm run import -- swc <export van de Softwarecatalogus, CSV of JSON> --org <slug> [--nieuwe-pakketten] [--apply]';

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      apply: { type: 'boolean', default: false },
      'nieuwe-pakketten': { type: 'boolean', default: false },
    },
  });
  const [kind, file] = positionals;
  if (kind === 'gemma' && file) return importGemma(file, values.apply ?? false);
  if (kind === 'publiccode' && file) return importPubliccode(file, values.org, values.apply ?? false);
  if (kind === 'koppelingen' && file && values.org) return importInterfaces(file, values.org, values.apply ?? false);
  if (kind === 'swc' && file && values.org)
    return importSwc(file, values.org, values.apply ?? false, values['nieuwe-pakketten'] ?? false);
  if (!['csv', 'xlsx', 'ameff'].includes(kind ?? '') || !file || !values.org) throw new Error(usage);
  const db = await openDatabase();
  try {
    // --nieuwe-pakketten: products, suppliers and versions the catalogue lacks are added instead of refused.
    const plan = await planLandscapeImport(db, values.org, readFileSync(file), kind as LandscapeFormat, {
      addUnknownProducts: values['nieuwe-pakketten'],
    });
    if (!plan) throw new Error(`Organisatie "${values.org}" bestaat niet.`);
    for (const r of plan.rows)
      console.log(
        planLine(
          r.action,
          `regel ${r.line}: ${r.key} (${r.product})${r.changes.length ? ` – ${r.changes.join(', ')}` : ''}`,
        ),
      );
    for (const r of plan.interfaces?.rows ?? []) console.log(planLine(r.action, `koppeling ${r.key}`));
    printNotPlaced(plan);
    const refused = refusedOf(plan);
    for (const p of refused) console.log(planLine('REFUSED', `regel ${p.line}: ${p.message}`));
    const all = [...plan.rows, ...(plan.interfaces?.rows ?? [])];
    const count = (a: string) => all.filter((r) => r.action === a).length;
    const notPlaced = plan.notPlaced.reduce((n, x) => n + x.count, 0);
    console.log(
      `\n${count('ADD')} toevoegen, ${count('CHANGE')} wijzigen, ${count('UNCHANGED')} ongewijzigd, ${refused.length} geweigerd${plan.kind === 'archi-model' ? `, ${notPlaced} niet geplaatst` : ''}.`,
    );
    if (refused.length) {
      console.log('Er is niets ingelezen: los de geweigerde regels op en probeer opnieuw.');
      process.exitCode = 2;
    } else if (values.apply) {
      const result = await applyLandscapeImport(db, plan, { label: 'opdrachtregel' }, path.basename(file));
      console.log(
        `Ingelezen: ${result.usages.added} toegevoegd, ${result.usages.changed} gewijzigd; koppelingen ${result.interfaces.added} toegevoegd, ${result.interfaces.changed} gewijzigd.`,
      );
    } else console.log('Proefrun: er is niets veranderd. Voeg --apply toe om in te lezen.');
  } finally {
    await db.close();
  }
}

const TREATMENT = { MAPPED: 'overgenomen', KEPT: 'bewaard', IGNORED: 'genegeerd' } as const;

async function importSwc(file: string, org: string, apply: boolean, addUnknownProducts: boolean) {
  const db = await openDatabase();
  try {
    const plan = await planSwcImport(db, org, readFileSync(file), { addUnknownProducts });
    if (!plan) throw new Error(`Organisatie "${org}" bestaat niet.`);
    const where = plan.format === 'json' ? 'applicatie' : 'regel';
    if (plan.columns.length) console.log('Kolommen:');
    for (const c of plan.columns) console.log(`  ${TREATMENT[c.treatment].padEnd(12)}${c.column}: ${c.target}`);
    if (plan.columns.length) console.log('');
    for (const r of plan.rows)
      console.log(
        planLine(
          r.action,
          `${where} ${r.line}: ${r.key} (${r.product})${r.changes.length ? ` – ${r.changes.join(', ')}` : ''}`,
        ),
      );
    for (const n of plan.notes) console.log(planLine('WARNING', `${n.line ? `${where} ${n.line}: ` : ''}${n.message}`));
    for (const p of plan.refused)
      console.log(planLine('REFUSED', `${p.line ? `${where} ${p.line}: ` : ''}${p.message}`));
    const count = (a: string) => plan.rows.filter((r) => r.action === a).length;
    console.log(
      `\n${count('ADD')} toevoegen, ${count('CHANGE')} wijzigen, ${count('UNCHANGED')} ongewijzigd, ${plan.refused.length} geweigerd.`,
    );
    if (plan.refused.length) {
      console.log('Er is niets ingelezen: los de geweigerde regels op en probeer opnieuw.');
      process.exitCode = 2;
    } else if (apply) {
      const result = await applySwcImport(db, plan, { label: 'opdrachtregel' }, path.basename(file));
      console.log(
        `Ingelezen: ${result.usages.added} toegevoegd, ${result.usages.changed} gewijzigd; koppelingen ${result.interfaces.added} toegevoegd, ${result.interfaces.changed} gewijzigd.`,
      );
    } else console.log('Proefrun: er is niets veranderd. Voeg --apply toe om in te lezen.');
  } finally {
    await db.close();
  }
}

/** An own ArchiMate model: how each component was matched, then everything not placed, per type, with the reason. */
function printNotPlaced(plan: LandscapePlan) {
  if (plan.placed.length) console.log('\nGeplaatst:');
  for (const line of plan.placed) console.log(`  ${line}`);
  if (!plan.notPlaced.length) return;
  console.log('\nNiet geplaatst (ter informatie; wat wel geplaatst is kan worden ingelezen):');
  for (const n of plan.notPlaced)
    console.log(
      `  ${n.count > 1 || !n.name ? `${n.count} ` : ''}${n.type}${n.name ? ` "${n.name}"` : ''}: ${n.reason}`,
    );
}

async function importInterfaces(file: string, org: string, apply: boolean) {
  const db = await openDatabase();
  try {
    const plan = await planInterfacesImport(db, org, readFileSync(file));
    if (!plan) throw new Error(`Organisatie "${org}" bestaat niet.`);
    for (const r of plan.rows) console.log(planLine(r.action, `regel ${r.line}: ${r.key}`));
    for (const p of plan.refused) console.log(planLine('REFUSED', `regel ${p.line}: ${p.message}`));
    if (plan.refused.length) {
      console.log('Er is niets ingelezen: los de geweigerde regels op en probeer opnieuw.');
      process.exitCode = 2;
    } else if (apply) {
      await applyInterfacesImport(db, plan, { label: 'opdrachtregel' }, path.basename(file));
      console.log('Ingelezen.');
    } else console.log('Proefrun: er is niets veranderd. Voeg --apply toe om in te lezen.');
  } finally {
    await db.close();
  }
}

async function importPubliccode(file: string, org: string | undefined, apply: boolean) {
  const db = await openDatabase();
  try {
    const organisation = org
      ? await db.prisma.organisation.findUnique({ where: { slug: org }, select: { id: true } })
      : null;
    if (org && !organisation) throw new Error(`Organisatie "${org}" bestaat niet.`);
    const plan = await planPubliccodeImport(db, readFileSync(file));
    for (const p of plan.refused) console.log(planLine('REFUSED', `regel ${p.line}: ${p.message}`));
    for (const w of plan.warnings) console.log(planLine('WARNING', w));
    if (plan.refused.length) {
      console.log('Er is niets ingelezen: los de geweigerde regels op en probeer opnieuw.');
      process.exitCode = 2;
      return;
    }
    console.log(
      planLine(
        plan.action,
        `pakket ${plan.name} (${plan.slug})${plan.changes.length ? ` – ${plan.changes.join(', ')}` : ''}; ${plan.recognised}`,
      ),
    );
    console.log(
      planLine(
        plan.supplier.isNew ? 'ADD' : 'NOTE',
        `leverancier ${plan.supplier.name} (${plan.supplier.slug}); ${plan.supplier.reason}`,
      ),
    );
    if (apply) {
      await applyPubliccodeImport(db, plan, { label: 'opdrachtregel' }, path.basename(file), organisation?.id ?? null);
      console.log('Ingelezen.');
    } else console.log('Proefrun: er is niets veranderd. Voeg --apply toe om in te lezen.');
  } finally {
    await db.close();
  }
}

async function importGemma(dir: string, apply: boolean) {
  // A folder holds the CSV extracts; a file is an ArchiMate exchange file of the GEMMA model.
  const db = await openDatabase();
  try {
    await importGemmaWith(db, dir, apply);
  } finally {
    await db.close();
  }
}

async function importGemmaWith(db: Database, dir: string, apply: boolean) {
  const { data, problems, warnings } = statSync(dir).isDirectory()
    ? { ...readGemma(dir), warnings: [] }
    : readGemmaAmeff(readFileSync(dir), path.basename(dir), await loadStoredGemma(db));
  for (const w of warnings) console.log(planLine('WARNING', w));
  if (!data) {
    for (const p of problems) console.log(planLine('REFUSED', `${p.file} rij ${p.row}: ${p.message}`));
    console.log('Er is niets ingelezen.');
    process.exitCode = 2;
    return;
  }
  const plan = await planGemmaImport(db, data);
  for (const c of plan.changes)
    console.log(
      planLine(c.action, `${c.kind} ${c.name} (${c.id})${c.fields.length ? ` – ${c.fields.join(', ')}` : ''}`),
    );
  console.log(
    `\n${plan.changes.filter((c) => c.action === 'ADD').length} toevoegen, ${plan.changes.filter((c) => c.action === 'CHANGE').length} wijzigen, ${plan.unchanged} ongewijzigd; ` +
      `standaardkoppelingen +${plan.links.added} −${plan.links.removed}, stromen +${plan.flows.added} −${plan.flows.removed}.`,
  );
  if (apply) {
    await applyGemmaImport(db, plan, { label: 'opdrachtregel' }, path.basename(path.resolve(dir)));
    console.log('Ingelezen.');
  } else console.log('Proefrun: er is niets veranderd. Voeg --apply toe om in te lezen.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
