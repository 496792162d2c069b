// The papers of the signed application: the parent downloads the decision notice and the receipt
// (PDFs the API makes), the director downloads the receipt from the card, and anyone opening the
// notice's verification link (no sign-in, a 360 px phone) reads that the signature is valid, in
// Russian and in Kazakh.
import fs from 'node:fs';
import { NOW, people, signIn, state } from '../lib/flow.mjs';

// Clicks the paper's button and returns the download's file name and first bytes.
async function download(page, paper) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`.papers button[data-paper="${paper}"]`).click(),
  ]);
  const bytes = fs.readFileSync(await file.path());
  return { name: file.suggestedFilename(), head: bytes.subarray(0, 5).toString('latin1'), size: bytes.length };
}

export default async function parentPapers({ newPage, api, shot, assert, pageErrors }) {
  assert.ok(state.applicationId, 'the application was signed (40-director-signs)');
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const id = state.applicationId;

  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.parent, `/my/${id}`);
  await page.waitForURL(`**/my/${id}`, { waitUntil: 'commit' });
  const papers = page.locator('section.papers');
  // (The parent may have chosen Kazakh in 50-parent-sees-result: the buttons by their paper.)
  await papers.locator('button[data-paper="notice"]').waitFor();
  assert.equal(await papers.locator('button[data-paper]').count(), 3, 'application, receipt, notice');
  await shot(page, 'papers');
  const notice = await download(page, 'notice');
  assert.match(notice.name, /^notice-\d+\.pdf$/);
  assert.equal(notice.head, '%PDF-', 'the notice is a PDF');
  assert.ok(notice.size > 5000, `the notice has its font and text (${notice.size} bytes)`);
  const receipt = await download(page, 'receipt');
  assert.match(receipt.name, /^receipt-\d+\.pdf$/);
  assert.equal(receipt.head, '%PDF-');

  // The director's card offers the same papers.
  const card = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(card, people.director, `/cabinet/applications/${id}`);
  await card.waitForURL(`**/cabinet/applications/${id}`, { waitUntil: 'commit' });
  await card.locator('section.papers').getByRole('button', { name: 'Скачать расписку' }).waitFor();
  const staffReceipt = await download(card, 'receipt');
  assert.equal(staffReceipt.head, '%PDF-');

  // The notice's QR code leads here: public, on a phone.
  const phone = await newPage({ viewport: { width: 360, height: 740 } });
  await phone.goto(`/verify/${id}`);
  const verdict = phone.locator('#verify-verdict[data-valid="true"]');
  await verdict.waitFor();
  assert.match(await verdict.textContent(), /Подпись действительна/);
  await phone.getByText('Принято').first().waitFor();
  await shot(phone, 'verify-phone');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the verification page fits 360 px (overflow ${overflow})`);
  await phone.locator('button.lang[data-lang="kk"]').click();
  await phone.waitForFunction(() => document.documentElement.lang === 'kk');
  await phone.locator('#verify-verdict', { hasText: 'Қолтаңба жарамды' }).waitFor();
  await shot(phone, 'verify-phone-kk');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
