// The page's glue: load the engine and the policy catalogue, build the form,
// and recompute on every change. All arithmetic happens in Rust (wasm); this
// file moves text in and out, and keeps the whole state in the URL.
import init, { estimate, loadPolicies, parseAmount } from './pkg/yibao.js';
import { MESSAGES, t } from './messages.js';
import { isDate, readState, repeatedOverrides, unknownIds, versionOf, writeState } from './state.js';
import { figuresBox, fill, h, renderResult, renderSteps, shareText, yuan } from './render.js';

const $ = (id) => document.getElementById(id);
const here = (path) => new URL(path, import.meta.url);

let catalogue = [];
const loadedPolicies = new Set();
/** Each region's policy data as fetched, for the cadre's tools to load too. */
const policyData = new Map();
const state = readState(location.search);
if (state.embed) document.documentElement.dataset.embed = '1';
/** The last request that computed, and its explained estimate once asked for; or `blocked`: something is wrong. */
let current = { request: null, explained: null, blocked: false };
/** The replaced figure the engine refused last: { parameter ('' if the error names another figure), error }. */
let refused = null;
/** The version the user left for another, whose option names say what the new one lacks. */
let previous;
/** The replaced figures dropped on leaving a region or version: { key, figures: [[parameter, value]] }, said in the form. */
let cleared = null;

/** Our message in both languages, like the engine's errors (`en`: the values in English, when they differ). */
const both = (key, values, en = values) => ({ message_zh: t('zh', key, values), message_en: t('en', key, en) });
/**
 * Replaced figures the link leaves to the user (→ what is said at each), until
 * each is typed or restored: given more than once, or without a value (x=).
 */
const unsettled = new Map([
  ...[...repeatedOverrides(location.search)].map(([p, values]) => [p, both('repeated', { values: values.join('、') })]),
  ...state.withheld.map((p) => [p, both('withheld')]),
]);
for (const p of state.withheld) state.overrides[p] = '';

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

/** The chosen policy and the version in force (null: an unknown region). */
function inForce() {
  const policy = state.policy === undefined ? catalogue[0] : catalogue.find((p) => p.id === state.policy);
  return policy ? { policy, version: versionOf(policy, isDate(state.date) ? state.date : '') } : null;
}

/**
 * The chosen policy and version (null: an unknown region). Missing ids get the
 * version's first; others it lacks (from a link, or kept from another region
 * or version) stay, to be said at their fields until the user chooses.
 */
function normalise() {
  const chosen = inForce();
  if (!chosen) return null;
  state.policy = chosen.policy.id;
  const { version } = chosen;
  const pick = (value, options) => (value || options[0].id);
  state.scheme = pick(state.scheme, version.schemes);
  state.category = pick(state.category, version.categories);
  if (state.stays.length === 0) state.stays = [{ level: '', compliant: '', outOfPolicy: '' }];
  for (const stay of state.stays) stay.level = pick(stay.level, version.levels);
  return chosen;
}

/**
 * Applies `changes` to the state. Under another region or version the
 * replaced figures, named after the old one's, are dropped (unless `changes`
 * gives new ones), and the form says which.
 */
function moveTo(changes) {
  const left = inForce();
  Object.assign(state, changes);
  const reached = inForce();
  const given = Object.hasOwn(changes, 'overrides');
  // Nothing is computed under a day that does not exist: no move yet.
  const moved = reached?.version !== left?.version && (state.date === '' || isDate(state.date));
  if (moved) {
    previous = left?.version;
    const figures = given ? [] : Object.entries(state.overrides);
    cleared = figures.length ? { key: reached?.policy === left?.policy ? 'clearedVersion' : 'clearedRegion', figures } : null;
    if (figures.length) state.overrides = {};
  }
  if (moved || given) {
    unsettled.clear();
    refused = null;
  }
}

function field(id, labelKey, control, helpKey) {
  const lang = state.lang;
  return h('div', { class: 'field' },
    h('label', { for: id }, t(lang, labelKey)),
    control,
    helpKey ? h('p', { class: 'help', id: `${id}-help` }, t(lang, helpKey)) : null,
    h('p', { class: 'field-msg', id: `${id}-msg` }));
}

/** A select; a value it lacks (from a link) shows as "choose…". */
function select(id, options, value, describedBy = `${id}-msg`) {
  const offered = options.some((o) => o.id === value);
  return h('select', { id, name: id, 'aria-describedby': describedBy },
    offered ? null : h('option', { value: '', selected: true }, t(state.lang, 'choose')),
    options.map((o) => h('option', { value: o.id, selected: o.id === value }, o.label)));
}

function amountInput(id, value, helpKey) {
  return h('input', { id, name: id, type: 'text', inputmode: 'decimal', autocomplete: 'off', value,
    placeholder: helpKey === 'compliantHelp' ? '12000' : '0', 'aria-describedby': `${id}-help ${id}-msg` });
}

/** A category's explanation (own properties only: the id may come from a link). */
function categoryHelp(id) {
  const help = MESSAGES[state.lang].categories;
  return Object.hasOwn(help, id) ? help[id] : '';
}

/** Builds the whole form from the state and the chosen policy version (update() fills in the category's help). */
function buildForm() {
  const lang = state.lang;
  const version = normalise()?.version;
  const name = (x) => (lang === 'en' ? x.name_en : x.name_zh);
  const province = (p) => (lang === 'en' ? p.province_en : p.province_zh);
  const policySelect = h('select', { id: 'policy', name: 'policy', 'aria-describedby': 'policy-msg' },
    version ? null : h('option', { value: '', selected: true }, t(lang, 'choose')),
    [...new Set(catalogue.map(province))].map((group) => h('optgroup', { label: group }, catalogue
      .filter((p) => province(p) === group)
      .map((p) => h('option', { value: p.id, selected: p.id === state.policy },
        `${name(p)}（${p.versions.map((v) => v.label).join('、')}）`)))));
  const stays = version && state.stays.map((stay, i) => h('fieldset', { class: 'stay' },
    h('legend', {}, t(lang, 'stay', { n: i + 1 })),
    field(`level-${i}`, 'level', select(`level-${i}`, version.levels.map((l) => ({ id: l.id, label: name(l) })), stay.level)),
    field(`compliant-${i}`, 'compliant', amountInput(`compliant-${i}`, stay.compliantText ?? stay.compliant, 'compliantHelp'), i === 0 ? 'compliantHelp' : null),
    field(`out-of-policy-${i}`, 'outOfPolicy', amountInput(`out-of-policy-${i}`, stay.outOfPolicyText ?? stay.outOfPolicy, 'outOfPolicyHelp'), i === 0 ? 'outOfPolicyHelp' : null),
    state.stays.length > 1
      ? h('button', { type: 'button', class: 'link', onclick: () => { state.stays.splice(i, 1); buildForm(); update(); } }, t(lang, 'removeStay'))
      : null));
  fill($('form'),
    field('policy', 'policy', policySelect),
    // The browser empties an impossible date; its message says what the link had.
    field('date', 'date', h('input', { id: 'date', name: 'date', type: 'date', value: state.date, 'aria-describedby': 'date-help date-msg' }), 'dateHelp'),
    cleared && h('p', { class: 'notice', role: 'status' }, t(lang, cleared.key,
      { figures: cleared.figures.map(([p, v]) => (v ? `${p} = ${v}` : p)).join('、') })),
    // Nothing else to choose until the region is known.
    version ? [
      field('scheme', 'scheme', select('scheme', version.schemes.map((s) => ({ id: s.id, label: name(s) })), state.scheme)),
      h('div', { class: 'field' },
        h('label', { for: 'category' }, t(lang, 'category')),
        select('category', version.categories.map((c) => ({ id: c.id, label: name(c) })), state.category, 'category-help category-msg'),
        h('p', { class: 'help', id: 'category-help' }),
        h('p', { class: 'field-msg', id: 'category-msg' })),
      version.uses_age
        ? field('age', 'age', h('input', { id: 'age', name: 'age', type: 'text', inputmode: 'numeric', autocomplete: 'off', value: state.age, 'aria-describedby': 'age-help age-msg' }), 'ageHelp')
        : null,
      h('h2', {}, t(lang, 'stays')),
      ...stays,
      h('button', { type: 'button', id: 'add-stay', class: 'secondary', onclick: addStay }, t(lang, 'addStay')),
    ] : null,
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
/** Nothing said, nor still to be: no amount is in view, or the sentence was in the other language. */
function silence() {
  clearTimeout(announceTimer);
  $('announce').textContent = '';
}
function announce(result) {
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    $('announce').textContent = `${t(state.lang, 'youPay')} ${result.out_of_pocket.total} ${t(state.lang, 'yuan')}`;
  }, 600);
}

const inLang = (error) => (state.lang === 'en' ? error.message_en : error.message_zh);

/** Shows (or, without error, clears) a field's message; false if there is no such field. */
function fieldMessage(id, error) {
  const input = $(id);
  const msg = $(`${id}-msg`);
  if (!input || !msg) return false;
  msg.textContent = error ? inLang(error) : '';
  if (error) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  return true;
}

/** The form's id of a field: stays[1].outOfPolicy, admissions[1].out_of_policy → out-of-policy-1. */
function formId(field) {
  const stay = /^(?:admissions|stays)\[(\d+)\]\.(\w+)$/.exec(field);
  return stay ? `${/^out/.test(stay[2]) ? 'out-of-policy' : stay[2]}-${stay[1]}` : field;
}

function status(text, isError) {
  $('status').textContent = text;
  $('status').classList.toggle('error', Boolean(isError));
}

/**
 * Keeps the URL in step. A refused or unsettled figure (every replaced figure
 * if the refusal names none) gives the link its name (x=), never its value.
 */
function saveState() {
  const withheld = (p) => unsettled.has(p) || (refused && (refused.parameter === '' || p === refused.parameter));
  const figures = Object.entries(state.overrides);
  history.replaceState(null, '', writeState({ ...state, overrides: Object.fromEntries(figures.filter(([p]) => !withheld(p))),
    withheld: figures.filter(([p]) => withheld(p)).map(([p]) => p) }));
}

/** What is said at each replaced figure: refused, unsettled, or not used. */
function figureNotes(result) {
  const notes = new Map();
  for (const u of result?.unused_overrides ?? []) notes.set(u.parameter, { note: inLang(u) });
  for (const [parameter, error] of unsettled) notes.set(parameter, { error: inLang(error) });
  if (refused?.parameter) notes.set(refused.parameter, { error: inLang(refused.error) });
  return notes;
}

/** Redraws the result; the figure's box being typed in stays as it is (text, caret, focus), with its new message. */
function showEstimate(draw) {
  const typing = document.activeElement?.matches('input.override') ? document.activeElement : null;
  draw();
  const fresh = typing && $('estimate').querySelector(`input.override[data-param="${CSS.escape(typing.dataset.param)}"]`);
  if (!fresh) return;
  for (const name of ['aria-invalid', 'aria-describedby']) {
    if (fresh.hasAttribute(name)) typing.setAttribute(name, fresh.getAttribute(name));
    else typing.removeAttribute(name);
  }
  fresh.replaceWith(typing);
  typing.focus();
}

/**
 * Reads the form, recomputes (summary mode) and redraws; no amount while
 * anything is wrong. Returns what stopped it, named as in a host message, or null.
 */
function update() {
  const lang = state.lang;
  const wrong = [];
  const say = (field, error) => {
    wrong.push({ field: `state.${field}`, message_zh: error.message_zh, message_en: error.message_en });
    return fieldMessage(formId(field), error);
  };
  let complete = Boolean($('scheme'));
  if (complete) {
    // "choose…" (empty) keeps the id it stands for, to be said.
    state.scheme = $('scheme').value || state.scheme;
    state.category = $('category').value || state.category;
    state.age = $('age') ? $('age').value.trim() : '';
    $('category-help').textContent = categoryHelp($('category').value);
    // What was typed stays in the form; the URL and the request get the normalised amounts.
    state.stays = state.stays.map((stay, i) => {
      // The normalised decimal text, '0' for an empty optional field, or null.
      const amount = (id, optional) => {
        const text = $(id).value;
        fieldMessage(id);
        if (optional && text.trim() === '') return '0';
        // Empty and never typed in: no complaint yet, the status says what to do.
        if (text.trim() === '' && !touched.has(id)) return null;
        try {
          return parseAmount(id, text).value;
        } catch (error) {
          say(`stays[${i}].${optional ? 'outOfPolicy' : 'compliant'}`, error);
          return null;
        }
      };
      const compliant = amount(`compliant-${i}`, false);
      const outOfPolicy = amount(`out-of-policy-${i}`, true);
      if (compliant === null || outOfPolicy === null) complete = false;
      fieldMessage(`level-${i}`);
      return { level: $(`level-${i}`).value || stay.level, compliant: compliant ?? '', outOfPolicy: outOfPolicy ?? '',
        compliantText: $(`compliant-${i}`).value, outOfPolicyText: $(`out-of-policy-${i}`).value };
    });
  }
  for (const id of ['policy', 'date', 'scheme', 'category', 'age']) fieldMessage(id);
  const unknown = unknownIds(state, catalogue, previous);
  for (const [field, key, value, option] of unknown) {
    say(field, both(key, { value: option?.name_zh ?? value }, { value: option?.name_en ?? value }));
  }
  // The age and the replaced figures are checked by the engine whatever the
  // amounts (zero stands in for one missing or wrong); unsettled figures wait.
  let request = null;
  let result = null;
  let unsaid = '';
  if ($('scheme') && !unknown.length) {
    request = {
      policy: state.policy,
      date: state.date || null,
      scheme: state.scheme,
      category: state.category,
      // As typed: the engine reads 12, 12岁, １２.
      age: state.age || null,
      admissions: state.stays.map((s) => ({ level: s.level, compliant: s.compliant || '0', out_of_policy: s.outOfPolicy || '0' })),
      overrides: Object.fromEntries(Object.entries(state.overrides).filter(([p]) => !unsettled.has(p))),
    };
    refused = null;
    try {
      result = estimate({ ...request, explain: false });
    } catch (error) {
      const field = String(error?.field ?? '').replace(/^admissions\[/, 'stays[').replace(/out_of_policy$/, 'outOfPolicy');
      const parameter = /^overrides\.(.*)/.exec(field)?.[1];
      if (parameter) refused = { parameter: Object.hasOwn(state.overrides, parameter) ? parameter : '', error };
      if (!say(field, error) && !parameter) unsaid = inLang(error) || String(error);
    }
  }
  if (wrong.length || unsettled.size || !complete || !result) {
    const fields = wrong.some((w) => !w.field.startsWith('state.overrides.'));
    const figures = refused || unsettled.size;
    status(unsaid || t(lang, fields ? 'fixFields' : figures ? 'fixFigure' : 'enterCost'), Boolean(unsaid || fields || figures));
    const [first] = unsettled;
    return nothing(wrong[0] ?? (first && { field: `state.overrides.${first[0]}`, ...first[1] }));
  }
  current = { request, explained: null, summary: result };
  status('');
  saveState();
  tellHost(result);
  announce(result);
  $('sticky-pay').textContent = `${t(lang, 'youPay')} ¥${yuan(result.out_of_pocket.total)} ›`;
  $('sticky-pay').hidden = false;
  showEstimate(() => renderResult($('estimate'), result, lang, inputLines(), explain,
    figuresBox(result.assumptions, lang, state.overrides, figureNotes(result))));
  refreshTool();
  return null;
}

/** No amount; the replaced figures only if one is the trouble, to correct or restore it. */
function nothing(problem) {
  current = { request: null, explained: null, blocked: Boolean(problem) };
  $('sticky-pay').hidden = true;
  // Nor is an earlier amount still to be heard.
  silence();
  saveState();
  const general = refused && !refused.parameter
    ? t(state.lang, 'conflict', { parameter: String(refused.error.field).replace(/^overrides\./, ''), message: inLang(refused.error) }) : '';
  showEstimate(() => fill($('estimate'), refused || unsettled.size
    ? figuresBox([], state.lang, state.overrides, figureNotes(null), general) : null));
  refreshTool();
  return problem ?? null;
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
  return { state, catalogue, request: current.request, summary: current.summary, blocked: current.blocked, container: $('tool'),
    lang: state.lang, policyBytes, startWasm, versionOf, inputLines, saveState };
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
  saveState();
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

/**
 * A figure typed into its box replaces the policy's as it is typed (once an
 * input method has composed it; Enter confirms one the link repeats), or goes back.
 */
function changeFigure(event) {
  const { restore, param } = event.target.dataset ?? {};
  const typed = { input: !event.isComposing, compositionend: true, keydown: event.key === 'Enter' }[event.type];
  if (restore !== undefined && event.type === 'click') {
    delete state.overrides[restore];
  } else if (param !== undefined && typed) {
    state.overrides[param] = event.target.value.trim();
  } else {
    return;
  }
  unsettled.delete(restore ?? param);
  if (refused?.parameter === (restore ?? param)) refused = null;
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
// estimate } after every estimate, or yibao:error; inside a WeChat
// mini-program web-view the brief estimate also goes to
// wx.miniProgram.postMessage, which WeChat hands to the mini-program only
// when the user leaves or shares the page.
const framed = window.parent !== window;
const known = (origin) => (origin === 'null' ? null : origin);
/** The framing page's origin, the only one posted to: the referrer's, else the first yibao:set's. */
let hostOrigin = framed && document.referrer ? known(new URL(document.referrer).origin) : null;
let pageReady;
/** Host messages are applied one at a time, in order, once the engine and the form are ready. */
let hostTurn = new Promise((resolve) => { pageReady = resolve; });
let hostModule;
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

function toHost(message) {
  if (state.embed && framed && hostOrigin) window.parent.postMessage(message, hostOrigin);
}

function tellHost(result) {
  if (!state.embed) return;
  toHost({ type: 'yibao:result', estimate: brief(result) });
  if (inMiniProgram) loadWeixin().then(() => window.wx?.miniProgram?.postMessage({ data: brief(result) }), () => {});
}

/** A yibao:set from the parent window (and from the host's origin, once known). */
function hostMessage(event) {
  if (!state.embed || !framed || event.source !== window.parent || event.data?.type !== 'yibao:set') return;
  hostOrigin ??= known(event.origin);
  if (event.origin !== hostOrigin) return;
  hostTurn = hostTurn.then(() => setFromHost(event.data.state));
}

/** Applies a host's state once host.js has checked all of it; what cannot be computed is answered with yibao:error. */
async function setFromHost(given) {
  let next;
  try {
    hostModule ??= import('./host.js');
    const checked = (await hostModule).hostState(given, state, catalogue);
    if (checked.error) return toHost({ type: 'yibao:error', ...checked.error });
    next = checked.state;
    await ensurePolicy(next.policy);
  } catch {
    hostModule = undefined;
    return toHost({ type: 'yibao:error', field: 'state', ...both('dataFailed') });
  }
  // Replaced figures not given are kept, or dropped under another region or version.
  if (!Object.hasOwn(given, 'overrides')) delete next.overrides;
  moveTo(next);
  if (Object.hasOwn(given, 'stays')) state.stays.forEach((_, i) => touched.add(`compliant-${i}`));
  translateStatic();
  buildForm();
  const problem = update();
  if (problem) toHost({ type: 'yibao:error', ...problem });
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
  silence();
  if (!state.embed) renderTabs();
}

/** Stops with a message: the page cannot compute. */
function fail(key, error) {
  document.documentElement.dataset.engine = 'failed';
  status(t(state.lang, key), true);
  console.warn('yibao: could not start:', error);
}

// Listening at once: a host without a referrer may send yibao:set on the frame's load.
window.addEventListener('message', hostMessage);

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
    const chosen = normalise();
    if (chosen) await ensurePolicy(chosen.policy.id);
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
      // "choose…" keeps the value it stands for; an empty date means the latest rules.
      if (e.target.value || e.target.id === 'date') moveTo({ [e.target.id]: e.target.value });
      try {
        if (normalise()) await ensurePolicy(state.policy);
      } catch {
        status(t(state.lang, 'dataFailed'), true);
        return;
      }
      buildForm();
      update();
    }
  });
  for (const type of ['input', 'compositionend', 'keydown']) $('estimate').addEventListener(type, changeFigure);
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
  toHost({ type: 'yibao:ready' });
  update();
  document.documentElement.dataset.engine = 'ready';
  pageReady();
  // Keep the app for offline use; where a browser refuses (an insecure origin), it simply runs online.
  navigator.serviceWorker?.register(here('sw.js')).catch((error) => console.warn('yibao: offline use unavailable:', error));
}

main();
