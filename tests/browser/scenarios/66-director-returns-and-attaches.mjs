// The director returns a decided application for rework (an empty comment is refused on the
// page, then it goes back «На проверке»), and attaches a street to the microdistrict.
import { NOW, acceptedApplication, children, people, schoolOf, signIn } from '../lib/flow.mjs';

export default async function directorReturnsAndAttaches({ newPage, api, baseUrl, shot, assert, pageErrors }) {
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const token = await api.login(people.director.iin, people.director.name);
  const org = await schoolOf(api, token);
  const id = await acceptedApplication({ api, baseUrl, assert }, org, children.fourth);
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.director, '/cabinet/signing');
  await page.waitForURL('**/cabinet/signing', { waitUntil: 'commit' });
  const item = page.locator(`article.sign-item[data-id="${id}"]`);
  await item.waitFor();
  await item.getByRole('button', { name: 'Вернуть на доработку' }).click();
  await page.locator('#return-comment').waitFor();
  await item.getByRole('button', { name: 'Отправить', exact: true }).click();
  await page.getByText('Укажите причину в комментарии').first().waitFor();
  await page.locator('#return-comment').fill('Уточните адрес прописки');
  await item.getByRole('button', { name: 'Отправить', exact: true }).click();
  await page.getByText('Заявка возвращена на доработку').first().waitFor();
  const back = await api('GET', `/api/applications/${id}`, { token });
  assert.equal(back.body.status, 'in_review', JSON.stringify(back.body.status));

  await page.goto('/cabinet/microdistrict');
  await page.locator('#micro-q').fill('Достык');
  await page.locator('#micro-q').press('Enter');
  await page.getByRole('button', { name: /Прикрепить/ }).first().click();
  await page.getByText('Адрес прикреплён').first().waitFor();
  await shot(page, 'microdistrict');
  const attached = await api('GET', `/api/orgs/${org}/microdistrict`, { token });
  assert.ok(attached.body.items.some((a) => a.street_id === 'astana-dostyk'), JSON.stringify(attached.body));
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
