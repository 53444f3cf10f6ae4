// The version the search index is kept at: the version of what it reads (the catalogue, organisations, GEMMA: the
// shared part of the data, prisma/data-version.ts), so a change to an organisation's landscape does not make it look
// for changes. Every version rule of the index is here and nowhere else.
import { SHARED_SCOPE } from '#prisma/data-version.ts';
import type { Context } from './context.ts';
import { requestVersions } from './data-version.ts';

/** The version of the data the search index reads, as the request sees it; it only ever goes up. */
export async function searchIndexVersion(context: Pick<Context, 'db' | 'dataVersion'>): Promise<number> {
  return requestVersions(context).version(SHARED_SCOPE);
}
