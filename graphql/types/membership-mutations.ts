// Changes to an organisation's users: its ADMINs (and instance administrators) invite users, change roles and remove
// members; invitees set their own password through a one-time link; instance administrators disable accounts, add
// organisations and record their mail domains. The rules are in core/membership.ts.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { requireInstanceAdmin } from '#core/access.ts';
import { recordAudit } from '#core/audit.ts';
import { endAccess, hashPassword, newSecret, normaliseEmail, openSession, sha256 } from '#core/auth.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { requiredText, slug } from '#core/input.ts';
import { memberRoleLabel } from '#core/labels.ts';
import { mailLink, sendMailWaiting, sendNotice } from '#core/mail.ts';
import { invitationMail } from '#core/mail-templates.ts';
import {
  email as emailAddress,
  INVITATION_DAYS,
  inUse,
  invitationProblem,
  openInvitation,
  ownWaysIn,
  requireOrganisationAdmin,
  requireOwnDomain,
  ssoOnlyInvitation,
} from '#core/membership.ts';
import { passwordProblem } from '#core/passwords.ts';
import { setAccountDisabled } from '#core/users.ts';
import { builder } from '../builder.ts';
import { Role } from './enums.ts';
import { InvitationRef, type InvitationResult, invitationPath, MemberRoleRef } from './membership.ts';
import { SessionRef } from './viewer.ts';

const options = (name: string) => mutationErrors(name, [ForbiddenError, NotFoundError, ValidationError]);

const userGid = (id: string) => encodeGlobalID('User', id);

/**
 * Mails the one-time link to the invitee (true when the mail server accepted it), or, for an existing account added
 * to the organisation, queues a notice. Without mail settings nothing is sent and the admin gets the link.
 */
async function mailInvitation(
  invited: Omit<InvitationResult, 'sentByMail'> & { organisationName: string },
): Promise<boolean> {
  const role = memberRoleLabel[invited.role].toLowerCase();
  if (!invited.token || !invited.expiresAt) {
    sendNotice(invited.email, {
      kind: 'ADDED_TO_ORGANISATION',
      detail: `${invited.organisationName} als ${role}`,
      when: new Date(),
    });
    return false;
  }
  const link = mailLink(invitationPath(invited.token));
  if (!link) return false;
  return sendMailWaiting(
    invited.email,
    invitationMail({
      organisationName: invited.organisationName,
      role: invited.role,
      link,
      expiresAt: invited.expiresAt,
    }),
  );
}

builder.mutationField('inviteMember', (t) =>
  t.field({
    type: InvitationRef,
    description:
      'Invites an address to the organisation with a role. An existing account gets the membership at once; an address without one gets a one-time link (7 days) through which the invitee sets their own password.',
    errors: options('InviteMember'),
    args: {
      organisation: t.arg.string({ required: true, validate: slug }),
      email: t.arg.string({ required: true, validate: emailAddress }),
      role: t.arg({ type: Role, required: true }),
    },
    resolve: async (_root, input, ctx) => {
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
            {
              path: ['email'],
              message:
                'Het account van dit e-mailadres is geblokkeerd. Vraag een beheerder van Grondplan om het te deblokkeren.',
            },
          ]);
        if (existing?.memberships.some((m) => m.organisationId === organisationId))
          throw new ValidationError([
            {
              path: ['email'],
              message:
                'Dit e-mailadres is al lid van deze organisatie. Wijzig zo nodig de rol in de lijst met gebruikers.',
            },
          ]);
        // An account in use (a membership elsewhere, or an instance administrator) is added without any password
        // changing hands. An account without any membership is not in use: it gets a new link like a new address, and
        // accepting it replaces its password, so whoever knew the old one (an admin who once invited it) is locked out.
        if (existing && inUse(existing)) {
          await tx.userMembership.create({
            data: { userId: existing.id, organisationId, role: input.role, isNew: true },
          });
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
        if (!organisation.passwordSignIn)
          throw new ValidationError([{ path: ['email'], message: ssoOnlyInvitation(organisation.name) }]);
        const token = newSecret('gpi');
        const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
        const invitation = await tx.invitation.create({
          data: {
            tokenHash: sha256(token),
            email,
            organisationId,
            role: input.role,
            invitedById: viewer.userId,
            expiresAt,
          },
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

builder.mutationField('setMembership', (t) =>
  t.field({
    type: MemberRoleRef,
    description: 'Changes the role of a member of the organisation. New members are invited (inviteMember).',
    errors: options('SetMembership'),
    args: {
      organisation: t.arg.string({ required: true, validate: slug }),
      email: t.arg.string({ required: true, validate: emailAddress }),
      role: t.arg({ type: Role, required: true }),
    },
    resolve: async (_root, input, ctx) => {
      const email = normaliseEmail(input.email);
      return ctx.db.prisma.$transaction(async (tx) => {
        const { viewer, organisationId } = await requireOrganisationAdmin(tx, ctx, input.organisation);
        const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
        const before = user
          ? await tx.userMembership.findUnique({
              where: { userId_organisationId: { userId: user.id, organisationId } },
            })
          : null;
        if (!user || !before) throw new NotFoundError('Lidmaatschap', input.email);
        await tx.userMembership.update({
          where: { userId_organisationId: { userId: user.id, organisationId } },
          data: { role: input.role },
        });
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
    args: {
      organisation: t.arg.string({ required: true, validate: slug }),
      email: t.arg.string({ required: true, validate: emailAddress }),
    },
    resolve: async (_root, input, ctx) => {
      return ctx.db.prisma.$transaction(async (tx) => {
        const { viewer, organisationId } = await requireOrganisationAdmin(tx, ctx, input.organisation);
        const user = await tx.user.findUnique({
          where: { email: normaliseEmail(input.email) },
          select: { id: true, isInstanceAdmin: true },
        });
        const membership = user
          ? await tx.userMembership.findUnique({
              where: { userId_organisationId: { userId: user.id, organisationId } },
            })
          : null;
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

builder.mutationField('acceptInvitation', (t) =>
  t.field({
    type: SessionRef,
    description:
      'Accepts an invitation through its one-time link: sets the invitee’s name and own password, and signs in.',
    errors: mutationErrors('AcceptInvitation', [ValidationError]),
    args: {
      token: t.arg.string({ required: true, validate: z.string().max(200) }),
      name: t.arg.string({ required: true, validate: requiredText(200) }),
      password: t.arg.string({ required: true, validate: z.string().max(500) }),
    },
    resolve: async (_root, input, ctx) => {
      const found = await openInvitation(ctx.db.prisma, input.token);
      if (!found) throw new ValidationError([{ path: ['token'], message: invitationProblem }]);
      // Password sign-in was switched off after the invitation went out: the link would open a password session there.
      if (!found.organisation.passwordSignIn)
        throw new ValidationError([{ path: ['token'], message: ssoOnlyInvitation(found.organisation.name) }]);
      const problem = await passwordProblem(input.password, { email: found.email, name: input.name });
      if (problem) throw new ValidationError([{ path: ['password'], message: problem }]);
      const passwordHash = await hashPassword(input.password);
      return ctx.db.prisma.$transaction(async (tx) => {
        // Used once: the first to claim it wins.
        const claimed = await tx.invitation.updateMany({
          where: { id: found.id, acceptedAt: null },
          data: { acceptedAt: new Date() },
        });
        if (claimed.count === 0) throw new ValidationError([{ path: ['token'], message: invitationProblem }]);
        const existing = await tx.user.findUnique({
          where: { email: found.email },
          include: { memberships: true, ...ownWaysIn },
        });
        if (existing && (inUse(existing) || existing.disabledAt))
          throw new ValidationError([
            {
              path: ['token'],
              message:
                'Voor dit e-mailadres bestaat al een account in gebruik. Log in met je eigen wachtwoord; de beheerder kan je dan toevoegen.',
            },
          ]);
        let user: { id: string; email: string };
        if (existing) {
          user = await tx.user.update({
            where: { id: existing.id },
            data: { name: input.name, passwordHash, mustChangePassword: false },
          });
          await endAccess(tx, existing.id);
        } else {
          user = await tx.user.create({ data: { email: found.email, name: input.name, passwordHash } });
        }
        await tx.userMembership.create({
          data: { userId: user.id, organisationId: found.organisationId, role: found.role },
        });
        const session = await openSession(tx, user.id, {
          address: ctx.clientAddress,
          userAgent: ctx.userAgent,
          method: 'INVITATION',
        });
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
      args: { email: t.arg.string({ required: true, validate: emailAddress }) },
      resolve: async (_root, { email }, ctx) => {
        const viewer = requireInstanceAdmin(
          ctx,
          'Alleen beheerders van Grondplan mogen accounts blokkeren of deblokkeren.',
        );
        if (disabled && normaliseEmail(email) === viewer.email)
          throw new ValidationError([{ path: ['email'], message: 'Je kunt je eigen account niet blokkeren.' }]);
        await ctx.db.prisma.$transaction((tx) => setAccountDisabled(tx, email, disabled, viewer, ctx.source));
        return true;
      },
    }),
  );
}
