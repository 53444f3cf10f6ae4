// Identifies the viewer from the session cookie and keeps anonymous visitors to the home and editorial pages, and
// signed-in users without a membership to those and their own account.
import { defineMiddleware } from 'astro:middleware';
import { requestAddress } from '#core/client-address.ts';
import { authenticate } from '#core/credentials.ts';
import { dataVersionMemo } from '#core/data-version.ts';
import { mayRead, visibilityKey } from '#core/privacy.ts';
import { SESSION_COOKIE } from '#graphql/yoga.ts';
import { hubDatabase, withDataVersion } from './lib/hub.ts';
import { cachedPage } from './lib/page-cache.ts';
import { formFailure, graphiqlSignIn, limitPageRequest, markFormReading } from './lib/request-guards.ts';
import { routes } from './lib/routes.ts';

const PUBLIC = [
  /^\/$/,
  /^\/inloggen\/?$/,
  /^\/inloggen\/tweede-stap\/?$/,
  /^\/inloggen\/sso(\/(terug|koppelen))?\/?$/,
  /^\/uitnodiging\/?$/,
  /^\/wachtwoord-(vergeten|herstellen)\/?$/,
  /^\/uitloggen\/?$/,
  /^\/graphql\/?$/,
  /^\/(over|common-ground|begrippen)\/?$/,
  // Counts, as on the home page; which products one partner uses the page shows only to readers.
  /^\/statistieken\/?$/,
  // The catalogue, as the GEMMA Softwarecatalogus shows its offer; who uses what stays behind sign-in (field scopes).
  /^\/pakketten\/?$/,
  /^\/pakketten\/(?!inlezen\/?$|samenvoegen\/?$)[^/]+\/?$/,
  /^\/(leveranciers|referentiecomponenten|standaarden|voorzieningen)\/?$/,
  /^\/404\/?$/,
  /^\/_astro\//,
  /^\/favicon/,
];

const CHANGE_PASSWORD_PATH = '/account/wachtwoord';
/** What a user with a one-time password may still reach: the change form, signing out, the site's own files. */
const PASSWORD_CHANGE_ALLOWED = [
  /^\/account\/wachtwoord\/?$/,
  /^\/uitloggen\/?$/,
  /^\/graphql\/?$/,
  /^\/_astro\//,
  /^\/favicon/,
];
export const SECOND_FACTOR_PATH = '/account/tweestapsverificatie';
/** What a user who must set up a second factor may still reach: that page, signing out, the site's own files. */
const SECOND_FACTOR_ALLOWED = [
  /^\/account\/tweestapsverificatie\/?$/,
  /^\/uitloggen\/?$/,
  /^\/graphql\/?$/,
  /^\/_astro\//,
  /^\/favicon/,
];
/** What a signed-in user without any membership may open besides the public pages: the own account. */
export const OWN_ACCOUNT = [/^\/account(\/|$)/, /^\/geen-toegang\/?$/];

export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  const sessionToken = context.cookies.get(SESSION_COOKIE)?.value;
  context.locals.sessionToken = sessionToken;
  context.locals.viewer = sessionToken
    ? await authenticate(await hubDatabase(), {
        sessionToken,
        address: requestAddress(context.request, context.clientAddress),
      })
    : null;
  const path = context.url.pathname;
  // Rate limits, GraphiQL's sign-in and unreadable forms: site/lib/request-guards.ts.
  const refused =
    (await limitPageRequest(context, Boolean(context.locals.viewer))) ??
    graphiqlSignIn(context, Boolean(context.locals.viewer));
  if (refused) return refused;
  if (!context.locals.viewer && !PUBLIC.some((pattern) => pattern.test(path))) {
    return context.redirect(routes.signIn(path + context.url.search), 303);
  }
  // A one-time password is changed before anything else (the API refuses other operations too: graphql/guard.ts).
  if (context.locals.viewer?.mustChangePassword && !PASSWORD_CHANGE_ALLOWED.some((pattern) => pattern.test(path))) {
    return context.redirect(CHANGE_PASSWORD_PATH, 303);
  }
  // A required second factor is set up next, before anything else (the API refuses other operations too).
  if (context.locals.viewer?.mustSetUpSecondFactor && !SECOND_FACTOR_ALLOWED.some((pattern) => pattern.test(path))) {
    return context.redirect(SECOND_FACTOR_PATH, 303);
  }
  // Reading needs a membership (or instance administration); without one, the page says why instead of the data.
  const viewer = context.locals.viewer;
  if (viewer && !mayRead(viewer) && ![...PUBLIC, ...OWN_ACCOUNT].some((pattern) => pattern.test(path))) {
    return context.redirect(routes.noAccess(), 303);
  }
  markFormReading(context.request);
  // The data version is read once for the page: the page cache and the page's queries and searches share the memo.
  const dataVersion = dataVersionMemo(await hubDatabase());
  const response = await withDataVersion(dataVersion, () =>
    cachedPage(dataVersion, context.request, context.url, visibilityKey(viewer), () =>
      next().catch((error: unknown) => {
        const failure = formFailure(error);
        if (failure) return failure;
        throw error;
      }),
    ),
  );
  // Pages with personal data must not be kept by shared caches.
  if (context.locals.viewer) response.headers.set('cache-control', 'private, no-store');
  return response;
});
