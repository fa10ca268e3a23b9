// Issue 15, the bill as people know it: a resident who knows only the total
// ticks "只知道总费用" and types it; the engine splits it by the version's
// assumed compliant share for the hospital level, the result says how and
// offers the share to replace, and the link carries it (st=county~20000.00~t).
// The test county (e2e/fixtures/e2e_county.toml): in 2024 a county stay pays
// (compliant − 500) × 75%, and compliant_share.county is an assumed 90%;
// its 2023 version has no shares.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { bakeFixture, openWithFixture, screenshot, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();
/** @type {{ id: string, dir: string }} */
let fixture;
before(() => {
  fixture = bakeFixture();
});

const READY = 'html[data-engine="ready"]';

/** A page of the test county at `query`, ready. */
async function ready(query) {
  const opened = await openWithFixture(env.browser, fixture);
  await opened.page.goto(`${env.url}?p=e2e_county&s=resident&c=ordinary${query}`);
  await opened.page.waitForSelector(READY, { timeout: 15000 });
  return opened;
}

/** Waits until the amount is `amount`. */
async function pays(page, amount) {
  await page.waitForFunction((want) => document.querySelector('#out-of-pocket')?.textContent === want, amount).catch(() => {});
  assert.equal(await page.textContent('#out-of-pocket'), amount);
}

const visible = (page, selector) => page.$eval(selector, (el) => el.checkVisibility());

test('only the total: the split by the assumed share, said and replaceable, and the link reproduces it', async () => {
  const { context, page, seen } = await ready('&d=2024-06-30');
  await page.selectOption('#level-0', 'county');
  // The two fields, each with a sentence saying what it is; the total's field hidden.
  assert.match(await page.textContent('#compliant-0-help'), /医保目录内、可以报销的费用/);
  assert.match(await page.textContent('#out-of-policy-0-help'), /医保目录外、需要自费的药品和项目/);
  assert.equal(await visible(page, '#total-0'), false);
  await page.check('#by-total-0');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'by-total-0', 'the box keeps the focus: no new form');
  assert.equal(await visible(page, '#total-0'), true);
  assert.equal(await visible(page, '#compliant-0'), false);
  assert.match(await page.textContent('#total-0-help'), /合规费用的常见比例拆分（假设/);
  await page.fill('#total-0', '2万');
  // 20000 × 90% = 18000 compliant, 2000 out of policy; basic (18000 − 500) × 75% = 13125; 20000 − 13125 = 6875.
  await pays(page, '¥6,875.00');
  assert.equal(await page.textContent('p.split'),
    '第 1 次住院：总费用 20,000.00 元，按合规费用约占 90% 估算为合规费用 18,000.00 元、目录外费用 2,000.00 元（假设，见下）');
  assert.match(await page.textContent('#estimate'), /合规费用里自付的 4,875\.00 元，目录外费用 2,000\.00 元/);
  const share = page.locator('li:has(input.override[data-param="compliant_share.county"])');
  assert.equal(await share.locator('input').inputValue(), '90%');
  assert.match(await share.textContent(), /医院级别越高，目录外（自费）药品和项目通常越多/);
  assert.match(decodeURIComponent(page.url()), /&st=county~20000\.00~t(&|$)/);
  assert.match(page.url(), /^[\x21-\x7e]+$/);
  await screenshot(page, 'total-split');

  // The share replaced: 16000 compliant; (16000 − 500) × 75% = 11625; 20000 − 11625 = 8375.
  await share.locator('input').fill('80%');
  await pays(page, '¥8,375.00');
  assert.match(await page.textContent('p.split'), /按合规费用约占 80% 估算为合规费用 16,000\.00 元、目录外费用 4,000\.00 元/);
  assert.match(decodeURIComponent(page.url()), /&o=compliant_share\.county:80%/);
  await screenshot(page, 'total-replaced');

  // The link reproduces it: the box ticked, the total in its field, the share replaced.
  const other = await context.newPage();
  await other.goto(page.url());
  await other.waitForSelector('#out-of-pocket');
  await pays(other, '¥8,375.00');
  assert.equal(await other.isChecked('#by-total-0'), true);
  assert.equal(await other.inputValue('#total-0'), '20000.00');
  assert.equal(await visible(other, '#compliant-0'), false);

  // Unticked, the two fields are back and the total is no cost.
  await page.uncheck('#by-total-0');
  assert.equal(await visible(page, '#compliant-0'), true);
  await page.fill('#compliant-0', '18000');
  await pays(page, '¥4,875.00');
  assert.doesNotMatch(page.url(), /~t(&|_|$)/);
  assert.equal(await page.locator('p.split').count(), 0);
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.consoleErrors, []);
  await context.close();
});

test('a total for outpatient care, in English; a version without shares says so at the total', async () => {
  const { context, page, seen } = await ready('&d=2024-06-30&lang=en&st=county~~t');
  assert.equal(await page.textContent('label[for="by-total-0"]'), 'I only know the total');
  assert.equal(await page.isChecked('#by-total-0'), true);
  await page.fill('#total-0', '10000');
  // 9000 compliant; (9000 − 500) × 75% = 6375; 10000 − 6375 = 3625.
  await pays(page, '¥3,625.00');
  assert.match(await page.textContent('p.split'), /^Stay 1: total 10,000\.00 yuan, estimated as 90% compliant: compliant cost 9,000\.00 yuan/);
  await page.click('#section-outpatient summary');
  await page.selectOption('#op-level-0', 'township');
  await page.check('#op-by-total-0');
  await page.fill('#op-total-0', '1000');
  // 950 compliant (95%), 50 out of policy: general care (950 − 100) × 60% = 510, capped at 400.
  await page.waitForFunction(() => document.querySelectorAll('p.split').length === 2);
  assert.match(await page.$$eval('p.split', (ps) => ps[1].textContent), /^Outpatient cost 1: total 1,000\.00 yuan, estimated as 95% compliant: compliant cost 950\.00 yuan, out-of-policy cost 50\.00 yuan/);
  await pays(page, '¥4,225.00');
  assert.match(decodeURIComponent(page.url()), /&op=general~township~1000\.00~t(&|$)/);
  await screenshot(page, 'total-outpatient-en');

  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('a version without shares refuses a total, at its field, and says to give the two costs', async () => {
  const { context, page } = await ready('&d=2023-06-30&st=county~5000.00~t');
  await page.waitForFunction(() => document.querySelector('#total-0-msg')?.textContent !== '');
  assert.equal(await page.textContent('#total-0-msg'), '该政策没有拆分总费用的比例，请填写合规费用和目录外费用');
  assert.equal(await page.getAttribute('#total-0', 'aria-invalid'), 'true');
  assert.equal(await page.locator('#out-of-pocket').count(), 0);
  await screenshot(page, 'total-refused');
  await context.close();
});
