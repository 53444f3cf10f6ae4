// Choosing a product by typing: the usage form's "Pakket" field takes a name (or "Naam (Leverancier)" from the
// suggestions); the server resolves it to one product, or answers with the products it found as a search step, so the
// form works without JavaScript. The catalogue is never sent whole (at national scale it holds over a thousand).
import type { Context } from '#core/context.ts';
import { execute } from '#graphql/execute.ts';
import { str } from './forms.ts';
import type { ProductOptionFragment } from './graphql/graphql.ts';
import { graphql } from './graphql/index.ts';

export type ProductOption = ProductOptionFragment;

// What the form needs of a product; its queries below spread it.
graphql(`fragment ProductOption on Product { slug name supplier { name } versions { name } }`);

/** What the form shows about the product: the typed text, the product it named, and what a search found. */
export interface ProductChoice {
  query: string;
  chosen: ProductOption | null;
  matches: ProductOption[];
  /** How many products the search found in all; `matches` holds the first MAX_MATCHES. */
  total: number;
}

export const MAX_MATCHES = 20;

/** The text a suggestion puts in the field, and the form shows for a chosen product. */
export const productLabel = (p: { name: string; supplier: { name: string } }) => `${p.name} (${p.supplier.name})`;

/** "Open Zaak (Maykin Media)" is name and supplier; anything else is a name (or part of one). */
export function splitLabel(text: string): { name: string; supplier: string | null } {
  const trimmed = text.trim();
  const m = /^(.+?)\s*\(([^()]+)\)$/.exec(trimmed);
  return m?.[1] && m[2] ? { name: m[1].trim(), supplier: m[2].trim() } : { name: trimmed, supplier: null };
}

/** Products whose name or supplier contains the text, the first MAX_MATCHES in name order, and how many there are. */
export async function searchProducts(
  context: Context,
  text: string,
): Promise<{ matches: ProductOption[]; total: number }> {
  const search = splitLabel(text).name.slice(0, 200);
  if (!search) return { matches: [], total: 0 };
  const data = await execute(
    context,
    graphql(
      `query ProductSearch($search: String!, $first: Int!) { products(first: $first, search: $search) { totalCount edges { node { ...ProductOption } } } }`,
    ),
    { search, first: MAX_MATCHES },
  );
  return { matches: data.products.edges.map((e) => e.node), total: data.products.totalCount };
}

export async function productBySlug(context: Context, slug: string): Promise<ProductOption | null> {
  if (!slug) return null;
  return (
    await execute(
      context,
      graphql(`query ChosenProduct($slug: String!) { product(slug: $slug) { ...ProductOption } }`),
      { slug },
    )
  ).product;
}

/**
 * The product a posted form names: the one picked in a search step (field `product`), else the one the typed text
 * names exactly ("Open Zaak" when only one product has that name, or "Open Zaak (Maykin Media)"). Otherwise no
 * product, with what a search for the text found, for the form to offer.
 */
export async function resolveProductChoice(context: Context, form: FormData): Promise<ProductChoice> {
  const query = str(form, 'pakket').trim();
  // A product picked among the found ones counts; the one the form showed counts while the text still names it.
  const picked = await productBySlug(context, str(form, 'product'));
  if (picked) return { query: productLabel(picked), chosen: picked, matches: [], total: 0 };
  const shown = await productBySlug(context, str(form, 'gekozenPakket'));
  if (shown && (!query || query === productLabel(shown)))
    return { query: productLabel(shown), chosen: shown, matches: [], total: 0 };
  const { name, supplier } = splitLabel(query);
  if (!name) return { query, chosen: null, matches: [], total: 0 };
  const same = (a: string, b: string) => a.localeCompare(b, 'nl', { sensitivity: 'accent' }) === 0;
  const named = await execute(
    context,
    graphql(
      `query ProductByName($name: String!) { products(first: 20, name: $name) { edges { node { ...ProductOption } } } }`,
    ),
    { name: name.slice(0, 200) },
  );
  const found = await searchProducts(context, query);
  // The exact name first (as the suggestions write it), else the same name in other case among what the search found.
  for (const list of [named.products.edges.map((e) => e.node), found.matches]) {
    const exact = list.filter((p) => same(p.name, name) && (!supplier || same(p.supplier.name, supplier)));
    if (exact.length === 1) return { query, chosen: exact[0] ?? null, matches: [], total: 0 };
  }
  return { query, chosen: null, ...found };
}

/** The choice as the form first shows it: the stored product on edit, nothing on a new usage. */
export const choiceOf = (product: ProductOption | null): ProductChoice => ({
  query: product ? productLabel(product) : '',
  chosen: product,
  matches: [],
  total: 0,
});
