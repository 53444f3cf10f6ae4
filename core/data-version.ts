// The data version as one request sees it: read once, on first use, and shared by everything the request caches
// (pages, answers, the search index); read again after the request changed data.
import type { Database } from '#prisma/client.ts';
import { readDataVersion } from '#prisma/data-version.ts';
import type { Context, DataVersionMemo } from './context.ts';

/** A memo of the data version of `db`: one primary-key lookup for the whole request, another only after `forget`. */
export function dataVersionMemo(db: Pick<Database, 'hotRead'>): DataVersionMemo {
  let version: Promise<number> | undefined;
  return {
    read() {
      // A failed read is not kept: the next use tries again.
      version ??= readDataVersion(db).catch((error: unknown) => {
        version = undefined;
        throw error;
      });
      return version;
    },
    forget() {
      version = undefined;
    },
  };
}

/** The request's data version, from its memo (made here if the context has none yet). */
export function requestDataVersion(context: Pick<Context, 'db' | 'dataVersion'>): Promise<number> {
  context.dataVersion ??= dataVersionMemo(context.db);
  return context.dataVersion.read();
}
