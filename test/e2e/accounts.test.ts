// Accounts through the built hub: the sign-in page's return path and throttling (429 with Retry-After), and a one-time
// password that every page sends to the change form until it is changed, in Chromium with axe.
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '#core/users.ts';
import { startBuiltServer } from '#scripts/built-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';
import { axe, chromiumOptions } from './browser.ts';

const USER = { email: 'inlogger@emmen.test', password: 'een lang en geheim wachtwoord' };
const FIRST = { email: 'eerste@emmen.test', password: 'tijdelijk wachtwoord van de beheerder' };
let database: TestDatabase;
let hub: Awaited<ReturnType<typeof startBuiltServer>>;
let browser: Browser;

beforeAll(async () => {
  database = await createTestDatabase();
  await createUser(database.db, USER.email, [{ organisation: 'emmen', role: 'VIEWER' }], { password: USER.password });
  await addUser(database.db, { ...FIRST, organisation: 'emmen', role: 'VIEWER' });
  // Behind a proxy: the client address comes from X-Forwarded-For, so one test can sign in from several addresses.
  hub = await startBuiltServer(database.url, { GRONDPLAN_TRUST_PROXY: '127.0.0.1, ::1' });
  browser = await chromium.launch(chromiumOptions);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await database?.drop();
});

/** Posts the sign-in form as a browser without JavaScript would, from `address`. */
const postSignIn = (fields: Record<string, string>, address: string) =>
  fetch(`${hub.baseUrl}/inloggen`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: hub.baseUrl, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
    body: new URLSearchParams(fields).toString(),
  });

describe('the sign-in page', () => {
  it('returns only to paths on this site, and a newline in "terug" is no error', async () => {
    for (const terug of [
      '/\t/evil.example',
      '//evil.example',
      '/\\evil.example',
      '/\n',
      '/account\r\nSet-Cookie: x=1',
    ]) {
      const response = await postSignIn({ email: USER.email, wachtwoord: USER.password, terug }, '198.51.100.1');
      expect(response.status, JSON.stringify(terug)).toBe(303);
      expect(response.headers.get('location'), JSON.stringify(terug)).toBe('/');
    }
    const home = await postSignIn(
      { email: USER.email, wachtwoord: USER.password, terug: '/organisaties/emmen?indeling=groep' },
      '198.51.100.1',
    );
    expect(home.headers.get('location')).toBe('/organisaties/emmen?indeling=groep');
    // The query string's "terug" is cleaned before it reaches the form.
    const form = await (await fetch(`${hub.baseUrl}/inloggen?terug=${encodeURIComponent('/%09/evil.example')}`)).text();
    expect(form).toContain('name="terug" value="/"');
  });

  it('makes an address that keeps failing wait (429, Retry-After) while the real user signs in from another', async () => {
    const attacker = '203.0.113.66';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await postSignIn({ email: USER.email, wachtwoord: `gok ${i}`, terug: '/' }, attacker)).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const waiting = await postSignIn({ email: USER.email, wachtwoord: USER.password, terug: '/' }, attacker);
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await waiting.text()).toContain('Er is te vaak geprobeerd in te loggen');
    const real = await postSignIn({ email: USER.email, wachtwoord: USER.password, terug: '/account' }, '198.51.100.2');
    expect(real.status).toBe(303);
    expect(real.headers.get('location')).toBe('/account');
  });
});

describe('a one-time password', () => {
  it('sends every page to the change form until it is changed', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.3' } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${hub.baseUrl}/inloggen?terug=/organisaties/emmen`);
    await page.fill('#email', FIRST.email);
    await page.fill('#wachtwoord', FIRST.password);
    await page.click('button:has-text("Inloggen")');
    await page.waitForURL(`${hub.baseUrl}/account/wachtwoord`);
    expect(await page.locator('.gp-notice').innerText()).toMatch(/eenmalig wachtwoord/);
    await axe(page, 'eenmalig wachtwoord wijzigen');
    await page.goto(`${hub.baseUrl}/vergelijk`);
    expect(new URL(page.url()).pathname).toBe('/account/wachtwoord');
    await page.fill('#veld-currentPassword', FIRST.password);
    await page.fill('#veld-newPassword', 'wachtwoord12345');
    await page.fill('#veld-repeat', 'wachtwoord12345');
    await page.click('button:has-text("Wachtwoord wijzigen")');
    expect(await page.locator('#fouten').innerText()).toMatch(/te makkelijk te raden/);
    await axe(page, 'wachtwoord wijzigen met fout');
    await page.fill('#veld-currentPassword', FIRST.password);
    await page.fill('#veld-newPassword', 'zeven zwanen zwemmen in de Emmer Dennen');
    await page.fill('#veld-repeat', 'zeven zwanen zwemmen in de Emmer Dennen');
    await page.click('button:has-text("Wachtwoord wijzigen")');
    await page.waitForURL(`${hub.baseUrl}/account?wachtwoord=gewijzigd`);
    await page.goto(`${hub.baseUrl}/vergelijk`);
    expect(new URL(page.url()).pathname).toBe('/vergelijk');
    await context.close();
  });
});
