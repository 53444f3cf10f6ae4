// The VvT's exchange pages walked by keyboard with JavaScript off: an Emmen editor downloads the CSV, changes one line,
// sees the dry run list that line, applies it and sees it saved; shares the statement with one named partner; that
// partner's user then sees Emmen's column in the comparison. axe-clean at 1280 and 390 pixels, no sideways scrolling.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '#prisma/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';
import { axe, chromiumOptions, sidewaysProblems, signIn } from './browser.ts';
import { EDITOR, type RunningHub, startHub } from './server.ts';

const PARTNER = { email: 'ciso@coevorden.test', password: 'een lang en geheim wachtwoord van coevorden' };
const MEASURE = '5.06.01';
const screenshots = path.join(projectRoot, 'test-results', 'screenshots');

let t: TestDatabase;
let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  t = await createTestDatabase();
  await createUser(t.db, EDITOR.email, [{ organisation: 'emmen', role: 'ADMIN' }], { password: EDITOR.password });
  await createUser(t.db, PARTNER.email, [{ organisation: 'coevorden', role: 'VIEWER' }], {
    password: PARTNER.password,
  });
  hub = await startHub(t);
  browser = await chromium.launch(chromiumOptions);
  mkdirSync(screenshots, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await t?.drop();
});

/** Presses Tab until the focused element matches `selector`; fails when it is not reachable. */
async function tabToMatch(page: Page, selector: string) {
  for (let i = 0; i < 400; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} is not reachable by keyboard`);
}

/** Presses the key on the focused control and waits for the page that answers the form. */
async function submitBy(page: Page, key: string) {
  const [response] = await Promise.all([page.waitForEvent('framenavigated'), page.keyboard.press(key)]);
  await page.waitForLoadState('load');
  return response;
}

/**
 * axe and the sideways check at both widths, with a screenshot of each (test-results/screenshots). The page runs no
 * JavaScript, and axe runs as a script in the page: so axe checks the same HTML in a page with JavaScript, on the hub's
 * origin (its style sheets load as they did).
 */
async function checkBothWidths(page: Page, label: string) {
  const html = await page.content();
  const context = await browser.newContext();
  const scripted = await context.newPage();
  await scripted.goto(`${hub.baseUrl}/over`);
  await scripted.setContent(html, { waitUntil: 'load' });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await scripted.setViewportSize({ width, height: 900 });
    await axe(scripted, `${label} ${width}`);
    expect(await sidewaysProblems(page), `${label} ${width}`).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, `vvt-${label}-${width}.png`), fullPage: true });
  }
  await context.close();
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The CSV with one line changed: the measure applies, with a reason and an owner. */
function changedCsv(csv: string): string {
  const rows = parse(csv, { delimiter: ';', bom: true }) as string[][];
  const header = rows[0] ?? [];
  const row = rows.find((r) => r[0] === MEASURE);
  if (!row) throw new Error(`${MEASURE} is not in the export`);
  row[header.indexOf('Van toepassing')] = 'ja';
  row[header.indexOf('Reden of risicoanalyse')] = 'Geldt voor alle systemen met persoonsgegevens';
  row[header.indexOf('Eigenaar')] = 'CISO';
  return `\uFEFF${stringify(rows, { delimiter: ';' })}`;
}

/** Chooses the file and the radio (by its value) of the import form, and sends it by Enter on its button. */
async function upload(page: Page, csv: string, mode: 'proef' | 'inlezen') {
  await page.setInputFiles('#veld-bestand', { name: 'vvt-emmen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await tabToMatch(page, 'input[name=wijze]:checked');
  if (mode === 'inlezen') await page.keyboard.press('ArrowDown');
  expect(await page.locator('input[name=wijze]:checked').getAttribute('value')).toBe(mode);
  await tabToMatch(page, 'form[aria-label="Verklaring inlezen"] button[type=submit]');
  await submitBy(page, 'Enter');
}

describe('the VvT exchange without JavaScript, by keyboard', () => {
  it('downloads, changes one line, previews, applies, shares and compares', { timeout: 400_000 }, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/organisaties/emmen/vvt');
    await checkBothWidths(page, 'verklaring');

    const link = page.getByRole('link', { name: 'CSV', exact: true });
    const download = await page.request.get(new URL((await link.getAttribute('href')) ?? '', hub.baseUrl).href);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('text/csv');
    const csv = changedCsv(await download.text());

    await page.goto(`${hub.baseUrl}/organisaties/emmen/vvt/inlezen`);
    await checkBothWidths(page, 'inlezen');
    await upload(page, csv, 'proef');
    expect(await page.locator('[role=status]').innerText()).toContain('1 regel zou wijzigen');
    const preview = page.locator('table[aria-labelledby=wijzigingen], [aria-labelledby=wijzigingen] table');
    const previewText = await page.locator('section[aria-labelledby=uitkomst]').innerText();
    expect(previewText).toContain(MEASURE);
    expect(previewText).toContain('Geldt voor alle systemen met persoonsgegevens');
    expect(await preview.locator('tbody th[scope=rowgroup]').count()).toBe(1);
    expect(await t.db.prisma.vvtStatement.count()).toBe(0);
    await checkBothWidths(page, 'proefrun');

    await upload(page, csv, 'inlezen');
    expect(await page.locator('[role=status]').innerText()).toContain('1 regel gewijzigd');
    // The outcome comes before the form, so a page loaded after the post shows it first.
    expect(await page.locator('main h2').first().innerText()).toBe('Ingelezen uit vvt-emmen.csv');
    expect(await page.locator('main').innerText()).toContain('de CSV-export of de Excel-export');
    await checkBothWidths(page, 'ingelezen');
    const line = await t.db.prisma.vvtStatement.findFirstOrThrow({ where: { measureNumber: MEASURE } });
    expect(line).toMatchObject({
      applies: true,
      owner: 'CISO',
      reason: 'Geldt voor alle systemen met persoonsgegevens',
    });
    await tabToMatch(page, 'section[aria-labelledby=uitkomst] a[href="/organisaties/emmen/vvt"]');
    await submitBy(page, 'Enter');
    expect(page.url()).toBe(`${hub.baseUrl}/organisaties/emmen/vvt`);
    expect(await page.locator(`#m-${MEASURE.replaceAll('.', '\\.')}`).innerText()).toContain('CISO');

    await page.goto(`${hub.baseUrl}/organisaties/emmen/vvt/delen`);
    await checkBothWidths(page, 'delen');
    await tabToMatch(page, 'input[name=mode]:checked');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('input[name=mode]:checked').getAttribute('value')).toBe('NAMED');
    await tabToMatch(page, 'input[name=partners][value=coevorden]');
    await page.keyboard.press('Space');
    await tabToMatch(page, 'form.gp-form button[type=submit]');
    await submitBy(page, 'Enter');
    expect(await page.locator('[role=status]').innerText()).toBe('De instelling is opgeslagen.');
    expect(await page.locator('main').innerText()).toContain('Gemeente Coevorden');
    await checkBothWidths(page, 'gedeeld');
    await context.close();

    const partnerContext = await browser.newContext({ javaScriptEnabled: false });
    const partner = await partnerContext.newPage();
    const compare = '/vvt/vergelijk?organisatie=emmen&organisatie=coevorden';
    await signIn(partner, hub.baseUrl, compare, PARTNER);
    const heads = await partner.locator('thead th').allInnerTexts();
    expect(heads).toContain('Gemeente Emmen');
    expect(await partner.locator('main').innerText()).not.toContain('Gemeente Emmen (niet gedeeld)');
    await checkBothWidths(partner, 'vergelijk');
    await partnerContext.close();
  });
});
