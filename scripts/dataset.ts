// `npm run dataset -- --scale <boce|dimpact|national> [--seed N] [--replace]`: fills the configured database (SQLite or
// PostgreSQL) with a deterministic synthetic landscape on top of the sample content. --replace empties the database first.
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '#prisma/client.ts';
import { databaseUrl, providerOf, sqliteFile } from '#prisma/database.ts';
import { generateDataset, SCALES, type Scale } from '#prisma/dataset.ts';
import { SYNTHETIC } from '#prisma/dataset-rows.ts';
import { prepareDatabase } from './prepare-db.ts';

const usage = 'Gebruik: npm run dataset -- --scale <boce|dimpact|national> [--seed N] [--replace]';

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'dimpact' },
      seed: { type: 'string', default: '1' },
      replace: { type: 'boolean', default: false },
    },
  });
  const scale = values.scale as Scale;
  const seed = Number(values.seed);
  if (!(scale in SCALES) || !Number.isInteger(seed)) throw new Error(usage);
  const url = databaseUrl();
  if (values.replace) await emptyDatabase(url);
  const started = performance.now();
  await prepareDatabase();
  const db = await openDatabase(url);
  try {
    if (await db.prisma.organisation.findFirst({ where: { id: { startsWith: SYNTHETIC } }, select: { id: true } }))
      throw new Error(
        'Deze database heeft al een synthetisch landschap. Voeg --replace toe om de database eerst leeg te maken.',
      );
    const generating = performance.now();
    const report = await generateDataset(db, scale, seed, (step) =>
      console.log(`  ${step} (${((performance.now() - generating) / 1000).toFixed(1)} s)`),
    );
    const seconds = (performance.now() - generating) / 1000;
    console.log(
      `Schaal ${scale} (seed ${seed}) in ${seconds.toFixed(1)} s geladen (${((performance.now() - started) / 1000).toFixed(1)} s met migraties en voorbeeldinhoud):`,
    );
    console.log(
      `  ${report.organisations} organisaties, ${report.suppliers} leveranciers, ${report.products} pakketten, ${report.usages} gebruik, ` +
        `${report.interfaces} koppelingen, ${report.migrations} migraties, ${report.capacity} capaciteitscellen, ${report.auditEvents} wijzigingen.`,
    );
  } finally {
    await db.close();
  }
}

/** Starts over: the SQLite file is removed, PostgreSQL's public schema dropped; migrations and seed run again after. */
async function emptyDatabase(url: string) {
  if (providerOf(url) === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${sqliteFile(url)}${suffix}`, { force: true });
    return;
  }
  const db = await openDatabase(url);
  try {
    await db.prisma.$executeRawUnsafe('DROP SCHEMA public CASCADE');
    await db.prisma.$executeRawUnsafe('CREATE SCHEMA public');
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
