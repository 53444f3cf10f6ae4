// The words of the attestation page (/organisaties/[slug]/bevestiging): the changes since the last confirmation, the
// six-month warning and the confirmation step. The figures themselves come from core/attestation.ts through the API.

import type { PendingConfirmation } from './forms.ts';
import { dateNl, dateTimeNl } from './labels.ts';

export interface AttestationView {
  changesSince: number | null;
  dueOn: string | null;
  overdue: boolean;
  last: { confirmedAt: string } | null;
}

/** "Geen wijzigingen", "1 wijziging" or "N wijzigingen" in the landscape since the last confirmation; null when there is none. */
export function changesText(a: AttestationView): string | null {
  if (a.changesSince === null) return null;
  if (a.changesSince === 0) return 'Geen wijzigingen in het landschap sinds de laatste bevestiging.';
  return `${a.changesSince} ${a.changesSince === 1 ? 'wijziging' : 'wijzigingen'} sinds de laatste bevestiging.`;
}

/** The warning when no confirmation exists or the last one is six months old; null while it is current. */
export function overdueText(a: AttestationView, organisation: string): string | null {
  if (!a.overdue) return null;
  if (!a.last)
    return `Het landschap van ${organisation} is nog nooit bevestigd. Vraag de informatiebeveiliger om na te lopen of het actueel en volledig is.`;
  return `De laatste bevestiging (${dateTimeNl(a.last.confirmedAt)}) is zes maanden of ouder: een nieuwe bevestiging was nodig op ${dateNl(a.dueOn)}.`;
}

/** The confirmation step before the officer's confirmation is recorded. */
export function attestationConfirmation(
  organisation: string,
  changesSince: number | null,
  note: string,
  cancelHref: string,
): PendingConfirmation {
  const consequences = [
    'Grondplan legt vast wie bevestigt, wanneer, en bij welke gegevensversie.',
    'De leden van de organisatie zien de bevestiging; andere organisaties niet.',
  ];
  if (changesSince)
    consequences.unshift(`Sinds de vorige bevestiging zijn er ${changesSince} wijzigingen in het landschap.`);
  return {
    title: `Landschap van ${organisation} bevestigen?`,
    lead: `Weet u het zeker? U bevestigt als informatiebeveiliger dat het landschap van ${organisation} actueel en volledig is.`,
    consequences,
    fields: { actie: 'bevestigen', toelichting: note },
    confirmLabel: 'Ja, bevestigen',
    cancelHref,
  };
}
