// An organisation's OpenID Connect provider (single sign-on): the type, its queries, and what the sign-in settings of an
// organisation show. Registered and changed by instance administrators (identity-provider-mutations.ts); how members
// sign in is set in sign-in-policy.ts.
import type { Context } from '#core/context.ts';
import { words } from '#core/sso.ts';
import { builder } from '../builder.ts';
import { Role } from './enums.ts';
import { Organisation } from './organisation.ts';

export const IdentityProviderRef = builder.prismaObject('IdentityProvider', {
  description: 'An organisation’s OpenID Connect provider. The client secret is write-only: no field returns it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    organisation: t.relation('organisation'),
    issuer: t.exposeString('issuer'),
    clientId: t.exposeString('clientId'),
    emailDomains: t.stringList({ select: { emailDomains: true }, resolve: (p) => words(p.emailDomains) }),
    roleClaim: t.exposeString('roleClaim', {
      description: 'The ID token claim with groups or roles; empty: the default role only.',
    }),
    viewerValues: t.stringList({ select: { viewerValues: true }, resolve: (p) => words(p.viewerValues) }),
    editorValues: t.stringList({ select: { editorValues: true }, resolve: (p) => words(p.editorValues) }),
    adminValues: t.stringList({ select: { adminValues: true }, resolve: (p) => words(p.adminValues) }),
    defaultRole: t.field({ type: Role, nullable: true, select: { defaultRole: true }, resolve: (p) => p.defaultRole }),
    enabled: t.exposeBoolean('enabled'),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

/** What the sign-in page shows of a provider: enough to choose it, nothing of its settings. */
const SignInProviderRef = builder
  .objectRef<{ id: string; name: string; organisationName: string }>('SignInProvider')
  .implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      name: t.exposeString('name'),
      organisationName: t.exposeString('organisationName'),
    }),
  });

builder.queryFields((t) => ({
  identityProviders: t.prismaField({
    type: [IdentityProviderRef],
    description: 'Every registered OpenID Connect provider; for instance administrators.',
    authScopes: { instanceAdmin: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.db.prisma.identityProvider.findMany({ ...query, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  }),
  signInProviders: t.field({
    type: [SignInProviderRef],
    description: 'The enabled providers, by name, for “Inloggen via je organisatie”.',
    resolve: async (_root, _args, ctx) => {
      const rows = await ctx.db.prisma.identityProvider.findMany({
        where: { enabled: true },
        select: { id: true, name: true, organisation: { select: { name: true } } },
        orderBy: [{ organisation: { name: 'asc' } }, { name: 'asc' }],
      });
      return rows.map((r) => ({ id: r.id, name: r.name, organisationName: r.organisation.name }));
    },
  }),
}));

/** Whether the reader may know how an organisation signs in: its members and instance administrators. */
const mayKnowSignIn = (ctx: Context, organisationId: string) =>
  Boolean(ctx.viewer?.isInstanceAdmin || ctx.viewer?.organisationIds.includes(organisationId));

// Null (not an error) for other readers: Organisation appears in many lists, and one refused field would null them.
builder.prismaObjectFields(Organisation, (t) => ({
  passwordSignIn: t.boolean({
    nullable: true,
    description:
      'Whether members may sign in with a password; null for readers who are not its members or instance administrators.',
    select: { passwordSignIn: true },
    resolve: (o, _args, ctx) => (mayKnowSignIn(ctx, o.id) ? o.passwordSignIn : null),
  }),
  singleSignOn: t.boolean({
    nullable: true,
    description:
      'Whether an enabled OpenID Connect provider signs its members in; null for readers who are not its members or instance administrators.',
    select: { identityProviders: { where: { enabled: true }, select: { id: true }, take: 1 } },
    resolve: (o, _args, ctx) => (mayKnowSignIn(ctx, o.id) ? o.identityProviders.length > 0 : null),
  }),
}));
