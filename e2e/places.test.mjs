// Places, not document titles; honest about dates (issue 15). A region is
// chosen by province, then city or county by name, with the document's title
// and its years once under the choice; the form starts at today's date, which
// computes with the newest version and says beside the amount that the rules
// may have changed (12393), next to 测算仅供参考; the age is asked only once
// the patient is said to be a minor, where the policy reads it only for children.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, openPage, screenshot, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();
const READY = 'html[data-engine="ready"]';
const CATALOGUE = JSON.parse(readFileSync(join(ROOT, 'dist', 'policies', 'index.json'), 'utf8'));

/** Today as the browser has it (the same machine and time zone). */
function today() {
  const d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
}

async function ready(page, query) {
  await page.goto(env.url + query);
  await page.waitForSelector(READY, { timeout: 15000 });
}

test('every shipped policy is reached by its province and its place name, its title and years shown once under the choice', async () => {
  const { context, page } = await openPage(env.browser);
  await ready(page, '?p=inner_mongolia&st=county~1000.00~0.00');
  const provinces = await page.$$eval('#province option', (options) => options.map((o) => o.textContent));
  assert.deepEqual(provinces, [...new Set(CATALOGUE.map((p) => p.province_zh))]);
  let reached = 0;
  for (const policy of CATALOGUE) {
    await page.selectOption('#province', { label: policy.province_zh });
    const place = policy.place_zh === policy.province_zh ? '全省' : policy.place_zh;
    await page.waitForFunction((p) => [...document.querySelectorAll('#policy option')].some((o) => o.textContent === p), place);
    await page.selectOption('#policy', { label: place });
    await page.waitForFunction((id) => new URLSearchParams(location.search).get('p') === id, policy.id);
    const years = policy.versions.map((v) => v.label).join('、');
    await page.waitForFunction((text) => document.getElementById('policy-help')?.textContent === text, `${policy.name_zh}（${years}）`);
    // The years once: no "（2010 年）（2010）".
    assert.doesNotMatch(policy.name_zh, /\d{4}/, policy.id);
    reached += 1;
  }
  assert.equal(reached, CATALOGUE.length);
  // Ningxia has four places, each its own policy.
  await page.selectOption('#province', { label: '宁夏回族自治区' });
  await page.waitForFunction(() => document.querySelectorAll('#policy option').length === 4);
  assert.deepEqual(await page.$$eval('#policy option', (o) => o.map((x) => x.textContent)), ['海原县', '泾源县', '石嘴山市', '银川市']);
  await screenshot(page, 'places');
  await context.close();
});

test('the form starts at today\'s date: the newest version computes, and beside the amount 测算仅供参考 and that the rules may have changed (12393)', async () => {
  const { context, page } = await openPage(env.browser);
  // Haiyuan 2010, 新农合, a township stay of 1,000 (the figures: 799.00 paid, 201.00 left).
  await ready(page, '?p=haiyuan&s=ncms&c=ordinary&st=township~1000.00~0.00');
  assert.equal(await page.inputValue('#date'), today());
  await page.waitForSelector('#out-of-pocket');
  assert.equal(await page.textContent('#out-of-pocket'), '¥201.00');
  assert.match(page.url(), new RegExp(`d=${today()}`), 'the link keeps the day');
  const caveat = await page.textContent('#caveat');
  assert.match(caveat, /^测算仅供参考。/);
  assert.match(caveat, /所选日期晚于最新一版（2010-01-01 至 2010-12-31），按这一版计算。这是 2010 年的政策，现在可能已经调整，请以当地医保部门为准，咨询电话 12393。/);
  // Next to the amount: right under it.
  const [amount, note] = await Promise.all(['#out-of-pocket', '#caveat'].map((s) => page.locator(s).boundingBox()));
  assert.ok(note.y >= amount.y + amount.height - 1 && note.y - (amount.y + amount.height) < 40, `${JSON.stringify([amount, note])}`);
  await screenshot(page, 'today');
  // A date in force, within three years of its start: 仅供参考, nothing more.
  await page.fill('#date', '2010-06-30');
  await page.dispatchEvent('#date', 'change');
  await page.waitForFunction(() => !document.querySelector('#caveat strong'));
  assert.equal(await page.textContent('#caveat'), '测算仅供参考。');
  assert.equal(await page.textContent('#out-of-pocket'), '¥201.00');
  // Before the first version: refused at the date, as before.
  await page.fill('#date', '2009-06-30');
  await page.dispatchEvent('#date', 'change');
  await page.waitForFunction(() => /没有生效的版本/.test(document.getElementById('date-msg')?.textContent ?? ''));
  assert.equal(await page.locator('#out-of-pocket').count(), 0);
  // English.
  await page.fill('#date', today());
  await page.dispatchEvent('#date', 'change');
  await page.click('#language');
  await page.waitForFunction(() => /\(12393\)/.test(document.getElementById('caveat')?.textContent ?? ''));
  assert.equal(await page.textContent('#caveat'), 'An estimate, for reference only. The date is after the newest version (2010-01-01 to 2010-12-31), which is used. '
    + 'These are the rules of 2010; they may have changed. Ask the local medical insurance office (12393).');
  await screenshot(page, 'today-english');
  await context.close();
});

test('a link made before the date box (no d=) opens at today\'s date with the newest version, as it computed before', async () => {
  const { context, page } = await openPage(env.browser);
  await ready(page, '?p=fuxin&s=resident&c=ordinary&st=county~20000.00~0.00');
  assert.equal(await page.inputValue('#date'), today());
  await page.waitForSelector('#out-of-pocket');
  assert.match(await page.textContent('#caveat'), /2020 年的政策/);
  assert.match(await page.textContent('.help:has-text("版政策")'), /^2020 版政策/);
  await context.close();
});

test('the age is asked once the patient is said to be a minor, where the policy reads it only for children', async () => {
  const { context, page } = await openPage(env.browser);
  // Haiyuan reads the age for the NCMS children's deductible (12 and under) and minors' outpatient care (17 and under).
  // A county stay of 5,000: (5000 − 160) × 80% = 3872 for an adult; a child of 10 pays the children's 90: (5000 − 90) × 80% = 3928.
  await ready(page, '?p=haiyuan&d=2010-06-30&s=ncms&c=ordinary&st=county~5000.00~0.00');
  await page.waitForSelector('#out-of-pocket');
  assert.equal(await page.isVisible('#age'), false);
  assert.equal(await page.isChecked('#child'), false);
  const basic = () => page.textContent('table.layers tbody tr:nth-child(2) td');
  assert.equal(await basic(), '3,872.00');
  await screenshot(page, 'age-unticked');
  await page.check('#child');
  assert.equal(await page.isVisible('#age'), true);
  await page.fill('#age', '10');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('a') === '10');
  assert.equal(await basic(), '3,928.00');
  await screenshot(page, 'age-ticked');
  // Unticked: the age is not used (nor in the link), and comes back when ticked again.
  await page.uncheck('#child');
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('a'));
  assert.equal(await page.isVisible('#age'), false);
  assert.equal(await basic(), '3,872.00');
  await page.check('#child');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('a') === '10');
  // A link with an age: ticked, the age in view.
  await ready(page, '?p=haiyuan&d=2010-06-30&s=ncms&c=ordinary&a=10&st=county~5000.00~0.00');
  assert.equal(await page.isChecked('#child'), true);
  assert.equal(await page.inputValue('#age'), '10');
  // A policy that reads no age asks for none.
  await ready(page, '?p=inner_mongolia&st=county~5000.00~0.00');
  assert.equal(await page.locator('#child, #age').count(), 0);
  await context.close();
});
