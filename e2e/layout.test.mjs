// Keyboard, large text and wide screens: the focus and the caret kept through
// every redraw of the form, every part of the page within the screen at 200%
// text and at 200% zoom, the household sheet's QR code within the sheet, the
// amount in view while costs are typed, and an amount with a point that may be
// a thousands separator asked about, not guessed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { SCREENSHOTS, VIEWPORT, openPage, screenshot, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

const READY = 'html[data-engine="ready"]';
// Inner Mongolia 2020, a registered-poor resident, a county stay of 80,000
// + 5,000 out of policy: ¥6,334.81 left to pay (the longest amount of the
// usual cases, with a thousands separator).
const CASE = '?p=inner_mongolia&s=resident&c=registered_poor&st=county~80000.00~5000.00';
const AMOUNT = '¥6,334.81';

async function ready(page, query = CASE) {
  await page.goto(env.url + query);
  await page.waitForSelector(READY, { timeout: 15000 });
}

/** Saves what is on the screen (not the whole page) as `name-WxH.png`. */
function view(page, name) {
  const { width, height } = page.viewportSize();
  return page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}x${height}.png`) });
}

/** The id of the element in focus ('' for the page's body). */
const focused = (page) => page.evaluate(() => document.activeElement?.id ?? '');

test('a select changed from the keyboard keeps the focus, the form redrawn around it', async () => {
  const { context, page, seen } = await openPage(env.browser);
  await ready(page);
  await page.focus('#scheme');
  await page.keyboard.press('ArrowDown');
  // The employee scheme: the form was drawn again for it (the category's list is the employee's).
  await page.waitForFunction(() => /** @type {HTMLSelectElement} */ (document.getElementById('scheme')).value === 'employee');
  assert.equal(await focused(page), 'scheme');
  assert.equal(await page.$eval('#scheme', (s) => s.closest('form') === document.getElementById('form')), true);
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => /** @type {HTMLSelectElement} */ (document.getElementById('scheme')).value === 'resident');
  assert.equal(await focused(page), 'scheme');
  // The outpatient kind (the form asks for other things for it): the focus stays on the select.
  await page.click('#section-outpatient summary');
  await page.focus('#op-kind-0');
  const kind = await page.$eval('#op-kind-0', (s) => /** @type {HTMLSelectElement} */ (s).value);
  await page.keyboard.press(kind === 'general' ? 'ArrowDown' : 'ArrowUp');
  await page.waitForFunction((before) => /** @type {HTMLSelectElement} */ (document.getElementById('op-kind-0')).value !== before, kind);
  assert.equal(await focused(page), 'op-kind-0');
  assert.equal(await page.$('#op-disease-0') !== null, kind === 'general', 'the chronic kind asks for a disease');
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('a date typed digit by digit ends whole, the focus in its box all along', async () => {
  // Month, day, year (as this Chromium writes dates): each digit of the year makes a whole date (0002-06-30…), the form redrawn for it.
  const { context, page, seen } = await openPage(env.browser, VIEWPORT, { locale: 'en-US' });
  await ready(page);
  await page.focus('#date');
  for (const digit of '06302020') {
    await page.keyboard.type(digit);
    assert.equal(await focused(page), 'date', `after ${digit}`);
  }
  await page.waitForSelector(`#out-of-pocket:text-is("${AMOUNT}")`);
  assert.equal(await page.inputValue('#date'), '2020-06-30');
  assert.match(page.url(), /[?&]d=2020-06-30/);
  assert.equal(await focused(page), 'date');
  await context.close();
  // Over a date from a link that no version covers, the form redrawn for each part (Chromium's box
  // says it changed, with the body in focus, each time a part is begun and the date is not whole).
  const zh = await openPage(env.browser);
  await ready(zh.page, `${CASE}&d=2019-06-30`);
  await zh.page.focus('#date');
  await zh.page.keyboard.type('06302020');
  await zh.page.waitForSelector(`#out-of-pocket:text-is("${AMOUNT}")`);
  assert.equal(await zh.page.inputValue('#date'), '2020-06-30');
  assert.equal(await focused(zh.page), 'date');
  assert.deepEqual([...seen.pageErrors, ...zh.seen.pageErrors], []);
  await zh.context.close();
});

/**
 * A browser whose default text size is 32 px, as Chromium's font-size setting
 * (and a phone's text size at 200%) makes it: its own profile, with the
 * preference Chromium reads at start (unlike an emulated one, kept through
 * full-page screenshots). Closing the context closes that browser.
 */
async function largeText(viewport) {
  const dir = mkdtempSync(join(tmpdir(), 'yibao-text-'));
  mkdirSync(join(dir, 'Default'));
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ webkit: { webprefs: { default_font_size: 32, default_fixed_font_size: 26 } } }));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', viewport, locale: 'zh-CN', serviceWorkers: 'block',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update'],
  });
  return { context, page: context.pages()[0] ?? await context.newPage() };
}

/** What must hold at any text size and zoom: no sideways scroll, the amount whole, the buttons and the bar readable. */
async function fits(page, label) {
  const measured = await page.evaluate(() => {
    const root = document.documentElement;
    const amount = /** @type {HTMLElement} */ (document.getElementById('out-of-pocket'));
    /** Lines of an element's text. */
    const lines = (el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    const bar = document.getElementById('sticky-pay')?.getBoundingClientRect();
    return {
      page: [root.scrollWidth, root.clientWidth],
      amount: [amount.scrollWidth, amount.clientWidth, amount.textContent, amount.getBoundingClientRect().right],
      buttons: [...document.querySelectorAll('.actions button')].map((b) => [b.textContent, lines(b)]),
      bar: bar && bar.height / innerHeight,
      oop: document.querySelector('table.layers tr.oop td')?.textContent,
    };
  });
  const [scrollWidth, clientWidth] = measured.page;
  assert.ok(scrollWidth <= clientWidth, `${label}: the page is ${scrollWidth} px wide in ${clientWidth}`);
  const [amountScroll, amountClient, text, right] = measured.amount;
  assert.ok(amountScroll <= amountClient && right <= clientWidth, `${label}: the amount is cut (${amountScroll} in ${amountClient}, right ${right})`);
  assert.equal(text, AMOUNT, label);
  assert.equal(`¥${measured.oop}`, AMOUNT, label);
  for (const [name, n] of measured.buttons) assert.ok(n <= 2, `${label}: "${name}" takes ${n} lines`);
  assert.ok(measured.bar !== undefined && measured.bar <= 0.2, `${label}: the bar takes ${measured.bar} of the screen`);
}

/** The household sheet (the tool, as a link opens it) within the page and its QR code and caption within the sheet. */
async function sheetFits(page, label) {
  await page.waitForSelector('.qr-box svg', { timeout: 20000 });
  const m = await page.evaluate(() => {
    const sheet = /** @type {HTMLElement} */ (document.querySelector('.sheet'));
    const style = getComputedStyle(sheet);
    const inner = sheet.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
    const caption = /** @type {HTMLElement} */ (document.querySelector('.qr-box figcaption'));
    return { page: [document.documentElement.scrollWidth, document.documentElement.clientWidth], inner,
      parts: [...document.querySelectorAll('.qr-box, .qr-box svg, .qr-box figcaption')].map((e) => e.getBoundingClientRect().right),
      caption: [caption.scrollWidth, caption.clientWidth, caption.textContent] };
  });
  assert.ok(m.page[0] <= m.page[1], `${label}: the page is ${m.page[0]} px wide in ${m.page[1]}`);
  for (const right of m.parts) assert.ok(right <= m.inner + 0.5, `${label}: the QR code's box reaches ${right}, the sheet ends at ${m.inner}`);
  assert.ok(m.caption[0] <= m.caption[1] && m.caption[2].length > 0, `${label}: the caption is cut`);
}

test('200% text: nothing scrolls sideways, the amount whole, the buttons and the bar in proportion, the sheet within the screen', async () => {
  const { context, page } = await largeText(VIEWPORT);
  await ready(page);
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '32px');
  await fits(page, '200% text');
  await screenshot(page, 'layout-text200-top');
  await page.locator('#result').scrollIntoViewIfNeeded();
  await screenshot(page, 'layout-text200-result', '#result');
  await ready(page, `${CASE}&v=sheet`);
  await sheetFits(page, '200% text');
  await screenshot(page, 'layout-text200-sheet', '.sheet-head');
  await context.close();
});

test('200% zoom: nothing scrolls sideways, the amount whole, the buttons and the bar in proportion, the sheet within the screen', async () => {
  // The browser's zoom at 200% halves the CSS pixels across the screen and doubles the device's per CSS pixel.
  const zoomed = { width: VIEWPORT.width / 2, height: VIEWPORT.height / 2 };
  const { context, page } = await openPage(env.browser, zoomed, { deviceScaleFactor: 2, serviceWorkers: 'block' });
  await ready(page);
  await fits(page, '200% zoom');
  await screenshot(page, 'layout-zoom200');
  await view(page, 'layout-zoom200-view');
  await ready(page, `${CASE}&v=sheet`);
  await sheetFits(page, '200% zoom');
  await screenshot(page, 'layout-zoom200-sheet', '.sheet-head');
  await context.close();
});

test('the household sheet: its QR code and caption within the sheet, on screen and printed', async () => {
  const { context, page } = await openPage(env.browser, VIEWPORT, { serviceWorkers: 'block' });
  await ready(page, `${CASE}&v=sheet`);
  await sheetFits(page, 'sheet');
  await screenshot(page, 'layout-sheet', '.sheet-head');
  await page.emulateMedia({ media: 'print' });
  await sheetFits(page, 'printed sheet');
  await screenshot(page, 'layout-sheet-print', '.sheet-head');
  await context.close();
});

/** Whether the amount left to pay, `amount`, is in full view: in the result or in the bar that follows the form. */
const amountInView = (page, amount) => page.evaluate((text) => ['out-of-pocket', 'sticky-pay'].some((id) => {
  const el = document.getElementById(id);
  const box = el?.getBoundingClientRect();
  return Boolean(el && box && box.height > 0 && el.textContent?.includes(text) && box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth);
}), amount);

test('the amount stays in view while the last cost is typed', async () => {
  const { context, page } = await openPage(env.browser);
  await ready(page);
  await page.click('#section-outpatient summary');
  // The last cost box of the form, below the fold at either size.
  const last = await page.$$eval('#form input[inputmode="decimal"]', (boxes) => boxes.at(-1)?.id);
  assert.equal(last, 'op-out-of-policy-0');
  await page.focus('#op-compliant-0');
  await page.keyboard.type('1000');
  await page.focus(`#${last}`);
  // The box scrolled to the top of the screen: on a wide screen the form's end then pushes the result column up.
  await page.evaluate((id) => window.scrollTo(0, document.getElementById(id).getBoundingClientRect().top + window.scrollY - 20), last);
  const box = await page.locator(`#${last}`).boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= VIEWPORT.height, `${last} is out of sight`);
  await page.keyboard.type('200');
  // 1,000 of general outpatient care and 200 out of policy: more to pay than for the stay alone.
  await page.waitForFunction((before) => {
    const text = document.getElementById('out-of-pocket')?.textContent ?? before;
    return text !== before && /^¥[\d,]+\.\d{2}$/.test(text);
  }, AMOUNT);
  const amount = await page.textContent('#out-of-pocket');
  assert.match(amount ?? '', /^¥[\d,]+\.\d{2}$/);
  assert.equal(await focused(page), last);
  assert.ok(await amountInView(page, amount), `${amount} is out of view while ${last} is typed`);
  await view(page, 'layout-typing-view');
  await context.close();
});

test('12.000 is asked about at its field: twelve thousand or twelve', async () => {
  const { context, page } = await openPage(env.browser);
  await ready(page);
  await page.fill('#compliant-0', '');
  await page.focus('#compliant-0');
  await page.keyboard.type('12.000');
  await page.waitForSelector('#compliant-0[aria-invalid="true"]');
  assert.equal(await page.textContent('#compliant-0-msg'), '点后三位看不出是不是小数：12.000 是一万二千元还是十二元？请写 12000 或 12');
  assert.equal(await page.$('#out-of-pocket'), null, 'no amount is guessed');
  // Once the point is gone (twelve thousand meant), an amount again; the caret stayed at the end.
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('000');
  assert.equal(await page.inputValue('#compliant-0'), '12000');
  await page.waitForSelector('#out-of-pocket');
  await page.goto(`${env.url}${CASE}&lang=en`);
  await page.waitForSelector(READY);
  await page.fill('#compliant-0', '1.500');
  await page.waitForSelector('#compliant-0[aria-invalid="true"]');
  assert.equal(await page.textContent('#compliant-0-msg'), 'three digits after a point: is 12.000 twelve thousand or twelve? Type 12000 or 12');
  await screenshot(page, 'layout-ambiguous', '#form');
  await context.close();
});
