// The same director signs the next application with an RSA key as PEM (the other form a key file
// comes in): the private key and the certificates in two files, chosen together, no password.
// The application is final and its signature verifies with openssl.
import { NOW, directorCertificate, openKey, opensslVerify, pemFilesOf, people, schoolOf, signIn } from '../lib/flow.mjs';

export default async function directorSignsWithPem({ newPage, api, shot, assert, pageErrors }) {
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const token = await api.login(people.director.iin, people.director.name);
  const cert = await directorCertificate(api, await schoolOf(api, token), 'rsa');
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.director, '/cabinet/signing');
  await page.waitForURL('**/cabinet/signing', { waitUntil: 'commit' });
  const item = page.locator('article.sign-item').first();
  await item.waitFor();
  const id = await item.getAttribute('data-id');
  await openKey(page, pemFilesOf(cert), '');
  await shot(page, 'signing-pem-opened');
  await item.getByRole('button', { name: 'Подписать', exact: true }).click();
  await page.getByTestId('signed').waitFor();
  const app = await api('GET', `/api/applications/${id}`, { token });
  assert.ok(['accepted', 'rejected'].includes(app.body.status), JSON.stringify(app.body.status));
  const record = await api('GET', `/api/applications/${id}/signature`, { token });
  assert.equal(record.body.algorithm, 'RSA-SHA256', JSON.stringify(record.body));
  assert.equal(opensslVerify(record.body), 'Verified OK');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
