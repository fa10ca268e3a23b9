// The page's glue: load the wasm engine, then compute on every keystroke.
// All arithmetic happens in Rust; this file only moves text in and out.
import init, { parseAmount } from './pkg/yibao.js';

const $ = (id) => document.getElementById(id);
const LOAD_FAILED =
  '无法加载计算模块。请把微信或手机浏览器更新到最新版本，或点右上角“…”选择“在浏览器中打开”。';

// Streaming compilation first; some Android WebViews fail in
// instantiateStreaming even with the right MIME type, so fall back to bytes.
async function loadEngine() {
  if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available');
  const url = new URL('pkg/yibao_bg.wasm', import.meta.url);
  try {
    await init({ module_or_path: url });
  } catch (streamingError) {
    const response = await fetch(url);
    if (!response.ok) throw streamingError;
    await init({ module_or_path: await response.arrayBuffer() });
  }
}

function showAmount() {
  const input = $('compliant');
  const message = $('compliant-msg');
  const line = $('amount-line');
  if (input.value.trim() === '') {
    input.removeAttribute('aria-invalid');
    message.textContent = '';
    line.hidden = true;
    $('status').textContent = '请输入费用。';
    return;
  }
  try {
    const amount = parseAmount('compliant', input.value);
    input.removeAttribute('aria-invalid');
    message.textContent = '';
    $('status').textContent = '';
    $('amount').textContent = amount.display;
    line.hidden = false;
  } catch (error) {
    input.setAttribute('aria-invalid', 'true');
    message.textContent = error && error.message_zh ? error.message_zh : String(error);
    line.hidden = true;
  }
}

async function main() {
  const status = $('status');
  try {
    await loadEngine();
  } catch (error) {
    document.documentElement.dataset.engine = 'failed';
    status.textContent = LOAD_FAILED;
    status.classList.add('error');
    console.warn('yibao: wasm engine did not load:', error);
    return;
  }
  const input = $('compliant');
  input.disabled = false;
  input.addEventListener('input', showAmount);
  showAmount();
  document.documentElement.dataset.engine = 'ready';
}

main();
