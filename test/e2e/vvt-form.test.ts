// Editing a line of the statement of applicability through its plain form: the Dutch error, then the save.
import { chromium } from 'playwright-core';
import { expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';
import { chromiumOptions, signIn } from './browser.ts';
import { EDITOR, startHub } from './server.ts';

it('asks for the risk analysis of a measure that does not apply, then saves the line and returns to it', {
  timeout: 200_000,
}, async () => {
  const db = await createTestDatabase();
  await createUser(db.db, EDITOR.email, [{ organisation: 'emmen', role: 'ADMIN' }], { password: EDITOR.password });
  const hub = await startHub(db);
  const browser = await chromium.launch(chromiumOptions);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, hub.baseUrl, '/organisaties/emmen/vvt/5.06.01');
  await page.goto(`${hub.baseUrl}/organisaties/emmen/vvt/5.06.01`);
  await page.check('input[name=applies][value=nee]');
  await page.click('form.gp-form button[type=submit]');
  expect(await page.textContent('#fouten')).toContain('Noem bij "niet van toepassing" de risicoanalyse');
  await page.fill('#reason', 'Risicoanalyse RA-2026-03');
  await page.fill('#owner', 'CISO');
  await page.click('form.gp-form button[type=submit]');
  expect(page.url()).toContain('/organisaties/emmen/vvt#m-5.06.01');
  const line = await db.db.prisma.vvtStatement.findFirstOrThrow({ where: { measureNumber: '5.06.01' } });
  expect(line).toMatchObject({ applies: false, reason: 'Risicoanalyse RA-2026-03', owner: 'CISO' });
  await browser.close();
  await hub.stop();
  await db.drop();
});
