// The site's benchmark (README, «Benchmarks»): the landing page's time to interactive in
// headless Chromium under the bench's throttling profile, the app (wasm) beside the same page
// served as plain static HTML (its rendered DOM, no scripts, the same CSS), and the ratio. Both
// come from one local server that gzips like CloudFront; the API is the dev runner's.
//
//   node tests/browser/bench/site.mjs --base URL --dist frontend/dist [--runs 7]
//
// Interactive = the landing's heading has its text and the «apply» button is in the DOM with
// the app's handlers attached (for the app: rendered by it; for the static page: parsed), and
// DOMContentLoaded has fired. Each run is a new context: no cache.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

// The throttling profile: a mid-range phone on a fair mobile network.
const PROFILE = { cpuSlowdown: 4, latencyMs: 100, downKbps: 5000, upKbps: 1000 };

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const base = arg('--base');
const dist = arg('--dist', 'frontend/dist');
const runs = Number(arg('--runs', '7'));
if (!base) throw new Error('usage: site.mjs --base URL --dist DIR [--runs N]');

// Records when the page became interactive, from navigation start (performance.now()).
const probe = () => {
  window.__interactive = null;
  let dcl = false;
  const check = () => {
    const h1 = document.querySelector('#landing-title');
    const apply = document.querySelector('.hero .btn-large');
    if (window.__interactive === null && dcl && h1 && h1.textContent.trim() && apply) {
      window.__interactive = performance.now();
    }
  };
  document.addEventListener('DOMContentLoaded', () => { dcl = true; check(); });
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
};

async function measure(browser, url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PROFILE.latencyMs,
    downloadThroughput: (PROFILE.downKbps * 1000) / 8,
    uploadThroughput: (PROFILE.upKbps * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown });
  await page.addInitScript(probe);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__interactive !== null, null, { timeout: 60_000, polling: 20 });
  const tti = await page.evaluate(() => window.__interactive);
  const bytes = await page.evaluate(() => performance.getEntriesByType('resource')
    .reduce((sum, e) => sum + (e.transferSize || 0), 0)
    + (performance.getEntriesByType('navigation')[0]?.transferSize || 0));
  await context.close();
  return { tti, bytes };
}

// The static twin: the app's rendered landing page with every script removed.
async function staticTwin(browser) {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.querySelector('#landing-title')?.textContent.trim());
  const html = await page.evaluate(() => {
    const doc = document.documentElement.cloneNode(true);
    doc.querySelectorAll('script, link[rel=modulepreload], link[rel=preload]').forEach((e) => e.remove());
    return '<!doctype html>\n' + doc.outerHTML;
  });
  await page.close();
  return html;
}

// One origin for both pages, compressing as CloudFront does: the built site's files gzipped,
// `/__static` the twin, `/api/*` and `/config.json` passed to the runner, other paths the app.
const types = { '.css': 'text/css', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml' };
const gzipped = new Map();
function serve(html) {
  const root = path.resolve(dist);
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/__static') {
      res.writeHead(200, { 'content-type': types['.html'], 'content-encoding': 'gzip' });
      return res.end(zlib.gzipSync(html, { level: 9 }));
    }
    if (url.pathname.startsWith('/api/') || url.pathname === '/config.json') {
      const r = await fetch(base + req.url, { headers: { authorization: req.headers.authorization || '' } });
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') || 'application/json' });
      return res.end(Buffer.from(await r.arrayBuffer()));
    }
    let file = path.join(root, path.normalize(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(root, 'index.html');
    }
    if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream',
      'content-encoding': 'gzip' });
    res.end(gzipped.get(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const server = await serve(await staticTwin(browser));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const app = [];
  const plain = [];
  for (let i = 0; i < runs; i++) {
    app.push(await measure(browser, `${origin}/`));
    plain.push(await measure(browser, `${origin}/__static`));
  }
  server.close();
  const appTti = median(app.map((r) => r.tti));
  const plainTti = median(plain.map((r) => r.tti));
  console.log(`site: profile ${PROFILE.cpuSlowdown}x CPU, ${PROFILE.latencyMs} ms latency, ` +
    `${PROFILE.downKbps} kbit/s down, ${PROFILE.upKbps} kbit/s up; ${runs} runs each, no cache`);
  console.log(`site: landing page, time to interactive (median): app ${appTti.toFixed(0)} ms, ` +
    `static HTML ${plainTti.toFixed(0)} ms, ratio ${(appTti / plainTti).toFixed(2)}`);
  console.log(`site: bytes transferred: app ${median(app.map((r) => r.bytes))}, ` +
    `static HTML ${median(plain.map((r) => r.bytes))}`);
  console.log(`site: app TTI per run (ms): ${app.map((r) => r.tti.toFixed(0)).join(' ')}`);
} finally {
  await browser.close();
}
