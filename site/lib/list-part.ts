// A list read a page at a time (a cursor connection): which page the address asks for, and the sentence that says
// which part of how many is shown, so that no list is cut off silently.

/** The page asked for by `?vanaf=<cursor>&nummer=<position of its first item>`; the first page without them. */
export function pageAsked(url: URL): { after: string | null; firstShown: number } {
  const asked = url.searchParams.get('vanaf') ?? '';
  // Only a cursor of the shape the API hands out (base64 of "GPC:S:<id>"); anything else is the first page, not an error.
  const after =
    /^[A-Za-z0-9+/=]{1,120}$/.test(asked) &&
    /^GPC:S:[A-Za-z0-9_-]{1,64}$/.test(Buffer.from(asked, 'base64').toString('utf8'))
      ? asked
      : null;
  const firstShown = after
    ? Math.min(10_000_000, Math.max(1, Number.parseInt(url.searchParams.get('nummer') ?? '', 10) || 1))
    : 1;
  return { after, firstShown };
}

/** "Eerste 500 van 812 …" on the first page, "… 501 tot en met 812 van 812 …" after it. */
export function partSentence(firstShown: number, shown: number, total: number, noun: string): string {
  return `${firstShown === 1 ? `Eerste ${shown}` : `Nummer ${firstShown} tot en met ${firstShown + shown - 1}`} van ${total} ${noun}`;
}

/** The address of the next page, keeping the other parameters (such as a view) of the current one. */
export function nextPageHref(url: URL, endCursor: string, nextFirst: number, hash = ''): string {
  const params = new URLSearchParams(url.searchParams);
  params.set('vanaf', endCursor);
  params.set('nummer', String(nextFirst));
  return `?${params}${hash}`;
}

/** The address of the first page, keeping the other parameters. */
export function firstPageHref(url: URL, hash = ''): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete('vanaf');
  params.delete('nummer');
  const query = params.toString();
  return `${query ? `?${query}` : url.pathname}${hash}`;
}

/** A page of a cursor connection as pages read it. */
export interface Connection<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

/** Every item of a connection, read a page at a time until the last: for a choice in a form, which must not be cut off. */
export async function allPages<T>(
  read: (after: string | null) => Promise<Connection<T> | null | undefined>,
): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Connection<T> | null | undefined = await read(after);
    items.push(...(page?.edges.map((e) => e.node) ?? []));
    if (!page?.pageInfo.hasNextPage || !page.pageInfo.endCursor) return items;
    after = page.pageInfo.endCursor;
  }
}
