// A document whose stored bytes changed after submission: the director opens it from the card
// and the card marks it «Документ изменён» (its SHA-256 no longer matches the one kept).
import fs from 'node:fs';
import path from 'node:path';
import { NOW, people, signIn, state } from '../lib/flow.mjs';

export default async function documentChanged({ newPage, api, dataDir, shot, assert, pageErrors }) {
  assert.ok(state.applicationId, 'the parent submitted an application (10-parent-applies)');
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const token = await api.login(people.director.iin, people.director.name);
  const app = await api('GET', `/api/applications/${state.applicationId}`, { token });
  const photo = app.body.documents.find((d) => d.kind === 'photo');
  assert.ok(photo?.sha256, `the photo's hash is kept: ${JSON.stringify(app.body.documents)}`);
  // The bytes change in storage, behind the service's back.
  const stored = path.join(dataDir, 'uploads', photo.file_id);
  const bytes = fs.readFileSync(stored);
  bytes[bytes.length - 1] ^= 0xff;
  fs.writeFileSync(stored, bytes);

  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.director, `/cabinet/applications/${state.applicationId}`);
  const item = page.locator('.doc-list li[data-kind="photo"]');
  await item.waitFor();
  assert.equal(await page.locator('.doc-changed').count(), 0, 'not marked before it is opened');
  const [tab] = await Promise.all([
    page.waitForEvent('popup'),
    item.getByRole('button', { name: /Открыть/ }).click(),
  ]);
  await item.locator('.doc-changed').waitFor();
  assert.equal((await item.locator('.doc-changed').textContent()).trim(), 'Документ изменён');
  await tab.close();
  // The untouched documents stay unmarked when opened.
  const card = page.locator('.doc-list li[data-kind="vaccination_card"]');
  const [other] = await Promise.all([
    page.waitForEvent('popup'),
    card.getByRole('button', { name: /Открыть/ }).click(),
  ]);
  await other.waitForLoadState();
  await other.close();
  assert.equal(await page.locator('.doc-changed').count(), 1);
  await shot(page, 'card-document-changed');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
