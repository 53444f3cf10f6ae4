// Single sign-on in the site: the GraphQL documents of the sign-in pages, and the cookie that binds a sign-in under
// way to this browser (httpOnly, only for the sign-in pages, as long as the flow lasts; the server keeps its hash).
import type { AstroCookies } from 'astro';
import { graphql } from './graphql/index.ts';

export const SSO_COOKIE = 'gp_sso';
const cookieOptions = (url: URL) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: url.protocol === 'https:',
  path: '/inloggen/sso',
});

export function setFlowCookie(cookies: AstroCookies, url: URL, token: string, expires: Date): void {
  cookies.set(SSO_COOKIE, token, { ...cookieOptions(url), expires });
}

export function clearFlowCookie(cookies: AstroCookies, url: URL): void {
  cookies.delete(SSO_COOKIE, cookieOptions(url));
}

export const SIGN_IN_PROVIDERS = graphql(`query SignInProviders { signInProviders { id name organisationName } }`);
export const START_SSO = graphql(
  `mutation StartSso($e: String, $p: ID, $b: String) { startSsoSignIn(email: $e, provider: $p, returnPath: $b) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on StartSsoSignInSuccess { data { authorizationUrl flowToken expiresAt } } } }`,
);
export const COMPLETE_SSO = graphql(
  `mutation CompleteSso($f: String!, $c: String!) { completeSsoSignIn(flowToken: $f, callbackUrl: $c) { __typename ... on Error { message } ... on CompleteSsoSignInSuccess { data { session { token expiresAt } linkEmail returnPath } } } }`,
);
export const PENDING_LINK = graphql(
  `query PendingLink($f: String!) { ssoPendingLink(flowToken: $f) { email providerName returnPath } }`,
);
export const LINK_SSO = graphql(
  `mutation LinkSso($f: String!, $p: String!, $c: String, $r: String) { linkSsoAccount(flowToken: $f, password: $p, code: $c, recoveryCode: $r) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on LinkSsoAccountSuccess { data { token expiresAt } } } }`,
);
export const SIGN_OUT_SSO = graphql(
  `mutation SignOutSso($t: String!) { signOutWithProvider(token: $t) { __typename ... on SignOutWithProviderSuccess { data { providerSignOutUrl } } } }`,
);
export const SET_PASSWORD_SIGN_IN = graphql(
  `mutation SetPasswordSignIn($o: String!, $e: Boolean!) { setPasswordSignIn(organisation: $o, enabled: $e) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }`,
);

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A small page that continues at the provider (its login, or its sign-out). A form's answer cannot redirect there
 * itself: the pages' Content-Security-Policy (form-action 'self') also holds for the redirects after a form, so the
 * browser would stop. A refresh without delay is a navigation of its own, needs no JavaScript, and the link is there
 * for a browser that does not follow it. Its own policy allows nothing but that.
 */
export function continueAt(url: string, title: string, text: string, headers: Headers = new Headers()): Response {
  const href = escapeHtml(url);
  headers.set('content-type', 'text/html; charset=utf-8');
  headers.set('cache-control', 'no-store');
  headers.set('referrer-policy', 'no-referrer');
  headers.set(
    'content-security-policy',
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  );
  const body = `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="0;url=${href}"><title>${escapeHtml(title)} - Grondplan</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="${href}">Ga verder</a></p></main></body>
</html>
`;
  return new Response(body, { status: 200, headers });
}

/** The one second-factor field of the linking page: six digits are a code from the app, anything else a recovery code. */
export function secondFactorOf(value: string): { c: string | null; r: string | null } {
  const given = value.trim();
  if (!given) return { c: null, r: null };
  return /^\d{3}[\s-]?\d{3}$/.test(given) ? { c: given, r: null } : { c: null, r: given };
}
