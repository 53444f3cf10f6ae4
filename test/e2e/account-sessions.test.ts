// Own sessions on /account in Chromium: signed in from two browsers, the first sees both (device, address, method),
// ends the other by keyboard through the confirmation step, and the second is signed out. Axe on every step and 390 px
// without sideways scrolling; ending all other sessions works without JavaScript (where axe cannot run).
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '#core/auth.ts';
import { authenticate } from '#core/credentials.ts';
import { startBuiltServer } from '#scripts/built-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { TEST_TOTP_SECRET } from '../helpers/totp.ts';
import { createUser } from '../helpers/users.ts';
import { axe, chromiumOptions, sidewaysProblems, signIn, tabTo } from './browser.ts';
import { signInOverApi } from './server.ts';

const USER = { email: 'sessies@emmen.test', password: 'een lang en geheim wachtwoord' };
/** A user of its own for the second test, so the first test's sessions do not count. */
const OTHER_USER = { email: 'andere-sessies@emmen.test', password: 'nog een lang en geheim wachtwoord' };
const ADMIN = {
  email: 'beheer@grondplan.test',
  password: 'het lange wachtwoord van de beheerder',
  totpSecret: TEST_TOTP_SECRET,
};
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
let database: TestDatabase;
let hub: Awaited<ReturnType<typeof startBuiltServer>>;
let browser: Browser;

beforeAll(async () => {
  database = await createTestDatabase();
  for (const user of [USER, OTHER_USER])
    await createUser(database.db, user.email, [{ organisation: 'emmen', role: 'VIEWER' }], { password: user.password });
  await createUser(database.db, ADMIN.email, [], { password: ADMIN.password, instanceAdmin: true });
  // Behind a proxy: each browser comes from an address of its own (X-Forwarded-For).
  hub = await startBuiltServer(database.url, { GRONDPLAN_TRUST_PROXY: '127.0.0.1, ::1' });
  browser = await chromium.launch(chromiumOptions);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await database?.drop();
});

/** A phone-sized browser of its own, with its own User-Agent and address. */
async function device(
  userAgent: string,
  address: string,
  javaScriptEnabled = true,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    userAgent,
    javaScriptEnabled,
    viewport: { width: 390, height: 844 },
    extraHTTPHeaders: { 'x-forwarded-for': address },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

const rows = (page: Page) => page.locator('#sessies ~ .gp-table-scroll tbody tr').allInnerTexts();

describe('sessions on /account', () => {
  it('lists both browsers; the first ends the other by keyboard and the other is signed out', async () => {
    const first = await device(FIREFOX, '198.51.100.31');
    const second = await device(CHROME, '198.51.100.32');
    await signIn(first.page, hub.baseUrl, '/account', USER);
    await signIn(second.page, hub.baseUrl, '/account', USER);

    await first.page.goto(`${hub.baseUrl}/account`);
    const listed = await rows(first.page);
    expect(listed).toHaveLength(2);
    const own = listed.find((r) => r.includes('deze sessie')) ?? '';
    const other = listed.find((r) => !r.includes('deze sessie')) ?? '';
    expect(own).toContain('Firefox op Linux');
    expect(own).toContain('198.51.100.31');
    expect(own).toContain('Wachtwoord');
    expect(other).toContain('Chrome op Windows');
    expect(other).toContain('198.51.100.32');
    await axe(first.page, 'account met twee sessies');
    expect(await sidewaysProblems(first.page), '/account at 390 px').toEqual([]);
    // "Alle andere sessies beëindigen" asks first; cancelling changes nothing.
    await first.page.getByRole('button', { name: 'Alle andere sessies beëindigen' }).click();
    await first.page.waitForLoadState();
    expect(await first.page.locator('.gp-confirm').innerText()).toContain(
      'Je andere sessie (Chrome op Windows) wordt meteen uitgelogd.',
    );
    await axe(first.page, 'andere sessies beëindigen bevestigen');
    expect(await sidewaysProblems(first.page), 'bevestigen at 390 px').toEqual([]);
    await first.page.getByRole('link', { name: 'Annuleren' }).click();
    await first.page.waitForURL(/\/account/);
    expect(await rows(first.page)).toHaveLength(2);

    // Keyboard only: Tab to "Beëindigen" of the other session, Enter; on the confirmation step Tab to "Ja", Enter.
    const end = first.page.getByRole('button', { name: /^Beëindigen sessie op Chrome op Windows/ });
    await end.evaluate((button) => {
      button.id = 'beeindig-andere';
    });
    await tabTo(first.page, 'beeindig-andere');
    await first.page.keyboard.press('Enter');
    await first.page.waitForLoadState();
    await expect.poll(() => first.page.locator('h1').innerText()).toBe('Sessie op Chrome op Windows beëindigen?');
    expect(await first.page.locator('.gp-confirm').innerText()).toContain('198.51.100.32');
    await axe(first.page, 'sessie beëindigen bevestigen');
    const yes = first.page.getByRole('button', { name: 'Ja, beëindigen' });
    await yes.evaluate((button) => {
      button.id = 'ja';
    });
    await tabTo(first.page, 'ja');
    await first.page.keyboard.press('Enter');
    await first.page.waitForLoadState();
    await expect
      .poll(() => first.page.locator('.gp-notice[role="status"]').first().innerText())
      .toContain('De sessie is beëindigd');
    expect(await rows(first.page)).toHaveLength(1);
    expect(await first.page.locator('main').innerText()).toContain('Je bent nergens anders ingelogd.');
    await axe(first.page, 'account na beëindigen');

    // The other browser is signed out: its next page asks it to sign in.
    await second.page.goto(`${hub.baseUrl}/account`);
    expect(new URL(second.page.url()).pathname).toBe('/inloggen');
    // The first goes on.
    await first.page.goto(`${hub.baseUrl}/organisaties/emmen`);
    expect(new URL(first.page.url()).pathname).toBe('/organisaties/emmen');
    await first.context.close();
    await second.context.close();
  });

  it('ends all other sessions without JavaScript, after the confirmation step', async () => {
    const phones = [
      await device(CHROME, '198.51.100.41', false),
      await device(FIREFOX, '198.51.100.42'),
      await device(FIREFOX, '198.51.100.43'),
    ];
    for (const { page } of phones) await signIn(page, hub.baseUrl, '/account', OTHER_USER);
    const [mine, ...others] = phones as [(typeof phones)[number], ...typeof phones];
    // Signed in first, its /account shows one session: read it again.
    await mine.page.reload();
    expect(await rows(mine.page)).toHaveLength(3);
    await mine.page.getByRole('button', { name: 'Alle andere sessies beëindigen' }).click();
    await mine.page.waitForLoadState();
    expect(await mine.page.locator('h1').innerText()).toBe('Alle andere sessies beëindigen?');
    expect(await mine.page.locator('.gp-confirm').innerText()).toContain(
      'Je 2 andere sessies (Firefox op Linux, Firefox op Linux) worden meteen uitgelogd. Deze sessie blijft.',
    );
    // Cancelling changes nothing.
    await mine.page.getByRole('link', { name: 'Annuleren' }).click();
    await mine.page.waitForLoadState();
    expect(await rows(mine.page)).toHaveLength(3);
    await mine.page.getByRole('button', { name: 'Alle andere sessies beëindigen' }).click();
    await mine.page.getByRole('button', { name: 'Ja, alle andere beëindigen' }).click();
    await mine.page.waitForLoadState();
    expect(await mine.page.locator('main').innerText()).toContain('De 2 andere sessies zijn beëindigd.');
    expect(await rows(mine.page)).toHaveLength(1);
    for (const { page } of others) {
      await page.goto(`${hub.baseUrl}/account`);
      expect(new URL(page.url()).pathname).toBe('/inloggen');
    }
    for (const { context } of phones) await context.close();
  });

  it('fits a phone with a new API token shown and listed, and reaches the password change', async () => {
    const { context, page } = await device(FIREFOX, '198.51.100.51');
    await signIn(page, hub.baseUrl, '/account', USER);
    await page.fill('#token-naam', 'Rapportage voor de gemeenteraad');
    await page.getByRole('button', { name: 'Token maken' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.gp-notice code').innerText()).toMatch(/^gpt_/);
    expect(await sidewaysProblems(page), '/account with a new token at 390 px').toEqual([]);
    await axe(page, 'account met nieuw token');
    await page.getByRole('link', { name: 'Wachtwoord wijzigen' }).click();
    await page.waitForURL(`${hub.baseUrl}/account/wachtwoord`);
    expect(await page.locator('h1').innerText()).toBe('Wachtwoord wijzigen');
    await context.close();
  });

  it('tells an instance administrator how many sessions and tokens blocking an account ends', async () => {
    const { context, page } = await device(FIREFOX, '198.51.100.61');
    // The user is signed in twice (and has the API token every test user gets); the admin blocks, and all of it ends.
    const user = [await device(CHROME, '198.51.100.62'), await device(FIREFOX, '198.51.100.63')];
    for (const { page: p } of user) await signIn(p, hub.baseUrl, '/account', OTHER_USER);
    await signIn(page, hub.baseUrl, '/account', ADMIN);
    await page.fill('#blokkeren-email', OTHER_USER.email);
    await page.getByRole('button', { name: 'Blokkeren', exact: true }).click();
    await page.waitForLoadState();
    const open = await database.db.prisma.session.count({
      where: { user: { email: OTHER_USER.email }, expiresAt: { gt: new Date() } },
    });
    expect(open).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.gp-confirm').innerText()).toContain(
      `Het account heeft nu ${open} open sessies en 1 geldig API-token; blokkeren beëindigt ze meteen.`,
    );
    await axe(page, 'account blokkeren bevestigen');
    await page.getByRole('button', { name: 'Ja, blokkeren' }).click();
    await page.waitForLoadState();
    expect(await page.locator('main').innerText()).toContain(`Het account ${OTHER_USER.email} is geblokkeerd`);
    for (const { page: p } of user) {
      await p.goto(`${hub.baseUrl}/account`);
      expect(new URL(p.url()).pathname).toBe('/inloggen');
    }
    for (const c of [context, ...user.map((u) => u.context)]) await c.close();
  });

  it('refuses a crafted post that ends another user’s session, confirmed or not, and one from another site', async () => {
    const victim = await signInOverApi(hub.baseUrl, USER);
    const attacker = await signInOverApi(hub.baseUrl, ADMIN);
    const [victimsSession] = await database.db.prisma.session.findMany({
      where: { id: sha256(victim) },
      select: { publicId: true },
    });
    const post = (fields: Record<string, string>, origin = hub.baseUrl) =>
      fetch(`${hub.baseUrl}/account`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin, cookie: `gp_session=${attacker}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const unconfirmed = await post({ actie: 'sessie-beeindigen', id: victimsSession?.publicId ?? '' });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Deze sessie bestaat niet (meer)');
    const confirmed = await post({ actie: 'sessie-beeindigen', id: victimsSession?.publicId ?? '', bevestigd: 'ja' });
    expect(confirmed.status).toBe(400);
    expect(await confirmed.text()).toContain('bestaat niet');
    // From another site, riding on the victim's own cookie: refused before the page runs.
    const crossSite = await fetch(`${hub.baseUrl}/account`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        origin: 'https://evil.example',
        cookie: `gp_session=${victim}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ actie: 'andere-sessies-beeindigen', bevestigd: 'ja' }).toString(),
    });
    expect(crossSite.status).toBe(403);
    expect(await authenticate(database.db, { sessionToken: victim })).not.toBeNull();
    expect(await database.db.prisma.session.count({ where: { publicId: victimsSession?.publicId ?? '-' } })).toBe(1);
  });
});
