// What the middleware checks besides sign-in: the rate limits for pages and downloads (the API counts its own, in
// graphql/rate-limits.ts), form posts that cannot be read (400 instead of a server error), and GraphiQL's page,
// which in production is for signed-in users.
import type { APIContext } from 'astro';
import { requestClient } from '#core/client-address.ts';
import { type Budget, hubRateLimits } from '#graphql/rate-limits.ts';
import { routes } from './routes.ts';

const plain = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });

/** Downloads build whole files; posts to the import pages read them: both count as expensive. */
const DOWNLOAD = /\.(xml|csv|xlsx|yaml)$|^\/pakketten\/[^/]+\/bewijs\/[^/]+\/?$/;
const IMPORT_PAGE =
  /^\/(organisaties\/[^/]+\/(importeren|vvt\/inlezen|bewijs(\/[^/]+)?)|pakketten\/inlezen|referentiecomponenten\/inlezen|bio2\/inlezen)\/?$/;

/** Whether a request counts against the budget for expensive operations as well: a download, or a post to an import page. */
export const isExpensivePage = (method: string, path: string): boolean =>
  DOWNLOAD.test(path) || (method === 'POST' && IMPORT_PAGE.test(path));

/** The client's address as the server saw it (site/server/entry.ts); under `astro dev`, Astro's own. */
function addressOf(context: APIContext): string | undefined {
  const scoped = requestClient.getStore()?.address;
  if (scoped) return scoped;
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}

/** Counts a page request against its budgets: a 429 answer when one is spent, else null. /graphql counts in the API. */
export async function limitPageRequest(context: APIContext, signedIn: boolean): Promise<Response | null> {
  const path = context.url.pathname;
  if (/^\/graphql\/?$/.test(path)) return null;
  const address = addressOf(context);
  if (!address) return null;
  const budgets: Budget[] = [signedIn ? 'signedIn' : 'anonymous'];
  if (isExpensivePage(context.request.method, path)) budgets.push('expensive');
  for (const budget of budgets) {
    const refusal = await hubRateLimits().consume(budget, address);
    if (refusal) return plain(429, refusal.message, { 'retry-after': String(refusal.retryAfterSeconds) });
  }
  return null;
}

const MALFORMED = Symbol('malformed form');

/**
 * Marks the request's form reading, so that a body that is no readable form (another content type, broken multipart,
 * bad encoding) is answered 400 by formFailure rather than as a server error from inside a page.
 */
export function markFormReading(request: Request): void {
  if (request.method !== 'POST') return;
  const read = request.formData.bind(request);
  Object.defineProperty(request, 'formData', {
    configurable: true,
    value: () =>
      read().catch((error: unknown) => {
        throw Object.assign(new Error('Het formulier kon niet worden gelezen.', { cause: error }), {
          [MALFORMED]: true,
        });
      }),
  });
}

export const MALFORMED_FORM =
  'Dit formulier kon niet worden gelezen: het is geen formulier (verwacht application/x-www-form-urlencoded of multipart/form-data) of het is onvolledig of beschadigd verstuurd. Open de pagina opnieuw en verstuur het formulier nog eens.';

/** A 400 answer for an error that came from reading a malformed form; null for any other error. */
export function formFailure(error: unknown): Response | null {
  return error instanceof Error && (error as Error & { [MALFORMED]?: boolean })[MALFORMED]
    ? plain(400, MALFORMED_FORM)
    : null;
}

/** In production GraphiQL's page is for signed-in users: anonymous browsers go to sign-in first. */
export function graphiqlSignIn(
  context: APIContext,
  signedIn: boolean,
  production = import.meta.env.PROD,
): Response | null {
  if (signedIn || !production || context.request.method !== 'GET' || !/^\/graphql\/?$/.test(context.url.pathname))
    return null;
  // What Yoga answers with GraphiQL: a browser asking for HTML without a query.
  if (!(context.request.headers.get('accept') ?? '').includes('text/html') || context.url.searchParams.has('query'))
    return null;
  return context.redirect(routes.signIn(routes.graphql()), 303);
}
