// Users of an organisation: its ADMINs (and instance administrators) invite users, change roles and remove members;
// invitees set their own password through a one-time link; instance administrators disable accounts.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { requireInstanceAdmin, requireViewer } from '#core/access.ts';
import { recordAudit, type Tx } from '#core/audit.ts';
import { endAccess, hashPassword, newSecret, normaliseEmail, openSession, sha256 } from '#core/auth.ts';
import { type Context, hasRole } from '#core/context.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { parseInput, requiredText, slug } from '#core/input.ts';
import { memberRoleLabel } from '#core/labels.ts';
import { mailLink, sendMailWaiting, sendNotice } from '#core/mail.ts';
import { invitationMail } from '#core/mail-templates.ts';
import { passwordProblem } from '#core/passwords.ts';
import { setAccountDisabled } from '#core/users.ts';
import { webAddress } from '#prisma/web-address.ts';
import { builder, selection } from '../builder.ts';
import { OrganisationType, Role } from './enums.ts';
import { Organisation } from './organisation.ts';
import { SessionRef } from './viewer.ts';

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
  const org = await tx.organisation.findUnique({ where: { slug: organisation }, select: { id: true, name: true, emailDomains: true, passwordSignIn: true } });
  if (!org) throw new NotFoundError('Organisatie', organisation);
  if (!viewer.isInstanceAdmin && !hasRole(viewer, org.id, 'ADMIN'))
    throw new ForbiddenError('Alleen beheerders van deze organisatie mogen haar gebruikers beheren.');
  return { viewer, organisationId: org.id, organisation: org };
}

/** The stored mail domains (space separated) as a list. */
export const emailDomainList = (stored: string) => stored.split(/\s+/).filter(Boolean);

/** The domain of an address, lower case. */
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * An organisation admin invites addresses in the organisation's own mail domains only (an instance administrator any
 * address): an admin of one partner cannot invite, and so set the password of, an address of another partner, which
 * that partner would later invite and find already in use.
 */
function requireOwnDomain(viewer: { isInstanceAdmin: boolean }, organisation: { name: string; emailDomains: string }, email: string) {
  if (viewer.isInstanceAdmin) return;
  const domains = emailDomainList(organisation.emailDomains);
  if (domains.includes(domainOf(email))) return;
  const own =
    domains.length > 0
      ? `de maildomeinen van ${organisation.name} (${domains.join(', ')})`
      : `een maildomein van ${organisation.name}: er is er nog geen vastgelegd`;
  throw new ValidationError([
    {
      path: ['email'],
      message: `Dit e-mailadres hoort niet bij ${own}. Nodig een adres van de eigen organisatie uit, of vraag een beheerder van Grondplan om dit adres uit te nodigen.`,
    },
  ]);
}

const memberSchema = z.object({
  organisation: slug,
  email: z.string().trim().max(200).pipe(z.email('Vul een geldig e-mailadres in.')),
  role: z.enum(['VIEWER', 'EDITOR', 'ADMIN']),
});

const INVITATION_DAYS = 7;
const userGid = (id: string) => encodeGlobalID('User', id);

interface InvitationResult {
  email: string;
  role: 'VIEWER' | 'EDITOR' | 'ADMIN';
  /** Only for an address without a usable account: the one-time link's token, shown once (unless it went by mail). */
  token: string | null;
  expiresAt: Date | null;
  /** The link went to the invitee by mail: the admin does not see it. */
  sentByMail: boolean;
}
const invitationPath = (token: string) => `/uitnodiging?sleutel=${encodeURIComponent(token)}`;
const InvitationRef = builder.objectRef<InvitationResult>('MemberInvitation').implement({
  description:
    'The answer to an invitation. For an existing account the membership is added at once (no password changes hands, and the owner sees it as new). For an address without an account, a one-time link lets the invitee set their own password.',
  fields: (t) => ({
    email: t.exposeString('email'),
    role: t.field({ type: Role, resolve: (i) => i.role }),
    addedToExistingAccount: t.boolean({ resolve: (i) => i.token === null }),
    sentByMail: t.boolean({
      description: 'The one-time link was mailed to the invitee (the hub sends e-mail and the mail server accepted it); it is then not shown here.',
      resolve: (i) => i.sentByMail,
    }),
    invitationPath: t.string({
      nullable: true,
      description:
        'The one-time link (a path on this hub), valid for 7 days and usable once; shown only now, and only when it was not mailed. Pass it on to the invitee only.',
      resolve: (i) => (i.token && !i.sentByMail ? invitationPath(i.token) : null),
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
  }),
});

/** Why no invitation link goes out for an organisation with password sign-in off. */
const ssoOnlyInvitation = (organisation: string) =>
  `${organisation} logt in via de eigen inlogdienst; inloggen met een wachtwoord staat uit. Een uitnodigingslink is dan niet nodig: een nieuwe medewerker krijgt een account bij de eerste keer "Inloggen via je organisatie".`;

/** The ways in an account's owner set up: a second factor, a linked identity provider. */
const ownWaysIn = {
  totpFactor: { select: { confirmedAt: true } },
  passkeys: { select: { id: true }, take: 1 },
  identities: { select: { id: true }, take: 1 },
} as const;

/**
 * An account is in use when it has a membership, is an instance administrator, or its owner set up a way in of their
 * own (a second factor, a linked provider). Such an account is never given a new password through an invitation link:
 * the link's holder (the admin, when no mail is sent) would otherwise get in without the owner's second factor.
 */
function inUse(account: {
  memberships: unknown[];
  isInstanceAdmin: boolean;
  totpFactor: { confirmedAt: Date | null } | null;
  passkeys: unknown[];
  identities: unknown[];
}): boolean {
  return (
    account.memberships.length > 0 ||
    account.isInstanceAdmin ||
    Boolean(account.totpFactor?.confirmedAt) ||
    account.passkeys.length > 0 ||
    account.identities.length > 0
  );
}

/**
 * Mails the one-time link to the invitee (true when the mail server accepted it), or, for an existing account added
 * to the organisation, queues a notice. Without mail settings nothing is sent and the admin gets the link.
 */
async function mailInvitation(invited: Omit<InvitationResult, 'sentByMail'> & { organisationName: string }): Promise<boolean> {
  const role = memberRoleLabel[invited.role].toLowerCase();
  if (!invited.token || !invited.expiresAt) {
    sendNotice(invited.email, { kind: 'ADDED_TO_ORGANISATION', detail: `${invited.organisationName} als ${role}`, when: new Date() });
    return false;
  }
  const link = mailLink(invitationPath(invited.token));
  if (!link) return false;
  return sendMailWaiting(invited.email, invitationMail({ organisationName: invited.organisationName, role: invited.role, link, expiresAt: invited.expiresAt }));
}

builder.mutationField('inviteMember', (t) =>
  t.field({
    type: InvitationRef,
    description:
      'Invites an address to the organisation with a role. An existing account gets the membership at once; an address without one gets a one-time link (7 days) through which the invitee sets their own password.',
    errors: options('InviteMember'),
    args: { organisation: t.arg.string({ required: true }), email: t.arg.string({ required: true }), role: t.arg({ type: Role, required: true }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(memberSchema, args, []);
      const email = normaliseEmail(input.email);
      const invited = await ctx.db.prisma.$transaction(async (tx) => {
        const { viewer, organisationId, organisation } = await requireOrganisationAdmin(tx, ctx, input.organisation);
        requireOwnDomain(viewer, organisation, email);
        const existing = await tx.user.findUnique({
          where: { email },
          select: { id: true, isInstanceAdmin: true, disabledAt: true, memberships: true, ...ownWaysIn },
        });
        if (existing?.disabledAt)
          throw new ValidationError([
            { path: ['email'], message: 'Het account van dit e-mailadres is geblokkeerd. Vraag een beheerder van Grondplan om het te deblokkeren.' },
          ]);
        if (existing?.memberships.some((m) => m.organisationId === organisationId))
          throw new ValidationError([
            { path: ['email'], message: 'Dit e-mailadres is al lid van deze organisatie. Wijzig zo nodig de rol in de lijst met gebruikers.' },
          ]);
        // An account in use (a membership elsewhere, or an instance administrator) is added without any password
        // changing hands. An account without any membership is not in use: it gets a new link like a new address, and
        // accepting it replaces its password, so whoever knew the old one (an admin who once invited it) is locked out.
        if (existing && inUse(existing)) {
          await tx.userMembership.create({ data: { userId: existing.id, organisationId, role: input.role, isNew: true } });
          await recordAudit(tx, {
            actor: viewer,
            source: ctx.source,
            organisationId,
            entityType: 'Membership',
            entityId: userGid(existing.id),
            action: 'CREATE',
            before: null,
            after: { email, role: input.role, invited: true },
          });
          return { email, role: input.role, token: null, expiresAt: null, organisationName: organisation.name };
        }
        // An organisation that signs in through its own provider has no use for a password link: its people get their
        // account at their first sign-in there.
        if (!organisation.passwordSignIn) throw new ValidationError([{ path: ['email'], message: ssoOnlyInvitation(organisation.name) }]);
        const token = newSecret('gpi');
        const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
        const invitation = await tx.invitation.create({
          data: { tokenHash: sha256(token), email, organisationId, role: input.role, invitedById: viewer.userId, expiresAt },
        });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId,
          entityType: 'Invitation',
          entityId: encodeGlobalID('Invitation', invitation.id),
          action: 'INVITE',
          before: null,
          after: { email, role: input.role, expiresAt, existingAccountWithoutMembership: Boolean(existing) },
        });
        return { email, role: input.role, token, expiresAt, organisationName: organisation.name };
      });
      // Mail after the transaction: a slow or failing mail server holds no lock and undoes nothing.
      return { ...invited, sentByMail: await mailInvitation(invited) };
    },
  }),
);

const MemberRoleRef = builder.objectRef<{ email: string; role: 'VIEWER' | 'EDITOR' | 'ADMIN' }>('MemberRole').implement({
  fields: (t) => ({ email: t.exposeString('email'), role: t.field({ type: Role, resolve: (m) => m.role }) }),
});

builder.mutationField('setMembership', (t) =>
  t.field({
    type: MemberRoleRef,
    description: 'Changes the role of a member of the organisation. New members are invited (inviteMember).',
    errors: options('SetMembership'),
    args: {
      organisation: t.arg.string({ required: true }),
      email: t.arg.string({ required: true }),
      role: t.arg({ type: Role, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(memberSchema, args, []);
      const email = normaliseEmail(input.email);
      return ctx.db.prisma.$transaction(async (tx) => {
        const { viewer, organisationId } = await requireOrganisationAdmin(tx, ctx, input.organisation);
        const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
        const before = user ? await tx.userMembership.findUnique({ where: { userId_organisationId: { userId: user.id, organisationId } } }) : null;
        if (!user || !before) throw new NotFoundError('Lidmaatschap', input.email);
        await tx.userMembership.update({ where: { userId_organisationId: { userId: user.id, organisationId } }, data: { role: input.role } });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId,
          entityType: 'Membership',
          entityId: userGid(user.id),
          action: 'UPDATE',
          before: { email, role: before.role },
          after: { email, role: input.role },
        });
        return { email, role: input.role };
      });
    },
  }),
);

builder.mutationField('removeMembership', (t) =>
  t.boolean({
    description: 'Removes a member. A user left without any membership loses their sessions and API tokens at once.',
    errors: options('RemoveMembership'),
    args: { organisation: t.arg.string({ required: true }), email: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(memberSchema.omit({ role: true }), args, []);
      return ctx.db.prisma.$transaction(async (tx) => {
        const { viewer, organisationId } = await requireOrganisationAdmin(tx, ctx, input.organisation);
        const user = await tx.user.findUnique({ where: { email: normaliseEmail(input.email) }, select: { id: true, isInstanceAdmin: true } });
        const membership = user ? await tx.userMembership.findUnique({ where: { userId_organisationId: { userId: user.id, organisationId } } }) : null;
        if (!user || !membership) throw new NotFoundError('Lidmaatschap', input.email);
        await tx.userMembership.delete({ where: { userId_organisationId: { userId: user.id, organisationId } } });
        const left = await tx.userMembership.count({ where: { userId: user.id } });
        const ended = left === 0 && !user.isInstanceAdmin ? await endAccess(tx, user.id) : null;
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId,
          entityType: 'Membership',
          entityId: userGid(user.id),
          action: 'DELETE',
          before: { email: input.email, role: membership.role },
          after: ended ? { accessEnded: true } : null,
        });
        return true;
      });
    },
  }),
);

const invitationProblem = 'Deze uitnodigingslink is verlopen, al gebruikt of onjuist. Vraag de beheerder van je organisatie om een nieuwe uitnodiging.';

/** An open invitation by its token, or null. */
async function openInvitation(db: Pick<Tx, 'invitation'>, token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: sha256(token) },
    include: { organisation: { select: { name: true, passwordSignIn: true } } },
  });
  return invitation && !invitation.acceptedAt && invitation.expiresAt.getTime() > Date.now() ? invitation : null;
}

const OpenInvitationRef = builder
  .objectRef<{ email: string; role: 'VIEWER' | 'EDITOR' | 'ADMIN'; expiresAt: Date; organisation: { name: string } }>('OpenInvitation')
  .implement({
    description: 'An invitation that can still be accepted, as its invitee sees it through the link.',
    fields: (t) => ({
      email: t.exposeString('email'),
      role: t.field({ type: Role, resolve: (i) => i.role }),
      organisationName: t.string({ resolve: (i) => i.organisation.name }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    }),
  });

builder.queryField('invitation', (t) =>
  t.field({
    type: OpenInvitationRef,
    nullable: true,
    description: 'The invitation behind a one-time link, while it can be accepted; null otherwise.',
    args: { token: t.arg.string({ required: true, validate: z.string().max(200) }) },
    resolve: (_root, args, ctx) => openInvitation(ctx.db.prisma, args.token),
  }),
);

builder.mutationField('acceptInvitation', (t) =>
  t.field({
    type: SessionRef,
    description: 'Accepts an invitation through its one-time link: sets the invitee’s name and own password, and signs in.',
    errors: mutationErrors('AcceptInvitation', [ValidationError]),
    args: { token: t.arg.string({ required: true }), name: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(z.object({ token: z.string().max(200), name: requiredText(200), password: z.string().max(500) }), args, []);
      const found = await openInvitation(ctx.db.prisma, input.token);
      if (!found) throw new ValidationError([{ path: ['token'], message: invitationProblem }]);
      // Password sign-in was switched off after the invitation went out: the link would open a password session there.
      if (!found.organisation.passwordSignIn) throw new ValidationError([{ path: ['token'], message: ssoOnlyInvitation(found.organisation.name) }]);
      const problem = await passwordProblem(input.password, { email: found.email, name: input.name });
      if (problem) throw new ValidationError([{ path: ['password'], message: problem }]);
      const passwordHash = await hashPassword(input.password);
      return ctx.db.prisma.$transaction(async (tx) => {
        // Used once: the first to claim it wins.
        const claimed = await tx.invitation.updateMany({ where: { id: found.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
        if (claimed.count === 0) throw new ValidationError([{ path: ['token'], message: invitationProblem }]);
        const existing = await tx.user.findUnique({ where: { email: found.email }, include: { memberships: true, ...ownWaysIn } });
        if (existing && (inUse(existing) || existing.disabledAt))
          throw new ValidationError([
            {
              path: ['token'],
              message: 'Voor dit e-mailadres bestaat al een account in gebruik. Log in met je eigen wachtwoord; de beheerder kan je dan toevoegen.',
            },
          ]);
        let user: { id: string; email: string };
        if (existing) {
          user = await tx.user.update({ where: { id: existing.id }, data: { name: input.name, passwordHash, mustChangePassword: false } });
          await endAccess(tx, existing.id);
        } else {
          user = await tx.user.create({ data: { email: found.email, name: input.name, passwordHash } });
        }
        await tx.userMembership.create({ data: { userId: user.id, organisationId: found.organisationId, role: found.role } });
        const session = await openSession(tx, user.id, { address: ctx.clientAddress, userAgent: ctx.userAgent, method: 'INVITATION' });
        const actor = { userId: user.id, email: user.email };
        await recordAudit(tx, {
          actor,
          source: ctx.source,
          organisationId: found.organisationId,
          entityType: 'Invitation',
          entityId: encodeGlobalID('Invitation', found.id),
          action: 'ACCEPT',
          before: null,
          after: { email: found.email, role: found.role, passwordReplaced: Boolean(existing) },
        });
        await recordAudit(tx, {
          actor,
          source: ctx.source,
          organisationId: found.organisationId,
          entityType: 'Membership',
          entityId: userGid(user.id),
          action: 'CREATE',
          before: null,
          after: { email: found.email, role: found.role },
        });
        return session;
      });
    },
  }),
);

/** Disables or enables an account; disabling ends its sessions and API tokens in the same transaction. */

for (const [name, disabled] of [
  ['disableUser', true],
  ['enableUser', false],
] as const) {
  builder.mutationField(name, (t) =>
    t.boolean({
      description: disabled
        ? 'Disables an account: no sign-in, and its sessions and API tokens end at once. For instance administrators.'
        : 'Enables a disabled account again (its user signs in anew). For instance administrators.',
      errors: options(name === 'disableUser' ? 'DisableUser' : 'EnableUser'),
      args: { email: t.arg.string({ required: true }) },
      resolve: async (_root, args, ctx) => {
        const viewer = requireInstanceAdmin(ctx, 'Alleen beheerders van Grondplan mogen accounts blokkeren of deblokkeren.');
        const { email } = parseInput(z.object({ email: z.string().trim().max(200).pipe(z.email('Vul een geldig e-mailadres in.')) }), args, []);
        if (disabled && normaliseEmail(email) === viewer.email)
          throw new ValidationError([{ path: ['email'], message: 'Je kunt je eigen account niet blokkeren.' }]);
        await ctx.db.prisma.$transaction((tx) => setAccountDisabled(tx, email, disabled, viewer, ctx.source));
        return true;
      },
    }),
  );
}

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

export const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Vul een maildomein in zoals emmen.nl (zonder @ en zonder http://).');

builder.mutationField('setOrganisationEmailDomains', (t) =>
  t.prismaField({
    type: Organisation,
    description:
      'Sets the mail domains of an organisation (e.g. "emmen.nl"); its admins may invite addresses in these domains only. For instance administrators.',
    errors: options('SetOrganisationEmailDomains'),
    args: { organisation: t.arg.string({ required: true }), domains: t.arg.stringList({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireInstanceAdmin(ctx, 'Alleen beheerders van Grondplan mogen de maildomeinen van een organisatie vastleggen.');
      const input = parseInput(z.object({ organisation: slug, domains: z.array(domainName).max(20, 'Geef ten hoogste 20 maildomeinen.') }), args, []);
      const domains = [...new Set(input.domains)].sort();
      return ctx.db.prisma.$transaction(async (tx) => {
        const before = await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true, emailDomains: true } });
        if (!before) throw new NotFoundError('Organisatie', input.organisation);
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

export { MemberRef };
