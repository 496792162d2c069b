// The kindergarten service's app (its own bundle under /preschool/) on a 360 px phone: a
// signed-out visitor is sent to the main app's sign-in and comes back; the session, language
// and theme are the main app's; its pages switch ru/kk; a deep link loads the app; the main
// app's landing page links to it, and its staff cabinet does for a kindergarten's director.
import { assertNoSideScroll, people, signIn, withCheckDigit } from '../lib/flow.mjs';

// A kindergarten in astana with a fresh director, created by the region's admin (README).
async function kindergarten(api, assert) {
  const admin = await api.login('800101300016', 'Админ Астаны');
  let iin = null;
  let bin = null;
  for (let n = 901; !iin || !bin; n++) {
    iin ??= withCheckDigit(`8604124${String(n).padStart(4, '0')}`);
    bin ??= withCheckDigit(`1903400${String(n).padStart(4, '0')}`);
  }
  const res = await api('POST', '/api/admin/orgs', { token: admin, body: {
    kind: 'kindergarten', name: { ru: 'Детский сад «Балапан»', kk: '«Балапан» балабақшасы' }, bin,
    region: 'astana', locality_id: 'astana', address: 'г. Астана, ул. Сарайшык, 5',
    languages: ['kk', 'ru'], provides_transport: false, private: true, director_iin: iin } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { iin, name: 'Сапарова Әсем' };
}

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

// The preschool bundle, not the main app: its page and its brand.
async function assertPreschoolApp(page, assert) {
  const scripts = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.getAttribute('href')));
  assert.ok(scripts.some((s) => s.startsWith('/preschool/preschool-')), `the preschool bundle: ${scripts}`);
  assert.ok(!scripts.some((s) => s.startsWith('/frontend-')), 'not the main bundle');
}

export default async function preschoolShell({ newPage, api, shot, assert, pageErrors }) {
  const page = await newPage(PHONE);

  // Signed out: the page asks to sign in, through the main app's sign-in, and back.
  const first = await page.goto('/preschool/');
  assert.equal(first.status(), 200, 'GET /preschool/ answers 200');
  await assertPreschoolApp(page, assert);
  const signInLink = page.locator('main a.btn[href^="/login"]');
  await signInLink.waitFor();
  assert.equal(await signInLink.getAttribute('href'), '/login?next=%2Fpreschool%2F');
  await assertNoSideScroll(page, assert, '/preschool/ signed out');
  await shot(page, 'preschool-signed-out');
  await signInLink.click();
  await page.waitForURL('**/login?next=%2Fpreschool%2F');
  await page.locator('#login-iin').fill(people.parent.iin);
  await page.locator('#login-name').fill(people.parent.name);
  await page.locator('form button[type="submit"]').click();

  // Back on the preschool app, signed in with the same session.
  await page.waitForURL((url) => url.pathname === '/preschool/');
  await assertPreschoolApp(page, assert);
  await page.getByTestId('who').waitFor();
  const h1 = page.locator('main h1');
  await h1.filter({ hasText: 'Мои заявления в очередь в детский сад' }).waitFor();
  assert.equal((await page.locator('.site-header .brand span:last-child').textContent()).trim(), 'Qabyldau — детский сад');
  await assertNoSideScroll(page, assert, '/preschool/');
  await shot(page, 'preschool-applications');

  // The sections fold into the menu on a phone; the app routes within its bundle.
  const nav = page.locator('#site-nav');
  assert.equal(await nav.isVisible(), false, 'the sections are folded on a phone');
  await page.locator('button.menu-btn').click();
  await nav.waitFor({ state: 'visible' });
  await assertNoSideScroll(page, assert, 'open menu');
  await nav.getByRole('link', { name: 'Встать в очередь' }).click();
  await page.waitForURL('**/preschool/new', { waitUntil: 'commit' });
  await h1.filter({ hasText: 'Постановка на очередь в детский сад' }).waitFor();
  await nav.waitFor({ state: 'hidden' });

  // ru → kk and back: the pages' texts and the shell's.
  await page.locator('button.lang[data-lang="kk"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'kk');
  await h1.filter({ hasText: 'Балабақшаға кезекке қою' }).waitFor();
  await page.goto('/preschool/');
  await h1.filter({ hasText: 'Балабақшаға кезекке қою өтініштерім' }).waitFor();
  await assertNoSideScroll(page, assert, '/preschool/ (kk)');
  await shot(page, 'preschool-applications-kk');

  // The main app shares the language and the session; its landing page links here.
  await page.goto('/');
  await page.getByTestId('who').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'kk', 'the language is shared');
  await page.getByRole('link', { name: 'Балабақшаға кезек' }).click();
  await page.waitForURL((url) => url.pathname === '/preschool/');
  await h1.filter({ hasText: 'Балабақшаға кезекке қою өтініштерім' }).waitFor();
  await page.locator('button.lang[data-lang="ru"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'ru');
  await h1.filter({ hasText: 'Мои заявления в очередь в детский сад' }).waitFor();

  // A deep link loads the app (the runner answers it with /preschool/index.html).
  const deep = await page.goto('/preschool/applications/x');
  assert.equal(deep.status(), 200, 'a deep link answers 200');
  await assertPreschoolApp(page, assert);
  // No such application: the app says so in the page, with the way back.
  await page.locator('main', { hasText: 'Запрашиваемые данные не найдены' }).waitFor();
  await assertNoSideScroll(page, assert, '/preschool/applications/x');
  await shot(page, 'preschool-application');

  // The education department's section is theirs alone; an unknown address is the app's 404.
  await page.goto('/preschool/edu');
  await page.getByTestId('no-access').waitFor();
  await page.goto('/preschool/no/such/page');
  await h1.filter({ hasText: 'Страница не найдена' }).waitFor();
  await page.locator('main a[href="/preschool"]').waitFor();

  // The main app's staff cabinet links a kindergarten's staff to the kindergarten's pages.
  const director = await newPage(PHONE);
  await signIn(director, await kindergarten(api, assert), '/cabinet');
  await director.locator('button.menu-btn').click();
  const link = director.locator('#site-nav a[href="/preschool/kindergarten"]');
  await link.waitFor();
  assert.equal((await link.textContent()).trim(), 'Места и направления');
  await link.click();
  await director.waitForURL('**/preschool/kindergarten');
  await assertPreschoolApp(director, assert);
  await director.locator('main h1', { hasText: 'Детский сад: места и направления' }).waitFor();
  await assertNoSideScroll(director, assert, '/preschool/kindergarten');
  await shot(director, 'preschool-kindergarten');

  assert.deepEqual(pageErrors().map((e) => e.message), [], 'no uncaught page errors');
}
