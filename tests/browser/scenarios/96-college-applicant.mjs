// The college service, an applicant's way (seed 000): a 17-year-old finds a college of Astana,
// reads its specialty lines and places, applies for themselves with two specialties in priority
// order and the documents (an error at its field first), and sees the application «На
// проверке» in «Мои заявления»; then, on a 360 px phone in Kazakh, the list and the application.
// The college is this scenario's own (the region's admin creates it, its director adds the
// lines); 98-college-staff decides and signs this application when run after it.
import { assertNoSideScroll, sampleFiles, signIn, state } from '../lib/flow.mjs';
import { COLLEGE_NOW, LINES, applicant, collegeWithLines } from '../lib/college.mjs';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

export default async function collegeApplicant({ newPage, api, shot, assert, pageErrors }) {
  const clock = await api('PUT', '/api/dev/clock', { body: { now: COLLEGE_NOW } });
  assert.equal(clock.status, 200, JSON.stringify(clock.body));
  const college = await collegeWithLines(api, assert, 101);
  const student = applicant(201, 'Сейтқали', 'Арман');

  // The finder: the locality, then its colleges; the college's page with its lines.
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, student, '/college');
  await page.waitForURL('**/college', { waitUntil: 'commit' });
  await page.locator('#co-locality').selectOption('astana');
  const card = page.locator(`li[data-testid="college"][data-org="${college.org}"]`);
  await card.waitFor();
  await shot(page, 'college-finder');
  await card.locator('a').click();
  await page.locator('#co-college-title').waitFor();
  await page.locator('.college-page[data-open="true"]').waitFor();
  for (const line of LINES) await page.locator(`tr[data-line="${line.id}"]`).waitFor();
  await shot(page, 'college-page');

  // The application: sent without documents, the first missing one is named at its input.
  await page.getByRole('link', { name: 'Подать заявление' }).click();
  await page.locator('#co-apply-title').waitFor();
  assert.equal(await page.locator('#co-last-name').inputValue(), student.last, 'the name from the sign-in');
  await page.locator('#co-basis').selectOption('grade9');
  await page.locator('#co-certificate').fill('ЖОБ 0012345');
  await page.locator('#co-score').fill('4,6');
  await page.locator('#co-choice-0').selectOption(LINES[0].id);
  await page.locator('#co-choice-1').selectOption(LINES[2].id);
  await page.locator('#co-dormitory').check();
  await page.locator('#co-phone').fill('+7 701 555 01 02');
  await page.locator('#co-submit').click();
  await page.locator('#doc-education_document-error.error-text').waitFor();
  await shot(page, 'college-apply-missing-document');
  const { pdf, png } = sampleFiles();
  for (const [kind, file] of [['education_document', pdf], ['photo', png], ['medical_certificate', pdf]]) {
    await page.locator(`#doc-${kind}`).setInputFiles(file);
    await page.locator(`[data-testid="uploaded"][data-kind="${kind}"]`).waitFor();
  }
  await page.locator('#doc-education_document-error.error-text').waitFor({ state: 'detached' });
  await shot(page, 'college-apply-filled');
  await page.locator('#co-submit').click();
  await page.waitForURL('**/college/my/*');
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  await page.locator('.college-application[data-status="in_review"]').waitFor();
  const choices = page.locator('[data-testid="choices"] li');
  assert.equal(await choices.count(), 2, 'two specialties');
  assert.equal(await choices.nth(0).getAttribute('data-line'), LINES[0].id, 'in priority order');
  assert.equal(await page.getByTestId('score').first().textContent(), '4.60');
  await shot(page, 'college-application');

  // «Мои заявления» lists it; the main app's list links it here.
  await page.getByRole('link', { name: 'Мои заявления в колледжи' }).click();
  await page.locator(`li[data-testid="application-card"][data-id="${id}"][data-status="in_review"]`).waitFor();
  await page.goto('/my');
  await page.locator(`a[href="/college/my/${id}"]`).first().waitFor();

  // On a phone, in Kazakh: nothing scrolls sideways.
  const phone = await newPage(PHONE);
  await signIn(phone, student, '/college/my');
  await phone.waitForURL('**/college/my', { waitUntil: 'commit' });
  await phone.locator('button.lang[data-lang="kk"]').click();
  await phone.waitForFunction(() => document.documentElement.lang === 'kk');
  await phone.locator('#co-my-title', { hasText: 'Колледждерге өтініштерім' }).waitFor();
  await phone.locator(`li[data-testid="application-card"][data-id="${id}"]`).waitFor();
  await assertNoSideScroll(phone, assert, '/college/my (kk, 360 px)');
  await shot(phone, 'college-my-kk-phone');
  await phone.goto(`/college/colleges/${college.org}`);
  await phone.locator('#co-college-title').waitFor();
  await assertNoSideScroll(phone, assert, 'the college page (kk, 360 px)');
  await phone.locator('button.lang[data-lang="ru"]').click();
  await phone.waitForFunction(() => document.documentElement.lang === 'ru');

  state.college = { ...college, applicationId: id, student };
  assert.deepEqual(pageErrors().map((e) => e.message), [], 'no uncaught page errors');
}
