// The hub's settings (core/config.ts): every kind of wrong value is refused by the variable's name, defaults hold, and
// a variable changed between tests is read again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, cachingEnabled, checkConfig, publicUrl, setting } from '#core/config.ts';

afterEach(() => vi.unstubAllEnvs());

/** checkConfig refuses `env` with a ConfigError whose message holds `text`. */
const refuses = (env: Record<string, string>, text: string) => {
  expect(() => checkConfig(env)).toThrow(ConfigError);
  expect(() => checkConfig(env)).toThrow(text);
};

describe('the settings', () => {
  it('accepts an empty environment, with the documented defaults', () => {
    expect(() => checkConfig({})).not.toThrow();
    expect(setting('DATABASE_POOL_SIZE', {})).toBe(10);
    expect(setting('GRONDPLAN_EXECUTION_SECONDS', {})).toBe(15);
    expect(setting('GRONDPLAN_MAX_CONNECTIONS', {})).toBe(1_000);
    expect(setting('GRONDPLAN_RATE_LIMIT_ANONYMOUS', {})).toBe(120);
    expect(setting('GRONDPLAN_CACHE', {})).toBe(true);
    expect(setting('GRONDPLAN_ADMIN_EMAIL', {})).toBe('beheer@grondplan.local');
    expect(setting('DATABASE_URL', {})).toMatch(/^file:.*grondplan\.db$/);
    expect(setting('GRONDPLAN_PUBLIC_URL', {})).toBeNull();
  });

  it('refuses a number that is none, naming the variable and what it allows', () => {
    refuses(
      { DATABASE_POOL_SIZE: 'tien' },
      'DATABASE_POOL_SIZE must be a whole number of connections from 1 to 1000; it is "tien".',
    );
    refuses(
      { GRONDPLAN_EXECUTION_SECONDS: '0' },
      'GRONDPLAN_EXECUTION_SECONDS must be a number of seconds above 0; it is "0".',
    );
    refuses(
      { GRONDPLAN_MAX_CONNECTIONS: '1.5' },
      'GRONDPLAN_MAX_CONNECTIONS must be a whole number of connections of at least 1',
    );
    refuses({ PORT: '70000' }, 'PORT must be a port number from 1 to 65535; it is "70000".');
  });

  it('refuses a value outside an enumeration, naming the variable and the values it allows', () => {
    refuses({ NODE_ENV: 'productie' }, 'NODE_ENV must be "development", "production" or "test"; it is "productie".');
    refuses({ GRONDPLAN_SMTP_TLS: 'ssl' }, 'GRONDPLAN_SMTP_TLS moet "tls", "starttls" of "geen" zijn; het is "ssl".');
  });

  it('refuses an address that is none, naming the variable', () => {
    refuses(
      { GRONDPLAN_PUBLIC_URL: 'grondplan.example.nl' },
      'GRONDPLAN_PUBLIC_URL must be the address browsers use, such as https://grondplan.example.nl; it is "grondplan.example.nl".',
    );
    refuses(
      { DATABASE_URL: 'mysql://localhost/grondplan' },
      'DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)',
    );
    refuses(
      { DATABASE_REPLICA_URLS: 'postgresql://replica/grondplan, http://user:geheim@elders/db' },
      'DATABASE_REPLICA_URLS names PostgreSQL databases (postgresql://...), separated by commas; "elders/db" is not one.',
    );
    refuses(
      { GRONDPLAN_TRUST_PROXY: '10.0.0.0/33' },
      'GRONDPLAN_TRUST_PROXY names "10.0.0.0/33", which is no IP address or subnet.',
    );
  });

  it('refuses a switch that is neither on nor off, naming the variable', () => {
    refuses({ GRONDPLAN_CACHE: 'uit' }, 'GRONDPLAN_CACHE must be "on" or "off"; it is "uit".');
    refuses({ GRONDPLAN_RATE_LIMITS: 'false' }, 'GRONDPLAN_RATE_LIMITS must be "on" or "off"; it is "false".');
    expect(setting('GRONDPLAN_CACHE', { GRONDPLAN_CACHE: 'off' })).toBe(false);
  });

  it('lists every wrong variable at once', () => {
    const env = { GRONDPLAN_CACHE: 'uit', DATABASE_POOL_SIZE: '-1', GRONDPLAN_PUBLIC_URL: 'ftp://grondplan' };
    expect(() => checkConfig(env)).toThrow(/\n- DATABASE_POOL_SIZE .*\n- GRONDPLAN_PUBLIC_URL .*\n- GRONDPLAN_CACHE /);
  });

  it('reads the environment again when a variable changes, and refuses a wrong value when it is asked for', () => {
    vi.stubEnv('GRONDPLAN_CACHE', 'off');
    expect(cachingEnabled()).toBe(false);
    vi.stubEnv('GRONDPLAN_CACHE', '');
    expect(cachingEnabled()).toBe(true);
    vi.stubEnv('GRONDPLAN_PUBLIC_URL', 'https://grondplan.example.nl/');
    expect(publicUrl()?.origin).toBe('https://grondplan.example.nl');
    vi.stubEnv('GRONDPLAN_PUBLIC_URL', 'javascript:alert(1)');
    expect(() => publicUrl()).toThrow(/GRONDPLAN_PUBLIC_URL must be the address browsers use.*"javascript:alert\(1\)"/);
    vi.stubEnv('GRONDPLAN_CACHE', 'uit');
    expect(() => checkConfig()).toThrow('GRONDPLAN_CACHE must be "on" or "off"; it is "uit".');
  });
});
