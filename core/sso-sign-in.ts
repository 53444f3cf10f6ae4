// Completing a sign-in through an identity provider: the provider's answer checked, the account found, made or sent to linking, its role in the provider's organisation set, and the session opened.
import * as oidc from 'openid-client';
import type { Database } from '#prisma/client.ts';
import { type AuditSource, recordAudit, type Tx } from './audit.ts';
import { endAccess, normaliseEmail, openSession, sha256 } from './auth.ts';
import type { Role } from './context.ts';
import {
  ANSWER_REFUSED,
  accountBlocked,
  errorCode,
  FLOW_GONE,
  FLOW_MINUTES,
  foreignDomain,
  instanceAdminRefusal,
  mappedRole,
  type ProviderSettings,
  providerConfiguration,
  SsoError,
  userGid,
  vouchesFor,
} from './sso.ts';

export interface RequestDetails {
  address: string;
  userAgent: string;
  source: AuditSource;
}

export type SignInOutcome =
  | { kind: 'SIGNED_IN'; token: string; expiresAt: Date; returnPath: string }
  | { kind: 'LINK_REQUIRED'; email: string; providerName: string; returnPath: string };

/** Audits a refused sign-in through a provider (outside any transaction that rolls back) and throws the refusal. */
export async function refuse(
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
      after: {
        email: email ?? null,
        address: details.address,
        method: 'OIDC',
        provider: provider?.name ?? null,
        reason: error.reason,
      },
    }),
  );
  throw error;
}

/**
 * Ends a sign-in at the provider: the flow is taken (deleted) first, so a callback is handled once whatever happens
 * next; then the code is exchanged and the ID token checked by openid-client.
 */
export async function completeSignIn(
  db: Database,
  flowToken: string,
  callbackUrl: string,
  details: RequestDetails,
): Promise<SignInOutcome> {
  const id = sha256(flowToken || 'none');
  const flow = await db.prisma.ssoFlow.findUnique({ where: { id }, include: { provider: true } });
  const taken = flow ? await db.prisma.ssoFlow.deleteMany({ where: { id, stage: 'AUTHORIZING' } }) : { count: 0 };
  if (!flow || taken.count !== 1 || flow.expiresAt.getTime() < Date.now())
    return refuse(
      db,
      details,
      flow?.provider ?? null,
      new SsoError(FLOW_GONE, 'inlogpoging onbekend, verlopen of al gebruikt'),
    );
  const provider = flow.provider as ProviderSettings;
  if (!provider.enabled)
    return refuse(
      db,
      details,
      provider,
      new SsoError('Inloggen via deze organisatie staat uit.', 'provider staat uit'),
    );

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
      {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      },
      { redirect_uri: flow.redirectUri },
    );
    const checked = tokens.claims();
    if (!checked || !tokens.id_token) throw new SsoError(ANSWER_REFUSED, 'geen ID-token');
    claims = checked;
    idToken = tokens.id_token;
  } catch (error) {
    if (error instanceof SsoError) return refuse(db, details, provider, error);
    if (error instanceof oidc.AuthorizationResponseError && error.error === 'access_denied')
      return refuse(
        db,
        details,
        provider,
        new SsoError('Je organisatie heeft het inloggen afgebroken of geweigerd.', errorCode(error)),
      );
    return refuse(
      db,
      details,
      provider,
      new SsoError(ANSWER_REFUSED, `ID-token of antwoord ongeldig (${errorCode(error)})`),
    );
  }

  const subject = claims.sub;
  const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : '';
  const role = mappedRole(provider, claims);
  const noRole = new SsoError(
    `Je organisatie geeft je via ${provider.name} geen rol in Grondplan. Vraag de beheerder van je organisatie om je toegang te geven.`,
    'geen rol in de claims',
  );

  const identity = await db.prisma.userIdentity.findUnique({
    where: { providerId_subject: { providerId: provider.id, subject } },
    include: { user: true },
  });
  if (identity) {
    // The account's address, checked as at the first sign-in, before anything else: a provider that moved to another
    // organisation or gave up the domain no longer signs in (nor gives a role to) the accounts it linked before.
    if (!(await vouchesFor(db, provider, identity.user.email)))
      return refuse(db, details, provider, foreignDomain(provider, identity.user.email), identity.user.email);
    if (identity.user.disabledAt) return refuse(db, details, provider, accountBlocked(), identity.user.email);
    // Sessions through a provider skip the second factor, which every instance administrator has.
    if (identity.user.isInstanceAdmin)
      return refuse(db, details, provider, instanceAdminRefusal(), identity.user.email);
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
      new SsoError(
        `${provider.name} gaf geen e-mailadres door. Vraag de beheerder van je organisatie om het e-mailadres mee te sturen.`,
        'geen e-mailadres',
      ),
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
  if (!(await vouchesFor(db, provider, email)))
    return refuse(db, details, provider, foreignDomain(provider, email), email);
  if (!role) return refuse(db, details, provider, noRole, email);

  const existing = await db.prisma.user.findUnique({ where: { email } });
  if (existing) {
    if (existing.disabledAt) return refuse(db, details, provider, accountBlocked(), email);
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
    const name =
      typeof claims.name === 'string' && claims.name.trim()
        ? claims.name.trim().slice(0, 200)
        : (email.split('@')[0] ?? email);
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

/** Sets the membership in the provider's organisation to the mapped role (none: removed), audited when it changes. */
export async function applyRole(
  tx: Tx,
  provider: ProviderSettings,
  user: { id: string; email: string; isInstanceAdmin: boolean },
  role: Role | null,
  details: RequestDetails,
) {
  const where = { userId_organisationId: { userId: user.id, organisationId: provider.organisationId } };
  const current = await tx.userMembership.findUnique({ where, select: { role: true } });
  if ((current?.role ?? null) === role) return;
  const base = {
    actor: { label: `via ${provider.name}` },
    source: details.source,
    organisationId: provider.organisationId,
    entityId: userGid(user.id),
  };
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
    await recordAudit(tx, {
      ...base,
      entityType: 'Membership',
      action: 'CREATE',
      before: null,
      after: { email: user.email, role },
    });
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

export async function openProviderSession(
  tx: Tx,
  provider: ProviderSettings,
  user: { id: string; email: string },
  idToken: string,
  details: RequestDetails,
) {
  const session = await openSession(tx, user.id, {
    address: details.address,
    userAgent: details.userAgent,
    method: 'OIDC',
  });
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
