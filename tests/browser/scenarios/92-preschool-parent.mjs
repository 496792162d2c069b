// The kindergarten service, a parent's way (seed 004): a demo father registers his son in
// Astana's queue with a privilege and its document; the education department confirms the
// privilege (through the API); the father sees the privileged number, chooses a private
// kindergarten with free places (the warning first), signs the choice with his personal
// certificate in the browser and sees the direction with its working days left. Axe checks
// every state (the flow's instrumentation); one pass on a 360 px phone and one in Kazakh.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertNoSideScroll, openKey, sampleFiles, signIn, withCheckDigit } from '../lib/flow.mjs';

// A demo family of the README: the father and his son born 10.01.2023 (3 years old on NOW).
const FATHER = { iin: '870321305115', name: 'Касымов Ерлан' };
const SON = { iin: '230110505118', last: 'Касымов', first: 'Арман', birth: '10.01.2023' };
const EDU = { iin: '820411400100', name: 'Серікова Дана' };
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

// A private kindergarten in Astana with free state-order places for children born in 2023,
// created by the region's admin and published by its director (README).
async function privateKindergarten(api, assert) {
  const admin = await api.login('800101300016', 'Админ Астаны');
  let iin = null;
  let bin = null;
  for (let n = 921; !iin || !bin; n++) {
    iin ??= withCheckDigit(`8505054${String(n).padStart(4, '0')}`);
    bin ??= withCheckDigit(`1904400${String(n).padStart(4, '0')}`);
  }
  const res = await api('POST', '/api/admin/orgs', { token: admin, body: {
    kind: 'kindergarten', name: { ru: 'Детский сад «Айгөлек»', kk: '«Айгөлек» балабақшасы' }, bin,
    region: 'astana', locality_id: 'astana', address: 'г. Астана, ул. Кенесары, 40',
    languages: ['kk', 'ru'], provides_transport: false, private: true, director_iin: iin } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const org = res.body.id;
  const director = await api.login(iin, 'Жунусова Меруерт');
  const put = await api('PUT', `/api/orgs/${org}/places`, { token: director,
    body: { age_group: 2023, language: 'ru', count: 3 } });
  assert.ok(put.status === 200 || put.status === 201, `places: ${put.status} ${JSON.stringify(put.body)}`);
  return org;
}

// The father's personal certificate from the dev CA, as a .p12 file and its password.
async function personalCertificate(api) {
  const res = await api('POST', '/api/dev/certificates', {
    body: { iin: FATHER.iin, name: FATHER.name, algorithm: 'rsa' } });
  if (res.status !== 200) throw new Error(`dev certificate: ${res.status} ${JSON.stringify(res.body)}`);
  const p12 = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qabyldau-parent-')), 'father.p12');
  fs.writeFileSync(p12, Buffer.from(res.body.p12, 'base64'));
  return { p12, password: res.body.password };
}

export default async function preschoolParent({ newPage, api, shot, assert }) {
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, FATHER, '/preschool');
  await page.waitForURL('**/preschool', { waitUntil: 'commit' });
  await page.locator('.preschool-applications').waitFor();
  await shot(page, 'pp-list');

  // Registration: the IIN gives the birth date and sex; a privilege asks for its document.
  await page.locator('a.btn[href="/preschool/new"]').first().click();
  await page.locator('#pp-register-title').waitFor();
  await page.locator('#child-iin').fill(SON.iin);
  assert.equal(await page.locator('#child-birth-date').textContent(), SON.birth);
  await page.locator('#child-last-name').fill(SON.last);
  await page.locator('#child-first-name').fill(SON.first);
  await page.locator('#locality').selectOption('astana');
  await page.locator('#language').selectOption('ru');
  await page.locator('#privilege-first_priority').check();
  // Sent without the document: the error sits at its field.
  await page.locator('#pp-register-submit').click();
  await page.locator('#privilege-document-error.error-text').waitFor();
  await page.locator('#privilege-document').setInputFiles(sampleFiles().pdf);
  await page.getByTestId('uploaded').waitFor();
  await page.locator('#phone').fill('+7 701 555 12 34');
  await page.locator('#email').fill('erlan@example.kz');
  await shot(page, 'pp-register-filled');
  await page.locator('#pp-register-submit').click();
  await page.waitForURL('**/preschool/applications/*');
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  await page.locator('#pp-privilege-status').waitFor();
  assert.equal(await page.locator('#pp-privileged-number').textContent(), '0', 'no privileged number before confirmation');
  await shot(page, 'pp-application-registered');

  // The tabs: history and documents.
  await page.locator('#pp-tab-history').click();
  await page.locator('table.pp-history tr[data-action="registered"]').waitFor();
  await page.locator('#pp-tab-documents').click();
  await page.locator('table.pp-documents tr[data-kind]').first().waitFor();
  const download = page.waitForEvent('download');
  await page.locator('table.pp-documents tr[data-kind] button').first().click();
  assert.match((await download).suggestedFilename(), /\.pdf$/);
  await page.locator('#pp-tab-info').click();

  // The education department confirms the privilege.
  const edu = await api.login(EDU.iin, EDU.name);
  const claims = await api('GET', '/api/region/privileges', { token: edu });
  assert.equal(claims.status, 200, JSON.stringify(claims.body));
  assert.ok(claims.body.items.some((c) => c.application_id === id), 'the claim is listed');
  const decided = await api('POST', `/api/preschool/applications/${encodeURIComponent(id)}/privilege/decision`,
    { token: edu, body: { confirm: true } });
  assert.equal(decided.status, 200, JSON.stringify(decided.body));
  await page.reload();
  await page.locator('#pp-privileged-number').waitFor();
  assert.notEqual(await page.locator('#pp-privileged-number').textContent(), '0', 'the privileged number');

  // Choosing: the warning, the free places, one chosen, signed with the personal key.
  const org = await privateKindergarten(api, assert);
  const cert = await personalCertificate(api);
  await page.reload();
  await page.locator('#pp-choose').click();
  await page.locator('#pp-warning-text').waitFor();
  await shot(page, 'pp-warning');
  await page.locator('#pp-warning-ok').click();
  const row = page.locator(`table.pp-places tr[data-org="${org}"]`);
  await row.waitFor();
  await shot(page, 'pp-places');
  await row.locator('button.pp-pick').click();
  await openKey(page, [cert.p12], cert.password);
  await shot(page, 'pp-sign');
  await page.locator('#pp-sign-send').click();
  await page.locator('#pp-direction-title').waitFor();
  const left = Number(await page.locator('#pp-days-left').textContent());
  assert.ok(left >= 1 && left <= 5, `working days left: ${left}`);
  assert.equal(await page.locator('.preschool-application').getAttribute('data-state'), 'directed');
  await shot(page, 'pp-directed');

  // On a phone, in Kazakh: the list and the application, nothing scrolls sideways.
  const phone = await newPage(PHONE);
  await signIn(phone, FATHER, '/preschool');
  await phone.waitForURL('**/preschool', { waitUntil: 'commit' });
  await phone.locator('button.lang[data-lang="kk"]').click();
  await phone.waitForFunction(() => document.documentElement.lang === 'kk');
  await phone.locator('table.pp-table tbody tr').first().waitFor();
  await assertNoSideScroll(phone, assert, '/preschool (kk, 360 px)');
  await shot(phone, 'pp-list-kk-phone');
  await phone.locator('table.pp-table a.row-link').first().click();
  await phone.locator('#pp-direction-title').waitFor();
  await assertNoSideScroll(phone, assert, 'the application (kk, 360 px)');
  await shot(phone, 'pp-application-kk-phone');
  await phone.locator('button.lang[data-lang="ru"]').click();
  await phone.waitForFunction(() => document.documentElement.lang === 'ru');
}
