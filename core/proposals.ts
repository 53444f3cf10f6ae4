// References across organisations need the other organisation's consent. Naming another organisation as operator
// (technisch beheer) of an own usage, or pointing an own koppeling at (to) or through (via) another organisation's
// usage, makes a ReferenceProposal that the other organisation's editors accept or decline:
// - operator: the usage keeps its previous operator until the proposal is accepted, so the other organisation's
//   capacity demand does not move; declined or withdrawn, nothing changes;
// - koppeling: the koppeling is the proposing organisation's own record and is kept there, but while its end in the
//   other organisation waits (Interface.pendingConsent) it does not show on that organisation's usages. Declined or
//   withdrawn, the reference is not made: a koppeling "via" the other's usage stays, without that intermediary; a
//   koppeling "to" the other's usage cannot exist without its other end, so it is removed (the proposal keeps its key).
// Every path that sets these references (mutations, imports) goes through this module; curated seed content is trusted
// and written as it stands. Each proposal and each decision is audited on both organisations' trails.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type AuditSource, recordAudit, type Tx } from './audit.ts';
import { type Actor, create, type ProposalRow, setStatus } from './proposal-record.ts';

/** True when naming `operatorId` as operator of a usage of `organisationId` (now operated by `current`) needs consent. */
export const operatorNeedsConsent = (organisationId: string, current: string | null, operatorId: string | null) =>
  operatorId !== null && operatorId !== organisationId && operatorId !== current;

/**
 * After a usage's operator was asked to be `wanted`: pending operator proposals for anything else are withdrawn, and
 * when `wanted` needs consent (see operatorNeedsConsent, judged against the operator before the change) a proposal is
 * made, unless the same one is already pending. Returns the proposal made or kept, if any.
 */
export async function settleOperator(
  tx: Tx,
  actor: Actor,
  source: AuditSource,
  usage: { id: string; organisationId: string; operatorBefore: string | null },
  wanted: string | null,
) {
  const needsConsent = operatorNeedsConsent(usage.organisationId, usage.operatorBefore, wanted);
  const open = (await tx.referenceProposal.findMany({
    where: { usageId: usage.id, kind: 'OPERATOR', status: { in: ['PENDING', 'ACCEPTED'] } },
  })) as ProposalRow[];
  let kept: ProposalRow | null = null;
  for (const p of open) {
    if (p.status === 'PENDING' && needsConsent && p.receivingOrganisationId === wanted) kept = p;
    else if (p.status === 'PENDING') await setStatus(tx, actor, source, p, 'WITHDRAWN');
    // An accepted operator that is no longer the operator: the reference has ended.
    else if (p.receivingOrganisationId !== (needsConsent ? usage.operatorBefore : wanted))
      await setStatus(tx, actor, source, p, 'ENDED');
  }
  if (!needsConsent || kept || wanted === null) return kept;
  return create(tx, actor, source, {
    kind: 'OPERATOR',
    proposingOrganisationId: usage.organisationId,
    receivingOrganisationId: wanted,
    usageId: usage.id,
  });
}

const interfaceSelect = {
  id: true,
  key: true,
  organisationId: true,
  fromUsageId: true,
  toUsageId: true,
  intermediaryId: true,
  pendingConsent: true,
  toUsage: { select: { organisationId: true } },
  intermediary: { select: { organisationId: true } },
} as const;

/**
 * After a koppeling was written: each end in another organisation that is new (differs from `before`) gets a
 * proposal; open proposals for ends that changed are withdrawn (pending) or ended (accepted); `pendingConsent`
 * follows. When the koppeling itself changed (`contentChanged`: its type, direction, status, standards, description,
 * start or external service), an end in another organisation that was accepted (or curated) is asked again: what
 * shows on the other organisation's usage is what it accepted, so the changed koppeling waits for it like a new one.
 */
export async function settleInterface(
  tx: Tx,
  actor: Actor,
  source: AuditSource,
  interfaceId: string,
  before: { toUsageId: string | null; intermediaryId: string | null } | null,
  contentChanged = false,
) {
  const i = await tx.interface.findUnique({ where: { id: interfaceId }, select: interfaceSelect });
  if (!i) return;
  const ends = [
    {
      kind: 'INTERFACE_TO' as const,
      target: i.toUsageId,
      targetOrg: i.toUsage?.organisationId ?? null,
      was: before?.toUsageId ?? null,
    },
    {
      kind: 'INTERFACE_VIA' as const,
      target: i.intermediaryId,
      targetOrg: i.intermediary?.organisationId ?? null,
      was: before?.intermediaryId ?? null,
    },
  ];
  const open = (await tx.referenceProposal.findMany({
    where: { interfaceId, status: { in: ['PENDING', 'ACCEPTED'] } },
  })) as ProposalRow[];
  for (const end of ends) {
    const changed = end.target !== end.was || contentChanged;
    const closing = open.filter(
      (p) => p.kind === end.kind && (p.targetUsageId !== end.target || (contentChanged && p.status === 'ACCEPTED')),
    );
    for (const p of closing) await setStatus(tx, actor, source, p, p.status === 'PENDING' ? 'WITHDRAWN' : 'ENDED');
    if (!changed || !end.target || !end.targetOrg || end.targetOrg === i.organisationId) continue;
    // A pending proposal for the same end stays: the other organisation decides on the koppeling as it is then.
    if (open.some((p) => p.kind === end.kind && p.targetUsageId === end.target && !closing.includes(p))) continue;
    await create(tx, actor, source, {
      kind: end.kind,
      proposingOrganisationId: i.organisationId,
      receivingOrganisationId: end.targetOrg,
      usageId: i.fromUsageId,
      interfaceId: i.id,
      interfaceKey: i.key,
      targetUsageId: end.target,
    });
  }
  await refreshPending(tx, interfaceId);
}

/** Sets Interface.pendingConsent from its pending proposals; true when it changed. */
async function refreshPending(tx: Tx, interfaceId: string) {
  const pending = (await tx.referenceProposal.count({ where: { interfaceId, status: 'PENDING' } })) > 0;
  const { count } = await tx.interface.updateMany({
    where: { id: interfaceId, pendingConsent: !pending },
    data: { pendingConsent: pending },
  });
  return count > 0;
}

/** A koppeling as the audit trail sees it: its fields and its standards' ids (sorted). */
export async function interfaceSnapshot(tx: Tx, id: string) {
  const row = await tx.interface.findUnique({
    where: { id },
    include: { standards: { select: { standardId: true } } },
  });
  if (!row) return null;
  const { standards, ...rest } = row;
  return { ...rest, standards: standards.map((s) => s.standardId).sort() };
}

/** Changes a koppeling on behalf of a decision, audited on its owner's trail. */
async function changeInterface(
  tx: Tx,
  actor: Actor,
  source: AuditSource,
  interfaceId: string,
  change: 'DELETE' | { intermediaryId: null } | 'REFRESH',
) {
  const before = await interfaceSnapshot(tx, interfaceId);
  if (!before) return;
  if (change === 'DELETE') {
    // Its other open proposals go with it.
    const others = (await tx.referenceProposal.findMany({
      where: { interfaceId, status: { in: ['PENDING', 'ACCEPTED'] } },
    })) as ProposalRow[];
    for (const p of others) await setStatus(tx, actor, source, p, p.status === 'PENDING' ? 'WITHDRAWN' : 'ENDED');
    await tx.interface.delete({ where: { id: interfaceId } });
  } else if (change === 'REFRESH') {
    if (!(await refreshPending(tx, interfaceId))) return;
    await tx.interface.update({ where: { id: interfaceId }, data: { revision: { increment: 1 } } });
  } else {
    await tx.interface.update({ where: { id: interfaceId }, data: { ...change, revision: { increment: 1 } } });
    await refreshPending(tx, interfaceId);
  }
  const after = change === 'DELETE' ? null : await interfaceSnapshot(tx, interfaceId);
  await recordAudit(tx, {
    actor,
    source,
    organisationId: before.organisationId,
    entityType: 'Interface',
    entityId: encodeGlobalID('Interface', interfaceId),
    action: change === 'DELETE' ? 'DELETE' : 'UPDATE',
    before,
    after,
    revision: after?.revision ?? null,
  });
}

/** Sets a usage's operator on behalf of a decision, audited on the usage's organisation's trail. */
async function changeOperator(tx: Tx, actor: Actor, source: AuditSource, usageId: string, operatorId: string | null) {
  const before = await tx.usage.findUnique({
    where: { id: usageId },
    select: { organisationId: true, operatorId: true, revision: true },
  });
  if (!before || before.operatorId === operatorId) return;
  const after = await tx.usage.update({
    where: { id: usageId },
    data: { operatorId, revision: { increment: 1 } },
    select: { operatorId: true, revision: true },
  });
  await recordAudit(tx, {
    actor,
    source,
    organisationId: before.organisationId,
    entityType: 'Usage',
    entityId: encodeGlobalID('Usage', usageId),
    action: 'UPDATE',
    before: { operatorId: before.operatorId },
    after: { operatorId: after.operatorId },
    revision: after.revision,
  });
}

/** The receiving organisation accepts: the reference is made. */
export async function accept(tx: Tx, actor: Actor, source: AuditSource, proposal: ProposalRow) {
  const after = await setStatus(tx, actor, source, proposal, 'ACCEPTED');
  if (proposal.kind === 'OPERATOR') {
    // Whoever operated the usage before is no longer its operator.
    const ended = (await tx.referenceProposal.findMany({
      where: { usageId: proposal.usageId, kind: 'OPERATOR', status: 'ACCEPTED', id: { not: proposal.id } },
    })) as ProposalRow[];
    for (const p of ended) await setStatus(tx, actor, source, p, 'ENDED');
    await changeOperator(tx, actor, source, proposal.usageId, proposal.receivingOrganisationId);
  } else if (proposal.interfaceId) await changeInterface(tx, actor, source, proposal.interfaceId, 'REFRESH');
  return after;
}

/** Declined by the receiving organisation or withdrawn by the proposing one: the reference is not made. */
export async function refuse(
  tx: Tx,
  actor: Actor,
  source: AuditSource,
  proposal: ProposalRow,
  status: 'DECLINED' | 'WITHDRAWN',
) {
  const after = await setStatus(tx, actor, source, proposal, status);
  if (proposal.interfaceId) {
    await changeInterface(
      tx,
      actor,
      source,
      proposal.interfaceId,
      proposal.kind === 'INTERFACE_TO' ? 'DELETE' : { intermediaryId: null },
    );
  }
  return after;
}

/** The operator stops operating another organisation's usage: the usage is left without an operator. */
export async function stopOperating(
  tx: Tx,
  actor: Actor,
  source: AuditSource,
  usage: { id: string; operatorId: string },
) {
  const accepted = (await tx.referenceProposal.findMany({
    where: { usageId: usage.id, kind: 'OPERATOR', status: 'ACCEPTED' },
  })) as ProposalRow[];
  for (const p of accepted) await setStatus(tx, actor, source, p, 'ENDED');
  await changeOperator(tx, actor, source, usage.id, null);
}

/**
 * The organisation a koppeling points at (or runs through) ends that reference: a koppeling to its usage is removed,
 * one through its usage loses that intermediary. Open proposals for that end are ended or declined with it.
 */
export async function detachInterface(
  tx: Tx,
  actor: Actor,
  source: AuditSource,
  interfaceId: string,
  end: 'INTERFACE_TO' | 'INTERFACE_VIA',
) {
  const open = (await tx.referenceProposal.findMany({
    where: { interfaceId, kind: end, status: { in: ['PENDING', 'ACCEPTED'] } },
  })) as ProposalRow[];
  for (const p of open) await setStatus(tx, actor, source, p, p.status === 'PENDING' ? 'DECLINED' : 'ENDED');
  await changeInterface(tx, actor, source, interfaceId, end === 'INTERFACE_TO' ? 'DELETE' : { intermediaryId: null });
}

/** Before a koppeling is deleted by its own organisation: its open proposals are withdrawn (pending) or ended. */
export async function closeInterfaceProposals(tx: Tx, actor: Actor, source: AuditSource, interfaceId: string) {
  const open = (await tx.referenceProposal.findMany({
    where: { interfaceId, status: { in: ['PENDING', 'ACCEPTED'] } },
  })) as ProposalRow[];
  for (const p of open) await setStatus(tx, actor, source, p, p.status === 'PENDING' ? 'WITHDRAWN' : 'ENDED');
}
