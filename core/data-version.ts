// The data versions as one request sees them: each read once, on first use, and shared by everything the request
// caches (pages, answers, the search index); read again after the request changed data. The memo also records what
// the request's answers read (core/operation scopes), so that a page is kept against the versions of just those parts.
import type { Database } from '#prisma/client.ts';
import { GLOBAL_SCOPE, readVersions } from '#prisma/data-version.ts';
import type { Context, DataVersionMemo } from './context.ts';

/** A memo of the data versions of `db`: one statement per set of scopes first used, another only after `forget`. */
export function dataVersionMemo(db: Pick<Database, 'hotRead'>): DataVersionMemo {
  let versions = new Map<string, Promise<number>>();
  let changed = false;
  let recorded: Set<string> | null | undefined;
  const readAll = (scopes: readonly string[]) => {
    const missing = [...new Set(scopes)].filter((s) => !versions.has(s));
    if (missing.length) {
      const held = versions;
      const read = readVersions(db, missing);
      for (const scope of missing) {
        const one = read.then((map) => map.get(scope) ?? 0);
        // A failed read is not kept: the next use tries again.
        one.catch(() => {
          if (held.get(scope) === one) held.delete(scope);
        });
        held.set(scope, one);
      }
    }
    return Promise.all(scopes.map((s) => versions.get(s) as Promise<number>));
  };
  return {
    async read() {
      const [version] = await readAll([GLOBAL_SCOPE]);
      return version ?? 0;
    },
    async version(scope) {
      const [version] = await readAll([scope]);
      return version ?? 0;
    },
    async stamp(scopes) {
      const sorted = [...new Set(scopes)].sort();
      const values = await readAll(sorted);
      return sorted.map((s, i) => `${s}=${values[i]}`).join(',');
    },
    forget() {
      versions = new Map();
      changed = true;
    },
    depend(scopes) {
      if (recorded === null) return;
      if (scopes === null) recorded = null;
      else {
        recorded ??= new Set();
        for (const s of scopes) recorded.add(s);
      }
    },
    dependencies() {
      return recorded ? [...recorded].sort() : null;
    },
    unchanged() {
      return !changed;
    },
  };
}

/** The request's memo of data versions (made here if the context has none yet). */
export function requestVersions(context: Pick<Context, 'db' | 'dataVersion'>): DataVersionMemo {
  context.dataVersion ??= dataVersionMemo(context.db);
  return context.dataVersion;
}

/** The request's hub-wide data version, from its memo. */
export function requestDataVersion(context: Pick<Context, 'db' | 'dataVersion'>): Promise<number> {
  return requestVersions(context).read();
}

/** The request's stamp of `scopes`, from its memo. */
export function requestStamp(context: Pick<Context, 'db' | 'dataVersion'>, scopes: readonly string[]): Promise<string> {
  return requestVersions(context).stamp(scopes);
}
