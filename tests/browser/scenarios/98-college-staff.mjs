// The college's admissions office (seed 000) on the main cabinet's pages: the director finds the
// application in the journal (the score and first specialty in its column), opens its card with
// the college's section, refuses another application — the college's grounds only, no
// «переполненность класс-комплектов» — and accepts this one; signs both on «На подписании» with
// the college's ЭЦП; «Обработанные заявки» lists them; «Специальности» adds and changes a line;
// the line's ranked list names the accepted applicant. The applicant then sees the decision and
// the rank, on a 360 px phone in Kazakh and Russian. Uses 96-college-applicant's application when
// run after it, else makes its own through the API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertNoSideScroll, openKey, signIn, state } from '../lib/flow.mjs';
import { COLLEGE_NOW, LINES, applicant, collegeCertificate, collegeWithLines, submitted } from '../lib/college.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

export default async function collegeStaff(ctx) {
  const { newPage, api, shot, assert, pageErrors } = ctx;
  await api('PUT', '/api/dev/clock', { body: { now: COLLEGE_NOW } });
  let college = state.college;
  if (!college) {
    const own = await collegeWithLines(api, assert, 111);
    const student = applicant(211, 'Сейтқали', 'Арман');
    const a = await submitted(ctx, own.org, student, [0, 2], 4.6);
    college = { ...own, applicationId: a.id, student };
  }
  const other = await submitted(ctx, college.org, applicant(221, 'Омарова', 'Дана'), [1], 3.9);
  const id = college.applicationId;

  // The journal: both applications, each with its score.
  const page = await newPage(DESKTOP);
  await signIn(page, college.director, '/college/cabinet');
  await page.waitForURL('**/college/cabinet', { waitUntil: 'commit' });
  const row = page.locator(`tr[data-id="${id}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId('score').textContent(), '4.60');
  await page.locator(`tr[data-id="${other.id}"]`).waitFor();
  await shot(page, 'college-journal');

  // The other one refused: the college's grounds only.
  await page.locator(`tr[data-id="${other.id}"] a.row-link`).click();
  await page.getByTestId('college-details').waitFor();
  await page.getByRole('button', { name: 'Отказать', exact: true }).click();
  await page.locator('#reject-panel').waitFor();
  assert.equal(await page.locator('#reason-classes_overfilled').count(), 0, 'no class-overfill ground for a college');
  assert.equal(await page.locator('#reject-panel input[name="reason"]').count(), 6, 'the six grounds of the college');
  await page.locator('#reason-unreliable_documents').check();
  await page.getByRole('button', { name: 'Подтвердить и отправить' }).click();
  await page.locator('.badge[data-status="on_signing"]').first().waitFor();

  // This one accepted, from its card with the college's section.
  await page.goto(`/college/cabinet/applications/${id}`);
  const details = page.getByTestId('college-details');
  await details.waitFor();
  assert.equal(await details.getByTestId('score').textContent(), '4.60');
  assert.equal(await details.locator('[data-testid="choices"] li').count(), 2);
  assert.equal(await page.getByTestId('admission-type').count(), 0, 'no microdistrict on a college card');
  await shot(page, 'college-card');
  await page.getByRole('button', { name: 'Принять', exact: true }).click();
  await page.locator('.badge[data-status="on_signing"]').first().waitFor();

  // «На подписании»: both signed with the college's key.
  const cert = await collegeCertificate(api, college, fs.mkdtempSync(path.join(os.tmpdir(), 'qabyldau-college-')));
  await page.getByRole('link', { name: 'На подписании' }).click();
  await page.waitForURL('**/college/cabinet/signing');
  await openKey(page, [cert.p12], cert.password);
  for (const x of [id, other.id]) {
    const item = page.locator(`article.sign-item[data-id="${x}"]`);
    await item.getByRole('button', { name: 'Подписать', exact: true }).click();
    await item.getByTestId('signed').waitFor();
  }
  await shot(page, 'college-signed');
  const token = await api.login(college.student.iin, college.student.name);
  const app = await api('GET', `/api/applications/${id}`, { token });
  assert.equal(app.body.status, 'accepted', JSON.stringify(app.body));

  // «Обработанные заявки».
  await page.getByRole('link', { name: 'Обработанные заявки' }).click();
  await page.locator(`tr[data-id="${id}"] .badge[data-status="accepted"]`).waitFor();
  await page.locator(`tr[data-id="${other.id}"] .badge[data-status="rejected"]`).waitFor();
  await shot(page, 'college-processed');

  // «Специальности»: a line added, its places changed; the ranked list of the accepted line.
  await page.getByRole('link', { name: 'Специальности' }).click();
  await page.locator(`tr[data-line="${LINES[0].id}"]`).waitFor();
  await page.locator('#sp-add').click();
  await page.locator('#sp-code').fill('0716');
  await page.locator('#sp-save').click();
  await page.locator('#sp-code-error.error-text').waitFor();
  await page.locator('#sp-code').fill('07161300');
  await page.locator('#sp-name-ru').fill('Автомобильный транспорт');
  await page.locator('#sp-name-kk').fill('Автомобиль көлігі');
  await page.locator('#sp-qualification-ru').fill('Техник-механик');
  await page.locator('#sp-qualification-kk').fill('Техник-механик');
  await page.locator('#sp-language').selectOption('kk');
  await page.locator('#sp-state-places').fill('7');
  await page.locator('#sp-save').click();
  const added = page.locator('tr[data-line="07161300-kk-full_time-grade9"]');
  await added.getByTestId('state-places').filter({ hasText: '7' }).waitFor();
  await added.getByRole('button', { name: /Изменить/ }).click();
  await page.locator('#sp-state-places').fill('9');
  await page.locator('#sp-save').click();
  await added.getByTestId('state-places').filter({ hasText: '9' }).waitFor();
  await shot(page, 'college-specialties');
  await page.locator(`tr[data-line="${LINES[0].id}"] a.btn`).click();
  const ranked = page.locator('tr[data-testid="rank-row"][data-position="1"]');
  await ranked.waitFor();
  assert.match(await ranked.textContent(), new RegExp(college.student.first), 'staff see the name');
  await shot(page, 'college-ranking-staff');

  // The applicant, on a phone: the decision and the rank, in Kazakh and Russian.
  const phone = await newPage(PHONE);
  await signIn(phone, college.student, '/college/my');
  await phone.waitForURL('**/college/my', { waitUntil: 'commit' });
  const card = phone.locator(`li[data-testid="application-card"][data-id="${id}"][data-status="accepted"]`);
  await card.waitFor();
  await card.getByTestId('decision').filter({ hasText: 'Документы приняты' }).waitFor();
  const line = card.locator(`[data-testid="my-rank"] tr[data-line="${LINES[0].id}"]`);
  await line.getByTestId('position').filter({ hasText: '1 из 1' }).waitFor();
  await line.getByTestId('seat').filter({ hasText: 'в пределах мест' }).waitFor();
  await assertNoSideScroll(phone, assert, '/college/my with the rank (360 px)');
  await shot(phone, 'college-my-rank-phone');
  await phone.locator('button.lang[data-lang="kk"]').click();
  await card.getByTestId('decision').filter({ hasText: 'Құжаттар қабылданды' }).waitFor();
  await line.getByTestId('position').filter({ hasText: '1 ішінен 1' }).waitFor();
  await assertNoSideScroll(phone, assert, '/college/my with the rank (kk, 360 px)');
  await shot(phone, 'college-my-rank-kk-phone');
  await phone.locator('button.lang[data-lang="ru"]').click();
  await phone.waitForFunction(() => document.documentElement.lang === 'ru');

  // «Скачать уведомление» on the application's page: the signed notice as PDF, its only paper.
  await phone.goto(`/college/my/${encodeURIComponent(id)}`);
  const papers = phone.locator('section.papers');
  await papers.locator('button[data-paper="notice"]').waitFor();
  assert.equal(await papers.locator('button[data-paper]').count(), 1, 'a college has its notice only');
  const [file] = await Promise.all([
    phone.waitForEvent('download'),
    papers.locator('button[data-paper="notice"]').click(),
  ]);
  assert.match(file.suggestedFilename(), /^notice-\d+\.pdf$/);
  const head = fs.readFileSync(await file.path()).subarray(0, 5).toString('latin1');
  assert.equal(head, '%PDF-', 'the notice is a PDF');
  await assertNoSideScroll(phone, assert, '/college/my/{id} with its notice (360 px)');

  assert.deepEqual(pageErrors().map((e) => e.message), [], 'no uncaught page errors');
}
