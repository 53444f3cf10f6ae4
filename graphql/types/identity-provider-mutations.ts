// Registering and changing an organisation's OpenID Connect provider, for instance administrators; its client secret is
// write-only. An organisation whose last enabled provider goes signs in with passwords again.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { organisationBySlug, requireInstanceAdmin } from '#core/access.ts';
import { recordAudit, type Tx } from '#core/audit.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { parseInput, requiredText, slug } from '#core/input.ts';
import { domainName } from '#core/membership.ts';
import { restorePasswordSignIn } from '#core/sign-in-policy.ts';
import { isLoopback, words } from '#core/sso.ts';
import * as E from '#prisma/generated/sqlite/client/enums.ts';
import { builder, selection } from '../builder.ts';
import { Role } from './enums.ts';
import { IdentityProviderRef } from './identity-provider.ts';

const options = (name: string) => mutationErrors(name, [ForbiddenError, NotFoundError, ValidationError]);
const gid = (id: string) => encodeGlobalID('IdentityProvider', id);

const issuerUrl = z
  .string()
  .trim()
  .max(500, 'Maximaal 500 tekens.')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url))) &&
        !url.search &&
        !url.hash &&
        !url.username &&
        !url.password
      );
    } catch {
      return false;
    }
  }, 'Vul de issuer-URL van de provider in, met https:// (zoals https://login.microsoftonline.com/<tenant>/v2.0), zonder ? of #.');

const claimValues = z
  .string()
  .max(5000, 'Maximaal 5000 tekens.')
  .transform((value) => [...new Set(words(value))])
  .refine((values) => values.length <= 100, 'Geef ten hoogste 100 waarden.')
  .refine((values) => values.every((v) => v.length <= 200), 'Een waarde is ten hoogste 200 tekens lang.');

const providerInput = (secretRequired: boolean) =>
  z.object({
    organisation: slug,
    name: requiredText(100),
    issuer: issuerUrl,
    clientId: z.string().trim().min(1, 'Vul de client-id in die de provider gaf.').max(200, 'Maximaal 200 tekens.'),
    clientSecret: secretRequired
      ? z.string().trim().min(1, 'Vul het clientgeheim in dat de provider gaf.').max(500, 'Maximaal 500 tekens.')
      : z.string().trim().max(500, 'Maximaal 500 tekens.').nullish(),
    emailDomains: z
      .array(domainName)
      .min(1, 'Geef minstens één maildomein waarvoor de provider instaat (zoals emmen.nl).')
      .max(20, 'Geef ten hoogste 20 maildomeinen.'),
    roleClaim: z
      .string()
      .trim()
      .max(100, 'Maximaal 100 tekens.')
      .regex(
        /^[A-Za-z0-9_:./-]*$/,
        'Vul de naam van een claim in, zoals groups of roles (letters, cijfers, _ : . / -).',
      ),
    viewerValues: claimValues,
    editorValues: claimValues,
    adminValues: claimValues,
    defaultRole: z.enum(E.Role).nullish(),
    enabled: z.boolean(),
  });

const ProviderInput = builder.inputType('IdentityProviderInput', {
  fields: (t) => ({
    organisation: t.string({
      required: true,
      description: 'The slug of the organisation whose members sign in through it.',
    }),
    name: t.string({ required: true, description: 'The name on the sign-in page.' }),
    issuer: t.string({ required: true }),
    clientId: t.string({ required: true }),
    clientSecret: t.string({
      description:
        'Required when registering and when the issuer or client id changes; on another change, empty or absent keeps the stored secret.',
    }),
    emailDomains: t.stringList({
      required: true,
      description:
        'Mail domains of the organisation (its emailDomains) the provider vouches for; each with at most one enabled provider.',
    }),
    roleClaim: t.string({ required: true, description: 'e.g. groups or roles; empty: the default role only.' }),
    viewerValues: t.string({ required: true, description: 'Claim values that give VIEWER, separated by spaces.' }),
    editorValues: t.string({ required: true }),
    adminValues: t.string({ required: true }),
    defaultRole: t.field({
      type: Role,
      description: 'The role without a mapped value; absent: no access without one.',
    }),
    enabled: t.boolean({ required: true }),
  }),
});

type Input = z.infer<ReturnType<typeof providerInput>>;

function mappingProblems(input: Input) {
  if (!input.roleClaim && !input.defaultRole)
    return [
      {
        path: ['input', 'defaultRole'],
        message: 'Kies een standaardrol, of vul een claim met groepen of rollen in: anders krijgt niemand toegang.',
      },
    ];
  if (!input.roleClaim && (input.viewerValues.length || input.editorValues.length || input.adminValues.length))
    return [
      {
        path: ['input', 'roleClaim'],
        message: 'Vul de claim in waarin de provider deze groepen of rollen meestuurt (zoals groups).',
      },
    ];
  return [];
}

/** The stored columns of an input (the secret only when given). */
const columns = (input: Input) => ({
  name: input.name,
  issuer: input.issuer.replace(/\/+$/, '') || input.issuer,
  clientId: input.clientId,
  emailDomains: [...new Set(input.emailDomains)].sort().join(' '),
  roleClaim: input.roleClaim,
  viewerValues: input.viewerValues.join(' '),
  editorValues: input.editorValues.join(' '),
  adminValues: input.adminValues.join(' '),
  defaultRole: input.defaultRole ?? null,
  enabled: input.enabled,
});

/** A stored provider's settings, in the shape of `columns`. */
const settingsOf = (p: ReturnType<typeof columns>): ReturnType<typeof columns> => ({
  name: p.name,
  issuer: p.issuer,
  clientId: p.clientId,
  emailDomains: p.emailDomains,
  roleClaim: p.roleClaim,
  viewerValues: p.viewerValues,
  editorValues: p.editorValues,
  adminValues: p.adminValues,
  defaultRole: p.defaultRole,
  enabled: p.enabled,
});

/** What the audit trail records of a provider: every setting, never the secret. */
const audited = (c: ReturnType<typeof columns>) => ({
  ...c,
  emailDomains: words(c.emailDomains),
  viewerValues: words(c.viewerValues),
  editorValues: words(c.editorValues),
  adminValues: words(c.adminValues),
});

/**
 * A provider vouches only for mail domains of its own organisation, and a domain has at most one enabled provider:
 * otherwise one organisation's provider could sign in (and take over, by linking) accounts of another's addresses.
 */
async function domainProblems(
  tx: Tx,
  input: Input,
  organisation: { id: string; name: string; emailDomains: string },
  ownId: string | null,
) {
  const own = words(organisation.emailDomains);
  const foreign = [...new Set(input.emailDomains)].filter((domain) => !own.includes(domain));
  if (foreign.length)
    return [
      {
        path: ['input', 'emailDomains'],
        message: `${foreign.join(', ')} ${foreign.length > 1 ? 'horen' : 'hoort'} niet bij de maildomeinen van ${organisation.name} (${own.join(', ') || 'nog geen vastgelegd'}). Een inlogdienst staat alleen in voor maildomeinen van de eigen organisatie: leg het domein eerst bij de organisatie vast.`,
      },
    ];
  if (!input.enabled) return [];
  const others = await tx.identityProvider.findMany({
    where: { enabled: true, ...(ownId ? { id: { not: ownId } } : {}) },
    select: { name: true, emailDomains: true },
  });
  for (const other of others) {
    const shared = words(other.emailDomains).find((domain) => input.emailDomains.includes(domain));
    if (shared)
      return [
        {
          path: ['input', 'emailDomains'],
          message: `Het maildomein ${shared} heeft al een ingeschakelde inlogdienst (${other.name}). Een maildomein hoort bij één ingeschakelde inlogdienst.`,
        },
      ];
  }
  return [];
}

builder.mutationField('createIdentityProvider', (t) =>
  t.prismaField({
    type: IdentityProviderRef,
    description: 'Registers an organisation’s OpenID Connect provider. For instance administrators.',
    errors: options('CreateIdentityProvider'),
    args: { input: t.arg({ type: ProviderInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireInstanceAdmin(
        ctx,
        'Alleen beheerders van Grondplan mogen een inlogdienst van een organisatie vastleggen.',
      );
      // An absent secret is an empty one: the same Dutch message.
      const input = parseInput(providerInput(true), { ...args.input, clientSecret: args.input.clientSecret ?? '' });
      const problems = mappingProblems(input);
      if (problems.length) throw new ValidationError(problems);
      return ctx.db.prisma.$transaction(async (tx) => {
        const organisation = await organisationBySlug(tx, input.organisation);
        const invalid = await domainProblems(tx, input, organisation, null);
        if (invalid.length) throw new ValidationError(invalid);
        const values = columns(input);
        const created = await tx.identityProvider.create({
          data: { ...values, organisationId: organisation.id, clientSecret: input.clientSecret ?? '' },
        });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: organisation.id,
          entityType: 'IdentityProvider',
          entityId: gid(created.id),
          action: 'CREATE',
          before: null,
          after: { ...audited(values), clientSecret: 'vastgelegd' },
        });
        return tx.identityProvider.findUniqueOrThrow({ ...selection(query), where: { id: created.id } });
      });
    },
  }),
);

builder.mutationField('updateIdentityProvider', (t) =>
  t.prismaField({
    type: IdentityProviderRef,
    description:
      'Changes a provider’s settings; the secret only when a new one is given, and a new one is required when the issuer or client id changes. When the issuer or the organisation changes, the provider’s links to accounts are removed (a subject means someone else at another issuer, and the accounts belong to the old organisation) and its sign-ins under way end: an account is linked again, with its password, at its next sign-in (an account without a password cannot be). For instance administrators.',
    errors: options('UpdateIdentityProvider'),
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: ProviderInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireInstanceAdmin(
        ctx,
        'Alleen beheerders van Grondplan mogen een inlogdienst van een organisatie wijzigen.',
      );
      const input = parseInput(providerInput(false), args.input);
      const problems = mappingProblems(input);
      if (problems.length) throw new ValidationError(problems);
      return ctx.db.prisma.$transaction(async (tx) => {
        const before = await tx.identityProvider.findUnique({ where: { id: String(args.id) } });
        if (!before) throw new NotFoundError('Inlogdienst', String(args.id));
        const organisation = await organisationBySlug(tx, input.organisation);
        const invalid = await domainProblems(tx, input, organisation, before.id);
        const values = columns(input);
        // The stored secret goes only to the provider it was given for: another issuer or client needs its own.
        if (!input.clientSecret && (values.issuer !== before.issuer || values.clientId !== before.clientId))
          invalid.push({
            path: ['input', 'clientSecret'],
            message:
              'De issuer-URL of de client-id is gewijzigd: vul ook het clientgeheim van die provider in. Het opgeslagen geheim gaat niet mee naar een andere provider.',
          });
        if (invalid.length) throw new ValidationError(invalid);
        const newSecret = Boolean(input.clientSecret) && input.clientSecret !== before.clientSecret;
        await tx.identityProvider.update({
          where: { id: before.id },
          data: {
            ...values,
            organisationId: organisation.id,
            ...(newSecret ? { clientSecret: input.clientSecret ?? '' } : {}),
          },
        });
        // A link is (provider, subject) as that issuer meant it, for an account of that organisation: neither survives
        // another issuer (its subjects are other people) or another organisation. Sign-ins under way end with them.
        const relinked = values.issuer !== before.issuer || organisation.id !== before.organisationId;
        const linksRemoved = relinked
          ? (await tx.userIdentity.deleteMany({ where: { providerId: before.id } })).count
          : 0;
        if (relinked) await tx.ssoFlow.deleteMany({ where: { providerId: before.id } });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: organisation.id,
          entityType: 'IdentityProvider',
          entityId: gid(before.id),
          action: 'UPDATE',
          before: { ...audited(settingsOf(before)), clientSecret: null, organisationId: before.organisationId },
          after: {
            ...audited(values),
            clientSecret: newSecret ? 'vervangen' : null,
            organisationId: organisation.id,
            ...(relinked ? { linksRemoved } : {}),
          },
        });
        // An organisation whose last enabled provider goes (or moves) signs in with passwords again: nobody is locked out.
        for (const id of new Set([before.organisationId, organisation.id]))
          await restorePasswordSignIn(tx, viewer, ctx.source, id);
        return tx.identityProvider.findUniqueOrThrow({ ...selection(query), where: { id: before.id } });
      });
    },
  }),
);
