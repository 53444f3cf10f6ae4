// The audit trail's changes that changed nothing but private fields (core/privacy.ts onlyPrivateFields): a reader who
// may not see those fields does not see such a change at all, on any path (the list, its count, node, nodes). Found by
// one text search of the trail per data version, kept for every reader; each reader then leaves out the ones of the
// organisations whose private fields it may not see.
import type { Context } from '#core/context.ts';
import { maySeePrivate, onlyPrivateFields, PRIVATE_MODELS } from '#core/privacy.ts';
import { versionedCache } from './cache.ts';

interface PrivateOnlyEvent {
  id: string;
  entityType: string;
  entityId: string;
  organisationId: string | null;
  slug: string | null;
}

const found = versionedCache<PrivateOnlyEvent[]>(8_000_000, (events) => 1 + events.length * 120);

/** Whether this recorded change is one the reader may not see at all: only private fields it may not see. */
export function privateOnlyFor(
  ctx: Context,
  e: { entityType: string; organisationId: string | null; changes: string },
): boolean {
  if (maySeePrivate(ctx.viewer, e.entityType, e.organisationId)) return false;
  return onlyPrivateFields(e.entityType, Object.keys(JSON.parse(e.changes) as object));
}

/**
 * Every private-only change of the trail, once per data version: the text search finds the changes that name a
 * private field (a private field's name followed by a colon is only ever a key of the changes), the parse keeps those
 * that name nothing else.
 */
function privateOnlyEvents(ctx: Context): Promise<PrivateOnlyEvent[]> {
  return found.get(ctx, 'private-only', async () => {
    const rows = await ctx.db.prisma.auditEvent.findMany({
      where: {
        OR: PRIVATE_MODELS.flatMap(({ model, fields }) =>
          fields.map((field) => ({ entityType: model, changes: { contains: `"${field}":` } })),
        ),
      },
      select: {
        id: true,
        entityType: true,
        entityId: true,
        organisationId: true,
        changes: true,
        organisation: { select: { slug: true } },
      },
    });
    return rows
      .filter((r) => onlyPrivateFields(r.entityType, Object.keys(JSON.parse(r.changes) as object)))
      .map((r) => ({
        id: r.id,
        entityType: r.entityType,
        entityId: r.entityId,
        organisationId: r.organisationId,
        slug: r.organisation?.slug ?? null,
      }));
  });
}

/**
 * The ids of the private-only changes this reader may not see, as a where-clause that leaves them out; narrowed to the
 * organisation and entities the list asks for, so the clause stays as short as the page it filters.
 */
export async function withoutPrivateOnly(
  ctx: Context,
  narrow: { organisation?: string | null | undefined; entityIds?: readonly string[] | undefined },
): Promise<{ NOT?: { id: { in: string[] } } }> {
  const ids = (await privateOnlyEvents(ctx))
    .filter(
      (e) =>
        (!narrow.organisation || e.slug === narrow.organisation) &&
        (!narrow.entityIds || narrow.entityIds.includes(e.entityId)) &&
        !maySeePrivate(ctx.viewer, e.entityType, e.organisationId),
    )
    .map((e) => e.id);
  return ids.length ? { NOT: { id: { in: ids } } } : {};
}
