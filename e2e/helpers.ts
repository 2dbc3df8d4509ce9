// Browser-test helpers: run the real server (`node src/server.ts`) on a free port with a fresh data
// folder, drive Debian's Chromium through playwright-core, and check every page with axe.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page, type Response } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD } from '../src/platform/demo/people.ts';
import { hotp, totpStep, STEP_SECONDS } from '../src/platform/auth/totp.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOT_DIR = path.join(ROOT, 'e2e', 'screenshots');
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export { DEMO_PASSWORD };

const STARTUP_TIMEOUT_MS = 120_000;

// --- Server ---

export interface Server {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `node src/server.ts` like a user would, on the embedded database in a fresh temporary folder. */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-e2e-'));
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test', ...extraEnv };
  // The browser tests always use the embedded database and the outbox, whatever the shell has set.
  for (const key of ['DATABASE_URL', 'DATABASE_SCHEMA', 'SMTP_URL', 'PUBLIC_URL', 'HOST', 'SEED_DEMO']) if (!(key in extraEnv)) delete env[key];
  const proc: ChildProcess = spawn(process.execPath, ['src/server.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stdout!.on('data', (d: string) => { out += d; });
  proc.stderr!.on('data', (d: string) => { out += d; });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  let stopped = false;

  const stop = async () => {
    if (!stopped) {
      stopped = true;
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const url = `http://localhost:${port}`;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The server did not start within ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS);
      const onData = () => { if (out.includes('Joined Up is running at')) { clearTimeout(timer); resolve(); } };
      proc.stdout!.on('data', onData);
      void exited.then((code) => { clearTimeout(timer); reject(new Error(`The server exited (code ${code}) before it was ready`)); });
    });
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200, `GET /healthz answered ${health.status}`);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- server output ---\n${out}`, { cause: err });
  }
  return { url, port, dataDir, output: () => out, stop };
}

// --- Browser ---

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// --- Accessibility ---

const noJsContexts = new WeakSet<BrowserContext>();

/** Runs axe on the page (WCAG 2.2 AA rule set) and fails with a readable list of every violation. */
export async function checkA11y(page: Page, label = ''): Promise<void> {
  if (noJsContexts.has(page.context())) return checkA11yWithoutJs(page, label);
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((v) => {
    const nodes = v.nodes.map((n) => `      - ${n.target.map(String).join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`).join('\n');
    return `  * ${v.id} [${v.impact ?? 'unknown'}]: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
  });
  assert.fail(`${results.violations.length} accessibility violation(s) on ${label || page.url()}:\n${lines.join('\n')}`);
}

/**
 * axe cannot run in a page whose JavaScript is turned off, so the page's HTML, with its scripts removed,
 * is served again at the same address to a JavaScript-enabled page, and checked there.
 */
async function checkA11yWithoutJs(page: Page, label: string): Promise<void> {
  const browser = page.context().browser();
  assert.ok(browser, 'no browser');
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  const url = page.url();
  const context = await browser.newContext();
  try {
    await context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    const copy = await context.newPage();
    await copy.goto(url);
    await checkA11y(copy, `${label || url} (without JavaScript)`);
  } finally {
    await context.close();
  }
}

/** Opens a path, checks its status (200 unless told) and runs axe on it. */
export async function visit(page: Page, server: Server, pathname: string, expectStatus = 200): Promise<Response> {
  const res = await page.goto(server.url + pathname);
  assert.ok(res, `no response for ${pathname}`);
  assert.equal(res.status(), expectStatus, `GET ${pathname} answered ${res.status()}, expected ${expectStatus} (now at ${page.url()})`);
  await checkA11y(page);
  return res;
}

/** Clicks (or otherwise triggers) something that navigates, and returns the final document's response. */
export async function navigating(page: Page, action: () => Promise<unknown>): Promise<Response> {
  const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  assert.ok(res, 'the action did not lead to a new page');
  return res;
}

/** Presses the submit button of the form matching `form` (a CSS selector); returns the response of the page it leads to. */
export async function submit(page: Page, form: string): Promise<Response> {
  return navigating(page, () => page.locator(`${form} button[type="submit"]`).click());
}

/** Clicks a link or button that opens a page, checks the page's status (200 unless told) and runs axe on it. */
export async function follow(page: Page, target: Locator, expectStatus = 200): Promise<Response> {
  const res = await navigating(page, () => target.click());
  assert.equal(res.status(), expectStatus, `${page.url()} answered ${res.status()}, expected ${expectStatus}`);
  await checkA11y(page);
  return res;
}

/** The path (and query) the page is at now. */
export function pathOf(page: Page): string {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

// --- Signing in ---

/** Fills in the sign-in form and submits it; returns the response of the page it lands on. */
export async function signIn(page: Page, server: Server, email: string, password: string = DEMO_PASSWORD, opts: { a11y?: boolean } = {}): Promise<Response> {
  await page.goto(`${server.url}/sign-in`);
  if (opts.a11y) await checkA11y(page);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  return submit(page, 'form[action="/sign-in"]');
}

let lastAdminStep = 0;
/**
 * A security code for the demo administrator that has not been used yet in this process (the server
 * refuses a replayed code): the current step, or the next one, or waits for a fresh step.
 */
export async function freshAdminCode(secret: string = DEMO_ADMIN_TOTP_SECRET): Promise<string> {
  for (;;) {
    const now = totpStep(new Date());
    const step = Math.max(now, lastAdminStep + 1);
    if (step <= now + 1) {
      lastAdminStep = step;
      return hotp(secret, step);
    }
    const msToNext = STEP_SECONDS * 1000 - (Date.now() % (STEP_SECONDS * 1000)) + 200;
    await new Promise((r) => setTimeout(r, msToNext));
  }
}

/** A code that is certainly wrong for the secret (differs from the codes of the steps around now). */
export function wrongCode(secret: string = DEMO_ADMIN_TOTP_SECRET): string {
  const now = totpStep(new Date());
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => hotp(secret, now + d)));
  for (let n = 0; ; n++) {
    const c = String(n * 7919 % 1_000_000).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

/** Signs the demo administrator in through both steps. */
export async function signInAdmin(page: Page, server: Server): Promise<Response> {
  await signIn(page, server, 'admin@demo.joinedup.invalid');
  assert.equal(new URL(page.url()).pathname, '/sign-in/two-factor');
  await page.locator('#code').fill(await freshAdminCode());
  return submit(page, 'form[action="/sign-in/two-factor"]');
}

// --- Outbox ---

/** Waits until the demo outbox shows a message to `to` whose subject contains `subject`; returns the first link in it. */
export async function linkFromOutbox(page: Page, server: Server, to: string, subject: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await page.goto(`${server.url}/outbox`);
    assert.equal(res?.status(), 200, 'the demo outbox should be available');
    const card = page.locator('.govuk-summary-card').filter({ hasText: to }).filter({ hasText: subject }).first();
    if (await card.count()) {
      await checkA11y(page);
      const href = await card.locator('a.govuk-link').first().getAttribute('href');
      assert.ok(href, `the email "${subject}" to ${to} has no link`);
      return href;
    }
    if (Date.now() > deadline) assert.fail(`no email "${subject}" to ${to} reached the outbox within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

// --- Test wiring ---

export interface E2E {
  readonly server: Server;
  readonly browser: Browser;
  /** A test with its own browser context (own cookies); screenshots the page into e2e/screenshots if it fails. */
  test(name: string, fn: (page: Page, context: BrowserContext, t: TestContext) => Promise<void>, options?: BrowserContextOptions): void;
}

/** Starts one server and one browser for the test file, and stops them after it. */
export function e2eSuite(serverEnv: Record<string, string> = {}): E2E {
  let server: Server | undefined;
  let browser: Browser | undefined;
  before(async () => {
    [server, browser] = await Promise.all([startServer(serverEnv), launchBrowser()]);
  }, { timeout: STARTUP_TIMEOUT_MS + 30_000 });
  after(async () => {
    await Promise.allSettled([browser?.close(), server?.stop()]);
  });
  const suite: E2E = {
    get server() { assert.ok(server, 'the server has not started'); return server; },
    get browser() { assert.ok(browser, 'the browser has not started'); return browser; },
    test(name, fn, options = {}) {
      test(name, { timeout: 120_000 }, async (t) => {
        const context = await suite.browser.newContext({ ...options });
        if (options.javaScriptEnabled === false) noJsContexts.add(context);
        context.setDefaultTimeout(15_000);
        context.setDefaultNavigationTimeout(30_000);
        const page = await context.newPage();
        try {
          await fn(page, context, t);
        } catch (err) {
          await screenshot(page, name);
          throw err;
        } finally {
          await context.close();
        }
      });
    },
  };
  return suite;
}

async function screenshot(page: Page, name: string): Promise<void> {
  try {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 80)}-${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
    console.error(`Screenshot of the failing page (${page.url()}): ${path.relative(ROOT, file)}`);
  } catch (err) {
    console.error(`Could not take a screenshot: ${(err as Error).message}`);
  }
}

// --- Page assertions ---

/** The GOV.UK error summary is shown, and each listed message links to a field on the page. */
export async function assertErrorSummary(page: Page, expected: { message: string | RegExp; field: string }[]): Promise<void> {
  const summary = page.locator('.govuk-error-summary');
  assert.equal(await summary.count(), 1, 'expected an error summary');
  assert.match((await page.title()), /^Error: /, 'the page title should start with "Error: "');
  for (const e of expected) {
    const link = summary.locator('a').filter({ hasText: e.message });
    assert.equal(await link.count(), 1, `the error summary should list "${String(e.message)}"; it says: ${await summary.innerText()}`);
    assert.equal(await link.getAttribute('href'), `#${e.field}`, `"${String(e.message)}" should link to #${e.field}`);
    assert.equal(await page.locator(`#${e.field}`).count(), 1, `the field #${e.field} should exist`);
    const inline = page.locator(`#${e.field}-error`);
    assert.equal(await inline.count(), 1, `the field #${e.field} should show its error message inline`);
    assert.match(await page.locator(`#${e.field}`).getAttribute('aria-describedby') ?? '', new RegExp(`\\b${e.field}-error\\b`), `#${e.field} should be described by its error message`);
  }
}

/** The text of the page's h1 (or of the label that is the page heading). */
export async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().innerText()).trim();
}
