// The kindergarten service's staff pages: a private kindergarten's director publishes and changes
// state-order places; a father (through the API) registers his child in the queue and chooses the
// kindergarten, signing the choice with his personal certificate; the director confirms the
// child's arrival («Зачислен») and the line shows it; the education department of Astana
// confirms a privilege claim on a phone. axe checks every state on the way (lib/axe.mjs).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { NOW, assertNoSideScroll, signIn, withCheckDigit } from '../lib/flow.mjs';

// The demo father of preschool children (infra/seed/population.json) and the department (README).
const father = { iin: '870321305115', name: 'Ержанов Бауыржан' };
const elder = { iin: '210203605116', last_name: 'Ержанова', first_name: 'Айым', middle_name: '', birth_date: '2021-02-03', sex: 'female' };
const edu = { iin: '820411400100', name: 'Отдел образования Астаны' };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

// A private kindergarten in Astana (kk and ru) with a fresh director, created by the region admin.
async function kindergarten(api, assert) {
  const admin = await api.login('800101300016', 'Админ Астаны');
  let iin = null;
  let bin = null;
  for (let n = 301; !iin || !bin; n++) {
    iin ??= withCheckDigit(`8709144${String(n).padStart(4, '0')}`);
    bin ??= withCheckDigit(`1905400${String(n).padStart(4, '0')}`);
  }
  const res = await api('POST', '/api/admin/orgs', { token: admin, body: {
    kind: 'kindergarten', name: { ru: 'Детский сад «Айгөлек»', kk: '«Айгөлек» балабақшасы' }, bin,
    region: 'astana', locality_id: 'astana', address: 'г. Астана, ул. Кенесары, 40',
    languages: ['kk', 'ru'], provides_transport: false, private: true, director_iin: iin } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { org: res.body.id, director: { iin, name: 'Қасымова Меруерт' } };
}

// A boy born 10 January 2023 whom the population register records as the father's son.
async function ownChild(api, assert) {
  let iin = null;
  for (let n = 7001; !iin; n++) iin = withCheckDigit(`2301105${String(n).padStart(4, '0')}`);
  const res = await api('POST', '/api/dev/population', { body: { child_iin: iin,
    representatives: [{ iin: father.iin, relation: 'father' }], registered_address_id: null } });
  assert.ok(res.status < 300, JSON.stringify(res.body));
  return { iin, last_name: 'Ержанов', first_name: 'Алдияр', middle_name: '', birth_date: '2023-01-10', sex: 'male' };
}

// The child's application in the queue: registered now, or the one already active (another
// scenario may have registered the child), with `body`'s privilege claimed again when asked.
async function inQueue(api, assert, token, child, extra = {}) {
  const body = { child, locality_id: 'astana', language: 'kk', privilege: 'none',
    phone: '8 701 555 12 34', ...extra };
  const res = await api('POST', '/api/preschool/applications', { token, body });
  if (res.status === 201) return res.body;
  assert.equal(res.body?.error?.code, 'already_in_queue', JSON.stringify(res.body));
  const mine = await api('GET', '/api/preschool/applications', { token });
  const app = mine.body.items.find((a) => a.child.iin === child.iin && !['enrolled', 'removed'].includes(a.state));
  assert.ok(app, `the child's active application: ${JSON.stringify(mine.body)}`);
  if (extra.privilege && app.privilege.status !== 'pending') {
    const ch = await api('POST', `/api/preschool/applications/${app.id}/privilege`, { token,
      body: { privilege: extra.privilege, privilege_document: extra.privilege_document } });
    assert.equal(ch.status, 200, JSON.stringify(ch.body));
    return ch.body;
  }
  return app;
}

// A supporting document uploaded through the files API.
async function proof(api, baseUrl, assert, token) {
  const bytes = Buffer.from('%PDF-1.4 privilege proof');
  const f = await api('POST', '/api/files', { token, body: { kind: 'privilege_proof', content_type: 'application/pdf', size: bytes.length } });
  assert.equal(f.status, 201, JSON.stringify(f.body));
  const url = f.body.upload.url.startsWith('http') ? f.body.upload.url : baseUrl + f.body.upload.url;
  const up = await fetch(url, { method: f.body.upload.method, headers: f.body.upload.headers, body: bytes });
  assert.ok(up.ok, `upload: ${up.status}`);
  return { kind: 'privilege_proof', file_id: f.body.file_id };
}

// `domain::preschool::choice_payload`: what the applicant signs when choosing a kindergarten.
function choicePayload(app, org, language) {
  return [
    ['format', 'qabyldau.preschool.choice.v1'], ['application_id', app.id],
    ['application_number', app.number], ['child_iin', app.child.iin], ['org_id', org],
    ['language', language], ['age_group', app.child.birth_date.slice(0, 4)],
    ['queue_number_not_kept', 'true'],
  ].map(([k, v]) => `${k}=${v}\n`).join('');
}

// The father chooses the kindergarten through the API, signing with his personal dev certificate.
async function choose(api, assert, token, app, org) {
  const places = await api('GET', `/api/preschool/applications/${app.id}/places`, { token });
  assert.equal(places.status, 200, JSON.stringify(places.body));
  const list = Array.isArray(places.body) ? places.body : places.body.items;
  assert.ok(list.some((p) => p.org_id === org && p.language === 'kk'), JSON.stringify(list));
  const cert = await api('POST', '/api/dev/certificates', { body: { iin: father.iin, name: father.name, algorithm: 'ecdsa' } });
  assert.equal(cert.status, 200, JSON.stringify(cert.body));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qabyldau-choice-'));
  const p12 = path.join(dir, 'father.p12');
  fs.writeFileSync(p12, Buffer.from(cert.body.p12, 'base64'));
  const pass = ['-passin', `pass:${cert.body.password}`, '-nodes'];
  const key = execFileSync('openssl', ['pkcs12', '-in', p12, ...pass, '-nocerts']).toString();
  const chain = execFileSync('openssl', ['pkcs12', '-in', p12, ...pass, '-nokeys', '-clcerts']).toString();
  const certificates = chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  const signature = crypto.sign('sha256', Buffer.from(choicePayload(app, org, 'kk')), key).toString('base64');
  const res = await api('POST', `/api/preschool/applications/${app.id}/direction`, { token, body: {
    org_id: org, language: 'kk', warning_accepted: true, signature, certificates } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

export default async function preschoolStaff({ newPage, api, baseUrl, shot, assert, pageErrors }) {
  const clock = await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  assert.equal(clock.status, 200, JSON.stringify(clock.body));
  const parent = await api.login(father.iin, father.name);

  // The education department of Astana confirms a privilege claim, on a phone; refusing needs
  // a comment (the domain's check, in the page's language).
  const claim = await inQueue(api, assert, parent, elder,
    { privilege: 'first_priority', privilege_document: await proof(api, baseUrl, assert, parent) });
  const dept = await newPage(PHONE);
  await signIn(dept, edu, '/preschool/edu');
  await dept.waitForURL('**/preschool/edu');
  const row = dept.locator(`tr[data-testid="claim"][data-number="${claim.number}"]`);
  await row.waitFor();
  // The supporting document opens in a new tab from its short-lived link.
  const [tab] = await Promise.all([
    dept.context().waitForEvent('page'),
    row.getByTestId('open-document').click(),
  ]);
  await tab.waitForURL((url) => url.href !== 'about:blank');
  assert.match(tab.url(), /\/(files|uploads|api)\//, tab.url());
  await tab.close();
  await assertNoSideScroll(dept, assert, '/preschool/edu');
  await shot(dept, 'preschool-edu');
  await row.getByTestId('refuse').click();
  await row.getByTestId('refuse-send').click();
  await row.locator('.error-text').waitFor();
  await row.getByRole('button', { name: 'Отмена' }).click();
  await row.getByTestId('confirm').click();
  await dept.getByTestId('decided').filter({ hasText: claim.number }).waitFor();
  await row.waitFor({ state: 'detached' });
  const after = await api('GET', `/api/preschool/applications/${claim.id}`, { token: parent });
  assert.equal(after.body.privilege.status, 'confirmed', JSON.stringify(after.body));
  await dept.locator('#region-places-title').waitFor();

  // The director publishes places for the 2023 group in Kazakh, then changes the count.
  const { org, director } = await kindergarten(api, assert);
  const page = await newPage(DESKTOP);
  await signIn(page, director, '/preschool/kindergarten');
  await page.waitForURL('**/preschool/kindergarten');
  await page.getByTestId('places-empty').waitFor();
  await page.getByTestId('directions-empty').waitFor();
  await page.locator('#place-new-group').selectOption('2023');
  await page.locator('#place-new-language').selectOption('kk');
  await page.locator('#place-new-count').fill('3');
  await page.locator('#place-add').click();
  const place = page.locator('tr[data-group="2023-kk"]');
  await place.getByTestId('free').filter({ hasText: '3' }).waitFor();
  await page.locator('#place-count-2023-kk').fill('2');
  await place.getByRole('button', { name: /Сохранить/ }).click();
  await place.getByTestId('free').filter({ hasText: '2' }).waitFor();
  await place.locator('.saved').waitFor();
  await shot(page, 'preschool-kindergarten-places');

  // The father's child gets a direction there (API); the page shows it with its days left. A
  // child of this scenario's own (the register records it): other scenarios direct the demo ones.
  const kid = await ownChild(api, assert);
  const app = await inQueue(api, assert, parent, kid);
  await choose(api, assert, parent, app, org);
  await page.reload();
  const line = page.locator(`tr[data-testid="direction"][data-number="${app.number}"]`);
  await line.waitFor();
  assert.equal(await line.getByTestId('state').getAttribute('data-state'), 'issued');
  assert.equal((await line.getByTestId('days-left').textContent()).trim(), '5');
  await place.getByTestId('taken').filter({ hasText: '1' }).waitFor();

  // Never below the places taken: the server's message under the line.
  await page.locator('#place-count-2023-kk').fill('0');
  await place.getByRole('button', { name: /Сохранить/ }).click();
  await page.locator('.row-error [data-code="places_below_outstanding"]').waitFor();
  await shot(page, 'preschool-kindergarten-below-taken');

  // «Зачислен», asked once more, and the line shows it.
  await line.getByTestId('arrival').click();
  await line.getByTestId('arrival-yes').click();
  await page.locator(`tr[data-testid="direction"][data-number="${app.number}"] [data-state="enrolled"]`).waitFor();
  const enrolled = await api('GET', `/api/preschool/applications/${app.id}`, { token: parent });
  assert.equal(enrolled.body.state, 'enrolled', JSON.stringify(enrolled.body));
  await shot(page, 'preschool-kindergarten-enrolled');

  // In Kazakh.
  await page.locator('button.lang[data-lang="kk"]').click();
  await page.locator('#directions-title', { hasText: 'Жолдамалар' }).waitFor();
  await page.locator(`tr[data-number="${app.number}"] [data-state="enrolled"]`, { hasText: 'Қабылданды' }).waitFor();
  await shot(page, 'preschool-kindergarten-kk');
  await page.locator('button.lang[data-lang="ru"]').click();

  // The department sees the region's places and the direction.
  await dept.reload();
  await dept.locator(`tr[data-testid="region-direction"][data-number="${app.number}"]`).waitFor();
  await dept.getByTestId('region-place').filter({ hasText: 'Айгөлек' }).first().waitFor();
  await assertNoSideScroll(dept, assert, '/preschool/edu with the region');

  assert.deepEqual(pageErrors().map((e) => e.message), [], 'no uncaught page errors');
}
