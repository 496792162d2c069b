// The executor finds the parent's application in «Государственные услуги» by the child's name,
// opens its card (documents included) and accepts: the application goes to «На подписании».
import { NOW, children, people, signIn, state } from '../lib/flow.mjs';

export default async function executorAccepts({ newPage, api, shot, assert, pageErrors }) {
  assert.ok(state.applicationId, 'the parent submitted an application (10-parent-applies)');
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.executor, '/cabinet');
  await page.waitForURL('**/cabinet', { waitUntil: 'commit' });
  await page.locator('#journal-q').fill(children.first.first);
  await page.locator('#journal-q').press('Enter');
  const row = page.locator(`tr[data-id="${state.applicationId}"]`);
  await row.waitFor();
  await shot(page, 'journal');
  await row.locator('a.row-link').click();
  await page.getByTestId('child-name').waitFor();
  assert.match(await page.getByTestId('child-name').textContent(), new RegExp(children.first.first));
  assert.match(await page.getByTestId('admission-type').textContent(), /микроучастк/i);

  // A document opens in a new tab: its one-time address serves the uploaded photo.
  await shot(page, 'card');
  const [tab] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Открыть' }).first().click(),
  ]);
  await tab.waitForURL('**/uploads/**');
  await tab.waitForLoadState();
  assert.equal(await tab.evaluate(() => document.contentType), 'image/png', 'the photo opens');
  await tab.close();

  await page.getByRole('button', { name: 'Принять', exact: true }).click();
  await page.locator('.badge[data-status="on_signing"]').first().waitFor();
  await shot(page, 'card-decided');
  const token = await api.login(people.executor.iin, people.executor.name);
  const app = await api('GET', `/api/applications/${state.applicationId}`, { token });
  assert.equal(app.body.status, 'on_signing');
  assert.equal(app.body.decision?.decision, 'accept');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
