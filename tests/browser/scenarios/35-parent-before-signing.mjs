// Decided but not yet signed: the parent sees «На подписании» and nothing of the decision —
// no decision block, no staff IIN, a history of public events only (the API gives no more).
import { NOW, people, signIn, state } from '../lib/flow.mjs';

export default async function parentBeforeSigning({ newPage, api, shot, assert, pageErrors }) {
  assert.ok(state.applicationId, 'an application was decided (30-executor-accepts)');
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const token = await api.login(people.parent.iin, people.parent.name);
  const seen = await api('GET', `/api/applications/${state.applicationId}`, { token });
  assert.equal(seen.body.status, 'on_signing');
  for (const field of ['decision', 'assignee_iin', 'signature']) {
    assert.equal(seen.body[field] ?? null, null, `${field} shown to the parent: ${JSON.stringify(seen.body)}`);
  }
  const history = await api('GET', `/api/applications/${state.applicationId}/history`, { token });
  // (Each scenario sets the same business time, so the order of the two is not the point.)
  assert.deepEqual(history.body.items.map((e) => e.action).sort(), ['decided', 'submitted']);

  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.parent, `/my/${state.applicationId}`);
  await page.locator('.app-card-head .badge[data-status="on_signing"]').waitFor();
  await page.locator('table.history tbody tr').nth(1).waitFor();
  assert.equal(await page.locator('#decision-title').count(), 0, 'no decision before signing');
  assert.equal(await page.locator('#queue-place').count(), 0, 'out of the review queue: no place');
  assert.equal(await page.locator('table.history tbody tr').count(), 2);
  await page.getByText('Заявление направлено на подписание директору').waitFor();
  const text = await page.locator('main').innerText();
  for (const staff of [people.director, people.executor]) {
    assert.ok(!text.includes(staff.iin), `${staff.name}'s IIN on the parent's page`);
  }
  assert.ok(!/Принять|Отказать/.test(text), 'the decision shows through the history');
  await shot(page, 'parent-on-signing');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
