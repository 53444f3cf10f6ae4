// Guards in the browser: deleting a koppeling goes through a confirmation page that says what will happen, without
// JavaScript and by keyboard only with it, with zero axe violations; "Annuleren" changes nothing, and a post without the
// confirmation field (a stale or crafted form) only shows that page.
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, chromiumOptions, signIn } from './browser.ts';
import { EDITOR, INSTANCE_ADMIN, type RunningHub, startHub } from './server.ts';

let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  hub = await startHub();
  browser = await chromium.launch(chromiumOptions);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const usagePath = '/organisaties/emmen/gebruik/zac';
const deleteButtons = (page: Page) =>
  page.locator('#koppelingen + div tbody button', { hasText: 'Verwijder koppeling naar' });

/** Presses Tab until the focused element's text starts with `text`; fails when none is reachable. */
async function tabToText(page: Page, text: string) {
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '')).startsWith(text))
      return;
  }
  throw new Error(`"${text}" is not reachable by keyboard`);
}

describe('deleting a koppeling', () => {
  it('asks first on a page of its own without JavaScript; Annuleren changes nothing, "Ja, verwijderen" deletes', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, usagePath);
    const before = await deleteButtons(page).count();
    expect(before).toBeGreaterThan(0);
    const other =
      ((await deleteButtons(page).first().innerText()).match(/Verwijder koppeling naar (.+)$/) ?? [])[1] ?? '';
    await deleteButtons(page).first().click();
    expect(await page.locator('h1').innerText()).toBe(`Koppeling naar ${other} verwijderen?`);
    expect(await page.locator('.gp-confirm > p').first().innerText()).toBe(
      'De koppeling zac--open-zaak van Zaakafhandelcomponent (ZAC) naar Open Zaak (API, in gebruik) wordt verwijderd. De wijzigingsgeschiedenis bewaart wat ze was.',
    );
    // (axe runs in the page's JavaScript: the next test checks this page with it.)
    await page.click('.gp-confirm a:has-text("Annuleren")');
    expect(new URL(page.url()).pathname).toBe(usagePath);
    expect(await deleteButtons(page).count()).toBe(before);

    await deleteButtons(page).first().click();
    await page.click('button:has-text("Ja, verwijderen")');
    await page.waitForURL(/opgeslagen=koppeling-verwijderen/);
    expect(await page.locator('[role=status]').innerText()).toBe('De koppeling is verwijderd.');
    expect(await deleteButtons(page).count()).toBe(before - 1);
    await context.close();
  });

  it('works by keyboard only with JavaScript, at phone width without axe violations', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, usagePath);
    const before = await deleteButtons(page).count();
    await tabToText(page, 'Verwijder koppeling naar');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.gp-confirm');
    // The step's heading is the page's first heading; axe finds nothing at phone width.
    expect(await page.locator('h1').innerText()).toMatch(/^Koppeling naar .+ verwijderen\?$/);
    await axe(page, 'koppeling verwijderen bevestigen op telefoonbreedte');
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await tabToText(page, 'Ja, verwijderen');
    await page.keyboard.press('Enter');
    await page.waitForURL(/opgeslagen=koppeling-verwijderen/);
    expect(await deleteButtons(page).count()).toBe(before - 1);
    await context.close();
  });

  it('does not delete on a post without the confirmation field: it shows the confirmation page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, usagePath);
    const before = await deleteButtons(page).count();
    const form = deleteButtons(page).first().locator('xpath=ancestor::form');
    const fields = {
      actie: 'koppeling-verwijderen',
      id: (await form.locator('input[name=id]').getAttribute('value')) ?? '',
      revision: (await form.locator('input[name=revision]').getAttribute('value')) ?? '',
    };
    const response = await page.request.post(hub.baseUrl + usagePath, {
      form: fields,
      headers: { origin: hub.baseUrl },
    });
    expect(response.status()).toBe(200);
    expect(await response.text()).toMatch(/verwijderen\?<\/h1>/);
    await page.reload();
    expect(await deleteButtons(page).count()).toBe(before);
    await context.close();
  });
});

describe('a scenario that cannot be applied', () => {
  async function scenarioMoving(page: Page, name: string, moveTo: string) {
    await page.goto(`${hub.baseUrl}/transitie/scenarios`);
    await page.fill('#veld-name', name);
    await page.selectOption('#veld-programme', 'dimpact-zaaksysteem');
    await page.click('form[aria-labelledby=nieuw] button[type=submit]');
    await page.waitForURL(/\/transitie\/scenarios\/\w+$/);
    const url = page.url();
    const option = await page
      .locator('#migratie option', { hasText: 'Gemeente Emmen: Zaakafhandelcomponent (ZAC)' })
      .getAttribute('value');
    await page.selectOption('#migratie', option ?? '');
    await page.fill('#veld-moveTo', moveTo);
    await page.click('form[aria-labelledby=verplaatsen-titel] button[type=submit]');
    await page.waitForURL(/klaar=opgeslagen/);
    return url;
  }

  it('names the blocking change before and after an apply is tried, under a heading that says so, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/transitie/scenarios');
    const stale = await scenarioMoving(page, 'Later', '2027-09-01');
    // A form from before: the apply button of the scenario while it could still be applied.
    const revision =
      (await page.locator('form:has(input[value=toepassen]) input[name=revision]').getAttribute('value')) ?? '';
    // Another scenario moves the same migration and is applied: the first one's copy is out of date.
    const other = await scenarioMoving(page, 'Eerder', '2027-05-01');
    await page.goto(other);
    await page.click('form:has(input[value=toepassen]) button[type=submit]');
    await page.click('button:has-text("Ja, toepassen")');
    await page.waitForURL(/klaar=toegepast/);

    const blocker =
      'Migratie naar Zaakafhandelcomponent (ZAC) (Gemeente Emmen): De migratie is in het plan gewijzigd nadat dit scenario werd gemaakt; maak een nieuw scenario.';
    await page.goto(stale);
    expect(await page.locator('#tegenhouders').innerText()).toBe('Wat het toepassen tegenhoudt (1)');
    expect(await page.locator('#tegenhouders + ul').innerText()).toBe(blocker);
    expect(await page.locator('form:has(input[value=toepassen])').count()).toBe(0);
    // The old form, sent anyway: the confirmation step lists the blocker and offers only "Terug".
    const asked = await page.request.post(stale, {
      form: { actie: 'toepassen', revision },
      headers: { origin: hub.baseUrl },
    });
    const askedPage = await asked.text();
    expect(askedPage).toContain('Wat het toepassen tegenhoudt (1)');
    expect(askedPage).not.toContain('Ja, toepassen');
    // Confirmed anyway: refused under a heading that names it, each blocking change listed, nothing applied.
    const refused = await page.request.post(stale, {
      form: { actie: 'toepassen', revision, bevestigd: 'ja' },
      headers: { origin: hub.baseUrl },
    });
    expect(refused.status()).toBe(409);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain('<h2 id="niet-toegepast-titel">Dit scenario kan niet worden toegepast</h2>');
    expect(refusedPage).not.toContain('Controleer dit veld');
    expect(refusedPage).toContain(
      '<strong>Migratie naar Zaakafhandelcomponent (ZAC) (Gemeente Emmen)</strong>: De migratie is in het plan gewijzigd',
    );
    // Still open, still blocked: nothing was applied.
    await page.goto(stale);
    expect(await page.locator('#tegenhouders').innerText()).toBe('Wat het toepassen tegenhoudt (1)');
    await context.close();
  });
});

describe('removing a member and blocking an account', () => {
  it('ask first, naming the person and what they lose; Annuleren leaves both as they were', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/account');
    await page.click(`button:has-text("Verwijder ${EDITOR.email}")`);
    expect(await page.locator('h1').innerText()).toBe(`${EDITOR.email} verwijderen uit Gemeente Emmen?`);
    expect(await page.locator('.gp-confirm li').innerText()).toBe(
      'Heeft deze gebruiker geen andere organisatie, dan eindigen ook alle sessies en API-tokens van het account.',
    );
    await page.click('.gp-confirm a:has-text("Annuleren")');
    expect(await page.locator('h1').innerText()).toBe('Mijn account');
    expect(await page.locator(`button:has-text("Verwijder ${EDITOR.email}")`).count()).toBe(1);
    await context.close();

    const admin = await browser.newContext({ javaScriptEnabled: false });
    const adminPage = await admin.newPage();
    await signIn(adminPage, hub.baseUrl, '/account', INSTANCE_ADMIN);
    await adminPage.fill('#blokkeren-email', EDITOR.email);
    await adminPage.click('button[value=account-blokkeren]');
    expect(await adminPage.locator('h1').innerText()).toBe(`Account ${EDITOR.email} blokkeren?`);
    await adminPage.click('.gp-confirm a:has-text("Annuleren")');
    expect(await adminPage.locator('h1').innerText()).toBe('Mijn account');
    await admin.close();
    // Not blocked: the editor still signs in.
    const again = await browser.newContext({ javaScriptEnabled: false });
    await signIn(await again.newPage(), hub.baseUrl, '/account');
    await again.close();
  });
});
