// The parent sees the final status and the notice (with the unread count), then switches to
// Kazakh and reads the Kazakh texts; the language is remembered over a reload.
import { NOW, people, signIn, state } from '../lib/flow.mjs';

export default async function parentSeesResult({ newPage, api, shot, assert, pageErrors }) {
  assert.ok(state.applicationId, 'the application was signed (40-director-signs)');
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  // Notices travel through the queue; the relay sends whatever is pending now.
  await api('POST', '/api/dev/jobs/outbox-relay');
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.parent, '/my');
  await page.waitForURL('**/my', { waitUntil: 'commit' });
  const badge = page.locator('.badge[data-status="accepted"]').first();
  await badge.waitFor();
  assert.equal((await badge.textContent()).trim(), 'Принято');
  await page.getByTestId('unread').waitFor();
  await shot(page, 'my-applications');

  await page.goto('/notifications');
  await page.getByText(/принят/i).first().waitFor();
  await shot(page, 'notifications');

  await page.locator('button.lang[data-lang="kk"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'kk');
  await page.goto('/my');
  await page.locator('.badge[data-status="accepted"]').first().waitFor();
  assert.equal((await page.locator('.badge[data-status="accepted"]').first().textContent()).trim(), 'Қабылданды');
  assert.ok(await page.getByText('Менің өтініштерім').first().isVisible(), 'the nav is in Kazakh');
  await page.goto('/notifications');
  await page.getByText(/қабылданды/i).first().waitFor();
  await shot(page, 'notifications-kk');
  await page.reload();
  await page.waitForFunction(() => document.documentElement.lang === 'kk');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
