// A security officer's round, keyboard only: a line of the statement of applicability, an evidence document uploaded
// for a product of the landscape, and the confirmation that the landscape is current and complete; axe-clean at 1280
// and 390 pixels wide on every screen, without sideways scrolling.
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { minimalPdf } from '../helpers/evidence-files.ts';
import { createUser } from '../helpers/users.ts';
import { checkBothWidths, chromiumOptions, signIn, submitByEnter, tabTo, tabToText } from './browser.ts';
import { type RunningHub, startHub } from './server.ts';

const CISO = { email: 'ciso@emmen.test', password: 'een lang en geheim wachtwoord van de ciso' };

let t: TestDatabase;
let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  t = await createTestDatabase();
  const ciso = await createUser(t.db, CISO.email, [{ organisation: 'emmen', role: 'EDITOR' }], {
    password: CISO.password,
  });
  await t.db.prisma.userMembership.updateMany({ where: { userId: ciso.id }, data: { officer: 'SECURITY_OFFICER' } });
  hub = await startHub(t);
  browser = await chromium.launch(chromiumOptions);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await t?.drop();
});

describe('the security officer’s round in the browser', () => {
  it('edits a VvT line, uploads evidence and confirms the landscape, keyboard only', { timeout: 300_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();

    // 1. A line of the statement of applicability.
    await signIn(page, hub.baseUrl, '/organisaties/emmen/vvt/5.01.01', CISO);
    await checkBothWidths(page, 'vvt-regel');
    await tabTo(page, 'reason');
    await page.keyboard.type('Vastgesteld beleid, herzien in 2026.');
    await tabTo(page, 'state');
    await page.keyboard.press('i');
    await tabTo(page, 'owner');
    await page.keyboard.type('CISO');
    await tabToText(page, 'Opslaan');
    expect((await submitByEnter(page)).status()).toBe(303);
    await page.waitForURL(/\/organisaties\/emmen\/vvt#m-5\.01\.01$/);
    await checkBothWidths(page, 'vvt');
    expect(await t.db.prisma.vvtStatement.findFirst({ where: { measureNumber: '5.01.01' } })).toMatchObject({
      reason: 'Vastgesteld beleid, herzien in 2026.',
      state: 'IN_UITVOERING',
      owner: 'CISO',
    });

    // 2. An evidence document for Open Zaak, a PDF chosen in the focused file input.
    await page.goto(`${hub.baseUrl}/organisaties/emmen/bewijs`);
    await checkBothWidths(page, 'bewijs-leeg');
    await tabTo(page, 'veld-product');
    await page.keyboard.type('Open Zaak');
    expect(await page.locator('#veld-product').inputValue()).toBe('open-zaak');
    // The kind: ISAE 3402 or SOC 2 (TPM), the second option, by the arrow key.
    await tabTo(page, 'veld-kind');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'veld-title');
    await page.keyboard.type('TPM-rapport Open Zaak 2026');
    await tabTo(page, 'veld-issuer');
    await page.keyboard.type('Certificeerder B.V.');
    await tabTo(page, 'veld-validUntil');
    // Chromium's date field in its own (American) order: month, day, year.
    await page.keyboard.type('01312027');
    await tabTo(page, 'veld-file');
    await page.locator(':focus').setInputFiles({
      name: 'tpm-2026.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(minimalPdf('TPM-rapport Open Zaak 2026')),
    });
    await tabToText(page, 'Bewijsstuk toevoegen');
    expect((await submitByEnter(page)).status()).toBe(303);
    await page.waitForURL(/\/organisaties\/emmen\/bewijs\?opgeslagen=toegevoegd$/);
    expect(await page.locator('.gp-notice[role=status]').innerText()).toBe('Het bewijsstuk is toegevoegd.');
    const stored = await t.db.prisma.evidence.findFirstOrThrow({ include: { product: true } });
    expect(stored).toMatchObject({
      kind: 'TPM',
      title: 'TPM-rapport Open Zaak 2026',
      issuer: 'Certificeerder B.V.',
      fileName: 'tpm-2026.pdf',
      contentType: 'application/pdf',
      visibility: 'OWN',
      product: { slug: 'open-zaak' },
    });
    expect(stored.validUntil?.toISOString().slice(0, 10)).toBe('2027-01-31');
    expect(await page.locator('main').innerText()).toContain('tpm-2026.pdf');
    await checkBothWidths(page, 'bewijs');

    // 3. The confirmation of the landscape.
    await page.goto(`${hub.baseUrl}/organisaties/emmen/bevestiging`);
    await checkBothWidths(page, 'bevestiging');
    await tabTo(page, 'veld-toelichting');
    await page.keyboard.type('Nagelopen met de applicatiebeheerders.');
    await tabToText(page, 'Landschap bevestigen');
    await submitByEnter(page);
    expect(await page.locator('h1').innerText()).toBe('Landschap van Gemeente Emmen bevestigen?');
    await checkBothWidths(page, 'bevestiging-zeker');
    await tabToText(page, 'Ja, bevestigen');
    expect((await submitByEnter(page)).status()).toBe(303);
    await page.waitForURL(`${hub.baseUrl}/organisaties/emmen/bevestiging?bevestigd=ja`);
    expect(await page.locator('[role=status]').innerText()).toBe('Het landschap is bevestigd. Dank u wel.');
    await checkBothWidths(page, 'bevestigd');
    const [attestation] = await t.db.prisma.attestation.findMany({ include: { user: true } });
    expect(attestation?.user?.email).toBe(CISO.email);
    await context.close();
  });
});
