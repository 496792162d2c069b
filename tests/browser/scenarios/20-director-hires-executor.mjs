// The director adds an executor by IIN on «Персонал», with a position chosen from the reference
// list; the invitation waits for consent; the executor signs in, consents in the banner and
// gets the cabinet. The staff list then names them (from their sign-in), the director too.
import { NOW, hireWithConsent, people, schoolOf, state } from '../lib/flow.mjs';

export default async function directorHires({ newPage, api, shot, assert, pageErrors }) {
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const token = await api.login(people.director.iin, people.director.name);
  state.orgId ??= await schoolOf(api, token);
  const { director } = await hireWithConsent({ newPage }, people.executor, 'executor', 'Заместитель директора',
    async () => {
      const staff = await api('GET', `/api/orgs/${state.orgId}/staff`, { token });
      const invited = staff.body.items.find((m) => m.iin === people.executor.iin);
      assert.equal(invited?.status, 'awaiting_consent', JSON.stringify(staff.body));
      assert.equal(invited?.position, 'deputy_director', JSON.stringify(invited));
    });
  const after = await api('GET', `/api/orgs/${state.orgId}/staff`, { token });
  const hired = after.body.items.find((m) => m.iin === people.executor.iin);
  assert.equal(hired?.status, 'active');
  assert.equal(hired?.name, people.executor.name, JSON.stringify(hired));

  // Names lead in the list, with the position's name; the IIN stays beside the name.
  await director.reload();
  const row = director.locator(`tr[data-iin="${people.executor.iin}"]`);
  await row.waitFor();
  assert.match(await row.locator('.person-name').textContent(), new RegExp(people.executor.name));
  assert.match(await row.textContent(), new RegExp(people.executor.iin));
  assert.match(await row.textContent(), /Заместитель директора/);
  const me = director.locator(`tr[data-iin="${people.director.iin}"] .person-name`);
  assert.equal((await me.textContent()).trim(), people.director.name);
  // The select offers the reference list, not the director's own position.
  const options = await director.locator('#staff-position option').allTextContents();
  for (const p of ['Секретарь', 'Учитель', 'Психолог', 'Социальный педагог', 'Делопроизводитель']) {
    assert.ok(options.includes(p), `${p} in ${options}`);
  }
  assert.ok(!options.includes('Директор'), `${options}`);
  await shot(director, 'staff');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
