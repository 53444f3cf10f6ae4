// Shared browser-test steps: axe with the WCAG 2.1 AA tags, keyboard-only focus moves and a keyboard-only sign-in.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { nextTotpCode } from '../helpers/totp.ts';
import { EDITOR } from './server.ts';

export const chromiumOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export async function axe(page: Page, label: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
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
export async function signIn(page: Page, baseUrl: string, returnTo: string, user: { email: string; password: string; totpSecret?: string } = EDITOR) {
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
