// Figures that one organisation's data charges to another. Technisch beheer of a usage that another organisation
// operates counts in the operator's capacity demand (chargedTo in capacity.ts): the usage's TECHNICAL_MANAGEMENT load,
// and the TECHNICAL_MANAGEMENT effort of a migration whose (first) replaced usage it operates. Those figures are the
// operator's own estimate of its own work: only its editors change them (setOperatedLoad, setMigrationEffort), on every
// path that writes them. The owner may still end the reference (another operator, none, a cancelled migration), which
// only takes the figures away from the operator. Every writer reads the charges before and after its change, inside its
// transaction, and calls requireConsentedCharges before it commits.
import type { Tx } from './audit.ts';
import { hasRole } from './context.ts';
import { ForbiddenError } from './errors.ts';
import type { Actor } from './proposal-record.ts';

/** Organisation id -> the figures charged to it, as comparable text ('' for none). */
type Charges = Map<string, string>;

const figure = (fte: number) => String(Math.round(fte * 1000) / 1000);

/** What a usage charges to an organisation that operates it for another: its technisch beheer load. */
export async function usageCharges(tx: Tx, usageId: string): Promise<Charges> {
  const u = await tx.usage.findUnique({
    where: { id: usageId },
    select: {
      organisationId: true,
      operatorId: true,
      beheerLoads: { where: { role: 'TECHNICAL_MANAGEMENT', fte: { gt: 0 } }, select: { fte: true } },
    },
  });
  if (!u?.operatorId || u.operatorId === u.organisationId) return new Map();
  return new Map([[u.operatorId, u.beheerLoads.map((l) => figure(l.fte)).join(',')]]);
}

/**
 * What a migration charges, per organisation: to the operator of its first replaced usage (when that is another
 * organisation) its technisch beheer effort; to its own organisation the rest. A cancelled migration charges nothing.
 */
export async function migrationCharges(tx: Tx, migrationId: string): Promise<Charges> {
  const m = await tx.migration.findUnique({
    where: { id: migrationId },
    select: {
      organisationId: true,
      status: true,
      // The same order as the capacity arithmetic reads them (core/capacity.ts, demandParts): the first one decides.
      replaces: { select: { usage: { select: { operatorId: true } } } },
      efforts: {
        where: { fte: { gt: 0 } },
        select: { role: true, quarter: true, fte: true },
        orderBy: [{ quarter: 'asc' }, { role: 'asc' }],
      },
    },
  });
  if (!m || m.status === 'CANCELLED') return new Map();
  const operator = m.replaces[0]?.usage.operatorId ?? null;
  const foreign = operator !== null && operator !== m.organisationId ? operator : null;
  const to = (e: { role: string }) => (foreign && e.role === 'TECHNICAL_MANAGEMENT' ? foreign : m.organisationId);
  const charges: Charges = new Map([[m.organisationId, '']]);
  if (foreign) charges.set(foreign, '');
  for (const e of m.efforts) {
    const org = to(e);
    const text = charges.get(org);
    charges.set(org, `${text ? `${text}, ` : ''}${e.quarter} ${e.role} ${figure(e.fte)}`);
  }
  return charges;
}

/**
 * Refuses (ForbiddenError, the transaction rolls back) when the change moved figures charged to an organisation whose
 * editor the actor is not. A charge that disappears (the reference ended) is not a change to the other's figures.
 */
export async function requireConsentedCharges(
  tx: Tx,
  actor: Actor | null,
  before: Charges,
  after: Charges,
  what: string,
) {
  for (const [organisationId, figures] of after) {
    if ((before.get(organisationId) ?? '') === figures) continue;
    if (actor && 'userId' in actor && hasRole(actor, organisationId, 'EDITOR')) continue;
    const name =
      (await tx.organisation.findUnique({ where: { id: organisationId }, select: { name: true } }))?.name ??
      'een andere organisatie';
    throw new ForbiddenError(
      `${what} telt mee in de beheercapaciteit van ${name}; alleen redacteuren van ${name} mogen dat cijfer wijzigen. Er is niets veranderd: laat dat cijfer zoals het was, of vraag ${name} het aan te passen.`,
    );
  }
}
