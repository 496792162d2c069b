// «Журнал регистрации» (seed 003 «Журнал регистраций поступления заявлений»): the director reads
// the year's register with the signed application in it (its pages, the resolution, the result),
// downloads it as .xlsx, and reads it on a 360 px phone in Kazakh.
import fs from 'node:fs';
import { NOW, assertNoSideScroll, people, signIn, state } from '../lib/flow.mjs';

export default async function staffIntake({ newPage, api, shot, assert, pageErrors }) {
  assert.ok(state.applicationId, 'the application was signed (40-director-signs)');
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });

  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.director, '/cabinet/intake');
  await page.waitForURL('**/cabinet/intake', { waitUntil: 'commit' });
  await page.getByRole('heading', { level: 1, name: 'Журнал регистрации' }).waitFor();
  const row = page.getByTestId('intake-row').filter({ hasText: 'Принято' }).first();
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[0], '1', `the first arrival is row 1: ${cells}`);
  assert.equal(cells[4], '3', `a photo and two one-page PDFs: ${cells}`);
  assert.ok(cells[5].trim().length > 0, `the resolution names the signer: ${cells}`);
  await shot(page, 'intake');

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Экспорт в Excel' }).click(),
  ]);
  assert.match(file.suggestedFilename(), /^intake-\d{4}-\d{4}\.xlsx$/);
  const bytes = fs.readFileSync(await file.path());
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx (a zip)');

  const phone = await newPage({ viewport: { width: 360, height: 740 } });
  await signIn(phone, people.director, '/cabinet/intake');
  await phone.locator('button.lang[data-lang="kk"]').click();
  await phone.getByRole('heading', { level: 1, name: 'Тіркеу журналы' }).waitFor();
  await phone.getByTestId('intake-row').first().waitFor();
  await assertNoSideScroll(phone, assert, 'the register on a phone');
  await shot(phone, 'intake-phone-kk');
  await phone.locator('button.lang[data-lang="ru"]').click();
  await phone.waitForFunction(() => document.documentElement.lang === 'ru');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
