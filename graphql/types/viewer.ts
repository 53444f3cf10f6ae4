import { z } from 'zod';
import { createApiToken, SIGN_IN_FAILED, SignInError, signIn, signOut } from '../auth.ts';
import { builder } from '../builder.ts';
import type { Viewer } from '../context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { parseInput, requiredText } from '../input.ts';
import { Role } from './enums.ts';
import { Organisation } from './organisation.ts';

const MembershipRef = builder.objectRef<Viewer['memberships'][number]>('ViewerMembership').implement({
  fields: (t) => ({
    role: t.field({ type: Role, resolve: (m) => m.role }),
    organisation: t.prismaField({
      type: Organisation,
      resolve: (query, m, _args, ctx) => ctx.db.prisma.organisation.findUniqueOrThrow({ ...query, where: { id: m.organisationId } }),
    }),
  }),
});

const ApiTokenRef = builder.prismaObject('ApiToken', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The signed-in user, with memberships and roles.',
  fields: (t) => ({
    id: t.exposeID('userId'),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    isInstanceAdmin: t.exposeBoolean('isInstanceAdmin'),
    memberships: t.field({ type: [MembershipRef], resolve: (v) => v.memberships }),
    apiTokens: t.prismaField({
      type: [ApiTokenRef],
      description: 'The viewer’s personal API tokens (never the tokens themselves).',
      resolve: (query, v, _args, ctx) => ctx.db.prisma.apiToken.findMany({ ...query, where: { userId: v.userId }, orderBy: { createdAt: 'desc' } }),
    }),
  }),
});

builder.queryField('viewer', (t) => t.field({ type: ViewerRef, nullable: true, resolve: (_root, _args, ctx) => ctx.viewer }));

interface Session {
  token: string;
  expiresAt: Date;
}
const SessionRef = builder.objectRef<Session>('Session').implement({
  description: 'A new session; send the token as the gp_session cookie. It is shown once.',
  fields: (t) => ({ token: t.exposeString('token'), expiresAt: t.expose('expiresAt', { type: 'DateTime' }) }),
});

builder.mutationField('signIn', (t) =>
  t.field({
    type: SessionRef,
    errors: { types: [ForbiddenError, ValidationError], result: { name: 'SignInSuccess' }, union: { name: 'SignInResult' } },
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
        return await signIn(ctx.db, input.email, input.password);
      } catch (error) {
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
      await signOut(ctx.db, args.token);
      return true;
    },
  }),
);

interface NewToken {
  id: string;
  token: string;
}
const NewTokenRef = builder.objectRef<NewToken>('NewApiToken').implement({
  description: 'A personal API token: use it as `Authorization: Bearer <token>`. Only its hash is stored; this is the only time it is shown.',
  fields: (t) => ({ id: t.exposeID('id'), token: t.exposeString('token') }),
});

builder.mutationField('createApiToken', (t) =>
  t.field({
    type: NewTokenRef,
    errors: { types: [ForbiddenError, ValidationError], result: { name: 'CreateApiTokenSuccess' }, union: { name: 'CreateApiTokenResult' } },
    args: { name: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      if (!ctx.viewer) throw new ForbiddenError('Log in om een token te maken.');
      const { name } = parseInput(z.object({ name: requiredText(100) }), args, []);
      return createApiToken(ctx.db, ctx.viewer.userId, name);
    },
  }),
);

builder.mutationField('revokeApiToken', (t) =>
  t.boolean({
    errors: { types: [ForbiddenError, NotFoundError], result: { name: 'RevokeApiTokenSuccess' }, union: { name: 'RevokeApiTokenResult' } },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      if (!ctx.viewer) throw new ForbiddenError('Log in om een token in te trekken.');
      const { count } = await ctx.db.prisma.apiToken.updateMany({
        where: { id: String(args.id), userId: ctx.viewer.userId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (count === 0) throw new NotFoundError('Token', String(args.id));
      return true;
    },
  }),
);
