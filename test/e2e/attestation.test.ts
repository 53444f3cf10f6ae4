// A security officer confirms the landscape in the browser, keyboard only: the page shows the officers and the
// six-month warning, the confirm form asks "weet u het zeker" first, and the confirmation is recorded; axe-clean at
// 1280 and 390 pixels wide, without sideways scrolling.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '#prisma/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';
import { axe, checkBothWidths, chromiumOptions, signIn, submitByEnter, tabTo, tabToText } from './browser.ts';
import { EDITOR, type RunningHub, startHub } from './server.ts';

const CISO = { email: 'ciso@emmen.test', password: 'een lang en geheim wachtwoord van de ciso' };
const PATH = '/organisaties/emmen/bevestiging';
const screenshots = path.join(projectRoot, 'test-results', 'screenshots');

let t: TestDatabase;
let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  t = await createTestDatabase();
  await createUser(t.db, EDITOR.email, [{ organisation: 'emmen', role: 'ADMIN' }], { password: EDITOR.password });
  await createUser(t.db, CISO.email, [{ organisation: 'emmen', role: 'VIEWER' }], { password: CISO.password });
  hub = await startHub(t);
  browser = await chromium.launch(chromiumOptions);
  mkdirSync(screenshots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await t?.drop();
});

/** axe and the sideways check at both widths, with a screenshot of each. */
const checkWidths = (page: Page, label: string) =>
  checkBothWidths(page, label, (width) => path.join(screenshots, `bevestiging-${label}-${width}.png`));

describe('the attestation in the browser', () => {
  it('starts with the admin naming the security officer on the account page, keyboard only', {
    timeout: 60_000,
  }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/account', EDITOR);
    const select = page.locator('[id="functie-emmen-ciso@emmen.test"]');
    await tabTo(page, 'functie-emmen-ciso@emmen.test');
    await page.keyboard.press('i');
    expect(await select.inputValue()).toBe('SECURITY_OFFICER');
    await tabToText(page, 'Functie opslaan voor ciso@emmen.test', 100);
    expect((await submitByEnter(page)).status()).toBe(200);
    expect(await page.locator('.gp-notice[role=status]').first().innerText()).toBe('De functie is opgeslagen.');
    expect(await select.inputValue()).toBe('SECURITY_OFFICER');
    await axe(page, 'account');
    const membership = await t.db.prisma.userMembership.findFirst({ where: { user: { email: CISO.email } } });
    expect(membership?.officer).toBe('SECURITY_OFFICER');
    await context.close();
  });

  it('walks the security officer through confirming, keyboard only, axe-clean', { timeout: 120_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, PATH, CISO);
    expect(await page.locator('h1').innerText()).toBe('Bevestiging van het landschap van Gemeente Emmen');
    expect(await page.locator('.gp-warning').innerText()).toContain('is nog nooit bevestigd');
    expect(await page.locator('dl').first().innerText()).toContain('Informatiebeveiliger (CISO)');
    await checkWidths(page, 'voor');

    await tabTo(page, 'veld-toelichting');
    await page.keyboard.type('Nagelopen met de applicatiebeheerders.');
    await tabToText(page, 'Landschap bevestigen', 100);
    await submitByEnter(page);
    expect(await page.locator('h1').innerText()).toBe('Landschap van Gemeente Emmen bevestigen?');
    expect(await t.db.prisma.attestation.count()).toBe(0);
    await checkWidths(page, 'zeker');

    await tabToText(page, 'Ja, bevestigen', 100);
    const answer = await submitByEnter(page);
    expect(answer.status()).toBe(303);
    await page.waitForURL(`${hub.baseUrl}${PATH}?bevestigd=ja`);
    expect(await page.locator('[role=status]').innerText()).toBe('Het landschap is bevestigd. Dank u wel.');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Nagelopen met de applicatiebeheerders.');
    expect(text).toContain('Geen wijzigingen in het landschap sinds de laatste bevestiging.');
    expect(await page.locator('.gp-warning').count()).toBe(0);
    await checkWidths(page, 'na');

    const [attestation] = await t.db.prisma.attestation.findMany({ include: { user: true } });
    expect(attestation?.user?.email).toBe(CISO.email);
    expect(attestation?.note).toBe('Nagelopen met de applicatiebeheerders.');
    expect(await t.db.prisma.auditEvent.count({ where: { entityType: 'Attestation', source: 'UI' } })).toBe(1);
    await context.close();
  });

  it('shows the admin, who is not the security officer, no confirm form', { timeout: 60_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, PATH, EDITOR);
    expect(await page.locator('main').innerText()).toContain('Bevestigd door');
    expect(await page.locator('#veld-toelichting').count()).toBe(0);
    await context.close();
  });
});
