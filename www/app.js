// The page's entry: start the engine and load the policy catalogue, then
// build the form and recompute on every change. All arithmetic happens in
// Rust (wasm); the page moves text in and out and keeps the whole state in
// the URL. The modules, by concern:
//   state.js    the state (`page`) and the link      form.js     the form
//   result.js   estimating and drawing the result    render.js   drawing
//   share.js    sharing and printing                 tabs.js     the cadre's tools (tools.js)
//   picture.js  the picture to send (on use)         qr.js       QR codes (on use)
//   embed.js    a host page and WeChat (?embed=1)    load.js     loading, each thing once
//   messages.js every text, and the language helpers
// index.html names the first view's modules (modulepreload), so that a slow
// network fetches them all at once with this one: a new one goes there too.
import { addOutpatient, addStay, buildForm } from './form.js';
import { fetchOnce, startEngine, withPolicies } from './load.js';
import { english, t } from './messages.js';
import init, * as engine from './pkg/yibao.js';
import { $, refocus } from './render.js';
import { prepareToPrint, silence, status, update } from './result.js';
import { picture, printSheet, share } from './share.js';
import { moveTo, normalise, page, readState, startState } from './state.js';
import { openTool, refreshTool, renderTabs } from './tabs.js';

const languages = navigator.languages ?? [];

/** The page's own texts in its language: also while the engine loads, or when it cannot. */
function translatePage() {
  const lang = page.state.lang;
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.title = t(lang, 'title');
  for (const el of document.querySelectorAll('[data-i18n]')) {
    el.textContent = t(lang, /** @type {import('./messages.js').MessageKey} */ (/** @type {HTMLElement} */ (el).dataset.i18n));
  }
}

/** Everything that is not the form or the result in the page's language, with the language button and the tools. */
function translateStatic() {
  const lang = page.state.lang;
  translatePage();
  const button = $('language');
  button.textContent = t(lang, 'language');
  // The accessible name starts with the visible text (voice control users say what they see).
  button.setAttribute('aria-label', t(lang, 'pair', { label: t(lang, 'language'), text: t(lang, 'languageLabel') }));
  button.lang = lang === 'en' ? 'zh-CN' : 'en';
  button.hidden = false;
  silence();
  if (!page.state.embed) renderTabs();
}

/** The whole page drawn again (another language, or a host's state); what stopped the estimate. */
function redraw() {
  translateStatic();
  buildForm();
  return update();
}

/**
 * Stops with a message: the page cannot compute.
 * @param {'loadFailed' | 'dataFailed'} key
 * @param {unknown} error
 */
function fail(key, error) {
  document.documentElement.dataset.engine = 'failed';
  status(t(page.state.lang, key), true);
  console.warn('yibao: could not start:', error);
}

/**
 * A figure typed into its box replaces the policy's as it is typed (once an
 * input method has composed it; Enter confirms one the link repeats), a
 * figure's other reading is used with one tap (as a replaced figure), or the
 * policy's figure comes back.
 * @param {Event} event
 */
function changeFigure(event) {
  const target = /** @type {HTMLInputElement} */ (event.target);
  const { restore, apply, value, param } = target.dataset ?? {};
  const typed = { input: !(/** @type {InputEvent} */ (event)).isComposing, compositionend: true,
    keydown: (/** @type {KeyboardEvent} */ (event)).key === 'Enter' }[event.type];
  const clicked = event.type === 'click';
  const { state } = page;
  let parameter;
  if (restore !== undefined && clicked) {
    delete state.overrides[parameter = restore];
  } else if (apply !== undefined && value !== undefined && clicked) {
    state.overrides[parameter = apply] = value;
  } else if (param !== undefined && typed) {
    state.overrides[parameter = param] = target.value.trim();
  } else {
    return;
  }
  page.unsettled.delete(parameter);
  if (page.refused?.parameter === parameter) page.refused = null;
  update();
  // A tool's figures are drawn again a frame later: the focus goes to the figure's new button there.
  if (clicked && target.closest('#tool')) refreshTool().then(() => refocus($('tool'), parameter));
}

/**
 * The form built again (a cost added or removed, another kind of outpatient
 * care, which asks for other things), recomputed, and the field `focus` in focus.
 * @param {string} focus
 */
function rebuild(focus) {
  buildForm();
  update();
  $(focus)?.focus();
}

/**
 * Embedded (?embed=1): embed.js, loaded at once. A host without a referrer
 * may send yibao:set as soon as the frame loads, before embed.js is here
 * (even before the English texts are): such messages are kept for it from
 * the page's first moment, and handed over once the state is read.
 */
function startEmbed() {
  /** @type {MessageEvent[]} */
  const early = [];
  /** @param {MessageEvent} event */
  const keep = (event) => early.push(event);
  window.addEventListener('message', keep);
  const embed = import('./embed.js');
  return () => embed.then((module) => {
    window.removeEventListener('message', keep);
    return module.listen(early, redraw);
  });
}

async function main() {
  // The English texts before anything is drawn or said in English; an embedded
  // page answers its host in both languages, so it has them too. Without them
  // (offline on a first visit) the texts are the Chinese.
  const { lang, embed } = readState(location.search, languages);
  const listen = embed ? startEmbed() : null;
  if (lang === 'en' || embed) await english().catch((error) => console.warn('yibao: no English texts:', error));
  Object.assign(page, startState(location.search, languages));
  if (page.state.embed) document.documentElement.dataset.embed = '1';
  const host = listen ? listen() : null;
  host?.catch((error) => console.warn('yibao: host messages unavailable:', error));
  translatePage();
  status(t(page.state.lang, 'loading'));
  // The engine and the catalogue load side by side; each failure has its own message.
  const index = fetchOnce('policies/index.json', (r) => r.json());
  index.catch(() => {}); // reported below, once the engine has loaded
  try {
    await startEngine('pkg', init);
  } catch (error) {
    return fail('loadFailed', error);
  }
  try {
    page.catalogue = await index;
  } catch (error) {
    return fail('dataFailed', error);
  }
  translateStatic();
  try {
    const chosen = normalise();
    if (chosen) await withPolicies('pkg', engine, [chosen.policy.id]);
  } catch (error) {
    return fail('dataFailed', error);
  }
  buildForm();
  const form = $('form');
  form.addEventListener('input', (e) => {
    const { id } = /** @type {HTMLElement} */ (e.target);
    if (id.startsWith('compliant-')) page.touched.add(id);
    if (id !== 'province' && id !== 'policy' && id !== 'date') update();
  });
  form.addEventListener('change', async (e) => {
    const { id, value } = /** @type {HTMLInputElement} */ (e.target);
    // The input event has read the new kind into the state.
    if (id.startsWith('op-kind-')) rebuild(id);
    if (id === 'province' || id === 'policy' || id === 'date' || id === 'scheme') {
      // A province's value is its first policy. "choose…" keeps the value it stands for; an empty date means today.
      if (value || id === 'date') moveTo({ [id === 'province' ? 'policy' : id]: value });
      try {
        if (normalise()) await withPolicies('pkg', engine, [/** @type {string} */ (page.state.policy)]);
      } catch {
        status(t(page.state.lang, 'dataFailed'), true);
        return;
      }
      buildForm(/** @type {Element} */ (e.target));
      update();
    }
  });
  form.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target);
    const { stays, outpatient } = page.state;
    if (button.id === 'add-stay') {
      addStay();
      rebuild(`compliant-${stays.length - 1}`);
    } else if (button.id === 'add-outpatient') {
      addOutpatient();
      rebuild(`op-kind-${page.state.outpatient.length - 1}`);
    } else if (button.dataset.remove) {
      stays.splice(Number(button.dataset.remove), 1);
      rebuild('add-stay');
    } else if (button.dataset.removeOutpatient) {
      outpatient.splice(Number(button.dataset.removeOutpatient), 1);
      rebuild('add-outpatient');
    }
  });
  for (const type of ['input', 'compositionend', 'keydown']) $('estimate').addEventListener(type, changeFigure);
  $('estimate').addEventListener('click', (event) => {
    const { id } = /** @type {HTMLElement} */ (event.target);
    if (id === 'share') share();
    else if (id === 'picture') picture();
    else if (id === 'print') printSheet();
    else changeFigure(event);
  });
  $('tool').addEventListener('click', changeFigure);
  window.addEventListener('beforeprint', prepareToPrint);
  $('language').addEventListener('click', async () => {
    const lang = page.state.lang === 'en' ? 'zh' : 'en';
    try {
      if (lang === 'en') await english();
    } catch {
      status(t(page.state.lang, 'englishFailed'), true);
      return;
    }
    page.state.lang = lang;
    redraw();
  });
  $('tool-tabs').addEventListener('click', (event) => {
    const id = /** @type {HTMLElement} */ (event.target).closest('button')?.dataset.tool;
    if (id) openTool(id);
  });
  const embedded = host && await host.catch(() => null);
  embedded?.ready();
  update();
  document.documentElement.dataset.engine = 'ready';
  embedded?.open();
  // Keep the app for offline use; where a browser refuses (an insecure origin), it simply runs online.
  navigator.serviceWorker?.register(new URL('sw.js', import.meta.url)).then(keepToolsOffline)
    .catch((error) => console.warn('yibao: offline use unavailable:', error));
}

/**
 * The cadre's tools kept for offline use too (a village without signal),
 * fetched by sw.js once the device is idle, unless the connection saves data
 * (the user's data saver, or 2G) or the page is embedded (it has no tools).
 */
async function keepToolsOffline() {
  if (page.state.embed) return;
  const connection = /** @type {{ saveData?: boolean, effectiveType?: string } | undefined} */ (
    /** @type {any} */ (navigator).connection);
  if (connection?.saveData || /2g/.test(connection?.effectiveType || '')) return;
  const worker = (await navigator.serviceWorker.ready).active;
  const idle = window.requestIdleCallback || ((/** @type {() => void} */ then) => setTimeout(then, 3000));
  idle(() => worker?.postMessage('yibao:keep-tools'), { timeout: 30000 });
}

main();
