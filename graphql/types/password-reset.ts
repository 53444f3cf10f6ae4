// "Wachtwoord vergeten": a one-hour, single-use link by e-mail sets a new password. Asking gives the same answer, in
// the same time, whether or not the address has an account: the lookup, the link and the mail happen after the
// answer (afterResponse). Only the SHA-256 of a link's token is stored; a new request removes older links; using one
// ends every session and API token of the account and mails a notice.

import { encodeGlobalID } from '@pothos/plugin-relay';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { recordAudit, type Tx } from '#core/audit.ts';
import {
  endAccess,
  hashPassword,
  newSecret,
  normaliseEmail,
  passwordSignInRefused,
  sha256,
  throttleKey,
} from '#core/auth.ts';
import { rateLimitsEnabled } from '#core/config.ts';
import type { Context } from '#core/context.ts';
import { ForbiddenError, mutationErrors, ValidationError } from '#core/errors.ts';
import { parseInput } from '#core/input.ts';
import { afterResponse, mailConfigured, mailLink, sendMail, sendNotice } from '#core/mail.ts';
import { passwordResetMail } from '#core/mail-templates.ts';
import { passwordProblem } from '#core/passwords.ts';
import { bumpDataVersion } from '#prisma/data-version.ts';
import { builder } from '../builder.ts';
import { SignInThrottled } from './viewer.ts';

/** How long a link works. */
export const RESET_MINUTES = 60;

/**
 * Requests per client address (visible: a refusal with the time to wait) and per address asked for (silent: the
 * answer stays the same, but no further mail goes out, and the last link sent keeps working). Both are counted per
 * instance in memory before the answer; the per-account budget is counted once more after it, from the audit trail,
 * over all instances.
 */
export const RESET_LIMITS = {
  perClient: { points: 5, seconds: 15 * 60 },
  perAccount: { points: 3, seconds: 60 * 60 },
} as const;

const limiters = {
  perClient: new RateLimiterMemory({
    keyPrefix: 'reset-client',
    points: RESET_LIMITS.perClient.points,
    duration: RESET_LIMITS.perClient.seconds,
  }),
  perAccount: new RateLimiterMemory({
    keyPrefix: 'reset-account',
    points: RESET_LIMITS.perAccount.points,
    duration: RESET_LIMITS.perAccount.seconds,
  }),
};

/** Seconds to wait when `key` has spent its budget, else null. */
async function spent(limiter: RateLimiterMemory, key: string): Promise<number | null> {
  // Off with the hub's other rate limits (GRONDPLAN_RATE_LIMITS=off, graphql/rate-limits.ts, which builds on the schema).
  if (!rateLimitsEnabled()) return null;
  try {
    await limiter.consume(key);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}

export const RESET_UNAVAILABLE =
  'Een nieuw wachtwoord aanvragen per e-mail kan bij deze installatie van Grondplan niet: er is geen mailserver ingesteld. Vraag de beheerder van je organisatie om hulp.';
export const RESET_LINK_PROBLEM =
  'Deze link om een nieuw wachtwoord te kiezen is verlopen, al gebruikt of onjuist. Vraag een nieuwe link aan.';

const userGid = (id: string) => encodeGlobalID('User', id);

/** An account may reset its password by mail when it is enabled and signs in with a password. */
const resettable = (user: { passwordHash: string; disabledAt: Date | null }) =>
  user.passwordHash !== '' && user.disabledAt === null;

/**
 * Where no link is sent, the data version goes up all the same, as the audit entry of a sent link raises it: otherwise
 * the emptied (or kept) answer and page caches would tell a visitor who times a cached page whether the address has an
 * account.
 */
const sameTrace = (ctx: Context) => ctx.db.prisma.$transaction((tx) => bumpDataVersion(tx));

/**
 * After the answer: for an account that may reset, a new link (older ones removed), audited, and the mail. The
 * per-account budget is counted again here from the audit trail, so that it holds across instances and restarts.
 */
async function sendResetLink(ctx: Context, email: string): Promise<void> {
  const user = await ctx.db.prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true, disabledAt: true, isInstanceAdmin: true },
  });
  // A member of an organisation that switched password sign-in off signs in through its provider: a password would not
  // let them in, so no link is sent.
  if (!user || !resettable(user) || (await passwordSignInRefused(ctx.db, user))) return sameTrace(ctx);
  const recent = await ctx.db.prisma.auditEvent.count({
    where: {
      entityType: 'User',
      entityId: userGid(user.id),
      action: 'REQUEST_PASSWORD_RESET',
      createdAt: { gte: new Date(Date.now() - RESET_LIMITS.perAccount.seconds * 1000) },
    },
  });
  if (recent >= RESET_LIMITS.perAccount.points) return sameTrace(ctx);
  const token = newSecret('gpr');
  const expiresAt = new Date(Date.now() + RESET_MINUTES * 60_000);
  await ctx.db.prisma.$transaction(async (tx) => {
    await tx.passwordReset.deleteMany({ where: { userId: user.id } });
    await tx.passwordReset.create({ data: { userId: user.id, tokenHash: sha256(token), expiresAt } });
    await recordAudit(tx, {
      actor: { label: user.email },
      source: ctx.source,
      organisationId: null,
      entityType: 'User',
      entityId: userGid(user.id),
      action: 'REQUEST_PASSWORD_RESET',
      before: null,
      after: { email: user.email, address: ctx.clientAddress ?? null, expiresAt },
    });
  });
  const link = mailLink(`/wachtwoord-herstellen?sleutel=${encodeURIComponent(token)}`);
  if (link) await sendMail(user.email, passwordResetMail({ link, expiresAt }));
}

builder.queryField('sendsMail', (t) =>
  t.boolean({
    description:
      'Whether this hub sends e-mail (SMTP is configured): then invitations go to the invitee by mail and a forgotten password can be reset by mail.',
    resolve: () => mailConfigured(),
  }),
);

builder.mutationField('requestPasswordReset', (t) =>
  t.boolean({
    description: `Asks for a link (by e-mail, valid ${RESET_MINUTES} minutes, used once) to choose a new password. The answer is the same whether or not the address has an account; only an enabled account with a password gets a mail. Rate limited per client address and per address asked for.`,
    errors: mutationErrors('RequestPasswordReset', [ForbiddenError, ValidationError, SignInThrottled]),
    args: { email: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      if (!mailConfigured()) throw new ForbiddenError(RESET_UNAVAILABLE);
      const input = parseInput(
        z.object({ email: z.string().trim().max(200).pipe(z.email('Vul een geldig e-mailadres in.')) }),
        args,
        [],
      );
      const email = normaliseEmail(input.email);
      const client = ctx.clientAddress ? throttleKey(ctx.clientAddress) : '';
      const wait = client ? await spent(limiters.perClient, client) : null;
      if (wait !== null)
        throw new SignInThrottled(
          `Er is te vaak een nieuw wachtwoord aangevraagd vanaf dit adres. Wacht ${Math.ceil(wait / 60)} ${wait > 60 ? 'minuten' : 'minuut'} en probeer het dan opnieuw.`,
          wait,
        );
      if ((await spent(limiters.perAccount, sha256(email))) === null) afterResponse(() => sendResetLink(ctx, email));
      return true;
    },
  }),
);

/** The reset behind a link while it can be used, with its account; null otherwise. */
async function openReset(db: Pick<Tx, 'passwordReset'>, token: string) {
  const reset = await db.passwordReset.findUnique({
    where: { tokenHash: sha256(token) },
    include: { user: { select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true } } },
  });
  return reset && !reset.usedAt && reset.expiresAt.getTime() > Date.now() && resettable(reset.user) ? reset : null;
}

const OpenPasswordResetRef = builder
  .objectRef<{ user: { email: string }; expiresAt: Date }>('OpenPasswordReset')
  .implement({
    description: 'A password reset link that can still be used, as its owner sees it.',
    fields: (t) => ({
      email: t.string({ resolve: (r) => r.user.email }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    }),
  });

builder.queryField('passwordReset', (t) =>
  t.field({
    type: OpenPasswordResetRef,
    nullable: true,
    description: 'The password reset behind a link from a mail, while it can be used; null otherwise.',
    args: { token: t.arg.string({ required: true, validate: z.string().max(200) }) },
    resolve: (_root, args, ctx) => openReset(ctx.db.prisma, args.token),
  }),
);

builder.mutationField('resetPassword', (t) =>
  t.boolean({
    description:
      'Sets a new password through a reset link from a mail (used once). Ends every session and API token of the account and removes its links to providers (single sign-on); the owner signs in again with the new password.',
    errors: mutationErrors('ResetPassword', [ValidationError]),
    args: { token: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(z.object({ token: z.string().max(200), password: z.string().max(500) }), args, []);
      const found = await openReset(ctx.db.prisma, input.token);
      if (!found) throw new ValidationError([{ path: ['token'], message: RESET_LINK_PROBLEM }]);
      const problem = await passwordProblem(input.password, { email: found.user.email, name: found.user.name });
      if (problem) throw new ValidationError([{ path: ['password'], message: problem }]);
      const passwordHash = await hashPassword(input.password);
      const when = new Date();
      await ctx.db.prisma.$transaction(async (tx) => {
        // Used once: the first to claim it wins, and only while it is valid.
        const claimed = await tx.passwordReset.updateMany({
          where: { id: found.id, usedAt: null, expiresAt: { gt: when } },
          data: { usedAt: when },
        });
        if (claimed.count === 0) throw new ValidationError([{ path: ['token'], message: RESET_LINK_PROBLEM }]);
        await tx.passwordReset.deleteMany({ where: { userId: found.userId, id: { not: found.id } } });
        await tx.user.update({
          where: { id: found.userId },
          data: { passwordHash, mustChangePassword: false, secondStepFailures: 0 },
        });
        const ended = await endAccess(tx, found.userId);
        // A reset is how an owner takes their account back: a provider account someone linked with the old password
        // must not outlast it. The owner links their own again with the new password.
        const unlinked = (await tx.userIdentity.deleteMany({ where: { userId: found.userId } })).count;
        await recordAudit(tx, {
          actor: { userId: found.userId, email: found.user.email },
          source: ctx.source,
          organisationId: null,
          entityType: 'User',
          entityId: userGid(found.userId),
          action: 'RESET_PASSWORD_BY_MAIL',
          before: { email: found.user.email },
          after: {
            email: found.user.email,
            address: ctx.clientAddress ?? null,
            sessionsEnded: ended.sessions,
            tokensRevoked: ended.tokens,
            providersUnlinked: unlinked,
          },
        });
      });
      sendNotice(found.user.email, {
        kind: 'PASSWORD_CHANGED',
        detail: 'via een link om een nieuw wachtwoord te kiezen',
        when,
        address: ctx.clientAddress,
      });
      return true;
    },
  }),
);
