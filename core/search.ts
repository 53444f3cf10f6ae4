// One ranked search over products, suppliers, organisations, reference components, standards and usages, tolerant of
// case, diacritics, run-together words and small typos (MiniSearch: prefix and fuzzy matching).
//
// How a query is read:
// - Words that name an organisation ("emmen", "borger-odoorn") are taken apart from the rest, the subject.
// - The subject (or the whole query when no organisation is named) is looked up in one in-memory index, kept up to
//   date with each change (core/search-index.ts), over the names and other names of products, suppliers,
//   organisations, reference components (with the other names of content/search-synonyms.json5) and standards. Every
//   subject word must match.
// - A hit on a reference component brings in the products that realise it; a hit on a supplier its products.
// - The products and components found bring in their usages (a fixed few statements), of the named organisations only when
//   the query names one: "zaaksysteem emmen" is Emmen's usages of the products that realise a zaaksysteem.
// Ranking: usages that match both an organisation and a subject first, then exact names, names that begin with the
// query, what was found through a hit (products of a component, usages), and last what only looks like the query.
// Only public fields are indexed: a usage is found by its product, components and organisation, never by a private
// field (core/privacy.ts).

import { compareNl } from './collation.ts';
import type { Context } from './context.ts';
import type { IndexedDocument } from './search-documents.ts';
import { type Built, currentIndex } from './search-index.ts';
import { USAGE_PRODUCTS, usagesOf } from './search-usages.ts';
import { compact, GENERIC_ORGANISATION_WORDS, words } from './search-words.ts';

export const SEARCH_KINDS = [
  'PRODUCT',
  'SUPPLIER',
  'USAGE',
  'ORGANISATION',
  'REFERENCE_COMPONENT',
  'STANDARD',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** How a hit matched: the name itself, its beginning, through another hit, or only by looking alike. */
export const SEARCH_MATCHES = ['EXACT', 'PREFIX', 'RELATED', 'FUZZY'] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

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
  match: SearchMatch;
  /** Why it matched, in Dutch. */
  reason: string;
}

/** Edit distance of at most one (a typo: one letter wrong, missing or extra). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The organisations a query word names: a distinctive word of the name, its beginning (3+ letters), or a typo of it. */
function organisationsNamed(term: string, organisationWords: Map<string, string[]>): string[] {
  if (term.length < 3 || GENERIC_ORGANISATION_WORDS.has(term)) return [];
  const found = new Set<string>();
  for (const [word, ids] of organisationWords)
    if (word.startsWith(term) || (term.length >= 5 && withinOneEdit(term, word))) for (const id of ids) found.add(id);
  return [...found];
}

export const TIER: Record<SearchMatch | 'BOTH', number> = { BOTH: 5, EXACT: 4, PREFIX: 3, RELATED: 2, FUZZY: 1 };
/** At the same tier: organisations and products before components, suppliers, usages and standards. */
const KIND_WEIGHT: Record<SearchKind, number> = {
  ORGANISATION: 6,
  PRODUCT: 5,
  REFERENCE_COMPONENT: 4,
  SUPPLIER: 3,
  USAGE: 2,
  STANDARD: 1,
};
/** Usages in production first, then those on their way in, then those on their way out. */
export const STATUS_WEIGHT: Record<string, number> = { IN_PRODUCTION: 4, ACQUIRING: 3, PLANNED: 3, PHASING_OUT: 2 };

export const rank = (tier: number, via: number, kind: SearchKind, minor: number, relevance: number) =>
  tier * 10_000_000 + via * 1_000_000 + KIND_WEIGHT[kind] * 100_000 + minor * 10_000 + Math.min(relevance, 9_999);

/** How well the document's names match the phrase, and why (in Dutch). */
function classify(doc: IndexedDocument, phrase: string): { match: SearchMatch; reason: string } {
  const wanted = compact(phrase);
  const terms = words(phrase);
  const nameSays = (name: string, i: number) =>
    i < doc.ownNames ? (name === doc.title ? 'naam' : `naam ‘${name}’`) : `andere naam ‘${name}’`;
  for (const [i, name] of doc.names.entries())
    if (compact(name) === wanted) return { match: 'EXACT', reason: `De ${nameSays(name, i)} is de zoekterm.` };
  for (const [i, name] of doc.names.entries())
    if (compact(name).startsWith(wanted))
      return { match: 'PREFIX', reason: `De ${nameSays(name, i)} begint met de zoekterm.` };
  for (const [i, name] of doc.names.entries()) {
    const nameWords = words(name);
    if (terms.every((t) => nameWords.some((w) => w.startsWith(t))))
      return {
        match: 'PREFIX',
        reason: terms.every((t) => nameWords.includes(t))
          ? `De ${nameSays(name, i)} bevat de zoekterm als woord.`
          : `Woorden van de ${nameSays(name, i)} beginnen met de zoekterm.`,
      };
  }
  return { match: 'FUZZY', reason: 'De naam lijkt op de zoekterm.' };
}

/** Words of a query that count; the rest are ignored. */
const MAX_WORDS = 8;
/** Up to this many words, a phrase that matches nothing as a whole is tried word by word. */
const MAX_LOOSE_WORDS = 3;

export interface Found {
  doc: IndexedDocument;
  match: SearchMatch;
  reason: string;
  relevance: number;
  /** For hits found through another: that hit's tier. */
  via: number;
}

/** The documents matching a phrase (every word must match), classified. Falls back to any word when none match all. */
function lookUp(built: Built, phrase: string): Found[] {
  let results = built.index.search(phrase);
  let loose = false;
  // Any word of a long phrase matches nearly everything: the fallback is for short ones.
  if (results.length === 0 && phrase.split(/\s+/).length <= MAX_LOOSE_WORDS) {
    results = built.index.search(phrase, { combineWith: 'OR' });
    loose = true;
  }
  return results.map((r) => {
    const doc = built.byId.get(String(r.id)) as IndexedDocument;
    const { match, reason } = loose
      ? { match: 'FUZZY' as const, reason: 'Een deel van de zoekterm komt in de naam voor.' }
      : classify(doc, phrase);
    return { doc, match, reason, relevance: r.score, via: 0 };
  });
}

/**
 * Ranked hits over the catalogue, organisations, GEMMA and usages; see the top of this file for how a query is read.
 */
export async function search(
  context: Pick<Context, 'db' | 'dataVersion'>,
  query: string,
  first = 20,
): Promise<SearchHit[]> {
  const { db } = context;
  const q = query.trim();
  if (!q) return [];
  const built = await currentIndex(context);
  // An anonymous-sized cost: words past MAX_WORDS add nothing a person types, only work.
  const all = words(q);
  const terms = all.slice(0, MAX_WORDS);
  if (terms.length === 0) return [];
  const asked = terms.length < all.length ? terms.join(' ') : q;

  // Organisation words, and the subject: the other words.
  const named = terms.map((t) => organisationsNamed(t, built.organisationWords));
  const organisationIds = [...new Set(named.flat())];
  const subjectTerms = terms.filter(
    (_, i) => (named[i] ?? []).length === 0 && !(terms.length > 1 && GENERIC_ORGANISATION_WORDS.has(terms[i] ?? '')),
  );
  const subject = organisationIds.length && subjectTerms.length ? subjectTerms.join(' ') : asked;

  const found = new Map<string, Found>();
  const keep = (f: Found) => {
    const held = found.get(f.doc.id);
    if (!held || TIER[f.match] * 10 + f.via > TIER[held.match] * 10 + held.via) found.set(f.doc.id, f);
  };
  for (const f of lookUp(built, subject)) keep(f);
  if (subject !== asked)
    for (const id of organisationIds) {
      const doc = built.byId.get(id) as IndexedDocument;
      keep({ doc, ...classifyOrganisation(doc, terms), relevance: 0, via: 0 });
    }

  // Through a hit: the products of a component or a supplier. From the best hits only, so a near miss brings in little.
  const direct = [...found.values()].filter((f) => f.doc.kind !== 'ORGANISATION');
  const bestTier = Math.max(0, ...direct.map((f) => TIER[f.match]));
  const sources = direct
    .filter((f) => TIER[f.match] === bestTier || TIER[f.match] >= TIER.PREFIX)
    .sort((a, b) => TIER[b.match] - TIER[a.match] || b.relevance - a.relevance)
    .slice(0, 12);
  for (const source of sources) {
    if (source.doc.kind !== 'REFERENCE_COMPONENT' && source.doc.kind !== 'SUPPLIER') continue;
    const how =
      source.doc.kind === 'SUPPLIER'
        ? `Pakket van leverancier ${source.doc.title}.`
        : `Realiseert ${source.doc.title}.`;
    for (const id of built.productsOf.get(source.doc.id) ?? []) {
      const doc = built.byId.get(id) as IndexedDocument;
      const match = source.match === 'FUZZY' ? 'FUZZY' : 'RELATED';
      const held = found.get(id);
      // A product realising two of the components found says so: "Realiseert A en B."
      if (
        held &&
        held.match === match &&
        held.via === TIER[source.match] &&
        source.doc.kind === 'REFERENCE_COMPONENT' &&
        held.reason.startsWith('Realiseert ')
      )
        held.reason = `${held.reason.slice(0, -1)} en ${source.doc.title}.`;
      else keep({ doc, match, reason: how, relevance: source.relevance, via: TIER[source.match] });
    }
  }

  // Usages of the products and components found (of the named organisations, when the query names any).
  // The best products only: a loose query ("zaak") reaches many at national scale, and the first page of usages comes
  // from the best of them anyway.
  const productHits = [...found.values()]
    .filter((f) => f.doc.kind === 'PRODUCT' && (TIER[f.match] >= TIER.RELATED || bestTier === TIER.FUZZY))
    .sort((a, b) => TIER[b.match] - TIER[a.match] || b.via - a.via || b.relevance - a.relevance)
    .slice(0, USAGE_PRODUCTS);
  const componentHits = sources.filter((f) => f.doc.kind === 'REFERENCE_COMPONENT');
  const usageHits =
    subject === asked && organisationIds.length
      ? []
      : await usagesOf(db, built, productHits, componentHits, organisationIds, asked !== subject, first);

  const hits: SearchHit[] = [...found.values()].map((f) => ({
    id: f.doc.id,
    kind: f.doc.kind,
    title: f.doc.title,
    detail: f.doc.detail,
    path: f.doc.path,
    match: f.match,
    reason: f.reason,
    score: rank(TIER[f.match], f.via, f.doc.kind, 0, f.relevance),
  }));
  return [...hits, ...usageHits].sort((a, b) => b.score - a.score || compareNl(a.title, b.title)).slice(0, first);
}

function classifyOrganisation(doc: IndexedDocument, terms: string[]): { match: SearchMatch; reason: string } {
  const nameWords = doc.names.flatMap(words);
  const exact = terms.some((t) => nameWords.includes(t));
  return exact
    ? { match: 'EXACT', reason: 'Een woord van de naam is de zoekterm.' }
    : { match: 'PREFIX', reason: 'Een woord van de naam begint met de zoekterm.' };
}
