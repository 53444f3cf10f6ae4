// The viewer's accounts at organisations' providers linked to their Grondplan account (single sign-on), on /account,
// and removing such a link. A link is removed only while the account keeps another way in: its password.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { recordAudit } from '#core/audit.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { parseInput } from '#core/input.ts';
import { builder } from '../builder.ts';
import { ViewerRef } from './viewer.ts';

const LinkedProvider = builder.prismaObject('UserIdentity', {
  name: 'LinkedProvider',
  description:
    'A link between the viewer’s account and their account at an organisation’s provider; its subject stays on the server.',
  fields: (t) => ({
    id: t.exposeID('id'),
    providerName: t.string({ select: { provider: { select: { name: true } } }, resolve: (i) => i.provider.name }),
    organisationName: t.string({
      select: { provider: { select: { organisation: { select: { name: true } } } } },
      resolve: (i) => i.provider.organisation.name,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the link was made.' }),
    lastSignInAt: t.expose('lastSignInAt', { type: 'DateTime', description: 'The latest sign-in through it.' }),
  }),
});

builder.objectField(ViewerRef, 'linkedProviders', (t) =>
  t.prismaField({
    type: [LinkedProvider],
    description: 'The providers the viewer signs in through (single sign-on), oldest link first.',
    resolve: (query, v, _args, ctx) =>
      ctx.db.prisma.userIdentity.findMany({
        ...query,
        where: { userId: v.userId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
  }),
);

export const UNLINK_NEEDS_PASSWORD =
  'Je account heeft geen wachtwoord: zonder deze koppeling kun je niet meer inloggen. Kies eerst een wachtwoord via "Wachtwoord vergeten" op de inlogpagina en ontkoppel daarna.';

builder.mutationField('unlinkIdentityProvider', (t) =>
  t.boolean({
    description:
      'Removes the link between the viewer’s account and their account at a provider; signing in through that provider then asks for the password again. Only for an account with a password (another way in). Audited.',
    errors: mutationErrors('UnlinkIdentityProvider', [ForbiddenError, NotFoundError, ValidationError]),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const viewer = ctx.viewer;
      if (!viewer) throw new ForbiddenError('Log in om een koppeling met je organisatie te verwijderen.');
      const input = parseInput(z.object({ id: z.string().max(100) }), { id: String(args.id) }, []);
      return ctx.db.prisma.$transaction(async (tx) => {
        const identity = await tx.userIdentity.findFirst({
          where: { id: input.id, userId: viewer.userId },
          include: {
            provider: { select: { name: true, organisationId: true } },
            user: { select: { email: true, passwordHash: true } },
          },
        });
        if (!identity) throw new NotFoundError('Koppeling', input.id);
        if (!identity.user.passwordHash) throw new ValidationError([{ path: ['id'], message: UNLINK_NEEDS_PASSWORD }]);
        await tx.userIdentity.delete({ where: { id: identity.id } });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: identity.provider.organisationId,
          entityType: 'User',
          entityId: encodeGlobalID('User', viewer.userId),
          action: 'SSO_UNLINK',
          before: null,
          after: { email: identity.user.email, provider: identity.provider.name },
        });
        return true;
      });
    },
  }),
);
