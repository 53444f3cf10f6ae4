// Shared browser-test steps: axe with the WCAG 2.1 AA tags, keyboard-only focus moves and a keyboard-only sign-in.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { nextTotpCode } from '../helpers/totp.ts';
import { EDITOR } from './server.ts';

export const chromiumOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export async function axe(page: Page, label: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    label,
  ).toEqual([]);
}

/** Presses Tab until the element with `id` has focus; fails when it is not reachable. */
export async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 200; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} is not reachable by keyboard`);
}

/** Signs in by keyboard; a user with a seed (totpSecret) passes the second step with a code from it. */
export async function signIn(
  page: Page,
  baseUrl: string,
  returnTo: string,
  user: { email: string; password: string; totpSecret?: string } = EDITOR,
) {
  await page.goto(`${baseUrl}/inloggen?terug=${encodeURIComponent(returnTo)}`);
  await tabTo(page, 'email');
  await page.keyboard.type(user.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  if (user.totpSecret) {
    await page.waitForURL(/\/inloggen\/tweede-stap/);
    await tabTo(page, 'veld-code');
    await page.keyboard.type(await nextTotpCode(user.email, user.totpSecret));
    await page.keyboard.press('Enter');
  }
  await page.waitForURL(`${baseUrl}${returnTo}`);
}

/**
 * What makes a page wider than the screen, as readable lines: the document scrolling sideways, an element or a run of
 * text sticking out of the viewport outside a scrolling region, and a region that scrolls sideways without being
 * marked (role=region, a name, tabindex=0 for the keyboard) or without its visible "Schuif ... opzij" hint.
 */
export async function sidewaysProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const problems: string[] = [];
    if (root.scrollWidth > width)
      problems.push(`de pagina is ${root.scrollWidth}px breed op een scherm van ${width}px`);
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('class') ? `.${el.getAttribute('class')?.trim().split(/\s+/).join('.')}` : ''}`;
    const scrolls = (el: Element) =>
      /auto|scroll/.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1;
    const insideScroller = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
        if (/auto|scroll|hidden|clip/.test(getComputedStyle(a).overflowX)) return true;
      return false;
    };
    const out = (r: DOMRect) => r.width > 0 && (r.right > width + 1 || r.left < -1);
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (scrolls(el)) {
        const marked =
          el.getAttribute('role') === 'region' &&
          el.getAttribute('tabindex') === '0' &&
          (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'));
        const hint = getComputedStyle(el, '::before');
        if (!marked)
          problems.push(`${name(el)} schuift opzij maar is geen gemarkeerd gebied (role=region, naam, tabindex=0)`);
        else if (hint.visibility !== 'visible' || hint.maxBlockSize === '0px' || !hint.content.includes('Schuif'))
          problems.push(`${name(el)} schuift opzij zonder het te zeggen`);
      }
      if (!insideScroller(el) && out(el.getBoundingClientRect())) problems.push(`${name(el)} steekt buiten het scherm`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || insideScroller(node as unknown as Element) || !node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (out(range.getBoundingClientRect()))
        problems.push(`tekst "${node.textContent.trim().slice(0, 40)}" in ${name(parent)} steekt buiten het scherm`);
    }
    return problems;
  });
}

/** Presses Tab until the focused element's text is `text`; fails when it is not reachable within `limit` presses. */
export async function tabToText(page: Page, text: string, limit = 300) {
  for (let i = 0; i < limit; i++) {
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === text) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`"${text}" is not reachable by keyboard`);
}

/** Presses Enter on the focused submit button and waits for the page that answers the post. */
export async function submitByEnter(page: Page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.keyboard.press('Enter'),
  ]);
  await page.waitForLoadState('load');
  return response;
}

/** axe and the sideways check at 1280 and 390 px; `screenshot` names the file of each width, if one is wanted. */
export async function checkBothWidths(page: Page, label: string, screenshot?: (width: number) => string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await axe(page, `${label} ${width}`);
    expect(await sidewaysProblems(page), `${label} ${width}`).toEqual([]);
    if (screenshot) await page.screenshot({ path: screenshot(width), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
