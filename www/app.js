// The page's glue: load the engine and the policy catalogue, build the form,
// and recompute on every change. All arithmetic happens in Rust (wasm); this
// file moves text in and out, and keeps the whole state in the URL.
import init, { estimate, loadPolicies, parseAmount } from './pkg/yibao.js';
import { MESSAGES, t } from './messages.js';
import { readState, writeState } from './state.js';
import { fill, h, renderResult, renderSteps, shareText, yuan } from './render.js';

const $ = (id) => document.getElementById(id);
const here = (path) => new URL(path, import.meta.url);

let catalogue = [];
const loadedPolicies = new Set();
/** Each region's policy data as fetched, for the cadre's tools to load too. */
const policyData = new Map();
let state = readState(location.search);
if (state.embed) document.documentElement.dataset.embed = '1';
/** The last request that computed, and its explained estimate once asked for. */
let current = { request: null, explained: null };

// Streaming compilation first; some Android WebViews fail in
// instantiateStreaming even with the right MIME type, so fall back to bytes.
async function startWasm(initModule, url) {
  if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available');
  try {
    await initModule({ module_or_path: url });
  } catch (streamingError) {
    const response = await fetch(url);
    if (!response.ok) throw streamingError;
    await initModule({ module_or_path: await response.arrayBuffer() });
  }
}

async function fetchOk(path) {
  const response = await fetch(here(path));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response;
}

/** A region's policy data, fetched once. */
function policyBytes(id) {
  if (!policyData.has(id)) {
    const bytes = fetchOk(`policies/${id}.bin`).then(async (r) => new Uint8Array(await r.arrayBuffer()));
    bytes.catch(() => policyData.delete(id));
    policyData.set(id, bytes);
  }
  return policyData.get(id);
}

/** Loads a region's policy data into the engine once. */
async function ensurePolicy(id) {
  if (loadedPolicies.has(id)) return;
  loadPolicies(await policyBytes(id));
  loadedPolicies.add(id);
}

/** The version in force on the state's date (the latest without one), as the engine picks it. */
function versionOf(policy, date) {
  const byDate = date && policy.versions.find((v) => v.valid_from <= date && date <= v.valid_to);
  return byDate || policy.versions.reduce((a, b) => (b.valid_from > a.valid_from ? b : a));
}

const pick = (value, options) => (options.some((o) => o.id === value) ? value : options[0].id);

/** Makes the state fit the chosen policy version (ids it does not have fall back to its first). */
function normalise() {
  const policy = catalogue.find((p) => p.id === state.policy) || catalogue[0];
  state.policy = policy.id;
  const version = versionOf(policy, state.date);
  state.scheme = pick(state.scheme, version.schemes);
  state.category = pick(state.category, version.categories);
  if (state.stays.length === 0) state.stays = [{ level: version.levels[0].id, compliant: '', outOfPolicy: '' }];
  for (const stay of state.stays) stay.level = pick(stay.level, version.levels);
  return { policy, version };
}

function field(id, labelKey, control, helpKey) {
  const lang = state.lang;
  return h('div', { class: 'field' },
    h('label', { for: id }, t(lang, labelKey)),
    control,
    helpKey ? h('p', { class: 'help', id: `${id}-help` }, t(lang, helpKey)) : null,
    h('p', { class: 'field-msg', id: `${id}-msg` }));
}

function select(id, options, value, describedBy) {
  return h('select', { id, name: id, 'aria-describedby': describedBy },
    options.map((o) => h('option', { value: o.id, selected: o.id === value }, o.label)));
}

function amountInput(id, value, helpKey) {
  return h('input', { id, name: id, type: 'text', inputmode: 'decimal', autocomplete: 'off', value,
    placeholder: helpKey === 'compliantHelp' ? '12000' : '0', 'aria-describedby': `${id}-help ${id}-msg` });
}

/** Builds the whole form from the state and the chosen policy version. */
function buildForm() {
  const lang = state.lang;
  const { version } = normalise();
  const name = (x) => (lang === 'en' ? x.name_en : x.name_zh);
  const provinces = [...new Set(catalogue.map((p) => (lang === 'en' ? p.province_en : p.province_zh)))];
  const policySelect = h('select', { id: 'policy', name: 'policy' }, provinces.map((province) =>
    h('optgroup', { label: province }, catalogue
      .filter((p) => (lang === 'en' ? p.province_en : p.province_zh) === province)
      .map((p) => h('option', { value: p.id, selected: p.id === state.policy },
        `${name(p)}（${p.versions.map((v) => v.label).join('、')}）`)))));
  const categoryHelp = MESSAGES[lang].categories[state.category] || '';
  const stays = state.stays.map((stay, i) => h('fieldset', { class: 'stay' },
    h('legend', {}, t(lang, 'stay', { n: i + 1 })),
    field(`level-${i}`, 'level', select(`level-${i}`, version.levels.map((l) => ({ id: l.id, label: name(l) })), stay.level)),
    field(`compliant-${i}`, 'compliant', amountInput(`compliant-${i}`, stay.compliantText ?? stay.compliant, 'compliantHelp'), i === 0 ? 'compliantHelp' : null),
    field(`out-of-policy-${i}`, 'outOfPolicy', amountInput(`out-of-policy-${i}`, stay.outOfPolicyText ?? stay.outOfPolicy, 'outOfPolicyHelp'), i === 0 ? 'outOfPolicyHelp' : null),
    state.stays.length > 1
      ? h('button', { type: 'button', class: 'link', onclick: () => { state.stays.splice(i, 1); buildForm(); update(); } }, t(lang, 'removeStay'))
      : null));
  fill($('form'),
    field('policy', 'policy', policySelect),
    field('date', 'date', h('input', { id: 'date', name: 'date', type: 'date', value: state.date, 'aria-describedby': 'date-help' }), 'dateHelp'),
    field('scheme', 'scheme', select('scheme', version.schemes.map((s) => ({ id: s.id, label: name(s) })), state.scheme)),
    h('div', { class: 'field' },
      h('label', { for: 'category' }, t(lang, 'category')),
      select('category', version.categories.map((c) => ({ id: c.id, label: name(c) })), state.category, 'category-help'),
      h('p', { class: 'help', id: 'category-help' }, categoryHelp)),
    version.uses_age
      ? field('age', 'age', h('input', { id: 'age', name: 'age', type: 'text', inputmode: 'numeric', autocomplete: 'off', value: state.age, 'aria-describedby': 'age-help age-msg' }), 'ageHelp')
      : null,
    h('h2', {}, t(lang, 'stays')),
    stays,
    h('button', { type: 'button', id: 'add-stay', class: 'secondary', onclick: addStay }, t(lang, 'addStay')),
    // On a phone the result is under the form: this line stays in sight while the form scrolls.
    h('a', { href: '#result', id: 'sticky-pay', class: 'sticky-pay', hidden: true }));
  $('form').hidden = false;
}

function addStay() {
  const last = state.stays[state.stays.length - 1];
  state.stays.push({ level: last.level, compliant: '', outOfPolicy: '' });
  buildForm();
  update();
  $(`compliant-${state.stays.length - 1}`).focus();
}

/** Amount fields the user has typed in (an empty one of these is an error, not a prompt). */
const touched = new Set();

/** Says the result in one short sentence for screen readers, once typing pauses. */
let announceTimer;
function announce(result) {
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    $('announce').textContent = `${t(state.lang, 'youPay')} ${result.out_of_pocket.total} ${t(state.lang, 'yuan')}`;
  }, 600);
}

/** Shows (or clears) the message of one field. */
function fieldMessage(id, message) {
  const input = $(id);
  const msg = $(`${id}-msg`);
  if (!input || !msg) return false;
  msg.textContent = message || '';
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  return true;
}

/** Reads an amount field; the normalised decimal text, or null with a message shown. */
function readAmount(id, optional) {
  const text = $(id).value;
  if (optional && text.trim() === '') {
    fieldMessage(id, '');
    return '0';
  }
  try {
    const amount = parseAmount(id, text);
    fieldMessage(id, '');
    return amount.value;
  } catch (error) {
    fieldMessage(id, state.lang === 'en' ? error.message_en : error.message_zh);
    return null;
  }
}

/** Where an engine error's field is shown: `admissions[1].compliant` → compliant-1. */
function fieldId(field) {
  const stay = field.match(/^admissions\[(\d+)\]\.(\w+)$/);
  if (stay) return `${stay[2] === 'out_of_policy' ? 'out-of-policy' : stay[2]}-${stay[1]}`;
  return field;
}

function status(text, isError) {
  $('status').textContent = text;
  $('status').classList.toggle('error', Boolean(isError));
}

/** Reads the form, recomputes (summary mode) and redraws; keeps the URL in step. */
function update() {
  const lang = state.lang;
  state.date = $('date').value;
  state.scheme = $('scheme').value;
  state.category = $('category').value;
  state.age = $('age') ? $('age').value.trim() : '';
  $('category-help').textContent = MESSAGES[lang].categories[state.category] || '';
  let complete = true;
  // What was typed stays in the form; the URL and the request get the normalised amounts.
  state.stays = state.stays.map((_, i) => {
    const compliantText = $(`compliant-${i}`).value;
    const outOfPolicyText = $(`out-of-policy-${i}`).value;
    // Empty and never typed in: no complaint yet, the status says what to do.
    const empty = compliantText.trim() === '' && !touched.has(`compliant-${i}`);
    if (empty) fieldMessage(`compliant-${i}`, '');
    const compliant = empty ? null : readAmount(`compliant-${i}`, false);
    const outOfPolicy = readAmount(`out-of-policy-${i}`, true);
    if (compliant === null || outOfPolicy === null) complete = false;
    return { level: $(`level-${i}`).value, compliant: compliant ?? '', outOfPolicy: outOfPolicy ?? '', compliantText, outOfPolicyText };
  });
  history.replaceState(null, '', writeState(state));
  if (!complete) {
    const anyError = document.querySelector('#form [aria-invalid="true"]');
    status(anyError ? t(lang, 'fixFields') : t(lang, 'enterCost'), Boolean(anyError));
    $('estimate').replaceChildren();
    $('sticky-pay').hidden = true;
    current = { request: null, explained: null };
    refreshTool();
    return;
  }
  const request = {
    policy: state.policy,
    date: state.date || null,
    scheme: state.scheme,
    category: state.category,
    age: state.age === '' ? null : (/^\d{1,3}$/.test(state.age) ? Number.parseInt(state.age, 10) : state.age),
    admissions: state.stays.map((s) => ({ level: s.level, compliant: s.compliant, out_of_policy: s.outOfPolicy })),
    overrides: Object.fromEntries(Object.entries(state.overrides).filter(([p]) => !refused.has(p))),
  };
  try {
    const result = estimate({ ...request, explain: false });
    if ($('age')) fieldMessage('age', '');
    current = { request, explained: null, summary: null };
    status('');
    current.summary = result;
    tellHost(result);
    announce(result);
    $('sticky-pay').textContent = `${t(lang, 'youPay')} ¥${yuan(result.out_of_pocket.total)} ›`;
    $('sticky-pay').hidden = false;
    renderResult($('estimate'), result, lang, state.overrides, inputLines(), explain);
    showRefused();
    refreshTool();
  } catch (error) {
    if (error?.field?.startsWith('overrides.')) return overrideError(error);
    const shown = error && error.field && fieldMessage(fieldId(error.field), lang === 'en' ? error.message_en : error.message_zh);
    status(shown ? t(lang, 'fixFields') : (error.message_zh || String(error)), true);
    $('estimate').replaceChildren();
    current = { request: null, explained: null };
    refreshTool();
  }
}

// The cadre's tools (tools.js, with the larger wasm module of pkg-cadre/)
// load only when one is opened; the open one is redrawn after every change.
const TOOLS = ['categories', 'curve', 'compare', 'year', 'sheet', 'batch', 'policies'];
let toolsModule;
let toolFrame = 0;

function renderTabs() {
  fill($('tool-tabs'), TOOLS.map((id) => h('button', { type: 'button', class: 'tab', 'data-tool': id,
    'aria-pressed': String(state.view === id) }, MESSAGES[state.lang].tools[id])));
  $('tools').hidden = false;
  document.documentElement.dataset.tool = state.view;
}

/** What the tools need of the page. */
function toolContext() {
  return { state, catalogue, request: current.request, summary: current.summary, container: $('tool'),
    lang: state.lang, policyBytes, startWasm, versionOf, inputLines, saveState: () => history.replaceState(null, '', writeState(state)) };
}

/** Draws the open tool (at most once a frame). Resolves once it is drawn. */
function refreshTool() {
  if (!state.view) return Promise.resolve();
  cancelAnimationFrame(toolFrame);
  return new Promise((resolve) => {
    toolFrame = requestAnimationFrame(async () => {
      try {
        toolsModule ??= import('./tools.js');
        await (await toolsModule).show(state.view, toolContext());
      } catch (error) {
        toolsModule = undefined;
        fill($('tool'), h('p', { class: 'status error' }, t(state.lang, 'toolsFailed')));
        console.warn('yibao: tool failed:', error);
      }
      resolve();
    });
  });
}

function openTool(id) {
  state.view = state.view === id ? '' : id;
  history.replaceState(null, '', writeState(state));
  renderTabs();
  if (!state.view) {
    $('tool').replaceChildren();
    delete $('tool').dataset.view;
  }
  return refreshTool();
}

/** The print button: the household sheet, then the browser's print dialog. */
async function printSheet() {
  if (state.view !== 'sheet') await openTool('sheet');
  $('tools').scrollIntoView();
  window.print();
}

/** Replaced figures the engine refused (parameter → message); left out until corrected. */
const refused = new Map();

/** A refused replacement: noted, and the estimate recomputed without it. */
function overrideError(error) {
  refused.set(error.field.slice('overrides.'.length), state.lang === 'en' ? error.message_en : error.message_zh);
  update();
}

/** Marks the refused replacements at their fields. */
function showRefused() {
  const messages = [];
  for (const [parameter, message] of refused) {
    document.querySelector(`input.override[data-param="${CSS.escape(parameter)}"]`)?.setAttribute('aria-invalid', 'true');
    messages.push(`${parameter}：${message}`);
  }
  if ($('overrides-msg')) $('overrides-msg').textContent = messages.join(' ');
}

/** A figure typed into the assumptions box replaces the policy's, or goes back to it. */
function changeFigure(event) {
  const restore = event.target.dataset?.restore;
  const parameter = event.target.dataset?.param;
  if (restore) {
    delete state.overrides[restore];
    refused.delete(restore);
  } else if (parameter && event.type === 'change') {
    state.overrides[parameter] = event.target.value.trim();
    refused.delete(parameter);
  } else {
    return;
  }
  update();
}

/** The inputs in words: for the printed sheet and the shared text. */
function inputLines() {
  const lang = state.lang;
  const policy = catalogue.find((p) => p.id === state.policy);
  const version = versionOf(policy, state.date);
  const name = (x) => (lang === 'en' ? x.name_en : x.name_zh);
  const named = (list, id) => name(list.find((x) => x.id === id) || { name_zh: id, name_en: id });
  const today = new Date().toISOString().slice(0, 10);
  return [
    `${name(policy)} · ${version.label}`,
    `${named(version.schemes, state.scheme)} · ${named(version.categories, state.category)}${state.age ? ` · ${t(lang, 'age')} ${state.age}` : ''}`,
    ...state.stays.map((s, i) => t(lang, 'stayLine', { n: i + 1, level: named(version.levels, s.level),
      compliant: s.compliant, outOfPolicy: s.outOfPolicy || '0' })),
    t(lang, 'printed', { date: today }),
  ];
}

/** Copies the plain-text summary; old WebViews without the clipboard API get a selected text box. */
async function share() {
  const text = shareText(current.summary, state.lang, inputLines().slice(0, -1), location.href);
  try {
    await navigator.clipboard.writeText(text);
    $('share-status').textContent = t(state.lang, 'copied');
  } catch {
    const box = h('textarea', { readonly: true, rows: '8', class: 'share-text', 'aria-label': t(state.lang, 'share') }, text);
    $('share-status').replaceChildren(t(state.lang, 'copyFailed'), box);
    box.select();
  }
}

// Embedding (docs/embed.md). A host page frames `index.html?embed=1&…`, may
// send { type: 'yibao:set', state } and receives { type: 'yibao:result',
// estimate } after every estimate; inside a WeChat mini-program web-view the
// brief estimate also goes to wx.miniProgram.postMessage, which WeChat hands
// to the mini-program only when the user leaves or shares the page.
const framed = window.parent !== window;
const hostOrigin = document.referrer ? new URL(document.referrer).origin : '*';
const inMiniProgram = window.__wxjs_environment === 'miniprogram' || /miniProgram/i.test(navigator.userAgent);
let weixin;

/** WeChat's JSSDK, served from this origin, loaded only inside a mini-program. */
function loadWeixin() {
  weixin ??= new Promise((resolve, reject) => {
    const script = h('script', { src: here('vendor/jweixin.js').href });
    script.addEventListener('load', resolve);
    script.addEventListener('error', reject);
    document.head.append(script);
  });
  return weixin;
}

/** The estimate in brief, for a host. */
function brief(result) {
  return {
    url: location.href,
    policy: result.policy,
    version: result.version,
    total: result.total,
    layers: result.layers.map((l) => ({ id: l.id, paid: l.paid })),
    out_of_pocket: result.out_of_pocket,
    effective_ratio: result.effective_ratio,
    assumptions: result.assumptions.map((a) => a.parameter),
  };
}

function tellHost(result) {
  if (!state.embed) return;
  if (framed) window.parent.postMessage({ type: 'yibao:result', estimate: brief(result) }, hostOrigin);
  if (inMiniProgram) loadWeixin().then(() => window.wx?.miniProgram?.postMessage({ data: brief(result) }), () => {});
}

/** A host's { type: 'yibao:set', state }: the same fields as the page's own state. */
async function setFromHost(event) {
  if (!state.embed || event.source !== window.parent || event.data?.type !== 'yibao:set') return;
  const given = event.data.state || {};
  for (const key of ['policy', 'date', 'scheme', 'category', 'age', 'lang']) {
    if (typeof given[key] === 'string') state[key] = given[key];
  }
  if (given.overrides && typeof given.overrides === 'object') state.overrides = { ...given.overrides };
  if (Array.isArray(given.stays) && given.stays.length) {
    state.stays = given.stays.slice(0, 100).map((s) => ({
      level: String(s.level ?? ''), compliant: '', outOfPolicy: '',
      compliantText: String(s.compliant ?? ''), outOfPolicyText: String(s.outOfPolicy ?? ''),
    }));
  }
  refused.clear();
  try {
    normalise();
    await ensurePolicy(state.policy);
  } catch {
    status(t(state.lang, 'dataFailed'), true);
    return;
  }
  translateStatic();
  buildForm();
  update();
}

/** Before printing, every layer's explanation is opened and filled. */
function prepareToPrint() {
  for (const details of document.querySelectorAll('details.explain')) {
    details.open = true;
    explain(details.dataset.layer, details);
  }
}

/** Fills one layer's explanation, computing the explained estimate once. */
function explain(layerId, details) {
  if (!current.request) return;
  current.explained ??= estimate(current.request);
  renderSteps(details.querySelector('.steps'), current.explained, layerId, state.lang);
}

function translateStatic() {
  const lang = state.lang;
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.title = t(lang, 'title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n);
  const button = $('language');
  button.textContent = t(lang, 'language');
  // The accessible name starts with the visible text (voice control users say what they see).
  button.setAttribute('aria-label', `${t(lang, 'language')}：${t(lang, 'languageLabel')}`);
  button.lang = lang === 'en' ? 'zh-CN' : 'en';
  button.hidden = false;
  if (!state.embed) renderTabs();
}

/** Stops with a message: the page cannot compute. */
function fail(key, error) {
  document.documentElement.dataset.engine = 'failed';
  status(t(state.lang, key), true);
  console.warn('yibao: could not start:', error);
}

async function main() {
  // The engine and the catalogue load side by side; each failure has its own message.
  const index = fetchOk('policies/index.json').then((r) => r.json());
  index.catch(() => {}); // reported below, once the engine has loaded
  try {
    await startWasm(init, here('pkg/yibao_bg.wasm'));
  } catch (error) {
    return fail('loadFailed', error);
  }
  try {
    catalogue = await index;
  } catch (error) {
    return fail('dataFailed', error);
  }
  translateStatic();
  try {
    normalise();
    await ensurePolicy(state.policy);
  } catch (error) {
    return fail('dataFailed', error);
  }
  buildForm();
  $('form').addEventListener('input', (e) => {
    if (e.target.id.startsWith('compliant-')) touched.add(e.target.id);
    if (e.target.id !== 'policy' && e.target.id !== 'date') update();
  });
  $('form').addEventListener('change', async (e) => {
    if (e.target.id === 'policy' || e.target.id === 'date' || e.target.id === 'scheme') {
      // Replaced figures are named by the old policy's parameters.
      if (e.target.id === 'policy') {
        state.overrides = {};
        refused.clear();
      }
      state.policy = $('policy').value;
      state.date = $('date').value;
      state.scheme = $('scheme').value;
      try {
        await ensurePolicy(state.policy);
      } catch {
        status(t(state.lang, 'dataFailed'), true);
        return;
      }
      buildForm();
      update();
    }
  });
  $('estimate').addEventListener('change', changeFigure);
  $('estimate').addEventListener('click', (event) => {
    if (event.target.id === 'share') share();
    else if (event.target.id === 'print') printSheet();
    else changeFigure(event);
  });
  window.addEventListener('beforeprint', prepareToPrint);
  $('language').addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'zh' : 'en';
    translateStatic();
    buildForm();
    update();
  });
  $('tool-tabs').addEventListener('click', (event) => {
    const id = event.target.closest('button')?.dataset.tool;
    if (id) openTool(id);
  });
  window.addEventListener('message', setFromHost);
  update();
  document.documentElement.dataset.engine = 'ready';
  if (state.embed && framed) window.parent.postMessage({ type: 'yibao:ready' }, hostOrigin);
  // Keep the app for offline use; where a browser refuses (an insecure origin), it simply runs online.
  navigator.serviceWorker?.register(here('sw.js')).catch((error) => console.warn('yibao: offline use unavailable:', error));
}

main();
