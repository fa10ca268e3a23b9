// Hostile input in a real browser: whatever is typed or pasted into any field
// gets a message at that field, runs no script, throws no uncaught error and
// leaves the rest of the page as it was; and each wasm module's memory stays
// bounded over 100,000 estimates in one page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { choosePlace, openPage, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

// Each is refused as an amount (an age, a figure) with a message.
const HOSTILE = [
  'x'.repeat(20000),
  '9'.repeat(400),
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 1">',
  '1e400',
  'NaN',
  'Infinity',
  '-5',
  '💊💉',
  '12000\t3000\n4000\t500',
  '=1+1',
  '1.2.3',
  '١٢٣',
  '12,000.005',
];

/** What must not change when one field gets a bad value: every other field, the page's structure. */
async function pageState(page, except) {
  return page.evaluate((skip) => ({
    fields: [...document.querySelectorAll('#form input, #form select')].filter((el) => el.id !== skip).map((el) => `${el.id}=${el.value}`),
    formShape: [...document.querySelectorAll('#form *')].map((el) => el.tagName).join(','),
    scripts: document.scripts.length,
    title: document.title,
    pwned: window.__pwned ?? null,
  }), except);
}

async function hostilePage(query) {
  const opened = await openPage(env.browser);
  const dialogs = [];
  opened.page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  await opened.page.goto(env.url + query);
  await opened.page.waitForSelector('#out-of-pocket', { timeout: 15000 });
  return { ...opened, dialogs };
}

test('every amount field and the age: a message at the field, nothing else changes', async () => {
  const { context, page, seen, dialogs } = await hostilePage('?p=haiyuan&d=2010-03-01&s=ncms&c=ordinary&a=8&st=county~4347.00~100.00');
  const good = await page.textContent('#out-of-pocket');
  for (const field of ['compliant-0', 'out-of-policy-0', 'age']) {
    const original = await page.inputValue(`#${field}`);
    const before = await pageState(page, field);
    for (const value of HOSTILE) {
      await page.fill(`#${field}`, value);
      await page.waitForSelector(`#${field}[aria-invalid="true"]`, { timeout: 5000 });
      const message = await page.textContent(`#${field}-msg`);
      assert.ok(message.trim().length > 0, `${field} = ${value.slice(0, 30)}: no message`);
      assert.match(await page.textContent('#status'), /请先改正上面标红的内容/);
      assert.deepEqual(await pageState(page, field), before, `${field} = ${value.slice(0, 30)} changed the page`);
    }
    await page.fill(`#${field}`, original);
    await page.waitForSelector('#out-of-pocket');
    assert.equal(await page.textContent('#out-of-pocket'), good);
  }
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('a replaced figure, the curve range and a pasted batch table: refused with a message', async () => {
  const { context, page, seen, dialogs } = await hostilePage('?p=inner_mongolia&s=resident&c=dibao&st=county~20000.00~0.00');
  const good = await page.textContent('#out-of-pocket');
  const param = 'basic.resident.deductible.county';
  for (const value of HOSTILE.slice(0, 8)) {
    await page.fill(`input.override[data-param="${param}"]`, value);
    await page.press(`input.override[data-param="${param}"]`, 'Enter');
    await page.dispatchEvent(`input.override[data-param="${param}"]`, 'change');
    await page.waitForSelector(`input.override[data-param="${param}"][aria-invalid="true"]`);
    const described = await page.getAttribute(`input.override[data-param="${param}"]`, 'aria-describedby');
    assert.ok((await page.textContent(`#${described}`)).trim().length > 0, `${value.slice(0, 30)}: no message`);
    // No amount while the figure is refused; restored, the estimate is the policy's own.
    assert.equal(await page.locator('#out-of-pocket').count(), 0);
    await page.click(`button[data-restore="${param}"]`);
    await page.waitForSelector(`input.override[data-param="${param}"]:not([aria-invalid])`);
    assert.equal(await page.textContent('#out-of-pocket'), good);
  }

  await page.click('button[data-tool="curve"]');
  await page.waitForSelector('#curve-chart svg.chart');
  for (const value of HOSTILE) {
    await page.fill('#curve-max', value);
    await page.waitForSelector('#curve-max[aria-invalid="true"]');
    assert.ok((await page.textContent('#curve-max-msg')).length > 0);
  }

  await page.click('button[data-tool="batch"]');
  await page.waitForSelector('#batch-run');
  for (const table of ['<script>window.__pwned=1</script>', 'id,policy\n"', HOSTILE.join('\n'), `compliant\n${'9'.repeat(5000)}`,
    'id,policy,scheme,category,level,compliant\n1,<img src=x onerror=window.__pwned=1>,resident,ordinary,county,-1']) {
    await page.fill('#batch-paste', table);
    await page.click('#batch-run');
    await page.waitForSelector('#batch-result p');
    assert.ok((await page.textContent('#batch-result')).length > 0);
  }
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('a hostile link: what it has wrong is said, nothing else runs, the page works', async () => {
  const { context, page, seen } = await openPage(env.browser);
  await page.goto(`${env.url}?p=%3Cscript%3E&s=%F0%9F%92%8A&c=1e400&a=NaN&st=county~abc~-5_%3Cb%3E~1~2&o=x:%3Cscript%3E;;:&v=nope&cm=NaN&lang=xx`);
  await page.waitForSelector('html[data-engine="ready"]', { timeout: 15000 });
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.equal(await page.locator('#form select#policy').count(), 1);
  assert.equal(await page.textContent('#policy-msg'), '没有“<script>”这个地区，请选择。');
  await choosePlace(page, '内蒙古自治区', 'inner_mongolia');
  await page.waitForSelector('#compliant-0[aria-invalid="true"]');
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('the wasm memory stays bounded over 100,000 estimates in one page, in each module', async () => {
  const { context, page, seen } = await openPage(env.browser);
  await page.goto(`${env.url}?p=inner_mongolia&s=resident&c=registered_poor&st=county~50000.00~8000.00`);
  await page.waitForSelector('#out-of-pocket', { timeout: 15000 });
  // An explanation opened: the page starts the full module (pkg-cadre) too.
  await page.click('details[data-layer="basic"] summary');
  await page.waitForSelector('details[data-layer="basic"] .steps li', { timeout: 15000 });
  const measure = (dir) => page.evaluate(async (dir) => {
    const engine = await import(`./${dir}/yibao.js`);
    const exports = await engine.default(); // the page's own instance, already started
    const bytes = () => exports.memory.buffer.byteLength;
    const before = bytes();
    const samples = [];
    // The first module computes amounts only; the full one explains one estimate in ten.
    const full = dir === 'pkg-cadre';
    for (let i = 0; i < 100000; i += 1) {
      engine.estimate({ policy: 'inner_mongolia', scheme: 'resident', category: 'registered_poor', explain: full && i % 10 === 0,
        admissions: [{ level: 'county', compliant: String(1000 + i), out_of_policy: '8000' }, { level: 'city', compliant: '1.2万' }] });
      if (i % 20000 === 19999) samples.push(bytes());
    }
    return { before, samples };
  }, dir);
  const mib = (b) => (b / 1048576).toFixed(2);
  for (const dir of ['pkg', 'pkg-cadre']) {
    const memory = await measure(dir);
    console.log(`[measure] wasm memory of ${dir}: ${mib(memory.before)} MiB before, ${memory.samples.map(mib).join(' → ')} MiB after each 20,000 of 100,000 estimates`);
    const after = memory.samples[memory.samples.length - 1];
    assert.ok(after <= 16 * 1048576, `${dir}: wasm memory grew to ${mib(after)} MiB`);
    // No growth in the second half: what one estimate allocates is freed.
    assert.equal(memory.samples[4], memory.samples[2], dir);
  }
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});
