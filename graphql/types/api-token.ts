// Personal API tokens: the ApiToken type, the viewer's list of them, and making (once shown) and revoking one, audited.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { recordAudit } from '#core/audit.ts';
import { insertApiToken, TOKEN_DAYS } from '#core/auth.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '#core/errors.ts';
import { parseInput, requiredText } from '#core/input.ts';
import { ApiTokenScope as ApiTokenScopeValue } from '#prisma/generated/sqlite/client/enums.ts';
import { builder } from '../builder.ts';
import { ApiTokenScope } from './enums.ts';
import { BROWSER_ONLY_MESSAGE, ViewerRef } from './viewer.ts';

const ApiTokenRef = builder.prismaObject('ApiToken', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    scope: t.field({ type: ApiTokenScope, resolve: (token) => token.scope }),
  }),
});

builder.objectField(ViewerRef, 'apiTokens', (t) =>
  t.prismaField({
    type: [ApiTokenRef],
    description: 'The viewer’s personal API tokens (never the tokens themselves).',
    resolve: (query, v, _args, ctx) =>
      ctx.db.prisma.apiToken.findMany({ ...query, where: { userId: v.userId }, orderBy: { createdAt: 'desc' } }),
  }),
);

interface NewToken {
  id: string;
  token: string;
  expiresAt: Date;
  scope: ApiTokenScopeValue;
}
const NewTokenRef = builder.objectRef<NewToken>('NewApiToken').implement({
  description:
    'A personal API token: use it as `Authorization: Bearer <token>`. Only its hash is stored; this is the only time it is shown.',
  fields: (t) => ({
    id: t.exposeID('id'),
    token: t.exposeString('token'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    scope: t.field({ type: ApiTokenScope, resolve: (n) => n.scope }),
  }),
});

builder.mutationField('createApiToken', (t) =>
  t.field({
    type: NewTokenRef,
    errors: {
      types: [ForbiddenError, ValidationError],
      result: { name: 'CreateApiTokenSuccess' },
      union: { name: 'CreateApiTokenResult' },
    },
    args: {
      name: t.arg.string({ required: true }),
      scope: t.arg({ type: ApiTokenScope, description: 'READ (the default) or READ_WRITE.' }),
      expiresInDays: t.arg.int({
        description: `Days until the token stops working: ${TOKEN_DAYS.default} unless given, at most ${TOKEN_DAYS.max}.`,
      }),
    },
    resolve: async (_root, args, ctx) => {
      if (!ctx.viewer) throw new ForbiddenError('Log in om een token te maken.');
      const viewer = ctx.viewer;
      if (viewer.via === 'API') throw new ForbiddenError(BROWSER_ONLY_MESSAGE);
      const input = parseInput(
        z.object({
          name: requiredText(100),
          scope: z.enum(ApiTokenScopeValue).nullish(),
          expiresInDays: z
            .number()
            .int('Geef een geheel aantal dagen.')
            .min(1, 'Een token is minstens 1 dag geldig.')
            .max(TOKEN_DAYS.max, `Een token is ten hoogste ${TOKEN_DAYS.max} dagen geldig.`)
            .nullish(),
        }),
        args,
        [],
      );
      return ctx.db.prisma.$transaction(async (tx) => {
        const created = await insertApiToken(tx, viewer.userId, input.name, {
          scope: input.scope ?? 'READ',
          days: input.expiresInDays ?? TOKEN_DAYS.default,
        });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: null,
          entityType: 'ApiToken',
          entityId: encodeGlobalID('ApiToken', created.id),
          action: 'CREATE',
          before: null,
          after: { user: viewer.email, name: input.name, scope: created.scope, expiresAt: created.expiresAt },
        });
        return created;
      });
    },
  }),
);

builder.mutationField('revokeApiToken', (t) =>
  t.boolean({
    errors: {
      types: [ForbiddenError, NotFoundError],
      result: { name: 'RevokeApiTokenSuccess' },
      union: { name: 'RevokeApiTokenResult' },
    },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      if (!ctx.viewer) throw new ForbiddenError('Log in om een token in te trekken.');
      const viewer = ctx.viewer;
      return ctx.db.prisma.$transaction(async (tx) => {
        const token = await tx.apiToken.findFirst({
          where: { id: String(args.id), userId: viewer.userId, revokedAt: null },
          select: { id: true, name: true },
        });
        if (!token) throw new NotFoundError('Token', String(args.id));
        await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: null,
          entityType: 'ApiToken',
          entityId: encodeGlobalID('ApiToken', token.id),
          action: 'REVOKE',
          before: { user: viewer.email, name: token.name, revoked: false },
          after: { user: viewer.email, name: token.name, revoked: true },
        });
        return true;
      });
    },
  }),
);
