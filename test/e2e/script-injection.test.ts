// Stored script never runs. Script payloads and `javascript:`/`data:`/`vbscript:` addresses are written straight into
// the database, past every validation (as an old row or a direct write would be), into every text field the pages
// show: organisation, product, supplier, version, GEMMA link, usage (contact and internal note), koppeling, programme,
// migration, a history entry (values and actor), token and user names, a session's browser and address. In Chromium, visiting every page that shows them and clicking where the links
// would be runs nothing: no dialog, no flag set; no link on any page has a scheme other than http(s) or the hub's own
// paths. And should markup ever slip through, the pages' Content-Security-Policy blocks inline script, event-handler
// attributes and javascript: navigation (each reported as a securitypolicyviolation).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, openSession } from '#core/auth.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';
import { chromiumOptions } from './browser.ts';
import { EDITOR, type RunningHub, signInOverApi, startHub } from './server.ts';

/** Markup that runs script wherever it is not escaped: a script element, an attribute break-out, an SVG handler. */
const MARKUP = `<script>window.__pwned='script';alert('script')</script>"><img src=x onerror="window.__pwned='img';alert('img')"><svg onload="window.__pwned='svg'">'-alert(1)-'`;
/** Addresses that run script when followed. */
const SCRIPT_LINKS = {
  supplier: "javascript:window.__pwned='supplier';alert(document.cookie)",
  repository: " JaVaScRiPt:window.__pwned='repository';alert(1)",
  gemma: "data:text/html,<script>window.__pwned='gemma'</script>",
  organisation: "vbscript:msgbox('organisation')",
};

let database: TestDatabase;
let hub: RunningHub;
let browser: Browser;
let session = '';

async function plant(db: TestDatabase['db']) {
  const p = db.prisma;
  const emmen = await p.organisation.findUniqueOrThrow({ where: { slug: 'emmen' } });
  await p.organisation.update({
    where: { id: emmen.id },
    data: { name: `Gemeente Emmen ${MARKUP}`, description: MARKUP, website: SCRIPT_LINKS.organisation },
  });
  const product = await p.product.findUniqueOrThrow({
    where: { slug: 'open-zaak' },
    include: { referenceComponents: true },
  });
  await p.product.update({
    where: { id: product.id },
    data: { description: MARKUP, licence: MARKUP, repository: SCRIPT_LINKS.repository },
  });
  await p.supplier.update({
    where: { id: product.supplierId },
    data: { name: `Leverancier ${MARKUP}`, website: SCRIPT_LINKS.supplier },
  });
  await p.productVersion.create({ data: { productId: product.id, name: MARKUP } });
  await p.referenceComponent.update({
    where: { id: product.referenceComponents[0]?.referenceComponentId ?? '' },
    data: { gemmaUrl: SCRIPT_LINKS.gemma },
  });
  await p.standard.updateMany({ data: { url: SCRIPT_LINKS.supplier } });
  const usage = await p.usage.findFirstOrThrow({ where: { organisationId: emmen.id, key: 'zac' } });
  await p.usage.update({ where: { id: usage.id }, data: { contact: MARKUP, internalNote: MARKUP } });
  // The history shows changed values and who changed them: an audit event carrying the markup in both.
  await p.auditEvent.create({
    data: {
      actorLabel: MARKUP,
      organisationId: emmen.id,
      entityType: 'Usage',
      entityId: encodeGlobalID('Usage', usage.id),
      action: 'UPDATE',
      changes: JSON.stringify({
        contact: { before: 'Team Zaken', after: MARKUP },
        internalNote: { before: null, after: MARKUP },
      }),
      revision: usage.revision + 1,
      source: 'UI',
    },
  });
  await p.interface.updateMany({
    where: { organisationId: emmen.id, key: 'zac--open-zaak' },
    data: { description: MARKUP },
  });
  await p.programme.updateMany({ data: { description: MARKUP } });
  await p.migration.updateMany({ where: { organisationId: emmen.id }, data: { description: MARKUP } });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await plant(database.db);
  const editor = await createUser(database.db, EDITOR.email, [{ organisation: 'emmen', role: 'ADMIN' }], {
    password: EDITOR.password,
  });
  await database.db.prisma.user.update({ where: { id: editor.id }, data: { name: `Redacteur ${MARKUP}` } });
  await createApiToken(database.db, editor.id, MARKUP);
  // A session whose browser and address carry markup (/account lists the address as stored).
  await openSession(database.db.prisma, editor.id, {
    userAgent: `${MARKUP} Firefox/133.0`,
    address: MARKUP,
    method: 'PASSWORD',
  });
  hub = await startHub(database);
  session = await signInOverApi(hub.baseUrl, EDITOR);
  browser = await chromium.launch(chromiumOptions);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await database?.drop();
});

/** A signed-in page that records dialogs and CSP violations; `ran()` says whether any planted script ran. */
async function watchedPage() {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'gp_session', value: session, url: hub.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  const violations: string[] = [];
  const dialogs: string[] = [];
  await context.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(e.violatedDirective);
    });
  });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const ran = async () => ({
    dialogs,
    flag: await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null).catch(() => null),
  });
  return { context, page, violations, dialogs, ran };
}

/** Every link's scheme on the page: only the hub's own paths (http: of its origin) and web addresses. */
const linkSchemes = (page: Page) =>
  page
    .locator('a[href], area[href]')
    .evaluateAll((links) => [
      ...new Set(links.map((a) => new URL(a.getAttribute('href') ?? '', document.baseURI).protocol)),
    ]);

const PAGES = [
  '/',
  '/organisaties/emmen',
  '/organisaties/emmen/gebruik',
  '/organisaties/emmen/gebruik?indeling=groep',
  '/organisaties/emmen/gebruik/zac',
  '/organisaties/emmen/koppelingen',
  '/organisaties/emmen/koppelingen/zac--open-zaak',
  '/organisaties/emmen/wijzigingen',
  '/pakketten',
  '/pakketten/open-zaak',
  '/referentiecomponenten',
  '/vergelijk?org=emmen&org=coevorden',
  '/zoeken?q=emmen',
  '/transitie',
  '/transitie/capaciteit',
  '/account',
];

describe('stored script in Chromium', () => {
  it('runs from no field on any page, and no page links to a script address', async () => {
    const { context, page, ran, violations } = await watchedPage();
    for (const path of PAGES) {
      const response = await page.goto(hub.baseUrl + path);
      expect(response?.status(), path).toBe(200);
      await page.waitForLoadState('networkidle');
      expect(await ran(), path).toEqual({ dialogs: [], flag: null });
      expect(await linkSchemes(page), path).toEqual(expect.arrayContaining(['http:']));
      for (const scheme of await linkSchemes(page)) expect(['http:', 'https:'], `${path}: ${scheme}`).toContain(scheme);
    }
    // The markup is shown as the text it is, in the fields and in the history.
    for (const path of ['/organisaties/emmen/gebruik/zac', '/organisaties/emmen/wijzigingen']) {
      await page.goto(hub.baseUrl + path);
      expect(await page.locator('main').innerText(), path).toContain(`<script>window.__pwned='script'`);
    }
    // Nothing planted even tried to run: escaped text makes no script for the policy to block.
    expect(violations).toEqual([]);
    await context.close();
  });

  it('shows planted script addresses as text: clicking them goes nowhere and runs nothing', async () => {
    const { context, page, ran } = await watchedPage();
    await page.goto(`${hub.baseUrl}/pakketten/open-zaak`);
    for (const text of ['Leverancier <script>', SCRIPT_LINKS.repository.trim()]) {
      const target = page.getByText(text, { exact: false }).first();
      expect(await target.count(), text).toBe(1);
      expect(await target.evaluate((el) => el.closest('a') === null), text).toBe(true);
      await target.click();
      await page.waitForTimeout(200);
      expect(page.url()).toBe(`${hub.baseUrl}/pakketten/open-zaak`);
      expect(await ran(), text).toEqual({ dialogs: [], flag: null });
    }
    // The GEMMA component with a data: address is listed without a link; its siblings with web addresses keep theirs.
    await page.goto(`${hub.baseUrl}/referentiecomponenten`);
    expect(await page.locator('a[href^="data:"], a[href^="javascript:" i], a[href*="script:" i]').count()).toBe(0);
    expect(await page.locator('a[href^="https://www.gemmaonline.nl/"]').count()).toBeGreaterThan(100);
    // Search as you type puts the planted names on the page as text.
    await page.goto(`${hub.baseUrl}/zoeken`);
    await page.fill('#zoekterm', 'Leverancier');
    await page.waitForFunction(() =>
      (document.querySelector('#zoekresultaten')?.textContent ?? '').includes('<script>'),
    );
    expect(await ran()).toEqual({ dialogs: [], flag: null });
    await context.close();
  });

  it('blocks inline script, event handlers and javascript: links by the policy, should any reach a page', async () => {
    const { context, page, ran, violations } = await watchedPage();
    for (const path of ['/organisaties/emmen', '/pakketten/open-zaak', '/over']) {
      await page.goto(hub.baseUrl + path);
      violations.length = 0;
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = "window.__pwned='inline script'";
        document.body.append(script);
        const handler = document.createElement('img');
        handler.setAttribute('onerror', "window.__pwned='handler'");
        handler.src = 'data:,broken';
        document.body.append(handler);
        const div = document.createElement('div');
        div.innerHTML = `<a id="geplant" href="javascript:window.__pwned='link'">klik</a>`;
        document.body.append(div);
      });
      await page.click('#geplant');
      await page.waitForTimeout(300);
      expect(await ran(), path).toEqual({ dialogs: [], flag: null });
      // The policy refused each: the inline script, the handler attribute and the javascript: navigation.
      expect(violations.length, `${path}: ${violations.join(', ')}`).toBeGreaterThanOrEqual(3);
      expect(new Set(violations.map((v) => v.replace(/-(elem|attr)$/, '')))).toEqual(new Set(['script-src']));
    }
    await context.close();
  });
});
