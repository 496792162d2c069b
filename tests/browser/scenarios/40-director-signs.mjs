// The director opens «На подписании», chooses the school's ЭЦП (a .p12 of the dev CA) from disk,
// opens it with its password (a wrong one first: the page says so) and signs in the browser; the
// server checks the certificate and the signature: «Принято». The stored signature verifies with
// openssl.
import { NOW, directorCertificate, openKey, opensslVerify, people, schoolOf, signIn, state } from '../lib/flow.mjs';

export default async function directorSigns({ newPage, api, shot, assert, pageErrors }) {
  assert.ok(state.applicationId, 'an application waits for signing (30-executor-accepts)');
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const token = await api.login(people.director.iin, people.director.name);
  const cert = await directorCertificate(api, await schoolOf(api, token));
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.director, '/cabinet/signing');
  await page.waitForURL('**/cabinet/signing', { waitUntil: 'commit' });
  const item = page.locator(`article.sign-item[data-id="${state.applicationId}"]`);
  await item.waitFor();
  // Who decided, by name (not a bare IIN).
  await item.getByText(`${people.executor.name} (Исполнитель)`).waitFor();
  await shot(page, 'signing');

  // Signing before a key is open points at the key.
  await item.getByRole('button', { name: 'Подписать', exact: true }).click();
  await page.getByRole('link', { name: 'Сначала выберите файл ключа и откройте его паролем.' }).waitFor();

  await page.locator('#sign-key-file').setInputFiles(cert.p12);
  await page.locator('#sign-key-password').fill('not the password');
  await page.getByRole('button', { name: 'Открыть ключ', exact: true }).click();
  await page.locator('#sign-key-password-error', { hasText: 'Неверный пароль ключа.' }).waitFor();
  await shot(page, 'signing-wrong-password');

  await openKey(page, cert.p12, cert.password);
  const chosen = await page.getByTestId('key-chosen').textContent();
  assert.ok(chosen.includes(people.director.iin) && chosen.includes(cert.bin), chosen);
  await item.getByRole('button', { name: 'Подписать', exact: true }).click();
  await page.getByTestId('signed').waitFor();
  await shot(page, 'signed');

  const app = await api('GET', `/api/applications/${state.applicationId}`, { token });
  assert.equal(app.body.status, 'accepted');
  const record = await api('GET', `/api/applications/${state.applicationId}/signature`, { token });
  assert.equal(record.status, 200, JSON.stringify(record.body));
  assert.equal(record.body.algorithm, 'ECDSA-SHA256');
  assert.equal(record.body.bin, cert.bin);
  assert.equal(opensslVerify(record.body), 'Verified OK');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
