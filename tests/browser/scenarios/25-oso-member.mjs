// An «ОСО» member hired by the director sees in the cabinet only «Лимиты классов» and
// «Микроучасток»; the journal's, the staff list's and signing's addresses opened directly show
// no access, and the API refuses the journal and the staff list.
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

  // Nor the staff list or signing, opened by their addresses; the API agrees.
  for (const address of ['/cabinet/staff', '/cabinet/signing']) {
    await page.goto(address);
    await page.getByTestId('no-access').waitFor();
    assert.equal(await page.locator('#staff-iin, .sign-item').count(), 0, `${address} for the oso`);
  }
  const token = await api.login(people.oso.iin, people.oso.name);
  const me = await api('GET', '/api/me', { token });
  const org = me.body.memberships.find((m) => m.org_id)?.org_id;
  for (const [address, status] of [
    [`/api/orgs/${org}/staff`, 403],
    [`/api/orgs/${org}/applications`, 403],
    [`/api/orgs/${org}/limits?academic_year=2026-2027`, 200],
    [`/api/orgs/${org}/microdistrict`, 200],
  ]) {
    assert.equal((await api('GET', address, { token })).status, status, address);
  }

  // Their own pages open.
  await page.goto('/cabinet/limits');
  await page.locator('.limits-page h1').waitFor();
  await page.goto('/cabinet/microdistrict');
  await page.locator('.microdistrict-page h1').waitFor();
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
