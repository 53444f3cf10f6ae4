// Wrong second-step answers counted per account: the rolling window, the hard lock, forgetting them on a passed step, and auditing and mailing a wrong answer.
import type { Database } from '#prisma/client.ts';
import { type AuditSource, recordAudit, type Tx } from './audit.ts';
import type { SessionMethod } from './auth.ts';
import { sendNotice } from './mail.ts';
import {
  ACCOUNT_FAILURES,
  FAILURE_MAIL_MINUTES,
  MESSAGES,
  SECOND_STEP_LOCK,
  SecondStepError,
  userGid,
} from './second-factor.ts';

/** Seconds until the oldest counted failure leaves the window, when the account reached the limit; null otherwise. */
export async function accountWait(db: Database, userId: string, own: string): Promise<number | null> {
  const since = new Date(Date.now() - ACCOUNT_FAILURES.windowMinutes * 60_000);
  const counted = { userId, createdAt: { gte: since }, id: { not: own } };
  const failures = await db.prisma.secondFactorFailure.findMany({
    where: counted,
    orderBy: { createdAt: 'desc' },
    skip: ACCOUNT_FAILURES.limit - 1,
    take: 1,
    select: { createdAt: true },
  });
  const oldest = failures[0];
  if (!oldest) return null;
  return Math.max(
    1,
    Math.ceil((oldest.createdAt.getTime() + ACCOUNT_FAILURES.windowMinutes * 60_000 - Date.now()) / 1000),
  );
}

/**
 * Counts a second-step answer against the account before it is checked (concurrent requests included): towards the
 * hard lock and within the rolling window. Throws when the account is locked or must wait; returns the window's
 * failure row, forgotten (with the lock's count) when the answer is right.
 */
export async function countAnswer(db: Database, userId: string): Promise<string> {
  const counted = await db.prisma.user.updateMany({
    where: { id: userId, secondStepFailures: { lt: SECOND_STEP_LOCK } },
    data: { secondStepFailures: { increment: 1 } },
  });
  if (counted.count !== 1) throw new SecondStepError(MESSAGES.locked, { restart: true });
  const failure = await db.prisma.secondFactorFailure.create({ data: { userId }, select: { id: true } });
  const wait = await accountWait(db, userId, failure.id);
  if (wait !== null) {
    await db.prisma.secondFactorFailure.deleteMany({ where: { id: failure.id } });
    await db.prisma.user.updateMany({
      where: { id: userId, secondStepFailures: { gt: 0 } },
      data: { secondStepFailures: { decrement: 1 } },
    });
    throw new SecondStepError(MESSAGES.throttled(wait), { retryAfterSeconds: wait });
  }
  return failure.id;
}

/** A passed second step: this answer does not count, and the wrong answers before it no longer count towards the lock. */
export async function forgetFailures(tx: Tx, userId: string, failure: string): Promise<void> {
  await tx.secondFactorFailure.deleteMany({ where: { id: failure } });
  await tx.user.update({ where: { id: userId }, data: { secondStepFailures: 0 } });
}

/**
 * A correct password followed by a wrong second step: audited with the account as actor (so its owner sees it), the
 * lock audited when this answer reached it, and the owner mailed, at most once per FAILURE_MAIL_MINUTES (the lock
 * always).
 */
export async function recordWrongAnswer(
  db: Database,
  user: { id: string; email: string },
  method: SessionMethod,
  client: { address?: string | null | undefined; source: AuditSource },
): Promise<void> {
  const now = new Date();
  const locked = await db.prisma.$transaction(async (tx) => {
    const base = {
      actor: { userId: user.id, email: user.email },
      source: client.source,
      organisationId: null,
      entityType: 'Session' as const,
      entityId: userGid(user.id),
    };
    await recordAudit(tx, {
      ...base,
      action: 'SECOND_FACTOR_FAILED',
      before: null,
      after: { email: user.email, address: client.address ?? null, method },
    });
    const { secondStepFailures } = await tx.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { secondStepFailures: true },
    });
    if (secondStepFailures < SECOND_STEP_LOCK) return false;
    await recordAudit(tx, {
      ...base,
      action: 'SECOND_FACTOR_LOCKED',
      before: null,
      after: { email: user.email, address: client.address ?? null, wrongAnswers: secondStepFailures },
    });
    return true;
  });
  const since = new Date(now.getTime() - FAILURE_MAIL_MINUTES * 60_000);
  const claimed = await db.prisma.user.updateMany({
    where: {
      id: user.id,
      ...(locked ? {} : { OR: [{ secondStepFailureMailedAt: null }, { secondStepFailureMailedAt: { lt: since } }] }),
    },
    data: { secondStepFailureMailedAt: now },
  });
  if (claimed.count !== 1) return;
  sendNotice(user.email, {
    kind: 'SECOND_STEP_FAILED',
    detail: locked
      ? `Na ${SECOND_STEP_LOCK} onjuiste codes is de tweede stap nu geblokkeerd; kies een nieuw wachtwoord via "Wachtwoord vergeten?" om weer in te loggen`
      : undefined,
    when: now,
    address: client.address ?? undefined,
  });
}
