// Who can read a statement under each share setting, as the share page says it.
import { describe, expect, it } from 'vitest';
import { SHARE_MODES, shareReaders } from '#site/lib/vvt-share.ts';

describe('shareReaders', () => {
  it('names the own members always, then nobody, the named partners or every member', () => {
    expect(SHARE_MODES).toEqual(['PRIVATE', 'NAMED', 'ALL_MEMBERS']);
    expect(shareReaders('Emmen', { mode: 'PRIVATE', partners: [] })).toEqual([
      'Alle leden van Emmen.',
      'Niemand anders: beheerders van Grondplan en andere organisaties niet.',
    ]);
    expect(
      shareReaders('Emmen', { mode: 'NAMED', partners: [{ name: 'Coevorden' }, { name: 'Borger-Odoorn' }] }),
    ).toEqual(['Alle leden van Emmen.', 'De leden van Coevorden.', 'De leden van Borger-Odoorn.']);
    expect(shareReaders('Emmen', { mode: 'ALL_MEMBERS', partners: [] })).toEqual([
      'Alle leden van Emmen.',
      'Elke aangemelde gebruiker die lid is van een organisatie in Grondplan.',
    ]);
  });
});
