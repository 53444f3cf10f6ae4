// Every mail the hub sends, as plain Dutch text: subject and body, from the facts a caller gives. Pure functions, so
// a test can read exactly what a user receives. Links are absolute (GRONDPLAN_PUBLIC_URL, see mail.ts).
import { dateTimeNl } from './dates.ts';
import { memberRoleLabel } from './labels.ts';

export interface MailText {
  subject: string;
  text: string;
}

/**
 * What a notice is about. NEW_SIGN_IN_METHOD: a second factor, passkey or single sign-on link was added.
 * SECOND_STEP_FAILED: the account's password was given correctly, and then a wrong second-factor code.
 */
type NoticeKind = 'NEW_SIGN_IN_METHOD' | 'PASSWORD_CHANGED' | 'ADDED_TO_ORGANISATION' | 'SECOND_STEP_FAILED';

export interface NoticeInput {
  kind: NoticeKind;
  /** What exactly, in Dutch: "een app voor inlogcodes", "Gemeente Emmen als lezer". */
  detail?: string | undefined;
  /** When it happened. */
  when: Date;
  /** The client address it came from, when known. */
  address?: string | null | undefined;
}

/** "30 november 2026 om 19:45" (Dutch time). */
export const whenNl = (date: Date) => dateTimeNl(date);

const SIGNATURE = ['', '--', 'Grondplan', 'Dit bericht is automatisch verstuurd; een antwoord wordt niet gelezen.'];

const lines = (...parts: (string | false | null | undefined)[]) =>
  [...parts.filter((p): p is string => typeof p === 'string'), ...SIGNATURE].join('\n');

export function invitationMail(input: {
  organisationName: string;
  role: keyof typeof memberRoleLabel;
  link: string;
  expiresAt: Date;
}): MailText {
  return {
    subject: `Uitnodiging voor Grondplan van ${input.organisationName}`,
    text: lines(
      'Hallo,',
      '',
      `Je bent uitgenodigd voor Grondplan, als ${memberRoleLabel[input.role].toLowerCase()} bij ${input.organisationName}.`,
      'Open deze link en kies je eigen wachtwoord:',
      '',
      input.link,
      '',
      `De link werkt één keer, tot ${whenNl(input.expiresAt)}. Geef hem aan niemand door.`,
      'Verwachtte je deze uitnodiging niet? Dan kun je dit bericht negeren.',
    ),
  };
}

export function passwordResetMail(input: { link: string; expiresAt: Date }): MailText {
  return {
    subject: 'Nieuw wachtwoord voor Grondplan',
    text: lines(
      'Hallo,',
      '',
      'Iemand heeft gevraagd om een nieuw wachtwoord voor je account in Grondplan. Was jij dat? Open dan deze link en kies een nieuw wachtwoord:',
      '',
      input.link,
      '',
      `De link werkt één keer, tot ${whenNl(input.expiresAt)} (een uur). Daarna vraag je zo nodig een nieuwe aan.`,
      'Na het wijzigen eindigen al je sessies en worden je API-tokens ingetrokken.',
      '',
      'Heb je dit niet gevraagd? Dan kun je dit bericht negeren: je wachtwoord blijft zoals het is.',
    ),
  };
}

const NOTICE: Record<NoticeKind, { subject: string; what: (detail?: string) => string }> = {
  NEW_SIGN_IN_METHOD: {
    subject: 'Nieuwe manier van inloggen bij Grondplan',
    what: (detail) => `Aan je account is een nieuwe manier van inloggen toegevoegd${detail ? `: ${detail}` : ''}.`,
  },
  PASSWORD_CHANGED: {
    subject: 'Je wachtwoord voor Grondplan is gewijzigd',
    what: (detail) => `Je wachtwoord is gewijzigd${detail ? ` (${detail})` : ''}.`,
  },
  ADDED_TO_ORGANISATION: {
    subject: 'Je bent toegevoegd aan een organisatie in Grondplan',
    what: (detail) => `Je account is toegevoegd aan ${detail ?? 'een organisatie'}.`,
  },
  SECOND_STEP_FAILED: {
    subject: 'Mislukte inlogpoging met je wachtwoord bij Grondplan',
    what: (detail) =>
      `Bij het inloggen op je account is je wachtwoord juist ingevuld, maar daarna een onjuiste code voor de tweede stap${detail ? `. ${detail}` : ''}. Iemand anders kent dus mogelijk je wachtwoord. (Over verdere mislukte pogingen krijg je hooguit één bericht per uur.)`,
  },
};

export function noticeMail(input: NoticeInput, accountLink: string): MailText {
  const notice = NOTICE[input.kind];
  const security = input.kind !== 'ADDED_TO_ORGANISATION';
  return {
    subject: notice.subject,
    text: lines(
      'Hallo,',
      '',
      notice.what(input.detail),
      `Dit gebeurde op ${whenNl(input.when)}${input.address ? ` vanaf het adres ${input.address}` : ''}.`,
      '',
      security
        ? 'Was jij dit? Dan hoef je niets te doen. Was jij het niet? Vraag dan meteen een nieuw wachtwoord aan op de inlogpagina ("Wachtwoord vergeten?") en meld het bij de beheerder van je organisatie.'
        : 'Je ziet het nieuwe lidmaatschap op je accountpagina. Hoort het niet bij jou? Meld het dan bij de beheerder van die organisatie.',
      accountLink ? `Je account: ${accountLink}` : null,
    ),
  };
}
