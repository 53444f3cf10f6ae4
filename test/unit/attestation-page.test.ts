// The attestation page's words: the changes since, the six-month warning and the confirmation step.
import { describe, expect, it } from 'vitest';
import { attestationConfirmation, changesText, overdueText } from '#site/lib/attestation-page.ts';

const current = { changesSince: 3, dueOn: '2027-06-15', overdue: false, last: { confirmedAt: '2026-12-15T09:30:00Z' } };

describe('the attestation page', () => {
  it('says how many changes followed the last confirmation', () => {
    expect(changesText(current)).toBe('3 wijzigingen sinds de laatste bevestiging.');
    expect(changesText({ ...current, changesSince: 1 })).toBe('1 wijziging sinds de laatste bevestiging.');
    expect(changesText({ ...current, changesSince: 0 })).toBe(
      'Geen wijzigingen in het landschap sinds de laatste bevestiging.',
    );
    expect(changesText({ changesSince: null, dueOn: null, overdue: true, last: null })).toBeNull();
  });

  it('warns when there is no confirmation, or the last is six months old', () => {
    expect(overdueText(current, 'Gemeente Emmen')).toBeNull();
    expect(overdueText({ changesSince: null, dueOn: null, overdue: true, last: null }, 'Gemeente Emmen')).toBe(
      'Het landschap van Gemeente Emmen is nog nooit bevestigd. Vraag de informatiebeveiliger om na te lopen of het actueel en volledig is.',
    );
    expect(overdueText({ ...current, overdue: true }, 'Gemeente Emmen')).toBe(
      'De laatste bevestiging (15 december 2026 om 10:30) is zes maanden of ouder: een nieuwe bevestiging was nodig op 15 juni 2027.',
    );
  });

  it('asks "weet u het zeker" with the changes since, and posts the note again', () => {
    const step = attestationConfirmation('Gemeente Emmen', 3, 'Nagelopen', '/organisaties/emmen/bevestiging');
    expect(step.title).toBe('Landschap van Gemeente Emmen bevestigen?');
    expect(step.lead).toMatch(/^Weet u het zeker\?/);
    expect(step.consequences?.[0]).toBe('Sinds de vorige bevestiging zijn er 3 wijzigingen in het landschap.');
    expect(step.fields).toEqual({ actie: 'bevestigen', toelichting: 'Nagelopen' });
    expect(attestationConfirmation('Gemeente Emmen', 0, '', '/x').consequences).toHaveLength(2);
  });
});
