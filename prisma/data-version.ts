// The data version: one row whose number goes up in every transaction that changes data, so that caches on every
// instance can tell whether what they hold is still current.
import { type Database, type Db, sql } from './client.ts';

const VERSION_ROW = 1;
type Client = Pick<Db, 'dataVersion'>;

/** Raises the data version inside the caller's transaction. */
export async function bumpDataVersion(tx: Client): Promise<void> {
  await tx.dataVersion.upsert({
    where: { id: VERSION_ROW },
    create: { id: VERSION_ROW, version: 1 },
    update: { version: { increment: 1 } },
  });
}

/** The current data version: one primary-key lookup, since every request makes it; from a read replica when there are any. */
export async function readDataVersion(db: Pick<Database, 'hotRead'>): Promise<number> {
  const [row] = await db.hotRead<{ version: number | bigint }>(
    sql`SELECT "version" FROM "DataVersion" WHERE "id" = ${VERSION_ROW}`,
    { replica: true },
  );
  return Number(row?.version ?? 0);
}
