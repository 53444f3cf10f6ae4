// Single sign-on in Chromium against the built hub and a real OpenID Connect provider (oidc-provider on loopback): an
// instance administrator registers Emmen's provider on /beheer/inloggen, a member signs in through the provider's own
// login page and lands with the mapped role, an existing account is linked with its password, Emmen's admin switches
// password sign-in off, and signing out ends the provider's session too. axe on every new page.
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { signInAtProvider, startOidcProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { nextTotpCode, TEST_TOTP_SECRET } from '../helpers/totp.ts';
import { createUser } from '../helpers/users.ts';
import { axe, chromiumOptions, signIn } from './browser.ts';
import { EDITOR, INSTANCE_ADMIN, type RunningHub, signInOverApi, startHub } from './server.ts';

/** An account with an authenticator app, linked through the provider with its password and a code. */
const WITH_APP = { email: 'app-gebruiker@emmen.test', password: 'een wachtwoord met een app erbij' };

let hub: RunningHub;
let idp: TestProvider;
let browser: Browser;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await createUser(database.db, EDITOR.email, [{ organisation: 'emmen', role: 'ADMIN' }], {
    password: EDITOR.password,
  });
  await createUser(database.db, INSTANCE_ADMIN.email, [], {
    password: INSTANCE_ADMIN.password,
    instanceAdmin: true,
    totpSecret: INSTANCE_ADMIN.totpSecret,
  });
  await createUser(database.db, WITH_APP.email, [], { password: WITH_APP.password, totpSecret: TEST_TOTP_SECRET });
  hub = await startHub(database);
  idp = await startOidcProvider({
    redirectUris: [`${hub.baseUrl}/inloggen/sso/terug`],
    postLogoutRedirectUris: [`${hub.baseUrl}/`],
  });
  idp.accounts.set('an-sub', {
    email: 'an@emmen.test',
    email_verified: true,
    name: 'An de Vries',
    groups: ['grondplan-redactie'],
  });
  idp.accounts.set('redacteur-sub', {
    email: EDITOR.email,
    email_verified: true,
    name: 'Redacteur',
    groups: ['grondplan-beheer'],
  });
  idp.accounts.set('app-sub', {
    email: WITH_APP.email,
    email_verified: true,
    name: 'Met app',
    groups: ['grondplan-redactie'],
  });
  browser = await chromium.launch(chromiumOptions);
  // A provider vouches for its organisation's own mail domains only: the test's domain becomes one of Emmen's.
  const token = await signInOverApi(hub.baseUrl, INSTANCE_ADMIN);
  const set = await fetch(`${hub.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: hub.baseUrl, cookie: `gp_session=${token}` },
    body: JSON.stringify({
      query:
        'mutation { setOrganisationEmailDomains(organisation: "emmen", domains: ["emmen.nl", "emmen.test"]) { __typename } }',
    }),
  });
  expect(JSON.stringify(await set.json())).toContain('SetOrganisationEmailDomainsSuccess');
});
afterAll(async () => {
  await browser?.close();
  await idp?.stop();
  await hub?.stop();
  await database?.drop();
});

/** The provider's own login page (oidc-provider's development form): any password. */
async function loginAtProvider(page: Page, login: string) {
  await page.waitForURL((url) => url.href.startsWith(idp.issuer));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('wachtwoord bij de provider');
  await page.locator('button[type="submit"]').click();
}

/** "Inloggen via je organisatie" by e-mail address, with the keyboard, up to the provider's login. */
async function startAtHub(page: Page, email: string) {
  await page.goto(`${hub.baseUrl}/inloggen?terug=${encodeURIComponent('/account')}`);
  await page.getByRole('link', { name: 'Log in via je organisatie' }).click();
  await page.waitForURL(`${hub.baseUrl}/inloggen/sso?terug=%2Faccount`);
  await page.getByLabel('E-mailadres van je werk').fill(email);
  await page.keyboard.press('Enter');
}

describe('single sign-on in the browser', () => {
  it('an instance administrator registers Emmen’s provider; the page never shows the secret', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/beheer/inloggen', INSTANCE_ADMIN);
    await axe(page, '/beheer/inloggen');
    await page.getByLabel('Organisatie', { exact: true }).selectOption({ label: 'Gemeente Emmen' });
    await page.getByLabel('Naam op de inlogpagina').fill('Emmen Entra ID');
    await page.getByLabel('Issuer-URL').fill(idp.issuer);
    await page.getByLabel('Client-id').fill(idp.clientId);
    // Without a secret and a domain the form says what is missing, in Dutch, and keeps what was typed.
    await page.getByRole('button', { name: 'Inlogdienst toevoegen' }).click();
    await expect.poll(() => page.locator('#fouten').textContent()).toContain('Vul het clientgeheim in');
    await axe(page, '/beheer/inloggen with errors');
    await page.getByLabel('Clientgeheim').fill(idp.clientSecret);
    await page.getByLabel('Maildomeinen waarvoor de provider instaat').fill('emmen.test');
    await page.getByLabel('Claim met groepen of rollen').fill('groups');
    await page.getByLabel('Waarden voor beheerder').fill('grondplan-beheer');
    await page.getByLabel('Waarden voor redacteur').fill('grondplan-redactie');
    await page.getByRole('button', { name: 'Inlogdienst toevoegen' }).click();
    await page.waitForURL(`${hub.baseUrl}/beheer/inloggen?opgeslagen=ja`);
    expect(await page.locator('table').textContent()).toContain('Emmen Entra ID');
    await page.getByRole('link', { name: 'Emmen Entra ID wijzigen' }).click();
    expect(await page.content()).not.toContain(idp.clientSecret);
    await axe(page, '/beheer/inloggen editing');
    await context.close();
  });

  it('a member signs in through the provider, lands with the mapped role, and signs out at the provider too', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await startAtHub(page, 'an@emmen.test');
    await loginAtProvider(page, 'an-sub');
    await page.waitForURL(`${hub.baseUrl}/account`);
    expect(await page.locator('main').textContent()).toContain('Redacteur bij Gemeente Emmen');
    const cookies = await context.cookies(hub.baseUrl);
    expect(cookies.find((c) => c.name === 'gp_session')?.httpOnly).toBe(true);
    expect(cookies.some((c) => c.name === 'gp_sso')).toBe(false);

    // Signing out continues at the provider's end-session page, which sends the browser back to the hub.
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(`${idp.issuer}/session/end`));
    await page.locator('button[autofocus], button[type="submit"]').first().click();
    await page.waitForURL(`${hub.baseUrl}/`);
    expect((await context.cookies(hub.baseUrl)).some((c) => c.name === 'gp_session')).toBe(false);
    // The provider's session ended too: signing in again asks for the provider's login.
    await startAtHub(page, 'an@emmen.test');
    await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    expect(await page.locator('input[name="login"]').count()).toBe(1);
    await context.close();
  });

  it('an existing account is linked only with its password, on an accessible page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/inloggen/sso`);
    await axe(page, '/inloggen/sso');
    await page.getByLabel('Organisatie', { exact: true }).selectOption({ label: 'Gemeente Emmen (Emmen Entra ID)' });
    await page.getByRole('button', { name: 'Inloggen via deze organisatie' }).click();
    await loginAtProvider(page, 'redacteur-sub');
    await page.waitForURL(`${hub.baseUrl}/inloggen/sso/koppelen`);
    await axe(page, '/inloggen/sso/koppelen');
    await page.getByLabel('Wachtwoord van je bestaande account').fill('niet het wachtwoord');
    await page.getByRole('button', { name: 'Account koppelen en inloggen' }).click();
    await expect.poll(() => page.locator('#fouten').textContent()).toContain('Het wachtwoord klopt niet');
    await axe(page, '/inloggen/sso/koppelen with an error');
    await page.getByLabel('Wachtwoord van je bestaande account').fill(EDITOR.password);
    await page.getByRole('button', { name: 'Account koppelen en inloggen' }).click();
    await page.waitForURL(`${hub.baseUrl}/`);
    await page.goto(`${hub.baseUrl}/account`);
    expect(await page.locator('main').textContent()).toContain('Beheerder bij Gemeente Emmen');
    // The owner sees the link on /account and removes it (after a confirmation); the account keeps its password.
    expect(await page.locator('#organisatie-koppelingen').textContent()).toContain('Inloggen via je organisatie');
    await axe(page, '/account with a linked provider');
    await page.getByRole('button', { name: 'Ontkoppel Emmen Entra ID' }).click();
    await page.getByRole('button', { name: 'Ja, ontkoppelen' }).click();
    await expect
      .poll(() => page.locator('[role=status]').first().textContent())
      .toContain('De koppeling is verwijderd');
    expect(await page.locator('#organisatie-koppelingen').count()).toBe(0);
    await axe(page, '/account after unlinking');
    await context.close();
  });

  it('an existing account with a second factor is linked only with its password and a code from its app', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/inloggen/sso`);
    await page.getByLabel('Organisatie', { exact: true }).selectOption({ label: 'Gemeente Emmen (Emmen Entra ID)' });
    await page.getByRole('button', { name: 'Inloggen via deze organisatie' }).click();
    await loginAtProvider(page, 'app-sub');
    await page.waitForURL(`${hub.baseUrl}/inloggen/sso/koppelen`);
    await page.getByLabel('Wachtwoord van je bestaande account').fill(WITH_APP.password);
    await page.getByRole('button', { name: 'Account koppelen en inloggen' }).click();
    await expect.poll(() => page.locator('#fouten').textContent()).toContain('Je account heeft een tweede factor');
    await page.getByLabel('Wachtwoord van je bestaande account').fill(WITH_APP.password);
    await page.getByLabel(/Code van je tweede factor/).fill(await nextTotpCode(WITH_APP.email));
    await page.getByRole('button', { name: 'Account koppelen en inloggen' }).click();
    await page.waitForURL(`${hub.baseUrl}/`);
    await page.goto(`${hub.baseUrl}/account`);
    expect(await page.locator('main').textContent()).toContain('Redacteur bij Gemeente Emmen');
    await context.close();
  });

  it('Emmen’s admin switches password sign-in off; a member’s password is then refused with a pointer to single sign-on', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/organisaties/emmen/inloggen', EDITOR);
    await axe(page, '/organisaties/emmen/inloggen');
    await page.getByLabel('Nee, alleen via de organisatie').check();
    await page
      .getByRole('form', { name: 'Inloggen met een wachtwoord' })
      .getByRole('button', { name: 'Opslaan' })
      .click();
    await page.waitForURL(`${hub.baseUrl}/organisaties/emmen/inloggen?opgeslagen=ja`);
    expect(await page.locator('main').textContent()).toContain('staat nu uit');
    const other = await browser.newContext();
    const signInPage = await other.newPage();
    await signInPage.goto(`${hub.baseUrl}/inloggen`);
    await signInPage.getByLabel('E-mailadres').fill(EDITOR.email);
    await signInPage.getByLabel('Wachtwoord').fill(EDITOR.password);
    await signInPage.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await expect.poll(() => signInPage.locator('#fouten').textContent()).toContain('Inloggen via je organisatie');
    await other.close();
    await page.getByLabel('Ja, met wachtwoord of via de organisatie').check();
    await page
      .getByRole('form', { name: 'Inloggen met een wachtwoord' })
      .getByRole('button', { name: 'Opslaan' })
      .click();
    await page.waitForURL(`${hub.baseUrl}/organisaties/emmen/inloggen?opgeslagen=ja`);
    await context.close();
  });

  it('a callback without a sign-in under way in this browser is refused, and says so', async () => {
    // The provider's genuine answer, for a flow started elsewhere, brought to a browser without its cookie.
    const started = await fetch(`${hub.baseUrl}/inloggen/sso`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: hub.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ wijze: 'email', email: 'an@emmen.test', terug: '/' }).toString(),
    });
    expect(started.status).toBe(200);
    expect(started.headers.getSetCookie().join(';')).toMatch(/gp_sso=.*HttpOnly/i);
    const authorizationUrl = /url=([^"]+)"/.exec(await started.text())?.[1]?.replaceAll('&#38;', '&') ?? '';
    expect(authorizationUrl.startsWith(idp.issuer)).toBe(true);
    const callback = await signInAtProvider(idp, authorizationUrl, 'an-sub');
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(callback);
    expect(response?.status()).toBe(400);
    expect(await page.locator('#fouten').textContent()).toContain('in een andere browser begonnen');
    expect((await context.cookies(hub.baseUrl)).some((c) => c.name === 'gp_session')).toBe(false);
    await axe(page, '/inloggen/sso/terug refused');
    await context.close();
  });
});
