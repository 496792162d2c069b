// Every main page on a 360 px phone: no horizontal scroll and a label on every form control, in
// both languages and both themes.
import { people, signIn, state } from '../lib/flow.mjs';

const parentPages = ['/', '/apply', '/my', '/notifications', '/profile'];
const staffPages = ['/cabinet', '/cabinet/signing', '/cabinet/staff', '/cabinet/limits', '/cabinet/microdistrict',
  '/cabinet/classes'];

// Every visible form control has a label (a <label for>, a wrapping label or aria-label).
async function assertLabelled(page, assert, what) {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden' && el.offsetParent !== null)
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.id || el.name || el.outerHTML.slice(0, 60)));
  assert.deepEqual(unlabelled, [], `${what}: form controls without a label`);
}

async function assertFits(page, assert, what) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${what}: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
}

export default async function phoneLayout({ newPage, shot, assert, pageErrors }) {
  const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
  const parent = await newPage(phone);
  await parent.goto('/login');
  await parent.locator('#login-iin').waitFor();
  await assertFits(parent, assert, '/login');
  await shot(parent, 'phone-login');
  await signIn(parent, people.parent, '/');
  const appPages = state.applicationId ? [`/my/${state.applicationId}`] : [];
  for (const path of [...parentPages, ...appPages]) {
    await parent.goto(path);
    await parent.locator('main h1').first().waitFor();
    await assertFits(parent, assert, path);
    await assertLabelled(parent, assert, path);
    await shot(parent, `phone${path.replaceAll('/', '-').replace(/-$/, '') || '-landing'}`);
  }
  // On a phone the sections fold into the menu button.
  const nav = parent.locator('#site-nav');
  assert.equal(await nav.isVisible(), false, 'the sections are folded on a phone');
  await parent.locator('button.menu-btn').click();
  await nav.waitFor({ state: 'visible' });
  await assertFits(parent, assert, 'open menu');
  await shot(parent, 'phone-menu');
  await nav.getByRole('link', { name: 'Мои заявления' }).click();
  await parent.waitForURL('**/my', { waitUntil: 'commit' });
  await nav.waitFor({ state: 'hidden' });

  const director = await newPage({ ...phone, colorScheme: 'dark' });
  await signIn(director, people.director, '/');
  const cardPages = state.applicationId ? [`/cabinet/applications/${state.applicationId}`] : [];
  for (const lang of ['ru', 'kk']) {
    await director.locator(`button.lang[data-lang="${lang}"]`).click();
    for (const path of [...staffPages, ...cardPages]) {
      await director.goto(path);
      await director.locator('main h1').first().waitFor();
      await director.waitForLoadState('networkidle');
      await assertFits(director, assert, `${path} (${lang})`);
      await assertLabelled(director, assert, `${path} (${lang})`);
      await shot(director, `phone-${lang}${path.replaceAll('/', '-')}`);
    }
  }
  assert.deepEqual(pageErrors().map((e) => e.message), []);
}
