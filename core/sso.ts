// Single sign-on through an organisation's OpenID Connect provider (openid-client): the authorization code flow with
// PKCE (S256), state and nonce; the library checks the ID token (signature, issuer, audience, expiry, nonce). What a
// sign-in under way needs (state, nonce, code verifier) stays on the server in an SsoFlow row, found by the SHA-256 of
// a cookie that binds it to the browser that started it, and is used once. First sign-in through a trusted provider
// (verified address in one of its mail domains) makes an account and a membership (just-in-time provisioning); an
// existing account with that address is linked only after its owner gives its password (and, when the account has a
// second factor, a code from the authenticator app or a recovery code); later sign-ins match on (provider, subject),
// while the provider still vouches for the account's address (its domain, as at the first sign-in). The role comes
// from the provider's claims each time: the mapped role wins for that organisation.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { LRUCache } from 'lru-cache';
import * as oidc from 'openid-client';
import type { Database } from '#prisma/client.ts';
import { newSecret, normaliseEmail, sha256 } from './auth.ts';
import type { Role } from './context.ts';

/** How long a sign-in at the provider may take, and how long a confirmation of an existing account may wait. */
export const FLOW_MINUTES = 10;
/** Wrong passwords while linking an existing account: then the sign-in ends and starts again at the provider. */
export const LINK_ATTEMPTS = 5;

/** A refusal the user is shown, in Dutch; `reason` goes into the audit trail (never a secret or a token). */
export class SsoError extends Error {
  readonly reason: string;
  /** The form field the refusal is about ("code" for the second factor while linking); null for the whole sign-in. */
  readonly field: string | null;
  constructor(message: string, reason = message, field: string | null = null) {
    super(message);
    this.reason = reason;
    this.field = field;
  }
}

export const FLOW_GONE =
  'Deze inlogpoging is verlopen, al gebruikt of in een andere browser begonnen. Begin opnieuw bij "Inloggen via je organisatie".';
export const ANSWER_REFUSED =
  'Het antwoord van je organisatie kon niet worden gecontroleerd, dus je bent niet ingelogd. Begin opnieuw bij "Inloggen via je organisatie"; lukt het weer niet, meld het dan bij de beheerder van Grondplan.';
export const INSTANCE_ADMIN_REFUSED =
  'Beheerders van Grondplan loggen in met hun wachtwoord en tweede factor, niet via een organisatie. Log in met je wachtwoord.';
export const instanceAdminRefusal = () =>
  new SsoError(INSTANCE_ADMIN_REFUSED, 'beheerder van Grondplan: alleen wachtwoord en tweede factor');
/** A blocked account signs in through no provider either. */
export const accountBlocked = () =>
  new SsoError('Dit account is geblokkeerd. Neem contact op met de beheerder van Grondplan.', 'account geblokkeerd');
const PROVIDER_UNREACHABLE =
  'De inlogdienst van je organisatie is nu niet bereikbaar of niet goed ingesteld. Probeer het later opnieuw of log in met je wachtwoord.';

export interface ProviderSettings {
  id: string;
  organisationId: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  emailDomains: string;
  roleClaim: string;
  viewerValues: string;
  editorValues: string;
  adminValues: string;
  defaultRole: Role | null;
  enabled: boolean;
  updatedAt: Date;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Plain HTTP is for a provider on this machine only (tests, development); anywhere else the issuer uses HTTPS. */
export const isLoopback = (url: URL) => LOOPBACK.has(url.hostname);

export const words = (stored: string) => stored.split(/\s+/).filter(Boolean);

/** The issuer's configuration from discovery, kept per provider version for an hour (a failed discovery is not kept). */
const configurations = new LRUCache<string, Promise<oidc.Configuration>>({ max: 200, ttl: 3_600_000 });

export function providerConfiguration(provider: ProviderSettings): Promise<oidc.Configuration> {
  const key = `${provider.id}:${provider.updatedAt.getTime()}`;
  let configuration = configurations.get(key);
  if (!configuration) {
    const issuer = new URL(provider.issuer);
    const insecure = issuer.protocol === 'http:';
    if (insecure && !isLoopback(issuer))
      return Promise.reject(new SsoError(PROVIDER_UNREACHABLE, 'issuer zonder https'));
    // openid-client skips the ID token's signature for a token from the token endpoint (TLS vouches for it, as OpenID
    // Connect allows); the non-repudiation checks verify it against the issuer's keys all the same.
    const execute = insecure
      ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks]
      : [oidc.enableNonRepudiationChecks];
    configuration = oidc
      .discovery(issuer, provider.clientId, provider.clientSecret, undefined, { timeout: 10, execute })
      .catch((error: unknown) => {
        configurations.delete(key);
        throw new SsoError(PROVIDER_UNREACHABLE, `discovery mislukt (${errorCode(error)})`);
      });
    configurations.set(key, configuration);
  }
  return configuration;
}

/**
 * The OAuth error codes the audit trail takes over from a provider's answer. The callback's query string is anyone's
 * to write (a link can carry any `error` or `error_description`), so only a known code is recorded, never free text.
 */
const OAUTH_ERRORS: ReadonlySet<string> = new Set([
  'access_denied',
  'login_required',
  'interaction_required',
  'consent_required',
  'invalid_request',
  'unauthorized_client',
  'server_error',
  'temporarily_unavailable',
  'invalid_grant',
  'invalid_client',
]);
const oauthErrorCode = (code: unknown) =>
  typeof code === 'string' && OAUTH_ERRORS.has(code) ? code : 'onbekende fout';

/** The error's code (openid-client's, e.g. OAUTH_JWT_CLAIM_COMPARISON_FAILED) for the audit trail; never its data. */
export function errorCode(error: unknown): string {
  if (error instanceof oidc.AuthorizationResponseError)
    return `antwoord van de provider: ${oauthErrorCode(error.error)}`;
  if (error instanceof oidc.ResponseBodyError) return `tokenverzoek geweigerd: ${oauthErrorCode(error.error)}`;
  // The library's messages are fixed sentences ("JWT "aud" (audience) claim value mismatch"); its data stays in `cause`.
  const code = (error as { code?: unknown })?.code;
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const message = error instanceof Error ? `${error.message}${cause}`.slice(0, 300) : '';
  return [typeof code === 'string' ? code : error instanceof Error ? error.name : 'onbekende fout', message]
    .filter(Boolean)
    .join(': ');
}

/** The role the claims give: the highest whose values the role claim holds, else the default role (null: none). */
export function mappedRole(
  provider: Pick<ProviderSettings, 'roleClaim' | 'viewerValues' | 'editorValues' | 'adminValues' | 'defaultRole'>,
  claims: Record<string, unknown>,
): Role | null {
  const raw = provider.roleClaim ? claims[provider.roleClaim] : undefined;
  const values = new Set(
    (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/\s+/) : []).filter(
      (v): v is string => typeof v === 'string',
    ),
  );
  const holds = (stored: string) => words(stored).some((value) => values.has(value));
  if (holds(provider.adminValues)) return 'ADMIN';
  if (holds(provider.editorValues)) return 'EDITOR';
  if (holds(provider.viewerValues)) return 'VIEWER';
  return provider.defaultRole;
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);
export const userGid = (id: string) => encodeGlobalID('User', id);

/**
 * Whether the provider vouches for this address now: its domain among the provider's domains and among its
 * organisation's domains as they are now (a domain the organisation gave up is no longer its provider's to vouch for).
 * Asked at every sign-in, linked or not: a link made under other settings does not outlast them.
 */
export async function vouchesFor(
  db: Database,
  provider: Pick<ProviderSettings, 'organisationId' | 'emailDomains'>,
  email: string,
) {
  const domain = domainOf(normaliseEmail(email));
  if (!words(provider.emailDomains).includes(domain)) return false;
  const organisation = await db.prisma.organisation.findUnique({
    where: { id: provider.organisationId },
    select: { emailDomains: true },
  });
  return words(organisation?.emailDomains ?? '').includes(domain);
}

export const foreignDomain = (provider: { name: string }, email: string) =>
  new SsoError(
    `Het e-mailadres ${email} hoort niet bij de maildomeinen waarvoor ${provider.name} mag inloggen.`,
    'maildomein niet vertrouwd',
  );

/** The enabled provider that vouches for this address's mail domain, if any. */
export async function providerForEmail(db: Database, email: string) {
  const domain = domainOf(normaliseEmail(email));
  const providers = await db.prisma.identityProvider.findMany({
    where: { enabled: true, emailDomains: { contains: domain } },
    orderBy: { createdAt: 'asc' },
  });
  return providers.find((p) => words(p.emailDomains).includes(domain)) ?? null;
}

/**
 * Starts a sign-in at the provider: a new flow (state, nonce, code verifier) on the server and the authorization URL
 * to send the browser to. The flow token goes into the browser's cookie; only its hash is stored.
 */
export async function startSignIn(
  db: Database,
  provider: ProviderSettings,
  options: { redirectUri: string; returnPath: string; loginHint?: string | undefined },
): Promise<{ url: string; flowToken: string; expiresAt: Date }> {
  if (!provider.enabled)
    throw new SsoError('Inloggen via deze organisatie staat uit. Log in met je wachtwoord.', 'provider staat uit');
  const configuration = await providerConfiguration(provider);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const flowToken = newSecret('gpf');
  const expiresAt = new Date(Date.now() + FLOW_MINUTES * 60_000);
  await db.prisma.ssoFlow.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await db.prisma.ssoFlow.create({
    data: {
      id: sha256(flowToken),
      providerId: provider.id,
      state,
      nonce,
      codeVerifier,
      redirectUri: options.redirectUri,
      returnPath: options.returnPath,
      expiresAt,
    },
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: options.redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  });
  return { url: url.href, flowToken, expiresAt };
}

/** A flow waiting for an existing account's password, while it lasts; null otherwise. */

/**
 * Where the browser goes to end the provider's session too (single sign-out), for a session opened through a provider
 * that offers an end-session endpoint; null otherwise. Asked before the local session ends.
 */
export async function providerSignOutUrl(
  db: Database,
  sessionToken: string,
  postLogoutRedirectUri: string,
): Promise<string | null> {
  const sso = await db.prisma.ssoSession.findUnique({
    where: { sessionId: sha256(sessionToken) },
    include: { provider: true },
  });
  if (!sso) return null;
  try {
    const configuration = await providerConfiguration(sso.provider as ProviderSettings);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, {
      id_token_hint: sso.idToken,
      post_logout_redirect_uri: postLogoutRedirectUri,
    }).href;
  } catch {
    // The provider cannot be reached: the local session still ends.
    return null;
  }
}
