// Shared set-up for the browser tests: the site served by tools/serve.py (the
// same server as `./yb serve`) and Debian's Chromium driven by playwright-core.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOTS = join(ROOT, 'target', 'screenshots');

/** Starts tools/serve.py on a free port; resolves to { url, stop }. */
export function startServer(dir = join(ROOT, 'dist')) {
  const child = spawn('python3', [join(ROOT, 'tools', 'serve.py'), '--port', '0', dir], {
    env: { ...process.env, YIBAO_SERVE_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) resolve({ url: match[1], stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`serve.py exited with ${code}: ${out}`)));
  });
}

/** Debian's Chromium, kept off the network (the machine only reaches package registries). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
      '--disable-background-networking', '--disable-component-update'],
  });
}

/**
 * A new page at phone size (`options`: more of the browser context's) that records what the tests must check: every
 * request URL, failed responses, page errors, console errors and CSP violations.
 */
export async function openPage(browser, viewport = VIEWPORT, options = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', ...options });
  const page = await context.newPage();
  const seen = { requests: [], failedResponses: [], pageErrors: [], consoleErrors: [], wasmTypes: [] };
  page.on('request', (request) => seen.requests.push(request.url()));
  page.on('pageerror', (error) => seen.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) seen.failedResponses.push(`${response.status()} ${response.url()}`);
    if (response.url().endsWith('.wasm')) seen.wasmTypes.push(response.headers()['content-type']);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`));
  });
  return { context, page, seen };
}

/**
 * The page tests run at phone size (360×640) and again at desktop size when
 * YIBAO_VIEWPORT=1280x800 (`./yb test` runs both).
 */
export const VIEWPORT = (() => {
  const [width, height] = (process.env.YIBAO_VIEWPORT || '360x640').split('x').map(Number);
  return { width, height };
})();

/**
 * Saves a screenshot named with the viewport (`name-360x640.png`): the full
 * page, or only the element `selector`.
 */
export async function screenshot(page, name, selector) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { width, height } = page.viewportSize();
  const path = join(SCREENSHOTS, `${name}-${width}x${height}.png`);
  if (selector) await page.locator(selector).screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Picks a region as a person does: its province (by its name on the Chinese
 * page), then the policy `id` among the province's places.
 */
export async function choosePlace(page, province, id) {
  await page.selectOption('#province', { label: province });
  await page.waitForFunction((p) => document.getElementById('province')?.selectedOptions[0]?.textContent === p, province);
  await page.selectOption('#policy', id);
}

/**
 * One server and one browser for a test file: returns an object whose `url`
 * and `browser` are set before the tests run, and closed after them.
 */
export function useServerAndBrowser() {
  const env = {};
  before(async () => {
    const server = await startServer();
    env.url = server.url;
    env.stop = server.stop;
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    env.stop?.();
  });
  return env;
}

/**
 * The browser tests' own policy, e2e/fixtures/e2e_county.toml (a county with
 * outpatient care, disease lists, care away from home, a reported average
 * and another reading of a figure), baked by the command line into a
 * temporary folder: { id, dir }.
 */
export function bakeFixture() {
  const dir = mkdtempSync(join(tmpdir(), 'yibao-e2e-'));
  execFileSync('cargo', ['run', '--quiet', '--bin', 'yibao', '--', 'bake', '--out', dir, join(ROOT, 'e2e', 'fixtures', 'e2e_county.toml')],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return { id: 'e2e_county', dir };
}

/**
 * A page whose site also has the fixture's policy (`fixture`, from
 * bakeFixture): in the catalogue after the shipped ones, its data and figures
 * beside theirs (`options`: more of the browser context's). The service
 * worker is kept off, as it would answer from its cache.
 */
export async function openWithFixture(browser, fixture, viewport = VIEWPORT, options = {}) {
  const opened = await openPage(browser, viewport, { serviceWorkers: 'block', ...options });
  await opened.context.route('**/policies/index.json', async (route) => {
    const shipped = await (await route.fetch()).json();
    const own = JSON.parse(readFileSync(join(fixture.dir, 'index.json'), 'utf8'));
    await route.fulfill({ json: [...shipped, ...own] });
  });
  await opened.context.route(`**/policies/${fixture.id}.*`, (route) => route.fulfill({
    path: join(fixture.dir, new URL(route.request().url()).pathname.split('/').pop()),
    contentType: route.request().url().endsWith('.json') ? 'application/json' : 'application/octet-stream',
  }));
  return opened;
}