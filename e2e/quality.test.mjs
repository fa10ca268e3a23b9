// Budgets and bars of the page: what the first view fetches, accessibility
// (axe-core, widths), desktop size, and the page on a slow phone. Speed is
// measured and printed there, never asserted: timings belong to benchmarks
// (tools/bench.sh) and sizes to the budget (tools/size.py); what is asserted
// is that the right amounts appear.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, openPage, screenshot, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

// policies/inner_mongolia.cases.toml, case "建档立卡贫困人口：大病保险倾斜、医疗救助、商业补充保险":
// a registered poor resident, a county stay of 50,000 + 8,000 out of policy, pays 9,098.56:
// basic (50000 − 500) × 85% = 42075 (deductible and rate assumed, the rate
// calibrated on the reported average of 75%); critical illness (7925 − 7000)
// × 65% = 601.25 (lines 22, 30); assistance 7323.75 × 70% = 5126.625 → 5126.63
// (line 26); commercial insurance 2197.12 × 50% = 1098.56 (assumed); the
// 1098.56 left is under the backstop line 5000 (assumed): 8000 + 1098.56.
const STATE = '?p=inner_mongolia&s=resident&c=registered_poor&st=county~50000.00~8000.00';
const PAYS = '¥9,098.56';

/** The budget as tools/size.py counts it: { budget, files, region_data, largest_region }. */
function firstViewBudget() {
  return JSON.parse(execFileSync('python3', [join(ROOT, 'tools', 'size.py'), join(ROOT, 'dist'), '--first-view-json'],
    { encoding: 'utf8' }));
}

test('the first view fetches exactly what tools/size.py counts, within its budget', async () => {
  const { budget, files, region_data: regionData } = firstViewBudget();
  assert.ok(files.includes('pkg/yibao_bg.wasm') && files.includes('index.html'), files.join());
  const { context, page, seen } = await openPage(env.browser);
  await page.goto(env.url + STATE);
  assert.equal(await page.textContent('#out-of-pocket'), PAYS);
  const firstView = [...new Set(seen.requests.map((url) => new URL(url).pathname.slice(1) || 'index.html'))]
    .filter((path) => path !== 'sw.js');
  // The amount is the first module's: the full one (pkg-cadre) comes with an explanation, a replaced figure or a tool.
  assert.deepEqual(firstView.filter((path) => path.startsWith('pkg-cadre/')), [], 'the first view fetches the full module');
  // policies/*.bin: one region's data, whichever is chosen (size.py counts the largest).
  const [folder, suffix] = regionData.split('*');
  const isRegion = (path) => path.startsWith(folder) && path.endsWith(suffix) && !path.slice(folder.length).includes('/');
  assert.deepEqual(firstView.filter(isRegion), ['policies/inner_mongolia.bin'], 'one region\'s data, the chosen one');
  const others = firstView.filter((path) => !isRegion(path));
  for (const path of others) {
    assert.ok(files.includes(path), `${path} is fetched in the first view but not in tools/size.py's FIRST_VIEW`);
  }
  for (const path of files) {
    assert.ok(others.includes(path), `${path} is in tools/size.py's FIRST_VIEW but not fetched in the first view`);
  }
  const brotli = firstView.reduce((sum, path) => sum + statSync(join(ROOT, 'dist', `${path}.br`)).size, 0);
  console.log(`first view: ${firstView.length} files, ${brotli.toLocaleString('en')} bytes brotli (budget ${budget.toLocaleString('en')})`);
  assert.ok(brotli <= budget, `first view ${brotli} bytes, budget ${budget}`);
  await context.close();
});

test('no serious accessibility problem (axe-core), results, explanations and the picture to send included', async () => {
  // axe is injected for the test only; bypassCSP lets the injected script run.
  const context = await env.browser.newContext({ viewport: { width: 360, height: 640 }, bypassCSP: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(env.url + STATE);
  await page.waitForSelector('#out-of-pocket');
  await page.click('details[data-layer="basic"] summary');
  await page.waitForSelector('details[data-layer="basic"] .steps li');
  await page.click('#picture');
  await page.waitForSelector('#share-picture img');
  await page.addScriptTag({ path: join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help })));
  console.log('axe:', violations.length ? JSON.stringify(violations) : 'no violations');
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious, []);
  await context.close();
});

test('readable at 320 px and at 200% zoom, usable at desktop size', async () => {
  for (const width of [320, 640]) {
    const { context, page } = await openPage(env.browser, { width, height: 700 });
    await page.goto(env.url + STATE);
    await page.waitForSelector('#out-of-pocket');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow} px of sideways scrolling at ${width} px`);
    await context.close();
  }
  const { context, page } = await openPage(env.browser, { width: 1280, height: 800 });
  await page.goto(env.url + STATE);
  await page.waitForSelector('#out-of-pocket');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'language');
  await screenshot(page, 'desktop-keyboard');
  await context.close();
});

test('on a slow phone (slow 3G, 4x CPU): the first result and every keystroke\'s are right (speed reported)', async () => {
  const { context, page } = await openPage(env.browser);
  const cdp = await context.newCDPSession(page);
  // Chrome DevTools' "Slow 3G": 400 kbit/s each way, 2 s round trip.
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 2000, downloadThroughput: 400 * 1024 / 8, uploadThroughput: 400 * 1024 / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const start = Date.now();
  await page.goto(env.url + STATE);
  await page.waitForSelector('#out-of-pocket', { timeout: 120_000 });
  const firstResult = Date.now() - start;
  assert.equal(await page.textContent('#out-of-pocket'), PAYS);
  // Recompute per keystroke: the input handler reads the form, estimates
  // (summary mode) and redraws, all before it returns; the time is of that,
  // and each keystroke's amount is read back right after it.
  const perKey = await page.evaluate(() => {
    const input = document.getElementById('compliant-0');
    const times = [];
    const shown = [];
    for (let i = 0; i < 40; i += 1) {
      input.value = String(50000 + i * 137);
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      times.push(performance.now() - t0);
      shown.push(document.getElementById('out-of-pocket').textContent);
    }
    times.sort((a, b) => a - b);
    return { median: times[20], max: times[39], shown };
  });
  console.log(`slow 3G + 4x CPU: first result after ${(firstResult / 1000).toFixed(1)} s; ` +
    `recompute per keystroke median ${perKey.median.toFixed(2)} ms, max ${perKey.max.toFixed(2)} ms`);
  // Every keystroke redrew its own amount: a larger bill leaves more to pay.
  const amounts = perKey.shown.map((text) => Number(text.replace(/[¥,]/g, '')));
  assert.equal(perKey.shown[0], PAYS);
  for (let i = 1; i < amounts.length; i += 1) {
    assert.ok(amounts[i] > amounts[i - 1], `keystroke ${i}: ${perKey.shown[i - 1]} then ${perKey.shown[i]}`);
  }
  // The last, 55,343 + 8,000, worked as the case above: basic (55343 − 500)
  // × 85% = 46616.55; critical illness (8726.45 − 7000) × 65% = 1122.1925 →
  // 1122.19; assistance 7604.26 × 70% = 5322.982 → 5322.98; commercial
  // insurance 2281.28 × 50% = 1140.64; the 1140.64 left is under the backstop
  // line 55343 × 10% = 5534.30: 8000 + 1140.64 left to pay.
  assert.equal(perKey.shown[39], '¥9,140.64');
  await context.close();
});
