// Editing in the browser: sign in and edit by keyboard only, form pages (error states included) without axe violations,
// forms that work without JavaScript and refuse cross-site posts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '#prisma/database.ts';
import { axe, chromiumOptions, signIn as signInAt, tabTo } from './browser.ts';
import { EDITOR, INSTANCE_ADMIN, type RunningHub, startHub } from './server.ts';

const signIn = (page: Page, returnTo: string) => signInAt(page, hub.baseUrl, returnTo);

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

describe('editing in the browser', () => {
  it('sends anonymous visitors of a landscape to the sign-in page, which has no axe violations, error state included', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/organisaties/emmen`);
    expect(new URL(page.url()).pathname).toBe('/inloggen');
    await axe(page, 'inloggen');
    await page.fill('#email', EDITOR.email);
    await page.fill('#wachtwoord', 'verkeerd');
    await page.click('button[type=submit]');
    expect(await page.locator('[role=alert]').innerText()).toMatch(/Inloggen is niet gelukt/);
    expect(await page.inputValue('#email')).toBe(EDITOR.email);
    await axe(page, 'inloggen met fout');
    await context.close();
  });

  it('signs in and edits a usage by keyboard only, then shows the change and its history entry', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const path = '/organisaties/emmen/gebruik/zac';
    await signIn(page, path);
    await axe(page, 'gebruik met formulieren');
    await tabTo(page, 'veld-contact');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Team Zaakgericht Werken <b>');
    await page.keyboard.press('Enter');
    await page.waitForURL(/opgeslagen=bewerken/);
    expect(await page.locator('[role=status]').innerText()).toBe('De wijzigingen zijn opgeslagen.');
    expect(await page.locator('dd', { hasText: 'Team Zaakgericht Werken <b>' }).count()).toBe(1);
    const history = await page.locator('.gp-history > li').first().innerText();
    expect(history).toMatch(/Door redacteur@emmen\.test via de website/);
    expect(history).toMatch(/ gewijzigd: contactpersoon(: | van .* naar )Team Zaakgericht Werken <b>\./);
    await axe(page, 'gebruik na opslaan');
    await context.close();
  });

  it('keeps the input and names the field when a value is refused, without axe violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, '/organisaties/emmen/gebruik/open-zaak');
    await page.fill('#veld-yearlyCost', 'veel geld');
    await page.fill('#veld-contact', 'Behouden invoer');
    await page.click('button:has-text("Wijzigingen opslaan")');
    expect(await page.locator('#fouten').innerText()).toMatch(/Kosten per jaar: Vul een bedrag in hele euro/);
    expect(await page.inputValue('#veld-yearlyCost')).toBe('veel geld');
    expect(await page.inputValue('#veld-contact')).toBe('Behouden invoer');
    expect(await page.getAttribute('#veld-yearlyCost', 'aria-invalid')).toBe('true');
    await axe(page, 'gebruik met foutmelding');

    await page.fill('#veld-since', '1990-01-01');
    await page.click('button:has-text("Status wijzigen")');
    expect(await page.locator('#fout-since').innerText()).toMatch(/niet vóór/);
    await axe(page, 'status met foutmelding');
    await context.close();
  });

  it('adds a usage and a koppeling without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, '/organisaties/emmen/gebruik/nieuw');
    await page.click('button:has-text("Gebruik toevoegen")');
    expect(await page.locator('#fouten').innerText()).toMatch(/Pakket/);
    await page.fill('#veld-product', 'Open Beheer');
    await page.fill('#veld-key', 'open-beheer');
    await page.selectOption('#veld-status', 'ACQUIRING');
    await page.click('button:has-text("Gebruik toevoegen")');
    await page.waitForURL(/\/organisaties\/emmen\/gebruik\/open-beheer\?opgeslagen=aanmaken/);
    await page.selectOption('#veld-to', { label: 'Open Zaak' });
    await page.click('button:has-text("Koppeling toevoegen")');
    await page.waitForURL(/opgeslagen=koppeling-toevoegen/);
    expect(await page.locator('#koppelingen + div tbody tr').count()).toBe(1);
    await page.click('#koppelingen + div tbody a:has-text("Bewerk")');
    await page.selectOption('#veld-status', 'END_OF_SUPPORT');
    await page.click('button:has-text("Koppeling opslaan")');
    await page.waitForURL(/opgeslagen=koppeling-bewerken/);
    expect(await page.locator('#koppelingen + div tbody td', { hasText: 'Einde ondersteuning' }).count()).toBe(1);
    await page.goto(`${hub.baseUrl}/organisaties/emmen/wijzigingen`);
    expect(await page.locator('.gp-history > li').count()).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it('has no axe violations on the new-usage form, its error state and the recent changes', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, '/organisaties/emmen/gebruik/nieuw');
    await axe(page, 'nieuw gebruik');
    await page.click('button:has-text("Gebruik toevoegen")');
    expect(await page.locator('#fouten').innerText()).toMatch(/Pakket/);
    await axe(page, 'nieuw gebruik met fout');
    await page.goto(`${hub.baseUrl}/organisaties/emmen/wijzigingen`);
    await axe(page, 'recente wijzigingen');
    await context.close();
  });

  it('makes an API token that is shown once and works, revokes it, and invites a user to the organisation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, '/account');
    await page.fill('#token-naam', 'rapportage');
    await page.click('button:has-text("Token maken")');
    const token = (await page.locator('.gp-notice code').innerText()).trim();
    expect(token).toMatch(/^gpt_/);
    await axe(page, 'account met nieuw token');
    const viewerWith = async (bearer: string) => {
      const res = await fetch(`${hub.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query: '{ viewer { email } }' }),
      });
      return ((await res.json()) as { data: { viewer: { email: string } | null } }).data.viewer;
    };
    expect((await viewerWith(token))?.email).toBe(EDITOR.email);
    await page.goto(`${hub.baseUrl}/account`);
    expect(await page.locator('code', { hasText: token }).count()).toBe(0);
    expect(await page.locator('td', { hasText: 'Alleen lezen' }).count()).toBe(1);
    // Revoking through the page works (its query was invalid, and every revocation answered 500).
    const revoked = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/account'));
    await page.click('button:has-text("Trek token rapportage in")');
    expect((await revoked).status()).toBe(200);
    // Revoking asks first, saying what stops working; until then the token works.
    expect(await page.locator('h1').innerText()).toBe('API-token rapportage intrekken?');
    expect((await viewerWith(token))?.email).toBe(EDITOR.email);
    await axe(page, 'token intrekken bevestigen');
    await page.click('button:has-text("Ja, intrekken")');
    expect(await page.locator('.gp-notice').first().innerText()).toMatch(/ingetrokken/);
    expect(await viewerWith(token)).toBeNull();
    // Inviting a new address gives a one-time link, never a password.
    await page.fill('#email-emmen', 'collega@emmen.nl');
    await page.selectOption('#nieuwe-rol-emmen', 'VIEWER');
    await page.click('button:has-text("Uitnodigen")');
    const notice = await page.locator('.gp-notice').last().innerText();
    expect(notice).toMatch(/Uitnodigingslink/);
    expect(notice).not.toMatch(/wachtwoord \(wordt/i);
    const link = (await page.locator('.gp-notice code').innerText()).trim();
    expect(link).toMatch(/\/uitnodiging\?sleutel=gpi_/);
    await axe(page, 'account met uitnodiging');
    // The invitee sets their own password through the link and is signed in.
    const invitee = await browser.newContext();
    const inviteePage = await invitee.newPage();
    await inviteePage.goto(link);
    await axe(inviteePage, 'uitnodiging');
    await inviteePage.fill('#veld-name', 'Collega Emmen');
    await inviteePage.fill('#veld-password', 'kort');
    await inviteePage.fill('#veld-repeat', 'kort');
    await inviteePage.click('button:has-text("Account aanmaken")');
    expect(await inviteePage.locator('#fouten').innerText()).toMatch(/minstens 12 tekens/);
    await axe(inviteePage, 'uitnodiging met fout');
    await inviteePage.fill('#veld-password', 'paarse olifant leest de krant in Emmen');
    await inviteePage.fill('#veld-repeat', 'paarse olifant leest de krant in Emmen');
    await inviteePage.click('button:has-text("Account aanmaken")');
    await inviteePage.waitForURL(`${hub.baseUrl}/account`);
    expect(await inviteePage.locator('dd', { hasText: 'collega@emmen.nl' }).count()).toBe(1);
    await invitee.close();
    await page.goto(`${hub.baseUrl}/account`);
    expect(await page.locator('th', { hasText: 'collega@emmen.nl' }).count()).toBe(1);
    await context.close();
  });

  it('refuses a form post from another site', async () => {
    const response = await fetch(`${hub.baseUrl}/organisaties/emmen/gebruik/zac`, {
      method: 'POST',
      headers: { origin: 'https://elders.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'actie=bewerken&revision=1&contact=overgenomen',
    });
    expect(response.status).toBe(403);
  });
  it('imports usages from a CSV file: refusals shown by line, then a dry run and an import, all without axe violations', async () => {
    // axe needs JavaScript; the form itself is a plain multipart post.
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, '/organisaties/emmen/importeren');
    await axe(page, 'importeren');
    const header =
      'Sleutel;Leverancier;Pakket;Versie;Status;Verwerving sinds;Gepland sinds;In productie sinds;Uit te faseren sinds;Uitgefaseerd sinds;Referentiecomponenten (GEMMA-id)';
    const send = async (name: string, csv: string, mode: 'proef' | 'inlezen') => {
      await page.setInputFiles('#veld-bestand', { name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`) });
      await page.check(`input[name=wijze][value=${mode}]`);
      await page.click('form[aria-label="Bestand inlezen"] button[type=submit]');
      await page.waitForLoadState('load');
    };
    await send('fout.csv', `${header}\nkapot;X;Bestaat Niet;;In productie;;;;;;`, 'inlezen');
    expect(await page.locator('#uitkomst').innerText()).toBe('fout.csv: niet ingelezen');
    expect(await page.locator('section li', { hasText: 'Regel 2' }).innerText()).toBe(
      'Regel 2: Pakket "Bestaat Niet" staat niet in de catalogus. Met de optie "onbekende pakketten en leveranciers toevoegen" (op de opdrachtregel --nieuwe-pakketten) komt het erbij.',
    );
    await axe(page, 'importeren met geweigerde regel');
    const good = `${header}\nsignalen-proef;Gemeente Amsterdam;Signalen;;Gepland;;2027-03-01;;;;`;
    await send('goed.csv', good, 'proef');
    expect(await page.locator('#uitkomst').innerText()).toBe('Proefrun van goed.csv');
    await send('goed.csv', good, 'inlezen');
    expect(await page.locator('#uitkomst').innerText()).toBe('Ingelezen uit goed.csv');
    await axe(page, 'importeren gelukt');
    // A koppelingen file on the same page is recognised by its header.
    const koppelingen = [
      'Sleutel;Van (gebruik);Naar (gebruik);Naar (landelijke voorziening);Via (gebruik);Soort;Richting;Status;Kopieert gegevens;Standaarden (GEMMA-id);Omschrijving',
      'signalen-proef--zac;signalen-proef;zac;;;API;A_TO_B;IN_DEVELOPMENT;nee;;',
    ].join('\n');
    await send('koppelingen.csv', koppelingen, 'inlezen');
    expect(await page.locator('#uitkomst').innerText()).toBe('Ingelezen uit koppelingen.csv');
    expect(await page.locator('[aria-label=Regels] tbody td').nth(1).innerText()).toBe('Koppeling');
    await page.goto(`${hub.baseUrl}/organisaties/emmen/wijzigingen`);
    // The file and what it changed, in words.
    const latest = await page.locator('.gp-history > li').first().innerText();
    expect(latest).toMatch(
      /Bestand koppelingen\.csv ingelezen: koppelingen 1 toegevoegd|Koppeling toegevoegd bij import van koppelingen\.csv: /,
    );
    expect(latest).toMatch(/via een import/);
    await context.close();
  });
  it('shows what an own ArchiMate model would place and what not, per type with the reason, without axe violations', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, '/organisaties/emmen/importeren');
    const model = readFileSync(path.join(projectRoot, 'test/fixtures/archimate/gemeente-zaakgericht-werken.xml'));
    await page.setInputFiles('#veld-bestand', { name: 'model.xml', mimeType: 'text/xml', buffer: model });
    await page.check('input[name=wijze][value=proef]');
    await page.click('form[aria-label="Bestand inlezen"] button[type=submit]');
    await page.waitForLoadState('load');
    expect(await page.locator('#uitkomst').innerText()).toBe('Proefrun van model.xml');
    expect(await page.locator('#niet-geplaatst').innerText()).toBe('Niet geplaatst (12)');
    const components = page.locator('[aria-label="Niet geplaatst: Applicatiecomponenten"] tbody tr');
    expect(await components.count()).toBe(2);
    expect(await components.first().innerText()).toBe(
      'CRM Systeem\tgeen pakket "CRM Systeem" in de catalogus en leverancier "Acme Software BV" is onbekend. Met de optie "onbekende pakketten en leveranciers toevoegen" (op de opdrachtregel --nieuwe-pakketten) komt het erbij.',
    );
    expect(
      await page
        .locator('[aria-label="Niet geplaatst: overige soorten"] tbody tr', { hasText: 'BusinessActor' })
        .innerText(),
    ).toBe('BusinessActor\t2\tgeen onderdeel van een applicatielandschap');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await axe(page, 'eigen ArchiMate-model inlezen');
    await context.close();
  });
  it('reads a product from a publiccode.yml: a refusal by line, a dry run, then the product in the catalogue, without axe violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, '/pakketten');
    await page.click('a[href="/pakketten/inlezen"]');
    await axe(page, 'pakket inlezen');
    const send = async (text: string, mode: 'proef' | 'inlezen') => {
      await page.setInputFiles('#veld-bestand', {
        name: 'publiccode.yml',
        mimeType: 'application/yaml',
        buffer: Buffer.from(text),
      });
      await page.check(`input[name=wijze][value=${mode}]`);
      await page.click('form[aria-label="publiccode.yml inlezen"] button[type=submit]');
      await page.waitForLoadState('load');
    };
    const file = readFileSync(path.join(projectRoot, 'test/fixtures/publiccode/open-archief.yml'), 'utf8');
    await send(file.replace('url: https://github.com/example-gemeente/open-archief.git', 'url: geen-adres'), 'inlezen');
    expect(await page.locator('#uitkomst').innerText()).toBe('publiccode.yml: niet ingelezen');
    expect(await page.locator('section li', { hasText: 'Regel 4' }).innerText()).toBe(
      'Regel 4: url: Geen geldige URL.',
    );
    await axe(page, 'pakket inlezen geweigerd');
    await send(file, 'proef');
    expect(await page.locator('#uitkomst').innerText()).toBe('Proefrun van publiccode.yml');
    expect(await page.locator('[aria-label=Regels] tbody tr').innerText()).toMatch(
      /open-archief\s+Open Archief\s+Toevoegen\s+nieuwe leverancier Archiefwerk B\.V\./,
    );
    await send(file, 'inlezen');
    expect(await page.locator('#uitkomst').innerText()).toBe('Ingelezen uit publiccode.yml');
    await axe(page, 'pakket ingelezen');
    await page.click('a[href="/pakketten/open-archief"]');
    expect(await page.locator('h1').innerText()).toContain('Open Archief');
    await context.close();
  });
  it('lets an instance administrator read a new GEMMA release: a dry run of one exchange file, without axe violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAt(page, hub.baseUrl, '/referentiecomponenten', INSTANCE_ADMIN);
    await page.click('a[href="/referentiecomponenten/inlezen"]');
    await axe(page, 'GEMMA inlezen');
    // The model as stored, downloaded from the same section, with one component renamed.
    const xml = await (await context.request.get(`${hub.baseUrl}/referentiecomponenten/gemma.xml`)).text();
    await page.setInputFiles('#veld-bestanden', {
      name: 'gemma.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(xml.replace('>Zaakregistratiecomponent<', '>Zaakregistratiecomponent (nieuw)<')),
    });
    await page.click('form[aria-label="GEMMA-model inlezen"] button[type=submit]');
    await page.waitForLoadState('load');
    expect(await page.locator('#uitkomst').innerText()).toBe('Proefrun');
    expect(await page.locator('[aria-label=Wijzigingen] tbody tr').innerText()).toMatch(
      /Zaakregistratiecomponent \(nieuw\)\s+\S+\s+Wijzigen\s+naam/,
    );
    await axe(page, 'GEMMA proefrun');
    // An editor of an organisation is not an instance administrator: no link, and the page says so.
    const other = await browser.newContext();
    const editorPage = await other.newPage();
    await signIn(editorPage, '/referentiecomponenten/inlezen');
    expect(await editorPage.locator('main p', { hasText: 'Alleen beheerders van Grondplan' }).count()).toBe(1);
    await other.close();
    await context.close();
  });
});
