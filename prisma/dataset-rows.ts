// How the synthetic dataset is written: ids, roles and quarters, a seeded random generator, fixed timestamps, and
// multi-row inserts of plain rows.
import type { Database } from './client.ts';

/** Every synthetic row's id starts with this, so the data is recognisable and never collides with the seed's cuids. */
export const SYNTHETIC = 'syn-';

export const ROLES = [
  'FUNCTIONAL_MANAGEMENT',
  'APPLICATION_MANAGEMENT',
  'TECHNICAL_MANAGEMENT',
  'INFORMATION_MANAGEMENT',
  'ARCHITECTURE',
  'INFORMATION_SECURITY',
  'PRIVACY',
] as const;
export const LAYERS = ['INTERACTION', 'PROCESS', 'INTEGRATION', 'SERVICE', 'DATA'] as const;
export const QUARTERS = [2026, 2027, 2028, 2029].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`));
export const NOW = Date.UTC(2026, 10, 29);
export const DAY = 86_400_000;

/** mulberry32: small, fast and the same on every machine. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Calendar quarters a period touches, as 2027-Q1. */
export function quartersBetween(start: Date, end: Date): string[] {
  const index = (d: Date) => d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
  const out: string[] = [];
  for (let i = index(start); i <= index(end); i++) out.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return out;
}

/** Creation and change times of synthetic rows: one fixed moment, so that a seed gives the same data every time. */
export const stamped = <T extends object>(rows: T[]) =>
  rows.map((r) => ({ ...r, createdAt: new Date(NOW - 400 * DAY), updatedAt: new Date(NOW - 30 * DAY) }));

/**
 * Multi-row INSERTs straight through the driver adapter: ten times faster than createMany for a million rows. Values
 * are written the way Prisma writes them (SQLite: ISO dates with +00:00 and 0/1; PostgreSQL: its own types).
 */
export async function bulkInsert(db: Database, model: string, rows: Record<string, unknown>[]) {
  const [first] = rows;
  if (!first) return;
  const table = model.charAt(0).toUpperCase() + model.slice(1);
  const columns = Object.keys(first);
  const sqlite = db.provider === 'sqlite';
  const value = (v: unknown) =>
    v instanceof Date
      ? sqlite
        ? v.toISOString().replace('Z', '+00:00')
        : v.toISOString()
      : typeof v === 'boolean' && sqlite
        ? Number(v)
        : (v ?? null);
  const perStatement = Math.floor(30_000 / columns.length);
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    let n = 0;
    const tuples = chunk.map(() => `(${columns.map(() => (sqlite ? '?' : `$${++n}`)).join(',')})`);
    const params = chunk.flatMap((r) => columns.map((c) => value(r[c])));
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${tuples.join(',')}`,
      ...params,
    );
  }
}

/** The seeded draws and the writer every part of the dataset uses. */
export interface Draw {
  insert: (table: string, rows: Record<string, unknown>[]) => Promise<void>;
  rnd: () => number;
  pick: <T>(list: readonly T[]) => T;
  between: (lo: number, hi: number) => number;
  day: (offset: number) => Date;
}
