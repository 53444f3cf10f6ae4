// What follows from an organisation's sign-in policy: the access its members got with a password ends when password
// sign-in goes off, and an organisation left without an enabled provider signs in with passwords again.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { recordAudit, type Tx } from './audit.ts';
import type { Context, Viewer } from './context.ts';

/**
 * Password sign-in switched off: the access members got without the provider ends with it, in the caller's
 * transaction. Their sessions not opened through a provider end and their API tokens are revoked (a token was made
 * in a password session, and would otherwise outlive the switch); instance administrators keep theirs, and the caller
 * the credential of this request.
 */
export async function endPasswordAccess(tx: Tx, organisationId: string, caller: Viewer) {
  const members = { memberships: { some: { organisationId } }, isInstanceAdmin: false };
  // The caller's own credential stays, as when changing one's own password: the page answers in that session.
  const kept = { id: { not: caller.credentialId } };
  const sessions = await tx.session.deleteMany({
    where: { method: { not: 'OIDC' }, user: members, ...(caller.via === 'UI' ? kept : {}) },
  });
  // A password sign-in under way (waiting for its second step) would otherwise still open a password session.
  await tx.secondFactorChallenge.deleteMany({ where: { user: members } });
  const tokens = await tx.apiToken.updateMany({
    where: { revokedAt: null, user: members, ...(caller.via === 'API' ? kept : {}) },
    data: { revokedAt: new Date() },
  });
  return { sessions: sessions.count, tokens: tokens.count };
}

/** Switches password sign-in back on for an organisation without an enabled provider, audited. */
export async function restorePasswordSignIn(tx: Tx, viewer: Viewer, source: Context['source'], organisationId: string) {
  const org = await tx.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    select: { passwordSignIn: true, identityProviders: { where: { enabled: true }, select: { id: true }, take: 1 } },
  });
  if (org.passwordSignIn || org.identityProviders.length > 0) return;
  await tx.organisation.update({ where: { id: organisationId }, data: { passwordSignIn: true } });
  await recordAudit(tx, {
    actor: viewer,
    source,
    organisationId,
    entityType: 'Organisation',
    entityId: encodeGlobalID('Organisation', organisationId),
    action: 'UPDATE',
    before: { passwordSignIn: false },
    after: { passwordSignIn: true },
  });
}
