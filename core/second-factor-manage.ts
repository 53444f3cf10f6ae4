// Managing the second factors of an account: setting up the authenticator app, adding and removing passkeys, new recovery codes, each after the owner proves who they are.
import {
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Database } from '#prisma/client.ts';
import { type AuditSource, recordAudit, type Tx } from './audit.ts';
import { newSecret, passwordMatches, sha256 } from './auth.ts';
import type { Viewer } from './context.ts';
import {
  activeFactors,
  ISSUER,
  MESSAGES,
  newTotpSecret,
  replaceRecoveryCodes,
  SECOND_STEP_MINUTES,
  secondFactorRequired,
  totpStep,
  totpUri,
  userGid,
  useTotp,
} from './second-factor.ts';
import { rpId, type WebAuthnSite } from './second-step.ts';
import { accountWait } from './second-step-failures.ts';

// ---------------------------------------------------------------------------------------------------- managing factors

type Actor = Pick<Viewer, 'userId' | 'email'> & { credentialId?: string; via?: Viewer['via'] };

/**
 * Whether adding a factor needs the password given again: when the account has a factor already, and when the
 * session came from an identity provider while the account has a password of its own (the provider's session proved
 * nothing about that password, and a factor added there would stand between the owner and their password sign-in).
 */
export async function addingNeedsProof(db: Database, actor: Actor): Promise<boolean> {
  if ((await activeFactors(db.prisma, actor.userId)).count > 0) return true;
  if (actor.via !== 'UI' || !actor.credentialId) return false;
  const session = await db.prisma.session.findUnique({
    where: { id: actor.credentialId },
    select: { method: true, user: { select: { passwordHash: true } } },
  });
  return session?.method === 'OIDC' && session.user.passwordHash !== '';
}

async function auditFactor(
  tx: Tx,
  actor: Actor,
  source: AuditSource,
  action: 'ADD' | 'REMOVE' | 'RECOVERY_CODES',
  after: Record<string, unknown>,
) {
  await recordAudit(tx, {
    actor,
    source,
    organisationId: null,
    entityType: 'SecondFactor',
    entityId: userGid(actor.userId),
    action,
    before: null,
    after: { email: actor.email, ...after },
  });
}

/** Starts (or starts again) setting up the authenticator app: a new seed, not active until confirmed. Refused when one is active. */
export async function startTotpSetup(db: Database, actor: Actor): Promise<{ secret: string; uri: string } | null> {
  return db.prisma.$transaction(async (tx) => {
    const existing = await tx.totpFactor.findUnique({ where: { userId: actor.userId }, select: { confirmedAt: true } });
    if (existing?.confirmedAt) return null;
    const secret = newTotpSecret();
    await tx.totpFactor.upsert({
      where: { userId: actor.userId },
      create: { userId: actor.userId, secret },
      update: { secret, lastStep: 0, createdAt: new Date() },
    });
    return { secret, uri: totpUri(actor.email, secret) };
  });
}

/** The seed being set up (not yet confirmed), to show again on the setup page; null once it is active. */
export async function pendingTotp(db: Database, actor: Actor): Promise<{ secret: string; uri: string } | null> {
  const factor = await db.prisma.totpFactor.findUnique({
    where: { userId: actor.userId },
    select: { secret: true, confirmedAt: true },
  });
  return factor && !factor.confirmedAt ? { secret: factor.secret, uri: totpUri(actor.email, factor.secret) } : null;
}

/**
 * Adds the authenticator app as a factor: the first code confirms the seed being set up. When the account has a
 * factor already (a passkey), the password is asked again first (see proveIdentity). Returns the recovery codes when
 * the user had none yet (shown once), else an empty list; null when the code is wrong.
 */
export async function confirmTotp(
  db: Database,
  actor: Actor,
  code: string,
  proof: Proof,
  source: AuditSource,
): Promise<{ recoveryCodes: string[] } | null> {
  if (await addingNeedsProof(db, actor))
    await proveIdentity(db, actor, { password: proof.password }, { passwordOnly: true });
  return db.prisma.$transaction(async (tx) => {
    const factor = await tx.totpFactor.findUnique({ where: { userId: actor.userId } });
    if (!factor || factor.confirmedAt) return null;
    const step = await totpStep(factor.secret, code, 0);
    if (step === null) return null;
    await tx.totpFactor.update({ where: { userId: actor.userId }, data: { confirmedAt: new Date(), lastStep: step } });
    const recoveryCodes =
      (await tx.recoveryCode.count({ where: { userId: actor.userId, usedAt: null } })) === 0
        ? await replaceRecoveryCodes(tx, actor.userId)
        : [];
    await auditFactor(tx, actor, source, 'ADD', {
      factor: 'authenticator-app',
      recoveryCodesIssued: recoveryCodes.length,
    });
    return { recoveryCodes };
  });
}

/**
 * New recovery codes for a user with a factor, after the password or a current code from the app (proveIdentity); the
 * old ones stop working. Null without an active factor.
 */
export async function regenerateRecoveryCodes(
  db: Database,
  actor: Actor,
  proof: Proof,
  source: AuditSource,
): Promise<string[] | null> {
  if ((await activeFactors(db.prisma, actor.userId)).count === 0) return null;
  await proveIdentity(db, actor, proof);
  return db.prisma.$transaction(async (tx) => {
    if ((await activeFactors(tx, actor.userId)).count === 0) return null;
    const codes = await replaceRecoveryCodes(tx, actor.userId);
    await auditFactor(tx, actor, source, 'RECOVERY_CODES', { recoveryCodesIssued: codes.length });
    return codes;
  });
}

/** The options for navigator.credentials.create(), as JSON; the challenge is kept for SECOND_STEP_MINUTES. */
export async function beginPasskeyRegistration(
  db: Database,
  actor: Actor & { name: string },
  site: WebAuthnSite,
): Promise<string> {
  const existing = await db.prisma.passkey.findMany({
    where: { userId: actor.userId },
    select: { credentialId: true, transports: true },
  });
  const options = await generateRegistrationOptions({
    rpName: ISSUER,
    rpID: rpId(site),
    userName: actor.email,
    userDisplayName: actor.name,
    userID: new TextEncoder().encode(actor.userId),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({
      id: p.credentialId,
      transports: p.transports.split(' ').filter(Boolean),
    })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    timeout: 120_000,
  });
  await db.prisma.secondFactorChallenge.deleteMany({
    where: { OR: [{ userId: actor.userId, purpose: 'PASSKEY_REGISTRATION' }, { expiresAt: { lt: new Date() } }] },
  });
  await db.prisma.secondFactorChallenge.create({
    data: {
      id: sha256(newSecret('gpr')),
      userId: actor.userId,
      purpose: 'PASSKEY_REGISTRATION',
      webauthnChallenge: options.challenge,
      expiresAt: new Date(Date.now() + SECOND_STEP_MINUTES * 60_000),
    },
  });
  return JSON.stringify(options);
}

/**
 * Adds a passkey as a factor from the browser's answer to the registration options. When the account has a factor
 * already, the password or a current code from the app is asked again first (proveIdentity). Returns the recovery
 * codes when the user had none yet (shown once), else an empty list; null when the answer does not verify.
 */
export async function addPasskey(
  db: Database,
  actor: Actor,
  passkey: { name: string; response: string },
  proof: Proof,
  site: WebAuthnSite,
  source: AuditSource,
): Promise<{ recoveryCodes: string[] } | null> {
  const { name, response: json } = passkey;
  if (await addingNeedsProof(db, actor)) await proveIdentity(db, actor, proof);
  let response: RegistrationResponseJSON;
  try {
    response = JSON.parse(json) as RegistrationResponseJSON;
  } catch {
    return null;
  }
  const challenges = await db.prisma.secondFactorChallenge.findMany({
    where: { userId: actor.userId, purpose: 'PASSKEY_REGISTRATION', expiresAt: { gt: new Date() } },
    select: { id: true, webauthnChallenge: true },
  });
  let used: string | null = null;
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: (challenge) => {
      used = challenges.find((c) => c.webauthnChallenge === challenge)?.id ?? null;
      return used !== null;
    },
    expectedOrigin: site.origin,
    expectedRPID: rpId(site),
    requireUserVerification: false,
  }).catch(() => null);
  if (!result?.verified || !used) return null;
  const challengeId: string = used;
  const credential = result.registrationInfo.credential;
  return db.prisma.$transaction(async (tx) => {
    // The challenge is used once: a second request with the same answer finds it gone.
    const { count } = await tx.secondFactorChallenge.deleteMany({ where: { id: challengeId } });
    if (count !== 1) return null;
    if (await tx.passkey.findUnique({ where: { credentialId: credential.id }, select: { id: true } })) return null;
    const passkey = await tx.passkey.create({
      data: {
        userId: actor.userId,
        name,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: (credential.transports ?? []).join(' '),
      },
      select: { id: true },
    });
    const recoveryCodes =
      (await tx.recoveryCode.count({ where: { userId: actor.userId, usedAt: null } })) === 0
        ? await replaceRecoveryCodes(tx, actor.userId)
        : [];
    await auditFactor(tx, actor, source, 'ADD', {
      factor: 'passkey',
      name,
      passkey: passkey.id,
      recoveryCodesIssued: recoveryCodes.length,
    });
    return { recoveryCodes };
  });
}

/** The password, or a current code from the authenticator app, given again to change the factors. */
interface Proof {
  password?: string | null | undefined;
  code?: string | null | undefined;
}

/** A change of the factors that was refused: the field it is about, and why, in Dutch. */
export class FactorRemovalError extends Error {
  readonly field: 'password' | 'code' | 'factor';
  constructor(field: 'password' | 'code' | 'factor', message: string) {
    super(message);
    this.field = field;
  }
}

/**
 * Checks that the person in the session is the account's owner before a factor is added or removed or new recovery
 * codes are made: the password, or (unless passwordOnly) a current code from the app (used up by this), given again. A wrong one counts
 * against the account's second-step failures (so neither can be guessed here), and once they are spent nothing is
 * checked. Throws a FactorRemovalError for the field when it is refused.
 */
async function proveIdentity(
  db: Database,
  actor: Actor,
  proof: Proof,
  options: { passwordOnly?: boolean } = {},
): Promise<void> {
  const failure = await db.prisma.secondFactorFailure.create({ data: { userId: actor.userId }, select: { id: true } });
  const wait = await accountWait(db, actor.userId, failure.id);
  if (wait !== null) {
    await db.prisma.secondFactorFailure.deleteMany({ where: { id: failure.id } });
    throw new FactorRemovalError(proof.code && !proof.password ? 'code' : 'password', MESSAGES.removalThrottled(wait));
  }
  const user = await db.prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (proof.password) {
    if (!(await passwordMatches(user.passwordHash, proof.password)))
      throw new FactorRemovalError('password', MESSAGES.wrongPassword);
  } else if (!(proof.code && (await db.prisma.$transaction((tx) => useTotp(tx, actor.userId, proof.code ?? ''))))) {
    throw new FactorRemovalError(
      proof.code ? 'code' : 'password',
      proof.code ? MESSAGES.wrongCode : options.passwordOnly ? MESSAGES.noPasswordProof : MESSAGES.noProof,
    );
  }
  await db.prisma.secondFactorFailure.deleteMany({ where: { id: failure.id } });
}

/**
 * Removes a factor (the authenticator app, or one passkey by id) after the password, or a current code from the app, is
 * given again (proveIdentity). The last factor of a user who must have one stays; without factors the recovery codes
 * go too. False when there is no such factor.
 */
export async function removeFactor(
  db: Database,
  actor: Actor,
  factor: { totp: true } | { passkeyId: string },
  proof: Proof,
  source: AuditSource,
): Promise<boolean> {
  await proveIdentity(db, actor, proof);
  return db.prisma.$transaction(async (tx) => {
    const factors = await activeFactors(tx, actor.userId);
    const passkey =
      'passkeyId' in factor
        ? await tx.passkey.findFirst({
            where: { id: factor.passkeyId, userId: actor.userId },
            select: { id: true, name: true },
          })
        : null;
    if ('totp' in factor ? !factors.totp : !passkey) return false;
    if (factors.count === 1 && (await secondFactorRequired(tx, actor.userId)))
      throw new FactorRemovalError('factor', MESSAGES.lastFactor);
    if (passkey) await tx.passkey.delete({ where: { id: passkey.id } });
    else await tx.totpFactor.delete({ where: { userId: actor.userId } });
    if (factors.count === 1) await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    await auditFactor(
      tx,
      actor,
      source,
      'REMOVE',
      passkey ? { factor: 'passkey', name: passkey.name, passkey: passkey.id } : { factor: 'authenticator-app' },
    );
    return true;
  });
}
