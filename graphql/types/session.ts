// The viewer's own browser sessions (on /account): where and how each was opened and last used, and ending them. A
// session is known outside the server by its publicId only: its row id is the SHA-256 of the cookie and never leaves.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { recordAudit, type Tx } from '#core/audit.ts';
import { normaliseEmail, type SessionMethod } from '#core/auth.ts';
import type { Context, Viewer } from '#core/context.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { sessionMethodLabel } from '#core/labels.ts';
import { deviceLabel } from '#core/user-agent.ts';
import { builder } from '../builder.ts';
import { ViewerRef } from './viewer.ts';

const SignInMethod = builder.enumType('SignInMethod', {
  description:
    'How a session was opened: a password (with a second factor), single sign-on, an invitation or a password reset.',
  values: Object.keys(sessionMethodLabel) as SessionMethod[],
});

/** The session the request itself runs in (a browser session; an API token has none). */
const isCurrent = (ctx: Context, sessionId: string) =>
  ctx.viewer?.via === 'UI' && ctx.viewer.credentialId === sessionId;

const BrowserSession = builder.prismaObject('Session', {
  name: 'BrowserSession',
  description:
    'One of the viewer’s signed-in browser sessions. Its id is its own: never the session cookie or its hash.',
  fields: (t) => ({
    id: t.exposeID('publicId'),
    device: t.string({
      description: 'The browser and system in a few Dutch words, from the User-Agent at sign-in ("Chrome op Windows").',
      resolve: (s) => deviceLabel(s.userAgent),
    }),
    userAgent: t.exposeString('userAgent', {
      description: 'The User-Agent at sign-in (at most 300 characters; empty when none was sent).',
    }),
    address: t.string({
      nullable: true,
      description: 'The latest client address the session was used from; null when unknown.',
      resolve: (s) => s.address || null,
    }),
    method: t.field({
      type: SignInMethod,
      resolve: (s) => (s.method in sessionMethodLabel ? (s.method as SessionMethod) : 'PASSWORD'),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the session was opened.' }),
    lastSeenAt: t.expose('lastSeenAt', {
      type: 'DateTime',
      description: 'When the session was last used (to within five minutes).',
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    current: t.boolean({
      description: 'This is the session the request came with.',
      resolve: (s, _args, ctx) => isCurrent(ctx, s.id),
    }),
  }),
});

builder.objectField(ViewerRef, 'sessions', (t) =>
  t.prismaField({
    type: [BrowserSession],
    description: 'The viewer’s own open browser sessions, the most recently used first.',
    resolve: (query, v, _args, ctx) =>
      ctx.db.prisma.session.findMany({
        ...query,
        where: { userId: v.userId, expiresAt: { gt: new Date() } },
        orderBy: [{ lastSeenAt: 'desc' }, { createdAt: 'desc' }],
      }),
  }),
);

const signedIn = (ctx: Context, message: string): Viewer => {
  if (!ctx.viewer) throw new ForbiddenError(message);
  return ctx.viewer;
};

/** Deletes the viewer's sessions that match and audits each by its device (never by its id); returns how many. */
async function endSessions(
  tx: Tx,
  ctx: Context,
  viewer: Viewer,
  where: { id?: string | { not: string } },
): Promise<number> {
  const sessions = await tx.session.findMany({
    where: { ...where, userId: viewer.userId },
    select: { id: true, userAgent: true, method: true },
  });
  if (sessions.length === 0) return 0;
  await tx.session.deleteMany({ where: { id: { in: sessions.map((s) => s.id) }, userId: viewer.userId } });
  for (const session of sessions)
    await recordAudit(tx, {
      actor: viewer,
      source: ctx.source,
      organisationId: null,
      entityType: 'Session',
      entityId: encodeGlobalID('User', viewer.userId),
      action: 'SESSION_END',
      before: null,
      after: { email: viewer.email, device: deviceLabel(session.userAgent), method: session.method },
    });
  return sessions.length;
}

builder.mutationField('endSession', (t) =>
  t.boolean({
    description:
      'Ends one of the viewer’s own sessions (by its id from viewer.sessions) at once; not the current one (sign out for that).',
    errors: mutationErrors('EndSession', [ForbiddenError, NotFoundError, ValidationError]),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const viewer = signedIn(ctx, 'Log in om een sessie te beëindigen.');
      const id = String(args.id).slice(0, 100);
      return ctx.db.prisma.$transaction(async (tx) => {
        // Another user's session is as unknown as one that does not exist.
        const session = await tx.session.findFirst({
          where: { publicId: id, userId: viewer.userId },
          select: { id: true },
        });
        if (!session) throw new NotFoundError('Sessie', id);
        if (isCurrent(ctx, session.id))
          throw new ValidationError([
            { path: ['id'], message: 'Dit is de sessie waarmee je nu bent ingelogd. Log uit om die te beëindigen.' },
          ]);
        await endSessions(tx, ctx, viewer, { id: session.id });
        return true;
      });
    },
  }),
);

builder.mutationField('endOtherSessions', (t) =>
  t.int({
    description: 'Ends all of the viewer’s sessions except the current one; answers how many ended.',
    errors: mutationErrors('EndOtherSessions', [ForbiddenError]),
    resolve: async (_root, _args, ctx) => {
      const viewer = signedIn(ctx, 'Log in om je sessies te beëindigen.');
      const keep = viewer.via === 'UI' ? { id: { not: viewer.credentialId } } : {};
      return ctx.db.prisma.$transaction((tx) => endSessions(tx, ctx, viewer, keep));
    },
  }),
);

interface AccountAccess {
  email: string;
  disabled: boolean;
  openSessions: number;
  activeApiTokens: number;
}
const AccountAccessRef = builder.objectRef<AccountAccess>('AccountAccess').implement({
  description:
    'How an account can get in right now, for instance administrators who consider blocking it (counts only).',
  fields: (t) => ({
    email: t.exposeString('email'),
    disabled: t.exposeBoolean('disabled'),
    openSessions: t.exposeInt('openSessions', {
      description: 'Browser sessions that have not expired: blocking ends them at once.',
    }),
    activeApiTokens: t.exposeInt('activeApiTokens', {
      description: 'API tokens neither revoked nor expired: blocking revokes them at once.',
    }),
  }),
});

builder.queryField('accountAccess', (t) =>
  t.field({
    type: AccountAccessRef,
    nullable: true,
    description:
      'The open sessions and API tokens of an account (by e-mail address; null when there is none). For instance administrators.',
    args: { email: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      if (!ctx.viewer?.isInstanceAdmin)
        throw new ForbiddenError('Alleen beheerders van Grondplan zien de sessies en tokens van andere accounts.');
      const now = new Date();
      const user = await ctx.db.prisma.user.findUnique({
        where: { email: normaliseEmail(args.email.slice(0, 200)) },
        select: {
          email: true,
          disabledAt: true,
          _count: {
            select: {
              sessions: { where: { expiresAt: { gt: now } } },
              apiTokens: { where: { revokedAt: null, expiresAt: { gt: now } } },
            },
          },
        },
      });
      if (!user) return null;
      return {
        email: user.email,
        disabled: Boolean(user.disabledAt),
        openSessions: user._count.sessions,
        activeApiTokens: user._count.apiTokens,
      };
    },
  }),
);
