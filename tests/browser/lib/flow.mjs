// What the enrolment scenarios share: the demo people, the state one scenario leaves for the
// next (the scenarios run in file-name order against one runner), and small page helpers.

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Valid IINs (check digit per the IIN rule); the demo seed knows the director, and the local
// population register (infra/seed/population.json) the parents' families.
export const people = {
  director: { iin: '850315400015', name: 'Ахметова Гульнар' },
  executor: { iin: '870505400001', name: 'Сейтова Динара' },
  oso: { iin: '920707400100', name: 'Жумабаева Айгерим' },
  parent: { iin: '880808300004', name: 'Нурланов Асхат' },
  // The guardian of a child the register has no address of.
  guardian: { iin: '870101400312', name: 'Омарова Сәуле' },
  stranger: { iin: '900101300116', name: 'Бөгде Адам' },
};
// The father's children in the register, all registered at «Улица Е 117, дом 39» (school No. 72's
// microdistrict). Born 15 March 2019 (a boy) and 20 January 2020 (a girl): both of age for 2026-2027.
export const children = {
  first: { iin: '190315500101', last: 'Нурланов', first: 'Алихан', middle: 'Асхатович' },
  second: { iin: '200120600300', last: 'Нурланова', first: 'Аяла', middle: 'Асхатовна' },
  third: { iin: '191105500707', last: 'Нурланов', first: 'Тимур', middle: 'Асхатович' },
  fourth: { iin: '200214600004', last: 'Нурланова', first: 'Амина', middle: 'Асхатовна' },
  // The guardian's ward: no registered address in the register.
  ward: { iin: '200830600413', last: 'Омарова', first: 'Дана', middle: '' },
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

// The IIN/BIN check digit (the IIN rule): 11 digits and theirs, or null when none exists.
export function withCheckDigit(d11) {
  const sum = (w) => [...d11].reduce((s, d, i) => s + Number(d) * w[i], 0) % 11;
  let c = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (c === 10) c = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return c === 10 ? null : d11 + c;
}

// The director's ЭЦП from the dev CA (`POST /api/dev/certificates`): a legal entity's certificate
// of the school `org` with a fresh key (`ecdsa` or `rsa`), as a .p12 file and its password; of
// the demo school's director unless `director` names another.
export async function directorCertificate(api, org, algorithm = 'ecdsa', director = people.director) {
  const school = await api('GET', `/api/orgs/${org}`);
  const bin = school.body.bin;
  const res = await api('POST', '/api/dev/certificates', {
    body: { iin: director.iin, name: director.name, bin, algorithm },
  });
  if (res.status !== 200) throw new Error(`dev certificate: ${res.status} ${JSON.stringify(res.body)}`);
  const p12 = path.join(dir, `director-${algorithm}-${crypto.randomUUID()}.p12`);
  fs.writeFileSync(p12, Buffer.from(res.body.p12, 'base64'));
  return { p12, password: res.body.password, bin, chain: [res.body.certificate, res.body.ca_certificate] };
}

// Signs what `base` addresses (an application's decision: /api/orgs/{org}/applications/{id})
// through the API as «Подписать» does in the browser: the payload signed with the certificate's
// key (openssl takes it out of the .p12 once), sent with the chain. Returns the API's answer.
export async function signThroughApi(api, token, base, cert) {
  const p = await api('GET', `${base}/signing-payload`, { token });
  if (p.status !== 200) throw new Error(`signing payload: ${p.status} ${JSON.stringify(p.body)}`);
  cert.key ??= fs.readFileSync(pemFilesOf(cert)[0]);
  const signature = crypto.sign('sha256', Buffer.from(p.body.payload), cert.key).toString('base64');
  return api('POST', `${base}/sign`, { token, body: { signature, certificates: cert.chain } });
}

// The same key as PEM, as `openssl pkcs12 -nodes` writes it: the private key and the
// certificates in two files.
export function pemFilesOf(cert) {
  const base = cert.p12.replace(/\.p12$/, '');
  const pass = ['-passin', `pass:${cert.password}`, '-nodes'];
  execFileSync('openssl', ['pkcs12', '-in', cert.p12, ...pass, '-nocerts', '-out', `${base}-key.pem`]);
  execFileSync('openssl', ['pkcs12', '-in', cert.p12, ...pass, '-nokeys', '-out', `${base}-certs.pem`]);
  return [`${base}-key.pem`, `${base}-certs.pem`];
}

// Checks a stored signature (`GET /api/applications/{id}/signature`) with openssl, the
// README's way: the leaf's public key, the signature's bytes, the payload. Returns openssl's
// verdict ("Verified OK").
export function opensslVerify(record) {
  const base = path.join(dir, `signature-${crypto.randomUUID()}`);
  fs.writeFileSync(`${base}-leaf.pem`, record.certificates[0]);
  fs.writeFileSync(`${base}-pub.pem`, execFileSync('openssl', ['x509', '-pubkey', '-noout', '-in', `${base}-leaf.pem`]));
  fs.writeFileSync(`${base}.sig`, Buffer.from(record.signature, 'base64'));
  fs.writeFileSync(`${base}.txt`, record.payload);
  const args = ['dgst', '-sha256', '-verify', `${base}-pub.pem`, '-signature', `${base}.sig`, `${base}.txt`];
  return execFileSync('openssl', args).toString().trim();
}

// Opens the key file(s) on the signing page with the password (empty for unencrypted PEM) and
// waits for the certificate's summary.
export async function openKey(page, files, password) {
  await page.locator('#sign-key-file').setInputFiles(files);
  await page.locator('#sign-key-password').fill(password);
  await page.getByRole('button', { name: 'Открыть ключ', exact: true }).click();
  await page.getByTestId('key-chosen').waitFor();
}

// The documents a 1st-grade application attaches.
export const GRADE1_DOCUMENTS = ['photo', 'vaccination_card', 'health_passport'];

// Small PDFs of `kinds` uploaded through the files API as `token` (the bytes name `sample`, or
// each its kind), ready to attach: [{kind, file_id}]. A file may be attached to several
// applications of its owner.
export async function uploadedDocuments({ api, baseUrl, assert }, token, kinds, sample) {
  const docs = [];
  for (const kind of kinds) {
    const bytes = Buffer.from(`%PDF-1.4 ${sample ?? kind}`);
    const f = await api('POST', '/api/files', { token, body: { kind, content_type: 'application/pdf', size: bytes.length } });
    assert.equal(f.status, 201, JSON.stringify(f.body));
    const url = f.body.upload.url.startsWith('http') ? f.body.upload.url : baseUrl + f.body.upload.url;
    const up = await fetch(url, { method: f.body.upload.method, headers: f.body.upload.headers, body: bytes });
    assert.ok(up.ok, `upload ${kind}: ${up.status}`);
    docs.push({ kind, file_id: f.body.file_id });
  }
  return docs;
}

// Submits an application for `child` (one of the father's, or of `applicant` whom the register
// names its representative) to the school's class of `language` through the API (documents
// uploaded) and has the director accept it: an application «На подписании» with a seat taken.
// Returns its id.
export async function acceptedApplication({ api, baseUrl, assert }, org, child,
  { applicant = people.parent, language = 'ru' } = {}) {
  const parent = await api.login(applicant.iin, applicant.name);
  const director = await api.login(people.director.iin, people.director.name);
  const docs = await uploadedDocuments({ api, baseUrl, assert }, parent, GRADE1_DOCUMENTS, 'sample');
  const born = `20${child.iin.slice(0, 2)}-${child.iin.slice(2, 4)}-${child.iin.slice(4, 6)}`;
  const sub = await api('POST', '/api/applications', { token: parent, body: {
    service: 'grade1', org_id: org, academic_year: '2026-2027', language,
    child: { iin: child.iin, last_name: child.last, first_name: child.first, middle_name: child.middle, birth_date: born, sex: child.iin[6] === '5' ? 'male' : 'female' },
    applicant: { phone: '+77015551234', email: 'askhat@example.kz', relation: 'father' },
    actual_address: null, transport_requested: false,
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
