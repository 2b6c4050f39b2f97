// Shared helpers for the browser tests: a copy of the demo database in a temporary directory,
// `safeguard serve` on a free port, Debian's Chromium driven by playwright-core, axe-core checks and
// screenshots. Run by CTest (tests/browser/CMakeLists.txt), which passes the paths below.
//
// When Chromium or the npm packages (node_modules: playwright-core, @axe-core/playwright) are
// missing, requiring this file prints why and exits with 77, which CTest reports as skipped.
// scripts/install-deps.sh installs both (`make test` runs it).
//
// Waiting: never for "networkidle" (autosave and the chart's module keep the network busy). A step
// that leaves the page waits for the next document to commit and load (clickAndWait, page.goto);
// a step that changes the page in place waits for a visible element.
'use strict';

const assert = require('node:assert/strict');
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const kSkipped = 77;
const chromiumPath = process.env.SAFEGUARD_CHROMIUM || '/usr/bin/chromium';

function skip(why) {
  process.stdout.write(`SKIPPED: ${why}\n`);
  process.exit(kSkipped);
}

let chromium;
let AxeBuilder;
try {
  ({ chromium } = require('playwright-core'));
  ({ AxeBuilder } = require('@axe-core/playwright'));
} catch (error) {
  skip(`the npm packages are missing (${error.message.split('\n')[0]}): run scripts/install-deps.sh (npm ci)`);
}
if (!fs.existsSync(chromiumPath)) {
  skip(`no Chromium at ${chromiumPath}: run scripts/install-deps.sh (apt-get install chromium)`);
}

const binary = process.env.SAFEGUARD_BINARY;
const assets = process.env.SAFEGUARD_ASSETS;
const template = process.env.SAFEGUARD_DEMO_TEMPLATE;
const outputDir = process.env.SAFEGUARD_TEST_OUTPUT || path.join(os.tmpdir(), 'safeguard-browser');

// How long one step (a click that loads a page, a locator) may take before the test fails.
const kStepTimeoutMs = 20_000;

function requireSetup() {
  assert.ok(binary && fs.existsSync(binary), `SAFEGUARD_BINARY (${binary}) is not a built safeguard`);
  assert.ok(assets && fs.existsSync(path.join(assets, 'govuk-frontend.min.css')),
    `SAFEGUARD_ASSETS (${assets}) has no GOV.UK Frontend: run npm ci and rebuild`);
  fs.mkdirSync(outputDir, { recursive: true });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Runs the safeguard binary and returns its standard output.
function safeguard(args, input) {
  return execFileSync(binary, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

// Rows of an SQL query on the database, as objects (sqlite3 -json). Reads only.
function sql(db, query) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', db, query], { encoding: 'utf8' });
  return out.trim() === '' ? [] : JSON.parse(out);
}

// Copies a database that no process is writing (the file and any write-ahead log beside it).
function copyDatabase(from, to) {
  fs.copyFileSync(from, to);
  if (fs.existsSync(`${from}-wal`)) fs.copyFileSync(`${from}-wal`, `${to}-wal`);
}

// A fresh copy of the demo authority in a temporary directory, served on a free port. The copy is
// of the database the CTest fixture browser.demo_database built once (SAFEGUARD_DEMO_TEMPLATE);
// without it (a test run by hand), the demo is built here.
class DemoServer {
  async start() {
    requireSetup();
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-browser-'));
    this.db = path.join(this.dir, 'demo.db');
    if (template && fs.existsSync(template)) {
      copyDatabase(template, this.db);
    } else {
      safeguard(['demo', '--db', this.db]);
    }
    this.port = await freePort();
    this.base = `http://127.0.0.1:${this.port}`;
    this.logFile = path.join(this.dir, 'serve.log');
    this.log = fs.openSync(this.logFile, 'a');
    this.process = spawn(binary, ['serve', '--db', this.db, '--port', String(this.port),
      '--assets', assets], { stdio: ['ignore', this.log, this.log] });
    this.exited = new Promise((resolve) => this.process.on('exit', resolve));
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const response = await fetch(`${this.base}/healthz`);
        if (response.status === 200) break;
      } catch (error) {
        // not listening yet
      }
      if (this.process.exitCode !== null || Date.now() > deadline) {
        throw new Error(`safeguard serve did not start:\n${fs.readFileSync(this.logFile, 'utf8')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this;
  }

  // The demo's simulated today, as the server sees it: { iso: '2026-03-31', day, month, year }.
  today() {
    const [{ value }] = sql(this.db, "SELECT value FROM setting WHERE key = 'demo.end_date'");
    const [year, month, day] = value.split('-').map(Number);
    return { iso: value, day, month, year };
  }

  async stop() {
    if (this.process && this.process.exitCode === null) {
      this.process.kill('SIGTERM');
      const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
    if (this.log !== undefined) fs.closeSync(this.log);
    if (this.dir && process.env.SAFEGUARD_KEEP_TEST_DIRS) {
      process.stdout.write(`kept ${this.dir} (database and serve.log)\n`);
    } else if (this.dir) {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

// A browser context with the tests' timeouts.
async function newContext(browser, options = { viewport: { width: 1280, height: 900 } }) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(kStepTimeoutMs);
  context.setDefaultNavigationTimeout(kStepTimeoutMs);
  return context;
}

// Clicks a link or a submit button and waits until the page it leads to (after any redirect) has
// committed and loaded. Returns the main document's response.
async function clickAndWait(page, locator) {
  const committed = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(), timeout: kStepTimeoutMs,
  });
  const response = page.waitForResponse(
    (r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() &&
      (r.status() < 300 || r.status() >= 400), { timeout: kStepTimeoutMs });
  await locator.click();
  const [, landed] = await Promise.all([committed, response]);
  await page.waitForLoadState('load');
  return landed;
}

// Every page must pass axe-core with no serious or critical violation (WCAG 2.0-2.2 A and AA).
const axeResults = [];
async function checkAccessibility(page, label) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  axeResults.push({
    label,
    url: page.url(),
    violations: results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })),
    serious: serious.length,
  });
  assert.deepEqual(serious.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [],
    `${label} (${page.url()}) has serious or critical accessibility violations`);
}

async function screenshot(page, name) {
  const file = path.join(outputDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Signs in through the form; the password of a demo user is demo-<username>. Returns the
// response of the page it lands on (the home page, or the form again with an error).
async function signIn(page, base, username, password = `demo-${username}`) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  return clickAndWait(page, page.getByRole('button', { name: 'Sign in' }));
}

function writeAxeSummary(name) {
  fs.mkdirSync(outputDir, { recursive: true });
  fs.writeFileSync(path.join(outputDir, `${name}-axe.json`), JSON.stringify(axeResults, null, 2));
}

module.exports = {
  DemoServer, launchBrowser, newContext, clickAndWait, checkAccessibility, screenshot, signIn, sql,
  safeguard, writeAxeSummary, outputDir,
};
