// Users of an organisation as the API shows them: its members and their roles (for its admins), the answer to an
// invitation, and the open invitation behind a one-time link. Changes are in membership-mutations.ts, the rules in
// core/membership.ts.

import { z } from 'zod';
import { openInvitation } from '#core/membership.ts';
import type { Role as RoleValue } from '#prisma/generated/sqlite/client/enums.ts';
import { builder } from '../builder.ts';
import { OfficerRole, Role } from './enums.ts';
import { Organisation } from './organisation.ts';

export const MemberRef = builder.prismaObject('UserMembership', {
  description: 'A user’s role in an organisation.',
  fields: (t) => ({
    role: t.expose('role', { type: Role }),
    officer: t.expose('officer', {
      type: OfficerRole,
      nullable: true,
      description: 'The member’s officer function for the organisation, if any: security officer or privacy officer.',
    }),
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

export interface InvitationResult {
  email: string;
  role: RoleValue;
  /** Only for an address without a usable account: the one-time link's token, shown once (unless it went by mail). */
  token: string | null;
  expiresAt: Date | null;
  /** The link went to the invitee by mail: the admin does not see it. */
  sentByMail: boolean;
}
export const invitationPath = (token: string) => `/uitnodiging?sleutel=${encodeURIComponent(token)}`;
export const InvitationRef = builder.objectRef<InvitationResult>('MemberInvitation').implement({
  description:
    'The answer to an invitation. For an existing account the membership is added at once (no password changes hands, and the owner sees it as new). For an address without an account, a one-time link lets the invitee set their own password.',
  fields: (t) => ({
    email: t.exposeString('email'),
    role: t.field({ type: Role, resolve: (i) => i.role }),
    addedToExistingAccount: t.boolean({ resolve: (i) => i.token === null }),
    sentByMail: t.boolean({
      description:
        'The one-time link was mailed to the invitee (the hub sends e-mail and the mail server accepted it); it is then not shown here.',
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

export const MemberRoleRef = builder.objectRef<{ email: string; role: RoleValue }>('MemberRole').implement({
  fields: (t) => ({ email: t.exposeString('email'), role: t.field({ type: Role, resolve: (m) => m.role }) }),
});

const OpenInvitationRef = builder
  .objectRef<{ email: string; role: RoleValue; expiresAt: Date; organisation: { name: string } }>('OpenInvitation')
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
