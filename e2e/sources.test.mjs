// Sources a person can read: a resident's explanation and the printed sheet
// name each source by its document's title, number and line (《…》登政办〔2018〕57号，
// 第 48 行), say when it is a newspaper report, and show no file name and no
// parameter path (those are for the cadre's figure view).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, screenshot, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

// Dengfeng 2019, an ordinary resident's county stay of 50,000: basic pays
// (50000 − 500) × 80% = 39600 (assumed figures), critical illness nothing
// (10,400 left, under its assumed threshold of 15,000), the supplementary
// insurance (10400 − 2500) × 50% = 3950, its threshold cited from line 48.
const DENGFENG = '?p=dengfeng&d=2019-06-30&s=resident&c=ordinary&st=county~50000.00~0.00';
// Inner Mongolia 2020, a registered poor resident: its figures come from a newspaper report.
const INNER_MONGOLIA = '?p=inner_mongolia&d=2020-06-30&s=resident&c=registered_poor&st=county~50000.00~8000.00';

/** A file name of the sources folder, or a parameter path (`critical_illness.tilts[0].threshold_factor`). */
const FILE_NAME = /\.txt\b/;
const PARAMETER_PATH = /[a-z_]+\.[a-z_]+(\[\d+\])?\./;

/** The page on `query`, with every layer's explanation open and filled. */
async function explained(query) {
  const opened = await openPage(env.browser);
  const { page } = opened;
  await page.goto(env.url + query);
  await page.waitForSelector('#out-of-pocket', { timeout: 15000 });
  for (const summary of await page.locator('details.explain summary').all()) await summary.click();
  await page.waitForFunction(() => [...document.querySelectorAll('details.explain')]
    .every((d) => d.querySelector('.steps ol')), undefined, { timeout: 20000 });
  return opened;
}

/** What a resident sees of the result: the amount, the layers, the figures box and the explanations. */
const residentView = (page) => page.innerText('#estimate');

test('an explanation names a notice by its title, number and line, with the quote, and no file or parameter', async () => {
  const { context, page, seen } = await explained(DENGFENG);
  assert.equal(await page.textContent('#out-of-pocket'), '¥6,450.00');
  const supplementary = await page.innerText('details[data-layer="supplementary"] .steps');
  assert.match(supplementary, /max\(0, 10400\.00 − 2500\) × 50% = 3950\.00/);
  assert.match(supplementary,
    /2500 出处：《登封市城乡居民医疗补充救助保险实施方案（试行）》登政办〔2018〕57号，第 48 行：“自付的合规医疗费用2500元为起付线”/);
  // A rule without a number (whom it is for) is cited the same way.
  assert.match(supplementary, /《登封市城乡居民医疗补充救助保险实施方案（试行）》登政办〔2018〕57号，第 44 行：“城乡居民基本医疗保险的参保人员/);
  const view = await residentView(page);
  assert.doesNotMatch(view, FILE_NAME);
  assert.doesNotMatch(view, PARAMETER_PATH);
  // The assumed figures say what they belong to, in words.
  assert.match(await page.innerText('.assumptions'), /基本医保/);
  await screenshot(page, 'sources-assumed', '.assumptions');
  await screenshot(page, 'sources-notice', 'details[data-layer="supplementary"]');
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('a newspaper report is said to be one, in Chinese and in English', async () => {
  const { context, page, seen } = await explained(INNER_MONGOLIA);
  const critical = await page.innerText('details[data-layer="critical_illness"] .steps');
  assert.match(critical, /出处：《内蒙古多重医疗保障 为群众健康护航》（报纸报道），第 22 行：“/);
  const view = await residentView(page);
  assert.doesNotMatch(view, FILE_NAME);
  assert.doesNotMatch(view, PARAMETER_PATH);
  // The reported average beside the estimate names the report the same way.
  assert.match(await page.innerText('.reported'), /出处：《内蒙古多重医疗保障 为群众健康护航》（报纸报道），第 22 行：“政策范围内报销比例分别达85%和75%左右”/);
  await screenshot(page, 'sources-newspaper', 'details[data-layer="critical_illness"]');
  await context.close();

  const english = await explained(`${INNER_MONGOLIA}&lang=en`);
  const steps = await english.page.innerText('details[data-layer="critical_illness"] .steps');
  assert.match(steps, /source: Inner Mongolia's several layers of medical security protect people's health \(newspaper report\), line 22: “/);
  assert.doesNotMatch(await residentView(english.page), FILE_NAME);
  assert.doesNotMatch(await residentView(english.page), PARAMETER_PATH);
  await english.context.close();

  const notice = await explained(`${DENGFENG}&lang=en`);
  assert.match(await notice.page.innerText('details[data-layer="supplementary"] .steps'),
    /source: Dengfeng plan for supplementary medical assistance insurance of urban and rural residents \(trial\) 登政办〔2018〕57号, line 48: “/);
  await notice.context.close();
  assert.deepEqual(seen.pageErrors, []);
});

test('the printed sheet names its sources by title, number and line, with no file or parameter', async () => {
  const { context, page, seen } = await openPage(env.browser);
  await page.goto(`${env.url}${DENGFENG}&v=sheet`);
  await page.waitForSelector('#sheet svg.qr', { timeout: 20000 });
  const sheet = await page.innerText('#sheet');
  assert.match(sheet, /《登封市城乡居民医疗补充救助保险实施方案（试行）》登政办〔2018〕57号，第 48 行：“自付的合规医疗费用2500元为起付线”/);
  assert.match(sheet, /《登封市城乡居民医疗补充救助保险实施方案（试行）》登政办〔2018〕57号，第 44 行：“城乡居民基本医疗保险的参保人员/);
  // The link at the bottom is the page's address; all the rest is for people.
  const words = sheet.replace(await page.innerText('#sheet .link'), '');
  assert.doesNotMatch(words, FILE_NAME);
  assert.doesNotMatch(words, PARAMETER_PATH);
  await screenshot(page, 'sources-sheet', '#sheet');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'sources-sheet-print');
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});
