// The page, in headless Chromium at phone size: the pipe from form to wasm to
// screen, the load-failure message, and the page's security promises.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { launchBrowser, openPage, screenshot, startServer } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const READY = 'html[data-engine="ready"]';
const FAILED = 'html[data-engine="failed"]';

test('typing an amount shows the wasm-computed yuan, and errors at the field', async () => {
  const { context, page, seen } = await openPage(browser);
  await page.goto(server.url);
  await page.waitForSelector(READY, { timeout: 15000 });

  await page.fill('#compliant', '1.2万');
  assert.equal(await page.textContent('#amount'), '12,000.00');
  await page.fill('#compliant', '１２，３４５．６');
  assert.equal(await page.textContent('#amount'), '12,345.60');
  await screenshot(page, 'amount-360x640');

  await page.fill('#compliant', '-5');
  assert.equal(await page.textContent('#compliant-msg'), '金额不能为负数');
  assert.equal(await page.getAttribute('#compliant', 'aria-invalid'), 'true');
  assert.equal(await page.isHidden('#amount-line'), true);
  await screenshot(page, 'amount-error-360x640');

  await page.fill('#compliant', '800');
  assert.equal(await page.textContent('#amount'), '800.00');
  assert.equal(await page.textContent('#compliant-msg'), '');

  const origin = new URL(server.url).origin;
  assert.deepEqual(seen.requests.filter((url) => !url.startsWith(origin)), [], 'requests outside the origin');
  assert.deepEqual(seen.wasmTypes, ['application/wasm']);
  assert.deepEqual(seen.failedResponses, []);
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await context.close();
});

test('the page runs under a strict Content-Security-Policy, in the HTML and from the server', async () => {
  const { context, page } = await openPage(browser);
  const response = await page.goto(server.url);
  const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  for (const csp of [meta, response.headers()['content-security-policy']]) {
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  }
  // No inline script or handler anywhere: the CSP would block it.
  assert.equal(await page.locator('script:not([src])').count(), 0);
  assert.equal(await page.locator('[onclick],[onload],[oninput],[onerror]').count(), 0);
  await context.close();
});

test('when the wasm cannot be fetched, the page says so in Chinese', async () => {
  const { context, page, seen } = await openPage(browser);
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(server.url);
  await page.waitForSelector(FAILED, { timeout: 15000 });
  assert.match(await page.textContent('#status'), /无法加载计算模块.*更新/);
  assert.equal(await page.isDisabled('#compliant'), true);
  assert.deepEqual(seen.pageErrors, []);
  await screenshot(page, 'wasm-failed-360x640');
  await context.close();
});

test('without WebAssembly at all, the page says so in Chinese', async () => {
  const { context, page, seen } = await openPage(browser);
  await page.addInitScript(() => { delete globalThis.WebAssembly; });
  await page.goto(server.url);
  await page.waitForSelector(FAILED, { timeout: 15000 });
  assert.match(await page.textContent('#status'), /无法加载计算模块/);
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('the server sends the precompressed copies the build wrote', async () => {
  const headers = (path, encoding) => new Promise((resolve, reject) => {
    request(new URL(path, server.url), { headers: { 'Accept-Encoding': encoding } }, (res) => {
      res.resume();
      resolve(res.headers);
    }).on('error', reject).end();
  });
  const brotli = await headers('pkg/yibao_bg.wasm', 'gzip, br');
  assert.equal(brotli['content-encoding'], 'br');
  assert.equal(brotli['content-type'], 'application/wasm');
  assert.equal((await headers('app.js', 'gzip'))['content-encoding'], 'gzip');
  assert.equal((await headers('app.js', 'identity'))['content-encoding'], undefined);
});
