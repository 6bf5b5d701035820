// What every browser test shares: a server of its own (`spdl serve --port 0`, the port read from
// its start-up line, stopped at the end), Debian's chromium driven by playwright-core, pages at
// 1280x900 whose script errors fail the test, and screenshots written for people to look at.
//
// Environment (tests/browser/CMakeLists.txt sets it): SPDL_BINARY (the spdl program), SPDL_SOURCE_DIR
// (the source tree), SPDL_SCREENSHOTS (a folder for the PNGs and PDFs), CHROMIUM (the browser).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

export const SKIP = 77; // CTest's SKIP_RETURN_CODE for these tests
export const home = process.env.SPDL_SOURCE_DIR || process.cwd();
export const binary = process.env.SPDL_BINARY || path.join(home, 'build', 'spdl');
export const shots = process.env.SPDL_SCREENSHOTS || path.join(os.tmpdir(), 'spdl-browser-shots');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const name = path.basename(process.argv[1] || 'browser', '.mjs');

const began = Date.now();
export function log(...args) { console.log(`${name} [${((Date.now() - began) / 1000).toFixed(1)} s]:`, ...args); }

export function fail(message) {
  const error = new Error(message);
  error.spdlFailure = true;
  throw error;
}

export function expect(condition, message) { if (!condition) fail(message); }

function loadPlaywright() {
  if (!fs.existsSync(chromiumPath)) {
    console.log(`${name}: SKIPPED: chromium is not installed at ${chromiumPath} ` +
      '(scripts/bootstrap.sh installs it: apt-get install chromium)');
    process.exit(SKIP);
  }
  const require = createRequire(path.join(home, 'tests', 'package.json'));
  try {
    return require('playwright-core');
  } catch (e) {
    console.error(`${name}: playwright-core is missing (${e.message}); run: npm ci --prefix tests (./run-tests does it)`);
    process.exit(1);
  }
}

/** Starts `spdl serve` on a free port; resolves to {url, port, drafts, log, stop()}. */
export function startServer({ drafts = true, extra = [] } = {}) {
  const draftsDir = drafts ? fs.mkdtempSync(path.join(os.tmpdir(), 'spdl-drafts-')) : null;
  const args = ['serve', '--port', '0', '--root', path.join(home, 'rulesets')];
  if (draftsDir) args.push('--drafts', draftsDir);
  args.push(...extra);
  const child = spawn(binary, args, { cwd: home, stdio: ['ignore', 'ignore', 'pipe'] });
  const lines = [];
  return new Promise((resolve, reject) => {
    let buffered = '';
    let started = false;
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`spdl serve did not say where it listens within 30 s:\n${lines.join('\n')}`)); }, 30000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        lines.push(line);
        const m = /^spdl serve: listening on (http:\/\/127\.0\.0\.1:(\d+)\/)$/.exec(line);
        if (m && !started) {
          started = true;
          clearTimeout(timer);
          resolve({
            url: m[1], port: Number(m[2]), drafts: draftsDir, log: lines,
            stop: () => new Promise((done) => {
              if (child.exitCode !== null) { done(child.exitCode); return; }
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
          });
        }
      }
    });
    child.on('exit', (code) => {
      if (!started) { clearTimeout(timer); reject(new Error(`spdl serve exited with ${code} before listening:\n${lines.join('\n')}`)); }
    });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

/** Runs `body({server, browser, page, newPage})`; fails on a script error in any page. */
export async function run(body, { drafts = true } = {}) {
  const { chromium } = loadPlaywright();
  fs.mkdirSync(shots, { recursive: true });
  let server;
  let browser;
  const pageErrors = [];
  let status = 0;
  try {
    server = await startServer({ drafts });
    log(`spdl serve listening on port ${server.port}`);
    browser = await chromium.launch({
      executablePath: chromiumPath, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    context.setDefaultTimeout(Number(process.env.SPDL_BROWSER_TIMEOUT_MS || 15000));
    const newPage = async () => {
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(`script error: ${e.message}`));
      page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`console error: ${m.text()}`); });
      return page;
    };
    const page = await newPage();
    log('chromium started');
    try {
      await body({ server, browser, context, page, newPage });
    } catch (e) {
      // What the page showed when the test gave up, for whoever reads the failure.
      await page.screenshot({ path: path.join(shots, `${name}-failed.png`) }).catch(() => {});
      console.error(`${name}: the page at the failure: ${path.join(shots, `${name}-failed.png`)}`);
      throw e;
    }
    // A 4xx the page asked for on purpose is logged by the browser as a console error; those
    // are the server's answers, which the tests check by what the page shows instead.
    const scriptErrors = pageErrors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));
    expect(scriptErrors.length === 0, `the page reported errors:\n  ${scriptErrors.join('\n  ')}`);
    log(`passed in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  } catch (e) {
    status = 1;
    console.error(`${name}: FAILED: ${e.spdlFailure ? e.message : e.stack || e}`);
    if (server) console.error(`${name}: the server's log:\n  ${server.log.slice(-30).join('\n  ')}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) {
      const code = await server.stop();
      if (code !== 0 && status === 0) { console.error(`${name}: spdl serve exited with ${code} on SIGTERM`); status = 1; }
      if (server.drafts) fs.rmSync(server.drafts, { recursive: true, force: true });
    }
  }
  process.exit(status);
}

/** A screenshot for people to look at (the test does not compare pixels). */
export async function screenshot(page, file, options = {}) {
  const where = path.join(shots, file);
  await page.screenshot({ path: where, ...options });
  log(`screenshot ${where}`);
  return where;
}

/** What `spdl` itself prints for the same question: the page must agree with it. */
export function spdl(...args) {
  const r = spawnSync(binary, args, { cwd: home, encoding: 'utf8' });
  if (r.status !== 0) fail(`spdl ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? (v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2) : NaN;
}

/** Every control on the page has a name a screen reader reads (a label tied to it, or aria-label). */
export async function expectLabelled(page) {
  const unlabelled = await page.evaluate(() => {
    const out = [];
    for (const n of document.querySelectorAll('input, select, textarea, button')) {
      if (n.type === 'hidden' || n.closest('[hidden]') || n.closest('.CodeMirror')) continue;
      const named = (n.labels && n.labels.length) || n.getAttribute('aria-label') || n.getAttribute('aria-labelledby') ||
        (n.tagName === 'BUTTON' && n.textContent.trim());
      if (!named) out.push(n.id || n.outerHTML.slice(0, 80));
    }
    return out;
  });
  expect(unlabelled.length === 0, `controls without a label: ${unlabelled.join(', ')}`);
  const h1 = await page.locator('h1').count();
  expect(h1 === 1, `the page should have one main heading, it has ${h1}`);
}
