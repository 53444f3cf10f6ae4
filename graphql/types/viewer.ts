// The signed-in viewer and their own account: memberships, signing in and out (with the errors that stop it), the
// password change and acknowledging new memberships. Personal API tokens are in api-token.ts.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { recordAudit } from '#core/audit.ts';
import {
  endAccess,
  hashPassword,
  PasswordSignInOffError,
  passwordMatches,
  SIGN_IN_FAILED,
  SignInError,
  SignInThrottledError,
  signIn,
  signOut,
} from '#core/auth.ts';
import type { Viewer } from '#core/context.ts';
import { ForbiddenError, ValidationError } from '#core/errors.ts';
import { parseInput } from '#core/input.ts';
import { sendNotice } from '#core/mail.ts';
import { passwordProblem } from '#core/passwords.ts';
import { SecondFactorRequiredError } from '#core/second-factor.ts';
import { bumpDataVersion } from '#prisma/data-version.ts';
import { builder } from '../builder.ts';
import { Role } from './enums.ts';
import { ErrorInterface } from './error.ts';
import { Organisation } from './organisation.ts';

const MembershipRef = builder
  .objectRef<Viewer['memberships'][number] & { isNew: boolean }>('ViewerMembership')
  .implement({
    fields: (t) => ({
      role: t.field({ type: Role, resolve: (m) => m.role }),
      isNew: t.exposeBoolean('isNew', {
        description: 'Added by an invitation to this existing account and not yet marked as seen.',
      }),
      organisation: t.prismaField({
        type: Organisation,
        resolve: (query, m, _args, ctx) =>
          ctx.db.prisma.organisation.findUniqueOrThrow({ ...query, where: { id: m.organisationId } }),
      }),
    }),
  });

export const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The signed-in user, with memberships and roles.',
  fields: (t) => ({
    id: t.exposeID('userId'),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    isInstanceAdmin: t.exposeBoolean('isInstanceAdmin'),
    mustChangePassword: t.exposeBoolean('mustChangePassword', {
      description: 'The password is a one-time password: change it (changePassword) before anything else.',
    }),
    memberships: t.field({
      type: [MembershipRef],
      resolve: (v) => v.memberships.map((m) => ({ ...m, isNew: v.newOrganisationIds.includes(m.organisationId) })),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, nullable: true, resolve: (_root, _args, ctx) => ctx.viewer }),
);

interface Session {
  token: string;
  expiresAt: Date;
}
export const SessionRef = builder.objectRef<Session>('Session').implement({
  description: 'A new session; send the token as the gp_session cookie. It is shown once.',
  fields: (t) => ({ token: t.exposeString('token'), expiresAt: t.expose('expiresAt', { type: 'DateTime' }) }),
});

/** Too many failed sign-ins from this address (for this account): wait before trying again. */
export class SignInThrottled extends GraphQLError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message, { extensions: { code: 'TOO_MANY_ATTEMPTS' } });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
builder.objectType(SignInThrottled, {
  name: 'SignInThrottledError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof SignInThrottled,
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt('retryAfterSeconds', { description: 'Seconds to wait before the next attempt.' }),
  }),
});

/** The password was right; the account has a second factor: pass the second step with completeSignIn. */
export class SecondFactorRequired extends GraphQLError {
  readonly challenge: string;
  readonly expiresAt: Date;
  readonly methods: SecondFactorMethodName[];
  constructor(error: SecondFactorRequiredError) {
    super(error.message, { extensions: { code: 'SECOND_FACTOR_REQUIRED' } });
    this.challenge = error.challenge;
    this.expiresAt = error.expiresAt;
    this.methods = error.methods;
  }
}
type SecondFactorMethodName = SecondFactorRequiredError['methods'][number];
export const SecondFactorMethod = builder.enumType('SecondFactorMethod', {
  description:
    'A way to pass the second step: a code from an authenticator app, a one-time recovery code, or a passkey (WebAuthn).',
  values: ['TOTP', 'RECOVERY_CODE', 'PASSKEY'] as const,
});
builder.objectType(SecondFactorRequired, {
  name: 'SecondFactorRequiredError',
  description:
    'The password is right, but the account has a second factor: no session yet. Pass `challenge` with a code, a recovery code or a passkey to completeSignIn before `expiresAt` (the site keeps it in a cookie).',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof SecondFactorRequired,
  fields: (t) => ({
    challenge: t.exposeString('challenge', {
      description: 'The second step’s secret: shown once, valid for 10 minutes and a few attempts.',
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    methods: t.field({ type: [SecondFactorMethod], resolve: (e) => e.methods }),
  }),
});

const userGid = (id: string) => encodeGlobalID('User', id);

/**
 * Tokens are made and passwords changed in a browser session only: a token that could make tokens would hand out
 * access that outlives its own revocation or expiry.
 */
export const BROWSER_ONLY_MESSAGE =
  'Met een API-token kun je geen tokens maken en je wachtwoord niet wijzigen. Log in op de website en doe het op je accountpagina (/account).';

builder.mutationField('signIn', (t) =>
  t.field({
    type: SessionRef,
    errors: {
      types: [ForbiddenError, ValidationError, SignInThrottled, SecondFactorRequired],
      result: { name: 'SignInSuccess' },
      union: { name: 'SignInResult' },
    },
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(
        z.object({
          email: z.string().trim().max(200).pipe(z.email('Vul een geldig e-mailadres in.')),
          password: z.string().min(1, 'Vul je wachtwoord in.').max(500),
        }),
        args,
        [],
      );
      try {
        return await signIn(
          ctx.db,
          input.email,
          input.password,
          ctx.clientAddress ?? '',
          ctx.source,
          ctx.userAgent ?? '',
        );
      } catch (error) {
        if (error instanceof SignInThrottledError) throw new SignInThrottled(error.message, error.retryAfterSeconds);
        if (error instanceof SecondFactorRequiredError) throw new SecondFactorRequired(error);
        if (error instanceof PasswordSignInOffError) throw new ForbiddenError(error.message);
        if (error instanceof SignInError) throw new ForbiddenError(SIGN_IN_FAILED);
        throw error;
      }
    },
  }),
);

builder.mutationField('signOut', (t) =>
  t.boolean({
    description: 'Ends the session server-side.',
    args: { token: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await signOut(ctx.db, args.token, ctx.source);
      return true;
    },
  }),
);

builder.mutationField('changePassword', (t) =>
  t.boolean({
    description:
      'Changes the viewer’s own password (the current one is required). Ends every other session and revokes every API token; the current session stays.',
    errors: {
      types: [ForbiddenError, ValidationError],
      result: { name: 'ChangePasswordSuccess' },
      union: { name: 'ChangePasswordResult' },
    },
    args: { currentPassword: t.arg.string({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      if (!ctx.viewer) throw new ForbiddenError('Log in om je wachtwoord te wijzigen.');
      const viewer = ctx.viewer;
      if (viewer.via === 'API') throw new ForbiddenError(BROWSER_ONLY_MESSAGE);
      const input = parseInput(
        z.object({
          currentPassword: z.string().min(1, 'Vul je huidige wachtwoord in.').max(500),
          newPassword: z.string().max(500),
        }),
        args,
        [],
      );
      const user = await ctx.db.prisma.user.findUniqueOrThrow({
        where: { id: viewer.userId },
        select: { passwordHash: true, name: true },
      });
      if (!(await passwordMatches(user.passwordHash, input.currentPassword)))
        throw new ValidationError([
          {
            path: ['currentPassword'],
            message: 'Het huidige wachtwoord klopt niet. Vul het wachtwoord in waarmee je nu bent ingelogd.',
          },
        ]);
      if (input.newPassword === input.currentPassword)
        throw new ValidationError([
          {
            path: ['newPassword'],
            message: 'Het nieuwe wachtwoord is gelijk aan het huidige. Kies een ander wachtwoord.',
          },
        ]);
      const problem = await passwordProblem(input.newPassword, { email: viewer.email, name: user.name });
      if (problem) throw new ValidationError([{ path: ['newPassword'], message: problem }]);
      const passwordHash = await hashPassword(input.newPassword);
      await ctx.db.prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: viewer.userId }, data: { passwordHash, mustChangePassword: false } });
        const ended = await endAccess(
          tx,
          viewer.userId,
          viewer.via === 'UI' ? { sessionId: viewer.credentialId } : { tokenId: viewer.credentialId },
        );
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: null,
          entityType: 'User',
          entityId: userGid(viewer.userId),
          action: 'CHANGE_PASSWORD',
          before: { email: viewer.email, oneTimePassword: viewer.mustChangePassword },
          after: {
            email: viewer.email,
            oneTimePassword: false,
            sessionsEnded: ended.sessions,
            tokensRevoked: ended.tokens,
          },
        });
      });
      // Also after a one-time password: whoever else knew it and changed it is then noticed by the owner.
      sendNotice(viewer.email, { kind: 'PASSWORD_CHANGED', when: new Date(), address: ctx.clientAddress });
      return true;
    },
  }),
);

builder.mutationField('acknowledgeMemberships', (t) =>
  t.boolean({
    description: 'Marks the viewer’s new memberships (added by invitations) as seen.',
    errors: {
      types: [ForbiddenError],
      result: { name: 'AcknowledgeMembershipsSuccess' },
      union: { name: 'AcknowledgeMembershipsResult' },
    },
    resolve: async (_root, _args, ctx) => {
      if (!ctx.viewer) throw new ForbiddenError('Log in om je lidmaatschappen te zien.');
      const viewer = ctx.viewer;
      await ctx.db.prisma.$transaction(async (tx) => {
        const { count } = await tx.userMembership.updateMany({
          where: { userId: viewer.userId, isNew: true },
          data: { isNew: false },
        });
        // The data version goes up, so a kept copy of the account page no longer shows them as new.
        if (count > 0) await bumpDataVersion(tx);
      });
      return true;
    },
  }),
);
