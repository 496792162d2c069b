// The director adds an executor by IIN on «Персонал»; the invitation waits for consent; the
// executor signs in, consents in the banner and gets the cabinet.
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
    });
  await shot(director, 'staff');
  const after = await api('GET', `/api/orgs/${state.orgId}/staff`, { token });
  assert.equal(after.body.items.find((m) => m.iin === people.executor.iin)?.status, 'active');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
