// The same director signs the next application with the key as a PKCS#8 PEM file (the other
// format a key file comes in): registered, signed, and the application is final.
import { NOW, people, signIn, signingKeyFiles } from '../lib/flow.mjs';

export default async function directorSignsWithPem({ newPage, api, shot, assert, pageErrors }) {
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const keys = signingKeyFiles();
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.director, '/cabinet/signing');
  await page.waitForURL('**/cabinet/signing', { waitUntil: 'commit' });
  const item = page.locator('article.sign-item').first();
  await item.waitFor();
  const id = await item.getAttribute('data-id');
  await page.locator('#sign-key-file').setInputFiles(keys.pem);
  await page.getByTestId('key-chosen').waitFor();
  await page.getByRole('button', { name: 'Зарегистрировать ключ', exact: true }).click();
  await page.locator('.alert-success').first().waitFor();
  await item.getByRole('button', { name: 'Подписать', exact: true }).click();
  await page.getByTestId('signed').waitFor();
  const token = await api.login(people.director.iin, people.director.name);
  const app = await api('GET', `/api/applications/${id}`, { token });
  assert.ok(['accepted', 'rejected'].includes(app.body.status), JSON.stringify(app.body.status));
  assert.ok(app.body.signature, 'the signature is stored');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
