// «Комплектование классов» (seed 003 «Автоматическое распределение детей по классам», «О
// комплектовании классов»): a school of its own (created by Astana's admin, so that no other
// scenario's children are among its classes) with a Kazakh-class limit of 120 seats in 4
// classes and 87 signed Kazakh-class acceptances of children of its microdistrict, made through
// the API. On the page the director deals them: four cards «А», «Ә», «Б», «В» of 22/22/22/21;
// moves a child, deals again after confirming (the hand change is gone), moves a child again and
// names a teacher; forms the order «О комплектовании классов», after which the classes are
// read-only; on «Приказы» the order lists its classes; the office registers it on a phone in
// Kazakh, the director signs it with the school's key file and downloads its PDF. Russian and
// Kazakh, desktop and 360 px; axe checks every state on the way (lib/axe.mjs).
import fs from 'node:fs';
import {
  GRADE1_DOCUMENTS, NOW, assertNoSideScroll, directorCertificate, openKey, signIn, signThroughApi,
  uploadedDocuments, withCheckDigit,
} from '../lib/flow.mjs';

const CHILDREN = 87;
// Requests of one kind at once (the children's registration, applications, signatures).
const BATCH = 8;
const YEAR = '2026-2027';
const PHONE = { viewport: { width: 360, height: 740 } };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const ADMIN = { iin: '800101300016', name: 'Сапаров Ержан' };
// The school's people: its director, a member of its office and the parent of the children.
const director = { iin: withCheckDigit('83050940590'), name: 'Жунусова Сауле' };
const office = { iin: withCheckDigit('92021140590'), name: 'Омарова Айнур' };
const parent = { iin: withCheckDigit('84071730590'), name: 'Сериков Данияр' };

// `n` children born in turn from 1 April 2019 four days apart, girls and boys alternating (44
// girls and 43 boys of 87): valid IINs of the birth date and sex.
function children(n) {
  const out = [];
  for (let i = 0; out.length < n; i++) {
    const born = new Date(Date.UTC(2019, 3, 1 + 4 * out.length));
    const girl = out.length % 2 === 0;
    const ymd = born.toISOString().slice(2, 10).replaceAll('-', '');
    const iin = withCheckDigit(`${ymd}${girl ? 6 : 5}59${String(i % 100).padStart(2, '0')}`);
    if (!iin) continue;
    const k = out.length + 1;
    out.push({ iin, born: born.toISOString().slice(0, 10), sex: girl ? 'female' : 'male',
      last: girl ? 'Серикова' : 'Сериков', first: `${girl ? 'Айару' : 'Алихан'} ${k}` });
  }
  return out;
}

// Runs `f` on every item, `BATCH` at a time; returns the results in order.
async function inBatches(items, f) {
  const out = [];
  for (let i = 0; i < items.length; i += BATCH) {
    out.push(...await Promise.all(items.slice(i, i + BATCH).map(f)));
  }
  return out;
}

// The school, its director's key, the Kazakh-class limit and the microdistrict.
async function school({ api, assert }) {
  const admin = await api.login(ADMIN.iin, ADMIN.name);
  let bin = null;
  for (let n = 590; !bin; n++) bin = withCheckDigit(`2606400${String(n).padStart(4, '0')}`);
  const res = await api('POST', '/api/admin/orgs', { token: admin, body: {
    kind: 'school', name: { ru: 'Школа-гимназия № 59 г. Астаны', kk: 'Астана қаласының № 59 мектеп-гимназиясы' },
    bin, region: 'astana', locality_id: 'astana', address: 'г. Астана, улица Е 117, дом 37',
    languages: ['kk', 'ru'], provides_transport: false, private: false, director_iin: director.iin } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const org = res.body.id;
  const token = await api.login(director.iin, director.name);
  const limit = await api('POST', `/api/orgs/${org}/limits`, { token, body: {
    academic_year: YEAR, grade: 1, language: 'kk', seats: 120, classes: 4 } });
  assert.equal(limit.status, 201, JSON.stringify(limit.body));
  const attached = await api('POST', `/api/orgs/${org}/microdistrict`, { token, body: { address_id: 'astana-e117' } });
  assert.ok(attached.status < 300, JSON.stringify(attached.body));
  return { org, token, cert: await directorCertificate(api, org, 'ecdsa', director) };
}

// The children's signed Kazakh-class acceptances: registered at «Улица Е 117, дом 37» (the
// school's microdistrict, whose share of the seats holds them all), applied for, accepted in
// queue order and signed. Returns the application ids.
async function acceptances(ctx, { org, token, cert }) {
  const { api, assert } = ctx;
  const kids = children(CHILDREN);
  const mine = await api.login(parent.iin, parent.name);
  // The three documents, uploaded once and attached to every application.
  const docs = await uploadedDocuments(ctx, mine, GRADE1_DOCUMENTS);
  const applied = await inBatches(kids, async (k) => {
    const family = await api('POST', '/api/dev/population', { body: { child_iin: k.iin,
      representatives: [{ iin: parent.iin, relation: 'father' }], registered_address_id: 'astana-e117-37' } });
    assert.ok(family.status < 300, JSON.stringify(family.body));
    const sub = await api('POST', '/api/applications', { token: mine, body: {
      service: 'grade1', org_id: org, academic_year: YEAR, language: 'kk',
      child: { iin: k.iin, last_name: k.last, first_name: k.first, middle_name: '', birth_date: k.born, sex: k.sex },
      applicant: { phone: '+77015551234', email: 'daniyar@example.kz', relation: 'father' },
      actual_address: null, transport_requested: false, special_needs: false, documents: docs } });
    assert.equal(sub.status, 201, JSON.stringify(sub.body));
    assert.equal(sub.body.admission_type, 'microdistrict');
    return sub.body;
  });
  // Decided in queue order, as the review requires.
  applied.sort((a, b) => a.number - b.number);
  for (const a of applied) {
    const dec = await api('POST', `/api/orgs/${org}/applications/${a.id}/decision`, { token, body: { decision: 'accept' } });
    assert.equal(dec.status, 200, JSON.stringify(dec.body));
  }
  await inBatches(applied, async (a) => {
    const signed = await signThroughApi(api, token, `/api/orgs/${org}/applications/${a.id}`, cert);
    assert.equal(signed.status, 200, JSON.stringify(signed.body));
  });
  return applied.map((a) => a.id);
}

async function toLang(page, lang) {
  const button = page.locator(`button.lang[data-lang="${lang}"]`);
  if (await button.isVisible()) await button.click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

// The cards' headings, in order.
const headings = (page) => page.locator('article.class-card h3').allTextContents();

export default async function staffClasses(ctx) {
  const { newPage, api, shot, assert, pageErrors } = ctx;
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const started = Date.now();
  const mine = await school(ctx);
  const { org, token } = mine;
  const ids = await acceptances(ctx, mine);
  console.log(`    ${CHILDREN} signed acceptances in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const base = `/api/orgs/${org}/classes/${YEAR}/kk`;

  // None yet: the explanation and «Распределить автоматически».
  const page = await newPage(DESKTOP);
  await signIn(page, director, '/cabinet/classes');
  await page.waitForURL('**/cabinet/classes', { waitUntil: 'commit' });
  await toLang(page, 'ru');
  await page.getByRole('heading', { level: 1, name: 'Комплектование классов' }).waitFor();
  await page.locator('a.nav-link.current', { hasText: 'Комплектование классов' }).waitFor();
  assert.equal(await page.locator('#classes-language').inputValue(), 'kk', 'Kazakh classes first');
  await page.getByRole('heading', { level: 2, name: 'Классы ещё не распределены' }).waitFor();
  await shot(page, 'classes-none');
  await page.getByRole('button', { name: 'Распределить автоматически' }).click();
  await page.getByTestId('classes-flash').filter({ hasText: 'Дети распределены по классам.' }).waitFor();
  const cards = page.locator('article.class-card');
  await cards.first().waitFor();
  const dealt = ['1 «А» класс — 22 учащихся', '1 «Ә» класс — 22 учащихся', '1 «Б» класс — 22 учащихся',
    '1 «В» класс — 21 учащихся'];
  assert.deepEqual(await headings(page), dealt);
  assert.deepEqual(await cards.evaluateAll((all) => all.map((c) => c.dataset.letter)), ['А', 'Ә', 'Б', 'В']);
  await page.getByTestId('classes-total').filter({ hasText: 'Классов: 4, учащихся: 87 (девочек: 44, мальчиков: 43).' }).waitFor();
  await cards.nth(0).getByText('Девочек: 11, мальчиков: 11').waitFor();
  await cards.nth(3).getByText('Девочек: 11, мальчиков: 10').waitFor();
  const composed = await api('GET', base, { token });
  assert.deepEqual(composed.body.classes.flatMap((c) => c.children.map((x) => x.application_id)).sort(), [...ids].sort());
  await shot(page, 'classes-dealt');

  // A child of «А» into «В».
  const moveFirst = async () => {
    const child = cards.nth(0).locator('ol.class-children > li').first();
    const id = await child.getAttribute('data-id');
    const select = child.locator('select.class-move');
    assert.match(await select.getAttribute('aria-label'), /^Перевести в другой класс: Сериков/);
    assert.deepEqual(await select.locator('option').allTextContents(),
      ['Перевести в класс…', '1 «Ә» класс', '1 «Б» класс', '1 «В» класс']);
    await select.selectOption({ label: '1 «В» класс' });
    await page.getByTestId('classes-flash').filter({ hasText: 'Ребёнок переведён в другой класс.' }).waitFor();
    await cards.nth(3).locator(`li[data-id="${id}"]`).waitFor();
    // Numbered from 1 again in the class it left.
    assert.equal(await cards.nth(0).locator('ol.class-children > li').first().getAttribute('value'), '1');
    return id;
  };
  await moveFirst();
  assert.deepEqual(await headings(page), ['1 «А» класс — 21 учащихся', dealt[1], dealt[2], '1 «В» класс — 22 учащихся']);

  // «Распределить заново» asks first; cancelled, nothing changes; confirmed, the hand change goes.
  await page.getByRole('button', { name: 'Распределить заново' }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.filter({ hasText: 'Переводы и классные руководители, указанные вручную, будут сброшены' }).waitFor();
  await shot(page, 'classes-confirm');
  await confirm.getByRole('button', { name: 'Отмена' }).click();
  await confirm.waitFor({ state: 'detached' });
  assert.equal((await headings(page))[0], '1 «А» класс — 21 учащихся');
  await page.getByRole('button', { name: 'Распределить заново' }).click();
  await confirm.getByRole('button', { name: 'Да, распределить заново' }).click();
  await page.getByTestId('classes-flash').filter({ hasText: 'Дети распределены по классам.' }).waitFor();
  await page.getByRole('heading', { level: 3, name: dealt[3] }).waitFor();
  assert.deepEqual(await headings(page), dealt);

  // By hand again: a child moved, «Ә»'s teacher named.
  const moved = await moveFirst();
  const teacher = page.locator('#class-teacher-2');
  await teacher.fill('Жунусова П. Т.');
  await cards.nth(1).getByRole('button', { name: 'Сохранить' }).click();
  await page.getByTestId('classes-flash').filter({ hasText: 'Классный руководитель сохранён.' }).waitFor();
  const edited = await api('GET', base, { token });
  assert.equal(edited.body.classes[1].teacher, 'Жунусова П. Т.');
  assert.ok(edited.body.classes[3].children.some((c) => c.application_id === moved));
  assert.equal(edited.body.order_id ?? null, null);
  await shot(page, 'classes-edited');

  // The same page in Kazakh, and on a phone in both languages.
  await toLang(page, 'kk');
  await page.getByRole('heading', { level: 1, name: 'Сыныптарды жасақтау' }).waitFor();
  await page.getByRole('heading', { level: 3, name: '1 «Ә» сыныбы — 22 оқушы' }).waitFor();
  await cards.nth(1).getByText('Қыздар: 11, ұлдар: 11').waitFor();
  await page.getByRole('button', { name: 'Жасақтау туралы бұйрықты жасау' }).waitFor();
  await shot(page, 'classes-kk');
  await toLang(page, 'ru');
  const phone = await newPage(PHONE);
  await signIn(phone, director, '/cabinet/classes');
  await phone.waitForURL('**/cabinet/classes', { waitUntil: 'commit' });
  await toLang(phone, 'ru');
  await phone.getByRole('heading', { level: 3, name: '1 «А» класс — 21 учащихся' }).waitFor();
  await assertNoSideScroll(phone, assert, 'the classes page');
  await shot(phone, 'classes-phone');
  await toLang(phone, 'kk');
  await phone.getByRole('heading', { level: 3, name: '1 «В» сыныбы — 22 оқушы' }).waitFor();
  await assertNoSideScroll(phone, assert, 'the classes page in Kazakh');
  await shot(phone, 'classes-phone-kk');
  await toLang(phone, 'ru');
  await phone.close();

  // The order of it: the classes are read-only from now on.
  await page.getByRole('button', { name: 'Сформировать приказ о комплектовании' }).click();
  await page.getByTestId('classes-flash').filter({ hasText: 'Приказ о комплектовании сформирован' }).waitFor();
  const frozen = page.getByTestId('classes-frozen');
  await frozen.filter({ hasText: 'изменить их нельзя' }).waitFor();
  assert.equal(await page.locator('select.class-move').count(), 0, 'no moves once ordered');
  assert.equal(await page.locator('#class-teacher-2').count(), 0, 'no teacher field once ordered');
  assert.equal(await page.getByRole('button', { name: 'Распределить заново' }).count(), 0);
  await cards.nth(1).getByText('Жунусова П. Т.').waitFor();
  const ordered = await api('GET', base, { token });
  const orderId = ordered.body.order_id;
  assert.ok(orderId, JSON.stringify(ordered.body));
  await shot(page, 'classes-frozen');

  // «Приказы» lists it with its classes.
  await frozen.getByRole('link', { name: 'Перейти к приказам' }).click();
  await page.waitForURL('**/cabinet/orders');
  const draft = page.locator(`article.order[data-id="${orderId}"][data-status="draft"]`);
  await draft.getByRole('heading', { name: 'Проект приказа «О комплектовании классов на 2026-2027 учебный год»' }).waitFor();
  assert.deepEqual(await draft.locator('ul.order-classes li').allTextContents(), [
    '1 «А» класс — 21 учащихся', '1 «Ә» класс — 22 учащихся, кл. руководитель Жунусова П. Т.',
    '1 «Б» класс — 22 учащихся', '1 «В» класс — 22 учащихся']);
  await draft.locator('dd', { hasText: /^87$/ }).waitFor();
  await shot(page, 'classes-order-draft');

  // The office (hired through the API) registers it on a phone in Kazakh.
  const inv = await api('POST', `/api/orgs/${org}/staff`, { token, body: { iin: office.iin, position: 'secretary', roles: ['office'] } });
  assert.equal(inv.status, 202, JSON.stringify(inv.body));
  const clerk = await api.login(office.iin, office.name);
  const ok = await api('POST', `/api/me/consents/${inv.body.consent_id}`, { token: clerk, body: { accept: true } });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const small = await newPage(PHONE);
  await signIn(small, office, '/cabinet/classes');
  await small.waitForURL('**/cabinet/classes', { waitUntil: 'commit' });
  await toLang(small, 'kk');
  // The office reads the classes and changes nothing.
  await small.getByRole('heading', { level: 3, name: '1 «Ә» сыныбы — 22 оқушы' }).waitFor();
  assert.equal(await small.locator('select.class-move').count(), 0);
  await assertNoSideScroll(small, assert, 'the frozen classes page');
  await small.goto('/cabinet/orders');
  const item = small.locator(`article.order[data-id="${orderId}"]`);
  await item.locator('ul.order-classes li', { hasText: 'сынып жетекшісі Жунусова П. Т.' }).waitFor();
  await item.locator(`#order-number-${orderId}`).fill('153');
  await item.getByRole('button', { name: 'Тіркеу', exact: true }).click();
  await small.getByTestId('orders-flash').filter({ hasText: 'Бұйрық тіркелді' }).waitFor();
  await small.locator(`article.order[data-id="${orderId}"][data-status="registered"]`)
    .getByRole('heading', { name: '02.06.2026 жылғы № 153 «2026-2027 оқу жылына сыныптарды жасақтау туралы» бұйрығы' }).waitFor();
  await assertNoSideScroll(small, assert, 'the orders page with the class order');
  await shot(small, 'classes-order-registered-phone-kk');
  await toLang(small, 'ru');

  // The director signs it with the school's key file and downloads it.
  await page.reload();
  const registered = page.locator(`article.order[data-id="${orderId}"][data-status="registered"]`);
  await registered.getByRole('heading', { name: 'Приказ № 153 от 02.06.2026 «О комплектовании классов на 2026-2027 учебный год»' }).waitFor();
  await openKey(page, mine.cert.p12, mine.cert.password);
  await registered.getByRole('button', { name: 'Подписать', exact: true }).click();
  await page.getByTestId('orders-flash').filter({ hasText: 'Приказ подписан' }).waitFor();
  const signed = page.locator(`article.order[data-id="${orderId}"][data-status="signed"]`);
  await signed.waitFor();
  const after = await api('GET', `/api/orgs/${org}/orders/${orderId}`, { token });
  assert.equal(after.body.status, 'signed');
  assert.equal(after.body.kind, 'classes');
  const [response, file] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/orgs/${org}/orders/${orderId}/paper`)),
    page.waitForEvent('download'),
    signed.locator('button[data-paper="order"]').click(),
  ]);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /^application\/pdf/);
  assert.equal(file.suggestedFilename(), 'order-153.pdf');
  assert.equal(fs.readFileSync(await file.path()).subarray(0, 5).toString('latin1'), '%PDF-');
  await page.getByTestId('book-row').filter({ hasText: 'О комплектовании классов на 2026-2027 учебный год' }).waitFor();
  await shot(page, 'classes-order-signed');

  // Back on the classes: still read-only. The Russian classes have none yet, nor a limit to
  // deal them by: the API's refusal, in the reader's language.
  await page.goto('/cabinet/classes');
  await frozen.waitFor();
  await page.locator('#classes-language').selectOption('ru');
  await page.getByRole('heading', { level: 2, name: 'Классы ещё не распределены' }).waitFor();
  await page.getByRole('button', { name: 'Распределить автоматически' }).click();
  await page.locator('[role="alert"][data-code="no_limit"]', { hasText: 'не установлен лимит мест' }).waitFor();
  await shot(page, 'classes-no-limit');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
  console.log(`    the scenario took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
