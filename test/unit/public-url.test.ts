// Behind a TLS-terminating proxy the hub trusts forwarded host and protocol for its public address only.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PAGE_DIRECTIVES } from '#site/server/security-headers.ts';

const config = async () => (await import('../../astro.config.mjs')).default;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('public address behind a proxy', () => {
  it('trusts no forwarded host without GRONDPLAN_PUBLIC_URL', async () => {
    vi.stubEnv('GRONDPLAN_PUBLIC_URL', '');
    expect((await config()).security).toEqual({
      checkOrigin: true,
      allowedDomains: [],
      csp: { directives: [...PAGE_DIRECTIVES] },
    });
  });

  it('trusts the forwarded host and protocol of GRONDPLAN_PUBLIC_URL only, with its port when it names one', async () => {
    vi.stubEnv('GRONDPLAN_PUBLIC_URL', 'https://grondplan.example.nl');
    expect((await config()).security?.allowedDomains).toEqual([
      { hostname: 'grondplan.example.nl', protocol: 'https' },
    ]);
    vi.resetModules();
    vi.stubEnv('GRONDPLAN_PUBLIC_URL', 'https://grondplan.example.nl:8443/');
    expect((await config()).security?.allowedDomains).toEqual([
      { hostname: 'grondplan.example.nl', protocol: 'https', port: '8443' },
    ]);
  });

  it('refuses a value that is not a web address, naming it', async () => {
    vi.stubEnv('GRONDPLAN_PUBLIC_URL', 'grondplan.example.nl');
    await expect(config()).rejects.toThrow(
      /GRONDPLAN_PUBLIC_URL must be the address browsers use.*"grondplan.example.nl"/,
    );
  });
});
