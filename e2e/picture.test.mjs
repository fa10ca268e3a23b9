// The picture to send in WeChat (www/picture.js): a PNG drawn on the device,
// decoded here byte by byte, its bar measured against the amounts and its QR
// code read module by module against the page's link.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import qrcode from 'qrcode-generator';
import { SCREENSHOTS, VIEWPORT, openPage, screenshot, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser();

// page.test.mjs's COUNTY_STAY: Inner Mongolia 2020, registered poor, a county
// stay of 50,000 + 8,000: basic 42,075.00, out of pocket 9,098.56 of 58,000.00.
const COUNTY_STAY = '?p=inner_mongolia&s=resident&c=registered_poor&st=county~50000.00~8000.00';
const WECHAT = 'Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) '
  + 'Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F3B) '
  + 'WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
// app.css's --accent (the band, the amount, the basic layer) and render.js's out-of-pocket colour.
const BASIC = '0a6e4f';
const OUT_OF_POCKET = 'c0392b';

/**
 * A PNG's size and pixels (8-bit RGB or RGBA, not interlaced, as canvas.toDataURL writes it).
 * @param {Buffer} png
 */
function decodePng(png) {
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'the PNG signature');
  let width = 0;
  let height = 0;
  let channels = 0;
  const data = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const kind = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (kind === 'IHDR') {
      [width, height] = [body.readUInt32BE(0), body.readUInt32BE(4)];
      assert.equal(body[8], 8, 'bit depth');
      assert.equal(body[12], 0, 'not interlaced');
      channels = { 2: 3, 6: 4 }[body[9]];
      assert.ok(channels, `colour type ${body[9]}`);
    }
    if (kind === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const up = y ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i += 1) {
      const a = i >= channels ? out[i - channels] : 0;
      const b = up[i];
      const c = i >= channels ? up[i - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      out[i] = (line[i] + [0, a, b, (a + b) >> 1, paeth][filter]) & 255;
    }
  }
  /** The colour at (x, y) as 6 hex digits. */
  const at = (x, y) => pixels.subarray((y * width + x) * channels, (y * width + x) * channels + 3).toString('hex');
  return { width, height, at };
}

/**
 * Opens the page at `query`, makes the picture, and returns it decoded (and saved as `name`, if given).
 * @param {string} query
 * @param {string} [name]
 * @param {object} [options] more of the browser context's
 */
async function makePicture(query, name, options = {}) {
  const opened = await openPage(env.browser, VIEWPORT, { serviceWorkers: 'block', ...options });
  const { page, seen } = opened;
  await page.goto(env.url + query);
  await page.waitForSelector('html[data-engine="ready"]', { timeout: 15000 });
  const before = seen.requests.length;
  await page.click('#picture');
  await page.waitForSelector('#share-picture img');
  const src = await page.getAttribute('#share-picture img', 'src');
  assert.match(src, /^data:image\/png;base64,/);
  const png = Buffer.from(src.slice(src.indexOf(',') + 1), 'base64');
  if (name) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, `picture-${name}-${VIEWPORT.width}x${VIEWPORT.height}.png`), png);
  }
  return { ...opened, src, picture: decodePng(png), asked: seen.requests.slice(before) };
}

/**
 * The bar's parts, measured on the row through its middle: [colour, pixels] from left to right.
 * @param {ReturnType<typeof decodePng>} picture
 */
function barRow(picture) {
  const { width, height, at } = picture;
  const runs = (y) => {
    const list = [];
    for (let x = 0; x < width; x += 1) {
      const colour = at(x, y);
      if (list.length && list[list.length - 1][0] === colour) list[list.length - 1][1] += 1;
      else list.push([colour, 1]);
    }
    return list;
  };
  // Below the title's band (which starts at the left edge): the rows with a long run of the basic layer's colour.
  const rows = [];
  for (let y = 0; y < height; y += 1) {
    if (at(0, y) === 'ffffff' && runs(y).some(([colour, n]) => colour === BASIC && n > 300)) rows.push(y);
  }
  assert.ok(rows.length > 10, `the bar is ${rows.length} pixels high`);
  return runs(rows[Math.floor(rows.length / 2)]).filter(([colour]) => colour !== 'ffffff');
}

/**
 * The QR code of the picture (its black modules, in whole pixels each) compared module by module with the QR code of `link`.
 * @param {ReturnType<typeof decodePng>} picture
 * @param {string} link
 */
function assertQrOf(picture, link) {
  const { width, height, at } = picture;
  const expected = qrcode(0, 'M');
  expected.addData(link, 'Byte');
  expected.make();
  const n = expected.getModuleCount();
  // Only the QR code is pure black (the text is the page's ink, #1d2330): its bounds are the finder patterns'.
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (at(x, y) !== '000000') continue;
      [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
    }
  }
  const side = right - left + 1;
  assert.equal(bottom - top + 1, side, 'the QR code is square');
  assert.equal(side % n, 0, `a module is a whole number of pixels (${side} for ${n} modules)`);
  const module = side / n;
  assert.ok(module >= 5, `a module is ${module} pixels: too small to scan off a screen`);
  const wrong = [];
  for (let r = 0; r < n; r += 1) {
    for (let c = 0; c < n; c += 1) {
      const dark = at(left + c * module + Math.floor(module / 2), top + r * module + Math.floor(module / 2)) === '000000';
      if (dark !== expected.isDark(r, c)) wrong.push([r, c]);
    }
  }
  assert.deepEqual(wrong, [], 'modules that differ from the QR code of the link');
}

test('the picture: a PNG drawn on the device, the bar as the page shows it, the link as its QR code, nothing asked of anyone else', async () => {
  const { context, page, seen, src, picture, asked } = await makePicture(COUNTY_STAY, 'zh');
  // 375 CSS pixels drawn at 2× (the test's screens are 1×): what a chat shows sharp.
  assert.equal(picture.width, 750);
  assert.ok(picture.height > 1200 && picture.height < 2200, `${picture.height} pixels high`);
  // Not blank: the title's band, the white page, and the amount's colour and the layers' all there.
  assert.equal(picture.at(0, 0), BASIC);
  assert.equal(picture.at(picture.width - 1, picture.height - 1), 'ffffff');
  // The bar: basic 42,075.00 and out of pocket 9,098.56 of 58,000.00 (±1%).
  const bar = barRow(picture);
  const length = bar.reduce((sum, [, n]) => sum + n, 0);
  assert.ok(length > 650 && length <= 670, `the bar is ${length} pixels long`);
  const share = (colour) => bar.filter(([c]) => c === colour).reduce((sum, [, n]) => sum + n, 0) / length;
  assert.ok(Math.abs(share(BASIC) - 42075 / 58000) < 0.01, `basic: ${share(BASIC)}`);
  assert.ok(Math.abs(share(OUT_OF_POCKET) - 9098.56 / 58000) < 0.01, `out of pocket: ${share(OUT_OF_POCKET)}`);
  assertQrOf(picture, page.url());
  // Said beside it; its text for screen readers is the shared summary; a download outside WeChat.
  assert.equal(await page.textContent('#share-status'), '长按图片保存或发送给朋友');
  const alt = await page.getAttribute('#share-picture img', 'alt');
  assert.match(alt, /个人自付 9,098\.56 元/);
  assert.ok(alt.endsWith(page.url()), alt);
  assert.equal(await page.getAttribute('#share-picture a[download]', 'href'), src);
  assert.equal(await page.textContent('#share-picture a[download]'), '下载图片');
  // Only the picture's own modules were fetched for it, from the page's origin; no violation of the CSP.
  assert.deepEqual(asked.map((url) => new URL(url).pathname).sort(), ['/picture.js', '/qr.js', '/vendor/qrcode.mjs']);
  assert.deepEqual(seen.requests.filter((url) => !url.startsWith(env.url) && !url.startsWith('data:')), []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual([...seen.pageErrors, ...seen.consoleErrors, ...seen.failedResponses], []);
  await screenshot(page, 'picture-page', '#result');
  await context.close();
});

test('inside WeChat: no download (WeChat cannot), the long press said; at 3× the picture is 1,125 pixels wide and its QR code still whole', async () => {
  const { context, page, picture } = await makePicture(COUNTY_STAY, 'wechat-3x', { userAgent: WECHAT, deviceScaleFactor: 3 });
  assert.equal(picture.width, 1125);
  assertQrOf(picture, page.url());
  assert.equal(await page.textContent('#share-status'), '长按图片保存或发送给朋友');
  assert.equal(await page.locator('#share-picture a').count(), 0);
  assert.equal(await page.isVisible('#share-picture img'), true);
  await context.close();
});

test('in English, and a longer case: two stays and outpatient care', async () => {
  const query = `${COUNTY_STAY}_city~80000.00~5000.00&op=general~township~1200.00~0.00&lang=en`;
  const { context, page, picture } = await makePicture(query, 'en');
  assert.equal(await page.textContent('#picture'), 'Picture to send');
  assert.equal(await page.textContent('#share-status'), 'Long-press the picture to save it or send it to a friend');
  const alt = await page.getAttribute('#share-picture img', 'alt');
  assert.match(alt, /^\[Medical insurance estimate\] /);
  assert.match(alt, new RegExp(`Out of pocket ${(await page.textContent('#out-of-pocket')).slice(1).replace(/[.,]/g, '\\$&')} yuan`));
  assert.equal(picture.width, 750);
  assertQrOf(picture, page.url());
  await context.close();
});

test('the picture goes with the result it shows: a changed amount takes it away, and the next one has the new amount', async () => {
  const { context, page } = await makePicture(COUNTY_STAY);
  await page.fill('#compliant-0', '60000');
  await page.waitForFunction(() => document.getElementById('out-of-pocket')?.textContent !== '¥9,098.56');
  assert.equal(await page.locator('#share-picture').count(), 0);
  await page.click('#picture');
  await page.waitForSelector('#share-picture img');
  const amount = (await page.textContent('#out-of-pocket')).slice(1);
  assert.ok((await page.getAttribute('#share-picture img', 'alt')).includes(`个人自付 ${amount} 元`));
  await context.close();
});

test('when the QR module cannot be fetched (offline before any use), it says so, and the next tap tries again', async () => {
  const { context, page } = await openPage(env.browser, VIEWPORT, { serviceWorkers: 'block' });
  await page.route('**/vendor/qrcode.mjs', (route) => route.abort());
  await page.goto(env.url + COUNTY_STAY);
  await page.waitForSelector('html[data-engine="ready"]', { timeout: 15000 });
  await page.click('#picture');
  await page.waitForFunction(() => document.getElementById('share-status')?.textContent.includes('无法生成图片'));
  assert.equal(await page.locator('#share-picture').count(), 0);
  await page.unroute('**/vendor/qrcode.mjs');
  await page.click('#picture');
  await page.waitForSelector('#share-picture img');
  await context.close();
});

test('the picture is made offline too: its modules are kept (sw.js)', async () => {
  const { context, page } = await openPage(env.browser);
  await page.goto(env.url + COUNTY_STAY);
  await page.waitForSelector('html[data-engine="ready"]', { timeout: 15000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const modules = ['picture.js', 'qr.js', 'vendor/qrcode.mjs'];
  const kept = () => page.evaluate((paths) => Promise.all(paths.map((p) => caches.match(new URL(p, location.href).href)))
    .then((found) => found.map(Boolean)), modules);
  await page.click('#picture');
  await page.waitForSelector('#share-picture img');
  for (let tries = 0; !(await kept()).every(Boolean); tries += 1) {
    assert.ok(tries < 100, 'the service worker keeps the picture\'s modules once used');
    await page.waitForTimeout(100);
  }
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('#out-of-pocket', { timeout: 15000 });
  await page.click('#picture');
  await page.waitForSelector('#share-picture img');
  assert.match(await page.getAttribute('#share-picture img', 'alt'), /个人自付 9,098\.56 元/);
  await context.setOffline(false);
  await context.close();
});
