// «Лимиты классов»: with seats taken, the director edits the limit below them and sees the
// API's refusal next to the row; the seats stay as they were.
import { NOW, children, people, schoolOf, signIn, state } from '../lib/flow.mjs';

export default async function limitBelowTaken({ newPage, api, baseUrl, shot, assert, pageErrors }) {
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const director = await api.login(people.director.iin, people.director.name);
  const parent = await api.login(people.parent.iin, people.parent.name);
  const org = state.orgId ?? await schoolOf(api, director);
  const ruLimit = async () => (await api('GET', `/api/orgs/${org}/limits?academic_year=2026-2027`, { token: director }))
    .body.items.find((l) => l.language === 'ru');
  // At least two seats taken in the ru class: accepted applications made through the API.
  for (const c of [children.second, children.third]) {
    const l = await ruLimit();
    if (l.taken_microdistrict + l.taken_outside >= 2) break;
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
    const born = `20${c.iin.slice(0, 2)}-${c.iin.slice(2, 4)}-${c.iin.slice(4, 6)}`;
    const sub = await api('POST', '/api/applications', { token: parent, body: {
      service: 'grade1', org_id: org, academic_year: '2026-2027', language: 'ru',
      child: { iin: c.iin, last_name: c.last, first_name: c.first, middle_name: c.middle, birth_date: born, sex: c.iin[6] === '5' ? 'male' : 'female' },
      applicant: { phone: '+77015551234', email: 'askhat@example.kz', relation: 'father' },
      registered_address_id: 'astana-e117-39', actual_address: null, transport_requested: false,
      special_needs: false, documents: docs } });
    assert.equal(sub.status, 201, JSON.stringify(sub.body));
    const dec = await api('POST', `/api/orgs/${org}/applications/${sub.body.id}/decision`, { token: director, body: { decision: 'accept' } });
    assert.equal(dec.status, 200, JSON.stringify(dec.body));
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
