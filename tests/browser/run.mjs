// Browser tests: starts a fresh dev runner serving a built site, drives Debian's chromium with
// playwright-core, and runs every scenario of tests/browser/scenarios/*.mjs in file-name order.
// Builds nothing: build the runner (cargo build -p qabyldau-local) and the site (make frontend)
// first.
//
//   node tests/browser/run.mjs [--runner PATH] [--dist DIR] [--chromium PATH] [NAME...]
//
// NAME (a substring of a scenario file name) runs only matching scenarios. The defaults come
// from QABYLDAU_RUNNER (target/debug/qabyldau-local), QABYLDAU_DIST (frontend/dist) and
// CHROMIUM (/usr/bin/chromium); SCENARIO_TIMEOUT_MS bounds each scenario (120000).
//
// A scenario is `export default async function (ctx)`; ctx is
//   browser          the Browser; its newContext() defaults baseURL to the runner, so
//                    page.goto('/') works, and its pages are watched (console, errors)
//   newPage(options) a page in a new context (options as browser.newContext: viewport, locale...)
//   baseUrl          http://127.0.0.1:PORT
//   api              api(method, path, {token, body, headers}) -> {status, headers, body};
//                    api.login(iin, name) -> a dev bearer token
//   shot(page, name) saves tests/output/screenshots/<name>.png
//   pageErrors()     the uncaught page errors seen so far in this scenario
//   assert           node:assert/strict
// Every page is checked with axe-core on the way (lib/axe.mjs): a violation fails the scenario;
// AXE=0 turns the checks off.
//   dataDir          the runner's data dir (its stored uploads are dataDir/uploads/<file id>)
//   startRunner({env}) another runner of the scenario's own, with `env` added (e.g. an identity
//                    provider's JWT_* and SITE_CONFIG_JSON); -> {baseUrl, api, dataDir, logPath};
//                    stopped after the scenario. Open its pages with newPage({baseURL}).
// A scenario's contexts are closed after it. On failure the last open page is saved as
// screenshots/FAIL-<scenario>.png and the console log as FAIL-<scenario>.console.log. The
// runner's log is kept as tests/output/logs/browser-runner.log (scripts/check-logs.py reads it).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { axeStats, checkA11y, instrumentForA11y } from './lib/axe.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const outDir = path.join(repo, 'tests/output');
const shotsDir = path.join(outDir, 'screenshots');
const logsDir = path.join(outDir, 'logs');

function parseArgs(argv) {
  const opts = {
    runner: process.env.QABYLDAU_RUNNER || path.join(repo, 'target/debug/qabyldau-local'),
    dist: process.env.QABYLDAU_DIST || path.join(repo, 'frontend/dist'),
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
    only: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--runner') opts.runner = value();
    else if (a === '--dist') opts.dist = value();
    else if (a === '--chromium') opts.chromium = value();
    else if (a === '-h' || a === '--help') {
      console.log('usage: node tests/browser/run.mjs [--runner PATH] [--dist DIR] [--chromium PATH] [NAME...]');
      process.exit(0);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else opts.only.push(a);
  }
  opts.runner = path.resolve(opts.runner);
  opts.dist = path.resolve(opts.dist);
  return opts;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A runner (dev mode) on a free port with a fresh data dir; `env` adds to the environment,
// `logName` names its log in tests/output/logs.
async function startRunner(opts, { env = {}, logName = 'browser-runner' } = {}) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qabyldau-browser-'));
  fs.mkdirSync(logsDir, { recursive: true });
  const logPath = path.join(logsDir, `${logName}.log`);
  const log = fs.openSync(logPath, 'w');
  const args = ['--dev', '--port', String(port), '--data-dir', dataDir, '--static-dir', opts.dist];
  // cwd = the repository: the runner finds the demo seed (infra/seed/demo.json) there.
  const child = spawn(opts.runner, args, { cwd: repo, stdio: ['ignore', log, log], env: { ...process.env, ...env } });
  fs.closeSync(log);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  child.on('error', (e) => { exited = { error: e }; });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) {
      throw new Error(`runner exited before it was healthy (${JSON.stringify(exited)}); ` +
        `see ${logPath}:\n${tail(logPath)}`);
    }
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`runner not healthy after 30s; see ${logPath}`);
    await sleep(100);
  }
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      if (!exited) child.kill('SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, stop, logPath, args, dataDir };
}

function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function makeApi(baseUrl) {
  async function api(method, urlPath, { token, body, headers = {} } = {}) {
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload;
    if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const r = await fetch(baseUrl + urlPath, { method, headers: h, body: payload });
    const text = await r.text();
    let parsed = text;
    if ((r.headers.get('content-type') || '').includes('json') && text) {
      try { parsed = JSON.parse(text); } catch { /* keep the text */ }
    }
    return { status: r.status, headers: r.headers, body: parsed };
  }
  api.login = async (iin, name = 'Тест Тестов') => {
    const r = await api('POST', '/api/dev/login', { body: { iin, name } });
    assert.equal(r.status, 200, `dev login of ${iin}: ${JSON.stringify(r.body)}`);
    return r.body.token;
  };
  return api;
}

// Watches what a scenario opens: every page's console and errors, for the failure report, and
// every context, to close them after the scenario.
function tracker(browser, baseUrl, scenario) {
  const contexts = [];
  const pages = [];
  const consoleLog = [];
  const errors = [];
  const stamp = () => new Date().toISOString().slice(11, 23);
  const watchPage = (page) => {
    pages.push(page);
    instrumentForA11y(page);
    page.on('console', (m) => consoleLog.push(`${stamp()} ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => {
      errors.push(e);
      consoleLog.push(`${stamp()} pageerror: ${e.stack || e.message}`);
    });
    page.on('requestfailed', (r) =>
      consoleLog.push(`${stamp()} requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  };
  const newContext = async (options = {}) => {
    const context = await browser.newContext({ baseURL: baseUrl, ...options });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    context.on('page', watchPage);
    return context;
  };
  const newPage = async (options = {}) => (await newContext(options)).newPage();
  const proxy = new Proxy(browser, {
    get(target, prop) {
      if (prop === 'newContext') return newContext;
      if (prop === 'newPage') return newPage;
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return {
    browser: proxy,
    newPage,
    pageErrors: () => [...errors],
    lastOpenPage: () => [...pages].reverse().find((p) => !p.isClosed()),
    openPages: () => pages.filter((p) => !p.isClosed()),
    consoleLog,
    async close() {
      await Promise.allSettled(contexts.map((c) => c.close()));
    },
    scenario,
  };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  for (const [what, p] of [['runner', opts.runner], ['chromium', opts.chromium]]) {
    if (!fs.existsSync(p)) throw new Error(`${what} not found: ${p}`);
  }
  if (!fs.existsSync(path.join(opts.dist, 'index.html'))) {
    throw new Error(`no site at ${opts.dist}/index.html (make frontend, or --dist DIR)`);
  }
  const scenarioDir = path.join(here, 'scenarios');
  const files = fs.readdirSync(scenarioDir)
    .filter((f) => f.endsWith('.mjs'))
    .sort()
    .filter((f) => opts.only.length === 0 || opts.only.some((o) => f.includes(o)));
  if (files.length === 0) throw new Error(`no scenarios in ${scenarioDir} match ${opts.only.join(' ')}`);
  const timeoutMs = Number(process.env.SCENARIO_TIMEOUT_MS || 120_000);

  // This run's screenshots and failure logs only.
  fs.rmSync(shotsDir, { recursive: true, force: true });
  fs.mkdirSync(shotsDir, { recursive: true });
  for (const f of fs.readdirSync(outDir)) {
    if (/^FAIL-.*\.console\.log$/.test(f)) fs.rmSync(path.join(outDir, f));
  }
  const runner = await startRunner(opts);
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await runner.stop();
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => cleanup().finally(() => process.exit(130)));
  }
  const results = [];
  try {
    console.log(`browser tests: ${files.length} scenario(s), runner ${runner.baseUrl} serving ${opts.dist}`);
    browser = await chromium.launch({
      executablePath: opts.chromium,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    console.log(`browser tests: chromium ${browser.version()}`);
    const api = makeApi(runner.baseUrl);
    for (const file of files) {
      const scenario = file.replace(/\.mjs$/, '');
      const t = tracker(browser, runner.baseUrl, scenario);
      const ownRunners = [];
      const ctx = {
        browser: t.browser,
        newPage: t.newPage,
        baseUrl: runner.baseUrl,
        dataDir: runner.dataDir,
        api,
        assert,
        pageErrors: t.pageErrors,
        async startRunner({ env = {} } = {}) {
          const own = await startRunner(opts, { env, logName: `browser-runner-${scenario}-${ownRunners.length + 1}` });
          ownRunners.push(own);
          return { ...own, api: makeApi(own.baseUrl) };
        },
        async shot(page, name) {
          await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
        },
      };
      const started = Date.now();
      let error = null;
      try {
        const mod = await import(pathToFileURL(path.join(scenarioDir, file)).href);
        if (typeof mod.default !== 'function') throw new Error(`${file} has no default export function`);
        await withTimeout((async () => {
          await mod.default(ctx);
          // The states the scenario ended in (lib/axe.mjs checks the others on the way).
          for (const page of t.openPages()) await checkA11y(page, 'end of scenario');
        })(), timeoutMs, scenario);
      } catch (e) {
        error = e;
      }
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (error) {
        console.log(`FAIL ${scenario} (${secs}s)`);
        console.log(String(error.stack || error).replace(/\x1b\[[0-9;]*m/g, '').replace(/^/gm, '     '));
        const page = t.lastOpenPage();
        if (page) {
          const shotPath = path.join(shotsDir, `FAIL-${scenario}.png`);
          await page.screenshot({ path: shotPath, fullPage: true, timeout: 10_000 })
            .then(() => console.log(`     screenshot: ${path.relative(repo, shotPath)}`))
            .catch((e) => console.log(`     (no screenshot: ${e.message})`));
          console.log(`     url: ${page.url()}`);
        }
        const logPath = path.join(outDir, `FAIL-${scenario}.console.log`);
        fs.writeFileSync(logPath, t.consoleLog.join('\n') + '\n');
        console.log(`     console (${t.consoleLog.length} lines, ${path.relative(repo, logPath)}):`);
        for (const line of t.consoleLog.slice(-30)) console.log(`       ${line}`);
      } else {
        console.log(`PASS ${scenario} (${secs}s)`);
      }
      results.push({ scenario, ok: !error });
      await t.close();
      await Promise.allSettled(ownRunners.map((r) => r.stop()));
    }
  } finally {
    await cleanup();
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`browser tests: axe checked ${axeStats.states} page states (${axeStats.runs} runs: ru/kk × light/dark)`);
  console.log(`browser tests: ${results.length - failed.length} passed, ${failed.length} failed` +
    (failed.length ? ` (${failed.map((r) => r.scenario).join(', ')}); runner log: ${path.relative(repo, runner.logPath)}` : ''));
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((e) => {
  console.error(`browser tests: ${e.stack || e}`);
  process.exit(1);
});
