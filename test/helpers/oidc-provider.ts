// A real OpenID Connect provider for the tests: oidc-provider (a certified implementation) on a loopback port, with one
// confidential client and accounts whose claims the test controls. Its signing key is the test's own, so a test can
// also make the token endpoint answer with an ID token that is tampered with (payload changed, signature kept), meant
// for another client, or expired (both properly signed by the provider's key): the checks under test are the client
// library's, on a token that is otherwise exactly what this provider issues.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import Provider from 'oidc-provider';

interface TestClaims {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

/** What the token endpoint does to the ID token it sends. */
type TokenMode = 'normal' | 'tampered' | 'wrong-audience' | 'expired';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by login name (the subject); add or change claims at any time. */
  accounts: Map<string, TestClaims>;
  tokenMode: TokenMode;
  stop(): Promise<void>;
}

export async function startOidcProvider(options: {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  clientId?: string;
}): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const accounts = new Map<string, TestClaims>();
  const clientId = options.clientId ?? 'grondplan';
  const clientSecret = 'test-client-secret-that-is-long-enough-0123456789';

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    // The scope's claims go into the ID token itself, as Entra ID and Keycloak send them.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: async (_ctx, id) => {
      const claims = accounts.get(id);
      return claims ? { accountId: id, claims: async () => ({ sub: id, ...claims }) } : undefined;
    },
    // The test client is first-party: consent is given without asking.
    loadExistingGrant: async (ctx) => {
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client?.clientId ?? '');
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client?.clientId ?? '',
        accountId: ctx.oidc.session?.accountId ?? '',
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });

  const state: TestProvider = { issuer, clientId, clientSecret, accounts, tokenMode: 'normal', stop: async () => {} };

  const resign = async (payload: JWTPayload, header: Record<string, unknown>) =>
    new SignJWT(payload).setProtectedHeader({ ...header, alg: 'RS256', kid: 'test-key' }).sign(privateKey);

  async function transform(idToken: string): Promise<string> {
    const payload = decodeJwt(idToken);
    const header = decodeProtectedHeader(idToken) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    switch (state.tokenMode) {
      case 'tampered': {
        // Another address and more rights in the payload; the provider's signature is kept, so it no longer matches.
        const [h, , signature] = idToken.split('.');
        const changed = Buffer.from(
          JSON.stringify({ ...payload, email: 'beheerder@emmen.test', groups: ['grondplan-beheer'] }),
        ).toString('base64url');
        return `${h}.${changed}.${signature}`;
      }
      case 'wrong-audience':
        return resign({ ...payload, aud: 'another-client', azp: 'another-client' }, header);
      case 'expired':
        return resign({ ...payload, iat: now - 7200, exp: now - 3600 }, header);
      default:
        return idToken;
    }
  }

  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (ctx.path === '/token' && state.tokenMode !== 'normal' && body && typeof body.id_token === 'string')
      ctx.body = { ...body, id_token: await transform(body.id_token) };
  });

  server.on('request', provider.callback());
  state.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** A small cookie jar for following the provider's redirects and forms with fetch. */
class Jar {
  private readonly cookies = new Map<string, string>();
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Signs in at the provider as a browser would (its login form, any password), from the authorization URL until the
 * provider redirects to the client: returns that redirect (the callback URL with code and state). With `cancel`, the
 * user cancels on the login page instead (the provider answers with an error).
 */
export async function signInAtProvider(
  provider: TestProvider,
  authorizationUrl: string,
  login: string,
  options: { cancel?: boolean } = {},
): Promise<string> {
  const jar = new Jar();
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 10; step++) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(body ? { body } : {}),
    });
    jar.store(response);
    body = undefined;
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (!next.startsWith(provider.issuer)) return next;
      url = next;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action || !html.includes('name="login"'))
      throw new Error(`Unexpected page from the provider (${response.status}): ${html.slice(0, 300)}`);
    const cancel = /<a href="([^"]+)">\[ Cancel \]<\/a>/.exec(html)?.[1];
    if (options.cancel && cancel) {
      url = new URL(cancel.replaceAll('&amp;', '&'), url).href;
      continue;
    }
    url = new URL(action.replaceAll('&amp;', '&'), url).href;
    body = new URLSearchParams({ prompt: 'login', login, password: 'any password' });
  }
  throw new Error('The provider did not redirect back to the client.');
}
