// The page for a browser that asks for English (locale en-US, no lang= in the
// link): everything a resident or a cadre sees is English — the form and every
// option of every select, an estimate with its explanations and assumptions,
// another reading of a figure, and each cadre tool. Only the allowance below
// may hold Chinese: the button that switches to Chinese (in Chinese, so that a
// Chinese reader finds it) and the words quoted from a source text (the
// evidence, given as written, beside the English of what was read in them).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { VIEWPORT, bakeFixture, choosePlace, openWithFixture, screenshot, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();
/** @type {{ id: string, dir: string }} */
let fixture;
before(() => {
  fixture = bakeFixture();
});

const READY = 'html[data-engine="ready"]';
// Chinese characters and the CJK and full-width punctuation (：，（）、。【】).
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
// Where Chinese is meant to be, each marked as Chinese for screen readers too.
const ALLOWED = '#language[lang="zh-CN"], .quote[lang="zh-CN"]';

/** A page in an English-speaking browser, with the tests' own county beside the shipped policies. */
async function english(query) {
  const opened = await openWithFixture(env.browser, fixture, VIEWPORT, { locale: 'en-US' });
  await opened.page.goto(env.url + query);
  await opened.page.waitForSelector(READY, { timeout: 20000 });
  return opened;
}

/**
 * Every text of the page a person meets that holds Chinese outside the
 * allowance: visible text, every option of every select (seen when it opens),
 * accessible names, titles and placeholders, and the document's title.
 */
function chinese(page) {
  return page.evaluate(([source, allowed]) => {
    const cjk = new RegExp(source);
    const found = [];
    const outside = (el) => !el.closest(allowed);
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      const el = node.parentElement;
      if (el && el.checkVisibility() && outside(el) && cjk.test(node.textContent)) found.push(node.textContent.trim());
    }
    for (const option of document.querySelectorAll('option, optgroup')) {
      const text = option.label || option.textContent;
      if (cjk.test(text)) found.push(`option: ${text}`);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], svg title')) {
      for (const text of [el.getAttribute('aria-label'), el.getAttribute('title'), el.getAttribute('placeholder'), el.tagName === 'title' ? el.textContent : null]) {
        if (text && outside(el) && cjk.test(text)) found.push(`${el.tagName}: ${text}`);
      }
    }
    if (cjk.test(document.title)) found.push(`title: ${document.title}`);
    return found;
  }, [CJK.source, ALLOWED]);
}

async function assertEnglish(page, where) {
  assert.deepEqual(await chinese(page), [], `Chinese on the English page: ${where}`);
}

test('an English browser gets English without lang=, and a link can ask for Chinese', async () => {
  const { context, page, seen } = await english('?p=inner_mongolia&s=resident&c=registered_poor');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  // Its texts come in their own module, which a Chinese page never fetches (e2e/quality.test.mjs).
  assert.ok(seen.requests.some((url) => url.endsWith('/messages-en.js')));
  assert.equal(await page.textContent('h1'), 'Medical insurance estimator');
  assert.equal(await page.textContent('#language'), '中文');
  // The page's own link names no language: it is the reader's.
  assert.doesNotMatch(page.url(), /lang=/);
  await assertEnglish(page, 'the form');
  await page.click('#language');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(page.url(), /lang=zh/);
  await page.goto(`${env.url}?p=inner_mongolia&lang=zh`);
  await page.waitForSelector(READY);
  assert.equal(await page.textContent('h1'), '医保报销测算');
  await context.close();
});

test('the form in English: every region, every select\'s options, the optional sections open', async () => {
  const { context, page, seen } = await english('?p=e2e_county&s=resident&c=ordinary');
  // Every place of every province.
  const provinces = await page.$$eval('#province option', (options) => options.filter((o) => o.value).map((o) => o.textContent));
  let regions = 0;
  for (const province of provinces) {
    await page.selectOption('#province', { label: province });
    // A province's value is its first policy, which the form then shows.
    await page.waitForFunction((p) => document.getElementById('province')?.selectedOptions[0]?.textContent === p
      && document.getElementById('policy')?.value === document.getElementById('province').value, province);
    for (const region of await page.$$eval('#policy option', (options) => options.map((o) => o.value).filter(Boolean))) {
      // A province of one policy has nothing more to choose.
      if (await page.isVisible('#policy')) await page.selectOption('#policy', region);
      await page.waitForFunction((id) => document.getElementById('policy').value === id && document.getElementById('scheme'), region);
      for (const section of await page.$$('details.optional')) await section.evaluate((d) => { d.open = true; });
      await assertEnglish(page, region);
      regions += 1;
    }
  }
  assert.ok(regions >= 9, `${regions} regions`);
  // Names shown on their own start with a capital.
  await choosePlace(page, 'Inner Mongolia', 'inner_mongolia');
  await page.waitForFunction(() => document.getElementById('policy').value === 'inner_mongolia' && document.getElementById('level-0'));
  assert.deepEqual(await page.$$eval('#level-0 option', (os) => os.map((o) => o.textContent)),
    ['Township health centre (level 1)', 'Banner/county hospital (level 2)', 'League/city hospital (level 3)']);
  assert.match(await page.textContent('#policy-help'), /^Inner Mongolia: .* \(2020\)$/);
  await screenshot(page, 'english-form');
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('an estimate in English: the amounts, each layer capitalised, every explanation and the assumptions', async () => {
  const { context, page, seen } = await english('?p=inner_mongolia&s=resident&c=registered_poor');
  await page.selectOption('#level-0', 'county');
  await page.fill('#compliant-0', '50000');
  await page.fill('#out-of-policy-0', '8000');
  // The county stay of e2e/page.test.mjs (COUNTY_STAY): 9,098.56 to pay.
  await page.waitForFunction(() => document.getElementById('out-of-pocket')?.textContent === '¥9,098.56');
  assert.deepEqual(await page.$$eval('table.layers tbody th', (ths) => ths.map((th) => th.textContent)), ['Total cost',
    'Basic medical insurance', 'General outpatient pooling', 'Chronic and special outpatient care', 'Critical-illness insurance',
    'Medical assistance', 'Supplementary insurance', 'Government backstop', 'Out of pocket']);
  for (const summary of await page.$$('details.explain summary')) await summary.click();
  await page.waitForFunction(() => [...document.querySelectorAll('details.explain')].every((d) => d.querySelector('.steps ol')), null, { timeout: 20000 });
  assert.equal(await page.textContent('details[data-layer="basic"] summary'), 'How it is calculated: Basic medical insurance 42,075.00');
  // A cited figure: its source, the words quoted (Chinese, marked so), and how they were read, in English.
  const cited = 'details[data-layer="critical_illness"] li[data-parameter="critical_illness.segments[0].rate"]';
  assert.match(await page.textContent(cited), /source: .+ \(newspaper report\), line 22: “.+” \(read as: "60% or more": the lower bound, 60%, without segments\)$/);
  assert.equal(await page.getAttribute(`${cited} .quote`, 'lang'), 'zh-CN');
  assert.match(await page.textContent('.assumptions'), /\[assumed\]|not given/);
  await assertEnglish(page, 'the estimate with its explanations');
  await screenshot(page, 'english-estimate');
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.consoleErrors, []);
  await context.close();
});

test('another reading of a figure in English, used and undone', async () => {
  const { context, page, seen } = await english('?p=e2e_county&s=resident&c=ordinary&st=county~20000.00~0.00');
  await page.waitForSelector('#out-of-pocket');
  await page.click('details[data-layer="basic"] summary');
  const figure = 'details[data-layer="basic"] li[data-parameter="basic.resident.rate.county"]';
  await page.waitForSelector(`${figure} button[data-apply]`, { timeout: 20000 });
  assert.match(await page.textContent(figure), /Another reading: 80% \(.+\)Use this reading$/);
  await assertEnglish(page, 'another reading offered');
  await page.click(`${figure} button[data-apply]`);
  // (20000 − 500) × 80% = 15600, as in e2e/outpatient.test.mjs.
  await page.waitForFunction(() => document.querySelector('table.layers tbody tr:nth-child(2) td')?.textContent === '15,600.00');
  assert.match(await page.textContent(figure), /80% \[the other reading: .+; the first reading is 75%\] Restore$/);
  await assertEnglish(page, 'another reading used');
  await screenshot(page, 'english-other-reading');
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('each cadre tool in English, the figure view\'s descriptions included', async () => {
  const query = '?p=inner_mongolia&d=2020-06-30&s=resident&c=registered_poor&st=township~3000.00~0.00_county~20000.00~2000.00';
  const { context, page, seen } = await english(query);
  await page.waitForSelector('#out-of-pocket');
  const done = {
    categories: 'details.card[data-category="dibao"]',
    curve: '#curve-chart',
    compare: '#compare-with',
    year: 'li.card[data-stay="2"]',
    sheet: '#sheet .qr',
    batch: '#batch-run',
    policies: '#inspect li.cited',
  };
  for (const [tool, selector] of Object.entries(done)) {
    await page.click(`button[data-tool="${tool}"]`);
    await page.waitForSelector(selector, { timeout: 20000 });
    if (tool === 'batch') {
      // The example file (its Chinese names of categories, settings, diseases and
      // kinds of care are read as their ids), its wrong level in English: a message
      // quotes the file's own value, and offers the ids, not the Chinese names.
      const csv = await (await page.request.get(`${env.url}batch-example.csv`)).text();
      assert.match(csv, /,社区医院,/);
      await page.fill('#batch-paste', csv.replace(',社区医院,', ',clinic,'));
      await page.click('#batch-run');
      await page.waitForSelector('#batch-summary', { timeout: 20000 });
      assert.match(await page.textContent('.batch-errors'), /Line 10 \(id C-004\) level: this policy has no "clinic"; it has: township, county, city/);
    }
    await assertEnglish(page, `tool ${tool}`);
    await screenshot(page, `english-tool-${tool}`, '#tools');
  }
  // The figure view's descriptions: the version's heading, a figure's label and value.
  assert.match(await page.textContent('#inspect'), /2020 \(2020-01-01 to 2020-12-31\)/);
  assert.match(await page.textContent('#inspect'), /Annual threshold: 14,000 yuan source .+\(newspaper report\), line 22 \[004_44d2b2ecadff79be\.txt:22\]/);
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});
