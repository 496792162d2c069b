// «Шаблоны ответов» and «Отправка сообщения» (seed 003): the director keeps a response template,
// picks it on the signed application's card («Выбрать ответ из шаблонов»), edits the text and
// sends it; the card's history shows the message; the parent, on a 360 px phone, reads it in the
// application's history and among the notifications, in Russian and in Kazakh.
import { NOW, assertNoSideScroll, people, signIn, state } from '../lib/flow.mjs';

export default async function staffReplies({ newPage, api, shot, assert, pageErrors }) {
  assert.ok(state.applicationId, 'the application was signed (40-director-signs)');
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const id = state.applicationId;
  const title = 'Медицинская справка 063';

  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, people.director, '/cabinet/replies');
  await page.waitForURL('**/cabinet/replies', { waitUntil: 'commit' });
  await page.getByRole('heading', { level: 1, name: 'Шаблоны ответов' }).waitFor();
  // The demo school keeps seed 003's answers already.
  await page.getByTestId('reply-template').filter({ hasText: 'Документы приняты' }).waitFor();
  // Saving without any text names what is missing.
  await page.locator('#reply-title').fill(title);
  await page.getByRole('button', { name: 'Сохранить шаблон' }).click();
  await page.getByRole('alert').filter({ hasText: 'Введите текст сообщения' }).waitFor();
  await page.locator('#reply-ru').fill('Принесите медицинскую справку по форме 063.');
  await page.locator('#reply-kk').fill('063 нысанындағы медициналық анықтаманы әкеліңіз.');
  await page.getByRole('button', { name: 'Сохранить шаблон' }).click();
  await page.getByRole('status').filter({ hasText: 'Шаблон сохранён' }).waitFor();
  const saved = page.getByTestId('reply-template').filter({ hasText: title });
  await saved.waitFor();
  assert.equal(await page.locator('#reply-title').inputValue(), '', 'the form is cleared');
  await shot(page, 'templates');

  // On the card: the template fills the text, the director edits it and sends.
  await page.goto(`/cabinet/applications/${id}`);
  const form = page.locator('form.message-form');
  await form.waitFor();
  await form.getByLabel('Выбрать ответ из шаблонов').selectOption({ label: title });
  assert.equal(await form.locator('#message-ru').inputValue(), 'Принесите медицинскую справку по форме 063.');
  await form.locator('#message-ru').fill('Принесите медицинскую справку по форме 063 до 25 августа.');
  await form.locator('#message-kk').fill('063 нысанындағы медициналық анықтаманы 25 тамызға дейін әкеліңіз.');
  await form.getByRole('button', { name: 'Отправить сообщение' }).click();
  await form.getByRole('status').filter({ hasText: 'Сообщение отправлено' }).waitFor();
  assert.equal(await form.locator('#message-ru').inputValue(), '', 'the form is cleared after sending');
  assert.equal(await form.locator('#message-template').inputValue(), '', 'and the template choice');
  const sent = page.locator('ol.history li[data-action="message"]');
  await sent.filter({ hasText: 'до 25 августа' }).waitFor();
  assert.match(await sent.first().textContent(), /Сообщение заявителю/);
  await shot(page, 'card-message');

  // The parent reads it on a phone: the history and the notifications, ru then kk.
  const phone = await newPage({ viewport: { width: 360, height: 740 } });
  await signIn(phone, people.parent, `/my/${id}`);
  await phone.waitForURL(`**/my/${id}`, { waitUntil: 'commit' });
  // (The parent may have chosen Kazakh in an earlier scenario: Russian first.)
  const lang = phone.locator('button.lang[data-lang="ru"]');
  if (await lang.isVisible()) await lang.click();
  const row = phone.locator('table.history tr', { hasText: 'до 25 августа' });
  await row.waitFor();
  assert.match(await row.textContent(), /Сообщение от организации образования/);
  await assertNoSideScroll(phone, assert, 'the application page with the message');
  await shot(phone, 'parent-history');
  await phone.goto('/notifications');
  await phone.getByText('до 25 августа', { exact: false }).first().waitFor();
  await phone.locator('button.lang[data-lang="kk"]').click();
  await phone.waitForFunction(() => document.documentElement.lang === 'kk');
  await phone.getByText('25 тамызға дейін', { exact: false }).first().waitFor();
  await shot(phone, 'parent-notifications-kk');
  // (The chosen language is the person's: back to Russian for the scenarios after this one.)
  await phone.locator('button.lang[data-lang="ru"]').click();

  // The templates page on a phone, in Kazakh.
  const small = await newPage({ viewport: { width: 360, height: 740 } });
  await signIn(small, people.director, '/cabinet/replies');
  await small.locator('button.lang[data-lang="kk"]').click();
  await small.getByRole('heading', { level: 1, name: 'Жауап үлгілері' }).waitFor();
  await small.getByTestId('reply-template').filter({ hasText: title }).waitFor();
  await assertNoSideScroll(small, assert, 'the templates page');
  await shot(small, 'templates-phone-kk');
  // Removed, it is gone.
  await small.getByRole('button', { name: `Жою «${title}»` }).click();
  await small.getByRole('status').filter({ hasText: 'Үлгі жойылды' }).waitFor();
  // (The message shows at once; the list follows when it has loaded again.)
  await small.getByTestId('reply-template').filter({ hasText: title }).waitFor({ state: 'detached' });
  // The demo school's own templates (infra/seed/demo.json) stay.
  assert.ok(await small.getByTestId('reply-template').count() >= 3, 'the demo templates');
  await small.locator('button.lang[data-lang="ru"]').click();
  await small.waitForFunction(() => document.documentElement.lang === 'ru');
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
