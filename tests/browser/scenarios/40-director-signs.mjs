// The director opens «На подписании», chooses a P-256 key file from disk, registers its public
// part and signs in the browser (WebCrypto); the server verifies the signature: «Принято».
import { NOW, people, signIn, signingKeyFiles, state } from '../lib/flow.mjs';

export default async function directorSigns({ newPage, api, shot, assert, pageErrors }) {
  assert.ok(state.applicationId, 'an application waits for signing (30-executor-accepts)');
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const keys = signingKeyFiles();
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.director, '/cabinet/signing');
  await page.waitForURL('**/cabinet/signing', { waitUntil: 'commit' });
  const item = page.locator(`article.sign-item[data-id="${state.applicationId}"]`);
  await item.waitFor();
  await shot(page, 'signing');
  await page.locator('#sign-key-file').setInputFiles(keys.jwk);
  await page.getByTestId('key-chosen').waitFor();
  await page.getByRole('button', { name: 'Зарегистрировать ключ', exact: true }).click();
  // Registered once; now sign this application.
  await page.locator('.alert-success').first().waitFor();
  await item.getByRole('button', { name: 'Подписать', exact: true }).click();
  await page.getByTestId('signed').waitFor();
  await shot(page, 'signed');
  const token = await api.login(people.director.iin, people.director.name);
  const app = await api('GET', `/api/applications/${state.applicationId}`, { token });
  assert.equal(app.body.status, 'accepted');
  assert.ok(app.body.signature, 'the signature is stored with the result');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
