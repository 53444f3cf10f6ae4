// Linking a provider's sign-in to an existing local account: the account's password (and second factor) given once, then the provider's sign-in opens that account.
import type { Database } from '#prisma/client.ts';
import { recordAudit } from './audit.ts';
import { passwordMatches, SignInThrottledError, sha256 } from './auth.ts';
import { sendNotice } from './mail.ts';
import { activeFactors, MESSAGES as SECOND_STEP, SecondStepError } from './second-factor.ts';
import { checkAnswer, methodOf } from './second-step.ts';
import { countAnswer, forgetFailures, recordWrongAnswer } from './second-step-failures.ts';
import { takeSignInAttempt } from './sign-in-throttle.ts';
import {
  accountBlocked,
  FLOW_GONE,
  foreignDomain,
  instanceAdminRefusal,
  LINK_ATTEMPTS,
  type ProviderSettings,
  SsoError,
  userGid,
  vouchesFor,
} from './sso.ts';
import { applyRole, openProviderSession, type RequestDetails, refuse, type SignInOutcome } from './sso-sign-in.ts';

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

export const WRONG_PASSWORD =
  'Het wachtwoord klopt niet. Vul het wachtwoord in waarmee je tot nu toe in Grondplan inlogde.';

export const NO_SECOND_FACTOR =
  'Je account heeft een tweede factor. Vul ook de code in die je authenticator-app nu toont, of een ongebruikte herstelcode.';

/** The second factor given while linking: a code from the authenticator app or a recovery code (no passkey here). */
interface LinkSecondFactor {
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
  const taken = await db.prisma.ssoFlow.updateMany({
    where: { id, stage: 'LINKING', attempts: { lt: LINK_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (taken.count !== 1) {
    await db.prisma.ssoFlow.deleteMany({ where: { id } });
    return refuse(db, details, provider, new SsoError(FLOW_GONE, 'koppelen: pogingen op'), user.email);
  }
  let key: string;
  try {
    ({ key } = await takeSignInAttempt(db, user.email, details.address, details.source));
  } catch (error) {
    if (error instanceof SignInThrottledError)
      return refuse(db, details, provider, new SsoError(error.message, 'koppelen: te vaak geprobeerd'), user.email);
    throw error;
  }
  /** Refuses a wrong answer (its attempt was taken above); the last attempt ends the flow. */
  const wrong = async (message: string, reason: string, field: string | null) => {
    const { attempts } = (await db.prisma.ssoFlow.findUnique({ where: { id }, select: { attempts: true } })) ?? {
      attempts: LINK_ATTEMPTS,
    };
    const last = attempts >= LINK_ATTEMPTS;
    if (last) await db.prisma.ssoFlow.deleteMany({ where: { id } });
    return refuse(
      db,
      details,
      provider,
      new SsoError(
        last ? `${message} Dit was de laatste poging: begin opnieuw bij "Inloggen via je organisatie".` : message,
        reason,
        last ? null : field,
      ),
      user.email,
    );
  };
  if (!(await passwordMatches(user.passwordHash, password)))
    return wrong(WRONG_PASSWORD, 'koppelen: onjuist wachtwoord', null);
  if (!user.disabledAt && (await activeFactors(db.prisma, user.id)).count > 0) {
    const method = methodOf({ code: secondFactor.code, recoveryCode: secondFactor.recoveryCode });
    if (!method)
      return refuse(
        db,
        details,
        provider,
        new SsoError(NO_SECOND_FACTOR, 'koppelen: geen tweede factor', 'code'),
        user.email,
      );
    let failure: string;
    try {
      failure = await countAnswer(db, user.id);
    } catch (error) {
      if (error instanceof SecondStepError)
        return refuse(
          db,
          details,
          provider,
          new SsoError(error.message, 'koppelen: tweede stap geblokkeerd', 'code'),
          user.email,
        );
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
  if (user.disabledAt) return refuse(db, details, provider, accountBlocked(), user.email);
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
  sendNotice(user.email, {
    kind: 'NEW_SIGN_IN_METHOD',
    detail: `inloggen via ${provider.name}`,
    when: new Date(),
    address: details.address || undefined,
  });
  return { kind: 'SIGNED_IN', ...session, returnPath: flow.returnPath };
}
