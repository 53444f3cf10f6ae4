// Recognising a supplier or product that a file names differently from the catalogue: "Maykin" is Maykin Media,
// "INFO" with website info.nl is INFO.nl, "Conduction B.V" is Conduction. One rule for every importer, and every match
// says why, so that a dry run can show it.
import { splitAliases } from '#prisma/aliases.ts';
import { slugify } from '#prisma/slug.ts';

/** Legal forms and filler words that do not tell two suppliers apart. */
const NOISE = new Set([
  'bv',
  'b v',
  'nv',
  'vof',
  'cv',
  'gmbh',
  'ltd',
  'limited',
  'inc',
  'llc',
  'bvba',
  'sa',
  'ag',
  'plc',
  'holding',
  'groep',
  'group',
  'media',
  'software',
  'solutions',
  'nederland',
  'netherlands',
  'nl',
  'the',
  'de',
  'het',
]);

/** Lower case, without accents, punctuation, legal forms and filler words: "Maykin Media B.V." and "maykin" both give "maykin". */
export function normaliseName(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' en ')
    // "B.V." and "B.V" are one word; other punctuation separates words.
    .replace(/\b([a-z])\.(?=[a-z]\b)/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  const kept = words.filter((w) => !NOISE.has(w));
  // A name made of filler words only ("Software BV") is its own normal form rather than the empty string.
  return (kept.length ? kept : words).join(' ');
}

/** The host of a web address without "www.", lower case; null for anything that is not an http(s) address. */
export function domainOf(address: string | null | undefined): string | null {
  if (!address) return null;
  try {
    const url = new URL(address.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.hostname.toLowerCase().replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** The owner of a repository on a code forge ("maykinmedia" of github.com/maykinmedia/open-zaak), lower case. */
export function repositoryOwner(address: string | null | undefined): string | null {
  if (!address) return null;
  const cleaned = address
    .trim()
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://');
  const scp = /^[\w.-]+@([\w.-]+):([^/]+)\//.exec(cleaned);
  if (scp) return scp[2]?.toLowerCase() ?? null;
  try {
    const url = new URL(cleaned);
    const owner = url.pathname.split('/').filter(Boolean)[0];
    return owner ? owner.toLowerCase() : null;
  } catch {
    return null;
  }
}

interface SupplierCandidate {
  id: string;
  slug: string;
  name: string;
  website?: string | null;
  /** Other names the supplier is known by (earlier merged suppliers, curated aliases). */
  aliases?: readonly string[];
  /** Owners of the repositories of the supplier's products, lower case. */
  repositoryOwners?: readonly string[];
}

interface NamedInFile {
  name: string;
  website?: string | null;
  repository?: string | null;
}

interface Match<T> {
  match: T;
  /** Why, in Dutch, for the dry run: "zelfde naam zonder rechtsvorm en vulwoorden ("maykin")". */
  reason: string;
}

/** Candidates grouped by a key; a candidate is listed once per key, in the order of the catalogue. */
function groupBy<T>(items: readonly T[], keys: (item: T) => (string | null | undefined)[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items)
    for (const key of new Set(keys(item))) {
      if (!key) continue;
      const list = groups.get(key);
      if (list) list.push(item);
      else groups.set(key, [item]);
    }
  return groups;
}

/**
 * Indexes built once per catalogue list (the list object is the key): a file of 20,000 lines against a national
 * catalogue then costs a lookup per line instead of normalising every supplier and product again for every line.
 */
const supplierIndexes = new WeakMap<readonly SupplierCandidate[], ReturnType<typeof indexSuppliers>>();
function indexSuppliers<T extends SupplierCandidate>(suppliers: readonly T[]) {
  return {
    exact: groupBy(suppliers, (s) => [s.name.toLowerCase()]),
    slug: groupBy(suppliers, (s) => [s.slug]),
    alias: groupBy(suppliers, (s) => (s.aliases ?? []).map((a) => a.toLowerCase())),
    normal: groupBy(suppliers, (s) => [normaliseName(s.name), ...(s.aliases ?? []).map(normaliseName)]),
    domain: groupBy(suppliers, (s) => [domainOf(s.website)]),
    owner: groupBy(suppliers, (s) => [...(s.repositoryOwners ?? [])]),
  };
}

/**
 * The catalogue's supplier that a file means, tried from the strongest sign to the weakest: the exact name, the
 * slug, a known alias, the normalised name, the website's domain, the repository's owner. Null when nothing matched
 * (or when a weak sign points at more than one supplier: a guess is worse than a new supplier the user can merge).
 */
export function matchSupplier<T extends SupplierCandidate>(
  named: NamedInFile,
  suppliers: readonly T[],
): Match<T> | null {
  let index = supplierIndexes.get(suppliers) as ReturnType<typeof indexSuppliers<T>> | undefined;
  if (!index) {
    index = indexSuppliers(suppliers);
    supplierIndexes.set(suppliers, index);
  }
  const name = named.name.trim();
  const lower = name.toLowerCase();
  const only = (found: T[] | undefined, reason: string) =>
    found?.length === 1 && found[0] ? { match: found[0], reason } : null;
  if (name) {
    const exact = index.exact.get(lower);
    if (exact?.[0]) return { match: exact[0], reason: 'zelfde naam' };
    const slug = slugify(name);
    const bySlug = only(index.slug.get(slug), `zelfde slug ("${slug}")`);
    if (bySlug) return bySlug;
    const byAlias = only(index.alias.get(lower), `bekende andere naam "${name}"`);
    if (byAlias) return byAlias;
    const normal = normaliseName(name);
    const byNormal = only(
      index.normal.get(normal),
      `zelfde naam zonder rechtsvorm, leestekens en vulwoorden ("${normal}")`,
    );
    if (byNormal) return byNormal;
  }
  const domain = domainOf(named.website);
  if (domain) {
    const byDomain = only(index.domain.get(domain), `zelfde website (${domain})`);
    if (byDomain) return byDomain;
  }
  const owner = repositoryOwner(named.repository);
  if (owner) {
    const byOwner = only(index.owner.get(owner), `zelfde eigenaar van de repository (${owner})`);
    if (byOwner) return byOwner;
  }
  return null;
}

interface ProductCandidate {
  id: string;
  slug: string;
  name: string;
  supplierId: string;
  aliases?: readonly string[];
}

const productIndexes = new WeakMap<readonly ProductCandidate[], ReturnType<typeof indexProducts>>();
function indexProducts<T extends ProductCandidate>(products: readonly T[]) {
  return {
    exact: groupBy(products, (p) => [p.name.toLowerCase()]),
    alias: groupBy(products, (p) => (p.aliases ?? []).map((a) => a.toLowerCase())),
    normal: groupBy(products, (p) => [normaliseName(p.name)]),
    bySupplier: Map.groupBy(
      products.map((p) => ({ product: p, words: normaliseName(p.name).split(' ') })),
      (x) => x.product.supplierId,
    ),
  };
}

/**
 * The catalogue's product that a file names: by exact name, alias or normalised name, preferring (and, when several
 * products share the name, requiring) the given supplier. Null when nothing matched or the name is ambiguous.
 */
export function matchProduct<T extends ProductCandidate>(
  name: string,
  supplierId: string | null,
  products: readonly T[],
): Match<T> | null {
  let index = productIndexes.get(products) as ReturnType<typeof indexProducts<T>> | undefined;
  if (!index) {
    index = indexProducts(products);
    productIndexes.set(products, index);
  }
  const lower = name.trim().toLowerCase();
  const normal = normaliseName(name);
  if (!lower) return null;
  const tiers: [T[] | undefined, string][] = [
    [index.exact.get(lower), 'zelfde naam'],
    [index.alias.get(lower), `bekende andere naam "${name.trim()}"`],
    [index.normal.get(normal), `zelfde naam zonder leestekens en vulwoorden ("${normal}")`],
  ];
  for (const [found = [], reason] of tiers) {
    const ofSupplier = supplierId ? found.filter((p) => p.supplierId === supplierId) : [];
    if (ofSupplier.length === 1 && ofSupplier[0])
      return { match: ofSupplier[0], reason: `${reason}, zelfde leverancier` };
    if (!supplierId && found.length === 1 && found[0]) return { match: found[0], reason };
    if (supplierId && ofSupplier.length === 0 && found.length === 1 && found[0])
      return { match: found[0], reason: `${reason}, andere leverancier` };
  }
  // "Signalen frontend" of Gemeente Amsterdam is its Signalen: a name that starts with the whole of a product's name
  // (or the other way round), only within the same supplier and only for a name long enough to mean something.
  if (supplierId) {
    const words = normal.split(' ');
    const startsWith = (long: string[], short: string[]) =>
      short.join(' ').length >= 5 && short.every((w, i) => long[i] === w);
    const found = (index.bySupplier.get(supplierId) ?? [])
      .filter(
        ({ words: other }) => other.length !== words.length && (startsWith(words, other) || startsWith(other, words)),
      )
      .map((x) => x.product);
    if (found.length === 1 && found[0])
      return {
        match: found[0],
        reason: `naam begint met "${found[0].name.length < name.trim().length ? found[0].name : name.trim()}", zelfde leverancier`,
      };
  }
  return null;
}

/** The supplier a file names, in the role the file gives it, for the dry run's explanation. */
export interface NamedSupplier extends NamedInFile {
  /** Dutch: "opdrachtnemer (maintenance.contractors)", "eigenaar van de repository (legal.repoOwner)", ... */
  role: string;
}

interface CatalogueReader {
  supplier: {
    findMany(args: {
      select: { id: true; slug: true; name: true; website: true; aliases: true };
    }): Promise<{ id: string; slug: string; name: string; website: string | null; aliases: string }[]>;
  };
  product: {
    findMany(args: {
      select: { id: true; slug: true; name: true; supplierId: true; repository: true; aliases: true };
    }): Promise<
      { id: string; slug: string; name: string; supplierId: string; repository: string | null; aliases: string }[]
    >;
  };
}

/**
 * The catalogue as the matchers need it: suppliers with their aliases and the owners of their products' repositories,
 * products with their aliases and repositories. Two queries, whatever the size of the catalogue.
 */
export async function loadCandidates(db: CatalogueReader) {
  const [supplierRows, productRows] = await Promise.all([
    db.supplier.findMany({ select: { id: true, slug: true, name: true, website: true, aliases: true } }),
    db.product.findMany({
      select: { id: true, slug: true, name: true, supplierId: true, repository: true, aliases: true },
    }),
  ]);
  const owners = new Map<string, Set<string>>();
  for (const p of productRows) {
    const owner = repositoryOwner(p.repository);
    if (!owner) continue;
    const set = owners.get(p.supplierId) ?? new Set<string>();
    set.add(owner);
    owners.set(p.supplierId, set);
  }
  const suppliers = supplierRows.map((s) => ({
    ...s,
    aliases: splitAliases(s.aliases),
    repositoryOwners: [...(owners.get(s.id) ?? [])],
  }));
  const products = productRows.map((p) => ({ ...p, aliases: splitAliases(p.aliases) }));
  return { suppliers, products };
}
