// Issue 14 on the page: the optional sections of the form (outpatient and
// chronic care, care away from home and a stay's disease), the new layers in
// the result, reported averages beside the estimate, another reading of a
// figure used with one tap and undone, and the cadre's tools with outpatient
// costs. The policy with all of these is the tests' own county
// (e2e/fixtures/e2e_county.toml, every figure round and assumed, served
// beside the shipped policies), so that the figures here do not move when the
// shipped policies are encoded again; its arithmetic is worked out at each test
// (`yibao explain --policy-file e2e/fixtures/e2e_county.toml` gives it too).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ROOT, bakeFixture, openPage, openWithFixture, screenshot, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();
/** @type {{ id: string, dir: string }} */
let fixture;
before(() => {
  fixture = bakeFixture();
});

const READY = 'html[data-engine="ready"]';
const COUNTY = '?p=e2e_county&s=resident&c=ordinary';

/** A page of the test county (or `query`), ready. */
async function ready(query = COUNTY) {
  const opened = await openWithFixture(env.browser, fixture);
  await opened.page.goto(env.url + query);
  await opened.page.waitForSelector(READY, { timeout: 15000 });
  return opened;
}

/** Texts of the result table, row by row. */
const rows = (page) => page.$$eval('table.layers tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));

/** Waits until the result table is `expected`. */
async function shows(page, expected) {
  await page.waitForFunction((want) => JSON.stringify([...document.querySelectorAll('table.layers tbody tr')]
    .map((tr) => [...tr.children].map((c) => c.textContent.trim()))) === want, JSON.stringify(expected)).catch(() => {});
  assert.deepEqual(await rows(page), expected);
}

test('one stay keeps today\'s few fields; the two sections are closed and say what they are for', async () => {
  const { context, page, seen } = await ready();
  const stay = await page.$$eval('fieldset.stay:not(details fieldset) :is(input, select)', (els) => els.filter((el) => el.checkVisibility()).map((el) => el.id));
  // The box "only the total is known" (e2e/total.test.mjs) hides the total's field until ticked.
  assert.deepEqual(stay, ['level-0', 'by-total-0', 'compliant-0', 'out-of-policy-0']);
  assert.deepEqual(await page.$$eval('details.optional', (ds) => ds.map((d) => [d.id, d.open])),
    [['section-outpatient', false], ['section-away', false]]);
  assert.match(await page.textContent('#section-outpatient summary'), /^门诊和慢性病 .*慢性病（如高血压、糖尿病）/);
  assert.match(await page.textContent('#section-away summary'), /^在外地看病、所患病种 .*住院看的病在政策的病种名单上（如白血病）/);
  // Closed, nothing of them is asked or sent: the simple case computes as before.
  await page.selectOption('#level-0', 'county');
  await page.fill('#compliant-0', '20000');
  await shows(page, [['总费用', '20,000.00'], ['基本医保', '14,625.00'], ['普通门诊统筹', '0.00'], ['门诊慢特病', '0.00'],
    ['大病保险', '0.00'], ['医疗救助', '0.00'], ['个人自付', '5,375.00']]);
  assert.doesNotMatch(page.url(), /op=/);
  await screenshot(page, 'sections-closed');
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.consoleErrors, []);
  await context.close();
});

test('general outpatient and chronic care: the new layers in cascade order, in the link, and back from it', async () => {
  const { context, page, seen } = await ready();
  await page.selectOption('#level-0', 'county');
  await page.fill('#compliant-0', '20000');
  await page.fill('#out-of-policy-0', '1000');
  await page.click('#section-outpatient summary');
  // The empty cost the section opens with: general care pays at the township centre.
  assert.deepEqual(await page.$$eval('#op-kind-0 option', (os) => os.map((o) => o.value)), ['general', 'chronic']);
  await page.selectOption('#op-level-0', 'township');
  await page.fill('#op-compliant-0', '1200');
  await page.click('#add-outpatient');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'op-kind-1');
  await page.selectOption('#op-kind-1', 'chronic');
  // Chronic care asks for the disease (from the version's list for outpatient care) and no visits.
  await page.waitForSelector('#op-disease-1');
  assert.equal(await page.locator('#op-visits-1').count(), 0);
  assert.deepEqual(await page.$$eval('#op-disease-1 option', (os) => os.map((o) => o.textContent)), ['请选择…', '高血压', '糖尿病']);
  await page.selectOption('#op-disease-1', 'hypertension');
  await page.selectOption('#op-level-1', 'county');
  await page.fill('#op-compliant-1', '3000');
  // Basic (20000 − 500) × 75% = 14625; general outpatient (1200 − 100) × 60% = 660, capped at 400;
  // chronic (3000 − 200) × 60% = 1680; critical illness 5375 ≤ 10000 → 0; 25200 − 16705 = 8495 left.
  await shows(page, [['总费用', '25,200.00'], ['基本医保', '14,625.00'], ['普通门诊统筹', '400.00'], ['门诊慢特病', '1,680.00'],
    ['大病保险', '0.00'], ['医疗救助', '0.00'], ['个人自付', '8,495.00']]);
  assert.equal(await page.textContent('#section-outpatient-filled'), '已填 2 项');
  assert.equal(await page.locator('svg.bar rect').count(), 6);
  assert.match(decodeURIComponent(page.url()), /&op=general~township~1200\.00~0_chronic~county~3000\.00~0~hypertension(&|$)/);
  assert.match(page.url(), /^[\x21-\x7e]+$/);
  await page.click('details[data-layer="outpatient"] summary');
  await page.waitForSelector('details[data-layer="outpatient"] .steps li');
  assert.match(await page.textContent('details[data-layer="outpatient"] .steps'), /\(1200 − 100\) × 60% = 660\.00.*min\(660\.00, 400\) = 400\.00/s);
  await screenshot(page, 'outpatient');

  // The link reproduces it, the section open with the costs in it.
  const other = await context.newPage();
  await other.goto(page.url());
  await other.waitForSelector('#out-of-pocket');
  assert.equal(await other.textContent('#out-of-pocket'), '¥8,495.00');
  assert.equal(await other.getAttribute('#section-outpatient', 'open'), '');
  assert.equal(await other.inputValue('#op-disease-1'), 'hypertension');
  assert.equal(await other.inputValue('#op-compliant-0'), '1200.00');

  // The shared text and the printed lines list the outpatient costs.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('#share');
  await page.waitForFunction(() => document.querySelector('#share-status')?.textContent.includes('已复制'));
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /第 2 项门诊：门诊慢性病，县医院，全年合规费用 3000\.00 元，目录外费用 0 元，高血压/);
  assert.match(text, /普通门诊统筹 400\.00 元\n门诊慢特病 1,680\.00 元/);
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.consoleErrors, []);
  await context.close();
});

test('outpatient costs alone need no stay; an empty cost is none; a wrong one is said at its field', async () => {
  const { context, page } = await ready();
  await page.click('#section-outpatient summary');
  await page.selectOption('#op-kind-0', 'chronic');
  await page.waitForSelector('#op-disease-0');
  await page.fill('#op-compliant-0', '3000');
  // A chronic cost needs its disease: said at the field, no amount until it is chosen.
  await page.waitForSelector('#op-disease-0[aria-invalid="true"]');
  assert.equal(await page.locator('#out-of-pocket').count(), 0);
  await page.selectOption('#op-disease-0', 'diabetes');
  // (3000 − 200) × 60% = 1680; the empty stay is left out.
  await page.waitForSelector('#out-of-pocket');
  assert.equal(await page.textContent('#out-of-pocket'), '¥1,320.00');
  assert.equal(await page.textContent('#compliant-0-msg'), '');
  await page.fill('#op-compliant-0', '-5');
  assert.equal(await page.textContent('#op-compliant-0-msg'), '金额不能为负数');
  assert.equal(await page.locator('#out-of-pocket').count(), 0);
  await page.fill('#op-compliant-0', '');
  // Nothing left to compute: the page asks for a cost again, without complaint.
  assert.match(await page.textContent('#status'), /填上合规医疗费用/);
  assert.equal(await page.textContent('#op-compliant-0-msg'), '');
  await context.close();
});

test('hostile text in an outpatient cost\'s amounts and visits: a message at the field, nothing else changes', async () => {
  const { context, page, seen } = await ready(`${COUNTY}&op=general~township~1200.00~0.00~~~3`);
  await page.waitForSelector('#out-of-pocket');
  const good = await page.textContent('#out-of-pocket');
  const others = (skip) => page.$$eval('#form input, #form select', (els, id) => els.filter((el) => el.id !== id).map((el) => `${el.id}=${el.value}`), skip);
  for (const field of ['op-compliant-0', 'op-out-of-policy-0', 'op-visits-0']) {
    const original = await page.inputValue(`#${field}`);
    const before = await others(field);
    for (const value of ['x'.repeat(20000), '<script>window.__pwned = 1</script>', '1e400', '-5', '💊', '1.2.3', '١٢٣']) {
      await page.fill(`#${field}`, value);
      await page.waitForSelector(`#${field}[aria-invalid="true"]`, { timeout: 5000 });
      assert.ok((await page.textContent(`#${field}-msg`)).trim(), `${field} = ${value.slice(0, 20)}: no message`);
      assert.match(await page.textContent('#status'), /请先改正上面标红的内容/);
      assert.equal(await page.locator('#out-of-pocket').count(), 0);
      assert.deepEqual(await others(field), before);
    }
    await page.fill(`#${field}`, original);
    await page.waitForSelector('#out-of-pocket');
    assert.equal(await page.textContent('#out-of-pocket'), good);
  }
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('care away from home: a setting the policy names lowers the rate; one it does not name is counted as local, and the page says so', async () => {
  const { context, page } = await ready(`${COUNTY}&st=county~20000.00~0.00`);
  await page.waitForSelector('#out-of-pocket');
  await page.click('#section-away summary');
  const options = await page.$$eval('#setting-0 option', (os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(options, [['local', '在本地看'], ['referred', '转诊到外地（有转诊单）'],
    ['elsewhere_registered', '去外地，办了备案（按本地算）'], ['elsewhere_unregistered', '去外地，没办备案']]);
  assert.match(await page.textContent('#setting-0-help'), /标着“按本地算”的，这项政策没有单独规定/);
  await page.selectOption('#setting-0', 'referred');
  // (20000 − 500) × (75% − 10%) = 12675.
  await page.waitForFunction(() => document.querySelector('table.layers tbody tr:nth-child(2) td')?.textContent === '12,675.00');
  assert.match(decodeURIComponent(page.url()), /&st=county~20000\.00~0\.00~referred(&|$)/);
  assert.equal(await page.textContent('#section-away-filled'), '已填 1 项');
  await page.selectOption('#setting-0', 'elsewhere_registered');
  await page.waitForSelector('.assumptions.inputs');
  assert.equal(await page.textContent('table.layers tbody tr:nth-child(2) td'), '14,625.00');
  assert.equal(await page.textContent('.assumptions.inputs'), '计算时作了以下假设：第 1 次住院：去外地，办了备案'
    + '政策原文没有这种情况的报销规定，这里按在本地看病计算；当地的实际规定可能不同（例如报销比例更低）。');
  // Not a figure to replace: no box for it.
  assert.equal(await page.locator('input.override[data-param^="admissions"]').count(), 0);
  await screenshot(page, 'away');
  await context.close();
});

test('a year of the policy without settings or outpatient care: a stay away from home counted as local and said; outpatient costs said at their fields', async () => {
  const { context, page, seen } = await ready(`${COUNTY}&d=2023-06-30&st=county~20000.00~0.00~elsewhere%255Funregistered`);
  await page.waitForSelector('#out-of-pocket');
  // (20000 − 500) × 75% = 14625, as for local care; the section open, with the setting in it.
  assert.equal(await page.textContent('table.layers tbody tr:nth-child(2) td'), '14,625.00');
  assert.equal(await page.getAttribute('#section-away', 'open'), '');
  assert.equal(await page.inputValue('#setting-0'), 'elsewhere_unregistered');
  assert.match(await page.textContent('#setting-0 option[value="elsewhere_unregistered"]'), /（按本地算）$/);
  assert.match(await page.textContent('.assumptions.inputs li'), /^第 1 次住院：去外地，没办备案政策原文没有这种情况的报销规定，这里按在本地看病计算/);
  // 2023 pays no outpatient care: no such section, no disease list: no disease to choose.
  assert.equal(await page.locator('#section-outpatient').count(), 0);
  assert.equal(await page.locator('#disease-0').count(), 0);
  // Moving to 2023 with an outpatient cost (from 2024): said at its kind, nothing computed until it is removed.
  await page.fill('#date', '2024-06-30');
  await page.dispatchEvent('#date', 'change');
  await page.click('#section-outpatient summary');
  await page.fill('#op-compliant-0', '1200');
  await page.waitForFunction(() => document.querySelector('table.layers')?.textContent.includes('普通门诊统筹'));
  await page.fill('#date', '2023-06-30');
  await page.dispatchEvent('#date', 'change');
  await page.waitForSelector('#op-kind-0[aria-invalid="true"]');
  assert.match(await page.textContent('#op-kind-0-msg'), /所选地区和日期的政策没有“普通门诊”这一项/);
  assert.equal(await page.locator('#out-of-pocket').count(), 0);
  await page.fill('#op-compliant-0', '');
  await page.waitForSelector('#out-of-pocket');
  assert.equal(await page.locator('#section-outpatient').count(), 1, 'the emptied cost stays in sight until the form is built again');
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('a stay\'s disease: the assistance group for the listed disease pays its ratio', async () => {
  const { context, page } = await ready('?p=e2e_county&s=resident&c=dibao&st=county~20000.00~0.00');
  await page.waitForSelector('#out-of-pocket');
  // Assistance 5375 × 60% = 3225 for another stay …
  assert.equal(await page.textContent('table.layers tbody tr:nth-child(6) td'), '3,225.00');
  await page.click('#section-away summary');
  // Only the diseases that change what a stay is paid (not those of outpatient care only).
  assert.deepEqual(await page.$$eval('#disease-0 option', (os) => os.map((o) => o.textContent)), ['不选（不在名单上）', '白血病']);
  await page.selectOption('#disease-0', 'leukaemia');
  // … and 5375 × 80% = 4300 for leukaemia.
  await page.waitForFunction(() => document.querySelector('table.layers tbody tr:nth-child(6) td')?.textContent === '4,300.00');
  assert.match(decodeURIComponent(page.url()), /&st=county~20000\.00~0\.00~~leukaemia(&|$)/);
  await page.selectOption('#disease-0', '-');
  await page.waitForFunction(() => document.querySelector('table.layers tbody tr:nth-child(6) td')?.textContent === '3,225.00');
  await context.close();
});

test('another reading is offered in the assumed figures too, without opening an explanation (the first module gives it)', async () => {
  const { context, page } = await ready(`${COUNTY}&st=county~20000.00~0.00`);
  await page.waitForSelector('#out-of-pocket');
  const item = '.assumptions li:has(input[data-param="basic.resident.rate.county"])';
  assert.match(await page.textContent(item), /另一种理解：80%（“75%—80%”也可读作按 80% 报销）按这种理解算$/);
  await page.click(`${item} button[data-apply]`);
  // (20000 − 500) × 80% = 15600, through the full module (a replaced figure).
  await page.waitForFunction(() => document.querySelector('table.layers tbody tr:nth-child(2) td')?.textContent === '15,600.00');
  assert.match(decodeURIComponent(page.url()), /o=basic\.resident\.rate\.county:80%/);
  await context.close();
});

test('a reported average is shown beside the estimate as what a report said, never as the estimate', async () => {
  const { context, page } = await ready(`${COUNTY}&st=county~20000.00~0.00`);
  await page.waitForSelector('#out-of-pocket');
  assert.equal(await page.textContent('.reported'), '据报道：城镇居民住院政策范围内平均报销比例（全市平均）约 50%（出处：《石嘴山市贯彻落实医药卫生体制改革任务工作情况的汇报》（会议材料），第 85 行：'
    + '“政策范围内住院报销比例分别提高达70%和50%以上”）。这是报道的平均水平，不是这次测算，也不是每次看病都能报销这么多。');
  // The estimate's own share stays its own.
  assert.match(await page.textContent('.ratio'), /73\.13%/);
  await context.close();
});

test('another reading of a figure: used with one tap (an override, in the link) and undone, in the explanation and the figure view', async () => {
  const { context, page, seen } = await ready(`${COUNTY}&st=county~20000.00~0.00`);
  await page.waitForSelector('#out-of-pocket');
  await page.click('details[data-layer="basic"] summary');
  const figure = 'details[data-layer="basic"] ul.figures > li:has([data-apply="basic.resident.rate.county"], [data-restore="basic.resident.rate.county"])';
  await page.waitForSelector(figure);
  assert.match(await page.textContent(figure), /另一种理解：80%（“75%—80%”也可读作按 80% 报销）按这种理解算$/);
  await page.click(`${figure} button[data-apply]`);
  // (20000 − 500) × 80% = 15600; the explanation stays open, the focus on the way back.
  await page.waitForFunction(() => document.querySelector('table.layers tbody tr:nth-child(2) td')?.textContent === '15,600.00');
  assert.match(decodeURIComponent(page.url()), /o=basic\.resident\.rate\.county:80%/);
  assert.equal(await page.getAttribute('details[data-layer="basic"]', 'open'), '');
  assert.match(await page.textContent(figure), /^80% ［按另一种理解：“75%—80%”也可读作按 80% 报销；原来的理解是 75%］恢复$/);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.restore), 'basic.resident.rate.county');
  await screenshot(page, 'other-reading');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('table.layers tbody tr:nth-child(2) td')?.textContent === '14,625.00');
  assert.doesNotMatch(page.url(), /o=/);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.apply), 'basic.resident.rate.county');

  // The cadre's figure view offers the same for the household's version.
  await page.click('button[data-tool="policies"]');
  const inspected = '#inspect li:has(> code:text-is("basic.resident.rate.county"))';
  await page.waitForSelector(`${inspected} button[data-apply]`, { timeout: 20000 });
  await page.click(`${inspected} button[data-apply]`);
  await page.waitForFunction(() => document.querySelector('table.layers tbody tr:nth-child(2) td')?.textContent === '15,600.00');
  await page.waitForSelector(`${inspected} button[data-restore]`);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.restore), 'basic.resident.rate.county');
  await screenshot(page, 'other-reading-figures', '#tools');
  await page.click(`${inspected} button[data-restore]`);
  await page.waitForFunction(() => document.querySelector('table.layers tbody tr:nth-child(2) td')?.textContent === '14,625.00');
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.consoleErrors, []);
  await context.close();
});

test('the cadre\'s tools with outpatient costs: categories compare all of it; the curve and the year say they go by the stays', async () => {
  const query = `${COUNTY}&st=county~20000.00~1000.00&op=general~township~1200.00~0.00_chronic~county~3000.00~0.00~hypertension`;
  const { context, page, seen } = await ready(`${query}&v=categories`);
  await page.waitForSelector('details.card[data-category="dibao"]', { timeout: 20000 });
  // Dibao: the same 8,495 less assistance on the stay's 5,375 left (60%: 3,225).
  assert.deepEqual(await page.$$eval('table.categories tbody tr', (trs) => trs.map((tr) => tr.children[1].textContent)), ['8,495.00', '5,270.00']);
  await page.click('button[data-tool="curve"]');
  await page.waitForSelector('#curve-chart svg.chart', { timeout: 20000 });
  assert.match(await page.textContent('#curve-note'), /这里只按住院计算，门诊费用不算在内/);
  // The stay alone: 20000 + 1000, of which 5,375 + 1,000 left.
  assert.match(await page.textContent('#curve-chart'), /本户：总费用 21,000\.00 元，自付 6,375\.00 元/);
  await page.click('button[data-tool="year"]');
  await page.waitForSelector('ol.stays', { timeout: 20000 });
  assert.match(await page.textContent('#tool'), /门诊费用不算在内/);
  await page.click('button[data-tool="compare"]');
  const compared = (label) => page.$$eval('table.compare tbody tr', (trs, l) => trs.map((tr) => [...tr.children]
    .map((c) => c.textContent.trim())).find((r) => r[0] === l), label);
  await page.selectOption('#compare-with', 'inner_mongolia.0');
  await page.waitForFunction(() => document.querySelector('table.compare thead')?.textContent.includes('内蒙古'), null, { timeout: 20000 });
  // Inner Mongolia lists hypertension (line 22): the chronic cost goes to its
  // two-disease group, 3000 × 50% = 1500, at most 600 a year (both assumed);
  // its general outpatient pooling is for the registered poor only: 0; basic
  // (20000 − 500) × 85% = 16575 (assumed), 3425 left under 14000:
  // 25200 − 16575 − 600 = 8025, 470 less than here.
  assert.doesNotMatch(await page.textContent('#tool'), /病种名单里没有/);
  assert.deepEqual(await compared('门诊慢特病'), ['门诊慢特病', '1,680.00', '600.00']);
  assert.deepEqual(await compared('个人自付'), ['个人自付', '8,495.00', '8,025.00']);
  // Fuxin 2020 lists eight serious diseases (line 77), not hypertension: the
  // chronic cost is general outpatient care there, which Fuxin pays at township
  // level only (assumed): the township's 1200 × 50% = 600, at most 400 (assumed);
  // basic (20000 − 400) × 75% = 14700 (assumed), 5300 left under 15000 (assumed):
  // 25200 − 14700 − 400 = 10100.
  await page.selectOption('#compare-with', 'fuxin.1');
  await page.waitForFunction(() => document.querySelector('table.compare thead')?.textContent.includes('阜新'), null, { timeout: 20000 });
  assert.match(await page.textContent('#tool'), /阜新.*病种名单里没有“高血压”：按不在名单上的病计算/);
  assert.deepEqual(await compared('个人自付'), ['个人自付', '8,495.00', '10,100.00']);
  await page.click('button[data-tool="sheet"]');
  await page.waitForSelector('#sheet svg.qr', { timeout: 20000 });
  const sheet = await page.textContent('#sheet');
  assert.match(sheet, /第 1 项门诊：普通门诊，乡镇卫生院，全年合规费用 1200\.00 元/);
  assert.match(sheet, /普通门诊统筹400\.00/);
  assert.match(sheet, /据报道：城镇居民住院政策范围内平均报销比例/);
  await screenshot(page, 'tool-sheet-outpatient', '#tools');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || [];
  assert.equal(pages.length, 1, `the sheet takes ${pages.length} pages`);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('in English, and with the keyboard', async () => {
  const { context, page } = await ready(`${COUNTY}&lang=en`);
  assert.match(await page.textContent('#section-outpatient summary'), /^Outpatient and chronic care .*such as hypertension, diabetes/);
  await page.focus('#section-away summary');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#section-away', 'open'), '');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'setting-0');
  assert.match(await page.textContent('label[for="setting-0"]'), /^Where$/);
  await context.close();
});

test('no serious accessibility problem with the sections, the explanation and another reading open (axe-core)', async () => {
  // axe is injected for the test only; bypassCSP lets the injected script run.
  const { context, page } = await openWithFixture(env.browser, fixture, { width: 360, height: 640 }, { bypassCSP: true });
  await page.goto(`${env.url}${COUNTY}&st=county~20000.00~0.00~referred&op=chronic~county~3000.00~0.00~hypertension`);
  await page.waitForSelector('#out-of-pocket');
  await page.click('details[data-layer="basic"] summary');
  await page.waitForSelector('details[data-layer="basic"] button[data-apply]');
  await page.addScriptTag({ path: join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help })));
  console.log('axe:', violations.length ? JSON.stringify(violations) : 'no violations');
  assert.deepEqual(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), []);
  await context.close();
});
