// The role a provider's claims give (worked out by hand), and which issuers may use plain HTTP.
import { describe, expect, it } from 'vitest';
import { isLoopback, mappedRole } from '#core/sso.ts';

const provider = {
  roleClaim: 'groups',
  viewerValues: 'lezers',
  editorValues: 'redactie team-a',
  adminValues: 'beheer',
  defaultRole: null,
} as const;

describe('mappedRole', () => {
  it('takes the highest role whose values the claim holds, from a list or a space-separated text', () => {
    expect(mappedRole(provider, { groups: ['lezers', 'team-a'] })).toBe('EDITOR');
    expect(mappedRole(provider, { groups: ['lezers', 'beheer', 'redactie'] })).toBe('ADMIN');
    expect(mappedRole(provider, { groups: 'overig lezers' })).toBe('VIEWER');
  });

  it('falls back to the default role, or none, when no value matches or the claim is missing or of another kind', () => {
    expect(mappedRole(provider, { groups: ['Beheer', 'beheer-extra'] })).toBeNull();
    expect(mappedRole(provider, {})).toBeNull();
    expect(mappedRole(provider, { groups: [{ name: 'beheer' }, 42] })).toBeNull();
    expect(mappedRole({ ...provider, defaultRole: 'VIEWER' }, { groups: 'niets' })).toBe('VIEWER');
    expect(mappedRole({ ...provider, roleClaim: '', defaultRole: 'EDITOR' }, { groups: ['beheer'] })).toBe('EDITOR');
  });
});

describe('isLoopback', () => {
  it('allows plain HTTP for this machine only', () => {
    expect(isLoopback(new URL('http://127.0.0.1:8080'))).toBe(true);
    expect(isLoopback(new URL('http://localhost/realms/x'))).toBe(true);
    expect(isLoopback(new URL('http://[::1]:9000'))).toBe(true);
    expect(isLoopback(new URL('http://127.0.0.1.example.org'))).toBe(false);
    expect(isLoopback(new URL('http://idp.example.org'))).toBe(false);
  });
});
