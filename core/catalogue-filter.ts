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

/** The `where` of Prisma's product queries for the filter; an empty filter is every product. */
export function productWhere(filter: ProductFilter, provider: 'sqlite' | 'postgres') {
  const name = filter.name?.trim();
  const search = filter.search?.trim();
  // SQLite's LIKE ignores ASCII case by itself; PostgreSQL needs Prisma's insensitive mode.
  const contains = search
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
  };
}
