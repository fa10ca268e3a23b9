// The result: on every change the form is read, the engine estimates
// (summary mode) and the result is drawn, or, while anything is wrong, no
// amount at all; what is said in the status line and to screen readers.
import { fullEngine, fullReady } from './load.js';
import { estimate, parseAmount } from './pkg/yibao.js';
import { MESSAGES, both, local, t } from './messages.js';
import { care, fieldMessage, formId, readForm, stateField } from './form.js';
import { $, figuresBox, fill, h, refocus, renderResult, renderSteps, yuan } from './render.js';
import { inputLines } from './share.js';
import { page, saveState, today, unknownIds, versionOf } from './state.js';
import { refreshTool } from './tabs.js';

/**
 * The status line under the form.
 * @param {string} text
 * @param {boolean} [isError]
 */
export function status(text, isError) {
  $('status').textContent = text;
  $('status').classList.toggle('error', Boolean(isError));
}

/** Nothing said to screen readers, nor still to be: no amount is in view, or the sentence was in the other language. */
export function silence() {
  clearTimeout(page.timers.announce);
  $('announce').textContent = '';
}

/**
 * Says the result in one short sentence for screen readers, once typing pauses.
 * @param {Estimate} result
 */
function announce(result) {
  clearTimeout(page.timers.announce);
  page.timers.announce = setTimeout(() => {
    const { lang } = page.state;
    $('announce').textContent = `${t(lang, 'youPay')} ${result.out_of_pocket.total} ${t(lang, 'yuan')}`;
  }, 600);
}

/**
 * What is said at each replaced figure: refused, unsettled, or not used.
 * @param {Estimate | null} result
 */
function figureNotes(result) {
  const { lang } = page.state;
  /** @type {Map<string, { error?: string, note?: string }>} */
  const notes = new Map();
  for (const u of result?.unused_overrides ?? []) notes.set(u.parameter, { note: local(lang, u, 'message') });
  for (const [parameter, error] of page.unsettled) notes.set(parameter, { error: local(lang, error, 'message') });
  if (page.refused?.parameter) notes.set(page.refused.parameter, { error: local(lang, page.refused.error, 'message') });
  return notes;
}

/**
 * An assumption about the request itself (a setting the policy does not
 * name, an age not given), not a figure of the policy to replace.
 * @param {string} parameter
 */
const isInput = (parameter) => /^(?:age$|admissions\[|outpatient\[)/.test(parameter);

/**
 * An assumption about the request, in words: "stay 1: went elsewhere, not
 * registered", and that it is counted as local care; an age or an outpatient
 * cost, with the reason.
 * @param {Assumption} a
 */
function inputAssumption(a) {
  const { lang } = page.state;
  const where = /^(stays|outpatient)\[(\d+)\]\.setting$/.exec(stateField(a.parameter, page.state));
  const names = /** @type {Record<string, string>} */ (MESSAGES[lang].settings);
  // Else the age assumed, or an outpatient cost no rule pays (its reason names the kind).
  const item = /^outpatient\[(\d+)\]\.kind$/.exec(stateField(a.parameter, page.state));
  return h('li', {}, ...(where && Object.hasOwn(names, a.value)
    ? [t(lang, 'pair', { label: t(lang, where[1] === 'stays' ? 'stay' : 'outpatientItem', { n: Number(where[2]) + 1 }), text: names[a.value] }),
      h('span', { class: 'reason' }, t(lang, 'settingAssumed'))]
    : [item ? t(lang, 'outpatientItem', { n: Number(item[1]) + 1 }) : `${t(lang, 'age')} ${a.value}`,
      h('span', { class: 'reason' }, local(lang, a, 'reason'))]));
}

/**
 * A cost given as its total, and how it was split: "stay 1: only the total…".
 * @param {Split} split
 */
function splitLine(split) {
  const { lang } = page.state;
  const [, list, n] = /^(stays|outpatient)\[(\d+)\]/.exec(stateField(split.item, page.state)) ?? [];
  return h('p', { class: 'help split' }, t(lang, 'splitLine', { item: t(lang, list === 'stays' ? 'stay' : 'outpatientItem', { n: Number(n) + 1 }),
    total: yuan(split.total), share: split.share, compliant: yuan(split.compliant), outOfPolicy: yuan(split.out_of_policy) }));
}

/**
 * Redraws the result. The explanations that were open stay open; the
 * figure's box being typed in stays as it is (text, caret, focus), with its
 * new message; a figure's button that was pressed leaves the focus on its
 * figure's new button (to go back, or to use the other reading again).
 * @param {() => void} draw
 */
function showEstimate(draw) {
  const active = document.activeElement;
  const typing = active instanceof HTMLInputElement && active.matches('input.override') ? active : null;
  const pressed = active instanceof HTMLButtonElement && active.closest('#estimate') ? active : null;
  const open = [...document.querySelectorAll('#estimate details.explain[open]')].map((d) => /** @type {HTMLElement} */ (d).dataset.layer ?? '');
  draw();
  for (const layer of open) {
    const details = $('estimate').querySelector(`details.explain[data-layer="${CSS.escape(layer)}"]`);
    if (!details) continue;
    /** @type {HTMLDetailsElement} */ (details).open = true;
    explain(layer, details);
  }
  const parameter = pressed?.dataset.apply ?? pressed?.dataset.restore;
  if (pressed && parameter !== undefined) refocus($('estimate'), parameter, /** @type {HTMLElement | null} */ (pressed.closest('details'))?.dataset.layer);
  const fresh = typing && $('estimate').querySelector(`input.override[data-param="${CSS.escape(typing.dataset.param ?? '')}"]`);
  if (!typing || !fresh) return;
  for (const name of ['aria-invalid', 'aria-describedby']) {
    const value = fresh.getAttribute(name);
    if (value !== null) typing.setAttribute(name, value);
    else typing.removeAttribute(name);
  }
  fresh.replaceWith(typing);
  typing.focus();
}

/**
 * Fills one layer's explanation, computing the explained estimate once. The
 * words are the full engine's (pkg-cadre/): the first time, it is fetched
 * while the explanation says so.
 * @param {string} layerId
 * @param {Element} details
 */
export function explain(layerId, details) {
  const { current } = page;
  const { request } = current;
  if (!request) return;
  const steps = /** @type {Element} */ (details.querySelector('.steps'));
  const engine = fullReady(request.policy);
  if (!engine) {
    const lang = page.state.lang;
    steps.replaceChildren(h('p', { class: 'loading' }, t(lang, 'loadingExplanation')));
    fullEngine([request.policy]).then(
      () => page.current === current && explain(layerId, details),
      () => steps.replaceChildren(h('p', { class: 'error' }, t(lang, 'fullFailed'))));
    return;
  }
  current.explained ??= /** @type {Estimate} */ (engine.estimate(request));
  renderSteps(steps, current.explained, layerId, page.state.lang);
}

/** Before printing, every layer's explanation is opened and filled. */
export function prepareToPrint() {
  for (const details of document.querySelectorAll('details.explain')) {
    /** @type {HTMLDetailsElement} */ (details).open = true;
    explain(/** @type {HTMLElement} */ (details).dataset.layer ?? '', details);
  }
}

/**
 * Reads the form, recomputes (summary mode) and redraws; no amount while
 * anything is wrong. Returns what stopped it, named as in a host message, or null.
 * @returns {Problem | null}
 */
export function update() {
  const { state, unsettled } = page;
  const lang = state.lang;
  /** @type {Problem[]} */
  const wrong = [];
  /** @type {(field: string, error: Bilingual<'message'>) => boolean} */
  const say = (field, error) => {
    wrong.push({ field: `state.${field}`, message_zh: error.message_zh, message_en: error.message_en });
    return fieldMessage(formId(field), error);
  };
  const complete = readForm(say, parseAmount);
  const unknown = unknownIds(state, page.catalogue, page.previous);
  for (const [field, key, value, option] of unknown) {
    say(field, both(/** @type {import('./messages.js').MessageKey} */ (key), { value: option?.name_zh ?? value }, { value: option?.name_en ?? value }));
  }
  // The age and the replaced figures are checked by the engine whatever the
  // amounts (zero stands in for one missing or wrong); unsettled figures wait.
  /** @type {EngineRequest | null} */
  let request = null;
  /** @type {Estimate | null} */
  let result = null;
  let unsaid = '';
  if ($('scheme') && !unknown.length) {
    request = {
      policy: /** @type {string} */ (state.policy),
      date: state.date || today(),
      scheme: /** @type {string} */ (state.scheme),
      category: /** @type {string} */ (state.category),
      // As typed: the engine reads 12, 12岁, １２.
      age: state.age || null,
      ...care(state),
      overrides: Object.fromEntries(Object.entries(state.overrides).filter(([p]) => !unsettled.has(p))),
    };
    page.refused = null;
    // Replaced figures are the full engine's (pkg-cadre/): fetched the first
    // time, then the estimate is made again. Once it is there, it makes them all.
    const full = fullReady(request.policy);
    if (!full && Object.keys(request.overrides).length) {
      status(t(lang, 'loadingFull'));
      fullEngine([request.policy]).then(() => update(), () => status(t(lang, 'fullFailed'), true));
      return null;
    }
    try {
      result = (full ?? { estimate }).estimate({ ...request, explain: false });
    } catch (thrown) {
      const error = /** @type {EngineError} */ (thrown);
      const field = stateField(String(error?.field ?? ''), state);
      const parameter = /^overrides\.(.*)/.exec(field)?.[1];
      if (parameter) page.refused = { parameter: Object.hasOwn(state.overrides, parameter) ? parameter : '', error };
      if (!say(field, error) && !parameter) unsaid = local(lang, error, 'message') || String(error);
    }
  }
  if (wrong.length || unsettled.size || !complete || !result) {
    const fields = wrong.some((w) => !w.field.startsWith('state.overrides.'));
    const figures = page.refused || unsettled.size;
    status(unsaid || t(lang, fields ? 'fixFields' : figures ? 'fixFigure' : 'enterCost'), Boolean(unsaid || fields || figures));
    const [first] = unsettled;
    return nothing(wrong[0] ?? (first && { field: `state.overrides.${first[0]}`, ...first[1] }));
  }
  const shown = result;
  page.current = { request, summary: shown, explained: null, blocked: false };
  status('');
  saveState();
  page.tellHost?.(shown);
  announce(shown);
  $('sticky-pay').textContent = `${t(lang, 'youPay')} ¥${yuan(shown.out_of_pocket.total)} ›`;
  $('sticky-pay').hidden = false;
  const inputs = shown.assumptions.filter((a) => isInput(a.parameter));
  showEstimate(() => renderResult($('estimate'), shown, lang, inputLines(shown, /** @type {EngineRequest} */ (request)), explain, [
    ...(shown.splits ?? []).map(splitLine),
    inputs.length ? h('div', { class: 'assumptions inputs' }, h('p', {}, t(lang, 'inputAssumed')),
      h('ul', {}, inputs.map(inputAssumption))) : null,
    figuresBox(shown.assumptions.filter((a) => !isInput(a.parameter)), lang, state.overrides, figureNotes(shown),
      versionOf(page.catalogue, shown).version.layers)]));
  refreshTool();
  return null;
}

/**
 * No amount; the replaced figures only if one is the trouble, to correct or restore it.
 * @param {Problem | undefined} problem
 */
function nothing(problem) {
  const { state, refused, unsettled } = page;
  page.current = { request: null, summary: null, explained: null, blocked: Boolean(problem) };
  $('sticky-pay').hidden = true;
  // Nor is an earlier amount still to be heard.
  silence();
  saveState();
  const general = refused && !refused.parameter
    ? t(state.lang, 'conflict', { parameter: String(refused.error.field).replace(/^overrides\./, ''), message: local(state.lang, refused.error, 'message') }) : '';
  showEstimate(() => fill($('estimate'), refused || unsettled.size
    ? figuresBox([], state.lang, state.overrides, figureNotes(null), [], general) : null));
  refreshTool();
  return problem ?? null;
}
