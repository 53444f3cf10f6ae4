// Caches that stay correct after a mutation, on every instance: each is keyed by the database's data version, which
// every transaction that changes data raises together with its audit event. An instance reads the version (one
// primary-key lookup) and so never serves what another instance has since changed.
import { type DocumentNode, getOperationAST, Kind, print } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Database } from '../prisma/client.ts';
import { readDataVersion } from '../prisma/data-version.ts';
import type { Context } from './context.ts';

/** The current data version. */
export const dataVersion = (db: Database) => readDataVersion(db.prisma);

/** Caching can be switched off (GRONDPLAN_CACHE=off), e.g. to measure the uncached path. */
export const cachingEnabled = () => process.env.GRONDPLAN_CACHE !== 'off';

/**
 * A bounded map of computed results (sizes in characters of their JSON), per database: entries of an older data
 * version are never read again and age out.
 */
export function versionedCache<V extends {}>(maxSize: number, sizeOf: (value: V) => number = (v) => JSON.stringify(v).length) {
  const caches = new WeakMap<Database, LRUCache<string, V>>();
  return {
    async get(db: Database, key: string, compute: () => Promise<V>, version?: number): Promise<V> {
      if (!cachingEnabled()) return compute();
      const current = version ?? (await dataVersion(db));
      let cache = caches.get(db);
      if (!cache) {
        cache = new LRUCache<string, V>({ maxSize, sizeCalculation: (value) => Math.max(1, sizeOf(value)) });
        caches.set(db, cache);
      }
      const versionedKey = `${current}\u0000${key}`;
      const hit = cache.get(versionedKey);
      if (hit !== undefined) return hit;
      const value = await compute();
      // Kept only if nothing changed meanwhile as this source sees it (with read replicas, it may be another replica).
      if (version !== undefined || (await dataVersion(db)) === current) cache.set(versionedKey, value);
      return value;
    },
  };
}

/**
 * Answers to read-only operations, per viewer, data version and day (some figures count from today). Operations on
 * `viewer` are left out: a token's last use changes without a data change.
 */
const answers = versionedCache<{ data?: unknown; errors?: unknown }>(48_000_000);

function cacheableOperation(document: DocumentNode, operationName?: string | null): boolean {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (operation?.operation !== 'query') return false;
  return !operation.selectionSet.selections.some((s) => s.kind !== Kind.FIELD || s.name.value === 'viewer' || s.name.value.startsWith('__'));
}

const printed = new WeakMap<DocumentNode, string>();
const textOf = (document: DocumentNode) => {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
};

/** Runs `run` or returns its cached answer; only answers without errors are kept. */
export async function cachedAnswer<R extends { data?: unknown; errors?: readonly unknown[] }>(
  context: Context,
  document: DocumentNode,
  variables: unknown,
  operationName: string | null | undefined,
  run: () => Promise<R>,
): Promise<R> {
  if (!cachingEnabled() || !cacheableOperation(document, operationName)) return run();
  const key = [
    context.viewer?.userId ?? '-',
    new Date().toISOString().slice(0, 10),
    operationName ?? '',
    textOf(document),
    JSON.stringify(variables ?? {}),
  ].join('\u0000');
  let fresh: R | null = null;
  const answer = await answers
    .get(context.db, key, async () => {
      fresh = await run();
      // An answer with errors is passed on but not kept: a later request tries again.
      if (fresh.errors?.length) throw new UncachedAnswer(fresh);
      return fresh;
    })
    .catch((error: unknown) => {
      if (error instanceof UncachedAnswer) return error.answer;
      throw error;
    });
  return (fresh ?? answer) as R;
}

class UncachedAnswer extends Error {
  readonly answer: { data?: unknown; errors?: readonly unknown[] };
  constructor(answer: { data?: unknown; errors?: readonly unknown[] }) {
    super('not cached');
    this.answer = answer;
  }
}
