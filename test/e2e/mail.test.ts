// "Wachtwoord vergeten" and an invitation in Chromium, through the built hub sending to a real SMTP server: the link
// is taken from the received mail and opened in the browser; every step checked with axe.
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer } from '#scripts/built-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { linkIn, startSmtp, TEST_PUBLIC_URL, type TestSmtp } from '../helpers/smtp.ts';
import { createUser } from '../helpers/users.ts';
import { axe, chromiumOptions, signIn, tabTo } from './browser.ts';
import { EDITOR, type RunningHub, startHub } from './server.ts';

const USER = { email: 'vergeetachtig@emmen.test', password: 'een oud maar lang wachtwoord' };
const NEW_PASSWORD = 'negen nachtegalen nestelen naast Nieuw-Amsterdam';
let database: TestDatabase;
let smtp: TestSmtp;
let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  smtp = await startSmtp();
  database = await createTestDatabase();
  await database.db.prisma.organisation.update({ where: { slug: 'emmen' }, data: { emailDomains: 'emmen.test' } });
  await createUser(database.db, EDITOR.email, [{ organisation: 'emmen', role: 'ADMIN' }], {
    password: EDITOR.password,
  });
  await createUser(database.db, USER.email, [{ organisation: 'emmen', role: 'VIEWER' }], { password: USER.password });
  hub = await startHub(database, smtp.env());
  browser = await chromium.launch(chromiumOptions);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await smtp?.close();
  await database?.drop();
});

/** The link from a mail, opened on the hub under test (the mail names the public address, as behind a proxy). */
const onHub = (link: URL | null) => {
  expect(link?.origin).toBe(TEST_PUBLIC_URL);
  return `${hub.baseUrl}${link?.pathname}${link?.search}`;
};

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

describe('a forgotten password', () => {
  it('is reset through the link in the mail, after which the new password signs in', async () => {
    const page = await newPage();
    await page.goto(`${hub.baseUrl}/inloggen`);
    await tabTo(page, 'email');
    // The link is reached by keyboard from the sign-in form.
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${hub.baseUrl}/wachtwoord-vergeten`);
    await axe(page, 'wachtwoord vergeten');
    const arriving = smtp.next(USER.email);
    await page.fill('#veld-email', USER.email);
    await page.click('button:has-text("Link aanvragen")');
    expect(await page.locator('.gp-notice').innerText()).toContain(
      `Als er een account is met het e-mailadres ${USER.email}`,
    );
    await axe(page, 'link aangevraagd');

    const mail = await arriving;
    expect(mail.subject).toBe('Nieuw wachtwoord voor Grondplan');
    await page.goto(onHub(linkIn(mail)));
    expect(await page.locator('h1').innerText()).toBe('Nieuw wachtwoord kiezen');
    expect(await page.locator('main').innerText()).toContain(USER.email);
    await axe(page, 'nieuw wachtwoord kiezen');
    await page.fill('#veld-password', 'wachtwoord12345');
    await page.fill('#veld-repeat', 'wachtwoord12345');
    await page.click('button:has-text("Wachtwoord opslaan")');
    expect(await page.locator('#fouten').innerText()).toMatch(/te makkelijk te raden/);
    await axe(page, 'nieuw wachtwoord met fout');
    const notice = smtp.next(USER.email);
    await page.fill('#veld-password', NEW_PASSWORD);
    await page.fill('#veld-repeat', NEW_PASSWORD);
    await page.click('button:has-text("Wachtwoord opslaan")');
    await page.waitForURL(`${hub.baseUrl}/inloggen?wachtwoord=hersteld`);
    expect(await page.locator('.gp-notice').innerText()).toContain('Je nieuwe wachtwoord is opgeslagen');
    await axe(page, 'wachtwoord hersteld');
    expect((await notice).subject).toBe('Je wachtwoord voor Grondplan is gewijzigd');

    // The link works once.
    await page.goto(onHub(linkIn(mail)));
    expect(await page.locator('main').innerText()).toContain('verlopen, al gebruikt of onjuist');
    await signIn(page, hub.baseUrl, '/account', { email: USER.email, password: NEW_PASSWORD });
    await page.context().close();
  });
});

describe('an invitation', () => {
  it('goes to the invitee by mail, and the admin is told so instead of seeing the link', async () => {
    const page = await newPage();
    await signIn(page, hub.baseUrl, '/account');
    const arriving = smtp.next('collega@emmen.test');
    await page.fill('#email-emmen', 'collega@emmen.test');
    await page.click('button:has-text("Uitnodigen")');
    expect(await page.locator('main').innerText()).toContain('Uitnodiging verstuurd naar collega@emmen.test');
    expect(await page.locator('main').innerText()).not.toContain('/uitnodiging?sleutel=');
    await axe(page, 'uitnodiging verstuurd');
    const mail = await arriving;
    // A mail server that refuses: the admin gets the link, and is told why.
    smtp.refuse(true);
    try {
      await page.fill('#email-emmen', 'geweigerd@emmen.test');
      await page.click('button:has-text("Uitnodigen")');
      const shown = await page.locator('main').innerText();
      expect(shown).toContain('De uitnodiging kon niet per e-mail worden verstuurd; geef deze link zelf door.');
      expect(shown).toMatch(/\/uitnodiging\?sleutel=gpi_/);
    } finally {
      smtp.refuse(false);
    }
    await page.context().close();

    const invitee = await newPage();
    await invitee.goto(onHub(linkIn(mail)));
    expect(await invitee.locator('main').innerText()).toContain('collega@emmen.test');
    await invitee.fill('#veld-name', 'Nieuwe Collega');
    await invitee.fill('#veld-password', NEW_PASSWORD);
    await invitee.fill('#veld-repeat', NEW_PASSWORD);
    await invitee.click('button:has-text("Account aanmaken en inloggen")');
    await invitee.waitForURL(`${hub.baseUrl}/account`);
    await invitee.context().close();
  });
});

describe('half-configured mail settings', () => {
  it('stop the server as it starts, with what is missing in Dutch', async () => {
    await expect(
      startBuiltServer(database.url, { GRONDPLAN_SMTP_HOST: '127.0.0.1', GRONDPLAN_SMTP_TLS: 'ssl' }),
    ).rejects.toThrow(/GRONDPLAN_SMTP_TLS moet "tls", "starttls" of "geen" zijn[\s\S]*GRONDPLAN_MAIL_FROM ontbreekt/);
  });
});
