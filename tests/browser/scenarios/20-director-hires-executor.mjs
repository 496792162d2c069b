// The director adds an executor by IIN on «Персонал»; the invitation waits for consent; the
// executor signs in, consents in the banner and gets the cabinet.
import { NOW, people, schoolOf, signIn, state } from '../lib/flow.mjs';

export default async function directorHires({ newPage, api, shot, assert, pageErrors }) {
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.director, '/cabinet/staff');
  await page.waitForURL('**/cabinet/staff', { waitUntil: 'commit' });
  await page.locator('#staff-iin').fill(people.executor.iin);
  await page.locator('#staff-position').fill('Заместитель директора');
  await page.locator('#staff-role-executor').check();
  await page.locator('form.add-staff button[type="submit"]').click();
  await page.getByTestId('staff-added').waitFor();
  await page.locator('table.stack tr', { hasText: people.executor.iin }).first().waitFor();
  await shot(page, 'staff');

  const token = await api.login(people.director.iin, people.director.name);
  state.orgId ??= await schoolOf(api, token);
  const staff = await api('GET', `/api/orgs/${state.orgId}/staff`, { token });
  const invited = staff.body.items.find((m) => m.iin === people.executor.iin);
  assert.equal(invited?.status, 'awaiting_consent', JSON.stringify(staff.body));

  const ex = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(ex, people.executor, '/');
  const consent = ex.getByTestId('consent');
  await consent.waitFor();
  await consent.locator('button.btn').first().click();
  await consent.waitFor({ state: 'detached' });
  await ex.getByTestId('org-switch').waitFor();
  const after = await api('GET', `/api/orgs/${state.orgId}/staff`, { token });
  assert.equal(after.body.items.find((m) => m.iin === people.executor.iin)?.status, 'active');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
