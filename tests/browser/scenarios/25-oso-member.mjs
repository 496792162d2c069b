// An «ОСО» member hired by the director sees in the cabinet only «Лимиты классов» and
// «Микроучасток»; the journal's address opened directly shows no access, not the journal.
import { NOW, hireWithConsent, people } from '../lib/flow.mjs';

export default async function osoMember({ newPage, api, shot, assert, pageErrors }) {
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const { person: page } = await hireWithConsent({ newPage }, people.oso, 'oso', 'Методист');

  // The cabinet's part of the navigation: what follows the separator.
  const cabinet = await page.locator('#site-nav .nav-sep ~ a.nav-link').allTextContents();
  const names = cabinet.map((t) => t.trim()).filter((t) => t !== 'Профиль');
  assert.deepEqual(names, ['Лимиты классов', 'Микроучасток'], `the oso member's cabinet: ${JSON.stringify(cabinet)}`);
  await shot(page, 'oso-nav');

  await page.goto('/cabinet');
  const refusal = page.getByTestId('no-access');
  await refusal.waitFor();
  assert.equal(await page.locator('.journal-page').count(), 0, 'no journal for the oso member');
  assert.equal(await page.locator('#journal-q').count(), 0);
  await shot(page, 'oso-journal-refused');

  // Their own pages open.
  await page.goto('/cabinet/limits');
  await page.locator('.limits-page h1').waitFor();
  await page.goto('/cabinet/microdistrict');
  await page.locator('.microdistrict-page h1').waitFor();
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
