// The rules of an organisation's membership: who manages its users, which addresses its admins may invite, when an
// account is in use (and so never gets a password through an invitation link), and the open invitation behind a link.
import { z } from 'zod';
import { requireViewer } from './access.ts';
import type { Tx } from './audit.ts';
import { sha256 } from './auth.ts';
import { type Context, hasRole, type Viewer } from './context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';

/**
 * Organisation ADMINs manage their own organisation (its users, how its members sign in); instance administrators any
 * organisation's. `message` says what the refused viewer may not do.
 */
export async function requireOrganisationAdmin(
  tx: Tx,
  ctx: Context,
  organisation: string,
  message = 'Alleen beheerders van deze organisatie mogen haar gebruikers beheren.',
) {
  const viewer = requireViewer(ctx);
  const org = await tx.organisation.findUnique({
    where: { slug: organisation },
    select: {
      id: true,
      name: true,
      emailDomains: true,
      passwordSignIn: true,
      requireSecondFactor: true,
      identityProviders: { where: { enabled: true }, select: { id: true }, take: 1 },
    },
  });
  if (!org) throw new NotFoundError('Organisatie', organisation);
  if (!viewer.isInstanceAdmin && !hasRole(viewer, org.id, 'ADMIN')) throw new ForbiddenError(message);
  return { viewer, organisationId: org.id, organisation: org };
}

/** The stored mail domains (space separated) as a list. */
export const emailDomainList = (stored: string) => stored.split(/\s+/).filter(Boolean);

/** A mail domain as typed in a form: lower case, without @ or scheme. */
export const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'Vul een maildomein in zoals emmen.nl (zonder @ en zonder http://).',
  );

/** An e-mail address as typed in a form. */
export const email = z.string().trim().max(200).pipe(z.email('Vul een geldig e-mailadres in.'));

/** The domain of an address, lower case. */
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * An organisation admin invites addresses in the organisation's own mail domains only (an instance administrator any
 * address): an admin of one partner cannot invite, and so set the password of, an address of another partner, which
 * that partner would later invite and find already in use.
 */
export function requireOwnDomain(
  viewer: Pick<Viewer, 'isInstanceAdmin'>,
  organisation: { name: string; emailDomains: string },
  email: string,
) {
  if (viewer.isInstanceAdmin) return;
  const domains = emailDomainList(organisation.emailDomains);
  if (domains.includes(domainOf(email))) return;
  const own =
    domains.length > 0
      ? `de maildomeinen van ${organisation.name} (${domains.join(', ')})`
      : `een maildomein van ${organisation.name}: er is er nog geen vastgelegd`;
  throw new ValidationError([
    {
      path: ['email'],
      message: `Dit e-mailadres hoort niet bij ${own}. Nodig een adres van de eigen organisatie uit, of vraag een beheerder van Grondplan om dit adres uit te nodigen.`,
    },
  ]);
}

export const INVITATION_DAYS = 7;

/** Why no invitation link goes out for an organisation with password sign-in off. */
export const ssoOnlyInvitation = (organisation: string) =>
  `${organisation} logt in via de eigen inlogdienst; inloggen met een wachtwoord staat uit. Een uitnodigingslink is dan niet nodig: een nieuwe medewerker krijgt een account bij de eerste keer "Inloggen via je organisatie".`;

export const invitationProblem =
  'Deze uitnodigingslink is verlopen, al gebruikt of onjuist. Vraag de beheerder van je organisatie om een nieuwe uitnodiging.';

/** The ways in an account's owner set up: a second factor, a linked identity provider. */
export const ownWaysIn = {
  totpFactor: { select: { confirmedAt: true } },
  passkeys: { select: { id: true }, take: 1 },
  identities: { select: { id: true }, take: 1 },
} as const;

/**
 * An account is in use when it has a membership, is an instance administrator, or its owner set up a way in of their
 * own (a second factor, a linked provider). Such an account is never given a new password through an invitation link:
 * the link's holder (the admin, when no mail is sent) would otherwise get in without the owner's second factor.
 */
export function inUse(account: {
  memberships: unknown[];
  isInstanceAdmin: boolean;
  totpFactor: { confirmedAt: Date | null } | null;
  passkeys: unknown[];
  identities: unknown[];
}): boolean {
  return (
    account.memberships.length > 0 ||
    account.isInstanceAdmin ||
    Boolean(account.totpFactor?.confirmedAt) ||
    account.passkeys.length > 0 ||
    account.identities.length > 0
  );
}

/** An open invitation by its token, or null. */
export async function openInvitation(db: Pick<Tx, 'invitation'>, token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: sha256(token) },
    include: { organisation: { select: { name: true, passwordSignIn: true } } },
  });
  return invitation && !invitation.acceptedAt && invitation.expiresAt.getTime() > Date.now() ? invitation : null;
}
