// Every page in a real Chromium: zero axe violations (WCAG 2.1 AA), usable by keyboard, readable and searchable without JavaScript.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '#prisma/database.ts';
import { minimalPdf } from '../helpers/evidence-files.ts';
import { sidewaysProblems } from './browser.ts';
import { EDITOR, INSTANCE_ADMIN, NO_MEMBERSHIP, type RunningHub, signInOverApi, startHub } from './server.ts';

const pages = [
  ['/', 'Applicatielandschap BOCE en Dimpact'],
  ['/organisaties/emmen', 'Landschap Gemeente Emmen'],
  ['/organisaties/emmen/gebruik', 'Gebruik Gemeente Emmen'],
  ['/organisaties/emmen/gebruik?indeling=groep', 'Gebruik Gemeente Emmen'],
  ['/organisaties/borger-odoorn', 'Landschap Gemeente Borger-Odoorn'],
  ['/organisaties/dimpact', 'Landschap Dimpact'],
  ['/organisaties/boce', 'Landschap BOCE'],
  ['/pakketten', 'Pakketten'],
  ['/pakketten?q=open&architectuur=COMMON_GROUND', 'Pakketten'],
  ['/pakketten/open-zaak', 'Open Zaak'],
  // The public catalogue, as an anonymous visitor sees it (asUser below), filtered and compared.
  ['/pakketten?laag=INTEGRATION&licentie=open&architectuur=COMMON_GROUND', 'Pakketten'],
  ['/pakketten/open-zaak?anoniem', 'Open Zaak'],
  ['/pakketten/vergelijk?pakket=open-zaak&pakket=decos-join&pakket=e-suite&pakket=corsa', 'Pakketten vergelijken'],
  ['/pakketten/vergelijk?pakket=corsa&pakket=open-zaak&pakket=decos-join', 'Pakketten vergelijken'],
  ['/pakketten/vergelijk?pakket=open-zaak', 'Pakketten vergelijken'],
  ['/leveranciers', 'Leveranciers'],
  ['/standaarden', 'GEMMA-standaarden'],
  ['/voorzieningen', 'Landelijke voorzieningen'],
  ['/pakketten/samenvoegen', 'Leveranciers en pakketten samenvoegen'],
  ['/referentiecomponenten', 'GEMMA-referentiecomponenten'],
  ['/common-ground', 'Common Ground in het kort'],
  ['/begrippen', 'Begrippen'],
  ['/over', 'Over Grondplan'],
  ['/account', 'Mijn account'],
  ['/account/wachtwoord', 'Wachtwoord wijzigen'],
  ['/account/tweestapsverificatie', 'Tweestapsverificatie'],
  ['/vergelijk', 'Landschappen vergelijken'],
  ['/statistieken', 'Statistieken'],
  ['/statistieken?organisatie=emmen', 'Statistieken van Gemeente Emmen'],
  ['/zoeken?q=koevorden', 'Zoeken'],
  ['/zoeken?q=zaaksysteem', 'Zoeken'],
  [
    '/vergelijk?org=emmen&org=coevorden&groep=Referentiecomponenten+generiek&verschil=ja&legacy=ja',
    'Landschappen vergelijken',
  ],
  ['/organisaties/emmen/koppelingen', 'Koppelingen Gemeente Emmen'],
  [
    '/organisaties/coevorden/koppelingen?soort=API&soort=FILE_TRANSFER&gegevens=kopie&kleur=gegevens&ingetrokken=ja',
    'Koppelingen Gemeente Coevorden',
  ],
  ['/organisaties/emmen/koppelingen/zac--open-zaak', 'Koppeling van Zaakafhandelcomponent (ZAC) naar Open Zaak'],
  ['/organisaties/emmen/gebruik/nieuw', 'Gebruik toevoegen aan Gemeente Emmen'],
  ['/organisaties/emmen/gebruik/zac', 'Zaakafhandelcomponent (ZAC) bij Gemeente Emmen'],
  ['/organisaties/emmen/wijzigingen', 'Recente wijzigingen bij Gemeente Emmen'],
  ['/organisaties/emmen/vvt', 'Verklaring van toepasselijkheid Gemeente Emmen'],
  ['/organisaties/emmen/vvt?stand=open', 'Verklaring van toepasselijkheid Gemeente Emmen'],
  ['/organisaties/emmen/vvt/5.06.01', 'Maatregel 5.06.01 in de verklaring van Gemeente Emmen'],
  ['/organisaties/emmen/vvt/inlezen', 'Verklaring van toepasselijkheid inlezen bij Gemeente Emmen'],
  ['/organisaties/emmen/vvt/delen', 'Verklaring van toepasselijkheid van Gemeente Emmen delen'],
  ['/vvt/vergelijk', 'Verklaringen van toepasselijkheid vergelijken'],
  [
    '/vvt/vergelijk?organisatie=emmen&organisatie=coevorden&organisatie=borger-odoorn&thema=ORGANISATORISCH',
    'Verklaringen van toepasselijkheid vergelijken',
  ],
  ['/organisaties/emmen/bevestiging', 'Bevestiging van het landschap van Gemeente Emmen'],
  // The evidence document uploaded in beforeAll: the list with the upload form, and its edit form.
  ['/organisaties/emmen/bewijs', 'Bewijsstukken van Gemeente Emmen'],
  ['/organisaties/emmen/bewijs/{evidence}', 'Bewijsstuk ISO 27001-certificaat Open Zaak wijzigen'],
  ['/organisaties/emmen/verwerkingen', 'Register van verwerkingen Gemeente Emmen'],
  ['/organisaties/emmen/verwerkingen/nieuw', 'Verwerking toevoegen aan het register van Gemeente Emmen'],
  // The activity adopted from a template in beforeAll.
  ['/organisaties/emmen/verwerkingen/{activity}', 'Verwerking Zaakgericht werken'],
  ['/organisaties/emmen/verwerkingen/afdrukken', 'Register van verwerkingen Gemeente Emmen'],
  ['/organisaties/coevorden/verschil', 'Verschil in het landschap van Gemeente Coevorden'],
  ['/organisaties/emmen/verschil?van=2020-01-01&tot=2027-02-30', 'Verschil in het landschap van Gemeente Emmen'],
  ['/vergelijk?org=emmen&org=coevorden&datum=2027-07-01', 'Landschappen vergelijken'],
  ['/vergelijk?datum=morgen', 'Landschappen vergelijken'],
  ['/organisaties/emmen/platen', 'Het landschap van Gemeente Emmen op GEMMA-platen'],
  ['/organisaties/emmen/platen/RC00', 'RC00 Alle referentiecomponenten: Gemeente Emmen'],
  ['/organisaties/coevorden/platen/RC00?datum=2027-07-01', 'RC00 Alle referentiecomponenten: Gemeente Coevorden'],
  ['/organisaties/coevorden?datum=2027-07-01', 'Landschap Gemeente Coevorden'],
  // One group opened on its own, at the view's own size (to pan).
  [
    '/organisaties/emmen/platen/RC00?groep=id-a3d0ee5721a047349690a0675f0f873b&grootte=ware',
    'RC00 Alle referentiecomponenten: Gemeente Emmen',
  ],
  [
    '/organisaties/coevorden/platen/SD03?kleur=status&met=emmen&met=borger-odoorn',
    'SD03 Applicatieservices sociaal domein met referentiecomponenten: Gemeente Coevorden, Gemeente Emmen, Gemeente Borger-Odoorn',
  ],
  ['/organisaties/emmen/voorstellen', 'Voorstellen voor Gemeente Emmen'],
  ['/organisaties/emmen/algoritmen', 'Algoritmen en AI bij Gemeente Emmen'],
  ['/organisaties/emmen/ensia', 'ENSIA-scope van Gemeente Emmen'],
  ['/organisaties/emmen/veiligheid', 'Veiligheid en privacy bij Gemeente Emmen'],
  // Another organisation's dashboard: for its members only, so a sentence and a link.
  ['/organisaties/coevorden/veiligheid', 'Veiligheid en privacy bij Gemeente Coevorden'],
  ['/veiligheid', 'Veiligheid en privacy bij de partners'],
  ['/algoritmen', 'Algoritmen en AI bij de partners'],
  ['/algoritmen?risico=HIGH&risico=LIMITED&organisatie=emmen', 'Algoritmen en AI bij de partners'],
  ['/ensia', 'ENSIA-scope bij de partners'],
  ['/organisaties/emmen/importeren', 'Gebruik inlezen bij Gemeente Emmen'],
  ['/pakketten/inlezen', 'Pakket inlezen uit publiccode.yml'],
  ['/referentiecomponenten/inlezen', 'GEMMA-model inlezen'],
  ['/bio2/inlezen', 'BIO2-maatregelen inlezen'],
  ['/transitie', 'Transitie naar Common Ground'],
  ['/transitie/dimpact-zaaksysteem', 'Vernieuwing zaaksysteem Dimpact'],
  ['/transitie/capaciteit?org=borger-odoorn&org=coevorden&org=dimpact&org=emmen', 'Beheercapaciteit per kwartaal'],
  ['/transitie/scenarios', "Scenario's"],
  // The scenario made in beforeAll.
  ['/transitie/scenarios/{scenario}', 'Scenario Smalle weergave'],
  ['/inloggen', 'Inloggen'],
  ['/inloggen/tweede-stap', 'Inloggen: tweede stap'],
  ['/inloggen/sso', 'Inloggen via je organisatie'],
  // Without a sign-in under way (no flow cookie), both say so.
  ['/inloggen/sso/terug', 'Inloggen via je organisatie is niet gelukt'],
  ['/inloggen/sso/koppelen', 'Koppel je account'],
  ['/organisaties/emmen/inloggen', 'Inloggen bij Gemeente Emmen'],
  ['/beheer/inloggen', 'Inloggen via organisaties'],
  ['/uitnodiging?token=onbekend', 'Uitnodiging voor Grondplan'],
  ['/wachtwoord-vergeten', 'Wachtwoord vergeten'],
  ['/wachtwoord-herstellen?sleutel=onbekend', 'Nieuw wachtwoord kiezen'],
  ['/geen-toegang', 'Je account hoort nog bij geen organisatie'],
  ['/organisaties/bestaat-niet', 'Deze pagina bestaat niet'],
] as const;

/** Pages that answer with something other than 200, and pages seen as another user than the editor. */
const statusOf: Record<string, number> = {
  '/organisaties/bestaat-niet': 404,
  '/uitnodiging?token=onbekend': 404,
  '/wachtwoord-herstellen?sleutel=onbekend': 404,
  '/geen-toegang': 403,
  '/inloggen/sso/terug': 400,
  '/inloggen/sso/koppelen': 400,
};
const asUser: Record<string, 'noMembership' | 'instanceAdmin' | 'anonymous'> = {
  '/pakketten?laag=INTEGRATION&licentie=open&architectuur=COMMON_GROUND': 'anonymous',
  '/pakketten/open-zaak?anoniem': 'anonymous',
  '/pakketten/vergelijk?pakket=corsa&pakket=open-zaak&pakket=decos-join': 'anonymous',
  '/leveranciers': 'anonymous',
  '/standaarden': 'anonymous',
  '/voorzieningen': 'anonymous',
  '/geen-toegang': 'noMembership',
  '/beheer/inloggen': 'instanceAdmin',
  '/bio2/inlezen': 'instanceAdmin',
};

/** Every page route under site/pages (.astro files; the .ts routes are downloads and endpoints), as a pattern. */
function pageRoutes(dir = path.join(projectRoot, 'site', 'pages')): RegExp[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return pageRoutes(full);
    if (!name.endsWith('.astro')) return [];
    const route =
      `/${path.relative(path.join(projectRoot, 'site', 'pages'), full)}`
        .replace(/\.astro$/, '')
        .replace(/\/index$/, '') || '/';
    // The not-found page answers any unknown address.
    if (route === '/404') return [/bestaat-niet/];
    return [new RegExp(`^${route.replace(/\[[^\]]+\]/g, '[^/?]+')}(\\?|$)`)];
  });
}

const screenshots = path.join(projectRoot, 'test-results', 'screenshots');
let hub: RunningHub;
let browser: Browser;
let session = '';
let noMembershipSession = '';
let instanceAdminSession = '';
let scenario = '';
let evidence = '';
let activity = '';

/** A browser context signed in as the test editor (or another user), through the session cookie the sign-in page would set. */
async function signedIn(options: Parameters<Browser['newContext']>[0] = {}, as = session) {
  const context = await browser.newContext(options);
  await context.addCookies([{ name: 'gp_session', value: as, url: hub.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  return context;
}

/** An activity of Emmen's register, adopted from a template through the API as the editor; its database id. */
async function adoptActivity(): Promise<string> {
  const response = await fetch(`${hub.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `gp_session=${session}`, origin: hub.baseUrl },
    body: JSON.stringify({
      query:
        'mutation { adoptProcessingTemplate(organisation: "emmen", template: "zaakregistratie") { ... on AdoptProcessingTemplateSuccess { data { id } } } }',
    }),
  });
  const id = ((await response.json()) as { data?: { adoptProcessingTemplate?: { data?: { id: string } } } }).data
    ?.adoptProcessingTemplate?.data?.id;
  if (!id) throw new Error('Could not adopt a template');
  return Buffer.from(id, 'base64')
    .toString('utf8')
    .replace(/^ProcessingActivity:/, '');
}

/** A scenario of Emmen, made through the API as the editor, so its page can be visited. */
async function createScenario(): Promise<string> {
  const response = await fetch(`${hub.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `gp_session=${session}`, origin: hub.baseUrl },
    body: JSON.stringify({
      query:
        'mutation($input: CreateScenarioInput!) { createScenario(input: $input) { ... on CreateScenarioSuccess { data { id } } } }',
      variables: { input: { organisation: 'emmen', name: 'Smalle weergave', programme: 'dimpact-zaaksysteem' } },
    }),
  });
  const id = ((await response.json()) as { data?: { createScenario?: { data?: { id: string } } } }).data?.createScenario
    ?.data?.id;
  if (!id) throw new Error('Could not create a scenario');
  // The API answers with a global id ("Scenario:<id>" in base64); the page's address carries the id itself.
  return Buffer.from(id, 'base64')
    .toString('utf8')
    .replace(/^Scenario:/, '');
}

/** An evidence document of Emmen on Open Zaak, uploaded through the API as the editor (a multipart request). */
async function createEvidence(): Promise<string> {
  const body = new FormData();
  const input = {
    organisation: 'emmen',
    product: 'open-zaak',
    kind: 'ISO27001',
    title: 'ISO 27001-certificaat Open Zaak',
    issuer: 'Certificeerder B.V.',
    validUntil: '2026-12-31',
    visibility: 'NAMED',
    partners: ['coevorden'],
    file: null,
  };
  body.set(
    'operations',
    JSON.stringify({
      query:
        'mutation($input: CreateEvidenceInput!) { createEvidence(input: $input) { ... on CreateEvidenceSuccess { data { key } } } }',
      variables: { input },
    }),
  );
  body.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  body.set('0', new File([minimalPdf('ISO 27001-certificaat')], 'certificaat.pdf'));
  const response = await fetch(`${hub.baseUrl}/graphql`, {
    method: 'POST',
    headers: { cookie: `gp_session=${session}`, origin: hub.baseUrl },
    body,
  });
  const key = ((await response.json()) as { data?: { createEvidence?: { data?: { key: string } } } }).data
    ?.createEvidence?.data?.key;
  if (!key) throw new Error('Could not upload an evidence document');
  return key;
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  hub = await startHub();
  session = await signInOverApi(hub.baseUrl, EDITOR);
  noMembershipSession = await signInOverApi(hub.baseUrl, NO_MEMBERSHIP);
  instanceAdminSession = await signInOverApi(hub.baseUrl, INSTANCE_ADMIN);
  scenario = await createScenario();
  evidence = await createEvidence();
  activity = await adoptActivity();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('pages in Chromium', () => {
  it('lists every page of the site, so each is checked at both widths', () => {
    const urls = pages.map(([url]) => url);
    const unlisted = pageRoutes().filter((route) => !urls.some((url) => route.test(url)));
    expect(unlisted.map(String)).toEqual([]);
  });

  for (const [url, heading] of pages) {
    it(`${url} has no axe violations at desktop and phone width, and no sideways scrolling on a phone`, async () => {
      for (const [width, height, tag] of [
        [1280, 900, 'desktop'],
        [390, 844, 'phone'],
      ] as const) {
        const who = asUser[url];
        const context =
          who === 'anonymous'
            ? await browser.newContext({ viewport: { width, height } })
            : await signedIn(
                { viewport: { width, height } },
                who ? { noMembership: noMembershipSession, instanceAdmin: instanceAdminSession }[who] : session,
              );
        const page = await context.newPage();
        const response = await page.goto(
          hub.baseUrl +
            url.replace('{scenario}', scenario).replace('{evidence}', evidence).replace('{activity}', activity),
        );
        expect(response?.status()).toBe(statusOf[url] ?? 200);
        expect((await page.locator('h1').first().textContent())?.trim()).toBe(heading);
        const result = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
          .analyze();
        const summary = result.violations.map(
          (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
        );
        expect(summary, `${url} at ${tag}`).toEqual([]);
        if (tag === 'phone') expect(await sidewaysProblems(page), `${url} at 390 px`).toEqual([]);
        // Words the template's line breaks glued together ("inde export", "10verwachte") read wrong and copy wrong.
        const glued = (await page.locator('main').innerText()).match(
          /\b(?:in|van|op|met|naar|voor|uit|aan|zoals|en|of)(?:de|het|deze|dit)\b|\b\d+(?:van|verwachte|koppelingen|gebruik|organisaties)\b/gi,
        );
        expect(glued ?? [], `${url} at ${tag}`).toEqual([]);
        const name = url.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
        await page.screenshot({ path: path.join(screenshots, `${name}-${tag}.png`), fullPage: true });
        await context.close();
      }
    });
  }

  it('starts with a skip link that moves focus to the content', async () => {
    const context = await signedIn();
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/organisaties/emmen`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
    // The next Tab lands inside the content, past the navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
    await page.close();
  });

  it('reaches every link of the main navigation by keyboard', async () => {
    const page = await browser.newPage();
    await page.goto(`${hub.baseUrl}/`);
    const visited: string[] = [];
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press('Tab');
      visited.push(
        await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href') ?? ''),
      );
    }
    for (const href of [
      '/',
      '/vergelijk',
      '/statistieken',
      '/pakketten',
      '/referentiecomponenten',
      '/common-ground',
      '/begrippen',
      '/over',
    ])
      expect(visited).toContain(href);
    await page.close();
  });

  it('reads and searches without JavaScript', async () => {
    const context = await signedIn({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/organisaties/coevorden/gebruik`);
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(60);
    await page.goto(`${hub.baseUrl}/pakketten`);
    await page.fill('#q', 'zaak');
    await page.selectOption('#architectuur', 'COMMON_GROUND');
    await page.click('form[role=search] button[type=submit]');
    expect(page.url()).toContain('q=zaak');
    const names = await page.locator('tbody th').allInnerTexts();
    expect(names).toContain('Open Zaak');
    expect(names).not.toContain('Decos JOIN');
    // Search combines a GEMMA name people use with an organisation, and shows the results grouped, each with why.
    await page.goto(`${hub.baseUrl}/zoeken`);
    await page.fill('#zoekterm', 'zaaksysteem emmen');
    await page.click('form[role=search] button[type=submit]');
    expect(page.url()).toContain('q=zaaksysteem+emmen');
    expect((await page.locator('#zoekresultaten h2').allInnerTexts())[0]).toMatch(/^Gebruik \(\d+\)$/);
    const first = page.locator('#zoekresultaten li').first();
    expect(await first.locator('a').textContent()).toMatch(
      /^(Zaakafhandelcomponent \(ZAC\)|Open Zaak) bij Gemeente Emmen$/,
    );
    expect(await first.textContent()).toContain('realiseert');
    await context.close();
  });

  it('filters the koppelingen map without JavaScript; map and table show the same koppelingen', async () => {
    const context = await signedIn({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/organisaties/emmen/koppelingen`);
    const edges = page.locator('.gp-map__svg path.gp-edge');
    const rows = page.locator('[aria-labelledby=tabel] tbody tr');
    const all = await rows.count();
    expect(all).toBeGreaterThan(30);
    expect(await edges.count()).toBe(all);
    await page.check('input[name=soort][value=WEBSERVICE]');
    await page.check('input[name=gegevens][value=kopie]');
    await page.click('.gp-map-form button[type=submit]');
    expect(page.url()).toContain('soort=WEBSERVICE');
    const filtered = await rows.count();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    expect(await edges.count()).toBe(filtered);
    expect(new Set(await rows.locator('td:nth-child(4)').allInnerTexts())).toEqual(new Set(['Webservice']));
    expect(new Set(await rows.locator('td:nth-child(5)').allInnerTexts())).toEqual(new Set(['Kopie van gegevens']));
    await context.close();
  });

  it('filters the partners’ algorithms by keyboard without JavaScript, and reaches a dashboard figure from its summary', async () => {
    const context = await signedIn({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/algoritmen`);
    const rows = page.locator('[aria-labelledby=algoritmen] tbody tr');
    const all = await rows.count();
    expect(all).toBeGreaterThan(1);
    await page.focus('input[name=risico][value=HIGH]');
    await page.keyboard.press('Space');
    await page.focus('#organisatie');
    await page.selectOption('#organisatie', 'emmen');
    await page.focus('form.gp-form button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/risico=HIGH/);
    expect(page.url()).toContain('organisatie=emmen');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.count()).toBeLessThan(all);
    expect(new Set(await rows.locator('td:nth-child(4)').allInnerTexts())).toEqual(new Set(['Hoog risico']));
    // The dashboard's summary links each figure to its section: the table behind it and what to do next.
    await page.goto(`${hub.baseUrl}/organisaties/emmen/veiligheid`);
    await page.focus('[aria-labelledby=cijfers] a[href="#dpia-vereist"]');
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#dpia-vereist$/);
    const section = page.locator('section[aria-labelledby=dpia-vereist]');
    expect(await section.locator('h3').innerText()).toBe('Wat te doen');
    expect(await section.locator('table tbody tr').count()).toBeGreaterThan(0);
    expect(await section.locator('ul a').first().getAttribute('href')).toMatch(
      /^\/organisaties\/emmen\/gebruik\/.+#bewerken$/,
    );
    await context.close();
  });

  it('walks the koppelingen map by keyboard, lighting up the focused application’s koppelingen', async () => {
    const context = await signedIn();
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/organisaties/emmen/koppelingen?rond=open-zaak`);
    let inMap = false;
    for (let i = 0; i < 60 && !inMap; i++) {
      await page.keyboard.press('Tab');
      inMap = await page.evaluate(() => Boolean(document.activeElement?.closest('.gp-map__svg')));
    }
    expect(inMap).toBe(true);
    // Find Open Zaak by Tab: every koppeling on this map touches it, so all of them light up.
    for (let i = 0; i < 20; i++) {
      if (
        (await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).startsWith('Open Zaak:')
      )
        break;
      await page.keyboard.press('Tab');
    }
    const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    expect(label).toMatch(/^Open Zaak: laag .*Common Ground, \d+ koppelingen$/);
    const opacities = await page
      .locator('.gp-map__svg path.gp-edge')
      .evaluateAll((paths) => paths.map((p) => getComputedStyle(p).opacity));
    expect(new Set(opacities)).toEqual(new Set(['1']));
    // Another application lights up only its own koppeling(en); the rest fade.
    await page.keyboard.press('Shift+Tab');
    const faded = await page
      .locator('.gp-map__svg path.gp-edge')
      .evaluateAll((paths) => paths.filter((p) => getComputedStyle(p).opacity !== '1').length);
    expect(faded).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/organisaties\/emmen\/gebruik\//);
    expect(await page.locator('h1').textContent()).toContain('bij Gemeente Emmen');
    await context.close();
  });

  it('downloads a landscape as an ArchiMate file from the organisation page', async () => {
    const context = await signedIn({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/organisaties/emmen`);
    // The exports sit behind one "Exporteren" in the actions, opened without JavaScript.
    await page.click('summary:has-text("Exporteren")');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/archimate.xml"]')]);
    expect(download.suggestedFilename()).toBe('grondplan-emmen-archimate.xml');
    const response = await context.request.get(`${hub.baseUrl}/organisaties/emmen/archimate.xml`);
    expect(response.headers()['content-type']).toBe('application/xml; charset=utf-8');
    expect(await response.text()).toContain('<name xml:lang="nl">Applicatielandschap Gemeente Emmen</name>');
    // The other exports are links on the same page, each a file of its own kind.
    for (const [file, type, start] of [
      ['gebruik.csv', 'text/csv; charset=utf-8', '\uFEFFSleutel;Leverancier;Pakket'],
      ['koppelingen.csv', 'text/csv; charset=utf-8', '\uFEFFSleutel;Van (gebruik);Naar (gebruik)'],
      ['landschap.yaml', 'application/yaml; charset=utf-8', ''],
    ] as const) {
      expect(await page.locator(`a[href="/organisaties/emmen/${file}"]`).count()).toBe(1);
      const r = await context.request.get(`${hub.baseUrl}/organisaties/emmen/${file}`);
      expect([r.status(), r.headers()['content-type'], r.headers()['content-disposition']]).toEqual([
        200,
        type,
        `attachment; filename="grondplan-emmen-${file}"`,
      ]);
      expect((await r.text()).startsWith(start)).toBe(true);
    }
    await context.close();
  });

  it('downloads the compared landscapes as one ArchiMate file from the comparison page', async () => {
    const context = await signedIn({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/vergelijk?org=emmen&org=coevorden`);
    const link = page.locator('a[href^="/vergelijk/archimate.xml"]');
    expect(await link.textContent()).toContain('Deze 2 landschappen');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('grondplan-vergelijking-coevorden-emmen-archimate.xml');
    const text = await (
      await context.request.get(`${hub.baseUrl}/vergelijk/archimate.xml?org=emmen&org=coevorden`)
    ).text();
    expect(text).toContain('<name xml:lang="nl">Vergelijking Gemeente Coevorden, Gemeente Emmen</name>');
    expect((await context.request.get(`${hub.baseUrl}/vergelijk/archimate.xml?org=bestaat-niet`)).status()).toBe(404);
    const plateau = await context.request.get(`${hub.baseUrl}/organisaties/coevorden/archimate.xml?datum=2027-07-01`);
    expect(plateau.headers()['content-disposition']).toContain('grondplan-coevorden-2027-07-01-archimate.xml');
    expect(await plateau.text()).toContain('xsi:type="Plateau"');
    const wrong = await context.request.get(`${hub.baseUrl}/organisaties/coevorden/archimate.xml?datum=2027-02-30`);
    expect([wrong.status(), await wrong.text()]).toEqual([
      400,
      '"2027-02-30" is geen geldige datum: gebruik JJJJ-MM-DD, bijvoorbeeld 2027-07-01.',
    ]);
    await context.close();
  });

  it('searches as you type with JavaScript on', async () => {
    const context = await signedIn();
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/zoeken`);
    await page.fill('#zoekterm', 'openzaak');
    await page.waitForFunction(() => document.querySelector('#zoekresultaten li a')?.textContent === 'Open Zaak');
    expect(await page.locator('#zoekstatus').textContent()).toMatch(/\d+ resulta(at|ten) voor/);
    await page.fill('#zoekterm', 'decos emmen');
    await page.waitForFunction(
      () => document.querySelector('#zoekresultaten li a')?.textContent === 'Decos JOIN bij Gemeente Emmen',
    );
    expect(await page.locator('#zoekresultaten h2').first().textContent()).toMatch(/^Gebruik/);
    expect(page.url()).toContain('/zoeken?q=decos%20emmen');
    await context.close();
  });

  it('serves the GraphQL API and a GraphiQL page that loads nothing from outside', async () => {
    // In production GraphiQL is for signed-in users (an anonymous browser goes to sign-in: availability.test.ts).
    const page = await (await signedIn()).newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (
        !request.url().startsWith(hub.baseUrl) &&
        !request.url().startsWith('blob:') &&
        !request.url().startsWith('data:')
      )
        external.push(request.url());
    });
    // GraphiQL is up once it has asked the API for the schema (its last step at start); "network idle" is not a sign of
    // that on a busy machine, where it can take longer than the wait allows.
    const schemaAsked = page.waitForResponse(
      (response) => response.url() === `${hub.baseUrl}/graphql` && response.request().method() === 'POST',
    );
    await page.goto(`${hub.baseUrl}/graphql`);
    await schemaAsked;
    await page.waitForSelector('.graphiql-container');
    await page.waitForLoadState('load');
    expect(external).toEqual([]);
    const answer = await page.evaluate(async () => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ organisations { slug } }' }),
      });
      return response.json();
    });
    expect(answer.data.organisations).toHaveLength(5);
    await page.close();
  });

  it('frames GraphiQL in Dutch with a way back, and explains the API in plain Dutch without JavaScript', async () => {
    const withScript = await (await signedIn()).newPage();
    await withScript.goto(`${hub.baseUrl}/graphql`);
    await withScript.waitForSelector('.graphiql-container');
    expect(await withScript.evaluate(() => [document.documentElement.lang, document.title])).toEqual([
      'nl',
      'Grondplan GraphQL-verkenner',
    ]);
    expect(await withScript.locator('h1').innerText()).toBe('GraphQL-verkenner van Grondplan');
    expect(await withScript.locator('header a', { hasText: 'Terug naar Grondplan' }).getAttribute('href')).toBe('/');
    await withScript.close();
    const context = await signedIn({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/graphql`);
    const text = await page.locator('body').innerText();
    expect(text).toContain('werkt alleen met JavaScript aan');
    expect(text).toContain('Authorization: Bearer <token>');
    expect(
      await page.locator('.gp-graphiql-noscript a', { hasText: 'Terug naar Grondplan' }).getAttribute('href'),
    ).toBe('/');
    await context.close();
  });

  it('answers JSON posts to /graphql on the direct path and everything else through the site, with the same rules', async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${hub.baseUrl}/graphql`, { method: 'POST', headers, body });
    const direct = await post(
      { 'content-type': 'application/json', cookie: `gp_session=${session}` },
      JSON.stringify({ query: '{ viewer { email } }' }),
    );
    expect(direct.status).toBe(200);
    expect(direct.headers.get('cache-control')).toBe('private, no-store');
    expect(await direct.json()).toEqual({ data: { viewer: { email: EDITOR.email } } });
    // A query over GET goes through the site's route and gets the same answer.
    const viaSite = await fetch(`${hub.baseUrl}/graphql?query=${encodeURIComponent('{ viewer { email } }')}`, {
      headers: { accept: 'application/json', cookie: `gp_session=${session}` },
    });
    expect(await viaSite.json()).toEqual({ data: { viewer: { email: EDITOR.email } } });
    // A cross-site form post never reaches the API: the site's origin check refuses it.
    const forged = await post(
      {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://elders.example',
        cookie: `gp_session=${session}`,
      },
      'query=mutation%20%7B%20signOut(token%3A%20%22x%22)%20%7D',
    );
    expect(forged.status).toBe(403);
    // A same-origin form post goes through the site with its declared length, and is answered.
    const form = await post(
      {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        origin: hub.baseUrl,
        cookie: `gp_session=${session}`,
      },
      `query=${encodeURIComponent('{ viewer { email } }')}`,
    );
    expect(await form.json()).toEqual({ data: { viewer: { email: EDITOR.email } } });
    // A body of undeclared length (chunked) is refused on the direct path before it is read.
    const chunked = await fetch(`${hub.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob(['{"query": "{ viewer { email } }"}']).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(411);
    // A query that does not fit the schema is explained, on the direct path as through the site.
    const invalid = await post({ 'content-type': 'application/json' }, '{"query": "{ nietBestaand }"}');
    expect(((await invalid.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/nietBestaand/);
  });

  // Last: it changes the catalogue the tests above read.
  it('merges two suppliers without JavaScript as an instance administrator: choose, see what moves, confirm', async () => {
    const admin = await signInOverApi(hub.baseUrl, INSTANCE_ADMIN);
    const asAdmin = async (javaScriptEnabled: boolean) => {
      const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 } });
      await context.addCookies([
        { name: 'gp_session', value: admin, url: hub.baseUrl, httpOnly: true, sameSite: 'Lax' },
      ]);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(`${hub.baseUrl}/pakketten/samenvoegen?soort=leveranciers`);
      return { context, page };
    };
    const choose = async (page: Page) => {
      await page.selectOption('#veld-behouden', 'info-nl');
      await page.selectOption('#veld-samenvoegen', 'infoprojects');
      await page.click('button[value=bekijken]');
      await page.waitForSelector('h2#bevestigen');
    };
    // axe needs JavaScript in the page: the form and the confirmation it checks with it on, at phone width.
    const checked = await asAdmin(true);
    const axe = async () =>
      (
        await new AxeBuilder({ page: checked.page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
          .analyze()
      ).violations.map((v) => v.id);
    expect(await axe()).toEqual([]);
    await choose(checked.page);
    expect(await axe()).toEqual([]);
    expect(await checked.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await checked.context.close();

    const { context, page } = await asAdmin(false);
    await choose(page);
    expect((await page.locator('h2#bevestigen').textContent())?.trim()).toBe('Infoprojects samenvoegen met INFO.nl?');
    expect(await page.locator('section[aria-labelledby=bevestigen] li').allInnerTexts()).toEqual([
      '1 pakket gaat naar INFO.nl: iProx.',
      'INFO.nl krijgt als andere naam: Infoprojects.',
      'Infoprojects (infoprojects) wordt verwijderd.',
    ]);
    await page.click('button[value=samenvoegen]');
    expect((await page.locator('h2#uitkomst').textContent())?.trim()).toBe('Infoprojects is samengevoegd met INFO.nl');
    // The merged supplier is gone from the choices, and iProx is INFO.nl's now.
    await page.goto(`${hub.baseUrl}/pakketten/samenvoegen?soort=leveranciers`);
    expect(await page.locator('#veld-samenvoegen option[value=infoprojects]').count()).toBe(0);
    await page.goto(`${hub.baseUrl}/pakketten/iprox`);
    expect(await page.locator('main').innerText()).toContain('INFO.nl');
    await context.close();
  });
});
