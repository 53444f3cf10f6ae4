// Decisions on references across organisations (core/proposals.ts): accept, decline or withdraw a proposal; an operator
// stops operating a usage or sets its technisch beheer load; an organisation detaches another's koppeling from its usage.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { requireViewer } from '#core/access.ts';
import type { Tx } from '#core/audit.ts';
import { type Context, hasRole } from '#core/context.ts';
import { ConflictError, ForbiddenError, mutationErrors, NotFoundError } from '#core/errors.ts';
import { fte, revision } from '#core/input.ts';
import * as P from '#core/proposals.ts';
import { auditChange, globalIdOf, loadAtRevision, updateAtRevision } from '#core/revisioned-write.ts';
import { builder, selection } from '../builder.ts';
import { Interface } from './interface.ts';
import { concerns, ReferenceProposal } from './proposal.ts';
import { Usage } from './usage.ts';

/** The proposal, if the viewer's organisations are party to it; else it does not exist for them. */
async function loadPending(tx: Tx, ctx: Context, id: string) {
  const proposal = await tx.referenceProposal.findUnique({
    where: { id },
    include: { receivingOrganisation: true, proposingOrganisation: true },
  });
  if (!proposal || !concerns(ctx, proposal))
    throw new NotFoundError('Voorstel', encodeGlobalID('ReferenceProposal', id));
  return proposal;
}

const stillPending = (p: { status: string }) => {
  const said = {
    ACCEPTED: 'al aanvaard',
    DECLINED: 'al afgewezen',
    WITHDRAWN: 'al ingetrokken',
    ENDED: 'al beëindigd',
  }[p.status];
  if (said) throw new ConflictError(`Dit voorstel is ${said}; er is niets veranderd. Laad de pagina opnieuw.`, 0);
};

const decision = (name: string, description: string, decide: 'ACCEPT' | 'DECLINE' | 'WITHDRAW') =>
  builder.mutationField(name, (t) =>
    t.prismaField({
      type: ReferenceProposal,
      description,
      errors: mutationErrors(name.charAt(0).toUpperCase() + name.slice(1)),
      args: { id: t.arg.globalID({ required: true, for: ReferenceProposal }) },
      resolve: async (query, _root, args, ctx) => {
        const viewer = requireViewer(ctx);
        return ctx.db.prisma.$transaction(async (tx) => {
          const proposal = await loadPending(tx, ctx, args.id.id);
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
decision(
  'withdrawReferenceProposal',
  "Withdraws a proposal the viewer's organisation made (its editors), with the same effect as a decline.",
  'WITHDRAW',
);

builder.mutationField('stopOperatingUsage', (t) =>
  t.prismaField({
    type: Usage,
    description:
      "Ends technisch beheer of another organisation's usage (editors of the operator): the usage is left without an operator.",
    errors: mutationErrors('StopOperatingUsage'),
    args: { id: t.arg.globalID({ required: true, for: Usage }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const { id } = args.id;
      return ctx.db.prisma.$transaction(async (tx) => {
        const usage = await tx.usage.findUnique({
          where: { id },
          select: { id: true, organisationId: true, operatorId: true },
        });
        if (!usage) throw new NotFoundError('Gebruik', globalIdOf({ type: 'Usage', id }));
        if (
          !usage.operatorId ||
          usage.operatorId === usage.organisationId ||
          !hasRole(viewer, usage.operatorId, 'EDITOR')
        )
          throw new ForbiddenError(
            'Alleen redacteuren van de organisatie die dit gebruik technisch beheert, mogen dat beheer beëindigen.',
          );
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
      id: t.arg.globalID({ required: true, for: Usage }),
      revision: t.arg.int({
        required: true,
        description: 'The revision of the usage that was read; a newer one is a conflict.',
        validate: revision,
      }),
      fte: t.arg.float({ required: true, description: 'FTE technisch beheer; 0 removes the figure.', validate: fte }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const row = { type: 'Usage', id: args.id.id } as const;
      return ctx.db.prisma.$transaction(async (tx) => {
        const load = (id: string) =>
          tx.usage.findUnique({
            where: { id },
            select: {
              organisationId: true,
              operatorId: true,
              revision: true,
              beheerLoads: { where: { role: 'TECHNICAL_MANAGEMENT' }, select: { fte: true } },
            },
          });
        const usage = await loadAtRevision(
          tx,
          row,
          args.revision,
          load,
          (u) => {
            if (!u.operatorId || u.operatorId === u.organisationId || !hasRole(viewer, u.operatorId, 'EDITOR'))
              throw new ForbiddenError(
                'Alleen redacteuren van de organisatie die dit gebruik technisch beheert, mogen de last voor technisch beheer wijzigen.',
              );
          },
          ctx.viewer,
        );
        await updateAtRevision(tx, row, args.revision);
        await tx.usageBeheerLoad.deleteMany({ where: { usageId: row.id, role: 'TECHNICAL_MANAGEMENT' } });
        if (args.fte > 0)
          await tx.usageBeheerLoad.create({ data: { usageId: row.id, role: 'TECHNICAL_MANAGEMENT', fte: args.fte } });
        // On both trails: the usage's organisation sees who changed a figure on its usage, the operator its own figure.
        for (const organisationId of [usage.organisationId, usage.operatorId]) {
          const by = { actor: viewer, source: ctx.source, organisationId };
          await auditChange(
            tx,
            by,
            row,
            'UPDATE',
            { operatedLoad: usage.beheerLoads[0]?.fte ?? 0 },
            { operatedLoad: args.fte, revision: args.revision + 1 },
          );
        }
        return tx.usage.findUniqueOrThrow({ ...selection(query), where: { id: row.id } });
      });
    },
  }),
);

builder.mutationField('detachInterface', (t) =>
  t.id({
    description:
      "Ends another organisation's koppeling to or through one of the viewer's organisation's usages (its editors): a koppeling to it is removed, one through it loses that intermediary. Returns the koppeling's id.",
    errors: mutationErrors('DetachInterface'),
    args: { id: t.arg.globalID({ required: true, for: Interface }) },
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const row = { type: 'Interface', id: args.id.id } as const;
      const { id } = row;
      return ctx.db.prisma.$transaction(async (tx) => {
        const i = await tx.interface.findUnique({
          where: { id },
          select: {
            organisationId: true,
            toUsage: { select: { organisationId: true } },
            intermediary: { select: { organisationId: true } },
          },
        });
        if (!i) throw new NotFoundError('Koppeling', globalIdOf(row));
        const mine = (org: string | undefined) =>
          Boolean(org && org !== i.organisationId && hasRole(viewer, org, 'EDITOR'));
        const end = mine(i.toUsage?.organisationId)
          ? 'INTERFACE_TO'
          : mine(i.intermediary?.organisationId)
            ? 'INTERFACE_VIA'
            : null;
        if (!end)
          throw new ForbiddenError(
            'Alleen redacteuren van de organisatie waarvan het gebruik aan de andere kant staat, mogen deze koppeling losmaken.',
          );
        await P.detachInterface(tx, viewer, ctx.source, id, end);
        return globalIdOf(row);
      });
    },
  }),
);
