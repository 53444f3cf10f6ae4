// Proposals across organisations in the browser: the receiving organisation's editors see what waits for them,
// linked from the organisation page with a count, and accept or decline with forms that work without JavaScript.
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';
import { axe, chromiumOptions, signIn } from './browser.ts';
import { EDITOR, type RunningHub, startHub } from './server.ts';

let t: TestDatabase;
let hub: RunningHub;
let browser: Browser;
let coevorden: ReturnType<typeof graphqlClient>;
const COEVORDEN = { email: 'redacteur@coevorden.test', password: 'nog een lang en geheim wachtwoord' };

async function proposeEmmenAsOperator(key: string) {
  const u = await coevorden<{ usage: { id: string; revision: number } }>(
    'query($key: String!) { usage(organisation: "coevorden", key: $key) { id revision } }',
    {
      key,
    },
  );
  const res = await coevorden<{ updateUsage: { __typename: string } }>(
    'mutation($input: UpdateUsageInput!) { updateUsage(input: $input) { __typename } }',
    {
      input: { id: u.data?.usage.id, revision: u.data?.usage.revision, operator: 'emmen' },
    },
  );
  expect(res.data?.updateUsage.__typename).toBe('UpdateUsageSuccess');
}
const operatorOf = async (key: string) =>
  (
    await coevorden<{ usage: { operator: { slug: string } | null } }>(
      'query($key: String!) { usage(organisation: "coevorden", key: $key) { operator { slug } } }',
      { key },
    )
  ).data?.usage.operator?.slug ?? null;

/** axe needs a page with JavaScript: the same page once more in a context of its own, signed in. */
async function axeWithJavaScript(path: string, label: string, user = EDITOR) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, hub.baseUrl, path, user);
  await axe(page, label);
  await context.close();
}

beforeAll(async () => {
  t = await createTestDatabase();
  await createUser(t.db, EDITOR.email, [{ organisation: 'emmen', role: 'ADMIN' }], { password: EDITOR.password });
  coevorden = graphqlClient(
    t.db,
    (
      await createUser(t.db, COEVORDEN.email, [{ organisation: 'coevorden', role: 'EDITOR' }], {
        password: COEVORDEN.password,
      })
    ).token,
  );
  await proposeEmmenAsOperator('microsoft-365');
  await proposeEmmenAsOperator('entra-id');
  hub = await startHub(t);
  browser = await chromium.launch(chromiumOptions);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await t?.drop();
});

describe('proposals in the browser', () => {
  it('are linked from the organisation page with a count, accepted and declined without JavaScript, axe-clean', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/organisaties/emmen');
    // One of the organisation page's actions.
    const link = page.locator('.gp-glance-actions a', { hasText: 'Voorstellen' });
    expect(await link.innerText()).toBe('Voorstellen (2 wachten op akkoord)');
    await link.click();
    await page.waitForURL(`${hub.baseUrl}/organisaties/emmen/voorstellen`);
    expect(await page.locator('h1').innerText()).toBe('Voorstellen voor Gemeente Emmen');
    await axeWithJavaScript('/organisaties/emmen/voorstellen', 'voorstellen');

    const row = (product: string) => page.locator('#inkomend ~ div tr', { hasText: product });
    await row('Microsoft 365').locator('button', { hasText: 'Aanvaarden' }).click();
    await page.waitForURL(/gedaan=aanvaarden/);
    expect(await page.locator('[role=status]').innerText()).toBe('Het voorstel is aanvaard.');
    expect(await operatorOf('microsoft-365')).toBe('emmen');

    await row('Entra ID').locator('button', { hasText: 'Afwijzen' }).click();
    // Declining asks first, saying what stays as it is.
    expect(await page.locator('h1').innerText()).toBe('Voorstel afwijzen?');
    expect(await operatorOf('entra-id')).toBeNull();
    await page.locator('button', { hasText: 'Ja, afwijzen' }).click();
    await page.waitForURL(/gedaan=afwijzen/);
    expect(await page.locator('[role=status]').innerText()).toBe('Het voorstel is afgewezen.');
    expect(await operatorOf('entra-id')).toBeNull();
    expect(await page.locator('#inkomend').innerText()).toBe('Wachten op akkoord van Gemeente Emmen (0)');
    expect(await page.locator('#besluiten + ul').innerText()).toMatch(/Entra ID van Gemeente Coevorden: afgewezen/);
    await axeWithJavaScript('/organisaties/emmen/voorstellen', 'voorstellen na besluit');

    // The accepted reference can be ended from the same page.
    await page
      .locator('li', { hasText: 'Microsoft 365 van Gemeente Coevorden' })
      .locator('button', { hasText: 'Beheer beëindigen' })
      .click();
    expect(await page.locator('h1').innerText()).toBe(
      'Technisch beheer van Microsoft 365 voor Gemeente Coevorden beëindigen?',
    );
    await page.locator('button', { hasText: 'Ja, beëindigen' }).click();
    await page.waitForURL(/gedaan=beheer-beeindigen/);
    expect(await operatorOf('microsoft-365')).toBeNull();
    await context.close();
  });

  it('shows the proposing organisation’s usage form that the operator choice is pending', async () => {
    await proposeEmmenAsOperator('intune');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/organisaties/coevorden/gebruik/intune', COEVORDEN);
    expect(await page.locator('dd', { hasText: 'voorgesteld aan' }).innerText()).toMatch(
      /Eigen organisatie · voorgesteld aan Gemeente Emmen, wacht op hun akkoord/,
    );
    expect(await page.locator('#hint-operator').innerText()).toBe(
      'Voorgesteld aan Gemeente Emmen; dat wacht op hun akkoord. Tot dan blijft het technisch beheer zoals het was.',
    );
    // The pending choice stays selected, so saving another field does not withdraw the proposal.
    expect(await page.inputValue('#veld-operator')).toBe('emmen');
    await axeWithJavaScript('/organisaties/coevorden/gebruik/intune', 'gebruik met voorstel', COEVORDEN);
    await context.close();
  });

  it('lets the operator set the technisch beheer load of what it operates for others, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, hub.baseUrl, '/organisaties/emmen/voorstellen');
    const item = page.locator('li', { hasText: 'Entra ID van Gemeente Borger-Odoorn' });
    await item.getByLabel('Last technisch beheer (fte)').fill('1,5');
    await item.locator('button', { hasText: 'Last opslaan' }).click();
    await page.waitForURL(/gedaan=last-instellen/);
    expect(await page.locator('[role=status]').innerText()).toBe('De last voor technisch beheer is bijgewerkt.');
    expect(await page.locator('li', { hasText: 'Entra ID van Gemeente Borger-Odoorn' }).innerText()).toContain(
      'last 1,5 fte',
    );
    await page
      .locator('li', { hasText: 'Entra ID van Gemeente Borger-Odoorn' })
      .getByLabel('Last technisch beheer (fte)')
      .fill('veel');
    await page
      .locator('li', { hasText: 'Entra ID van Gemeente Borger-Odoorn' })
      .locator('button', { hasText: 'Last opslaan' })
      .click();
    expect(await page.locator('body').innerText()).toContain('Geef de last voor technisch beheer als een getal in fte');
    await context.close();

    // Borger-Odoorn's own usage form shows that figure as Emmen's, read-only.
    const owner = { email: 'redacteur@borger-odoorn.test', password: 'een heel ander lang wachtwoord' };
    await createUser(t.db, owner.email, [{ organisation: 'borger-odoorn', role: 'EDITOR' }], {
      password: owner.password,
    });
    const ownerContext = await browser.newContext({ javaScriptEnabled: false });
    const form = await ownerContext.newPage();
    await signIn(form, hub.baseUrl, '/organisaties/borger-odoorn/gebruik/entra-id', owner);
    expect(await form.locator('#hint-fte-technisch').innerText()).toBe(
      'Telt mee in de beheercapaciteit van Gemeente Emmen, dat dit gebruik technisch beheert; alleen Gemeente Emmen past dit cijfer aan.',
    );
    expect(await form.locator('#veld-fte-TECHNICAL_MANAGEMENT').getAttribute('readonly')).not.toBeNull();
    expect(await form.inputValue('#veld-fte-TECHNICAL_MANAGEMENT')).toMatch(/^1[.,]5$/);
    await ownerContext.close();
    await axeWithJavaScript('/organisaties/borger-odoorn/gebruik/entra-id', 'gebruik door een ander beheerd', owner);
  });
});
