// What search looks through: one document per product, supplier, organisation, reference component and standard, with every name it is known by.
import type { Database } from '#prisma/client.ts';
import type { SearchDocument } from './search.ts';
import { COMPONENT_SYNONYMS } from './search-synonyms.ts';
import { nameForms } from './search-words.ts';

export interface IndexedDocument extends SearchDocument {
  /** Every name the document is known by: its own (with the forms of nameForms) first, then its other names. */
  names: string[];
  /** Index in `names` of the first other name (aliases, the synonyms of a reference component); the names before it are its own. */
  ownNames: number;
  /** For products, suppliers and organisations: the row's id in the database. */
  dbId?: string;
  /** For products: the ids of the reference components they realise, and their supplier's id. */
  components?: string[];
  supplier?: string;
}

/**
 * The rows some documents are made of, by database id (GEMMA ids for components and standards): what a change touched.
 * A supplier brings its products along, since they show its name.
 */
export interface DocumentSelection {
  products: string[];
  suppliers: string[];
  organisations: string[];
  components: string[];
  standards: string[];
}

/**
 * Every document, or only those of `only`. A few thousand documents at national scale (no usages), so the index stays
 * small and quick to build.
 */
export async function documents(db: Database, only?: DocumentSelection): Promise<IndexedDocument[]> {
  const p = db.prisma;
  /** All rows, or those of the ids given (none read when there are none). */
  const some = <T>(ids: string[] | undefined, read: (where: { id?: { in: string[] } }) => Promise<T[]>) =>
    ids?.length === 0 ? Promise.resolve([]) : read(ids ? { id: { in: ids } } : {});
  // Flat reads, each one statement without joins; products meet their supplier and components here. All at once,
  // except that a selection's suppliers and links follow from its products.
  const select = { id: true, slug: true, name: true, aliases: true, supplierId: true } as const;
  const productRows = Promise.resolve(
    only
      ? only.products.length + only.suppliers.length
        ? p.product.findMany({
            where: { OR: [{ id: { in: only.products } }, { supplierId: { in: only.suppliers } }] },
            select,
          })
        : []
      : p.product.findMany({ select }),
  );
  const afterProducts = <T>(read: (rows: Awaited<typeof productRows>) => Promise<T>) =>
    only ? productRows.then(read) : read([]);
  const [products, suppliers, organisations, components, standards, realises] = await Promise.all([
    productRows,
    // A selection's products' suppliers too, for the name they show.
    afterProducts((rows) =>
      some(only && [...new Set([...only.suppliers, ...rows.map((x) => x.supplierId)])], (where) =>
        p.supplier.findMany({ where, select: { id: true, slug: true, name: true, aliases: true } }),
      ),
    ),
    some(only?.organisations, (where) =>
      p.organisation.findMany({ where, select: { id: true, slug: true, name: true } }),
    ),
    some(only?.components, (where) =>
      p.referenceComponent.findMany({ where, select: { id: true, name: true, group: true } }),
    ),
    some(only?.standards, (where) =>
      p.standard.findMany({ where, select: { id: true, name: true, maintainer: true } }),
    ),
    afterProducts((rows) =>
      some(only && rows.map((x) => x.id), (where) =>
        p.productReferenceComponent.findMany({
          where: where.id ? { productId: where.id } : {},
          select: { productId: true, referenceComponentId: true },
        }),
      ),
    ),
  ]);
  const supplierOf = new Map(suppliers.map((x) => [x.id, x]));
  const componentsOf = new Map<string, string[]>();
  for (const r of realises) {
    const list = componentsOf.get(r.productId);
    if (list) list.push(r.referenceComponentId);
    else componentsOf.set(r.productId, [r.referenceComponentId]);
  }
  const lines = (text: string) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const withOthers = (name: string, others: readonly string[]) => {
    const own = nameForms(name);
    return { names: [...own, ...others], ownNames: own.length };
  };
  return [
    ...products.map((x) => ({
      id: `product:${x.slug}`,
      kind: 'PRODUCT' as const,
      title: x.name,
      detail: supplierOf.get(x.supplierId)?.name ?? '',
      path: `/pakketten/${x.slug}`,
      ...withOthers(x.name, lines(x.aliases)),
      dbId: x.id,
      components: componentsOf.get(x.id) ?? [],
      supplier: `supplier:${supplierOf.get(x.supplierId)?.slug}`,
    })),
    ...suppliers.map((x) => ({
      id: `supplier:${x.slug}`,
      kind: 'SUPPLIER' as const,
      title: x.name,
      detail: '',
      path: `/pakketten?q=${encodeURIComponent(x.name)}`,
      ...withOthers(x.name, lines(x.aliases)),
      dbId: x.id,
    })),
    ...organisations.map((x) => ({
      id: `organisation:${x.slug}`,
      kind: 'ORGANISATION' as const,
      title: x.name,
      detail: '',
      path: `/organisaties/${x.slug}`,
      dbId: x.id,
      ...withOthers(x.name, []),
    })),
    ...components.map((x) => ({
      id: `component:${x.id}`,
      kind: 'REFERENCE_COMPONENT' as const,
      title: x.name,
      detail: x.group,
      path: `/referentiecomponenten#${x.id}`,
      ...withOthers(x.name, COMPONENT_SYNONYMS[x.id] ?? []),
    })),
    ...standards.map((x) => ({
      id: `standard:${x.id}`,
      kind: 'STANDARD' as const,
      title: x.name,
      detail: x.maintainer ?? '',
      path: `/referentiecomponenten`,
      ...withOthers(x.name, []),
    })),
  ];
}
