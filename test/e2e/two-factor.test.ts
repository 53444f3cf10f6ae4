// Two factors in Chromium through the built hub: setting up an authenticator app (QR code and the seed as text) and
// signing in with its code, by keyboard only and without axe violations; a passkey through Chromium's virtual
// authenticator (DevTools protocol), registered and then used to sign in; no sideways scroll at 390 px.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer } from '#scripts/built-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { nextTotpCode } from '../helpers/totp.ts';
import { createUser } from '../helpers/users.ts';
import { axe, chromiumOptions, signIn, tabTo } from './browser.ts';

const APP_USER = { email: 'app@emmen.test', password: 'een lang en geheim wachtwoord' };
const PASSKEY_USER = { email: 'passkey@emmen.test', password: 'nog een lang en geheim wachtwoord' };
const ADMIN = { email: 'beheer@emmen.test', password: 'het wachtwoord van de beheerder' };
const MEMBER = { email: 'lid@emmen.test', password: 'het wachtwoord van een lid' };
const PAGE = '/account/tweestapsverificatie';
let database: TestDatabase;
let hub: Awaited<ReturnType<typeof startBuiltServer>>;
let browser: Browser;

beforeAll(async () => {
  database = await createTestDatabase();
  await createUser(database.db, APP_USER.email, [{ organisation: 'emmen', role: 'VIEWER' }], {
    password: APP_USER.password,
  });
  await createUser(database.db, PASSKEY_USER.email, [{ organisation: 'emmen', role: 'VIEWER' }], {
    password: PASSKEY_USER.password,
  });
  await createUser(database.db, ADMIN.email, [{ organisation: 'emmen', role: 'ADMIN' }], { password: ADMIN.password });
  await createUser(database.db, MEMBER.email, [{ organisation: 'emmen', role: 'EDITOR' }], {
    password: MEMBER.password,
  });
  hub = await startBuiltServer(database.url);
  browser = await chromium.launch(chromiumOptions);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await database?.drop();
});

async function noSidewaysScroll(page: Page, label: string) {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scroll, label).toBeLessThanOrEqual(client);
}

async function typePassword(page: Page, baseUrl: string, user: { email: string; password: string }, returnTo: string) {
  await page.goto(`${baseUrl}/inloggen?terug=${encodeURIComponent(returnTo)}`);
  await tabTo(page, 'email');
  await page.keyboard.type(user.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/inloggen\/tweede-stap/);
}

describe('an authenticator app', () => {
  it('is set up by keyboard from a QR code or the seed as text, and then asked for at sign-in', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, PAGE, APP_USER);
    await axe(page, 'tweestapsverificatie, nog niets ingesteld');
    await tabTo(page, 'app-instellen');
    await page.keyboard.press('Enter');
    await page.waitForSelector('img[alt^="QR-code"]');
    await axe(page, 'app instellen');
    await noSidewaysScroll(page, 'app instellen');
    const qr = await page.getAttribute('img[alt^="QR-code"]', 'src');
    expect(qr?.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const secret = ((await page.textContent('.gp-secret')) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    // A wrong code first: the error summary says so, and nothing is active.
    await tabTo(page, 'veld-code');
    await page.keyboard.type('000000');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#fouten');
    await axe(page, 'app instellen, onjuiste code');
    await tabTo(page, 'veld-code');
    await page.keyboard.type(await nextTotpCode(APP_USER.email, secret));
    await page.keyboard.press('Enter');
    await page.waitForSelector('#nieuwe-herstelcodes');
    expect(await page.locator('.gp-recovery-codes li').count()).toBe(10);
    await axe(page, 'herstelcodes');
    await noSidewaysScroll(page, 'herstelcodes');
    await context.close();

    // A new browser: the password opens the second step, the code the session.
    const next = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const second = await next.newPage();
    await typePassword(second, hub.baseUrl, APP_USER, '/account');
    expect(await next.cookies()).not.toContainEqual(expect.objectContaining({ name: 'gp_session' }));
    await axe(second, 'tweede stap');
    await noSidewaysScroll(second, 'tweede stap');
    await tabTo(second, 'veld-code');
    await second.keyboard.type('123456');
    await second.keyboard.press('Enter');
    await second.waitForSelector('#fouten');
    await axe(second, 'tweede stap, onjuiste code');
    await tabTo(second, 'veld-code');
    await second.keyboard.type(await nextTotpCode(APP_USER.email, secret));
    await second.keyboard.press('Enter');
    await second.waitForURL(`${hub.baseUrl}/account`);
    const user = await database.db.prisma.user.findUniqueOrThrow({
      where: { email: APP_USER.email },
      select: { id: true },
    });
    expect(
      (await database.db.prisma.session.findMany({ where: { userId: user.id }, select: { method: true } })).map(
        (s) => s.method,
      ),
    ).toContain('PASSWORD_TOTP');
    await next.close();
  });
});

describe('a passkey', () => {
  let context: BrowserContext;
  afterAll(() => context?.close());

  it('is registered with a name through the virtual authenticator and then signs in as the second factor', async () => {
    // WebAuthn needs a secure context and a domain name: localhost, not 127.0.0.1.
    const baseUrl = hub.baseUrl.replace('127.0.0.1', 'localhost');
    context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const authenticator = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });
    await signIn(page, baseUrl, PAGE, PASSKEY_USER);
    await tabTo(page, 'veld-name');
    await page.keyboard.type('laptop');
    await page.keyboard.press('Enter');
    await page.waitForSelector('button[data-passkey-mode="register"]:not([hidden])');
    await axe(page, 'passkey aanmaken');
    await tabTo(page, 'passkey-register');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#nieuwe-herstelcodes');
    const recoveryCode = ((await page.locator('.gp-recovery-codes li').first().textContent()) ?? '').trim();
    expect(await page.textContent('.gp-notice[role="status"]')).toContain('De passkey laptop is toegevoegd');
    expect(await page.textContent('main')).toContain('laptop');
    await axe(page, 'passkey toegevoegd');

    await context.clearCookies();
    await typePassword(page, baseUrl, PASSKEY_USER, '/account');
    await page.waitForSelector('button[data-passkey-mode="authenticate"]:not([hidden])');
    await axe(page, 'tweede stap met passkey');
    await tabTo(page, 'passkey-authenticate');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/account`);
    const user = await database.db.prisma.user.findUniqueOrThrow({
      where: { email: PASSKEY_USER.email },
      select: { id: true },
    });
    const methods = (
      await database.db.prisma.session.findMany({ where: { userId: user.id }, select: { method: true } })
    ).map((s) => s.method);
    expect(methods).toContain('PASSWORD_PASSKEY');
    const stored = await database.db.prisma.passkey.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored).toMatchObject({ name: 'laptop' });
    expect(stored.lastUsedAt).not.toBeNull();

    // A second passkey (on another authenticator) asks the password again: the script sends it along with the answer.
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId: authenticator.authenticatorId });
    await page.goto(`${baseUrl}${PAGE}`);
    await tabTo(page, 'veld-name');
    await page.keyboard.type('telefoon');
    await page.keyboard.press('Enter');
    await page.waitForSelector('button[data-passkey-mode="register"]:not([hidden])');
    await axe(page, 'tweede passkey aanmaken, met wachtwoord');
    await tabTo(page, 'veld-password-passkey-opslaan');
    await page.keyboard.type(PASSKEY_USER.password);
    await tabTo(page, 'passkey-register');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.gp-notice[role="status"]');
    expect(await page.textContent('.gp-notice[role="status"]')).toContain('De passkey telefoon is toegevoegd');
    expect(await database.db.prisma.passkey.count({ where: { userId: user.id } })).toBe(2);

    // Without JavaScript the passkey button stays hidden and a recovery code signs in instead.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await typePassword(noScript, baseUrl, PASSKEY_USER, '/account');
    expect(await noScript.isVisible('#passkey-authenticate')).toBe(false);
    await tabTo(noScript, 'veld-recoveryCode');
    await noScript.keyboard.type(recoveryCode);
    await noScript.keyboard.press('Enter');
    await noScript.waitForURL(`${baseUrl}/account`);

    // Without JavaScript too: new recovery codes, and an authenticator app next to the passkeys, ask the password again.
    await noScript.goto(`${baseUrl}${PAGE}`);
    await tabTo(noScript, 'veld-password-herstelcodes');
    await noScript.keyboard.type('niet het wachtwoord');
    await noScript.keyboard.press('Enter');
    await noScript.waitForSelector('#fouten');
    expect(await noScript.textContent('#fouten')).toContain('Het wachtwoord klopt niet');
    await tabTo(noScript, 'veld-password');
    await noScript.keyboard.type(PASSKEY_USER.password);
    await noScript.keyboard.press('Enter');
    await noScript.waitForSelector('#nieuwe-herstelcodes');
    expect(await noScript.locator('.gp-recovery-codes li').count()).toBe(10);
    await tabTo(noScript, 'app-instellen');
    await noScript.keyboard.press('Enter');
    await noScript.waitForSelector('img[alt^="QR-code"]');
    const secret = ((await noScript.textContent('.gp-secret')) ?? '').replace(/\s/g, '');
    await tabTo(noScript, 'veld-code');
    await noScript.keyboard.type(await nextTotpCode(PASSKEY_USER.email, secret));
    await noScript.keyboard.press('Tab');
    await noScript.keyboard.type(PASSKEY_USER.password);
    await noScript.keyboard.press('Enter');
    await noScript.waitForSelector('.gp-notice[role="status"]');
    expect(await noScript.textContent('main')).toContain('De authenticator-app is ingesteld');
    await plain.close();
  });
});

describe('the organisation’s requirement', () => {
  it('is switched on by its admin by keyboard; a member without a factor is then sent to set one up first', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/organisaties/emmen/inloggen', ADMIN);
    await axe(page, 'tweede factor verplichten');
    await tabTo(page, 'verplicht-nee');
    await page.keyboard.press('ArrowUp');
    expect(await page.isChecked('#verplicht-ja')).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.gp-notice[role="status"]');
    expect(await page.textContent('.gp-notice[role="status"]')).toContain('Een tweede factor is nu verplicht');
    await axe(page, 'tweede factor verplicht');
    await context.close();

    const member = await browser.newContext();
    const memberPage = await member.newPage();
    await memberPage.goto(`${hub.baseUrl}/inloggen?terug=${encodeURIComponent('/organisaties/emmen')}`);
    await tabTo(memberPage, 'email');
    await memberPage.keyboard.type(MEMBER.email);
    await memberPage.keyboard.press('Tab');
    await memberPage.keyboard.type(MEMBER.password);
    await memberPage.keyboard.press('Enter');
    await memberPage.waitForURL(`${hub.baseUrl}${PAGE}`);
    expect(await memberPage.textContent('main')).toContain('Voor jouw account is een tweede factor verplicht');
    // Every other page sends the member back here until a factor is set up.
    await memberPage.goto(`${hub.baseUrl}/organisaties/emmen`);
    expect(memberPage.url()).toBe(`${hub.baseUrl}${PAGE}`);
    await member.close();
  });
});
