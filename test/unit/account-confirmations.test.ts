// The account page's confirmation steps: what each names, and the sentence when there is nothing to confirm.
import { describe, expect, it } from 'vitest';
import { type AccountViewer, accountConfirmation, countNl } from '#site/lib/account-confirmations.ts';

describe('the account page’s confirmations', () => {
  const viewer: AccountViewer = {
    isInstanceAdmin: false,
    apiTokens: [
      { id: 't1', name: 'export', scope: 'READ', expiresAt: '2027-02-28T00:00:00Z', revokedAt: null },
      { id: 't2', name: 'oud', scope: 'READ', expiresAt: '2027-02-28T00:00:00Z', revokedAt: '2026-01-01T00:00:00Z' },
    ],
    sessions: [
      {
        id: 's1',
        device: 'Firefox op Linux',
        address: null,
        method: 'PASSWORD',
        lastSeenAt: '2026-11-30T18:05:00Z',
        current: true,
      },
      {
        id: 's2',
        device: 'Safari op iPhone',
        address: '192.0.2.1',
        method: 'OIDC',
        lastSeenAt: '2026-11-30T18:05:00Z',
        current: false,
      },
    ],
    linkedProviders: [],
  };
  const ask = (action: string, over: Partial<{ id: string; organisation: string; email: string }> = {}, who = viewer) =>
    accountConfirmation(
      { action, id: '', organisation: '', email: '', ...over },
      who,
      [{ slug: 'emmen', name: 'Emmen', users: [{ email: 'a@b.nl', name: 'An', role: 'EDITOR' }] }],
      null,
    );

  it('names the token, session, sessions or member that ends', () => {
    expect(ask('token-intrekken', { id: 't1' })).toMatchObject({
      title: 'API-token export intrekken?',
      fields: { actie: 'token-intrekken', id: 't1' },
    });
    expect(ask('token-intrekken', { id: 't2' })).toBe('Dit token bestaat niet (meer) of is al ingetrokken.');
    expect(ask('sessie-beeindigen', { id: 's2' })).toMatchObject({
      lead: 'De sessie op Safari op iPhone (adres 192.0.2.1, ingelogd met inloggen via je organisatie (sso), laatst gebruikt 30 november 2026 om 19:05) wordt meteen uitgelogd.',
    });
    expect(typeof ask('sessie-beeindigen', { id: 's1' })).toBe('string');
    expect(ask('andere-sessies-beeindigen')).toMatchObject({
      lead: 'Je andere sessie (Safari op iPhone) wordt meteen uitgelogd. Deze sessie blijft.',
    });
    expect(ask('andere-sessies-beeindigen', {}, { ...viewer, sessions: viewer.sessions.slice(0, 1) })).toBe(
      'Je hebt geen andere sessies: je bent nergens anders ingelogd.',
    );
    expect(ask('lid-verwijderen', { organisation: 'emmen', email: 'a@b.nl' })).toMatchObject({
      title: 'a@b.nl verwijderen uit Emmen?',
      lead: 'An (a@b.nl) is nu redacteur bij Emmen en verliest die toegang meteen.',
    });
    expect(ask('ontkoppelen', { id: 'x' })).toBe('Deze koppeling bestaat niet (meer).');
  });

  it('counts what blocking ends, for an instance administrator only', () => {
    expect(ask('account-blokkeren', { email: 'x@y.nl' })).toBe('Alleen beheerders van Grondplan blokkeren accounts.');
    expect(ask('account-blokkeren', { email: 'x@y.nl' }, { ...viewer, isInstanceAdmin: true })).toBe(
      'Er is geen account met het e-mailadres "x@y.nl". Controleer het adres.',
    );
    const access = { email: 'x@y.nl', disabled: false, openSessions: 1, activeApiTokens: 0 };
    expect(
      accountConfirmation(
        { action: 'account-blokkeren', id: '', organisation: '', email: 'x@y.nl' },
        viewer,
        [],
        access,
      ),
    ).toMatchObject({
      lead: 'x@y.nl kan daarna niet meer inloggen. Het account heeft nu 1 open sessie en geen geldige API-tokens; blokkeren beëindigt ze meteen.',
    });
    expect(countNl(3, 'open sessie', 'open sessies')).toBe('3 open sessies');
  });
});
