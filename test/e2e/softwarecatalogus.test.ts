// The Softwarecatalogus's own export on the upload page: recognised by its start, a dry run that lists every column
// and what it could not place, then an import; no axe violations and no sideways scroll on a phone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SWC_COLUMNS } from '#core/exchange/swc-columns.ts';
import { projectRoot } from '#prisma/database.ts';
import { axe, chromiumOptions, signIn } from './browser.ts';
import { type RunningHub, startHub } from './server.ts';

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

const fixture = (name: string) => readFileSync(path.join(projectRoot, 'test', 'fixtures', 'swc', name));

describe('Softwarecatalogus export on the upload page', () => {
  it('shows the dry run with its columns and notes, then imports the JSON variant', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/organisaties/emmen/importeren');
    const send = async (name: string, mimeType: string, mode: 'proef' | 'inlezen') => {
      await page.setInputFiles('#veld-bestand', { name, mimeType, buffer: fixture(name) });
      await page.check(`input[name=wijze][value=${mode}]`);
      await page.click('form[aria-label="Bestand inlezen"] button[type=submit]');
      await page.waitForLoadState('load');
    };
    await send('export-applicaties.csv', 'text/csv', 'proef');
    expect(await page.locator('#uitkomst').innerText()).toBe('Proefrun van export-applicaties.csv');
    expect(await page.locator('[aria-label=Kolommen] tbody tr').count()).toBe(SWC_COLUMNS.length);
    expect(
      await page
        .locator('[aria-label=Kolommen] tbody tr', { hasText: 'hostingLocatie' })
        .locator('td')
        .first()
        .innerText(),
    ).toBe('Bewaard');
    expect(
      await page.locator('[aria-label=Kolommen] tbody tr', { hasText: '_aanbieder' }).locator('td').first().innerText(),
    ).toBe('Overgenomen');
    expect(
      await page.locator('section[aria-labelledby=let-op] li', { hasText: 'Landelijk Portaal X' }).innerText(),
    ).toBe(
      'Regel 3: Koppeling met "Landelijk Portaal X": de andere kant staat niet in het landschap of in het bestand; niet geplaatst, bewaard bij het gebruik.',
    );
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true);
    await axe(page, 'softwarecatalogus proefrun');
    await send('applicaties-api.json', 'application/json', 'inlezen');
    expect(await page.locator('#uitkomst').innerText()).toBe('Ingelezen uit applicaties-api.json');
    expect(
      await page.locator('[aria-label=Kolommen] tbody tr', { hasText: '@self' }).locator('td').first().innerText(),
    ).toBe('Genegeerd');
    await axe(page, 'softwarecatalogus ingelezen');
    await context.close();
  });
});
