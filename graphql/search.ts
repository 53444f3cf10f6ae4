// One ranked search over products, suppliers, organisations, reference components and standards (and usages when a
// query names an organisation and a package), tolerant of case, diacritics, run-together words and small typos (MiniSearch: prefix and fuzzy matching).

import MiniSearch from 'minisearch';
import type { Database } from '../prisma/client.ts';
import { cachingEnabled, dataVersion } from './cache.ts';
import { compareNl } from './collation.ts';

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

/** Everything but usages: a few thousand documents at national scale, so the index stays small and quick to build. */
async function documents(db: Database): Promise<SearchDocument[]> {
  const p = db.prisma;
  const [products, suppliers, organisations, components, standards] = await Promise.all([
    p.product.findMany({ select: { slug: true, name: true, supplier: { select: { name: true } } } }),
    p.supplier.findMany({ select: { slug: true, name: true } }),
    p.organisation.findMany({ select: { slug: true, name: true } }),
    p.referenceComponent.findMany({ select: { id: true, name: true, group: true } }),
    p.standard.findMany({ select: { id: true, name: true, maintainer: true } }),
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
  ];
}

interface Index {
  version: number;
  built: Promise<{ index: MiniSearch<SearchDocument & { compact: string }>; byId: Map<string, SearchDocument> }>;
}
const indexes = new WeakMap<Database, Index>();

/** The index for the current data version: built once per change, shared by every search until the next one. */
async function currentIndex(db: Database) {
  const version = cachingEnabled() ? await dataVersion(db) : Number.NaN;
  const held = indexes.get(db);
  if (held && held.version === version) return held.built;
  const built = (async () => {
    const docs = await documents(db);
    const index = new MiniSearch<SearchDocument & { compact: string }>({
      fields: ['title', 'compact', 'detail'],
      storeFields: [],
      processTerm: (term) => normalise(term),
      searchOptions: { boost: { title: 3, compact: 2 }, prefix: true, fuzzy: (term) => (term.length > 4 ? 0.2 : term.length > 3 ? 1 : 0), combineWith: 'OR' },
    });
    index.addAll(docs.map((d) => ({ ...d, compact: compact(d.title) })));
    return { index, byId: new Map(docs.map((d) => [d.id, d])) };
  })();
  indexes.set(db, { version, built });
  return built;
}

/**
 * Ranked hits over the catalogue, organisations and GEMMA; when the query names both an organisation and a package
 * ("open zaak emmen"), that organisation's usage of the package too, read from the database.
 */
export async function search(db: Database, query: string, first = 20): Promise<SearchHit[]> {
  const q = query.trim();
  if (!q) return [];
  const { index, byId } = await currentIndex(db);
  const wanted = compact(q);
  const hits = index.search(q).map((r) => {
    const doc = byId.get(String(r.id)) as SearchDocument;
    // Exact name matches come first, then names that start with the query, then the rest by relevance.
    const bonus = compact(doc.title) === wanted ? 1_000_000 : compact(doc.title).startsWith(wanted) ? 1_000 : 0;
    return { ...doc, score: r.score + bonus };
  });
  const top = (kind: SearchKind, n: number) => hits.filter((h) => h.kind === kind).slice(0, n);
  const organisations = top('ORGANISATION', 3);
  const products = top('PRODUCT', 10);
  const usages =
    organisations.length && products.length
      ? await db.prisma.usage.findMany({
          where: {
            status: { not: 'RETIRED' },
            organisation: { slug: { in: organisations.map((o) => o.id.slice('organisation:'.length)) } },
            product: { slug: { in: products.map((p) => p.id.slice('product:'.length)) } },
          },
          select: { key: true, product: { select: { slug: true, name: true } }, organisation: { select: { slug: true, name: true } } },
        })
      : [];
  const scoreOf = new Map(hits.map((h) => [h.id, h.score]));
  const usageHits = usages.map((u) => ({
    id: `usage:${u.organisation.slug}:${u.key}`,
    kind: 'USAGE' as const,
    title: `${u.product.name} bij ${u.organisation.name}`,
    detail: '',
    path: `/organisaties/${u.organisation.slug}/gebruik/${u.key}`,
    // Both named: ranked above either alone.
    score: (scoreOf.get(`product:${u.product.slug}`) ?? 0) + (scoreOf.get(`organisation:${u.organisation.slug}`) ?? 0),
  }));
  return [...hits, ...usageHits].sort((a, b) => b.score - a.score || compareNl(a.title, b.title)).slice(0, first);
}
