// The CISO attestation: an organisation's security officer confirms that its landscape is current and complete. The
// rules: who may confirm (a member named security officer), what counts as a change since (the landscape's own
// entities on the organisation's audit trail) and when a confirmation is due again (six calendar months later).
import type { AuditEntityType, Tx } from './audit.ts';
import type { Viewer } from './context.ts';
import { todayIso } from './dates.ts';
import { ForbiddenError } from './errors.ts';

/** A confirmation is due again this many calendar months after the last one. */
export const ATTESTATION_MONTHS = 6;

/**
 * The audit trail's entity types that make up the landscape an officer confirms: its usages, koppelingen and
 * migrations. Accounts, memberships, sign-in settings and what-if scenarios are not the landscape; an import's summary
 * is left out because every change it made has an event of its own.
 */
export const LANDSCAPE_CHANGE_TYPES = ['Usage', 'Interface', 'Migration'] as const satisfies readonly AuditEntityType[];

/**
 * The day (YYYY-MM-DD) from which a confirmation made on `day` is due again: `months` calendar months later, on the
 * last day of that month when it is shorter (31 August + 6 months is 28 or 29 February).
 */
export function dueOn(day: string, months = ATTESTATION_MONTHS): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const dueYear = Math.floor(index / 12);
  const dueMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(dueYear, dueMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${dueYear}-${pad(dueMonth)}-${pad(Math.min(date, lastDay))}`;
}

/** The number of changes to the landscape among the trail's counts per entity type (other types left out). */
export function landscapeChanges(counts: readonly { entityType: string; count: number }[]): number {
  const landscape: readonly string[] = LANDSCAPE_CHANGE_TYPES;
  return counts.reduce((sum, c) => (landscape.includes(c.entityType) ? sum + c.count : sum), 0);
}

export interface AttestationState {
  /** Changes to the landscape since the last confirmation; null when there is none. */
  changesSince: number | null;
  /** The day (YYYY-MM-DD, Dutch calendar) the next confirmation is due; null when there is none yet. */
  dueOn: string | null;
  /** No confirmation yet, or the last one is six months old or older: the page warns. */
  overdue: boolean;
}

/**
 * The figures beside the last confirmation: changes to the landscape since (from the trail's counts per entity type
 * after it) and whether it is overdue on `now`'s Dutch calendar day.
 */
export function attestationState(
  last: { confirmedAt: Date } | null,
  countsSince: readonly { entityType: string; count: number }[],
  now: Date = new Date(),
): AttestationState {
  if (!last) return { changesSince: null, dueOn: null, overdue: true };
  const due = dueOn(todayIso(last.confirmedAt));
  return { changesSince: landscapeChanges(countsSince), dueOn: due, overdue: todayIso(now) >= due };
}

/** Only a member named the organisation's security officer confirms its landscape; not even an instance administrator. */
export async function requireSecurityOfficer(
  tx: Pick<Tx, 'userMembership'>,
  viewer: Viewer,
  organisation: { id: string; name: string },
): Promise<void> {
  const membership = await tx.userMembership.findUnique({
    where: { userId_organisationId: { userId: viewer.userId, organisationId: organisation.id } },
    select: { officer: true },
  });
  if (membership?.officer !== 'SECURITY_OFFICER')
    throw new ForbiddenError(
      `Alleen de informatiebeveiliger (CISO) van ${organisation.name} mag bevestigen dat het landschap actueel en volledig is. De beheerder van de organisatie wijst de informatiebeveiliger aan.`,
    );
}

/** The trail's counts per entity type of the organisation's changes after `since`, in one statement. */
export async function changeCountsSince(
  db: Pick<Tx, 'auditEvent'>,
  organisationId: string,
  since: Date,
  { privateOnly }: { privateOnly: boolean },
): Promise<{ entityType: string; count: number }[]> {
  const rows = await db.auditEvent.groupBy({
    by: ['entityType'],
    // Changes of nothing but private fields count for the organisation's members only (graphql/audit-private.ts).
    where: { organisationId, createdAt: { gt: since }, ...(privateOnly ? {} : { privateOnly: false }) },
    _count: { _all: true },
  });
  return rows.map((r) => ({ entityType: r.entityType, count: r._count._all }));
}
