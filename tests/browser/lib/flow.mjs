// What the enrolment scenarios share: the demo people, the state one scenario leaves for the
// next (the scenarios run in file-name order against one runner), and small page helpers.

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Valid IINs (check digit per the IIN rule); the demo seed knows the director.
export const people = {
  director: { iin: '850315400015', name: 'Ахметова Гульнар' },
  executor: { iin: '870505400001', name: 'Сейтова Динара' },
  oso: { iin: '920707400100', name: 'Жумабаева Айгерим' },
  parent: { iin: '880808300004', name: 'Нурланов Асхат' },
};
// Born 15 March 2019 (a boy) and 20 January 2020 (a girl): both of age for 2026-2027.
export const children = {
  first: { iin: '190315500101', last: 'Нурланов', first: 'Алихан', middle: 'Асхатович' },
  second: { iin: '200120600300', last: 'Нурланова', first: 'Аяла', middle: 'Асхатовна' },
  third: { iin: '191105500707', last: 'Нурланов', first: 'Тимур', middle: 'Асхатович' },
  fourth: { iin: '200214600004', last: 'Нурланова', first: 'Амина', middle: 'Асхатовна' },
};

// A Tuesday morning of the 2026 campaign: the business clock every scenario stands on.
export const NOW = '2026-06-02T10:00:00+05:00';

// Shared between scenarios of one run.
export const state = {};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qabyldau-files-'));

// Small real files to upload: a PNG and a PDF.
export function sampleFiles() {
  const png = path.join(dir, 'photo.png');
  // 1×1 transparent PNG.
  fs.writeFileSync(png, Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64'));
  const pdf = path.join(dir, 'document.pdf');
  fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n' + 'x'.repeat(20_000));
  const big = path.join(dir, 'too-big.pdf');
  fs.writeFileSync(big, Buffer.alloc(5 * 1024 * 1024 + 1, 0x25));
  return { png, pdf, big };
}

// The director's signing key: a P-256 private key as a JWK file and as PKCS#8 PEM.
export function signingKeyFiles() {
  if (!state.keyFiles) {
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = path.join(dir, 'director-key.jwk');
    fs.writeFileSync(jwk, JSON.stringify(privateKey.export({ format: 'jwk' })));
    const pem = path.join(dir, 'director-key.pem');
    fs.writeFileSync(pem, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    state.keyFiles = { jwk, pem };
  }
  return state.keyFiles;
}

// Submits an application for `child` to the school through the API (documents uploaded) and
// has the director accept it: an application «На подписании» with a seat taken. Returns its id.
export async function acceptedApplication({ api, baseUrl, assert }, org, child) {
  const parent = await api.login(people.parent.iin, people.parent.name);
  const director = await api.login(people.director.iin, people.director.name);
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
    service: 'grade1', org_id: org, academic_year: '2026-2027', language: 'ru',
    child: { iin: child.iin, last_name: child.last, first_name: child.first, middle_name: child.middle, birth_date: born, sex: child.iin[6] === '5' ? 'male' : 'female' },
    applicant: { phone: '+77015551234', email: 'askhat@example.kz', relation: 'father' },
    registered_address_id: 'astana-e117-39', actual_address: null, transport_requested: false,
    special_needs: false, documents: docs } });
  assert.equal(sub.status, 201, JSON.stringify(sub.body));
  const dec = await api('POST', `/api/orgs/${org}/applications/${sub.body.id}/decision`, { token: director, body: { decision: 'accept' } });
  assert.equal(dec.status, 200, JSON.stringify(dec.body));
  return sub.body.id;
}

// The director adds `person` on «Персонал» with `role` (a checkbox of the form) and `position`
// (its name in the reference list's select); the person signs in on a page of their own and
// consents in the banner (`invited()` runs before that). Returns both pages.
export async function hireWithConsent({ newPage }, person, role, position, invited = async () => {}) {
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.director, '/cabinet/staff');
  await page.waitForURL('**/cabinet/staff', { waitUntil: 'commit' });
  await page.locator('#staff-iin').fill(person.iin);
  await page.locator('#staff-position').selectOption({ label: position });
  await page.locator(`#staff-role-${role}`).check();
  await page.locator('form.add-staff button[type="submit"]').click();
  await page.getByTestId('staff-added').waitFor();
  await page.locator('table.stack tr', { hasText: person.iin }).first().waitFor();
  await invited();

  const mine = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(mine, person, '/');
  const consent = mine.getByTestId('consent');
  await consent.waitFor();
  await consent.locator('button.btn').first().click();
  await consent.waitFor({ state: 'detached' });
  await mine.getByTestId('org-switch').waitFor();
  return { director: page, person: mine };
}

// Signs in through the sign-in page (dev mode: IIN and name).
export async function signIn(page, who, next = '/') {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator('#login-iin').fill(who.iin);
  await page.locator('#login-name').fill(who.name);
  await page.locator('form button[type="submit"]').click();
  await page.getByTestId('who').waitFor();
}

// The organisation of the demo school No. 72 (the director's first membership).
export async function schoolOf(api, token) {
  const me = await api('GET', '/api/me', { token });
  const org = me.body.memberships.find((m) => m.org_id)?.org_id;
  if (!org) throw new Error(`no organisation in ${JSON.stringify(me.body)}`);
  return org;
}

// Fails when the page scrolls sideways.
export async function assertNoSideScroll(page, assert, what) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${what}: scrollWidth ${scrollWidth} > ${innerWidth}`);
}
