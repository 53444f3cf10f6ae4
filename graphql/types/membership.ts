// Users of an organisation: its ADMINs (and instance administrators) invite users, change roles and remove members.
import { randomBytes } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { webAddress } from '../../prisma/web-address.ts';
import { requireInstanceAdmin, requireViewer } from '../access.ts';
import { recordAudit, type Tx } from '../audit.ts';
import { hashPassword, normaliseEmail } from '../auth.ts';
import { builder, selection } from '../builder.ts';
import { type Context, hasRole } from '../context.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '../errors.ts';
import { parseInput, requiredText, slug } from '../input.ts';
import { OrganisationType, Role } from './enums.ts';
import { Organisation } from './organisation.ts';

const options = (name: string) => mutationErrors(name, [ForbiddenError, NotFoundError, ValidationError]);

const MemberRef = builder.prismaObject('UserMembership', {
  description: 'A user’s role in an organisation.',
  fields: (t) => ({
    role: t.expose('role', { type: Role }),
    email: t.string({ select: { user: { select: { email: true } } }, resolve: (m) => m.user.email }),
    name: t.string({ select: { user: { select: { name: true } } }, resolve: (m) => m.user.name }),
  }),
});

builder.prismaObjectFields(Organisation, (t) => ({
  users: t.relation('userMemberships', {
    description: 'Users and their roles; for the organisation’s admins and instance administrators only.',
    authScopes: (o) => ({ instanceAdmin: true, adminOf: o.id }),
    query: { orderBy: { user: { email: 'asc' } } },
  }),
}));

/** Organisation ADMINs manage their own organisation's users; instance administrators any organisation's. */
async function requireOrganisationAdmin(tx: Tx, ctx: Context, organisation: string) {
  const viewer = requireViewer(ctx);
  const org = await tx.organisation.findUnique({ where: { slug: organisation }, select: { id: true } });
  if (!org) throw new NotFoundError('Organisatie', organisation);
  if (!viewer.isInstanceAdmin && !hasRole(viewer, org.id, 'ADMIN'))
    throw new ForbiddenError('Alleen beheerders van deze organisatie mogen haar gebruikers beheren.');
  return { viewer, organisationId: org.id };
}

interface Invitation {
  email: string;
  role: 'VIEWER' | 'EDITOR' | 'ADMIN';
  /** Set only when the user was created now: a one-time password to hand over. */
  oneTimePassword: string | null;
}
const InvitationRef = builder.objectRef<Invitation>('Invitation').implement({
  fields: (t) => ({
    email: t.exposeString('email'),
    role: t.field({ type: Role, resolve: (i) => i.role }),
    oneTimePassword: t.exposeString('oneTimePassword', { nullable: true, description: 'Shown once, only for a new user; pass it on safely.' }),
  }),
});

const memberSchema = z.object({
  organisation: slug,
  email: z.string().trim().max(200).pipe(z.email('Vul een geldig e-mailadres in.')),
  role: z.enum(['VIEWER', 'EDITOR', 'ADMIN']),
});

builder.mutationField('setMembership', (t) =>
  t.field({
    type: InvitationRef,
    description: 'Gives a user a role in an organisation, creating the user (with a one-time password) when new.',
    errors: options('SetMembership'),
    args: {
      organisation: t.arg.string({ required: true }),
      email: t.arg.string({ required: true }),
      role: t.arg({ type: Role, required: true }),
      name: t.arg.string(),
    },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(memberSchema.extend({ name: requiredText(200).nullish() }), args, []);
      const email = normaliseEmail(input.email);
      const oneTimePassword = randomBytes(18).toString('base64url');
      const passwordHash = await hashPassword(oneTimePassword);
      return ctx.db.prisma.$transaction(async (tx) => {
        const { viewer, organisationId } = await requireOrganisationAdmin(tx, ctx, input.organisation);
        const existing = await tx.user.findUnique({ where: { email } });
        const user = existing ?? (await tx.user.create({ data: { email, name: input.name ?? email.split('@')[0] ?? email, passwordHash } }));
        const before = await tx.userMembership.findUnique({ where: { userId_organisationId: { userId: user.id, organisationId } } });
        await tx.userMembership.upsert({
          where: { userId_organisationId: { userId: user.id, organisationId } },
          create: { userId: user.id, organisationId, role: input.role },
          update: { role: input.role },
        });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId,
          entityType: 'Membership',
          entityId: encodeGlobalID('User', user.id),
          action: before ? 'UPDATE' : 'CREATE',
          before: before ? { email, role: before.role } : null,
          after: { email, role: input.role, newUser: !existing },
        });
        return { email, role: input.role, oneTimePassword: existing ? null : oneTimePassword };
      });
    },
  }),
);

builder.mutationField('removeMembership', (t) =>
  t.boolean({
    errors: options('RemoveMembership'),
    args: { organisation: t.arg.string({ required: true }), email: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(memberSchema.omit({ role: true }), args, []);
      return ctx.db.prisma.$transaction(async (tx) => {
        const { viewer, organisationId } = await requireOrganisationAdmin(tx, ctx, input.organisation);
        const user = await tx.user.findUnique({ where: { email: normaliseEmail(input.email) }, select: { id: true } });
        const membership = user ? await tx.userMembership.findUnique({ where: { userId_organisationId: { userId: user.id, organisationId } } }) : null;
        if (!user || !membership) throw new NotFoundError('Lidmaatschap', input.email);
        await tx.userMembership.delete({ where: { userId_organisationId: { userId: user.id, organisationId } } });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId,
          entityType: 'Membership',
          entityId: encodeGlobalID('User', user.id),
          action: 'DELETE',
          before: { email: input.email, role: membership.role },
          after: null,
        });
        return true;
      });
    },
  }),
);

const CreateOrganisationInput = builder.inputType('CreateOrganisationInput', {
  fields: (t) => ({
    slug: t.string({ required: true }),
    name: t.string({ required: true }),
    type: t.field({ type: OrganisationType, required: true }),
    cbsCode: t.string(),
    website: t.string(),
    description: t.string(),
  }),
});

builder.mutationField('createOrganisation', (t) =>
  t.prismaField({
    type: Organisation,
    description: 'Adds an organisation; for instance administrators.',
    errors: options('CreateOrganisation'),
    args: { input: t.arg({ type: CreateOrganisationInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireInstanceAdmin(ctx, 'Alleen beheerders van Grondplan mogen organisaties toevoegen.');
      const input = parseInput(
        z.object({
          slug,
          name: requiredText(200),
          type: z.enum(['MUNICIPALITY', 'COOPERATION', 'SUPPLIER', 'OTHER']),
          cbsCode: z
            .string()
            .regex(/^GM\d{4}$/, 'Een CBS-code ziet eruit als GM0114.')
            .nullish(),
          website: webAddress.nullish(),
          description: requiredText(2000).nullish(),
        }),
        args.input,
      );
      return ctx.db.prisma.$transaction(async (tx) => {
        if (
          await tx.organisation.findFirst({
            where: { OR: [{ slug: input.slug }, ...(input.cbsCode ? [{ cbsCode: input.cbsCode }] : [])] },
            select: { id: true },
          })
        ) {
          throw new ValidationError([{ path: ['input', 'slug'], message: 'Er is al een organisatie met deze sleutel of CBS-code.' }]);
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

export { MemberRef };
