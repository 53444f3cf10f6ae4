// Registering what one runs, in the browser: an architect adds a usage of a product the catalogue lacks, with its
// supplier, in one form and by keyboard only, with JavaScript (suggestions as you type) and without (a search step
// answered by the server). And a landscape larger than a page says so and pages on.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';
import { axe, chromiumOptions, signIn, tabTo } from './browser.ts';
import { type RunningHub, startHub } from './server.ts';

const ARCHITECT = { email: 'architect@emmen.test', password: 'een lang wachtwoord voor de architect' };
const LARGE = 'coevorden';
const LARGE_COUNT = 523;
const HISTORY_COUNT = 23;

let database: TestDatabase;
let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  database = await createTestDatabase();
  await createUser(database.db, ARCHITECT.email, [{ organisation: 'emmen', role: 'EDITOR' }], {
    password: ARCHITECT.password,
  });
  // More usages than the landscape page shows at once, written straight into the database.
  const org = await database.db.prisma.organisation.findUniqueOrThrow({ where: { slug: LARGE } });
  const stored = await database.db.prisma.usage.count({ where: { organisationId: org.id } });
  const product = await database.db.prisma.product.findUniqueOrThrow({ where: { slug: 'open-zaak' } });
  await database.db.prisma.usage.createMany({
    data: Array.from({ length: LARGE_COUNT - stored }, (_, i) => ({
      key: `extra-${String(i).padStart(4, '0')}`,
      organisationId: org.id,
      productId: product.id,
      status: 'PLANNED' as const,
    })),
  });
  // And Open Zaak used more than 500 times over all organisations, for its product page.
  const elsewhere = await database.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'borger-odoorn' } });
  await database.db.prisma.usage.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({
      key: `elders-${i}`,
      organisationId: elsewhere.id,
      productId: product.id,
      status: 'PLANNED' as const,
    })),
  });
  // A usage with a longer history than its page shows at once: 23 changes of its contact person.
  const busy = await database.db.prisma.usage.findFirstOrThrow({
    where: { organisationId: org.id, key: 'extra-0000' },
    select: { id: true },
  });
  await database.db.prisma.auditEvent.createMany({
    data: Array.from({ length: HISTORY_COUNT }, (_, i) => ({
      entityType: 'Usage',
      entityId: encodeGlobalID('Usage', busy.id),
      action: 'UPDATE',
      changes: JSON.stringify({ contact: { before: `Beheerder ${i}`, after: `Beheerder ${i + 1}` } }),
      createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
      actorLabel: 'test',
      organisationId: org.id,
      source: 'UI' as const,
    })),
  });
  hub = await startHub(database);
  browser = await chromium.launch(chromiumOptions);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await database?.drop();
});

const FORM = '/organisaties/emmen/gebruik/nieuw';

async function typeInto(page: Page, id: string, text: string) {
  await tabTo(page, id);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

describe('a usage of a product the catalogue lacks, in one form, by keyboard only', () => {
  it('with JavaScript: suggestions as you type, then a new product with a new supplier and a free-text version', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, FORM, ARCHITECT);
    await axe(page, 'nieuw gebruik');
    // The catalogue answers while typing: its products, not all of them.
    await typeInto(page, 'veld-product', 'open za');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#pakket-suggesties option')].some(
        (o) => (o as HTMLOptionElement).value === 'Open Zaak (Maykin Media)',
      ),
    );
    // Choosing a suggestion offers that product's versions only.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Open Zaak (Maykin Media)');
    await page.waitForFunction(() => document.querySelectorAll('#versies option').length > 0);
    const versions = await page
      .locator('#versies option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const openZaakVersions = (
      await database.db.prisma.productVersion.findMany({ where: { product: { slug: 'open-zaak' } } })
    ).map((v) => v.name);
    expect(versions.sort()).toEqual(openZaakVersions.sort());

    await typeInto(page, 'veld-product', 'Zaakwijzer Toets');
    await tabTo(page, 'veld-newProduct');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('veld-supplier');
    await page.keyboard.type('Toetsleverancier B.V.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('veld-architecture');
    await page.keyboard.type('Hybride');
    await typeInto(page, 'veld-version', '2026');
    await typeInto(page, 'veld-key', 'zaakwijzer-toets');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/organisaties\/emmen\/gebruik\/zaakwijzer-toets\?opgeslagen=aanmaken/);
    expect(await page.locator('h1').innerText()).toBe('Zaakwijzer Toets bij Gemeente Emmen');
    expect(await page.locator('main').innerText()).toContain('Toetsleverancier B.V. · versie 2026');
    await axe(page, 'gebruik van een nieuw pakket');
    const product = await database.db.prisma.product.findUniqueOrThrow({
      where: { slug: 'zaakwijzer-toets' },
      include: { supplier: true },
    });
    expect(product).toMatchObject({ architecture: 'HYBRID', supplier: { name: 'Toetsleverancier B.V.' } });
    await context.close();
  });

  it('with JavaScript: the search step and a missing supplier are named, without axe violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, FORM, ARCHITECT);
    await typeInto(page, 'veld-product', 'zaak');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#gevonden-pakketten');
    expect(await page.locator('#fouten').innerText()).toContain('Kies een van de gevonden pakketten voor “zaak”');
    await axe(page, 'zoekstap');
    await typeInto(page, 'veld-product', 'Nog Een Pakket');
    await tabTo(page, 'veld-newProduct');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#fout-supplier');
    expect(await page.locator('#fouten').innerText()).toContain('Vul de leverancier van het nieuwe pakket in.');
    await axe(page, 'nieuw pakket zonder leverancier');
    await context.close();
  });

  it('without JavaScript: a typed name is answered with a search step, then a new product of a supplier recognised by its other name', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, FORM, ARCHITECT);
    // The search step: the server answers with the products it found, to choose from.
    await typeInto(page, 'veld-product', 'zaak');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#gevonden-pakketten');
    const found = await page.locator('#gevonden-pakketten label').allInnerTexts();
    expect(found.map((f) => f.trim())).toContain('Open Zaak (Maykin Media)');
    expect(found.at(-1)?.trim()).toBe('Geen van deze: een nieuw pakket (hieronder)');
    // Nothing found: the form says how to add it.
    await typeInto(page, 'veld-product', 'Vergunningwijzer');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#fout-product');
    expect(await page.locator('#fout-product').innerText()).toBe(
      'Geen pakket gevonden voor “Vergunningwijzer”. Staat het niet in de catalogus, vink dan “Voeg het getypte pakket toe” aan en vul de leverancier in.',
    );
    expect(await page.inputValue('#veld-product')).toBe('Vergunningwijzer');
    await tabTo(page, 'veld-newProduct');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Maykin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Common');
    await typeInto(page, 'veld-version', '1.0 beta');
    await typeInto(page, 'veld-key', 'vergunningwijzer');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/organisaties\/emmen\/gebruik\/vergunningwijzer\?opgeslagen=aanmaken/);
    expect(await page.locator('main').innerText()).toContain('Maykin Media · versie 1.0 beta');
    const product = await database.db.prisma.product.findUniqueOrThrow({
      where: { slug: 'vergunningwijzer' },
      include: { supplier: true },
    });
    expect(product).toMatchObject({ architecture: 'COMMON_GROUND', supplier: { slug: 'maykin-media' } });
    // No second Maykin was added.
    expect(await database.db.prisma.supplier.count({ where: { name: { contains: 'Maykin' } } })).toBe(1);
    await context.close();
  });
});

describe('an upload that adds unknown products', () => {
  it('names the option when it refuses, and with the box ticked the dry run names the product that is added', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/organisaties/emmen/importeren', ARCHITECT);
    const csv = Buffer.from(
      '\uFEFFSleutel;Leverancier;Pakket;Status\r\nroosterplanner;Planbureau Noord;Roosterplanner;In productie',
    );
    const send = async (tick: boolean) => {
      await page.setInputFiles('#veld-bestand', { name: 'nieuw.csv', mimeType: 'text/csv', buffer: csv });
      await page.setChecked('input[name=nieuwePakketten]', tick);
      await page.click('form[aria-label="Bestand inlezen"] button[type=submit]');
      await page.waitForLoadState('load');
    };
    await send(false);
    expect(await page.locator('section li', { hasText: 'Regel 2' }).innerText()).toContain(
      'onbekende pakketten en leveranciers toevoegen',
    );
    await send(true);
    expect(await page.locator('#uitkomst').innerText()).toBe('Proefrun van nieuw.csv');
    expect(await page.locator('li', { hasText: 'wordt toegevoegd aan de catalogus' }).innerText()).toBe(
      'Regel 2: pakket "Roosterplanner" van leverancier "Planbureau Noord" wordt toegevoegd aan de catalogus (architectuur nog in te delen, voorlopig Legacy); de leverancier is nieuw en wordt ook toegevoegd.',
    );
    expect(await page.isChecked('input[name=nieuwePakketten]')).toBe(true);
    await axe(page, 'proefrun met nieuw pakket');
    expect(await database.db.prisma.product.count({ where: { name: 'Roosterplanner' } })).toBe(0);
    await context.close();
  });

  it('offers the same for a Softwarecatalogus export: the refusal names the option, the dry run names the product and its new supplier', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/organisaties/emmen/importeren', ARCHITECT);
    const json = Buffer.from(JSON.stringify([{ naam: 'Balieplanner Web', _aanbieder: 'Planbureau Zuid' }]));
    const send = async (tick: boolean) => {
      await page.setInputFiles('#veld-bestand', { name: 'swc.json', mimeType: 'application/json', buffer: json });
      await page.setChecked('input[name=nieuwePakketten]', tick);
      await page.click('form[aria-label="Bestand inlezen"] button[type=submit]');
      await page.waitForLoadState('load');
    };
    await send(false);
    expect(await page.locator('section li', { hasText: 'Balieplanner Web' }).innerText()).toContain(
      'onbekende pakketten en leveranciers toevoegen',
    );
    await send(true);
    expect(await page.locator('#uitkomst').innerText()).toBe('Proefrun van swc.json');
    expect(await page.locator('li', { hasText: 'wordt toegevoegd aan de catalogus' }).innerText()).toBe(
      'Applicatie 1: pakket "Balieplanner Web" van leverancier "Planbureau Zuid" wordt toegevoegd aan de catalogus (architectuur nog in te delen, voorlopig Legacy); de leverancier is nieuw en wordt ook toegevoegd.',
    );
    await axe(page, 'proefrun van een Softwarecatalogus-export met nieuw pakket');
    expect(await database.db.prisma.product.count({ where: { name: 'Balieplanner Web' } })).toBe(0);
    await context.close();
  });
});

describe('a landscape larger than one page', () => {
  // Axe on pages of 500 rows takes minutes on a small machine; the part sentence and its links are checked by their text.
  it('says it shows the first 500 of all, and pages on to the rest', { timeout: 240_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, `/organisaties/${LARGE}/gebruik`, ARCHITECT);
    expect(await page.locator('#gebruik-deel').innerText()).toBe(
      `Eerste 500 van ${LARGE_COUNT} registraties van gebruik, in volgorde van registratie; elke indeling hieronder telt alleen deze.`,
    );
    await page.locator('a', { hasText: `Volgende ${LARGE_COUNT - 500} registraties` }).press('Enter');
    await page.waitForURL(/vanaf=/);
    expect(await page.locator('#gebruik-deel').innerText()).toBe(
      `Nummer 501 tot en met ${LARGE_COUNT} van ${LARGE_COUNT} registraties van gebruik, in volgorde van registratie; elke indeling hieronder telt alleen deze.`,
    );
    expect(await page.locator('a', { hasText: 'Volgende' }).count()).toBe(0);
    expect(await page.locator('a', { hasText: 'Terug naar de eerste 500' }).count()).toBe(1);
    // The product's page says the same of its usages.
    const ofProduct = await database.db.prisma.usage.count({ where: { product: { slug: 'open-zaak' } } });
    expect(ofProduct).toBeGreaterThan(500);
    await page.goto(`${hub.baseUrl}/pakketten/open-zaak`);
    expect(await page.locator('#gebruik-deel').innerText()).toBe(
      `Eerste 500 van ${ofProduct} registraties van gebruik, in volgorde van registratie, per deel op organisatie.`,
    );
    await context.close();
  });

  it('draws the landscape at a glance from the first 500 and says so, still within the first screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, `/organisaties/${LARGE}`, ARCHITECT);
    expect(await page.locator('.gp-glance-landscape').innerText()).toContain(
      `(uit de eerste 500 van ${LARGE_COUNT} registraties)`,
    );
    const bottom = await page.locator('.gp-glance-tables').evaluate((p) => p.getBoundingClientRect().bottom);
    expect(bottom).toBeLessThanOrEqual(800);
    await context.close();
  });
});

describe('a history longer than one page', () => {
  it('says it shows the newest 20 of all, and pages on to the rest', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, `/organisaties/${LARGE}/gebruik/extra-0000`, ARCHITECT);
    expect(await page.locator('#geschiedenis-deel').innerText()).toBe(
      `Eerste 20 van ${HISTORY_COUNT} wijzigingen, de nieuwste eerst.`,
    );
    await page.locator('a', { hasText: `Volgende ${HISTORY_COUNT - 20} wijzigingen` }).press('Enter');
    await page.waitForURL(/vanaf=.*#geschiedenis/);
    expect(await page.locator('#geschiedenis-deel').innerText()).toBe(
      `Nummer 21 tot en met ${HISTORY_COUNT} van ${HISTORY_COUNT} wijzigingen, de nieuwste eerst.`,
    );
    await context.close();
  });
});
