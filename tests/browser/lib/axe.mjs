// Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) on every state of the site the scenarios
// reach, in both languages and both themes. run.mjs instruments every page it opens, so a new
// scenario or a new page is checked without asking:
//   - before page.goto / page.reload and before a locator's click / press (the page is then in
//     the state the scenario waited for), and
//   - at the end of each scenario, on every page still open.
// A state is checked once per run: its key is the path and the set of element ids in <main>
// (digits and uuids dropped), and the viewport (phone or not). A check switches the page to
// ru/kk × light/dark with the header's own buttons, runs axe in each, and puts the page back
// as it was; any violation fails the scenario with its rule, impact and target selectors.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const checked = new Set();
let enabled = process.env.AXE !== '0';

// The number of states checked in this run and of axe runs (each state: 4).
export const axeStats = { states: 0, runs: 0 };

async function isAppPage(page) {
  if (page.isClosed()) return false;
  try {
    return await page.evaluate(() => !!document.querySelector('.site-header') && !!document.querySelector('main'));
  } catch {
    return false; // navigating or closed
  }
}

async function stateKey(page) {
  return page.evaluate(() => {
    const norm = (s) => s.replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/gi, ':id').replace(/\d+/g, '#');
    const ids = [...document.querySelectorAll('main [id]')].map((e) => norm(e.id));
    const phone = window.innerWidth < 700 ? 'phone' : 'wide';
    return `${phone} ${norm(location.pathname)} ${[...new Set(ids)].sort().join(',')}`;
  });
}

// The page's language and theme as the header shows them.
async function look(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    dark: document.documentElement.dataset.theme === 'dark',
  }));
}

// Switches with the header's buttons (DOM clicks: not through the instrumented locators) and
// waits until the page shows it: the language's texts in place, the theme on <html>.
async function switchTo(page, lang, dark) {
  const now = await look(page);
  if (now.lang !== lang) {
    const before = await page.evaluate(() => document.querySelector('.skip-link')?.textContent);
    await page.evaluate((l) => document.querySelector(`button.lang[data-lang="${l}"]`).click(), lang);
    await page.waitForFunction(
      ([l, b]) => document.documentElement.lang === l && document.querySelector('.skip-link')?.textContent !== b,
      [lang, before],
    );
  }
  if (now.dark !== dark) {
    await page.evaluate(() => document.querySelector('.site-header .icon-btn').click());
    await page.waitForFunction((d) => (document.documentElement.dataset.theme === 'dark') === d, dark);
  }
  // Two frames: whatever the switch re-rendered is painted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: axePath });
  }
  axeStats.runs++;
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, AXE_TAGS);
}

// Checks the page's current state (once per run) in ru/kk × light/dark; throws on violations.
export async function checkA11y(page, why = '') {
  if (!enabled || !(await isAppPage(page))) return;
  let key;
  try {
    key = await stateKey(page);
  } catch {
    return; // the page went away meanwhile
  }
  if (checked.has(key)) return;
  checked.add(key);
  axeStats.states++;
  const original = await look(page);
  const found = [];
  try {
    for (const lang of ['ru', 'kk']) {
      for (const dark of [false, true]) {
        await switchTo(page, lang, dark);
        for (const v of await runAxe(page)) found.push({ ...v, lang, theme: dark ? 'dark' : 'light' });
      }
    }
  } finally {
    await switchTo(page, original.lang, original.dark).catch(() => {});
  }
  if (found.length) {
    const where = `${new URL(page.url()).pathname}${why ? ` (${why})` : ''}`;
    const lines = found.map((v) =>
      `  [${v.lang}/${v.theme}] ${v.id} (${v.impact}): ${v.help}\n` +
      v.targets.slice(0, 8).map((t) => `      ${t}`).join('\n') +
      (v.targets.length > 8 ? `\n      … ${v.targets.length - 8} more` : ''));
    throw new Error(`axe: ${found.length} accessibility violation(s) on ${where}:\n${lines.join('\n')}`);
  }
}

// Wraps a page so that it is checked before every navigation and every click or key press the
// scenario makes.
let locatorPatched = false;
export function instrumentForA11y(page) {
  for (const method of ['goto', 'reload']) {
    const original = page[method].bind(page);
    page[method] = async (...args) => {
      await checkA11y(page, `before ${method}`);
      return original(...args);
    };
  }
  if (!locatorPatched) {
    locatorPatched = true;
    const proto = Object.getPrototypeOf(page.locator('body'));
    for (const method of ['click', 'press', 'check', 'selectOption']) {
      const original = proto[method];
      proto[method] = async function (...args) {
        await checkA11y(this.page(), `before ${method}`);
        return original.apply(this, args);
      };
    }
  }
}
