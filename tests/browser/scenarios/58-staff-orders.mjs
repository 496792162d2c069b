// «Приказы» (seed 003): a family's three signed acceptances; the director forms the draft of the
// enrolment order on the page (the three checked, anyone else's left out); a member of the
// office («Сотрудник канцелярии», hired on «Персонал») registers it as № 152 on a 360 px phone
// in Kazakh (a number that is not one is refused at the field); the director signs it with the
// school's key file; «Книга регистрации приказов» shows it with who signed; the parent sees
// «Скачать приказ о зачислении» and downloads the order, a PDF. Russian and Kazakh, desktop and
// phone; axe checks every state on the way (lib/axe.mjs).
import fs from 'node:fs';
import {
  NOW, acceptedApplication, assertNoSideScroll, directorCertificate, hireWithConsent, openKey,
  people, schoolOf, signIn, signThroughApi, state,
} from '../lib/flow.mjs';

// A family this scenario adds to the population register (valid IINs): the father and three
// children of age for 2026-2027, registered in school No. 72's microdistrict.
const father = { iin: '860412300018', name: 'Муратов Ерлан' };
const kids = [
  { iin: '190708500019', last: 'Муратов', first: 'Арман', middle: 'Ерланович' },
  { iin: '191122600012', last: 'Муратова', first: 'Малика', middle: 'Ерланқызы' },
  { iin: '200301600017', last: 'Муратова', first: 'Аружан', middle: 'Ерланқызы' },
];
// The office's member the director hires.
const office = { iin: '910405400018', name: 'Тулегенова Жанар' };
const fullName = (k) => `${k.last} ${k.first} ${k.middle}`;
const PHONE = { viewport: { width: 360, height: 740 } };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

// Russian first: a person's chosen language is remembered from earlier scenarios.
async function inRussian(page) {
  const ru = page.locator('button.lang[data-lang="ru"]');
  if (await ru.isVisible()) await ru.click();
  await page.waitForFunction(() => document.documentElement.lang === 'ru');
}

async function toLang(page, lang) {
  await page.locator(`button.lang[data-lang="${lang}"]`).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

export default async function staffOrders(ctx) {
  const { newPage, api, baseUrl, shot, assert, pageErrors } = ctx;
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const director = await api.login(people.director.iin, people.director.name);
  const org = state.orgId ?? await schoolOf(api, director);
  const cert = await directorCertificate(api, org);

  // Three signed acceptances, made through the API.
  const ids = [];
  for (const k of kids) {
    const family = await api('POST', '/api/dev/population', { body: { child_iin: k.iin,
      representatives: [{ iin: father.iin, relation: 'father' }], registered_address_id: 'astana-e117-39' } });
    assert.ok(family.status < 300, JSON.stringify(family.body));
    // (The Kazakh class: the seats of the Russian one are for 60-limit-below-taken to count.)
    const id = await acceptedApplication({ api, baseUrl, assert }, org, k, { applicant: father, language: 'kk' });
    const signed = await signThroughApi(api, director, `/api/orgs/${org}/applications/${id}`, cert);
    assert.equal(signed.status, 200, JSON.stringify(signed.body));
    assert.equal(signed.body.status, 'accepted');
    ids.push(id);
  }

  // «Персонал» offers the office's role; the new member consents.
  const { director: page, person: clerk } = await hireWithConsent(ctx, office, 'office', 'Делопроизводитель', async () => {});
  const row = page.locator('table.stack tr', { hasText: office.iin }).first();
  assert.match(await row.textContent(), /Сотрудник канцелярии/);
  await shot(page, 'orders-staff-office');
  await clerk.close();

  // The director forms the draft: all candidates come checked; anyone not of this family is
  // left out.
  await inRussian(page);
  await page.goto('/cabinet/orders');
  await page.getByRole('heading', { level: 1, name: 'Приказы' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Новый приказ о зачислении' }).waitFor();
  const candidates = page.getByTestId('order-candidate');
  await candidates.filter({ hasText: fullName(kids[0]) }).waitFor();
  for (const c of await candidates.all()) {
    const box = c.locator('input[type="checkbox"]');
    assert.ok(await box.isChecked(), 'every candidate comes checked');
    const text = await c.textContent();
    if (!kids.some((k) => text.includes(fullName(k)))) await box.uncheck();
  }
  const mine = candidates.filter({ hasText: 'Муратов' });
  assert.equal(await mine.count(), 3);
  assert.match(await mine.first().textContent(), /№ \d+ от 02\.06\.2026/);
  await page.getByText(/Выбрано детей: 3 из \d+/).waitFor();
  await shot(page, 'orders-candidates');
  await page.getByRole('button', { name: 'Сформировать проект приказа' }).click();
  await page.getByTestId('orders-flash').filter({ hasText: 'Проект приказа сформирован' }).waitFor();
  const draft = page.locator('article.order[data-status="draft"]', { hasText: 'Детей в приказе' }).first();
  await draft.waitFor();
  const orderId = await draft.getAttribute('data-id');
  const order = await api('GET', `/api/orgs/${org}/orders/${orderId}`, { token: director });
  assert.deepEqual(order.body.children.map((c) => c.application_id).sort(), [...ids].sort());
  assert.equal(order.body.prepared_by_name, people.director.name);
  assert.equal(await candidates.filter({ hasText: 'Муратов' }).count(), 0, 'in an order, no longer a candidate');
  await draft.getByText('Список детей (3)').click();
  await draft.getByText(`${fullName(kids[1])}, 22.11.2019 г.р.`).waitFor();
  await shot(page, 'orders-draft');

  // The office registers it, on a phone in Kazakh: no draft of its own to form or discard.
  const phone = await newPage(PHONE);
  await signIn(phone, office, '/cabinet/orders');
  await phone.waitForURL('**/cabinet/orders', { waitUntil: 'commit' });
  await toLang(phone, 'kk');
  await phone.getByRole('heading', { level: 1, name: 'Бұйрықтар' }).waitFor();
  const item = phone.locator(`article.order[data-id="${orderId}"]`);
  await item.waitFor();
  assert.equal(await phone.getByRole('heading', { name: 'Қабылдау туралы жаңа бұйрық' }).count(), 0, 'the office prepares no order');
  assert.equal(await item.getByRole('button', { name: 'Жобаны жою' }).count(), 0, 'nor discards one');
  const number = item.locator(`#order-number-${orderId}`);
  assert.equal(await item.locator(`#order-date-${orderId}`).inputValue(), '2026-06-02', 'dated today by default');
  assert.match(await number.getAttribute('placeholder'), /келесі бос нөмір/);
  await number.fill('15a');
  await item.getByRole('button', { name: 'Тіркеу', exact: true }).click();
  await item.locator(`#order-number-${orderId}-error`, { hasText: 'бүтін сан' }).waitFor();
  assert.equal(await number.getAttribute('aria-invalid'), 'true');
  await assertNoSideScroll(phone, assert, 'the orders page with the registration form');
  await shot(phone, 'orders-register-phone-kk');
  await number.fill('152');
  await item.getByRole('button', { name: 'Тіркеу', exact: true }).click();
  await phone.getByTestId('orders-flash').filter({ hasText: 'Бұйрық тіркелді' }).waitFor();
  await phone.locator(`article.order[data-id="${orderId}"][data-status="registered"]`)
    .getByRole('heading', { name: '02.06.2026 жылғы № 152 «Оқушыларды қабылдау туралы» бұйрығы' }).waitFor();
  assert.equal(await item.getByRole('button', { name: 'Қол қою', exact: true }).count(), 0, 'the office does not sign');
  await phone.getByTestId('book-row').filter({ hasText: '152' }).waitFor();
  await assertNoSideScroll(phone, assert, 'the orders page with the book');
  await shot(phone, 'orders-registered-phone-kk');
  await toLang(phone, 'ru');

  // The director signs it with the school's key file.
  await page.reload();
  const registered = page.locator(`article.order[data-id="${orderId}"][data-status="registered"]`);
  await registered.getByRole('heading', { name: 'Приказ № 152 от 02.06.2026 «О зачислении учащихся»' }).waitFor();
  await registered.getByRole('button', { name: 'Подписать', exact: true }).click();
  await registered.getByRole('alert').filter({ hasText: 'Сначала выберите файл ключа' }).waitFor();
  await openKey(page, cert.p12, cert.password);
  await registered.getByRole('button', { name: 'Подписать', exact: true }).click();
  await page.getByTestId('orders-flash').filter({ hasText: 'Приказ подписан' }).waitFor();
  const signed = page.locator(`article.order[data-id="${orderId}"][data-status="signed"]`);
  await signed.getByText('Подписан', { exact: true }).waitFor();
  const after = await api('GET', `/api/orgs/${org}/orders/${orderId}`, { token: director });
  assert.equal(after.body.status, 'signed');
  assert.equal(after.body.registration.number, 152);

  // «Книга регистрации приказов» of 2026: the seed's five columns.
  const bookRow = page.getByTestId('book-row').filter({ hasText: '152' });
  await bookRow.filter({ hasText: 'Ахметова Гульнар, Директор' }).waitFor();
  const headers = await page.locator('table.order-book th').allTextContents();
  assert.deepEqual(headers, ['№ п/п', '№ приказа', 'Дата издания', 'Название приказа',
    'Кем подписан (Фамилия, имя, отчество, должность)']);
  const cells = await bookRow.locator('td').allTextContents();
  assert.deepEqual(cells.slice(1), ['152', '02.06.2026', 'О зачислении учащихся', 'Ахметова Гульнар, Директор']);
  assert.match(cells[0], /^\d+$/);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    signed.locator('button[data-paper="order"]').click(),
  ]);
  assert.equal(file.suggestedFilename(), 'order-152.pdf');
  assert.equal(fs.readFileSync(await file.path()).subarray(0, 5).toString('latin1'), '%PDF-');
  await shot(page, 'orders-signed');
  // Another calendar year's book is empty.
  await page.locator('#book-year').fill('2025');
  await page.locator('#book-year').press('Enter');
  await page.locator('#book-year').blur();
  await page.getByText('В этом году приказы не регистрировались.').waitFor();
  await page.locator('#book-year').fill('2026');
  await page.locator('#book-year').blur();
  await bookRow.waitFor();
  // The same page in Kazakh.
  await toLang(page, 'kk');
  await page.getByRole('heading', { level: 2, name: 'Бұйрықтарды тіркеу кітабы' }).waitFor();
  await page.getByRole('button', { name: 'Бұйрықты жүктеу (PDF)' }).first().waitFor();
  await shot(page, 'orders-kk');
  await toLang(page, 'ru');

  // The parent downloads the signed order from the application's page (a phone).
  const parent = await newPage(PHONE);
  await signIn(parent, father, `/my/${ids[1]}`);
  await parent.waitForURL(`**/my/${ids[1]}`, { waitUntil: 'commit' });
  await inRussian(parent);
  const button = parent.locator('section.papers button[data-paper="order"]');
  await button.waitFor();
  assert.equal((await button.textContent()).trim(), 'Скачать приказ о зачислении');
  await parent.locator('table.history tr', { hasText: 'Подписан приказ о зачислении' })
    .filter({ hasText: '№ 152' }).waitFor();
  const [response, download] = await Promise.all([
    parent.waitForResponse((r) => r.url().endsWith(`/api/applications/${ids[1]}/papers/order`)),
    parent.waitForEvent('download'),
    button.click(),
  ]);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /^application\/pdf/);
  assert.equal(fs.readFileSync(await download.path()).subarray(0, 5).toString('latin1'), '%PDF-');
  await assertNoSideScroll(parent, assert, 'the application page with the order');
  await shot(parent, 'orders-parent-phone');
  await toLang(parent, 'kk');
  await parent.getByRole('button', { name: 'Қабылдау туралы бұйрықты жүктеу' }).waitFor();
  await shot(parent, 'orders-parent-phone-kk');
  await toLang(parent, 'ru');

  // Desktop parent, another child: the same paper.
  const desk = await newPage(DESKTOP);
  await signIn(desk, father, `/my/${ids[0]}`);
  await desk.locator('section.papers button[data-paper="order"]').waitFor();
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
