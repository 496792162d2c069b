// Seed 002 «Журнал заявлений»: the director finds a parent's applications by the parent's IIN,
// narrows them with the «Решение» filter, selects two rows and names one responsible for both
// («Назначить ответственного»); the journal then shows the executor by name, and the search
// finds the applications by that name. The applications are for 2027-2028, a queue of their own,
// so the other scenarios' order is untouched.
import { NOW, children, people, schoolOf, signIn, state } from '../lib/flow.mjs';

const YEAR = '2027-2028';

// Submits an application of `child` by the parent for YEAR through the API; returns its id.
async function submitted({ api, baseUrl, assert }, org, parent, child) {
  const docs = [];
  for (const kind of ['photo', 'vaccination_card', 'health_passport']) {
    const bytes = Buffer.from('%PDF-1.4 sample');
    const f = await api('POST', '/api/files', { token: parent, body: { kind, content_type: 'application/pdf', size: bytes.length } });
    assert.equal(f.status, 201, JSON.stringify(f.body));
    const url = f.body.upload.url.startsWith('http') ? f.body.upload.url : baseUrl + f.body.upload.url;
    const up = await fetch(url, { method: f.body.upload.method, headers: f.body.upload.headers, body: bytes });
    assert.ok(up.ok, `upload ${kind}: ${up.status}`);
    docs.push({ kind, file_id: f.body.file_id });
  }
  const born = `20${child.iin.slice(0, 2)}-${child.iin.slice(2, 4)}-${child.iin.slice(4, 6)}`;
  const sub = await api('POST', '/api/applications', { token: parent, body: {
    service: 'grade1', org_id: org, academic_year: YEAR, language: 'ru',
    child: { iin: child.iin, last_name: child.last, first_name: child.first, middle_name: child.middle, birth_date: born, sex: child.iin[6] === '5' ? 'male' : 'female' },
    applicant: { phone: '+77015551234', email: 'askhat@example.kz', relation: 'father' },
    registered_address_id: 'astana-e117-39', actual_address: null, transport_requested: false,
    special_needs: false, documents: docs } });
  assert.equal(sub.status, 201, JSON.stringify(sub.body));
  return sub.body.id;
}

// The executor of scenario 20, hired through the API when this scenario runs alone.
async function executorHired({ api, assert }, org, director) {
  const staff = await api('GET', `/api/orgs/${org}/staff`, { token: director });
  if (staff.body.items.some((m) => m.iin === people.executor.iin && m.status === 'active')) return;
  const inv = await api('POST', `/api/orgs/${org}/staff`, { token: director,
    body: { iin: people.executor.iin, position: 'deputy_director', roles: ['executor'] } });
  assert.equal(inv.status, 202, JSON.stringify(inv.body));
  const executor = await api.login(people.executor.iin, people.executor.name);
  const ok = await api('POST', `/api/me/consents/${inv.body.consent_id}`, { token: executor, body: { accept: true } });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
}

export default async function directorAssigns(ctx) {
  const { newPage, api, shot, assert, pageErrors } = ctx;
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  // The next year's intake opens a year early here (over by September, as the seed's is not
  // open yet then): Astana's department sets its period (seed 003).
  const department = await api.login('820411400100', 'Серікова Дана');
  const period = await api('PUT', `/api/campaigns/grade1/${YEAR}`, { token: department, body: { opens: '2026-06-01', closes: '2026-08-30' } });
  assert.equal(period.status, 200, JSON.stringify(period.body));
  const director = await api.login(people.director.iin, people.director.name);
  const org = state.orgId ?? await schoolOf(api, director);
  await executorHired(ctx, org, director);
  const parent = await api.login(people.parent.iin, people.parent.name);
  const ids = [];
  for (const child of [children.second, children.third, children.fourth]) {
    ids.push(await submitted(ctx, org, parent, child));
  }

  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.director, '/cabinet');
  await page.waitForURL('**/cabinet', { waitUntil: 'commit' });
  // The parent's IIN finds their applications; «Нет решения» keeps the undecided ones.
  await page.locator('#journal-q').fill(people.parent.iin);
  await page.locator('#journal-q').press('Enter');
  await page.locator('#journal-decision').selectOption('none');
  const rows = ids.map((id) => page.locator(`tr[data-id="${id}"]`));
  for (const row of rows) await row.waitFor();
  await shot(page, 'journal-search');

  // Two rows, one responsible.
  for (const row of rows.slice(0, 2)) await row.locator('input[type="checkbox"]').check();
  await page.locator('#assign-executor').selectOption({ label: people.executor.name });
  await page.getByRole('button', { name: /Назначить ответственного \(2\)/ }).click();
  const result = page.getByTestId('assign-result');
  await result.waitFor();
  assert.match(await result.textContent(), /заявок: 2/);
  for (const row of rows.slice(0, 2)) {
    await row.locator('.assignee-cell', { hasText: people.executor.name }).waitFor();
  }
  assert.equal((await rows[2].locator('.assignee-cell').textContent()).trim(), '—');
  await shot(page, 'journal-assigned');

  // The search box finds them by the responsible's name too.
  await page.locator('#journal-q').fill(people.executor.name.split(' ')[0]);
  await page.locator('#journal-q').press('Enter');
  await rows[0].waitFor();
  await rows[1].waitFor();
  assert.equal(await rows[2].count(), 0, 'not assigned to the executor');

  const token = await api.login(people.executor.iin, people.executor.name);
  const mine = await api('GET', `/api/orgs/${org}/applications?assignee=${people.executor.iin}&decision=none`, { token });
  assert.equal(mine.status, 200, JSON.stringify(mine.body));
  for (const id of ids.slice(0, 2)) {
    const app = mine.body.items.find((a) => a.id === id);
    assert.equal(app?.assignee_name, people.executor.name, JSON.stringify(mine.body));
  }
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
