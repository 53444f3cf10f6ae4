// References across organisations (core/proposals.ts): the proposals and who sees them (the decisions: proposal-mutations.ts).
import { type Context, hasRole } from '#core/context.ts';
import * as E from '#prisma/generated/sqlite/client/enums.ts';
import { builder } from '../builder.ts';
import { Interface } from './interface.ts';
import { Organisation } from './organisation.ts';
import { Usage } from './usage.ts';

export const ProposalKind = builder.enumType(E.ProposalKind, {
  name: 'ProposalKind',
  description:
    'OPERATOR: technisch beheer of a usage; INTERFACE_TO: a koppeling to a usage; INTERFACE_VIA: a koppeling through a usage.',
});
export const ProposalStatus = builder.enumType(E.ProposalStatus, { name: 'ProposalStatus' });

/** Members of either organisation, and instance administrators, see a proposal. */
export const concerns = (ctx: Context, p: { proposingOrganisationId: string; receivingOrganisationId: string }) =>
  Boolean(
    ctx.viewer &&
      (ctx.viewer.isInstanceAdmin ||
        ctx.viewer.organisationIds.includes(p.proposingOrganisationId) ||
        ctx.viewer.organisationIds.includes(p.receivingOrganisationId)),
  );

export const ReferenceProposal = builder.prismaNode('ReferenceProposal', {
  id: { field: 'id' },
  description:
    "A reference from one organisation's data into another's that waits for (or got) the other organisation's consent: naming it as operator, or a koppeling to or through one of its usages. Visible to members of both organisations.",
  authScopes: (p, ctx) => concerns(ctx, p),
  fields: (t) => ({
    kind: t.expose('kind', { type: ProposalKind }),
    status: t.expose('status', { type: ProposalStatus }),
    proposingOrganisation: t.relation('proposingOrganisation'),
    receivingOrganisation: t.relation('receivingOrganisation'),
    usage: t.relation('usage', {
      description: "The proposing organisation's usage: the one to be operated, or the koppeling's start.",
    }),
    targetUsage: t.relation('targetUsage', {
      nullable: true,
      description: "The receiving organisation's usage a koppeling points at or runs through.",
    }),
    interface: t.relation('interface', {
      nullable: true,
      description: 'The koppeling; null once a declined or withdrawn koppeling was removed.',
    }),
    interfaceKey: t.exposeString('interfaceKey', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    viewerCanDecide: t.boolean({
      description:
        'Whether the signed-in user may accept or decline it (an editor of the receiving organisation, while pending).',
      resolve: (p, _args, ctx) => p.status === 'PENDING' && hasRole(ctx.viewer, p.receivingOrganisationId, 'EDITOR'),
    }),
    viewerCanWithdraw: t.boolean({
      description:
        'Whether the signed-in user may withdraw it (an editor of the proposing organisation, while pending).',
      resolve: (p, _args, ctx) => p.status === 'PENDING' && hasRole(ctx.viewer, p.proposingOrganisationId, 'EDITOR'),
    }),
  }),
});

builder.prismaObjectFields(Organisation, (t) => {
  const ownMembers = {
    authScopes: (o: { id: string }) => ({ memberOf: o.id, instanceAdmin: true }),
    unauthorizedResolver: () => [] as never,
  };
  return {
    viewerIsMember: t.boolean({
      description:
        'Whether the signed-in user is a member of this organisation (any role) or an instance administrator.',
      resolve: (o, _args, ctx) =>
        Boolean(ctx.viewer && (ctx.viewer.isInstanceAdmin || ctx.viewer.organisationIds.includes(o.id))),
    }),
    incomingProposals: t.relation('proposalsReceived', {
      ...ownMembers,
      description:
        'References other organisations propose into this one, newest first (members and instance administrators; others get an empty list).',
      args: {
        status: t.arg({
          type: [ProposalStatus],
          required: false,
          description: 'Only these statuses; all when left out.',
        }),
      },
      query: (args) => ({
        where: args.status?.length ? { status: { in: args.status } } : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
    }),
    outgoingProposals: t.relation('proposalsMade', {
      ...ownMembers,
      description:
        'References this organisation proposes into others, newest first (members and instance administrators; others get an empty list).',
      args: {
        status: t.arg({
          type: [ProposalStatus],
          required: false,
          description: 'Only these statuses; all when left out.',
        }),
      },
      query: (args) => ({
        where: args.status?.length ? { status: { in: args.status } } : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
    }),
    operatedForOthers: t.prismaField({
      type: [Usage],
      authScopes: { reader: true },
      description: "Other organisations' usages this organisation delivers technisch beheer for (accepted or curated).",
      resolve: (query, o, _args, ctx) =>
        ctx.db.prisma.usage.findMany({
          ...query,
          where: { operatorId: o.id, organisationId: { not: o.id } },
          orderBy: [{ organisationId: 'asc' }, { key: 'asc' }],
        }),
    }),
    interfacesFromOthers: t.prismaField({
      type: [Interface],
      authScopes: { reader: true },
      description:
        "Other organisations' koppelingen to or through this organisation's usages that it accepted (or that are curated).",
      resolve: (query, o, _args, ctx) =>
        ctx.db.prisma.interface.findMany({
          ...query,
          where: {
            organisationId: { not: o.id },
            pendingConsent: false,
            OR: [{ toUsage: { organisationId: o.id } }, { intermediary: { organisationId: o.id } }],
          },
          orderBy: [{ organisationId: 'asc' }, { key: 'asc' }],
        }),
    }),
  };
});

builder.prismaObjectFields(Usage, (t) => ({
  pendingOperator: t.field({
    type: Organisation,
    nullable: true,
    description:
      'The organisation proposed as operator that has not yet accepted; the usage keeps its operator until then.',
    select: (_args, _ctx, nested) => ({
      proposals: {
        where: { kind: 'OPERATOR', status: 'PENDING' },
        take: 1,
        select: { receivingOrganisation: nested(true) },
      },
    }),
    resolve: (u) => u.proposals[0]?.receivingOrganisation ?? null,
  }),
}));

builder.prismaObjectFields(Interface, (t) => ({
  pendingConsent: t.exposeBoolean('pendingConsent', {
    description:
      'True while an end in another organisation waits for its consent; until then the koppeling shows in the own landscape only.',
  }),
}));
