// The wizard and the population register: a guardian whose ward has no registered address
// reads so on the address step (the child applies as outside the microdistrict), in Russian and
// in Kazakh; someone who is not the child's legal representative is sent back to the child's
// IIN with the refusal. Nothing is submitted (the review queue of the later scenarios stays).
import { NOW, children, people, signIn } from '../lib/flow.mjs';

// Steps 1 and 2 of the wizard for `child`, up to the address step.
async function toAddressStep(page, child) {
  await page.locator('#child-iin').fill(child.iin);
  await page.locator('#child-last-name').fill(child.last);
  await page.locator('#child-first-name').fill(child.first);
  await page.locator('#wizard-next').click();
  await page.locator('#applicant-phone').fill('+7 701 555 77 88');
  await page.locator('#applicant-relation').selectOption('guardian');
  await page.locator('#wizard-next').click();
}

export default async function wizardRegister({ newPage, api, shot, assert, pageErrors }) {
  const clock = await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  assert.equal(clock.status, 200, JSON.stringify(clock.body));
  const child = children.ward;

  // The guardian: the register has no address, the wizard says so.
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.guardian, '/apply');
  await page.waitForURL('**/apply', { waitUntil: 'commit' });
  await toAddressStep(page, child);
  const none = page.locator('#registered-address-none');
  await none.waitFor();
  assert.match(await none.textContent(), /нет адреса прописки.*вне микроучастка/);
  await page.locator('#locality').selectOption('astana');
  await page.locator('#language').selectOption('ru');
  const school = page.locator('.school-option').first();
  await school.waitFor();
  // No school's microdistrict holds an address the child does not have.
  await page.getByText(/не закреплён за микроучастком/).waitFor();
  await shot(page, 'wizard-3-unregistered');
  await page.locator('button.lang[data-lang="kk"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'kk');
  await page.locator('#registered-address-none', { hasText: 'тіркелімінде' }).waitFor();
  await shot(page, 'wizard-3-unregistered-kk');

  // A stranger: back on the child's IIN, with the register's refusal there.
  const other = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(other, people.stranger, '/apply');
  await other.waitForURL('**/apply', { waitUntil: 'commit' });
  await toAddressStep(other, child);
  const refusal = other.locator('#child-iin-error');
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /законным представителем/);
  assert.equal(await other.locator('#child-iin').inputValue(), child.iin);
  await shot(other, 'wizard-1-not-representative');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
