// The transition screens in Chromium: zero axe violations on the timeline, heatmap and scenario comparison at desktop
// and phone width, the heatmap's drill-down by keyboard, and a scenario made, moved and applied without JavaScript.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '#prisma/database.ts';
import { axe, chromiumOptions, signIn } from './browser.ts';
import { type RunningHub, startHub } from './server.ts';

const screenshots = path.join(projectRoot, 'test-results', 'screenshots');
let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  hub = await startHub();
  browser = await chromium.launch(chromiumOptions);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function signedInPage(options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, hub.baseUrl, '/transitie');
  return { context, page };
}

/** Whether the page scrolls sideways (wide tables scroll inside their own region). */
const overflows = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

async function atBothWidths(url: string, heading: string, name: string, checkWidth = false) {
  for (const [width, height, tag] of [
    [1280, 900, 'desktop'],
    [390, 844, 'phone'],
  ] as const) {
    const { context, page } = await signedInPage({ viewport: { width, height } });
    const response = await page.goto(hub.baseUrl + url);
    expect(response?.status()).toBe(200);
    expect((await page.locator('h1').textContent())?.trim()).toBe(heading);
    await axe(page, `${url} at ${tag}`);
    if (checkWidth) expect(await overflows(page), `${url} at ${tag} scrolls sideways`).toBe(false);
    await page.screenshot({ path: path.join(screenshots, `${name}-${tag}.png`), fullPage: true });
    await context.close();
  }
}

describe('transition screens', () => {
  it('overview, timeline and heatmap with drill-down have no axe violations', async () => {
    await atBothWidths('/transitie', 'Transitie naar Common Ground', 'transitie', true);
    await atBothWidths('/transitie/dimpact-zaaksysteem', 'Vernieuwing zaaksysteem Dimpact', 'tijdlijn');
    await atBothWidths(
      '/transitie/capaciteit?cel=borger-odoorn|FUNCTIONAL_MANAGEMENT|2027-Q2',
      'Beheercapaciteit per kwartaal',
      'capaciteit',
      true,
    );
  });

  it('explains each consolidation candidate on /vergelijk without sideways scrolling', async () => {
    await atBothWidths('/vergelijk', 'Landschappen vergelijken', 'vergelijk', true);
    const { context, page } = await signedInPage();
    await page.goto(`${hub.baseUrl}/vergelijk`);
    const candidates = page.locator('.gp-alternatives li');
    expect(await candidates.count()).toBeGreaterThan(0);
    for (const text of await candidates.allInnerTexts())
      expect(text).toMatch(/(Beide realiseren precies: |realiseert alles wat )/);
    expect(await page.locator('.gp-alternatives li', { hasText: 'Citrix Virtual Apps' }).count()).toBe(0);
    await context.close();
  });

  it('counts on the overview exactly the shortfalls and the unfilled capacity the capacity view shows, never unknown as short', async () => {
    const { context, page } = await signedInPage();
    await page.goto(`${hub.baseUrl}/transitie`);
    const figure = async (text: string) =>
      Number(await page.locator('.gp-figures li', { hasText: text }).locator('strong').innerText());
    const over = await figure('kwartalen met te weinig capaciteit');
    const unknown = await figure('kwartalen zonder ingevulde capaciteit');
    expect(await page.locator('#niet-ingevuld').innerText()).toBe(`Capaciteit niet ingevuld (${unknown})`);
    // The sample plans record capacity from 2026-Q3 to 2028-Q2: the quarters after it are unknown, not short.
    expect(unknown).toBeGreaterThan(0);
    expect(await page.locator('li', { hasText: /komt in K[34] 2028 .* tekort/ }).count()).toBe(0);
    await page.goto(`${hub.baseUrl}/transitie/capaciteit?org=borger-odoorn&org=coevorden&org=dimpact&org=emmen`);
    expect(await page.locator('td.gp-heat--short').count()).toBe(over);
    expect(await page.locator('td.gp-heat--unknown').count()).toBe(unknown);
    // An unknown cell says so, and a past quarter carries no alarm marker.
    const cell = page.locator('td.gp-heat--unknown').first();
    expect(await cell.locator('strong').innerText()).toBe('onbekend');
    expect(await cell.locator('a').getAttribute('aria-label')).toMatch(
      /saldo onbekend, capaciteit niet ingevuld, vraag/,
    );
    expect(await page.locator('td.gp-heat--past', { hasText: '▼' }).count()).toBe(0);
    await context.close();
  });

  it('shows over-allocation unmistakably and opens a cell’s drill-down by keyboard', async () => {
    const { context, page } = await signedInPage();
    await page.goto(`${hub.baseUrl}/transitie/capaciteit?org=borger-odoorn`);
    const short = page.locator('td.gp-heat--short');
    expect(await short.count()).toBe(2);
    expect(await short.first().innerText()).toMatch(/▼ −0,87/);
    let label = '';
    for (let i = 0; i < 120 && !label.startsWith('Functioneel beheer K2 2027'); i++) {
      await page.keyboard.press('Tab');
      label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    }
    expect(label).toBe('Functioneel beheer K2 2027: saldo −0,87 fte, vraag 26,87, beschikbaar 26. Uitsplitsing.');
    await page.keyboard.press('Enter');
    await page.waitForURL(/cel=/);
    expect(await page.locator('#uitsplitsing').innerText()).toBe(
      'Uitsplitsing: Gemeente Borger-Odoorn, Functioneel beheer, K2 2027',
    );
    expect(await page.locator('caption', { hasText: 'Migratie-inspanning' }).innerText()).toBe(
      'Migratie-inspanning: 1,5 fte',
    );
    await context.close();
  });

  it('makes a scenario, moves a migration, compares and applies it without JavaScript', async () => {
    const { context, page } = await signedInPage({ javaScriptEnabled: false });
    await page.goto(`${hub.baseUrl}/transitie/scenarios`);
    await page.fill('#veld-name', 'ZAC Emmen later afronden');
    await page.selectOption('#veld-programme', 'dimpact-zaaksysteem');
    await page.click('form[aria-labelledby=nieuw] button[type=submit]');
    await page.waitForURL(/\/transitie\/scenarios\/\w+$/);
    const scenarioUrl = page.url();
    const option = await page
      .locator('#migratie option', { hasText: 'Gemeente Emmen: Zaakafhandelcomponent (ZAC)' })
      .getAttribute('value');
    await page.selectOption('#migratie', option ?? '');
    await page.fill('#veld-moveTo', '2026-04-15');
    await page.click('form[aria-labelledby=verplaatsen-titel] button[type=submit]');
    // 15 April 2026 lies in the past: "weet je het zeker", with the reason, before the scenario changes.
    expect(await page.locator('h1').innerText()).toBe(
      'De migratie naar Zaakafhandelcomponent (ZAC) van Gemeente Emmen laten beginnen in het verleden?',
    );
    expect(await page.locator('.gp-confirm').innerText()).toMatch(
      /Het geplande begin, 15 april 2026, ligt in het verleden/,
    );
    await page.click('button:has-text("Ja, toch verplaatsen")');
    await page.waitForURL(/klaar=opgeslagen/);
    expect(await page.locator('[role=status]').innerText()).toBe(
      'Opgeslagen in het scenario. Het plan zelf is niet veranderd.',
    );
    const row = page.locator('.gp-scenario-row').first();
    expect(await row.locator('mark').first().innerText()).toBe('15 april 2026');
    // The live programme page still shows the planned end of the live plan.
    await page.goto(`${hub.baseUrl}/transitie/dimpact-zaaksysteem`);
    expect(await page.locator('tr', { hasText: 'Gemeente Emmen' }).first().innerText()).toContain('31 december 2026');
    await context.close();

    // The comparison passes axe at both widths, then the scenario is applied.
    await atBothWidths(new URL(scenarioUrl).pathname, 'Scenario ZAC Emmen later afronden', 'scenario');
    // Its confirmation step too, with JavaScript (axe runs in the page) at phone width; leaving it applies nothing.
    const checked = await signedInPage({ viewport: { width: 390, height: 844 } });
    await checked.page.goto(scenarioUrl);
    await checked.page.click('form:has(input[value=toepassen]) button[type=submit]');
    await checked.page.waitForSelector('.gp-confirm');
    await axe(checked.page, 'scenario toepassen bevestigen op telefoonbreedte');
    expect(await overflows(checked.page)).toBe(false);
    await checked.context.close();
    const second = await signedInPage({ javaScriptEnabled: false });
    await second.page.goto(scenarioUrl);
    await second.page.click('form:has(input[value=toepassen]) button[type=submit]');
    // Applying asks first, naming the migration and its new dates; "Annuleren" goes back without applying.
    expect(await second.page.locator('h1').innerText()).toBe(
      'Scenario ZAC Emmen later afronden toepassen op het plan?',
    );
    expect(await second.page.locator('.gp-confirm li').first().innerText()).toBe(
      'Migratie naar Zaakafhandelcomponent (ZAC) (Gemeente Emmen) begint op 15 april 2026 en eindigt op 31 maart 2027.',
    );
    await second.page.click('a:has-text("Annuleren")');
    expect(await second.page.locator('h1').innerText()).toBe('Scenario ZAC Emmen later afronden');
    await second.page.click('form:has(input[value=toepassen]) button[type=submit]');
    await second.page.click('button:has-text("Ja, toepassen")');
    await second.page.waitForURL(/klaar=toegepast/);
    expect(await second.page.locator('[role=status]').innerText()).toBe('Het scenario is toegepast op het plan.');
    await second.page.goto(`${hub.baseUrl}/transitie/dimpact-zaaksysteem`);
    // The planned dates moved by 90 days: the end is now 31 March 2027.
    expect(await second.page.locator('tr', { hasText: 'Gemeente Emmen' }).first().innerText()).toContain(
      '31 maart 2027',
    );
    await second.context.close();
  });
});
