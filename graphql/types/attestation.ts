// An organisation's officers (its security officer and privacy officer, a function of the membership) and its
// security officer's confirmations that the landscape is current and complete. The rules are in core/attestation.ts;
// the changes are in attestation-mutations.ts.
import { type AttestationState, attestationState, changeCountsSince } from '#core/attestation.ts';
import type { Context } from '#core/context.ts';
import { maySeePrivate } from '#core/privacy.ts';
import type { OfficerRole as OfficerRoleValue } from '#prisma/generated/sqlite/client/enums.ts';
import { builder } from '../builder.ts';
import { OfficerRole } from './enums.ts';
import { Organisation } from './organisation.ts';

/** The organisation's own members and instance administrators: they see its officers and attestations in full. */
const mayReadOwn = (ctx: Context, organisationId: string) => maySeePrivate(ctx.viewer, 'Attestation', organisationId);

interface Officer {
  role: OfficerRoleValue;
  name: string;
  email: string;
}

export const OfficerRef = builder.objectRef<Officer>('Officer').implement({
  description: 'A member named as the organisation’s security officer or privacy officer.',
  fields: (t) => ({
    role: t.field({ type: OfficerRole, resolve: (o) => o.role }),
    name: t.exposeString('name'),
    email: t.exposeString('email'),
  }),
});

export const AttestationRef = builder.prismaObject('Attestation', {
  description:
    'A security officer’s confirmation that the organisation’s landscape is current and complete: who, when, at which data version.',
  fields: (t) => ({
    confirmedAt: t.expose('confirmedAt', { type: 'DateTime' }),
    dataVersion: t.exposeInt('dataVersion', { description: 'The hub’s data version at the moment of confirming.' }),
    note: t.exposeString('note', { nullable: true }),
    confirmedBy: t.string({
      nullable: true,
      description: 'The officer’s name and address; null once the account is gone (the audit trail keeps it).',
      select: { user: { select: { name: true, email: true } } },
      resolve: (a) => (a.user ? `${a.user.name} (${a.user.email})` : null),
    }),
  }),
});

interface Status extends AttestationState {
  organisationId: string;
  last: { id: string } | null;
}

const AttestationStatusRef = builder.objectRef<Status>('AttestationStatus').implement({
  description: 'The last confirmation of the landscape and what happened since.',
  fields: (t) => ({
    last: t.prismaField({
      type: AttestationRef,
      nullable: true,
      resolve: (query, s, _args, ctx) =>
        s.last ? ctx.db.prisma.attestation.findUnique({ ...query, where: { id: s.last.id } }) : null,
    }),
    changesSince: t.int({
      nullable: true,
      description:
        'Changes to the landscape (usages, koppelingen, migrations) on the organisation’s audit trail since the last confirmation; null when there is none.',
      resolve: (s) => s.changesSince,
    }),
    dueOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day the next confirmation is due: six calendar months after the last one.',
      resolve: (s) => (s.dueOn ? new Date(`${s.dueOn}T00:00:00Z`) : null),
    }),
    overdue: t.boolean({
      description: 'No confirmation yet, or the last one is six months old or older.',
      resolve: (s) => s.overdue,
    }),
    viewerMayConfirm: t.boolean({
      description: 'Whether the signed-in user is the organisation’s security officer, who confirms its landscape.',
      resolve: async (s, _args, ctx) =>
        Boolean(
          ctx.viewer &&
            (
              await ctx.db.prisma.userMembership.findUnique({
                where: { userId_organisationId: { userId: ctx.viewer.userId, organisationId: s.organisationId } },
                select: { officer: true },
              })
            )?.officer === 'SECURITY_OFFICER',
        ),
    }),
  }),
});

builder.prismaObjectFields(Organisation, (t) => ({
  officers: t.field({
    type: [OfficerRef],
    authScopes: { reader: true },
    description:
      'Its security officer(s) and privacy officer(s): for its members and instance administrators only (empty for others), as the officer function is private to the organisation.',
    select: {
      id: true,
      userMemberships: {
        where: { officer: { not: null } },
        orderBy: { user: { name: 'asc' } },
        select: {
          officer: true,
          user: { select: { name: true, email: true } },
        },
      },
    },
    resolve: (o, _args, ctx) =>
      o.userMemberships.flatMap((m) => {
        if (!m.officer || !mayReadOwn(ctx, o.id)) return [];
        return [{ role: m.officer, name: m.user.name, email: m.user.email }];
      }),
  }),
  attestation: t.field({
    type: AttestationStatusRef,
    nullable: true,
    authScopes: { reader: true },
    description:
      'The last confirmation that the landscape is current and complete, changes since and whether one is due; for the organisation’s members and instance administrators only (null for others).',
    select: { id: true },
    resolve: async (o, _args, ctx) => {
      if (!mayReadOwn(ctx, o.id)) return null;
      const last = await ctx.db.prisma.attestation.findFirst({
        where: { organisationId: o.id },
        orderBy: { confirmedAt: 'desc' },
        select: { id: true, confirmedAt: true },
      });
      const member = Boolean(ctx.viewer?.organisationIds.includes(o.id));
      const counts = last
        ? await changeCountsSince(ctx.db.prisma, o.id, last.confirmedAt, { privateOnly: member })
        : [];
      return { organisationId: o.id, last, ...attestationState(last, counts) };
    },
  }),
}));
