// Signs out: ends the session in the database, then removes the cookie.
import type { APIRoute } from 'astro';
import { execute, gql } from '../../graphql/execute.ts';
import { clearSessionCookie } from '../lib/forms.ts';
import { requestContext } from '../lib/hub.ts';

export const POST: APIRoute = async ({ locals, cookies, url, redirect }) => {
  if (locals.sessionToken) {
    await execute(await requestContext(locals.viewer), gql`mutation SignOut($token: String!) { signOut(token: $token) }`, { token: locals.sessionToken });
  }
  clearSessionCookie(cookies, url);
  return redirect('/', 303);
};
