// Caches that stay correct after a mutation, on every instance: each is keyed by the database's data versions, which
// every transaction that changes data raises together with its audit event: the hub-wide one, or for an answer whose
// query reads only some organisations' landscapes (graphql/operation-scope.ts) those organisations' and the shared
// data's. An instance reads the versions (one primary-key lookup) and so never serves what another instance has since
// changed, while a change in one organisation leaves the others' answers cached.
import { type DocumentNode, getOperationAST, Kind, print } from 'graphql';
import { LRUCache } from 'lru-cache';
import pLimit, { type LimitFunction } from 'p-limit';
import { type CacheCounts, cacheCounts } from '#core/cache-counts.ts';
import { cachingEnabled } from '#core/config.ts';
import type { Context } from '#core/context.ts';
import { requestStamp, requestVersions } from '#core/data-version.ts';
import { todayIso } from '#core/dates.ts';
import { visibilityKey } from '#core/privacy.ts';
import type { Database } from '#prisma/client.ts';
import { GLOBAL_SCOPE, readDataVersion, SHARED_SCOPE } from '#prisma/data-version.ts';
import { operationScopes } from './operation-scope.ts';

/** The current data version, read now (a request reads it through its memo: core/data-version.ts). */
export const dataVersion = (db: Database) => readDataVersion(db);

/**
 * A bounded map of computed results (sizes in characters of their JSON), per database: entries of older data versions
 * are never read again and age out. The versions are the request's (each read once per request) of `scopes` (the
 * hub-wide version unless the caller knows what `compute` reads); every statement of `compute` runs after they were
 * read, so a kept value is never older than its key.
 */
export function versionedCache<V extends {}>(
  maxSize: number,
  sizeOf: (value: V) => number = (v) => JSON.stringify(v).length,
  /** Counted here when given: how often a value was found, shared with a computation under way, computed and kept, or not kept. */
  counts?: CacheCounts,
) {
  const caches = new WeakMap<Database, LRUCache<string, V>>();
  // Computations under way, by versioned key: concurrent requests for the same answer at the same versions wait for one.
  const computing = new WeakMap<Database, Map<string, Promise<V>>>();
  return {
    async get(
      context: Pick<Context, 'db' | 'dataVersion'>,
      key: string,
      compute: () => Promise<V>,
      scopes: readonly string[] = [GLOBAL_SCOPE],
    ): Promise<V> {
      if (!cachingEnabled()) return compute();
      const current = await requestStamp(context, scopes);
      let cache = caches.get(context.db);
      if (!cache) {
        cache = new LRUCache<string, V>({ maxSize, sizeCalculation: (value) => Math.max(1, sizeOf(value)) });
        caches.set(context.db, cache);
      }
      const versionedKey = `${current}\u0000${key}`;
      const hit = cache.get(versionedKey);
      if (hit !== undefined) {
        if (counts) counts.found++;
        return hit;
      }
      let flights = computing.get(context.db);
      if (!flights) {
        flights = new Map();
        computing.set(context.db, flights);
      }
      const flight = flights.get(versionedKey);
      if (flight) {
        // Another request computes it from the same versions; if that fails (or is not to be kept), compute here.
        const shared = await flight.then(
          (value) => value,
          () => undefined,
        );
        if (shared !== undefined) {
          if (counts) counts.shared++;
          return shared;
        }
        // Computed here and not kept, as that one was not.
        if (counts) counts.uncached++;
        return compute();
      }
      const running = compute();
      flights.set(versionedKey, running);
      let kept = false;
      try {
        const value = await running;
        // Kept unless the request itself changed data meanwhile (then its memo was forgotten and the versions read again).
        if (requestVersions(context).unchanged() && (await requestStamp(context, scopes)) === current) {
          cache.set(versionedKey, value);
          kept = true;
        }
        return value;
      } finally {
        flights.delete(versionedKey);
        if (counts) counts[kept ? 'computed' : 'uncached']++;
      }
    },
  };
}

/**
 * Answers to read-only operations as their JSON text, per viewer and what it may see, data version and day (some figures count from
 * today). Text rather than objects: a hit is sent without serialising again, the size bound (two bytes a character at
 * most) is a real bound on memory, and one string costs the garbage collector nothing to trace. Operations on
 * `viewer`, `invitation`, `passwordReset`, `secondStep` and `ssoPendingLink` are left out (UNCACHED_FIELDS).
 */
const answers = versionedCache<string>(24_000_000, (text) => text.length * 2, cacheCounts.answers);

/** Root fields whose answers change without a data change: a token's last use, a one-time link or a sign-in's second step running out. */
const UNCACHED_FIELDS: ReadonlySet<string> = new Set([
  'viewer',
  'invitation',
  'passwordReset',
  'secondStep',
  'ssoPendingLink',
]);

/** A query, which changes no data; anything else (a mutation, or a document whose operation is unclear) may. */
function isQuery(document: DocumentNode, operationName?: string | null): boolean {
  return getOperationAST(document, operationName ?? undefined)?.operation === 'query';
}

function cacheableOperation(document: DocumentNode, operationName?: string | null): boolean {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (operation?.operation !== 'query') return false;
  return !operation.selectionSet.selections.some(
    (s) => s.kind !== Kind.FIELD || UNCACHED_FIELDS.has(s.name.value) || s.name.value.startsWith('__'),
  );
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

interface Result {
  data?: unknown;
  errors?: readonly unknown[];
}

/** An answer: the result as executed now (its text too when it was kept), or only its JSON text from the cache. */
export interface Answer<R extends Result> {
  result: R | null;
  text: string | null;
}

/**
 * Queries computed at once per database. Each query holds its rows, objects and text until answered: under a burst of
 * different uncached reads, more at once would not finish sooner on a machine's few cores but would hold more memory and
 * database connections (and starve the writes of connections). Mutations are not held back.
 */
const QUERIES_AT_ONCE = 4;
const limiters = new WeakMap<Database, LimitFunction>();
function limited<T>(db: Database, run: () => Promise<T>): Promise<T> {
  let limit = limiters.get(db);
  if (!limit) {
    limit = pLimit(QUERIES_AT_ONCE);
    limiters.set(db, limit);
  }
  return limit(run);
}

/** Runs `run` or finds its answer in the cache; only answers without errors are kept. */
export async function cachedAnswer<R extends Result>(
  context: Context,
  document: DocumentNode,
  variables: unknown,
  operationName: string | null | undefined,
  run: () => Promise<R>,
): Promise<Answer<R>> {
  if (!isQuery(document, operationName)) {
    // A mutation may change data: what the request reads afterwards reads the data version again.
    try {
      return { result: await run(), text: null };
    } finally {
      context.dataVersion?.forget();
    }
  }
  const cacheable = cacheableOperation(document, operationName);
  // What the answer reads, recorded for the page that asks (site/lib/page-cache.ts): a page is kept against the versions
  // of the parts its answers read.
  const organisations = cacheable
    ? operationScopes(document, variables as Record<string, unknown>, operationName)
    : null;
  const scopes = organisations ? [SHARED_SCOPE, ...organisations] : null;
  requestVersions(context).depend(scopes);
  if (!cachingEnabled()) return { result: await limited(context.db, run), text: null };
  if (!cacheable) {
    cacheCounts.answers.uncached++;
    return { result: await limited(context.db, run), text: null };
  }
  const key = [
    // What the viewer may see (user, memberships and roles, instance administration), not only who it is.
    visibilityKey(context.viewer),
    todayIso(),
    operationName ?? '',
    textOf(document),
    JSON.stringify(variables ?? {}),
  ].join('\u0000');
  const ran: { result: R | null } = { result: null };
  const text = await answers
    .get(
      context,
      key,
      async () => {
        const result = await limited(context.db, run);
        ran.result = result;
        // An answer with errors is passed on but not kept: a later request tries again.
        if (result.errors?.length) throw new UncachedAnswer();
        return JSON.stringify(result);
      },
      scopes ?? [GLOBAL_SCOPE],
    )
    .catch((error: unknown) => {
      if (error instanceof UncachedAnswer) return null;
      throw error;
    });
  return { result: ran.result, text };
}

/** The answer as a result object: parsed from its text when it came from the cache. */
export function resultOf<R extends Result>(answer: Answer<R>): R {
  if (answer.result) return answer.result;
  if (answer.text === null) throw new Error('An answer without result or text.');
  return JSON.parse(answer.text) as R;
}

class UncachedAnswer extends Error {
  constructor() {
    super('not cached');
  }
}
