// Hub-wide figures as the sum of every organisation's own, each kept against that organisation's part of the data
// (prisma/data-version.ts): after an edit in one organisation its share is computed again, from its own usages only,
// and the hub's figure is the sum of 400 kept shares instead of a pass over every usage in the country.
import { LRUCache } from 'lru-cache';
import { cachingEnabled } from '#core/config.ts';
import type { Context } from '#core/context.ts';
import { requestStamp, requestVersions } from '#core/data-version.ts';
import type { Database } from '#prisma/client.ts';
import { organisationScope, SHARED_SCOPE } from '#prisma/data-version.ts';
import { versionedCache } from './cache.ts';

interface Member {
  id: string;
  slug: string;
}

const organisationList = versionedCache<Member[]>(400_000);

/** Shares computed since the start, for tests: a change in one organisation computes its share alone. */
export const shareWork = { computed: 0 };

/** Every organisation's id and slug, kept against the shared part (an organisation added or renamed raises it). */
function organisations(ctx: Context): Promise<Member[]> {
  return organisationList.get(
    ctx,
    'organisations',
    () => ctx.db.prisma.organisation.findMany({ select: { id: true, slug: true }, orderBy: { id: 'asc' } }),
    [SHARED_SCOPE],
  );
}

/**
 * A kept share per organisation of one kind of figure. `compute` gets the ids of the organisations whose share is not
 * kept at their current version and answers their shares (one statement for all of them); every organisation's share
 * comes back in the order of the organisations.
 */
export function shares<S extends {}>(maxSize: number, sizeOf: (share: S) => number) {
  const caches = new WeakMap<Database, LRUCache<string, S>>();
  return async function all(
    ctx: Context,
    key: string,
    compute: (organisationIds: string[]) => Promise<Map<string, S>>,
    none: S,
  ): Promise<{ organisationId: string; share: S }[]> {
    const members = await organisations(ctx);
    if (!cachingEnabled()) {
      const computed = await compute(members.map((m) => m.id));
      return members.map((m) => ({ organisationId: m.id, share: computed.get(m.id) ?? none }));
    }
    // Every organisation's version and the shared one in one statement, before any share is read.
    const parts = (m: Member) => [SHARED_SCOPE, organisationScope(m.slug)];
    await requestStamp(ctx, [SHARED_SCOPE, ...members.map((m) => organisationScope(m.slug))]);
    const keys = await Promise.all(
      members.map(async (m) => `${await requestStamp(ctx, parts(m))}\u0000${key}\u0000${m.id}`),
    );
    let cache = caches.get(ctx.db);
    if (!cache) {
      cache = new LRUCache<string, S>({ maxSize, sizeCalculation: (share) => Math.max(1, sizeOf(share)) });
      caches.set(ctx.db, cache);
    }
    const held = keys.map((k) => cache.get(k));
    const missing = members.filter((_, i) => held[i] === undefined);
    const computed = missing.length ? await compute(missing.map((m) => m.id)) : new Map<string, S>();
    shareWork.computed += missing.length;
    // Kept unless the request itself changed data meanwhile.
    const keep = requestVersions(ctx).unchanged();
    return members.map((m, i) => {
      const share = held[i];
      if (share !== undefined) return { organisationId: m.id, share };
      const fresh = computed.get(m.id) ?? none;
      if (keep) cache.set(keys[i] ?? '', fresh);
      return { organisationId: m.id, share: fresh };
    });
  };
}
