// The built hub's security headers on every kind of response (pages, /graphql GET and POST on both paths, OPTIONS,
// downloads, files, errors), HSTS only behind an https public address, CORS only for named origins, and every page
// (GraphiQL included) working in Chromium under its Content-Security-Policy without a single violation.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltServer, startBuiltServer } from '#scripts/built-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';
import { chromiumOptions } from './browser.ts';
import { EDITOR, signInOverApi } from './server.ts';

const PARTNER = 'https://partner.example.nl';
let database: TestDatabase;
let hub: BuiltServer;
let httpsHub: BuiltServer;
let browser: Browser;
let session = '';

beforeAll(async () => {
  database = await createTestDatabase();
  await createUser(database.db, EDITOR.email, [{ organisation: 'emmen', role: 'ADMIN' }], {
    password: EDITOR.password,
  });
  [hub, httpsHub] = await Promise.all([
    startBuiltServer(database.url, { GRONDPLAN_CORS_ORIGINS: PARTNER, GRONDPLAN_PUBLIC_URL: '' }),
    startBuiltServer(database.url, { GRONDPLAN_PUBLIC_URL: 'https://grondplan.example.nl' }),
  ]);
  session = await signInOverApi(hub.baseUrl, EDITOR);
  browser = await chromium.launch(chromiumOptions);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([hub?.stop(), httpsHub?.stop()]);
  await database?.drop();
});

/** Every kind of response the hub gives, as [label, path, request]. */
const responses = (base: string): [string, string, RequestInit][] => {
  const cookie = { cookie: `gp_session=${session}` };
  const json = { ...cookie, 'content-type': 'application/json', accept: 'application/json' };
  return [
    ['page', '/organisaties/emmen', { headers: cookie }],
    ['prerendered page', '/over', {}],
    ['page not found', '/organisaties/bestaat-niet', { headers: cookie }],
    ['sign-in page', '/inloggen', {}],
    ['GraphiQL', '/graphql', { headers: { accept: 'text/html' } }],
    [
      'GET /graphql',
      `/graphql?query=${encodeURIComponent('{ viewer { email } }')}`,
      { headers: { ...cookie, accept: 'application/json' } },
    ],
    [
      'POST /graphql (direct path)',
      '/graphql',
      { method: 'POST', headers: json, body: '{"query":"{ viewer { email } }"}' },
    ],
    [
      'form POST /graphql (through the site)',
      '/graphql',
      {
        method: 'POST',
        headers: {
          ...cookie,
          origin: base,
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'query=%7B%20viewer%20%7B%20email%20%7D%20%7D',
      },
    ],
    ['API error (direct path)', '/graphql', { method: 'POST', headers: json, body: '{"query":"{ nietBestaand }"}' }],
    [
      'OPTIONS /graphql',
      '/graphql',
      { method: 'OPTIONS', headers: { origin: base, 'access-control-request-method': 'POST' } },
    ],
    ['download', '/organisaties/emmen/archimate.xml', { headers: cookie }],
    ['download (YAML)', '/organisaties/emmen/landschap.yaml', { headers: cookie }],
    ['favicon (SVG)', '/favicon.svg', {}],
    ['favicon (ICO)', '/favicon.ico', {}],
    [
      'cross-site form post refused',
      '/inloggen',
      {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=b',
      },
    ],
  ];
};

const directives = (policy: string | null) =>
  new Map(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name = '', ...values]) => [name, values]),
  );

describe('security headers on every response', () => {
  it('every kind of response carries them; pages have a strict policy, everything else allows nothing and is sandboxed', async () => {
    const stylesheet = (await (await fetch(`${hub.baseUrl}/over`)).text()).match(/href="(\/_astro\/[^"]+\.css)"/)?.[1];
    expect(stylesheet).toBeDefined();
    for (const [label, path, init] of [
      ...responses(hub.baseUrl),
      ['stylesheet', stylesheet ?? '', {}] as [string, string, RequestInit],
    ]) {
      const response = await fetch(hub.baseUrl + path, { redirect: 'manual', ...init });
      const h = response.headers;
      expect(
        {
          frame: h.get('x-frame-options'),
          nosniff: h.get('x-content-type-options'),
          referrer: h.get('referrer-policy'),
          opener: h.get('cross-origin-opener-policy'),
          camera: h.get('permissions-policy')?.includes('camera=()'),
          geolocation: h.get('permissions-policy')?.includes('geolocation=()'),
          hsts: h.get('strict-transport-security'),
        },
        `${label} (${response.status})`,
      ).toEqual({
        frame: 'DENY',
        nosniff: 'nosniff',
        referrer: 'same-origin',
        opener: 'same-origin',
        camera: true,
        geolocation: true,
        hsts: null,
      });
      const csp = directives(h.get('content-security-policy'));
      expect(csp.get('frame-ancestors'), label).toEqual(["'none'"]);
      expect(csp.get('default-src'), label).toEqual(["'none'"]);
      expect(csp.get('base-uri'), label).toEqual(["'none'"]);
      const type = h.get('content-type') ?? '';
      if (type.startsWith('text/html')) {
        // Scripts only from the hub itself or by hash: never inline by permission, never eval.
        const scripts = csp.get('script-src') ?? [];
        expect(scripts.length, label).toBeGreaterThan(0);
        for (const source of scripts) expect(source, label).toMatch(/^('self'|'sha256-[A-Za-z0-9+/]+=*')$/);
        expect(csp.has('script-src-attr') || csp.has('script-src-elem'), label).toBe(false);
        if (label !== 'GraphiQL')
          for (const source of csp.get('style-src') ?? [])
            expect(source, label).toMatch(/^('self'|'sha256-[A-Za-z0-9+/]+=*')$/);
      } else {
        expect(h.get('content-security-policy'), label).toBe(
          "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none';sandbox",
        );
      }
    }
  });

  it('serves the favicon every page names, as SVG and as /favicon.ico, to anyone', async () => {
    const page = await (await fetch(`${hub.baseUrl}/over`)).text();
    expect(page).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    for (const [path, type] of [
      ['/favicon.svg', 'image/svg+xml'],
      ['/favicon.ico', 'image/vnd.microsoft.icon'],
    ]) {
      const response = await fetch(hub.baseUrl + path, { redirect: 'manual' });
      expect([path, response.status, response.headers.get('content-type')]).toEqual([path, 200, type]);
      expect((await response.arrayBuffer()).byteLength, path).toBeGreaterThan(100);
    }
  });

  it('downloads are attachments under a sandboxing policy', async () => {
    const response = await fetch(`${hub.baseUrl}/organisaties/emmen/gebruik.csv`, {
      headers: { cookie: `gp_session=${session}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="grondplan-emmen-gebruik.csv"');
    const csp = directives(response.headers.get('content-security-policy'));
    expect([csp.get('default-src'), csp.has('sandbox')]).toEqual([["'none'"], true]);
  });

  it('sends HSTS only when the public address is https, on every kind of response', async () => {
    for (const [label, path, init] of responses(httpsHub.baseUrl)) {
      const response = await fetch(httpsHub.baseUrl + path, { redirect: 'manual', ...init });
      expect(response.headers.get('strict-transport-security'), label).toBe('max-age=31536000');
    }
  });
});

describe('CORS on the built hub', () => {
  const cors = (response: Response) =>
    Object.fromEntries([...response.headers.entries()].filter(([name]) => name.startsWith('access-control-')));
  const preflight = {
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type, authorization',
  };

  it('answers a preflight 204 with CORS headers for the named origin only', async () => {
    const named = await fetch(`${hub.baseUrl}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: PARTNER, ...preflight },
    });
    expect(named.status).toBe(204);
    expect(cors(named)).toEqual({
      'access-control-allow-origin': PARTNER,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-max-age': '600',
    });
    const other = await fetch(`${hub.baseUrl}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', ...preflight },
    });
    expect([other.status, cors(other)]).toEqual([204, {}]);
    // Without GRONDPLAN_CORS_ORIGINS no origin at all gets them.
    const unconfigured = await fetch(`${httpsHub.baseUrl}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: PARTNER, ...preflight },
    });
    expect([unconfigured.status, cors(unconfigured)]).toEqual([204, {}]);
  });

  it('lets the named origin read answers with credentials on both paths, and no other origin', async () => {
    const asking = (origin: string, base = hub.baseUrl) => [
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { origin, cookie: `gp_session=${session}`, 'content-type': 'application/json' },
        body: '{"query":"{ viewer { email } }"}',
      }),
      fetch(`${base}/graphql?query=${encodeURIComponent('{ viewer { email } }')}`, {
        headers: { origin, cookie: `gp_session=${session}`, accept: 'application/json' },
      }),
    ];
    for (const response of await Promise.all(asking(PARTNER))) {
      expect(cors(response)).toMatchObject({
        'access-control-allow-origin': PARTNER,
        'access-control-allow-credentials': 'true',
      });
      expect(response.headers.get('vary')).toMatch(/\bOrigin\b/i);
    }
    for (const origin of ['https://evil.example', 'http://127.0.0.1:1', 'null'])
      for (const response of await Promise.all(asking(origin))) expect(cors(response), origin).toEqual({});
    for (const response of await Promise.all(asking(PARTNER, httpsHub.baseUrl))) expect(cors(response)).toEqual({});
  });
});

/** A context signed in as the editor that records every CSP violation and console message about the policy. */
async function watchedContext(
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; violations: string[] }> {
  const context = await browser.newContext(options);
  await context.addCookies([{ name: 'gp_session', value: session, url: hub.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  const violations: string[] = [];
  await context.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sample}`,
      );
    });
  });
  context.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  return { context, violations };
}

const settle = (page: Page) => page.waitForLoadState('networkidle');

describe('pages under the policy in Chromium', () => {
  it('every page works with zero violations: search as you type, the koppelingen map, bars, an error summary', async () => {
    const { context, violations } = await watchedContext();
    const page = await context.newPage();
    for (const path of [
      '/',
      '/organisaties/emmen',
      '/organisaties/emmen/koppelingen',
      '/organisaties/emmen/gebruik/zac',
      '/organisaties/emmen/wijzigingen',
      '/pakketten/open-zaak',
      '/referentiecomponenten',
      '/vergelijk?org=emmen&org=coevorden',
      '/transitie',
      '/transitie/capaciteit',
      '/account',
      '/over',
      '/organisaties/bestaat-niet',
    ]) {
      await page.goto(hub.baseUrl + path);
      await settle(page);
    }
    // The bars are drawn without style attributes: their parts have widths.
    await page.goto(`${hub.baseUrl}/`);
    const widths = await page
      .locator('svg.gp-bar rect')
      .evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().width));
    expect(widths.some((w) => w > 10)).toBe(true);
    // The koppelingen map's own stylesheet (allowed by its hash) lights up a focused node's koppelingen.
    await page.goto(`${hub.baseUrl}/organisaties/emmen/koppelingen?rond=open-zaak`);
    await page.locator('.gp-map__svg a').first().focus();
    const lit = await page
      .locator('.gp-map__svg path.gp-edge')
      .evaluateAll((paths) => paths.filter((p) => getComputedStyle(p).opacity === '1').length);
    expect(lit).toBeGreaterThan(0);
    // The search page's script (allowed by its hash) answers as you type.
    await page.goto(`${hub.baseUrl}/zoeken`);
    await page.fill('#zoekterm', 'openzaak');
    await page.waitForFunction(() => document.querySelector('#zoekresultaten li a')?.textContent === 'Open Zaak');
    // The error summary's script (allowed by its hash) moves focus to it.
    await page.goto(`${hub.baseUrl}/organisaties/emmen/gebruik/nieuw`);
    await page.click('form.gp-form button[type=submit]');
    await page.waitForSelector('#fouten');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fouten');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('GraphiQL loads, runs a query and shows the answer, with zero violations', async () => {
    const { context, violations } = await watchedContext();
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/graphql`);
    await page.waitForSelector('.graphiql-container');
    await settle(page);
    const answer = await page.evaluate(async () => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ viewer { email } }"}',
      });
      return response.json();
    });
    expect(answer).toEqual({ data: { viewer: { email: EDITOR.email } } });
    // The editor runs the query typed in it and shows the result.
    await page.locator('.graphiql-query-editor .monaco-editor').first().click();
    await page.keyboard.press('ControlOrMeta+A');
    // The editor closes each brace itself as it is typed.
    await page.keyboard.type('{ organisations { slug');
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.waitForFunction(() =>
      (document.querySelector('.graphiql-response')?.textContent ?? '').includes('borger-odoorn'),
    );
    expect(violations).toEqual([]);
    await context.close();
  });

  it('a page cannot be framed by another site', async () => {
    const { context } = await watchedContext();
    const page = await context.newPage();
    // A document of another origin, with no policy of its own, that frames the hub's page.
    await page.setContent(`<iframe src="${hub.baseUrl}/over" title="ingelijst"></iframe>`);
    await page.waitForTimeout(1000);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    const text = await frame?.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    expect(text ?? '').not.toContain('Over Grondplan');
    await context.close();
  });
});
