// The account page's confirmation steps: revoking a token, ending a session or all others, unlinking a provider,
// removing a member and blocking an account each ask first, naming what ends; a sentence says why not when the thing
// is not (or no longer) there.
import type { PendingConfirmation } from './forms.ts';
import { dateNl, dateTimeNl, memberRoleLabel, sessionMethodLabel } from './labels.ts';
import { routes } from './routes.ts';

export type Scope = 'READ' | 'READ_WRITE';
export const scopeLabel: Record<Scope, string> = { READ: 'Alleen lezen', READ_WRITE: 'Lezen en schrijven' };

/** The actions that ask first. */
export const GUARDED_ACCOUNT_ACTIONS = new Set([
  'token-intrekken',
  'lid-verwijderen',
  'account-blokkeren',
  'sessie-beeindigen',
  'andere-sessies-beeindigen',
  'ontkoppelen',
]);

/** A guarded action as posted, waiting for its confirmation. */
export interface Awaiting {
  action: string;
  id: string;
  organisation: string;
  email: string;
}
/** What the page has read of the viewer. */
export interface AccountViewer {
  isInstanceAdmin: boolean;
  apiTokens: readonly { id: string; name: string; scope: Scope; expiresAt: string; revokedAt: string | null }[];
  sessions: readonly {
    id: string;
    device: string;
    address: string | null;
    method: keyof typeof sessionMethodLabel;
    lastSeenAt: string;
    current: boolean;
  }[];
  linkedProviders: readonly { id: string; providerName: string; organisationName: string; createdAt: string }[];
}
/** The members of an organisation the viewer administers. */
export interface MemberList {
  slug: string;
  name: string;
  users: readonly { email: string; name: string; role: keyof typeof memberRoleLabel }[];
}
/** What blocking an account ends, counted for the instance administrator. */
export interface AccountAccess {
  email: string;
  disabled: boolean;
  openSessions: number;
  activeApiTokens: number;
}

/** "geen open sessies", "1 open sessie", "3 open sessies". */
export const countNl = (n: number, one: string, many: string) =>
  n === 0 ? `geen ${many}` : `${n} ${n === 1 ? one : many}`;

/**
 * The confirmation step for a guarded action, or the message that says why there is nothing to confirm. `access` is
 * what blocking would end (read only for an instance administrator; null when no account has the address).
 */
export function accountConfirmation(
  awaiting: Awaiting,
  viewer: AccountViewer,
  members: readonly MemberList[],
  access: AccountAccess | null,
): PendingConfirmation | string {
  if (awaiting.action === 'token-intrekken') {
    const token = viewer.apiTokens.find((x) => x.id === awaiting.id && !x.revokedAt);
    if (!token) return 'Dit token bestaat niet (meer) of is al ingetrokken.';
    return {
      title: `API-token ${token.name} intrekken?`,
      lead: `Het token ${token.name} (${scopeLabel[token.scope].toLowerCase()}, geldig tot ${dateNl(token.expiresAt.slice(0, 10))}) werkt daarna niet meer. Intrekken kan niet ongedaan worden gemaakt.`,
      consequences: [
        'Scripts die dit token gebruiken krijgen meteen geen toegang meer; maak voor hen zo nodig een nieuw token.',
      ],
      fields: { actie: awaiting.action, id: token.id },
      confirmLabel: 'Ja, intrekken',
      cancelHref: routes.account({}, 'tokens'),
    };
  }
  if (awaiting.action === 'sessie-beeindigen') {
    const session = viewer.sessions.find((x) => x.id === awaiting.id && !x.current);
    if (!session)
      return 'Deze sessie bestaat niet (meer) of is je huidige sessie. Je huidige sessie beëindig je met "Uitloggen".';
    return {
      title: `Sessie op ${session.device} beëindigen?`,
      lead: `De sessie op ${session.device} (adres ${session.address ?? 'onbekend'}, ingelogd met ${sessionMethodLabel[session.method]?.toLowerCase() ?? session.method}, laatst gebruikt ${dateTimeNl(session.lastSeenAt)}) wordt meteen uitgelogd.`,
      consequences: [
        'Wie die browser gebruikt, moet opnieuw inloggen.',
        'Herken je de sessie niet? Wijzig daarna ook je wachtwoord.',
      ],
      fields: { actie: awaiting.action, id: session.id },
      confirmLabel: 'Ja, beëindigen',
      cancelHref: routes.account({}, 'sessies'),
    };
  }
  if (awaiting.action === 'ontkoppelen') {
    const link = viewer.linkedProviders.find((x) => x.id === awaiting.id);
    if (!link) return 'Deze koppeling bestaat niet (meer).';
    return {
      title: `Koppeling met ${link.providerName} verwijderen?`,
      lead: `Je account is gekoppeld aan je account bij ${link.providerName} (${link.organisationName}), sinds ${dateNl(link.createdAt.slice(0, 10))}.`,
      consequences: [
        'Log je daarna in via je organisatie, dan vraagt Grondplan eerst je wachtwoord om opnieuw te koppelen.',
        'Met je wachtwoord kun je gewoon blijven inloggen, tenzij je organisatie inloggen met een wachtwoord heeft uitgezet.',
      ],
      fields: { actie: awaiting.action, id: link.id },
      confirmLabel: 'Ja, ontkoppelen',
      cancelHref: routes.account({}, 'organisatie-koppelingen'),
    };
  }
  if (awaiting.action === 'andere-sessies-beeindigen') {
    const others = viewer.sessions.filter((x) => !x.current);
    if (!others.length) return 'Je hebt geen andere sessies: je bent nergens anders ingelogd.';
    return {
      title: 'Alle andere sessies beëindigen?',
      lead:
        others.length === 1
          ? `Je andere sessie (${others[0]?.device}) wordt meteen uitgelogd. Deze sessie blijft.`
          : `Je ${others.length} andere sessies (${others.map((x) => x.device).join(', ')}) worden meteen uitgelogd. Deze sessie blijft.`,
      consequences: [
        'Op die apparaten moet je opnieuw inloggen. Je API-tokens blijven werken; trek ze zo nodig apart in.',
      ],
      fields: { actie: awaiting.action },
      confirmLabel: 'Ja, alle andere beëindigen',
      cancelHref: routes.account({}, 'sessies'),
    };
  }
  if (awaiting.action === 'lid-verwijderen') {
    const org = members.find((o) => o.slug === awaiting.organisation);
    const member = org?.users.find((u) => u.email === awaiting.email);
    if (!org || !member) return 'Deze gebruiker is geen lid (meer) van een organisatie die jij beheert.';
    return {
      title: `${member.email} verwijderen uit ${org.name}?`,
      lead: `${member.name} (${member.email}) is nu ${memberRoleLabel[member.role].toLowerCase()} bij ${org.name} en verliest die toegang meteen.`,
      consequences: [
        'Heeft deze gebruiker geen andere organisatie, dan eindigen ook alle sessies en API-tokens van het account.',
      ],
      fields: { actie: awaiting.action, organisatie: org.slug, email: member.email },
      confirmLabel: 'Ja, verwijderen',
      cancelHref: routes.account({}, `leden-${org.slug}`),
    };
  }
  if (awaiting.action === 'account-blokkeren') {
    if (!access)
      return viewer.isInstanceAdmin
        ? `Er is geen account met het e-mailadres "${awaiting.email}". Controleer het adres.`
        : 'Alleen beheerders van Grondplan blokkeren accounts.';
    return {
      title: `Account ${access.email} blokkeren?`,
      lead: access.disabled
        ? `${access.email} is al geblokkeerd.`
        : `${access.email} kan daarna niet meer inloggen. Het account heeft nu ${countNl(access.openSessions, 'open sessie', 'open sessies')} en ${countNl(access.activeApiTokens, 'geldig API-token', 'geldige API-tokens')}; blokkeren beëindigt ze meteen.`,
      consequences: ['Deblokkeren kan later; de gebruiker logt dan opnieuw in en maakt nieuwe tokens.'],
      fields: { actie: awaiting.action, email: access.email },
      confirmLabel: 'Ja, blokkeren',
      cancelHref: routes.account({}, 'accounts-blokkeren'),
    };
  }
  return 'Onbekende actie.';
}
