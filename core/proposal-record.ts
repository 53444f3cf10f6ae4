// A ReferenceProposal as a record: its kinds and statuses, making one and moving it to a new status (compare-and-set),
// each audited on both organisations' trails. The rules for when a proposal is made or decided: proposals.ts.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type AuditSource, recordAudit, type Tx } from './audit.ts';
import type { Viewer } from './context.ts';
import { ConflictError } from './errors.ts';

export type Actor = Viewer | { label: string };
type Kind = 'OPERATOR' | 'INTERFACE_TO' | 'INTERFACE_VIA';
type Status = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN' | 'ENDED';

export interface ProposalRow {
  id: string;
  kind: Kind;
  status: Status;
  proposingOrganisationId: string;
  receivingOrganisationId: string;
  usageId: string;
  interfaceId: string | null;
  interfaceKey: string | null;
  targetUsageId: string | null;
  decidedAt: Date | null;
}

const snapshot = (p: ProposalRow) => ({
  kind: p.kind,
  status: p.status,
  proposingOrganisationId: p.proposingOrganisationId,
  receivingOrganisationId: p.receivingOrganisationId,
  usageId: encodeGlobalID('Usage', p.usageId),
  interfaceKey: p.interfaceKey,
  targetUsageId: p.targetUsageId ? encodeGlobalID('Usage', p.targetUsageId) : null,
});

/** One event on the proposing organisation's trail and one on the receiving organisation's. */
async function auditProposal(
  tx: Tx,
  actor: Actor,
  source: AuditSource,
  before: ProposalRow | null,
  after: ProposalRow,
) {
  for (const organisationId of [after.proposingOrganisationId, after.receivingOrganisationId]) {
    await recordAudit(tx, {
      actor,
      source,
      organisationId,
      entityType: 'ReferenceProposal',
      entityId: encodeGlobalID('ReferenceProposal', after.id),
      action: before ? 'UPDATE' : 'CREATE',
      before: before ? snapshot(before) : null,
      after: snapshot(after),
    });
  }
}

const actorId = (actor: Actor) => ('userId' in actor ? actor.userId : null);

export async function create(
  tx: Tx,
  actor: Actor,
  source: AuditSource,
  data: {
    kind: Kind;
    proposingOrganisationId: string;
    receivingOrganisationId: string;
    usageId: string;
    interfaceId?: string;
    interfaceKey?: string;
    targetUsageId?: string;
  },
) {
  const created = (await tx.referenceProposal.create({
    data: { ...data, createdById: actorId(actor) },
  })) as ProposalRow;
  await auditProposal(tx, actor, source, null, created);
  return created;
}

const SAID = {
  PENDING: 'nog open',
  ACCEPTED: 'al aanvaard',
  DECLINED: 'al afgewezen',
  WITHDRAWN: 'al ingetrokken',
  ENDED: 'al beëindigd',
};

/**
 * Moves a proposal to a new status, audited on both trails. The change is conditional on the status the caller read
 * (compare-and-set inside the caller's transaction): when another decision changed it in the meantime (an accept
 * racing a withdraw), nothing is written and the whole transaction is refused with a ConflictError.
 */
export async function setStatus(tx: Tx, actor: Actor, source: AuditSource, proposal: ProposalRow, status: Status) {
  const data = { status, decidedAt: new Date(), decidedById: actorId(actor) };
  const { count } = await tx.referenceProposal.updateMany({
    where: { id: proposal.id, status: proposal.status },
    data,
  });
  if (count === 0) {
    const now = await tx.referenceProposal.findUnique({ where: { id: proposal.id }, select: { status: true } });
    const said = now ? SAID[now.status as Status] : 'verwijderd';
    throw new ConflictError(`Dit voorstel is intussen ${said}; er is niets veranderd. Laad de pagina opnieuw.`, 0);
  }
  const after = { ...proposal, ...data } as ProposalRow;
  await auditProposal(tx, actor, source, proposal, after);
  return after;
}
