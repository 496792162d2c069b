// The site loads on a small phone: `/` renders a <main>, nothing overflows 360 px sideways, and
// the page raised no uncaught error.
export default async function smoke({ newPage, shot, assert, pageErrors }) {
  const page = await newPage({ viewport: { width: 360, height: 740 } });
  const response = await page.goto('/');
  assert.equal(response.status(), 200, 'GET / answers 200');

  // The app renders <main> once its wasm has started.
  await page.locator('main').first().waitFor({ state: 'attached' });
  assert.ok((await page.locator('main').count()) >= 1, 'the page has a <main>');

  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(
    scrollWidth <= innerWidth,
    `no horizontal overflow at 360x740: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`,
  );
  await shot(page, '00-smoke');
  assert.deepEqual(pageErrors().map((e) => e.message), [], 'no uncaught page errors');
}
