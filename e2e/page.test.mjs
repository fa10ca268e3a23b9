// The resident's page in headless Chromium: the form, the wasm-computed result,
// explanations, language, the state in the URL, and the page's security promises.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { SCREENSHOTS, VIEWPORT, choosePlace, openPage, screenshot, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

const READY = 'html[data-engine="ready"]';
const FAILED = 'html[data-engine="failed"]';
// Inner Mongolia 2020, a registered-poor resident (every layer of the seven
// but the two outpatient ones, which have no costs here, pays or could).
const POOR = '?p=inner_mongolia&s=resident&c=registered_poor';
// The worked case of policies/inner_mongolia.cases.toml "建档立卡贫困人口：大病保险倾斜、
// 医疗救助、商业补充保险", a county stay of 50,000 + 8,000 out of policy:
// basic (50000 − 500) × 85% = 42075 (the county deductible 500 and rate 85%
// are assumed, the rate calibrated on the reported average of 75%: the
// policy's notes_zh 1); no outpatient costs: the two outpatient layers pay 0;
// critical illness on the 7925 left, its threshold 14000 (line 22) halved
// (line 30) and its rate 60% + 5 points (lines 22, 30): (7925 − 7000) × 65% =
// 601.25; assistance (line 26) (7925 − 601.25) × 70% = 5126.625 → 5126.63;
// commercial insurance (assumed: from 0, 50%) 2197.12 × 50% = 1098.56; the
// 1098.56 left is under the backstop line 50000 × 10% = 5000 (assumed): 0.
// Out of pocket 8000 + 1098.56 = 9098.56; paid 48901.44 of 58000, 84.31%.
const COUNTY_STAY = `${POOR}&st=county~50000.00~8000.00`;

/**
 * Holds every request for the full module's wasm (pkg-cadre/) until the
 * returned function is called, so that what the page shows while it loads
 * can be seen. The page must not have a service worker answering for it.
 */
async function holdFullModule(page) {
  /** @type {() => void} */
  let release = () => {};
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/pkg-cadre/yibao_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

const fullModule = (seen) => seen.requests.filter((url) => new URL(url).pathname.startsWith('/pkg-cadre/'));

async function ready(page, query = POOR) {
  await page.goto(env.url + query);
  await page.waitForSelector(READY, { timeout: 15000 });
}

/** Texts of the result table, row by row. */
async function rows(page) {
  return page.$$eval('table.layers tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
}

test('a county stay: every layer pays, computed in wasm, with nothing fetched from elsewhere', async () => {
  const { context, page, seen } = await openPage(env.browser);
  await ready(page);
  assert.match(await page.textContent('#status'), /填上合规医疗费用/);
  await page.selectOption('#level-0', 'county');
  await page.fill('#compliant-0', '5万');
  await page.fill('#out-of-policy-0', '8,000');
  // COUNTY_STAY's arithmetic (above): 9,098.56 to pay.
  await page.waitForSelector('#out-of-pocket');
  assert.equal(await page.textContent('#out-of-pocket'), '¥9,098.56');
  assert.deepEqual(await rows(page), [
    ['总费用', '58,000.00'],
    ['基本医保', '42,075.00'],
    ['普通门诊统筹', '0.00'],
    ['门诊慢特病', '0.00'],
    ['大病保险', '601.25'],
    ['医疗救助', '5,126.63'],
    ['补充医疗保险', '1,098.56'],
    ['政府兜底', '0.00'],
    ['个人自付', '9,098.56'],
  ]);
  assert.match(await page.textContent('.ratio'), /84\.31%/);
  await page.waitForFunction(() => document.getElementById('announce').textContent === '您自己需要支付 9098.56 元');
  // The seven layers and the amount to pay.
  assert.equal(await page.locator('svg.bar rect').count(), 8);
  assert.equal(await page.inputValue('input.override[data-param="basic.resident.deductible.county"]'), '500');
  if ((page.viewportSize()?.width ?? 0) < 1024) {
    // The amount stays in sight at the bottom of the screen while the form is on it.
    await page.evaluate(() => window.scrollTo(0, 0));
    assert.equal(await page.textContent('#sticky-pay'), '您自己需要支付 ¥9,098.56 ›');
    const box = await page.locator('#sticky-pay').boundingBox();
    assert.ok(box.y + box.height <= 640 + 1 && box.y > 500, `the line is at ${box.y}`);
    await page.screenshot({ path: new URL('../target/screenshots/sticky-360x640.png', import.meta.url).pathname });
  }
  await screenshot(page, 'estimate');

  const origin = new URL(env.url).origin;
  assert.deepEqual(seen.requests.filter((url) => !url.startsWith(origin)), [], 'requests outside the origin');
  assert.ok(seen.requests.some((url) => url.endsWith('/policies/inner_mongolia.bin')));
  assert.ok(!seen.requests.some((url) => url.endsWith('/policies/fuxin.bin')), 'only the chosen region is fetched');
  // One wasm module, the first one: the amounts need nothing of the full one.
  assert.deepEqual(seen.wasmTypes, ['application/wasm']);
  assert.deepEqual(fullModule(seen), [], 'the full module is fetched for the amounts');
  assert.deepEqual(seen.failedResponses, []);
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await context.close();
});

test('every category of one policy, on the same bill (as the worked cases work it out)', async () => {
  const { context, page } = await openPage(env.browser);
  await ready(page, '?p=inner_mongolia&s=resident&c=ordinary&st=county~50000.00~8000.00');
  // policies/inner_mongolia.cases.toml, the cases 普通居民：只有基本医保 to 因病致贫人员 (one bill, every category).
  // Basic is the same for all: (50000 − 500) × 85% = 42075 (deductible and
  // rate assumed), 7925 left. Ordinary: 7925 is under critical illness's 14000
  // (line 22): 58000 − 42075 = 15925. Registered poor: COUNTY_STAY, 9098.56.
  // Extreme poor and dibao (line 26, 70%): 7925 × 70% = 5547.50, 2377.50 + 8000 =
  // 10377.50. Low income and illness poor (50%, assumed): 7925 × 50% = 3962.50,
  // 3962.50 + 8000 = 11962.50.
  const expected = { ordinary: '¥15,925.00', registered_poor: '¥9,098.56', extreme_poor: '¥10,377.50',
    dibao: '¥10,377.50', low_income: '¥11,962.50', illness_poor: '¥11,962.50' };
  for (const [category, pays] of Object.entries(expected)) {
    await page.selectOption('#category', category);
    await page.waitForFunction((c) => location.search.includes(`c=${c}`), category);
    assert.equal(await page.textContent('#out-of-pocket'), pays, category);
  }
  await context.close();
});

test('what people type is read, and what is wrong is said at the field', async () => {
  const { context, page, seen } = await openPage(env.browser);
  await ready(page);
  await page.fill('#compliant-0', '１２，０００');
  await page.waitForSelector('#out-of-pocket');
  await page.fill('#compliant-0', '-5');
  assert.equal(await page.textContent('#compliant-0-msg'), '金额不能为负数');
  assert.equal(await page.getAttribute('#compliant-0', 'aria-invalid'), 'true');
  assert.equal(await page.locator('#out-of-pocket').count(), 0);
  assert.match(await page.textContent('#status'), /请先改正/);
  await page.fill('#compliant-0', '');
  assert.equal(await page.textContent('#compliant-0-msg'), '请填写金额');
  await page.fill('#compliant-0', '3000000000');
  assert.match(await page.textContent('#compliant-0-msg'), /超过 1 亿元/);
  await page.fill('#compliant-0', '1.2万');
  await page.fill('#out-of-policy-0', 'abc');
  assert.match(await page.textContent('#out-of-policy-0-msg'), /不是有效的金额/);
  await screenshot(page, 'field-error');
  await page.fill('#out-of-policy-0', '');
  assert.equal(await page.textContent('#out-of-policy-0-msg'), '');
  await page.waitForSelector('#out-of-pocket');
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('a layer explains itself: formula, sources and assumptions', async () => {
  const { context, page } = await openPage(env.browser);
  await ready(page, COUNTY_STAY);
  await page.click('details[data-layer="basic"] summary');
  await page.waitForSelector('details[data-layer="basic"] .steps li', { timeout: 15000 });
  const steps = await page.textContent('details[data-layer="basic"] .steps');
  assert.match(steps, /\(50000 − 500\) × 85% = 42075\.00/);
  // Both of basic's figures here are assumed: the rate says what it is calibrated on.
  assert.match(steps, /500 ［假设］原文/);
  assert.match(steps, /85% ［假设］.*第 22 行的 75% 是城乡居民政策范围内报销的全区平均/);
  await page.click('details[data-layer="critical_illness"] summary');
  await page.waitForSelector('details[data-layer="critical_illness"] .steps li');
  const critical = await page.textContent('details[data-layer="critical_illness"] .steps');
  assert.match(critical, /\(7925\.00 − 7000\) × 65% = 601\.25/);
  assert.match(critical, /出处：《内蒙古多重医疗保障 为群众健康护航》（报纸报道），第 22 行：“/);
  assert.match(critical, /起付线降低50%/);
  await screenshot(page, 'explanation');
  await context.close();
});

test('an explanation fetches the full module only when opened: the first view has none of it, the explanation says it is loading, then its steps', async () => {
  // Without a service worker, so that every request is the page's own and can be held.
  const { context, page, seen } = await openPage(env.browser, VIEWPORT, { serviceWorkers: 'block' });
  const release = await holdFullModule(page);
  await ready(page, COUNTY_STAY);
  await page.waitForSelector('#out-of-pocket');
  assert.deepEqual(fullModule(seen), [], 'the first view fetches the full module');
  const wasmAsked = page.waitForRequest('**/pkg-cadre/yibao_bg.wasm');
  await page.click('details[data-layer="basic"] summary');
  const steps = 'details[data-layer="basic"] .steps';
  await page.waitForFunction((s) => document.querySelector(s)?.textContent === '正在加载测算说明…', steps);
  assert.equal(await page.locator(`${steps} p.loading`).count(), 1);
  await wasmAsked;
  assert.deepEqual(fullModule(seen).map((url) => new URL(url).pathname), ['/pkg-cadre/yibao.js', '/pkg-cadre/yibao_bg.wasm']);
  // The amount stays, computed by the first module.
  assert.equal(await page.textContent('#out-of-pocket'), '¥9,098.56');
  await screenshot(page, 'explanation-loading', 'details[data-layer="basic"]');
  release();
  await page.waitForSelector(`${steps} li`, { timeout: 15000 });
  assert.equal(await page.locator(`${steps} p.loading`).count(), 0);
  assert.match(await page.textContent(steps), /\(50000 − 500\) × 85% = 42075\.00/);
  await screenshot(page, 'explanation-loaded', 'details[data-layer="basic"]');
  // Another layer's explanation, with nothing more fetched; the region's data was fetched once, for both modules.
  const fetched = seen.requests.length;
  await page.click('details[data-layer="medical_assistance"] summary');
  await page.waitForSelector('details[data-layer="medical_assistance"] .steps li');
  assert.match(await page.textContent('details[data-layer="medical_assistance"] .steps'), /7323\.75 × 70% = 5126\.63/);
  assert.deepEqual(seen.requests.slice(fetched), []);
  assert.equal(seen.requests.filter((url) => url.endsWith('/policies/inner_mongolia.bin')).length, 1);
  assert.deepEqual(seen.failedResponses, []);
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.consoleErrors, []);
  await context.close();
});

test('an assumed figure can be replaced by the local one (through the full module), and back', async () => {
  const { context, page, seen } = await openPage(env.browser, VIEWPORT, { serviceWorkers: 'block' });
  const release = await holdFullModule(page);
  await ready(page, COUNTY_STAY);
  const deductible = 'input.override[data-param="basic.resident.deductible.county"]';
  assert.equal(await page.inputValue(deductible), '500');
  assert.deepEqual(fullModule(seen), []);
  await page.fill(deductible, '1000');
  await page.press(deductible, 'Enter');
  // The first module does not replace figures: the full one is fetched, and the status line says so.
  await page.waitForFunction(() => document.getElementById('status').textContent === '正在加载完整的计算模块…');
  release();
  // The assumed county deductible 500 replaced by 1000: (50000 − 1000) × 85% = 41650.
  await page.waitForFunction(() => document.querySelector('table.layers tbody tr:nth-child(2) td')?.textContent === '41,650.00');
  assert.equal(await page.textContent('#status'), '');
  assert.ok(fullModule(seen).some((url) => url.endsWith('/pkg-cadre/yibao_bg.wasm')));
  assert.match(decodeURIComponent(page.url()), /o=basic\.resident\.deductible\.county:1000/);
  assert.match(await page.textContent('.assumptions .replaced'), /您填写的数字/);
  await screenshot(page, 'override');

  // A link with the replaced figure: the recipient's page loads the full module and shows its estimate.
  const other = await context.newPage();
  const otherRequests = [];
  other.on('request', (request) => otherRequests.push(request.url()));
  await other.goto(page.url());
  await other.waitForSelector('#out-of-pocket');
  assert.equal(await other.textContent('table.layers tbody tr:nth-child(2) td'), '41,650.00');
  assert.equal(await other.inputValue('.assumptions li.replaced input.override'), '1000');
  assert.ok(otherRequests.some((url) => url.endsWith('/pkg-cadre/yibao_bg.wasm')), 'the link\'s page uses the full module');

  // A figure that cannot be read: said at it, and no amount until it is corrected or restored.
  await page.fill(deductible, '-5');
  await page.press(deductible, 'Enter');
  await page.waitForSelector(`${deductible}[aria-invalid="true"]`);
  assert.equal(await page.textContent(`#${await page.getAttribute(deductible, 'aria-describedby')}`), '金额不能为负数');
  assert.equal(await page.locator('#out-of-pocket').count(), 0);
  assert.ok(!page.url().includes('o='), 'the refused figure is not in the link');
  await page.click('.assumptions button[data-restore="basic.resident.deductible.county"]');
  await page.waitForSelector('#out-of-pocket');
  assert.ok(!page.url().includes('o='));
  assert.equal(await page.textContent('table.layers tbody tr:nth-child(2) td'), '42,075.00');
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('when the full module cannot load, the explanation and a replaced figure say so, and are tried again', async () => {
  const { context, page, seen } = await openPage(env.browser, VIEWPORT, { serviceWorkers: 'block' });
  await ready(page, COUNTY_STAY);
  const failed = '无法加载完整的计算模块，请检查网络后再试。';
  await page.route('**/pkg-cadre/yibao_bg.wasm', (route) => route.abort());
  const steps = 'details[data-layer="basic"] .steps';
  await page.click('details[data-layer="basic"] summary');
  // The first module works here: it is the network, not the browser, that failed.
  await page.waitForFunction(([s, text]) => document.querySelector(`${s} p.error`)?.textContent === text, [steps, failed]);
  // Back online: the explanation is tried again when opened again.
  await page.unroute('**/pkg-cadre/yibao_bg.wasm');
  await page.click('details[data-layer="basic"] summary');
  await page.click('details[data-layer="basic"] summary');
  await page.waitForSelector(`${steps} li`, { timeout: 15000 });
  assert.match(await page.textContent(steps), /\(50000 − 500\) × 85% = 42075\.00/);
  await context.close();

  // A replaced figure in a new page: said in the status line, used at the next change.
  const other = await openPage(env.browser, VIEWPORT, { serviceWorkers: 'block' });
  await ready(other.page, COUNTY_STAY);
  await other.page.route('**/pkg-cadre/yibao_bg.wasm', (route) => route.abort());
  const deductible = 'input.override[data-param="basic.resident.deductible.county"]';
  await other.page.fill(deductible, '1000');
  await other.page.press(deductible, 'Enter');
  await other.page.waitForFunction((text) => document.getElementById('status').textContent === text, failed);
  assert.equal(await other.page.getAttribute('#status', 'class'), 'status error');
  await other.page.unroute('**/pkg-cadre/yibao_bg.wasm');
  await other.page.press(deductible, 'Enter');
  // (50000 − 1000) × 85% = 41650 (the county rate assumed).
  await other.page.waitForFunction(() => document.querySelector('table.layers tbody tr:nth-child(2) td')?.textContent === '41,650.00');
  assert.deepEqual([...seen.pageErrors, ...other.seen.pageErrors], []);
  await other.context.close();
});

test('share copies a plain-text summary with the link', async () => {
  const { context, page } = await openPage(env.browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await ready(page, COUNTY_STAY);
  await page.click('#share');
  await page.waitForFunction(() => document.querySelector('#share-status')?.textContent.includes('已复制'));
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /^【医保报销测算】内蒙古自治区/);
  assert.match(text, /第 1 次住院：旗县级医院（二级），合规费用 50000\.00 元/);
  assert.match(text, /个人自付 9,098\.56 元/);
  assert.match(text, /部分数字是假设/);
  assert.ok(text.endsWith(page.url()), text);
  await context.close();
});

test('the printed sheet is one A4 page with inputs, results, steps and sources', async () => {
  const { context, page } = await openPage(env.browser, VIEWPORT, { serviceWorkers: 'block' });
  const release = await holdFullModule(page);
  await ready(page, COUNTY_STAY);
  // Printing opens every explanation; the steps are the full module's, which
  // is not here yet: paper never says "loading", it has the amounts.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('details.explain[open] .steps p.loading').count(), 7);
  assert.equal(await page.isHidden('details[data-layer="basic"] .steps p.loading'), true);
  assert.equal(await page.isVisible('.print-only'), true);
  assert.equal(await page.isVisible('#out-of-pocket'), true);
  release();
  // Once it is here, each open explanation has its steps, and they are printed.
  await page.waitForSelector('details[data-layer="backstop"] .steps li', { timeout: 15000 });
  assert.equal(await page.isHidden('#form'), true);
  assert.equal(await page.isVisible('.print-only'), true);
  assert.match(await page.textContent('.print-only'), /第 1 次住院：旗县级医院（二级）/);
  assert.match(await page.textContent('details[data-layer="basic"] .steps'), /\(50000 − 500\) × 85% = 42075\.00/);
  assert.match(await page.textContent('details[data-layer="critical_illness"] .steps'), /《内蒙古多重医疗保障 为群众健康护航》（报纸报道），第 22 行/);
  assert.equal(await page.isVisible('details[data-layer="critical_illness"] .steps li'), true);
  await screenshot(page, 'print-sheet');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync(join(SCREENSHOTS, 'sheet-a4.pdf'), pdf);
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || [];
  assert.equal(pages.length, 1, `the sheet takes ${pages.length} pages`);
  await context.close();
});

test('embedded in a host page: compact, set by postMessage, answers with the estimate', async () => {
  const { context, page, seen } = await openPage(env.browser, { width: 1280, height: 800 });
  // A host page on the same origin (as a mini-program's business domain would serve it).
  await page.route('**/host.html', (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><meta charset="utf-8"><title>host</title>
      <iframe id="calc" src="index.html?embed=1" width="400" height="700"></iframe>
      <script>
        window.messages = [];
        window.addEventListener('message', (e) => {
          window.messages.push(e.data);
          if (e.data.type === 'yibao:ready') {
            document.getElementById('calc').contentWindow.postMessage({ type: 'yibao:set', state: {
              policy: 'inner_mongolia', scheme: 'resident', category: 'registered_poor',
              stays: [{ level: 'county', compliant: '5万', outOfPolicy: '8000' }] } }, '*');
          }
        });
      </script>`,
  }));
  await page.goto(new URL('host.html', env.url).href);
  await page.waitForFunction(() => window.messages.some((m) => m.type === 'yibao:result' && m.estimate.total === '58000.00'), null, { timeout: 15000 });
  const result = await page.evaluate(() => window.messages.filter((m) => m.type === 'yibao:result').at(-1).estimate);
  // COUNTY_STAY's arithmetic (above), layer by layer in cascade order.
  assert.equal(result.out_of_pocket.total, '9098.56');
  assert.deepEqual(result.layers.map((l) => [l.id, l.paid]), [['basic', '42075.00'], ['outpatient', '0.00'],
    ['chronic_outpatient', '0.00'], ['critical_illness', '601.25'], ['medical_assistance', '5126.63'],
    ['supplementary', '1098.56'], ['backstop', '0.00']]);
  assert.match(result.url, /embed=1/);
  const frame = page.frame({ url: /embed=1/ });
  assert.equal(await frame.isHidden('header'), true);
  assert.equal(await frame.inputValue('#compliant-0'), '5万');
  assert.ok(!seen.requests.some((url) => url.includes('jweixin')), 'the JSSDK loads only inside a mini-program');
  await screenshot(page, 'embed');
  await context.close();
});

test('a second visit works offline: the amount, and the explanation that was seen', async () => {
  const { context, page } = await openPage(env.browser);
  await ready(page, COUNTY_STAY);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // An explanation seen on the first visit: the full module is kept once used (sw.js).
  await page.click('details[data-layer="basic"] summary');
  await page.waitForSelector('details[data-layer="basic"] .steps li', { timeout: 15000 });
  const kept = () => page.evaluate(async () => Boolean(await caches.match(new URL('pkg-cadre/yibao_bg.wasm', location.href).href))
    && Boolean(await caches.match(new URL('pkg-cadre/yibao.js', location.href).href)));
  for (let tries = 0; !(await kept()); tries += 1) {
    assert.ok(tries < 100, 'the service worker keeps the full module once used');
    await page.waitForTimeout(100);
  }
  await context.setOffline(true);
  await page.goto(`${env.url}${POOR}&st=county~20000.00~0.00`);
  await page.waitForSelector('#out-of-pocket', { timeout: 15000 });
  // Computed offline as online: basic (20000 − 500) × 85% = 16575 (deductible
  // and rate assumed); 3425 left is under critical illness's 7000 (the
  // registered poor's halved 14000); assistance 3425 × 70% = 2397.50;
  // commercial insurance (3425 − 2397.50) × 50% = 513.75 (assumed 50% from 0);
  // 513.75 left, under the backstop line 20000 × 10% = 2000.
  assert.equal(await page.textContent('table.layers tbody tr:nth-child(2) td'), '16,575.00');
  assert.equal(await page.textContent('#out-of-pocket'), '¥513.75');
  // The explanation, offline, from the kept full module.
  await page.click('details[data-layer="basic"] summary');
  await page.waitForSelector('details[data-layer="basic"] .steps li', { timeout: 15000 });
  assert.match(await page.textContent('details[data-layer="basic"] .steps'), /\(20000 − 500\) × 85% = 16575\.00/);
  // And a replaced figure: the assumed county deductible 1000: (20000 − 1000) × 85% = 16150.
  const deductible = 'input.override[data-param="basic.resident.deductible.county"]';
  await page.fill(deductible, '1000');
  await page.press(deductible, 'Enter');
  await page.waitForFunction(() => document.querySelector('table.layers tbody tr:nth-child(2) td')?.textContent === '16,150.00');
  await choosePlace(page, '宁夏回族自治区', 'haiyuan');
  await page.waitForFunction(() => location.search.includes('p=haiyuan'));
  assert.equal(await page.getAttribute('html', 'data-engine'), 'ready');
  await context.setOffline(false);
  await context.close();
});

test('English, and back', async () => {
  const { context, page } = await openPage(env.browser);
  await ready(page, COUNTY_STAY);
  await page.waitForFunction(() => document.getElementById('announce').textContent === '您自己需要支付 9098.56 元');
  await page.click('#language');
  // The English texts load on first use (messages-en.js): a Chinese page never fetches them.
  await page.waitForSelector('html[lang="en"]');
  // The screen reader's sentence is not left in Chinese: said again in English.
  assert.doesNotMatch(await page.textContent('#announce'), /[\u4e00-\u9fff]/);
  await page.waitForFunction(() => document.getElementById('announce').textContent === 'You pay 9098.56 yuan');
  assert.match(await page.textContent('.you-pay'), /^You pay/);
  assert.match(await page.textContent('label[for="compliant-0"]'), /Compliant cost/);
  assert.equal(await page.inputValue('#compliant-0'), '50000.00');
  assert.match(page.url(), /lang=en/);
  await screenshot(page, 'english');
  await page.click('#language');
  assert.match(await page.textContent('.you-pay'), /^您自己需要支付/);
  await context.close();
});

test('the link holds the whole estimate, and another region loads its own data', async () => {
  const { context, page, seen } = await openPage(env.browser);
  await ready(page);
  await page.fill('#compliant-0', '2万');
  await page.click('#add-stay');
  await page.fill('#compliant-1', '3000');
  await page.waitForSelector('#out-of-pocket');
  const shown = await page.textContent('#out-of-pocket');
  const link = page.url();
  assert.match(link, /^[\x21-\x7e]+$/, 'the link is ASCII');
  const other = await context.newPage();
  await other.goto(link);
  await other.waitForSelector('#out-of-pocket');
  assert.equal(await other.textContent('#out-of-pocket'), shown);
  assert.equal(await other.inputValue('#compliant-1'), '3000.00');

  await choosePlace(page, '宁夏回族自治区', 'jingyuan');
  await page.waitForFunction(() => document.querySelector('#level-0 option[value="province"]'));
  assert.ok(seen.requests.some((url) => url.endsWith('/policies/jingyuan.bin')));
  // Jingyuan has only the rural scheme and ordinary members: chosen by the user, not in their place.
  await page.selectOption('#scheme', 'ncms');
  await page.selectOption('#category', 'ordinary');
  await page.waitForSelector('#out-of-pocket');
  assert.match(page.url(), /p=jingyuan/);
  await context.close();
});

test('index.html preloads every module of the first view, so that they come in one round trip', async () => {
  const { context, page, seen } = await openPage(env.browser);
  await ready(page, `${POOR}&st=county~50000.00~8000.00`);
  const preloaded = await page.$$eval('link[rel="modulepreload"]', (links) => links.map((l) => new URL(l.href).pathname));
  const modules = seen.requests.map((url) => new URL(url).pathname).filter((path) => path.endsWith('.js') && path !== '/app.js' && path !== '/sw.js');
  assert.deepEqual([...new Set(modules)].sort(), preloaded.sort());
  await context.close();
});

test('the page runs under a strict Content-Security-Policy, in the HTML and from the server', async () => {
  const { context, page } = await openPage(env.browser);
  const response = await page.goto(env.url);
  const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  for (const csp of [meta, response.headers()['content-security-policy']]) {
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  }
  assert.equal(await page.locator('script:not([src])').count(), 0);
  assert.equal(await page.locator('[onclick],[onload],[oninput],[onerror],[style]').count(), 0);
  await context.close();
});

test('when the wasm cannot be fetched, the page says so in Chinese', async () => {
  const { context, page, seen } = await openPage(env.browser);
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(env.url);
  await page.waitForSelector(FAILED, { timeout: 15000 });
  assert.match(await page.textContent('#status'), /无法加载计算模块.*更新/);
  assert.equal(await page.isHidden('#form'), true);
  assert.deepEqual(seen.pageErrors, []);
  await screenshot(page, 'wasm-failed');
  await context.close();
});

test('without WebAssembly at all, the page says so in Chinese', async () => {
  const { context, page, seen } = await openPage(env.browser);
  await page.addInitScript(() => { delete globalThis.WebAssembly; });
  await page.goto(env.url);
  await page.waitForSelector(FAILED, { timeout: 15000 });
  assert.match(await page.textContent('#status'), /无法加载计算模块/);
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('messages tied to no field follow the page language: loading, failing, too old a browser', async () => {
  const { context, page, seen } = await openPage(env.browser);
  // The engine never arrives: the page is still loading.
  await page.route('**/*.wasm', () => {});
  await page.goto(`${env.url}?lang=en`);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Loading the calculator…');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('h1'), 'Medical insurance estimator');
  // What a browser without modules runs (here added by hand), in the link's language too.
  await page.addScriptTag({ url: 'nomodule.js' });
  assert.match(await page.textContent('#status'), /^Your browser is too old/);
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
  // (Another context: the held request would keep the next one for the same file waiting.)
  const failing = await openPage(env.browser);
  await failing.page.route('**/*.wasm', (route) => route.abort());
  await failing.page.goto(`${env.url}?lang=en&p=fuxin`);
  await failing.page.waitForSelector(FAILED, { timeout: 15000 });
  assert.match(await failing.page.textContent('#status'), /^The calculator could not load/);
  assert.equal(await failing.page.getAttribute('html', 'lang'), 'en');
  assert.doesNotMatch(await failing.page.innerText('body'), /[\u4e00-\u9fff]/, 'no Chinese left on the English page');
  assert.deepEqual(failing.seen.pageErrors, []);
  await failing.context.close();
});

test('when the policy data cannot be fetched, the page says so', async () => {
  const { context, page } = await openPage(env.browser);
  await page.route('**/policies/*.bin', (route) => route.abort());
  await page.goto(env.url);
  await page.waitForSelector(FAILED, { timeout: 15000 });
  assert.match(await page.textContent('#status'), /无法加载政策数据/);
  await context.close();
});

test('the server sends the precompressed copies the build wrote', async () => {
  const headers = (path, encoding) => new Promise((resolve, reject) => {
    request(new URL(path, env.url), { headers: { 'Accept-Encoding': encoding } }, (res) => {
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
