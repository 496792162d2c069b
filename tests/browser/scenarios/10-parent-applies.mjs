// A parent signs in and submits a full application through the wizard: the child's IIN checked
// as typed, the registered address read from the population register with the microdistrict
// school, documents uploaded
// (a file of the wrong size refused before upload), the draft surviving a reload, and the
// receipt with the number and the deadline, then the place in the school's queue.
import { NOW, children, people, sampleFiles, signIn, state } from '../lib/flow.mjs';

export default async function parentApplies({ newPage, api, shot, assert, pageErrors }) {
  const clock = await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  assert.equal(clock.status, 200, JSON.stringify(clock.body));
  const files = sampleFiles();
  const page = await newPage({ viewport: { width: 1280, height: 900 } });

  await page.goto('/');
  await shot(page, 'landing');
  await signIn(page, people.parent, '/apply');
  await page.waitForURL('**/apply', { waitUntil: 'commit' });

  // Step 1: the child. A wrong check digit is refused as typed; the right IIN shows the birth
  // date and sex read from it.
  const child = children.first;
  await page.locator('#child-iin').fill(child.iin.slice(0, 11) + '9');
  await page.locator('#child-iin-error').waitFor();
  await page.locator('#child-iin').fill(child.iin);
  await page.locator('#child-birth-date').waitFor();
  assert.equal((await page.locator('#child-birth-date').textContent()).trim(), '15.03.2019');
  await page.locator('#child-last-name').fill(child.last);
  await page.locator('#child-first-name').fill(child.first);
  await page.locator('#child-middle-name').fill(child.middle);
  await shot(page, 'wizard-1-child');
  await page.locator('#wizard-next').click();

  // Step 2: the applicant, prefilled from the identity. Nothing typed is lost on a reload.
  await page.locator('#applicant-phone').waitFor();
  assert.equal(await page.locator('#applicant-iin').inputValue(), people.parent.iin);
  await page.locator('#applicant-phone').fill('+7 701 555 12 34');
  await page.locator('#applicant-email').fill('askhat@example.kz');
  await page.locator('#applicant-relation').selectOption('father');
  await page.reload();
  await page.locator('#applicant-phone').waitFor();
  assert.equal(await page.locator('#applicant-phone').inputValue(), '+77015551234',
    'the draft keeps the phone over a reload');
  await shot(page, 'wizard-2-applicant');
  await page.locator('#wizard-next').click();

  // Step 3: the registered address read from the population register (not chosen), its
  // locality preselected → the attached school with free seats.
  const registered = page.locator('#registered-address-text');
  await registered.waitFor();
  assert.match(await registered.textContent(), /Е 117.*39/);
  assert.equal(await page.locator('#locality').inputValue(), 'astana');
  await page.locator('#language').selectOption('ru');
  const school = page.locator('.school-option').first();
  await school.waitFor();
  await school.locator('input[type="radio"]').check();
  state.orgId = (await school.locator('input[type="radio"]').getAttribute('value'));
  await shot(page, 'wizard-3-school');
  await page.locator('#wizard-next').click();

  // Step 4: documents. Too big a file is refused before any upload; real ones upload.
  await page.locator('#doc-photo').setInputFiles(files.big);
  await page.locator('#doc-photo-error').waitFor();
  await page.locator('#doc-photo').setInputFiles(files.png);
  await page.locator('#doc-vaccination_card').setInputFiles(files.pdf);
  await page.locator('#doc-health_passport').setInputFiles(files.pdf);
  for (const kind of ['photo', 'vaccination_card', 'health_passport']) {
    await page.locator(`#doc-${kind}-status .doc-done`).waitFor();
  }
  await shot(page, 'wizard-4-documents');
  await page.locator('#wizard-next').click();

  // Step 5: review and submit.
  await page.locator('#review-child').waitFor();
  await shot(page, 'wizard-5-review');
  await page.locator('#wizard-submit').click();
  await page.getByTestId('submitted').waitFor();
  const number = (await page.locator('#submitted-number').textContent()).trim();
  assert.match(number, /№ \d+/);
  await shot(page, 'wizard-submitted');

  const mine = await api('GET', '/api/me/applications', { token: await api.login(people.parent.iin, people.parent.name) });
  assert.equal(mine.status, 200);
  const app = mine.body.items.find((a) => a.child.iin === child.iin);
  assert.ok(app, 'the application is there');
  assert.equal(app.status, 'in_review');
  assert.equal(app.admission_type, 'microdistrict');
  assert.equal(app.documents.length, 3);
  state.applicationId = app.id;
  state.number = app.number;

  // «Ваша очередь: N»: the place in the school's review queue, as the API gives it.
  const card = await api('GET', `/api/applications/${app.id}`, { token: await api.login(people.parent.iin, people.parent.name) });
  assert.ok(card.body.queue_place >= 1, JSON.stringify(card.body));
  await page.goto(`/my/${app.id}`);
  await page.locator('#queue-place').waitFor();
  assert.equal((await page.locator('#queue-place').textContent()).trim(), String(card.body.queue_place));
  await page.getByText('Ваша очередь').waitFor();
  await shot(page, 'parent-queue-place');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
