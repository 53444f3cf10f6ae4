// References across organisations (core/proposals.ts): the proposals, who sees them, and the decisions on them.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { requireViewer } from '#core/access.ts';
import { recordAudit } from '#core/audit.ts';
import { type Context, hasRole } from '#core/context.ts';
import { ConflictError, ForbiddenError, mutationErrors, NotFoundError } from '#core/errors.ts';
import { fte, parseInput, revision } from '#core/input.ts';
import * as P from '#core/proposals.ts';
import * as E from '#prisma/generated/sqlite/client/enums.ts';
import { builder, selection } from '../builder.ts';
import { Interface } from './interface.ts';
import { Organisation } from './organisation.ts';
import { Usage } from './usage.ts';

export const ProposalKind = builder.enumType(E.ProposalKind, {
  name: 'ProposalKind',
  description: 'OPERATOR: technisch beheer of a usage; INTERFACE_TO: a koppeling to a usage; INTERFACE_VIA: a koppeling through a usage.',
});
export const ProposalStatus = builder.enumType(E.ProposalStatus, { name: 'ProposalStatus' });

/** Members of either organisation, and instance administrators, see a proposal. */
const concerns = (ctx: Context, p: { proposingOrganisationId: string; receivingOrganisationId: string }) =>
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
    usage: t.relation('usage', { description: "The proposing organisation's usage: the one to be operated, or the koppeling's start." }),
    targetUsage: t.relation('targetUsage', { nullable: true, description: "The receiving organisation's usage a koppeling points at or runs through." }),
    interface: t.relation('interface', { nullable: true, description: 'The koppeling; null once a declined or withdrawn koppeling was removed.' }),
    interfaceKey: t.exposeString('interfaceKey', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    viewerCanDecide: t.boolean({
      description: 'Whether the signed-in user may accept or decline it (an editor of the receiving organisation, while pending).',
      resolve: (p, _args, ctx) => p.status === 'PENDING' && hasRole(ctx.viewer, p.receivingOrganisationId, 'EDITOR'),
    }),
    viewerCanWithdraw: t.boolean({
      description: 'Whether the signed-in user may withdraw it (an editor of the proposing organisation, while pending).',
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
      description: 'Whether the signed-in user is a member of this organisation (any role) or an instance administrator.',
      resolve: (o, _args, ctx) => Boolean(ctx.viewer && (ctx.viewer.isInstanceAdmin || ctx.viewer.organisationIds.includes(o.id))),
    }),
    incomingProposals: t.relation('proposalsReceived', {
      ...ownMembers,
      description: 'References other organisations propose into this one, newest first (members and instance administrators; others get an empty list).',
      args: { status: t.arg({ type: [ProposalStatus], required: false, description: 'Only these statuses; all when left out.' }) },
      query: (args) => ({
        where: args.status?.length ? { status: { in: args.status } } : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
    }),
    outgoingProposals: t.relation('proposalsMade', {
      ...ownMembers,
      description: 'References this organisation proposes into others, newest first (members and instance administrators; others get an empty list).',
      args: { status: t.arg({ type: [ProposalStatus], required: false, description: 'Only these statuses; all when left out.' }) },
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
      description: "Other organisations' koppelingen to or through this organisation's usages that it accepted (or that are curated).",
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
    description: 'The organisation proposed as operator that has not yet accepted; the usage keeps its operator until then.',
    select: (_args, _ctx, nested) => ({
      proposals: { where: { kind: 'OPERATOR', status: 'PENDING' }, take: 1, select: { receivingOrganisation: nested(true) } },
    }),
    resolve: (u) => u.proposals[0]?.receivingOrganisation ?? null,
  }),
}));

builder.prismaObjectFields(Interface, (t) => ({
  pendingConsent: t.exposeBoolean('pendingConsent', {
    description: 'True while an end in another organisation waits for its consent; until then the koppeling shows in the own landscape only.',
  }),
}));

function localId(globalId: string, typename: string, entity: string) {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename === typename) return decoded.id;
  } catch {
    // fall through
  }
  throw new NotFoundError(entity, globalId);
}

async function loadPending(tx: Parameters<Parameters<Context['db']['prisma']['$transaction']>[0]>[0], ctx: Context, globalId: string) {
  const id = localId(globalId, 'ReferenceProposal', 'Voorstel');
  const proposal = await tx.referenceProposal.findUnique({ where: { id }, include: { receivingOrganisation: true, proposingOrganisation: true } });
  if (!proposal || !concerns(ctx, proposal)) throw new NotFoundError('Voorstel', globalId);
  return proposal;
}

const stillPending = (p: { status: string }) => {
  const said = { ACCEPTED: 'al aanvaard', DECLINED: 'al afgewezen', WITHDRAWN: 'al ingetrokken', ENDED: 'al beëindigd' }[p.status];
  if (said) throw new ConflictError(`Dit voorstel is ${said}; er is niets veranderd. Laad de pagina opnieuw.`, 0);
};

const decision = (name: string, description: string, decide: 'ACCEPT' | 'DECLINE' | 'WITHDRAW') =>
  builder.mutationField(name, (t) =>
    t.prismaField({
      type: ReferenceProposal,
      description,
      errors: mutationErrors(name.charAt(0).toUpperCase() + name.slice(1)),
      args: { id: t.arg.id({ required: true }) },
      resolve: async (query, _root, args, ctx) => {
        const viewer = requireViewer(ctx);
        return ctx.db.prisma.$transaction(async (tx) => {
          const proposal = await loadPending(tx, ctx, String(args.id));
          const side = decide === 'WITHDRAW' ? proposal.proposingOrganisation : proposal.receivingOrganisation;
          if (!hasRole(viewer, side.id, 'EDITOR'))
            throw new ForbiddenError(
              decide === 'WITHDRAW'
                ? `Alleen redacteuren van ${side.name} mogen dit voorstel intrekken.`
                : `Alleen redacteuren van ${side.name} mogen dit voorstel aanvaarden of afwijzen.`,
            );
          stillPending(proposal);
          if (decide === 'ACCEPT') await P.accept(tx, viewer, ctx.source, proposal);
          else await P.refuse(tx, viewer, ctx.source, proposal, decide === 'DECLINE' ? 'DECLINED' : 'WITHDRAWN');
          return tx.referenceProposal.findUniqueOrThrow({ ...selection(query), where: { id: proposal.id } });
        });
      },
    }),
  );

decision(
  'acceptReferenceProposal',
  "Accepts a proposal made to the viewer's organisation (editors of the receiving organisation): the operator is set, or the koppeling shows on its usage.",
  'ACCEPT',
);
decision(
  'declineReferenceProposal',
  "Declines a proposal made to the viewer's organisation (editors of the receiving organisation): the usage keeps its operator; a koppeling through its usage loses that intermediary; a koppeling to its usage is removed.",
  'DECLINE',
);
decision('withdrawReferenceProposal', "Withdraws a proposal the viewer's organisation made (its editors), with the same effect as a decline.", 'WITHDRAW');

builder.mutationField('stopOperatingUsage', (t) =>
  t.prismaField({
    type: Usage,
    description: "Ends technisch beheer of another organisation's usage (editors of the operator): the usage is left without an operator.",
    errors: mutationErrors('StopOperatingUsage'),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const id = localId(String(args.id), 'Usage', 'Gebruik');
      return ctx.db.prisma.$transaction(async (tx) => {
        const usage = await tx.usage.findUnique({ where: { id }, select: { id: true, organisationId: true, operatorId: true } });
        if (!usage) throw new NotFoundError('Gebruik', String(args.id));
        if (!usage.operatorId || usage.operatorId === usage.organisationId || !hasRole(viewer, usage.operatorId, 'EDITOR'))
          throw new ForbiddenError('Alleen redacteuren van de organisatie die dit gebruik technisch beheert, mogen dat beheer beëindigen.');
        await P.stopOperating(tx, viewer, ctx.source, { id: usage.id, operatorId: usage.operatorId });
        return tx.usage.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),
);

builder.mutationField('setOperatedLoad', (t) =>
  t.prismaField({
    type: Usage,
    description:
      "Sets the technisch beheer load (FTE) of another organisation's usage that the viewer's organisation operates (its editors): the figure counts in the operator's capacity demand, so the operator sets it; the usage's own organisation cannot.",
    errors: mutationErrors('SetOperatedLoad'),
    args: {
      id: t.arg.id({ required: true }),
      revision: t.arg.int({ required: true, description: 'The revision of the usage that was read; a newer one is a conflict.' }),
      fte: t.arg.float({ required: true, description: 'FTE technisch beheer; 0 removes the figure.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const id = localId(String(args.id), 'Usage', 'Gebruik');
      const value = parseInput(fte, args.fte, ['fte']);
      const expected = parseInput(revision, args.revision, ['revision']);
      return ctx.db.prisma.$transaction(async (tx) => {
        const usage = await tx.usage.findUnique({
          where: { id },
          select: { organisationId: true, operatorId: true, revision: true, beheerLoads: { where: { role: 'TECHNICAL_MANAGEMENT' }, select: { fte: true } } },
        });
        if (!usage) throw new NotFoundError('Gebruik', String(args.id));
        if (!usage.operatorId || usage.operatorId === usage.organisationId || !hasRole(viewer, usage.operatorId, 'EDITOR'))
          throw new ForbiddenError('Alleen redacteuren van de organisatie die dit gebruik technisch beheert, mogen de last voor technisch beheer wijzigen.');
        const { count } = await tx.usage.updateMany({ where: { id, revision: expected }, data: { revision: { increment: 1 } } });
        if (count === 0)
          throw new ConflictError(
            `Dit gebruik is intussen gewijzigd (revisie ${expected} → ${usage.revision}). Er is niets overschreven; laad opnieuw.`,
            usage.revision,
          );
        await tx.usageBeheerLoad.deleteMany({ where: { usageId: id, role: 'TECHNICAL_MANAGEMENT' } });
        if (value > 0) await tx.usageBeheerLoad.create({ data: { usageId: id, role: 'TECHNICAL_MANAGEMENT', fte: value } });
        // On both trails: the usage's organisation sees who changed a figure on its usage, the operator its own figure.
        for (const organisationId of [usage.organisationId, usage.operatorId]) {
          await recordAudit(tx, {
            actor: viewer,
            source: ctx.source,
            organisationId,
            entityType: 'Usage',
            entityId: String(args.id),
            action: 'UPDATE',
            before: { operatedLoad: usage.beheerLoads[0]?.fte ?? 0 },
            after: { operatedLoad: value },
            revision: expected + 1,
          });
        }
        return tx.usage.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),
);

builder.mutationField('detachInterface', (t) =>
  t.id({
    description:
      "Ends another organisation's koppeling to or through one of the viewer's organisation's usages (its editors): a koppeling to it is removed, one through it loses that intermediary. Returns the koppeling's id.",
    errors: mutationErrors('DetachInterface'),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const id = localId(String(args.id), 'Interface', 'Koppeling');
      return ctx.db.prisma.$transaction(async (tx) => {
        const i = await tx.interface.findUnique({
          where: { id },
          select: { organisationId: true, toUsage: { select: { organisationId: true } }, intermediary: { select: { organisationId: true } } },
        });
        if (!i) throw new NotFoundError('Koppeling', String(args.id));
        const mine = (org: string | undefined) => Boolean(org && org !== i.organisationId && hasRole(viewer, org, 'EDITOR'));
        const end = mine(i.toUsage?.organisationId) ? 'INTERFACE_TO' : mine(i.intermediary?.organisationId) ? 'INTERFACE_VIA' : null;
        if (!end)
          throw new ForbiddenError('Alleen redacteuren van de organisatie waarvan het gebruik aan de andere kant staat, mogen deze koppeling losmaken.');
        await P.detachInterface(tx, viewer, ctx.source, id, end);
        return String(args.id);
      });
    },
  }),
);
