// One ranked search over products, suppliers, usages, organisations, reference components and standards,
// tolerant of case, diacritics, run-together words and small typos (MiniSearch: prefix and fuzzy matching).
import MiniSearch from 'minisearch';
import type { Database } from '../prisma/client.ts';

export type SearchKind = 'PRODUCT' | 'SUPPLIER' | 'USAGE' | 'ORGANISATION' | 'REFERENCE_COMPONENT' | 'STANDARD';

export interface SearchDocument {
  id: string;
  kind: SearchKind;
  title: string;
  detail: string;
  /** Site path of the hit. */
  path: string;
}

export interface SearchHit extends SearchDocument {
  score: number;
}

/** Lower case, no diacritics: "Coëvorden" and "coevorden" are the same word. */
export const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The title with everything but letters and digits removed, so "openzaak" finds "Open Zaak". */
const compact = (text: string) => normalise(text).replace(/[^a-z0-9]/g, '');

async function documents(db: Database): Promise<SearchDocument[]> {
  const p = db.prisma;
  const [products, suppliers, organisations, components, standards, usages] = await Promise.all([
    p.product.findMany({ select: { slug: true, name: true, supplier: { select: { name: true } } } }),
    p.supplier.findMany({ select: { slug: true, name: true, products: { select: { slug: true }, take: 1 } } }),
    p.organisation.findMany({ select: { slug: true, name: true } }),
    p.referenceComponent.findMany({ select: { id: true, name: true, group: true } }),
    p.standard.findMany({ select: { id: true, name: true, maintainer: true } }),
    p.usage.findMany({
      where: { status: { not: 'RETIRED' } },
      select: { key: true, product: { select: { name: true } }, organisation: { select: { slug: true, name: true } } },
    }),
  ]);
  return [
    ...products.map((x) => ({ id: `product:${x.slug}`, kind: 'PRODUCT' as const, title: x.name, detail: x.supplier.name, path: `/pakketten/${x.slug}` })),
    ...suppliers.map((x) => ({
      id: `supplier:${x.slug}`,
      kind: 'SUPPLIER' as const,
      title: x.name,
      detail: '',
      path: `/pakketten?q=${encodeURIComponent(x.name)}`,
    })),
    ...organisations.map((x) => ({
      id: `organisation:${x.slug}`,
      kind: 'ORGANISATION' as const,
      title: x.name,
      detail: '',
      path: `/organisaties/${x.slug}`,
    })),
    ...components.map((x) => ({
      id: `component:${x.id}`,
      kind: 'REFERENCE_COMPONENT' as const,
      title: x.name,
      detail: x.group,
      path: `/referentiecomponenten#${x.id}`,
    })),
    ...standards.map((x) => ({
      id: `standard:${x.id}`,
      kind: 'STANDARD' as const,
      title: x.name,
      detail: x.maintainer ?? '',
      path: `/referentiecomponenten`,
    })),
    ...usages.map((x) => ({
      id: `usage:${x.organisation.slug}:${x.key}`,
      kind: 'USAGE' as const,
      title: `${x.product.name} bij ${x.organisation.name}`,
      detail: '',
      path: `/organisaties/${x.organisation.slug}/gebruik/${x.key}`,
    })),
  ];
}

export async function search(db: Database, query: string, first = 20): Promise<SearchHit[]> {
  const q = query.trim();
  if (!q) return [];
  const docs = await documents(db);
  const index = new MiniSearch<SearchDocument & { compact: string }>({
    fields: ['title', 'compact', 'detail'],
    storeFields: ['kind', 'title', 'detail', 'path'],
    processTerm: (term) => normalise(term),
    searchOptions: { boost: { title: 3, compact: 2 }, prefix: true, fuzzy: (term) => (term.length > 4 ? 0.2 : term.length > 3 ? 1 : 0), combineWith: 'OR' },
  });
  index.addAll(docs.map((d) => ({ ...d, compact: compact(d.title) })));
  const wanted = compact(q);
  const byId = new Map(docs.map((d) => [d.id, d]));
  return index
    .search(q)
    .map((r) => {
      const doc = byId.get(String(r.id)) as SearchDocument;
      // Exact name matches come first, then names that start with the query, then the rest by relevance.
      const bonus = compact(doc.title) === wanted ? 1_000_000 : compact(doc.title).startsWith(wanted) ? 1_000 : 0;
      return { ...doc, score: r.score + bonus };
    })
    .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, 'nl'))
    .slice(0, first);
}
