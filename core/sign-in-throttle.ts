// The sign-in throttle: password attempts counted per address and per account in the database, refused over the limit, audited once per window.
import type { Database } from '#prisma/client.ts';
import { type AuditSource, recordAudit } from './audit.ts';
import { pruneExpired, SignInThrottledError, THROTTLE, userGid } from './auth.ts';
import { throttleKey } from './client-address.ts';

/** Seconds until the oldest counted failure leaves the window, when `count` (other attempts) reached `limit`; null otherwise. */
async function wait(
  db: Database,
  where: { email?: string; address?: string },
  limit: number,
  since: Date,
  now: number,
  own: string,
): Promise<number | null> {
  const counted = { ...where, createdAt: { gte: since }, id: { not: own } };
  const count = await db.prisma.signInAttempt.count({ where: counted });
  if (count < limit) return null;
  // The attempt whose leaving brings the count under the limit.
  const [oldest] = await db.prisma.signInAttempt.findMany({
    where: counted,
    orderBy: { createdAt: 'desc' },
    skip: limit - 1,
    take: 1,
    select: { createdAt: true },
  });
  const leaves = (oldest?.createdAt.getTime() ?? now) + THROTTLE.windowMinutes * 60_000;
  return Math.max(1, Math.ceil((leaves - now) / 1000));
}

/** How long an address counts as the account's own after a successful sign-in from it. */
export const KNOWN_ADDRESS_DAYS = 90;

/** Whether the account signed in successfully from this address (its /64 for IPv6) in the last KNOWN_ADDRESS_DAYS. */
async function knownAddress(db: Database, userId: string, key: string, now: number): Promise<boolean> {
  if (!key) return false;
  const events = await db.prisma.auditEvent.findMany({
    where: {
      entityType: 'Session',
      entityId: userGid(userId),
      action: 'SIGN_IN',
      createdAt: { gte: new Date(now - KNOWN_ADDRESS_DAYS * 86_400_000) },
    },
    orderBy: { createdAt: 'desc' },
    take: 500,
    select: { changes: true },
  });
  return events.some((event) => {
    const address = (JSON.parse(event.changes) as { address?: { after?: unknown } }).address?.after;
    return typeof address === 'string' && throttleKey(address) === key;
  });
}

/**
 * Records a password attempt for `email` from `address` before anything is checked, and refuses it (removed again,
 * audited once per window) with SignInThrottledError when a THROTTLE limit is reached. Password sign-in and linking an
 * account to a provider share this budget. A success clears the attempts of that account from that address.
 */
export async function takeSignInAttempt(db: Database, email: string, address: string, source: AuditSource) {
  const key = throttleKey(address);
  const now = Date.now();
  const since = new Date(now - THROTTLE.windowMinutes * 60_000);
  await pruneExpired(db, now);
  // First recorded, then counted: concurrent requests see each other's attempts.
  const attempt = await db.prisma.signInAttempt.create({ data: { email, address: key }, select: { id: true } });
  const [byAddress, byAccountAndAddress, byAccount] = await Promise.all([
    wait(db, { address: key }, THROTTLE.perAddress, since, now, attempt.id),
    wait(db, { email, address: key }, THROTTLE.perAccountAndAddress, since, now, attempt.id),
    wait(db, { email }, THROTTLE.perAccount, since, now, attempt.id),
  ]);
  const user = await db.prisma.user.findUnique({ where: { email } });
  const accountCeiling = byAccount !== null && user && (await knownAddress(db, user.id, key, now)) ? null : byAccount;
  const retryAfter = Math.max(0, byAddress ?? 0, byAccountAndAddress ?? 0, accountCeiling ?? 0);
  if (retryAfter > 0) {
    await db.prisma.signInAttempt.deleteMany({ where: { id: attempt.id } });
    await auditThrottled(db, email, address, key, source, since);
    throw new SignInThrottledError(retryAfter);
  }
  return { key, user };
}

/**
 * Audits a throttled sign-in, at most once per address (key) and window, so a flood cannot fill the audit trail. The
 * event carries no account: the throttle is about the address.
 */
async function auditThrottled(
  db: Database,
  email: string,
  address: string,
  key: string,
  source: AuditSource,
  since: Date,
): Promise<void> {
  const recent = await db.prisma.auditEvent.findMany({
    where: {
      entityType: 'Session',
      action: 'SIGN_IN_THROTTLED',
      entityId: `address:${key}`,
      createdAt: { gte: since },
    },
    take: 1,
    select: { id: true },
  });
  if (recent.length > 0) return;
  await db.prisma.$transaction((tx) =>
    recordAudit(tx, {
      actor: { label: email },
      source,
      organisationId: null,
      entityType: 'Session',
      entityId: `address:${key}`,
      action: 'SIGN_IN_THROTTLED',
      before: null,
      after: { email, address },
    }),
  );
}
