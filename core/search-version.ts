// The version the search index is kept at: the version of what it reads (the catalogue, organisations, GEMMA), so a
// change elsewhere does not make it look for changes. For now the hub-wide data version; every version rule of the
// index is here and nowhere else.
import type { Context } from './context.ts';
import { requestDataVersion } from './data-version.ts';

/** The version of the data the search index reads, as the request sees it; it only ever goes up. */
export async function searchIndexVersion(context: Pick<Context, 'db' | 'dataVersion'>): Promise<number> {
  return requestDataVersion(context);
}
