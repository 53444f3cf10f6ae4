import { describe, expect, it } from 'vitest';
import { bio2ChangeText, bio2OutcomeText } from '#site/lib/bio2-import-page.ts';

describe('the BIO2 import page', () => {
  it('says what happens to each measure, before and after applying', () => {
    const change = { number: '5.01.02', action: 'CHANGE', fields: ['tekst'], movedTo: null };
    expect(bio2ChangeText(change, false)).toBe('Wijzigen: tekst');
    expect(bio2ChangeText(change, true)).toBe('Gewijzigd: tekst');
    const moved = {
      number: '5.02.01',
      action: 'CHANGE',
      fields: ['soort', 'verplaatst_naar', 'tekst'],
      movedTo: '5.36.09',
    };
    expect(bio2ChangeText(moved, false)).toBe('Verplaatsen naar 5.36.09');
    expect(bio2ChangeText(moved, true)).toBe('Verplaatst naar 5.36.09');
    // An already moved measure whose text changes is a change, not a move.
    expect(bio2ChangeText({ ...moved, fields: ['tekst'] }, false)).toBe('Wijzigen: tekst');
    expect(bio2ChangeText({ number: '5.01.03', action: 'ADD', fields: [] }, false)).toBe('Toevoegen');
    expect(bio2ChangeText({ number: '5.01.03', action: 'REMOVE', fields: [] }, true)).toBe('Verwijderd');
  });

  it('sums up the outcome in one sentence', () => {
    const none = { applied: false, added: [], changed: [], removed: [], unchanged: 166, linesOnMoved: 0, refused: [] };
    expect(bio2OutcomeText(none)).toBe('Niets te wijzigen: alle 166 maatregelen zijn gelijk aan de opgeslagen BIO2.');
    const preview = { ...none, added: ['5.01.03'], changed: ['5.01.02', '5.02.01'], unchanged: 164, linesOnMoved: 1 };
    expect(bio2OutcomeText(preview)).toBe(
      'Proefrun, er is niets veranderd: 1 toegevoegd, 2 gewijzigd, 0 verwijderd en 164 ongewijzigd. 1 regel van verklaringen bij maatregelen die nu verplaatst zijn blijft bewaard onder het oude nummer; organisaties nemen hun besluit over bij het nieuwe nummer. Kies "Inlezen" en lees het bestand opnieuw in om dit door te voeren.',
    );
    expect(bio2OutcomeText({ ...preview, applied: true, linesOnMoved: 0 })).toBe(
      'Ingelezen in één keer: 1 toegevoegd, 2 gewijzigd, 0 verwijderd en 164 ongewijzigd. Het staat in de wijzigingsgeschiedenis.',
    );
    expect(bio2OutcomeText({ ...preview, refused: [{}, {}] })).toBe('2 problemen: er is niets veranderd.');
  });
});
