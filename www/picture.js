// The result as a picture to send in a WeChat group: the amount, each
// layer's payment, the stacked bar, the place and policy version, the date
// and the share link as a QR code, drawn on a canvas on the device (nothing
// is sent anywhere) with the system fonts. It is shown as an <img> (a data:
// URL), which WeChat's web-view saves or forwards on a long press (it cannot
// download files); other browsers also get a download link. Loaded on use.
import { t } from './messages.js';
import { $, barParts, colour, fen, h, outOfDate, percent, shareText, yuan } from './render.js';
import { qrMatrix } from './qr.js';
import { inputLines } from './share.js';
import { page } from './state.js';

/** The picture's width in CSS pixels; drawn at 2× at least (750 pixels, sharp where a chat shows it), at 3× on 3× screens. */
const WIDTH = 375;
const PAD = 20;
/** The QR code's side in CSS pixels (larger for a long link): big enough to scan off a phone's screen. */
const QR_SIDE = 116;

/** Makes the picture of the result in view and shows it under the share buttons, in place of an earlier one. */
export async function show() {
  const { current } = page;
  const { summary, request } = current;
  if (!summary || !request) return;
  const link = location.href;
  const qr = await qrMatrix(link);
  // Drawn again while the QR module loaded (the person typed on): that picture would be of nothing in view.
  if (page.current !== current) return;
  const { lang } = page.state;
  const lines = inputLines(summary, request);
  const url = draw(summary, lines, qr, lang).toDataURL('image/png');
  $('share-picture')?.remove();
  $('share-status').textContent = t(lang, 'pictureHint');
  $('share-status').after(h('figure', { id: 'share-picture', class: 'picture' },
    h('img', { src: url, width: WIDTH, alt: shareText(summary, lang, lines.slice(0, -1), link) }),
    /MicroMessenger/i.test(navigator.userAgent) ? null : h('a', { href: url, download: 'yibao.png' }, t(lang, 'pictureDownload'))));
}

const CJK = '\u2e80-\u9fff\uf900-\ufaff';
const OPENING = '（《“‘〔【';
const CLOSING = '）》”’〕】，。、：；！？';
/**
 * A piece a line may not be broken within: a Chinese character or a word,
 * with the punctuation that clings to it (a separator " · " to what it follows).
 */
const PIECE = new RegExp(`[${OPENING}]*(?:[${CJK}]|[^\\s${CJK}${OPENING}${CLOSING}]+)[${CLOSING}]*(?:\\s*·)?\\s*|\\S\\s*|\\s+`, 'g');

/**
 * `text` in lines no wider than `width` in the context's font; a last line
 * of one piece takes one more from the line before (no "准。" alone).
 * @param {CanvasRenderingContext2D} ctx
 * @param {string} text
 * @param {number} width
 */
function wrap(ctx, text, width) {
  /** @type {string[][]} */
  const lines = [[]];
  for (const piece of text.match(PIECE) ?? []) {
    const line = lines[lines.length - 1];
    if (line.length && ctx.measureText([...line, piece].join('').trimEnd()).width > width) lines.push([piece]);
    else line.push(piece);
  }
  const [before, last] = lines.slice(-2);
  if (last && last.length === 1 && before.length > 2) last.unshift(/** @type {string} */ (before.pop()));
  return lines.map((line) => line.join('').trim()).filter(Boolean);
}

/**
 * A rectangle with rounded corners as the context's path (arcTo: old WebViews have no roundRect).
 * @param {CanvasRenderingContext2D} ctx
 * @param {number} x
 * @param {number} y
 * @param {number} w
 * @param {number} h
 * @param {number} r
 */
function rounded(ctx, x, y, w, h, r) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/**
 * The picture on a new canvas. It is laid out first (each piece placed and
 * measured, its drawing kept for later), since the canvas's height, set
 * before anything is drawn, is where the layout ends.
 * @param {Estimate} estimate
 * @param {string[]} lines the inputs in words (inputLines): the policy, the person, each cost, the date
 * @param {{ getModuleCount(): number, isDark(row: number, col: number): boolean }} qr
 * @param {Lang} lang
 */
function draw(estimate, lines, qr, lang) {
  const style = getComputedStyle(document.documentElement);
  // The page's colours and fonts (app.css), so that the picture looks like the page.
  const [ink, muted, accent, rule, paper] = ['--ink', '--muted', '--accent', '--line', '--paper'].map((name) => style.getPropertyValue(name).trim());
  /** @type {(size: number, weight?: number) => string} */
  const font = (size, weight = 400) => `${weight} ${size}px ${style.fontFamily}`;
  const canvas = h('canvas');
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  /** @type {(() => void)[]} */
  const drawing = [];
  const right = WIDTH - PAD;
  let y = 0;

  /**
   * Text from `x`, wrapped to `width`, from y down, a line at a time.
   * @param {string} text
   * @param {{ size?: number, weight?: number, color?: string, x?: number, width?: number }} [how]
   */
  const write = (text, { size = 14, weight = 400, color = ink, x = PAD, width = right - x } = {}) => {
    ctx.font = font(size, weight);
    for (const line of wrap(ctx, text, width)) {
      const middle = y + size * 0.75;
      drawing.push(() => {
        ctx.font = font(size, weight);
        ctx.fillStyle = color;
        ctx.textAlign = 'left';
        ctx.fillText(line, x, middle);
      });
      y += size * 1.5;
    }
  };
  /** @type {(top: number) => void} */
  const hairline = (top) => {
    drawing.push(() => {
      ctx.fillStyle = rule;
      ctx.fillRect(PAD, top, right - PAD, 1);
    });
  };

  // The title on a band of the page's colour.
  drawing.push(() => {
    ctx.fillStyle = accent;
    ctx.fillRect(0, 0, WIDTH, 48);
  });
  y = 10;
  write(t(lang, 'title'), { size: 19, weight: 700, color: paper });
  // Where, which rules, who.
  y = 64;
  write(lines[0], { size: 15, weight: 700 });
  write(lines[1], { color: muted });
  y += 12;

  // The amount to pay, and that it is an estimate.
  write(t(lang, 'youPay'), { size: 15 });
  const amount = `¥${yuan(estimate.out_of_pocket.total)}`;
  const note = t(lang, 'forReference');
  ctx.font = font(40, 700);
  // Smaller where a very large amount would not fit in 40 px.
  const amountSize = Math.min(40, Math.floor((40 * (right - PAD)) / ctx.measureText(amount).width));
  ctx.font = font(amountSize, 700);
  const amountWidth = ctx.measureText(amount).width;
  ctx.font = font(13, 700);
  const noteWidth = ctx.measureText(note).width + 16;
  const beside = PAD + amountWidth + 12 + noteWidth <= right;
  const amountMiddle = y + 28;
  drawing.push(() => {
    ctx.font = font(amountSize, 700);
    ctx.fillStyle = accent;
    ctx.textAlign = 'left';
    ctx.fillText(amount, PAD, amountMiddle);
  });
  y += 56;
  const noteX = beside ? PAD + amountWidth + 12 : PAD;
  const noteMiddle = beside ? amountMiddle + 4 : y + 12;
  drawing.push(() => {
    rounded(ctx, noteX, noteMiddle - 12, noteWidth, 24, 12);
    ctx.strokeStyle = accent;
    ctx.lineWidth = 1;
    ctx.stroke();
    ctx.font = font(13, 700);
    ctx.fillStyle = accent;
    ctx.textAlign = 'left';
    ctx.fillText(note, noteX + 8, noteMiddle);
  });
  if (!beside) y += 30;
  write(t(lang, 'ratio', { ratio: percent(estimate.effective_ratio) }), { color: muted });
  y += 8;

  // The stacked bar, as the page draws it.
  const barTop = y;
  drawing.push(() => {
    ctx.save();
    rounded(ctx, PAD, barTop, right - PAD, 20, 4);
    ctx.clip();
    let x = 0n;
    for (const part of barParts(estimate, lang)) {
      ctx.fillStyle = colour(part.id);
      ctx.fillRect(PAD + (Number(x) * (right - PAD)) / 1000, barTop, (Number(part.width) * (right - PAD)) / 1000, 20);
      x += part.width;
    }
    ctx.restore();
  });
  y += 32;

  // What each layer pays: the page's table, with the bar's colours.
  /**
   * One row: a name (wrapped before the amount), the amount at the right.
   * @param {string} name
   * @param {string} paid
   * @param {{ swatch?: string, weight?: number, size?: number, color?: string }} how
   */
  const row = (name, paid, { swatch, weight = 400, size = 15, color = ink }) => {
    ctx.font = font(size, weight);
    const paidWidth = ctx.measureText(paid).width;
    const top = y;
    y += 6;
    const x = swatch ? PAD + 18 : PAD;
    write(name, { size, weight, color, x, width: right - paidWidth - 16 - x });
    y += 6;
    const middle = top + 6 + size * 0.75;
    drawing.push(() => {
      if (swatch) {
        ctx.fillStyle = swatch;
        ctx.fillRect(PAD, middle - 5, 10, 10);
      }
      ctx.font = font(size, weight);
      ctx.fillStyle = color;
      ctx.textAlign = 'right';
      ctx.fillText(paid, right, middle);
    });
    hairline(y);
  };
  row(t(lang, 'layer'), t(lang, 'paid'), { size: 13, color: muted });
  row(t(lang, 'total'), yuan(estimate.total), { weight: 700 });
  for (const part of barParts(estimate, lang)) {
    const last = part.id === 'out_of_pocket';
    row(part.label, yuan(part.amount), { swatch: colour(part.id), weight: last ? 700 : 400, color: last || fen(part.amount) !== 0n ? ink : muted });
  }
  y += 12;

  // The costs it was worked out on.
  for (const line of lines.slice(2, -1)) {
    write(line, { size: 13, color: muted });
    y += 4;
  }
  y += 8;
  hairline(y);
  y += 16;

  // The link as a QR code, what it is for, the date, and that figures are assumed.
  // A module is whole device pixels, black on white (sharp, as a scanner wants
  // it), and 2.5 CSS pixels at least (a long link has many); the words go
  // beside the code where they have room (150 CSS pixels), else under it.
  const scale = Math.min(3, Math.max(2, Math.ceil(window.devicePixelRatio || 1)));
  const n = qr.getModuleCount();
  const module = Math.min(Math.max(Math.floor((QR_SIDE * scale) / n), Math.ceil(2.5 * scale)), Math.floor(((right - PAD) * scale) / n));
  const qrSide = (module * n) / scale;
  const qrTop = y;
  drawing.push(() => {
    const left = Math.round(PAD * scale);
    const top = Math.round(qrTop * scale);
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#000';
    for (let r = 0; r < n; r += 1) for (let c = 0; c < n; c += 1) if (qr.isDark(r, c)) ctx.fillRect(left + c * module, top + r * module, module, module);
    ctx.restore();
  });
  const under = right - (PAD + qrSide + 16) < 150;
  const textX = under ? PAD : PAD + qrSide + 16;
  y = under ? qrTop + qrSide + 12 : y + 4;
  write(t(lang, 'pictureScan'), { size: 15, weight: 700, x: textX });
  write(lines[lines.length - 1], { size: 13, color: muted, x: textX });
  const changed = outOfDate(estimate, lang);
  if (changed) write(changed, { size: 12, color: muted, x: textX });
  if (estimate.assumptions.length) write(t(lang, 'shareAssumed'), { size: 12, color: muted, x: textX });
  y = Math.max(y, qrTop + qrSide) + PAD;

  canvas.width = WIDTH * scale;
  canvas.height = Math.ceil(y * scale);
  ctx.scale(scale, scale);
  ctx.fillStyle = paper;
  ctx.fillRect(0, 0, WIDTH, y);
  ctx.textBaseline = 'middle';
  for (const step of drawing) step();
  return canvas;
}
