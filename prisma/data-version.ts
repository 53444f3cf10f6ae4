// The data version: one row whose number goes up in every transaction that changes data, so that caches on every
// instance can tell whether what they hold is still current.
import type { Db } from './client.ts';

const VERSION_ROW = 1;
type Client = Pick<Db, 'dataVersion'>;

/** Raises the data version inside the caller's transaction. */
export async function bumpDataVersion(tx: Client): Promise<void> {
  await tx.dataVersion.upsert({ where: { id: VERSION_ROW }, create: { id: VERSION_ROW, version: 1 }, update: { version: { increment: 1 } } });
}

/** The current data version (one primary-key lookup). */
export async function readDataVersion(client: Client): Promise<number> {
  const row = await client.dataVersion.findUnique({ where: { id: VERSION_ROW }, select: { version: true } });
  return row?.version ?? 0;
}
