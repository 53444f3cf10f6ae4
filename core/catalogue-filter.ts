// The public catalogue's search and filters over products, as one Prisma `where`: text (name, supplier, description),
// architecture class, Common Ground layer, open source, supplier, GEMMA reference component and standard supported.
import type { Architecture, LayerName } from './analysis.ts';

export interface ProductFilter {
  search?: string | null | undefined;
  /** Exactly this name (the usage form resolves a typed name with it). */
  name?: string | null | undefined;
  architecture?: Architecture | null | undefined;
  layer?: LayerName | null | undefined;
  /** true: open source only, false: closed source only. */
  openSource?: boolean | null | undefined;
  /** The supplier's slug. */
  supplier?: string | null | undefined;
  /** A GEMMA reference component's object id: products that realise it. */
  referenceComponent?: string | null | undefined;
  /** A GEMMA standard's object id: products that support it. */
  standard?: string | null | undefined;
  /** Only these products (by slug), as the comparison asks. */
  slugs?: readonly string[] | null | undefined;
}

/**
 * Whether a search text holds a character LIKE reads as a pattern (`%`, `_`) or escape (`\`). Prisma's `contains`
 * passes them on unescaped (SQLite: `LIKE ('%' || ? || '%')`, with no ESCAPE clause to escape them by), so `%` would
 * match everything: such a text is searched literally instead (textMatches), by position, not by pattern.
 */
export const hasLikeWildcard = (search: string | null | undefined) => /[%_\\]/.test(search?.trim() ?? '');

/**
 * The `where` of Prisma's product queries for the filter; an empty filter is every product. A search text with a LIKE
 * wildcard (hasLikeWildcard) takes the ids of the products that hold it literally, found beforehand (`textMatches`).
 */
export function productWhere(
  filter: ProductFilter,
  provider: 'sqlite' | 'postgres',
  textMatches?: readonly string[] | null,
) {
  const name = filter.name?.trim();
  const search = filter.search?.trim();
  if (search && hasLikeWildcard(search) && !textMatches)
    throw new Error('A search text with a LIKE wildcard is searched by the ids that hold it (textMatches).');
  const literal = search && textMatches ? { id: { in: [...textMatches] } } : undefined;
  // SQLite's LIKE ignores ASCII case by itself; PostgreSQL needs Prisma's insensitive mode.
  const contains =
    search && !literal
      ? provider === 'postgres'
        ? { contains: search, mode: 'insensitive' as const }
        : { contains: search }
      : undefined;
  const isSet = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined && value !== '';
  return {
    ...(filter.architecture ? { architecture: filter.architecture } : {}),
    ...(name ? { name } : {}),
    ...(isSet(filter.openSource) ? { openSource: filter.openSource } : {}),
    ...(filter.layer ? { layers: { some: { layer: filter.layer } } } : {}),
    ...(isSet(filter.supplier) ? { supplier: { slug: filter.supplier } } : {}),
    ...(isSet(filter.referenceComponent)
      ? { referenceComponents: { some: { referenceComponentId: filter.referenceComponent } } }
      : {}),
    ...(isSet(filter.standard) ? { standards: { some: { standardId: filter.standard } } } : {}),
    ...(filter.slugs ? { slug: { in: [...filter.slugs] } } : {}),
    ...(contains ? { OR: [{ name: contains }, { supplier: { name: contains } }, { description: contains }] } : {}),
    ...(literal ? { AND: [literal] } : {}),
  };
}
