// The BIO2 import page in a real browser: an instance administrator reaches it from the reference data, previews a
// changed copy of the repository's file with the plain multipart form, and sees the table of what changes and a broken
// file's Dutch messages; an editor of an organisation gets the sentence the GEMMA import page gives. Nothing applied.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '#prisma/database.ts';
import { axe, chromiumOptions, signIn } from './browser.ts';
import { INSTANCE_ADMIN, type RunningHub, signInOverApi, startHub } from './server.ts';

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

const real = readFileSync(path.join(projectRoot, 'content', 'bio2', 'overheidsmaatregelen.csv'), 'utf8');
// 5.01.02's text changed and 5.01.03 added after it.
const changed = real.replace(
  /\r\n5\.02\.01,/,
  ' Jaarlijks herzien.\r\n5.01.03,5.01,Organisatorisch,overheidsmaatregel,,Het beleid is gepubliceerd.\r\n5.02.01,',
);

describe('the BIO2 import page', () => {
  it('previews a later file for an instance administrator with a plain form, without axe violations', async () => {
    // Signed in over the API (as the page walk does); axe needs JavaScript, the form itself does not.
    const context = await browser.newContext();
    const session = await signInOverApi(hub.baseUrl, INSTANCE_ADMIN);
    await context.addCookies([
      { name: 'gp_session', value: session, url: hub.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${hub.baseUrl}/referentiecomponenten`);
    await page.click('a[href="/bio2/inlezen"]');
    expect(await page.locator('h1').innerText()).toBe('BIO2-maatregelen inlezen');
    const send = async (text: string) => {
      await page.setInputFiles('#veld-bestand', {
        name: 'overheidsmaatregelen.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(text),
      });
      await page.click('form[aria-label="BIO2-maatregelen inlezen"] button[type=submit]');
      await page.waitForLoadState('load');
    };
    await send(changed);
    expect(await page.locator('#uitkomst').innerText()).toBe('Proefrun van overheidsmaatregelen.csv');
    expect(await page.locator('[role=status]').innerText()).toMatch(
      /^Proefrun, er is niets veranderd: 1 toegevoegd, 1 gewijzigd/,
    );
    expect(await page.locator('[aria-labelledby=wijzigingen] tbody tr').allInnerTexts()).toEqual([
      '5.01.02\tWijzigen: tekst',
      '5.01.03\tToevoegen',
    ]);
    await axe(page, 'BIO2 proefrun');
    await send(changed.replace('5.01.03,5.01,Organisatorisch', '5.01.03,5.01,Sociaal'));
    expect(await page.locator('#uitkomst').innerText()).toBe('Niet ingelezen');
    expect(await page.locator('[aria-labelledby=problemen] tbody').innerText()).toContain(
      'rij 3 (5.01.03), thema: verwacht een thema: Organisatorisch, Mensgericht, Fysiek of Technologisch',
    );
    await axe(page, 'BIO2 geweigerd');
    await context.close();
  });

  it('gives an editor of an organisation the sentence, and no form', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/bio2/inlezen');
    expect(await page.locator('main p', { hasText: 'Alleen beheerders van Grondplan' }).count()).toBe(1);
    expect(await page.locator('form[aria-label="BIO2-maatregelen inlezen"]').count()).toBe(0);
    await context.close();
  });
});
