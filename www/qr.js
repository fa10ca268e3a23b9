// The QR code of a text (vendor/qrcode.mjs, npm qrcode-generator), for the
// household sheet (tools.js) and the picture (picture.js): loaded once, on use.
import { once } from './load.js';

/**
 * The QR code of `text`, error correction M, the smallest version it fits.
 * @param {string} text
 */
export async function qrMatrix(text) {
  const qrcode = (await once('vendor/qrcode.mjs', () => import('./vendor/qrcode.mjs'))).default;
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr;
}
