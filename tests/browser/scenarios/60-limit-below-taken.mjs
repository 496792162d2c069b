// «Лимиты классов»: with seats taken, the director edits the limit below them and sees the
// API's refusal next to the row; the seats stay as they were.
import { NOW, acceptedApplication, children, people, schoolOf, signIn, state } from '../lib/flow.mjs';

export default async function limitBelowTaken({ newPage, api, baseUrl, shot, assert, pageErrors }) {
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const director = await api.login(people.director.iin, people.director.name);
  const org = state.orgId ?? await schoolOf(api, director);
  const ruLimit = async () => (await api('GET', `/api/orgs/${org}/limits?academic_year=2026-2027`, { token: director }))
    .body.items.find((l) => l.language === 'ru');
  // At least two seats taken in the ru class: accepted applications made through the API.
  for (const c of [children.second, children.third]) {
    const l = await ruLimit();
    if (l.taken_microdistrict + l.taken_outside >= 2) break;
    await acceptedApplication({ api, baseUrl, assert }, org, c);
  }
  const ru = await ruLimit();
  const taken = ru.taken_microdistrict + ru.taken_outside;
  assert.ok(taken >= 2, JSON.stringify(ru));

  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.director, '/cabinet/limits');
  await page.waitForURL('**/cabinet/limits', { waitUntil: 'commit' });
  const seats = page.locator(`#limit-seats-${ru.id}`);
  await seats.waitFor();
  await seats.fill(String(taken - 1));
  await page.locator(`#limit-classes-${ru.id}`).fill('1');
  const row = page.locator(`tr[data-id="${ru.id}"]`);
  await row.locator('button[type="submit"]').click();
  const refusal = page.locator('[data-code="seats_below_accepted"]');
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /\S/);
  await shot(page, 'limits-refusal');
  const again = await api('GET', `/api/orgs/${org}/limits?academic_year=2026-2027`, { token: director });
  assert.equal(again.body.items.find((l) => l.id === ru.id).seats, ru.seats, 'the seats did not change');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
