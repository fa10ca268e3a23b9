// The cadre's tools without signal: after one visit the service worker keeps
// them (fetched once the device is idle), so that every tool works offline,
// the household sheet's QR module and the policy figures included; a
// connection that saves data is left alone. Each test has its own server,
// stopped to go offline for real (the browser's offline mode besides).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VIEWPORT, launchBrowser, openPage, screenshot, startServer } from './harness.mjs';

const HOUSEHOLD = '?p=inner_mongolia&d=2020-06-30&s=resident&c=registered_poor&st=county~50000.00~8000.00';

/** Whether the service worker's cache holds `paths` (relative to the page). */
const kept = (page, paths) => page.evaluate(async (wanted) => {
  const names = await caches.keys();
  if (names.length !== 1) return false;
  const cache = await caches.open(names[0]);
  const found = await Promise.all(wanted.map((path) => cache.match(new URL(path, location.href).href)));
  return found.every(Boolean);
}, paths);

// What only the tools load: their code, the full module, the QR module, a policy's figures.
const TOOL_FILES = ['tools.js', 'tools-messages.js', 'tools.css', 'households.js', 'pkg-cadre/yibao.js',
  'pkg-cadre/yibao_bg.wasm', 'vendor/qrcode.mjs', 'policies/inner_mongolia.figures.json', 'policies/fuxin.figures.json'];

test('after one visit every tool works offline, the household sheet and the policy figures included', async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const { context, page, seen } = await openPage(browser, VIEWPORT);
  try {
    await page.goto(server.url + HOUSEHOLD);
    await page.waitForSelector('#out-of-pocket');
    // No tool opened: the service worker fetches them once the page is idle.
    const until = Date.now() + 60000;
    while (!(await kept(page, TOOL_FILES))) {
      assert.ok(Date.now() < until, 'the tools were not kept within a minute');
      await page.waitForTimeout(500);
    }
    assert.ok(!seen.requests.some((url) => /tools\.js|pkg-cadre/.test(url)), 'the page itself fetched the tools');
    server.stop();
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('#out-of-pocket');
    assert.equal(await page.textContent('#out-of-pocket'), '¥9,098.56');
    // Each tool, opened offline.
    for (const [id, drawn] of [['categories', 'details.card'], ['curve', 'svg.chart'], ['compare', 'table.compare'],
      ['year', 'ol.stays'], ['sheet', '#sheet svg.qr'], ['batch', '#batch-run'], ['policies', 'ul.inspect']]) {
      await page.click(`button[data-tool="${id}"]`);
      await page.waitForSelector(`#tool ${drawn}`, { timeout: 20000 });
      assert.equal(await page.locator('#tool .status.error').count(), 0, id);
    }
    // The sheet's amount, and a batch of households computed offline.
    await page.click('button[data-tool="sheet"]');
    await page.waitForSelector('#sheet svg.qr');
    assert.match(await page.textContent('#sheet'), /您自己需要支付 ¥9,098\.56/);
    await page.click('button[data-tool="batch"]');
    await page.fill('#batch-paste', 'id,policy,scheme,category,level,compliant\na,inner_mongolia,resident,ordinary,county,20000\n');
    await page.click('#batch-run');
    await page.waitForFunction(() => document.querySelector('#batch-summary')?.textContent.includes('共 1 户：算出 1 户'));
    // Another policy's figures, kept too.
    await page.click('button[data-tool="policies"]');
    await page.selectOption('#inspect-policy', 'fuxin');
    await page.waitForFunction(() => document.querySelector('#inspect h3')?.textContent.includes('阜新'));
    await screenshot(page, 'offline-tools', '#tools');
    assert.deepEqual(seen.pageErrors, []);
  } finally {
    await context.close();
    await browser.close();
    server.stop();
  }
});

test('a connection that saves data, or a page embedded without tools: the tools are not fetched ahead', async () => {
  const saveData = () => Object.defineProperty(Navigator.prototype, 'connection', { configurable: true, get: () => ({ saveData: true, effectiveType: '4g' }) });
  for (const [query, init] of [[HOUSEHOLD, saveData], [`${HOUSEHOLD}&embed=1`, () => {}]]) {
    const server = await startServer();
    const browser = await launchBrowser();
    const { context, page } = await openPage(browser, VIEWPORT);
    try {
      await context.addInitScript(init);
      await page.goto(server.url + query);
      await page.waitForSelector('#out-of-pocket');
      // The first view is kept as always, so the page does work offline …
      const until = Date.now() + 30000;
      while (!(await kept(page, ['app.js', 'pkg/yibao_bg.wasm']))) {
        assert.ok(Date.now() < until, `${query}: the first view was not kept within 30 s`);
        await page.waitForTimeout(500);
      }
      // … but the tools are not fetched, however long the page is idle.
      await page.waitForTimeout(5000);
      for (const path of ['tools.js', 'pkg-cadre/yibao_bg.wasm', 'vendor/qrcode.mjs']) assert.equal(await kept(page, [path]), false, `${query}: ${path}`);
    } finally {
      await context.close();
      await browser.close();
      server.stop();
    }
  }
});
