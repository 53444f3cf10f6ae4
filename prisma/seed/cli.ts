// `npm run db:seed`: migrates if needed, then (re)writes the curated content from content/.
import { openDatabase } from '../client.ts';
import { applyPendingMigrations } from '../migrate.ts';
import { ContentError } from './load.ts';
import { seed } from './seed.ts';

try {
  await applyPendingMigrations();
  const db = await openDatabase();
  const started = performance.now();
  const report = await seed(db.prisma);
  await db.close();
  console.log(`Seeded in ${Math.round(performance.now() - started)} ms:`, report);
} catch (error) {
  console.error(error instanceof ContentError ? error.message : error);
  process.exitCode = 1;
}
