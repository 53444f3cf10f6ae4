// Signs out: ends the session in the database, then removes the cookie. A session from an organisation's provider with
// an end-session endpoint continues there (single sign-out), which sends the browser back to the home page.
import type { APIRoute } from 'astro';
import { execute } from '#graphql/execute.ts';
import { routes } from '#site/lib/routes.ts';
import { answerFields, clearSessionCookie } from '../lib/forms.ts';
import { requestContext } from '../lib/hub.ts';
import { continueAt, SIGN_OUT_SSO } from '../lib/sso.ts';

export const POST: APIRoute = async ({ locals, cookies, url, redirect }) => {
  let providerSignOut: string | null = null;
  if (locals.sessionToken) {
    const result = await execute({ ...(await requestContext(locals.viewer)), origin: url.origin }, SIGN_OUT_SSO, {
      t: locals.sessionToken,
    });
    providerSignOut = answerFields(result.signOutWithProvider).data?.providerSignOutUrl ?? null;
  }
  clearSessionCookie(cookies, url);
  return providerSignOut
    ? continueAt(
        providerSignOut,
        'Uitloggen bij je organisatie',
        'Je bent uitgelogd bij Grondplan en gaat nu naar je organisatie om ook daar uit te loggen.',
      )
    : redirect(routes.home(), 303);
};
