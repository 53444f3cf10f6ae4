// Organisations added and their mail domains recorded, by instance administrators; each change audited.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { organisationBySlug, requireInstanceAdmin } from '#core/access.ts';
import { recordAudit } from '#core/audit.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { requiredText, slug } from '#core/input.ts';
import { domainName, emailDomainList } from '#core/membership.ts';
import { webAddress } from '#prisma/web-address.ts';
import { builder, selection } from '../builder.ts';
import { OrganisationType } from './enums.ts';
import { Organisation } from './organisation.ts';

const options = (name: string) => mutationErrors(name, [ForbiddenError, NotFoundError, ValidationError]);

const CreateOrganisationInput = builder.inputType('CreateOrganisationInput', {
  fields: (t) => ({
    slug: t.string({ required: true, validate: slug }),
    name: t.string({ required: true, validate: requiredText(200) }),
    type: t.field({ type: OrganisationType, required: true }),
    cbsCode: t.string({
      validate: z
        .string()
        .regex(/^GM\d{4}$/, 'Een CBS-code ziet eruit als GM0114.')
        .nullish(),
    }),
    website: t.string({ validate: webAddress.nullish() }),
    description: t.string({ validate: requiredText(2000).nullish() }),
  }),
});

builder.mutationField('createOrganisation', (t) =>
  t.prismaField({
    type: Organisation,
    description: 'Adds an organisation; for instance administrators.',
    errors: options('CreateOrganisation'),
    args: { input: t.arg({ type: CreateOrganisationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const viewer = requireInstanceAdmin(ctx, 'Alleen beheerders van Grondplan mogen organisaties toevoegen.');
      return ctx.db.prisma.$transaction(async (tx) => {
        if (
          await tx.organisation.findFirst({
            where: { OR: [{ slug: input.slug }, ...(input.cbsCode ? [{ cbsCode: input.cbsCode }] : [])] },
            select: { id: true },
          })
        ) {
          throw new ValidationError([
            { path: ['input', 'slug'], message: 'Er is al een organisatie met deze sleutel of CBS-code.' },
          ]);
        }
        const created = await tx.organisation.create({
          data: {
            slug: input.slug,
            name: input.name,
            type: input.type,
            cbsCode: input.cbsCode ?? null,
            website: input.website ?? null,
            description: input.description ?? null,
          },
        });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: created.id,
          entityType: 'Organisation',
          entityId: encodeGlobalID('Organisation', created.id),
          action: 'CREATE',
          before: null,
          after: created,
        });
        return tx.organisation.findUniqueOrThrow({ ...selection(query), where: { id: created.id } });
      });
    },
  }),
);

builder.mutationField('setOrganisationEmailDomains', (t) =>
  t.prismaField({
    type: Organisation,
    description:
      'Sets the mail domains of an organisation (e.g. "emmen.nl"); its admins may invite addresses in these domains only. For instance administrators.',
    errors: options('SetOrganisationEmailDomains'),
    args: {
      organisation: t.arg.string({ required: true, validate: slug }),
      domains: t.arg.stringList({
        required: true,
        validate: z.array(domainName).max(20, 'Geef ten hoogste 20 maildomeinen.'),
      }),
    },
    resolve: async (query, _root, input, ctx) => {
      const viewer = requireInstanceAdmin(
        ctx,
        'Alleen beheerders van Grondplan mogen de maildomeinen van een organisatie vastleggen.',
      );
      const domains = [...new Set(input.domains)].sort();
      return ctx.db.prisma.$transaction(async (tx) => {
        const before = await organisationBySlug(tx, input.organisation);
        await tx.organisation.update({ where: { id: before.id }, data: { emailDomains: domains.join(' ') } });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: before.id,
          entityType: 'Organisation',
          entityId: encodeGlobalID('Organisation', before.id),
          action: 'UPDATE',
          before: { emailDomains: emailDomainList(before.emailDomains) },
          after: { emailDomains: domains },
        });
        return tx.organisation.findUniqueOrThrow({ ...selection(query), where: { id: before.id } });
      });
    },
  }),
);
