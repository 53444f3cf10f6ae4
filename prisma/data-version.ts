// The data versions: one hub-wide number that goes up in every transaction that changes data, and one per part of the
// data (DataScopeVersion: `shared`, and `org:<slug>` per organisation) that goes up with the changes to that part, so
// that caches on every instance can tell whether what they hold is still current, and an answer that read only some
// parts stays cached across changes to the others.
import { type Database, type Db, join, sql } from './client.ts';

const VERSION_ROW = 1;
/** Everything that is not one organisation's own landscape: the catalogue, organisations, users, GEMMA, BIO2... */
export const SHARED_SCOPE = 'shared';
/** The hub-wide version, as a pseudo-scope of a stamp (it is not a DataScopeVersion row). */
export const GLOBAL_SCOPE = '*';
/** An organisation's own usages, koppelingen, migrations and capacity. */
export const organisationScope = (slug: string) => `org:${slug}`;

type Client = Pick<Db, 'dataVersion' | 'dataScopeVersion'>;

/**
 * Raises the hub-wide version and those of `scopes` inside the caller's transaction. The hub-wide row is written first
 * by every change, so concurrent changes queue on it and never lock scope rows in opposite orders.
 */
export async function bumpDataVersion(tx: Client, scopes: readonly string[] = [SHARED_SCOPE]): Promise<void> {
  await tx.dataVersion.upsert({
    where: { id: VERSION_ROW },
    create: { id: VERSION_ROW, version: 1 },
    update: { version: { increment: 1 } },
  });
  for (const scope of [...new Set(scopes)].sort())
    await tx.dataScopeVersion.upsert({
      where: { scope },
      create: { scope, version: 1 },
      update: { version: { increment: 1 } },
    });
}

/** The current data version: one primary-key lookup, since every request makes it; from a read replica when there are any. */
export async function readDataVersion(db: Pick<Database, 'hotRead'>): Promise<number> {
  return (await readVersions(db, [GLOBAL_SCOPE])).get(GLOBAL_SCOPE) ?? 0;
}

/** The versions of `scopes` (GLOBAL_SCOPE for the hub-wide one) in one statement; a scope never raised is at 0. */
export async function readVersions(
  db: Pick<Database, 'hotRead'>,
  scopes: readonly string[],
): Promise<Map<string, number>> {
  const named = scopes.filter((s) => s !== GLOBAL_SCOPE);
  const parts = [];
  if (named.length < scopes.length)
    parts.push(sql`SELECT '*' AS "scope", "version" FROM "DataVersion" WHERE "id" = ${VERSION_ROW}`);
  if (named.length)
    parts.push(sql`SELECT "scope", "version" FROM "DataScopeVersion" WHERE "scope" IN (${join(named)})`);
  const versions = new Map(scopes.map((s) => [s, 0]));
  if (!parts.length) return versions;
  const rows = await db.hotRead<{ scope: string; version: number | bigint }>(join(parts, ' UNION ALL '), {
    replica: true,
  });
  for (const row of rows) versions.set(row.scope, Number(row.version));
  return versions;
}
