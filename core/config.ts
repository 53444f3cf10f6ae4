// The hub's settings: every environment variable it reads, declared once with zod (name, default, what is allowed),
// and typed accessors. The server checks them all as it starts (checkConfig: site/server/entry.ts, npm start) and
// refuses to start on a wrong value, naming the variable and what it allows. Accessors read process.env when called,
// so tests set a variable per test as before (process.env writes, vi.stubEnv); a variable is parsed again only when its
// text changed, so there is no cache to reset. The database's variables are declared in prisma/database.ts (the Prisma
// CLI loads that without core/) and taken into the list here. Read elsewhere, on purpose: ASTRO_NODE_AUTOSTART, written
// before the adapter loads (site/server/no-autostart.ts), and the test switches under test/.
import { isIP } from 'node:net';
import { z } from 'zod';
import { DATABASE_SETTINGS } from '#prisma/database.ts';

export type Env = Readonly<Record<string, string | undefined>>;

/** A wrong value of one variable (or, from checkConfig, of several), with what is allowed. */
export class ConfigError extends Error {}

const refuse = (ctx: z.RefinementCtx, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};
const text = () =>
  z
    .string()
    .optional()
    .transform((raw) => raw?.trim() ?? '');

/** A whole number from `min` to `max`; unset or empty is `fallback`. */
const wholeNumber = <F extends number | undefined>(
  name: string,
  fallback: F,
  allowed: string,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): number | F => {
      if (!raw?.trim()) return fallback;
      const n = Number(raw);
      return Number.isInteger(n) && n >= min && n <= max
        ? n
        : refuse(ctx, `${name} must be ${allowed}; it is "${raw}".`);
    });

/** `on` or `off` (unset or empty is on). */
const onOff = (name: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw?.trim() || 'on';
      return value === 'on'
        ? true
        : value === 'off'
          ? false
          : refuse(ctx, `${name} must be "on" or "off"; it is "${raw}".`);
    });

/** One of `values`; unset or empty is undefined. */
const oneOf = <const V extends string>(values: readonly V[], message: (raw: string) => string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): V | undefined => {
      const value = raw?.trim();
      if (!value) return undefined;
      return values.find((v) => v === value) ?? refuse(ctx, message(value));
    });

/** Comma-separated entries, each checked by `entry` (which returns what to keep, or null to refuse it). */
const list = <T>(entry: (part: string) => T | null, message: (part: string) => string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const kept: T[] = [];
      for (const part of (raw ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const value = entry(part);
        if (value === null) return refuse(ctx, message(part));
        kept.push(value);
      }
      return kept;
    });

const webUrl = (value: string) => {
  const url = URL.canParse(value) ? new URL(value) : null;
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url : null;
};

/** Requests per minute, by default: a person reading pages stays far below them; a script hammering the hub does not. */
export const DEFAULT_RATE_LIMITS = { anonymous: 120, signedIn: 600, token: 600, expensive: 30 } as const;
export const DEFAULT_MAX_CONNECTIONS = 1_000;
const perMinute = 'a whole number of requests per minute of at least 1';

export const SETTINGS = {
  ...DATABASE_SETTINGS,
  /** The address the built server listens on; unset, the build's (localhost). */
  HOST: text().transform((host) => host || undefined),
  /** The built server's port; unset, the build's (4321). */
  PORT: wholeNumber('PORT', undefined, 'a port number from 1 to 65535', 1, 65_535),
  NODE_ENV: oneOf(
    ['development', 'production', 'test'],
    (v) => `NODE_ENV must be "development", "production" or "test"; it is "${v}".`,
  ),
  /** The address browsers use; behind a proxy, the one Astro trusts forwarded headers for; links in mails start with it. */
  GRONDPLAN_PUBLIC_URL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw?.trim();
      if (!value) return null;
      return (
        webUrl(value) ??
        refuse(
          ctx,
          `GRONDPLAN_PUBLIC_URL must be the address browsers use, such as https://grondplan.example.nl; it is "${raw}".`,
        )
      );
    }),
  /** GRONDPLAN_CACHE=off switches the caches off (to measure the uncached path). */
  GRONDPLAN_CACHE: onOff('GRONDPLAN_CACHE'),
  GRONDPLAN_RATE_LIMITS: onOff('GRONDPLAN_RATE_LIMITS'),
  GRONDPLAN_RATE_LIMIT_ANONYMOUS: wholeNumber(
    'GRONDPLAN_RATE_LIMIT_ANONYMOUS',
    DEFAULT_RATE_LIMITS.anonymous,
    perMinute,
  ),
  GRONDPLAN_RATE_LIMIT_SIGNED_IN: wholeNumber(
    'GRONDPLAN_RATE_LIMIT_SIGNED_IN',
    DEFAULT_RATE_LIMITS.signedIn,
    perMinute,
  ),
  GRONDPLAN_RATE_LIMIT_TOKEN: wholeNumber('GRONDPLAN_RATE_LIMIT_TOKEN', DEFAULT_RATE_LIMITS.token, perMinute),
  GRONDPLAN_RATE_LIMIT_EXPENSIVE: wholeNumber(
    'GRONDPLAN_RATE_LIMIT_EXPENSIVE',
    DEFAULT_RATE_LIMITS.expensive,
    perMinute,
  ),
  /** Seconds one GraphQL operation may run (default 15). */
  GRONDPLAN_EXECUTION_SECONDS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (!raw?.trim()) return 15;
      const n = Number(raw);
      return Number.isFinite(n) && n > 0
        ? n
        : refuse(ctx, `GRONDPLAN_EXECUTION_SECONDS must be a number of seconds above 0; it is "${raw}".`);
    }),
  GRONDPLAN_MAX_CONNECTIONS: wholeNumber(
    'GRONDPLAN_MAX_CONNECTIONS',
    DEFAULT_MAX_CONNECTIONS,
    'a whole number of connections of at least 1',
  ),
  /** Proxies whose X-Forwarded-For is believed: addresses and subnets. */
  GRONDPLAN_TRUST_PROXY: list(
    (entry) => {
      const [address = '', prefix, ...rest] = entry.split('/');
      const family = isIP(address);
      const bits = Number(prefix);
      if (
        !family ||
        rest.length > 0 ||
        (prefix !== undefined && !(/^\d+$/.test(prefix) && bits <= (family === 6 ? 128 : 32)))
      )
        return null;
      return {
        address,
        prefix: prefix === undefined ? undefined : bits,
        type: family === 6 ? ('ipv6' as const) : ('ipv4' as const),
      };
    },
    (entry) => `GRONDPLAN_TRUST_PROXY names "${entry}", which is no IP address or subnet.`,
  ),
  /** Origins whose pages may call the API with the user's cookie. */
  GRONDPLAN_CORS_ORIGINS: list(
    (part) => {
      const url = webUrl(part);
      return url && url.origin === part.replace(/\/$/, '').toLowerCase() ? url.origin : null;
    },
    (part) =>
      `GRONDPLAN_CORS_ORIGINS names origins such as https://partner.example.nl, separated by commas; "${part}" is not one.`,
  ),
  /** The first administrator's address, on the first start of an empty database. */
  GRONDPLAN_ADMIN_EMAIL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw?.trim() || 'beheer@grondplan.local';
      return /^[^\s@]+@[^\s@]+$/.test(value)
        ? value
        : refuse(ctx, `GRONDPLAN_ADMIN_EMAIL must be an e-mail address; it is "${raw}".`);
    }),
  // Mail (core/mail.ts checks them as a set: none, or a complete one).
  GRONDPLAN_SMTP_HOST: text(),
  /** Unset, the port that goes with GRONDPLAN_SMTP_TLS. */
  GRONDPLAN_SMTP_PORT: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (!raw?.trim()) return undefined;
      const port = Number(raw);
      return Number.isInteger(port) && port >= 1 && port <= 65_535
        ? port
        : refuse(ctx, `GRONDPLAN_SMTP_PORT moet een poortnummer van 1 tot en met 65535 zijn; het is "${raw.trim()}".`);
    }),
  GRONDPLAN_SMTP_TLS: oneOf(
    ['tls', 'starttls', 'geen'],
    (v) => `GRONDPLAN_SMTP_TLS moet "tls", "starttls" of "geen" zijn; het is "${v}".`,
  ),
  GRONDPLAN_SMTP_USER: text(),
  /** Not trimmed: a password may start or end with a space. */
  GRONDPLAN_SMTP_PASSWORD: z
    .string()
    .optional()
    .transform((raw) => raw ?? ''),
  GRONDPLAN_MAIL_FROM: text(),
  GRONDPLAN_DKIM_DOMAIN: text(),
  GRONDPLAN_DKIM_SELECTOR: text(),
  GRONDPLAN_DKIM_PRIVATE_KEY_FILE: text(),
  /** `npm run bench` on PostgreSQL: the database to fill (default grondplan_bench_<scale> on 127.0.0.1). */
  BENCH_POSTGRES_URL: text().transform((url) => url || undefined),
};

export type SettingName = keyof typeof SETTINGS;
export type SettingValue<N extends SettingName> = z.output<(typeof SETTINGS)[N]>;

const remembered = new Map<SettingName, { raw: string | undefined; value: unknown }>();

/** One variable's value, or the message that refuses it. `env` is the process's environment unless given. */
export function trySetting<N extends SettingName>(
  name: N,
  env?: Env,
): { ok: true; value: SettingValue<N> } | { ok: false; message: string } {
  const raw = (env ?? process.env)[name];
  const known = env ? undefined : remembered.get(name);
  if (known && known.raw === raw) return { ok: true, value: known.value as SettingValue<N> };
  const result = SETTINGS[name].safeParse(raw);
  if (!result.success)
    return { ok: false, message: result.error.issues[0]?.message ?? `${name} is not valid: "${raw}".` };
  if (!env) remembered.set(name, { raw, value: result.data });
  return { ok: true, value: result.data as SettingValue<N> };
}

/** One variable's value; throws a ConfigError naming it and what it allows when its value is wrong. */
export function setting<N extends SettingName>(name: N, env?: Env): SettingValue<N> {
  const result = trySetting(name, env);
  if (!result.ok) throw new ConfigError(result.message);
  return result.value;
}

/** A variable's text as it is set (trimmed; empty when unset), for "is any of these set" and for messages. */
export const settingText = (name: SettingName, env?: Env): string => (env ?? process.env)[name]?.trim() ?? '';

/** Checks every variable as the hub starts: throws one ConfigError listing each wrong one. */
export function checkConfig(env?: Env): void {
  const problems = (Object.keys(SETTINGS) as SettingName[]).flatMap((name) => {
    const result = trySetting(name, env);
    return result.ok ? [] : [result.message];
  });
  if (problems.length > 0)
    throw new ConfigError(
      `Grondplan does not start: a setting in the environment is wrong.\n- ${problems.join('\n- ')}`,
    );
}

/** Caching can be switched off (GRONDPLAN_CACHE=off), e.g. to measure the uncached path. */
export const cachingEnabled = () => setting('GRONDPLAN_CACHE');
/** Rate limits can be switched off (GRONDPLAN_RATE_LIMITS=off), as the benchmark does. */
export const rateLimitsEnabled = (env?: Env) => setting('GRONDPLAN_RATE_LIMITS', env);
/** The address browsers use (GRONDPLAN_PUBLIC_URL), or null when it is not set. */
export const publicUrl = (env?: Env): URL | null => setting('GRONDPLAN_PUBLIC_URL', env);
/** Whether the hub runs as in production (NODE_ENV=production). */
export const isProduction = () => setting('NODE_ENV') === 'production';
