// Brings the configured database up to date: pending migrations, then the curated content on an empty database.

import { ensureFirstAdmin } from '#core/users.ts';
import { openDatabase } from '#prisma/client.ts';
import { databaseUrl, providerOf } from '#prisma/database.ts';
import { applyPendingMigrations } from '#prisma/migrate.ts';
import { seedIfEmpty } from '#prisma/seed/seed.ts';

export async function prepareDatabase({ seed = true } = {}): Promise<void> {
  const url = databaseUrl();
  const applied = await applyPendingMigrations(url);
  console.log(
    `Database (${providerOf(url)}): ${applied.length ? `applied ${applied.join(', ')}` : 'migrations up to date'}`,
  );
  if (!seed) return;
  const db = await openDatabase(url);
  try {
    const report = await seedIfEmpty(db.prisma);
    if (report)
      console.log(
        `Empty database seeded from content/: ${report.organisations} organisations, ${report.usages} usages, ${report.interfaces} koppelingen.`,
      );
    const admin = await ensureFirstAdmin(db);
    if (admin) {
      console.log('\n  Eerste beheerder aangemaakt. Dit wachtwoord wordt maar één keer getoond:');
      console.log(`    e-mail:     ${admin.email}`);
      console.log(`    wachtwoord: ${admin.password}`);
      console.log('  Het is eenmalig: bij de eerste keer inloggen kies je een eigen wachtwoord.\n');
    }
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await prepareDatabase({ seed: !process.argv.includes('--no-seed') });
}
