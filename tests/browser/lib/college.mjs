// What the college scenarios share (seed 000): a college of their own with a director and
// specialty lines, an applicant of 16+ who applies for themselves, documents uploaded through the
// files API, and the business clock inside the default campaign (20 June – 25 August).

import { uploadedDocuments, withCheckDigit } from './flow.mjs';

// A Wednesday of the 2026 college campaign: the admission year is 2026-2027.
export const COLLEGE_NOW = '2026-07-01T10:00:00+05:00';
export const YEAR = '2026-2027';

// The lines the college offers: one code in Russian and Kazakh, and another code.
export const LINES = [
  { code: '06130100', language: 'ru', state_places: 10, paid_places: 5,
    name: { ru: 'Программное обеспечение', kk: 'Бағдарламалық қамтамасыз ету' },
    qualification: { ru: 'Разработчик программного обеспечения', kk: 'Бағдарламалық қамтамасыз етуді әзірлеуші' } },
  { code: '06130100', language: 'kk', state_places: 8, paid_places: 4,
    name: { ru: 'Программное обеспечение', kk: 'Бағдарламалық қамтамасыз ету' },
    qualification: { ru: 'Разработчик программного обеспечения', kk: 'Бағдарламалық қамтамасыз етуді әзірлеуші' } },
  { code: '07161300', language: 'ru', state_places: 6, paid_places: 6,
    name: { ru: 'Автомобильный транспорт', kk: 'Автомобиль көлігі' },
    qualification: { ru: 'Техник-механик', kk: 'Техник-механик' } },
].map((l) => ({ ...l, form: 'full_time', basis: 'grade9', id: `${l.code}-${l.language}-full_time-grade9` }));

// The first valid IIN (or BIN) of the 7-digit `head` from the serial `from` on.
export function firstValid(head, from) {
  for (let n = from; ; n++) {
    const v = withCheckDigit(`${head}${String(n).padStart(4, '0')}`);
    if (v) return v;
  }
}

// An applicant born on 15 March 2009 (17 on COLLEGE_NOW): applies for themselves. `serial`
// keeps the scenarios' applicants apart.
export function applicant(serial, last, first) {
  return { iin: firstValid('0903155', serial), name: `${last} ${first}`, last, first };
}

// A college in Astana created by the region's admin, with a fresh director and the LINES.
export async function collegeWithLines(api, assert, serial) {
  const admin = await api.login('800101300016', 'Сапаров Ержан');
  const director = { iin: firstValid('8005124', serial), name: 'Абенова Жанар' };
  const bin = firstValid('0604400', serial);
  const res = await api('POST', '/api/admin/orgs', { token: admin, body: {
    kind: 'college', name: { ru: `Высший колледж «Астана» ${serial}`, kk: `«Астана» жоғары колледжі ${serial}` }, bin,
    region: 'astana', locality_id: 'astana', address: 'г. Астана, пр. Туран, 12',
    languages: ['kk', 'ru'], provides_transport: false, private: false, director_iin: director.iin } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const org = res.body.id;
  const token = await api.login(director.iin, director.name);
  for (const line of LINES) {
    const put = await api('PUT', `/api/orgs/${org}/specialties/${line.id}`, { token, body: line });
    assert.equal(put.status, 200, `line ${line.id}: ${put.status} ${JSON.stringify(put.body)}`);
  }
  return { org, bin, director, directorToken: token };
}

// The documents of a college application, uploaded through the files API as `token`.
export async function collegeDocuments(api, baseUrl, assert, token, kinds = ['education_document', 'photo', 'medical_certificate']) {
  return uploadedDocuments({ api, baseUrl, assert }, token, kinds);
}

// The applicant's application to `org` through the API (for themselves), with `choices` (line
// indexes of LINES) and `score`. Returns it.
export async function submitted({ api, baseUrl, assert }, org, who, choices, score) {
  const token = await api.login(who.iin, who.name);
  const documents = await collegeDocuments(api, baseUrl, assert, token);
  const iin = who.iin;
  const res = await api('POST', '/api/college/applications', { token, body: {
    org_id: org, academic_year: YEAR,
    student: { iin, last_name: who.last, first_name: who.first, middle_name: null,
      birth_date: `20${iin.slice(0, 2)}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`, sex: iin[6] === '5' ? 'male' : 'female' },
    applicant: { phone: '+77015550101', email: null, relation: 'student' },
    basis: 'grade9', certificate_number: `ЖОБ ${iin.slice(-5)}`, average_score: score,
    choices: choices.map((i) => ({ code: LINES[i].code, language: LINES[i].language, form: 'full_time' })),
    quota: null, disability: false, dormitory: false, documents } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

// The director's legal-entity ЭЦП of the college (dev CA), as a .p12 file and its password.
export async function collegeCertificate(api, college, dir) {
  const res = await api('POST', '/api/dev/certificates', {
    body: { iin: college.director.iin, name: college.director.name, bin: college.bin, algorithm: 'ecdsa' } });
  if (res.status !== 200) throw new Error(`dev certificate: ${res.status} ${JSON.stringify(res.body)}`);
  const fs = await import('node:fs');
  const path = await import('node:path');
  const p12 = path.join(dir, `college-director-${college.bin}.p12`);
  fs.writeFileSync(p12, Buffer.from(res.body.p12, 'base64'));
  return { p12, password: res.body.password };
}
