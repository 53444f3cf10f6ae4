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
import { type AuditSource, recordAudit, type Tx } from './audit.ts';
import { endAccess, newSecret, normaliseEmail, openSession, passwordMatches, SignInThrottledError, sha256, takeSignInAttempt } from './auth.ts';
import type { Role } from './context.ts';
import { sendNotice } from './mail.ts';
import {
  activeFactors,
  checkAnswer,
  countAnswer,
  forgetFailures,
  methodOf,
  recordWrongAnswer,
  MESSAGES as SECOND_STEP,
  SecondStepError,
} from './second-factor.ts';

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

export const FLOW_GONE = 'Deze inlogpoging is verlopen, al gebruikt of in een andere browser begonnen. Begin opnieuw bij "Inloggen via je organisatie".';
export const ANSWER_REFUSED =
  'Het antwoord van je organisatie kon niet worden gecontroleerd, dus je bent niet ingelogd. Begin opnieuw bij "Inloggen via je organisatie"; lukt het weer niet, meld het dan bij de beheerder van Grondplan.';
export const INSTANCE_ADMIN_REFUSED =
  'Beheerders van Grondplan loggen in met hun wachtwoord en tweede factor, niet via een organisatie. Log in met je wachtwoord.';
const instanceAdminRefusal = () => new SsoError(INSTANCE_ADMIN_REFUSED, 'beheerder van Grondplan: alleen wachtwoord en tweede factor');
export const PROVIDER_UNREACHABLE =
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
    if (insecure && !isLoopback(issuer)) return Promise.reject(new SsoError(PROVIDER_UNREACHABLE, 'issuer zonder https'));
    // openid-client skips the ID token's signature for a token from the token endpoint (TLS vouches for it, as OpenID
    // Connect allows); the non-repudiation checks verify it against the issuer's keys all the same.
    const execute = insecure ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] : [oidc.enableNonRepudiationChecks];
    configuration = oidc.discovery(issuer, provider.clientId, provider.clientSecret, undefined, { timeout: 10, execute }).catch((error: unknown) => {
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
export const oauthErrorCode = (code: unknown) => (typeof code === 'string' && OAUTH_ERRORS.has(code) ? code : 'onbekende fout');

/** The error's code (openid-client's, e.g. OAUTH_JWT_CLAIM_COMPARISON_FAILED) for the audit trail; never its data. */
function errorCode(error: unknown): string {
  if (error instanceof oidc.AuthorizationResponseError) return `antwoord van de provider: ${oauthErrorCode(error.error)}`;
  if (error instanceof oidc.ResponseBodyError) return `tokenverzoek geweigerd: ${oauthErrorCode(error.error)}`;
  // The library's messages are fixed sentences ("JWT "aud" (audience) claim value mismatch"); its data stays in `cause`.
  const code = (error as { code?: unknown })?.code;
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const message = error instanceof Error ? `${error.message}${cause}`.slice(0, 300) : '';
  return [typeof code === 'string' ? code : error instanceof Error ? error.name : 'onbekende fout', message].filter(Boolean).join(': ');
}

/** The role the claims give: the highest whose values the role claim holds, else the default role (null: none). */
export function mappedRole(
  provider: Pick<ProviderSettings, 'roleClaim' | 'viewerValues' | 'editorValues' | 'adminValues' | 'defaultRole'>,
  claims: Record<string, unknown>,
): Role | null {
  const raw = provider.roleClaim ? claims[provider.roleClaim] : undefined;
  const values = new Set((Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/\s+/) : []).filter((v): v is string => typeof v === 'string'));
  const holds = (stored: string) => words(stored).some((value) => values.has(value));
  if (holds(provider.adminValues)) return 'ADMIN';
  if (holds(provider.editorValues)) return 'EDITOR';
  if (holds(provider.viewerValues)) return 'VIEWER';
  return provider.defaultRole;
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);
const userGid = (id: string) => encodeGlobalID('User', id);

/**
 * Whether the provider vouches for this address now: its domain among the provider's domains and among its
 * organisation's domains as they are now (a domain the organisation gave up is no longer its provider's to vouch for).
 * Asked at every sign-in, linked or not: a link made under other settings does not outlast them.
 */
async function vouchesFor(db: Database, provider: Pick<ProviderSettings, 'organisationId' | 'emailDomains'>, email: string) {
  const domain = domainOf(normaliseEmail(email));
  if (!words(provider.emailDomains).includes(domain)) return false;
  const organisation = await db.prisma.organisation.findUnique({ where: { id: provider.organisationId }, select: { emailDomains: true } });
  return words(organisation?.emailDomains ?? '').includes(domain);
}

const foreignDomain = (provider: { name: string }, email: string) =>
  new SsoError(`Het e-mailadres ${email} hoort niet bij de maildomeinen waarvoor ${provider.name} mag inloggen.`, 'maildomein niet vertrouwd');

/** The enabled provider that vouches for this address's mail domain, if any. */
export async function providerForEmail(db: Database, email: string) {
  const domain = domainOf(normaliseEmail(email));
  const providers = await db.prisma.identityProvider.findMany({ where: { enabled: true, emailDomains: { contains: domain } }, orderBy: { createdAt: 'asc' } });
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
  if (!provider.enabled) throw new SsoError('Inloggen via deze organisatie staat uit. Log in met je wachtwoord.', 'provider staat uit');
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

export interface RequestDetails {
  address: string;
  userAgent: string;
  source: AuditSource;
}

export type SignInOutcome =
  | { kind: 'SIGNED_IN'; token: string; expiresAt: Date; returnPath: string }
  | { kind: 'LINK_REQUIRED'; email: string; providerName: string; returnPath: string };

/** Audits a refused sign-in through a provider (outside any transaction that rolls back) and throws the refusal. */
async function refuse(
  db: Database,
  details: RequestDetails,
  provider: { id: string; name: string; organisationId: string } | null,
  error: SsoError,
  email?: string,
): Promise<never> {
  await db.prisma.$transaction((tx) =>
    recordAudit(tx, {
      actor: { label: email ?? (provider ? `via ${provider.name}` : 'onbekend') },
      source: details.source,
      organisationId: provider?.organisationId ?? null,
      entityType: 'Session',
      entityId: '',
      action: 'SIGN_IN_FAILED',
      before: null,
      after: { email: email ?? null, address: details.address, method: 'OIDC', provider: provider?.name ?? null, reason: error.reason },
    }),
  );
  throw error;
}

/**
 * Ends a sign-in at the provider: the flow is taken (deleted) first, so a callback is handled once whatever happens
 * next; then the code is exchanged and the ID token checked by openid-client.
 */
export async function completeSignIn(db: Database, flowToken: string, callbackUrl: string, details: RequestDetails): Promise<SignInOutcome> {
  const id = sha256(flowToken || 'none');
  const flow = await db.prisma.ssoFlow.findUnique({ where: { id }, include: { provider: true } });
  const taken = flow ? await db.prisma.ssoFlow.deleteMany({ where: { id, stage: 'AUTHORIZING' } }) : { count: 0 };
  if (!flow || taken.count !== 1 || flow.expiresAt.getTime() < Date.now())
    return refuse(db, details, flow?.provider ?? null, new SsoError(FLOW_GONE, 'inlogpoging onbekend, verlopen of al gebruikt'));
  const provider = flow.provider as ProviderSettings;
  if (!provider.enabled) return refuse(db, details, provider, new SsoError('Inloggen via deze organisatie staat uit.', 'provider staat uit'));

  let claims: oidc.IDToken;
  let idToken: string;
  try {
    const configuration = await providerConfiguration(provider);
    const current = new URL(callbackUrl);
    // The state is compared here too, before anything is sent to the provider.
    if (current.searchParams.get('state') !== flow.state && !current.searchParams.has('error'))
      return refuse(db, details, provider, new SsoError(ANSWER_REFUSED, 'state klopt niet'));
    const tokens = await oidc.authorizationCodeGrant(
      configuration,
      current,
      { pkceCodeVerifier: flow.codeVerifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true },
      { redirect_uri: flow.redirectUri },
    );
    const checked = tokens.claims();
    if (!checked || !tokens.id_token) throw new SsoError(ANSWER_REFUSED, 'geen ID-token');
    claims = checked;
    idToken = tokens.id_token;
  } catch (error) {
    if (error instanceof SsoError) return refuse(db, details, provider, error);
    if (error instanceof oidc.AuthorizationResponseError && error.error === 'access_denied')
      return refuse(db, details, provider, new SsoError('Je organisatie heeft het inloggen afgebroken of geweigerd.', errorCode(error)));
    return refuse(db, details, provider, new SsoError(ANSWER_REFUSED, `ID-token of antwoord ongeldig (${errorCode(error)})`));
  }

  const subject = claims.sub;
  const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : '';
  const role = mappedRole(provider, claims);
  const noRole = new SsoError(
    `Je organisatie geeft je via ${provider.name} geen rol in Grondplan. Vraag de beheerder van je organisatie om je toegang te geven.`,
    'geen rol in de claims',
  );

  const identity = await db.prisma.userIdentity.findUnique({ where: { providerId_subject: { providerId: provider.id, subject } }, include: { user: true } });
  if (identity) {
    // The account's address, checked as at the first sign-in, before anything else: a provider that moved to another
    // organisation or gave up the domain no longer signs in (nor gives a role to) the accounts it linked before.
    if (!(await vouchesFor(db, provider, identity.user.email)))
      return refuse(db, details, provider, foreignDomain(provider, identity.user.email), identity.user.email);
    if (identity.user.disabledAt)
      return refuse(
        db,
        details,
        provider,
        new SsoError('Dit account is geblokkeerd. Neem contact op met de beheerder van Grondplan.', 'account geblokkeerd'),
        identity.user.email,
      );
    // Sessions through a provider skip the second factor, which every instance administrator has.
    if (identity.user.isInstanceAdmin) return refuse(db, details, provider, instanceAdminRefusal(), identity.user.email);
    if (!role) {
      // The provider no longer gives a role: the membership it gave goes too (the mapped role wins).
      await db.prisma.$transaction((tx) => applyRole(tx, provider, identity.user, null, details));
      return refuse(db, details, provider, noRole, identity.user.email);
    }
    const session = await db.prisma.$transaction(async (tx) => {
      await tx.userIdentity.update({ where: { id: identity.id }, data: { lastSignInAt: new Date() } });
      await applyRole(tx, provider, identity.user, role, details);
      return openProviderSession(tx, provider, identity.user, idToken, details);
    });
    return { kind: 'SIGNED_IN', ...session, returnPath: flow.returnPath };
  }

  // Not linked yet: only a verified address in a domain the provider vouches for.
  if (!email)
    return refuse(
      db,
      details,
      provider,
      new SsoError(`${provider.name} gaf geen e-mailadres door. Vraag de beheerder van je organisatie om het e-mailadres mee te sturen.`, 'geen e-mailadres'),
    );
  if (claims.email_verified !== true)
    return refuse(
      db,
      details,
      provider,
      new SsoError(
        `${provider.name} heeft je e-mailadres niet als bevestigd doorgegeven, dus Grondplan kan het niet aan een account koppelen.`,
        'e-mailadres niet bevestigd',
      ),
      email,
    );
  if (!(await vouchesFor(db, provider, email))) return refuse(db, details, provider, foreignDomain(provider, email), email);
  if (!role) return refuse(db, details, provider, noRole, email);

  const existing = await db.prisma.user.findUnique({ where: { email } });
  if (existing) {
    if (existing.disabledAt)
      return refuse(
        db,
        details,
        provider,
        new SsoError('Dit account is geblokkeerd. Neem contact op met de beheerder van Grondplan.', 'account geblokkeerd'),
        email,
      );
    if (existing.isInstanceAdmin) return refuse(db, details, provider, instanceAdminRefusal(), email);
    // Confirmed with the existing password before anything is linked: the flow continues as LINKING.
    await db.prisma.ssoFlow.create({
      data: {
        id,
        providerId: provider.id,
        stage: 'LINKING',
        state: '',
        nonce: '',
        codeVerifier: '',
        redirectUri: flow.redirectUri,
        returnPath: flow.returnPath,
        userId: existing.id,
        subject,
        role,
        idToken,
        expiresAt: new Date(Date.now() + FLOW_MINUTES * 60_000),
      },
    });
    return { kind: 'LINK_REQUIRED', email, providerName: provider.name, returnPath: flow.returnPath };
  }

  const session = await db.prisma.$transaction(async (tx) => {
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : (email.split('@')[0] ?? email);
    const user = await tx.user.create({ data: { email, name, passwordHash: '' } });
    await tx.userIdentity.create({ data: { userId: user.id, providerId: provider.id, subject } });
    await tx.userMembership.create({ data: { userId: user.id, organisationId: provider.organisationId, role } });
    await recordAudit(tx, {
      actor: { label: `via ${provider.name}` },
      source: details.source,
      organisationId: provider.organisationId,
      entityType: 'User',
      entityId: userGid(user.id),
      action: 'SSO_PROVISION',
      before: null,
      after: { email, provider: provider.name, role },
    });
    return openProviderSession(tx, provider, user, idToken, details);
  });
  return { kind: 'SIGNED_IN', ...session, returnPath: flow.returnPath };
}

/** A flow waiting for an existing account's password, while it lasts; null otherwise. */
async function linkingFlow(db: Database, id: string) {
  const flow = await db.prisma.ssoFlow.findUnique({ where: { id }, include: { provider: true } });
  if (flow?.stage !== 'LINKING' || flow.expiresAt.getTime() < Date.now()) return null;
  const { userId, subject, role, idToken } = flow;
  return userId && subject && role && idToken ? { ...flow, userId, subject, role, idToken } : null;
}

/** What a LINKING flow asks: whose password, for which provider. Null when the flow is gone. */
export async function pendingLink(db: Database, flowToken: string) {
  const flow = await linkingFlow(db, sha256(flowToken || 'none'));
  if (!flow) return null;
  const user = await db.prisma.user.findUnique({ where: { id: flow.userId }, select: { email: true } });
  return user ? { email: user.email, providerName: flow.provider.name, returnPath: flow.returnPath } : null;
}

export const WRONG_PASSWORD = 'Het wachtwoord klopt niet. Vul het wachtwoord in waarmee je tot nu toe in Grondplan inlogde.';

export const NO_SECOND_FACTOR = 'Je account heeft een tweede factor. Vul ook de code in die je authenticator-app nu toont, of een ongebruikte herstelcode.';

/** The second factor given while linking: a code from the authenticator app or a recovery code (no passkey here). */
export interface LinkSecondFactor {
  code?: string | null | undefined;
  recoveryCode?: string | null | undefined;
}

/**
 * Links the provider's account to the existing account once its owner gave that account's password, and its second
 * factor when it has one (checked as in the second step of a sign-in: replay, the account's window and lock, the
 * owner mailed), and signs in. A wrong password or code counts; after LINK_ATTEMPTS the flow ends. The flow is taken
 * once, so a link cannot be replayed.
 */
export async function confirmLink(
  db: Database,
  flowToken: string,
  password: string,
  details: RequestDetails,
  secondFactor: LinkSecondFactor = {},
): Promise<SignInOutcome & { kind: 'SIGNED_IN' }> {
  const id = sha256(flowToken || 'none');
  const flow = await linkingFlow(db, id);
  if (!flow) return refuse(db, details, null, new SsoError(FLOW_GONE, 'koppelen: inlogpoging onbekend of verlopen'));
  const provider = flow.provider as ProviderSettings;
  const user = await db.prisma.user.findUniqueOrThrow({ where: { id: flow.userId } });
  // The provider's domains or organisation may have changed while the link waited for the password.
  if (!(await vouchesFor(db, provider, user.email))) {
    await db.prisma.ssoFlow.deleteMany({ where: { id } });
    return refuse(db, details, provider, foreignDomain(provider, user.email), user.email);
  }
  // The attempt is taken before the (slow) password check, atomically: of any number of parallel guesses at most
  // LINK_ATTEMPTS reach it. The same guesses count in the sign-in throttle, so a new flow does not reset the budget.
  const taken = await db.prisma.ssoFlow.updateMany({ where: { id, stage: 'LINKING', attempts: { lt: LINK_ATTEMPTS } }, data: { attempts: { increment: 1 } } });
  if (taken.count !== 1) {
    await db.prisma.ssoFlow.deleteMany({ where: { id } });
    return refuse(db, details, provider, new SsoError(FLOW_GONE, 'koppelen: pogingen op'), user.email);
  }
  let key: string;
  try {
    ({ key } = await takeSignInAttempt(db, user.email, details.address, details.source));
  } catch (error) {
    if (error instanceof SignInThrottledError) return refuse(db, details, provider, new SsoError(error.message, 'koppelen: te vaak geprobeerd'), user.email);
    throw error;
  }
  /** Refuses a wrong answer (its attempt was taken above); the last attempt ends the flow. */
  const wrong = async (message: string, reason: string, field: string | null) => {
    const { attempts } = (await db.prisma.ssoFlow.findUnique({ where: { id }, select: { attempts: true } })) ?? { attempts: LINK_ATTEMPTS };
    const last = attempts >= LINK_ATTEMPTS;
    if (last) await db.prisma.ssoFlow.deleteMany({ where: { id } });
    return refuse(
      db,
      details,
      provider,
      new SsoError(last ? `${message} Dit was de laatste poging: begin opnieuw bij "Inloggen via je organisatie".` : message, reason, last ? null : field),
      user.email,
    );
  };
  if (!(await passwordMatches(user.passwordHash, password))) return wrong(WRONG_PASSWORD, 'koppelen: onjuist wachtwoord', null);
  if (!user.disabledAt && (await activeFactors(db.prisma, user.id)).count > 0) {
    const method = methodOf({ code: secondFactor.code, recoveryCode: secondFactor.recoveryCode });
    if (!method) return refuse(db, details, provider, new SsoError(NO_SECOND_FACTOR, 'koppelen: geen tweede factor', 'code'), user.email);
    let failure: string;
    try {
      failure = await countAnswer(db, user.id);
    } catch (error) {
      if (error instanceof SecondStepError)
        return refuse(db, details, provider, new SsoError(error.message, 'koppelen: tweede stap geblokkeerd', 'code'), user.email);
      throw error;
    }
    const passed = await db.prisma.$transaction(async (tx) => {
      if (!(await checkAnswer(tx, user.id, method, secondFactor, null))) return false;
      await forgetFailures(tx, user.id, failure);
      return true;
    });
    if (!passed) {
      await recordWrongAnswer(db, user, method, { address: details.address, source: details.source });
      return wrong(SECOND_STEP.wrongCode, 'koppelen: onjuiste code', 'code');
    }
  }
  if (user.disabledAt)
    return refuse(
      db,
      details,
      provider,
      new SsoError('Dit account is geblokkeerd. Neem contact op met de beheerder van Grondplan.', 'account geblokkeerd'),
      user.email,
    );
  if (user.isInstanceAdmin) return refuse(db, details, provider, instanceAdminRefusal(), user.email);
  const { role, subject, idToken } = flow;
  const session = await db.prisma.$transaction(async (tx) => {
    const used = await tx.ssoFlow.deleteMany({ where: { id, stage: 'LINKING' } });
    if (used.count !== 1) throw new SsoError(FLOW_GONE, 'koppelen: al gebruikt');
    await tx.signInAttempt.deleteMany({ where: { email: user.email, address: key } });
    await tx.userIdentity.create({ data: { userId: user.id, providerId: provider.id, subject } });
    await recordAudit(tx, {
      actor: { userId: user.id, email: user.email },
      source: details.source,
      organisationId: provider.organisationId,
      entityType: 'User',
      entityId: userGid(user.id),
      action: 'SSO_LINK',
      before: null,
      after: { email: user.email, provider: provider.name },
    });
    await applyRole(tx, provider, user, role, details);
    return openProviderSession(tx, provider, user, idToken, details);
  });
  sendNotice(user.email, { kind: 'NEW_SIGN_IN_METHOD', detail: `inloggen via ${provider.name}`, when: new Date(), address: details.address || undefined });
  return { kind: 'SIGNED_IN', ...session, returnPath: flow.returnPath };
}

/** Sets the membership in the provider's organisation to the mapped role (none: removed), audited when it changes. */
async function applyRole(
  tx: Tx,
  provider: ProviderSettings,
  user: { id: string; email: string; isInstanceAdmin: boolean },
  role: Role | null,
  details: RequestDetails,
) {
  const where = { userId_organisationId: { userId: user.id, organisationId: provider.organisationId } };
  const current = await tx.userMembership.findUnique({ where, select: { role: true } });
  if ((current?.role ?? null) === role) return;
  const base = { actor: { label: `via ${provider.name}` }, source: details.source, organisationId: provider.organisationId, entityId: userGid(user.id) };
  if (!role) {
    await tx.userMembership.delete({ where });
    // The last membership gone (as removeMembership does): the account's sessions and API tokens end with it.
    const left = await tx.userMembership.count({ where: { userId: user.id } });
    const ended = left === 0 && !user.isInstanceAdmin ? await endAccess(tx, user.id) : null;
    await recordAudit(tx, {
      ...base,
      entityType: 'Membership',
      action: 'DELETE',
      before: { email: user.email, role: current?.role ?? null },
      after: ended ? { accessEnded: true } : null,
    });
  } else if (!current) {
    await tx.userMembership.create({ data: { userId: user.id, organisationId: provider.organisationId, role } });
    await recordAudit(tx, { ...base, entityType: 'Membership', action: 'CREATE', before: null, after: { email: user.email, role } });
  } else {
    await tx.userMembership.update({ where, data: { role } });
    await recordAudit(tx, {
      ...base,
      entityType: 'Membership',
      action: 'UPDATE',
      before: { email: user.email, role: current.role },
      after: { email: user.email, role },
    });
  }
}

async function openProviderSession(tx: Tx, provider: ProviderSettings, user: { id: string; email: string }, idToken: string, details: RequestDetails) {
  const session = await openSession(tx, user.id, { address: details.address, userAgent: details.userAgent, method: 'OIDC' });
  await tx.ssoSession.create({ data: { sessionId: sha256(session.token), providerId: provider.id, idToken } });
  await recordAudit(tx, {
    actor: { userId: user.id, email: user.email },
    source: details.source,
    organisationId: null,
    entityType: 'Session',
    entityId: userGid(user.id),
    action: 'SIGN_IN',
    before: null,
    after: { email: user.email, address: details.address, method: 'OIDC', provider: provider.name },
  });
  return session;
}

/**
 * Where the browser goes to end the provider's session too (single sign-out), for a session opened through a provider
 * that offers an end-session endpoint; null otherwise. Asked before the local session ends.
 */
export async function providerSignOutUrl(db: Database, sessionToken: string, postLogoutRedirectUri: string): Promise<string | null> {
  const sso = await db.prisma.ssoSession.findUnique({ where: { sessionId: sha256(sessionToken) }, include: { provider: true } });
  if (!sso) return null;
  try {
    const configuration = await providerConfiguration(sso.provider as ProviderSettings);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, { id_token_hint: sso.idToken, post_logout_redirect_uri: postLogoutRedirectUri }).href;
  } catch {
    // The provider cannot be reached: the local session still ends.
    return null;
  }
}
