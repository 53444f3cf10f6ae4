// Identifies the viewer from the session cookie and keeps anonymous visitors to the home and editorial pages, and
// signed-in users without a membership to those and their own account.
import { defineMiddleware } from 'astro:middleware';
import { authenticate } from '../graphql/auth.ts';
import { mayRead, visibilityKey } from '../graphql/privacy.ts';
import { SESSION_COOKIE } from '../graphql/yoga.ts';
import { hubDatabase } from './lib/hub.ts';
import { cachedPage } from './lib/page-cache.ts';

const PUBLIC = [
  /^\/$/,
  /^\/inloggen\/?$/,
  /^\/uitloggen\/?$/,
  /^\/graphql\/?$/,
  /^\/(over|common-ground|begrippen)\/?$/,
  /^\/404\/?$/,
  /^\/_astro\//,
  /^\/favicon/,
];

/** What a signed-in user without any membership may open besides the public pages: the own account. */
export const OWN_ACCOUNT = [/^\/account(\/|$)/, /^\/geen-toegang\/?$/];

export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  const sessionToken = context.cookies.get(SESSION_COOKIE)?.value;
  context.locals.sessionToken = sessionToken;
  context.locals.viewer = sessionToken ? await authenticate(await hubDatabase(), { sessionToken }) : null;
  const path = context.url.pathname;
  if (!context.locals.viewer && !PUBLIC.some((pattern) => pattern.test(path))) {
    return context.redirect(`/inloggen?terug=${encodeURIComponent(path + context.url.search)}`, 303);
  }
  // Reading needs a membership (or instance administration); without one, the page says why instead of the data.
  const viewer = context.locals.viewer;
  if (viewer && !mayRead(viewer) && ![...PUBLIC, ...OWN_ACCOUNT].some((pattern) => pattern.test(path))) {
    return context.redirect('/geen-toegang', 303);
  }
  const response = await cachedPage(await hubDatabase(), context.request, context.url, visibilityKey(viewer), () => next());
  // Pages with personal data must not be kept by shared caches.
  if (context.locals.viewer) response.headers.set('cache-control', 'private, no-store');
  return response;
});
