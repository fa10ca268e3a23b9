// Drawing: elements, amounts, the result. Amounts arrive as decimal strings
// ("9358.43") and are only ever handled as text or as whole fen (BigInt),
// never as floating point.
import { local, t } from './messages.js';

/**
 * The page's element with this id (null where the page has none, which the
 * callers that expect it check: `$('age') ? … : …`).
 * @param {string} id
 */
export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * What is in the box or select with this id.
 * @param {string} id
 */
export const valueAt = (id) => /** @type {HTMLInputElement} */ ($(id)).value;

const SVG_TAGS = new Set(['svg', 'rect', 'title', 'g', 'path', 'polyline', 'line', 'circle', 'text']);

/**
 * Creates an element: h('p', { class: 'x' }, 'text', child, …); an attribute
 * false, null or undefined is left out, `on…` adds a listener.
 * @template {string} T
 * @param {T} tag
 * @param {Record<string, string | number | boolean | null | undefined | EventListener>} [attrs]
 * @param {...Children} children
 * @returns {T extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[T] : Element}
 */
export function h(tag, attrs = {}, ...children) {
  const svg = SVG_TAGS.has(tag);
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === undefined || value === null) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return /** @type {any} */ (el);
}

/**
 * Replaces an element's children, skipping empty ones and flattening lists as `h` does.
 * @param {Element} el
 * @param {...Children} children
 */
export function fill(el, ...children) {
  el.replaceChildren(.../** @type {(Node | string)[]} */ (children.flat().filter((c) => c !== null && c !== undefined && c !== false)));
}

/**
 * Replaces an element's children as `fill` does, except the field `active`
 * (in focus, or being changed; its counterpart found by id): it and the
 * elements around it stay in the page, so the focus, the caret and a date's
 * half-typed year stay too; only what is around them is replaced (and a select's options).
 * @param {Element} el
 * @param {Element | null} active
 * @param {...Children} children
 */
export function refill(el, active, ...children) {
  const fresh = h('div', {}, ...children);
  /** @type {[Element, Element][]} the field and its counterpart, then their parents, up to `el` and `fresh` */
  const pairs = [];
  let old = active?.id && el.contains(active) ? active : null;
  let young = old && fresh.querySelector(`#${CSS.escape(old.id)}`);
  for (; old && young && old !== el && old.tagName === young.tagName; old = old.parentElement, young = young.parentElement) pairs.push([old, young]);
  if (old !== el || young !== fresh) return el.replaceChildren(...fresh.childNodes);
  // Options replaced only when others are offered: the browser's keyboard steps from the chosen one.
  if (active instanceof HTMLSelectElement && active.textContent !== pairs[0][1].textContent) active.replaceChildren(...pairs[0][1].childNodes);
  for (const [kept, replacing] of pairs) {
    const parent = /** @type {Element} */ (kept.parentNode);
    for (const node of [...parent.childNodes]) if (node !== kept) node.remove();
    while (replacing.previousSibling) parent.prepend(replacing.previousSibling);
    while (replacing.nextSibling) parent.append(replacing.nextSibling);
  }
}

/**
 * "12345.6" → "12,345.60": grouped, two places.
 * @param {string} decimal
 */
export function yuan(decimal) {
  const [whole, fraction = ''] = String(decimal).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '');
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(fraction + '00').slice(0, 2)}`;
}

/**
 * Whole fen of a decimal string with at most two places.
 * @param {string} decimal
 */
export function fen(decimal) {
  const [whole, fraction = ''] = String(decimal).split('.');
  return BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
}

/**
 * Whole fen back to a decimal string with two places: -12345n → "-123.45".
 * @param {bigint} f
 */
export function fromFen(f) {
  const abs = f < 0n ? -f : f;
  return `${f < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * "0.6325" (a fraction with four places) → "63.25%".
 * @param {string} fraction
 */
export function percent(fraction) {
  const [whole, digits = ''] = String(fraction).split('.');
  const basisPoints = BigInt(whole) * 10000n + BigInt((digits + '0000').slice(0, 4));
  return `${basisPoints / 100n}.${String(basisPoints % 100n).padStart(2, '0')}%`;
}

/**
 * Each layer's colour (and app.css's .swatch[data-layer]), in cascade order, and the out-of-pocket amount's:
 * greens for the inpatient layers, blues for the outpatient ones.
 * @type {Record<string, string>}
 */
const COLOURS = { basic: '#0a6e4f', outpatient: '#1d5f8c', chronic_outpatient: '#5f97c6', critical_illness: '#2f8f6f',
  medical_assistance: '#4aa88a', supplementary: '#7cc3a8', backstop: '#a9d9c4', out_of_pocket: '#c0392b' };

/**
 * A layer's colour (a layer this page does not know: the first one's).
 * @param {string} id
 */
export const colour = (id) => (Object.hasOwn(COLOURS, id) ? COLOURS[id] : COLOURS.basic);

/**
 * The stacked bar's parts: each layer and the out-of-pocket amount, with its
 * share of the total in thousandths (`width`); the page's bar and the picture's.
 * @param {Estimate} estimate
 * @param {Lang} lang
 */
export function barParts(estimate, lang) {
  const total = fen(estimate.total);
  const parts = estimate.layers.map((l) => ({ id: l.id, label: local(lang, l), amount: l.paid }));
  parts.push({ id: 'out_of_pocket', label: t(lang, 'outOfPocket'), amount: estimate.out_of_pocket.total });
  return parts.map((part) => ({ ...part, width: total === 0n ? 0n : (fen(part.amount) * 1000n) / total }));
}

/**
 * The stacked bar: each layer and the out-of-pocket amount as parts of the total.
 * @param {Estimate} estimate
 * @param {Lang} lang
 */
function bar(estimate, lang) {
  let x = 0n;
  const rects = barParts(estimate, lang).map((part) => {
    const rect = h('rect', { x: String(x), y: '0', width: String(part.width), height: '40', fill: colour(part.id) },
      h('title', {}, `${part.label}: ${yuan(part.amount)}`));
    x += part.width;
    return rect;
  });
  return h('svg', { viewBox: '0 0 1000 40', preserveAspectRatio: 'none', class: 'bar', role: 'img',
    'aria-label': t(lang, 'barLabel', { total: yuan(estimate.total) }) }, rects);
}

/**
 * The result: what the person pays, the split by layer, the box of figures (figuresBox), and room for explanations.
 * @param {Element} container
 * @param {Estimate} estimate
 * @param {Lang} lang
 * @param {string[]} inputs the inputs in words (printed only)
 * @param {(layerId: string, details: HTMLDetailsElement) => void} onExplain
 * @param {Children} figures
 */
export function renderResult(container, estimate, lang, inputs, onExplain, figures) {
  const rows = estimate.layers.map((l) =>
    h('tr', {}, h('th', { scope: 'row' }, h('span', { class: 'swatch', 'data-layer': l.id }), local(lang, l)), h('td', {}, yuan(l.paid))));
  fill(container,
    h('div', { class: 'print-only' }, inputs.map((line) => h('p', {}, line))),
    h('p', { class: 'you-pay' }, t(lang, 'youPay'), ' ', h('strong', { id: 'out-of-pocket' }, `¥${yuan(estimate.out_of_pocket.total)}`)),
    // Beside the amount: an estimate, and rules that may have changed since (the words of OutOfDate::note, src/engine/outcome.rs).
    h('p', { class: 'help', id: 'caveat' }, t(lang, 'forReference'), t(lang, 'stop'), estimate.out_of_date ? h('strong', {}, outOfDate(estimate, lang)) : null),
    h('p', { class: 'ratio' }, t(lang, 'ratio', { ratio: percent(estimate.effective_ratio) })),
    h('p', { class: 'actions' },
      h('button', { type: 'button', id: 'share', class: 'secondary' }, t(lang, 'share')),
      h('button', { type: 'button', id: 'picture', class: 'secondary' }, t(lang, 'picture')),
      h('button', { type: 'button', id: 'print', class: 'secondary' }, t(lang, 'print'))),
    h('p', { class: 'status', id: 'share-status', role: 'status' }),
    bar(estimate, lang),
    h('table', { class: 'layers' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(lang, 'layer')), h('th', { scope: 'col' }, t(lang, 'paid')))),
      h('tbody', {},
        h('tr', { class: 'total' }, h('th', { scope: 'row' }, t(lang, 'total')), h('td', {}, yuan(estimate.total))),
        rows,
        h('tr', { class: 'oop' }, h('th', { scope: 'row' }, t(lang, 'outOfPocket')), h('td', {}, yuan(estimate.out_of_pocket.total))))),
    h('p', { class: 'help' }, t(lang, 'ofWhichCompliant', { total: yuan(estimate.out_of_pocket.total),
      compliant: yuan(estimate.out_of_pocket.compliant), outOfPolicy: yuan(estimate.out_of_pocket.out_of_policy) })),
    h('p', { class: 'help' }, t(lang, 'version', { label: estimate.version, from: estimate.valid_from, to: estimate.valid_to })),
    reported(estimate.reported, lang),
    figures,
    h('div', { class: 'explanations' }, estimate.layers.map((l) =>
      h('details', { class: 'explain', 'data-layer': l.id, ontoggle: (e) => {
        const details = /** @type {HTMLDetailsElement} */ (e.target);
        // Filled once it has its steps (result.js fills those it opens again after a
        // redraw itself); while the full module loads, or after it failed to, opened again.
        if (details.open && !details.querySelector('.steps ol')) onExplain(l.id, details);
      } },
        h('summary', {}, t(lang, 'explain', { layer: local(lang, l), paid: yuan(l.paid) })),
        h('div', { class: 'steps' })))),
  );
}

/**
 * What a source reports on average, beside the estimate and said not to be it.
 * @param {Reported[]} list
 * @param {Lang} lang
 */
export function reported(list, lang) {
  return list.length ? h('div', { class: 'reported' }, list.map((r) => {
    // The quote in the sentence as an element of its own, in its language.
    const [before, after] = t(lang, 'reported', { what: local(lang, r, 'what'), value: r.value, source: local(lang, r, 'cited'), quote: '\0' }).split('\0');
    return h('p', {}, before, h('span', { class: 'quote', lang: 'zh-CN' }, r.quote), after);
  })) : null;
}

/**
 * What a figure is part of, in words: its layer (among `layers`, the
 * version's), or care away from home. Its parameter path is for cadres only.
 * @param {string} parameter
 * @param {Named[]} layers
 * @param {Lang} lang
 */
function partOf(parameter, layers, lang) {
  const id = /^[a-z_]+/.exec(parameter)?.[0];
  const layer = layers.find((l) => l.id === id);
  return layer ? local(lang, layer) : id === 'settings' ? t(lang, 'awayTitle') : id === 'compliant_share' ? t(lang, 'byTotal') : '';
}

/**
 * The assumed figures (`assumed`, from an estimate), each with a field to put
 * the local figure in, and the figures the user has replaced (`overrides`),
 * each with a way back; each named by what it is part of (`layers`: the
 * version's). `notes` maps a parameter to what is said at its
 * figure: { error } (the figure is refused) or { note } (a notice);
 * `general` is an error that belongs to no one figure.
 * @param {Assumption[]} assumed
 * @param {Lang} lang
 * @param {Record<string, string>} overrides
 * @param {Map<string, { error?: string, note?: string }>} notes
 * @param {Named[]} layers
 * @param {string} [general]
 */
export function figuresBox(assumed, lang, overrides, notes, layers, general = '') {
  const replaced = Object.entries(overrides);
  if (assumed.length === 0 && replaced.length === 0) return null;
  let n = 0;
  /** @type {(parameter: string) => Element} */
  const part = (parameter) => h('span', { class: 'part' }, partOf(parameter, layers, lang));
  /** @type {(parameter: string, value: string) => Children} */
  const input = (parameter, value) => {
    const { error, note } = notes.get(parameter) ?? {};
    const id = error || note ? `figure-msg-${n += 1}` : null;
    return [
      h('input', { type: 'text', class: 'override', 'data-param': parameter, value, autocomplete: 'off',
        'aria-label': `${t(lang, 'changeFigure')} ${partOf(parameter, layers, lang)} ${value}`, 'aria-invalid': error ? 'true' : null, 'aria-describedby': id }),
      id ? h('span', { class: error ? 'field-msg' : 'figure-note', id }, error || note) : null,
    ];
  };
  return h('div', { class: 'assumptions' },
    h('p', {}, t(lang, assumed.length ? 'assumptions' : 'replaced')),
    // In the order of their names: a figure keeps its place once replaced (as it is typed).
    h('ul', {}, /** @type {[string, Element][]} */ ([
      ...assumed.filter((a) => !Object.hasOwn(overrides, a.parameter)).map((a) => [a.parameter, h('li', {},
        part(a.parameter), a.value ? ' ' : '', a.value ? input(a.parameter, a.value) : null,
        a.value ? h('span', { class: 'print-value' }, a.value) : null,
        h('span', { class: 'reason' }, local(lang, a, 'reason')),
        // The other reading the text allows, one tap away here too (as in the explanation).
        a.other ? h('span', { class: 'other' }, t(lang, 'otherReading', { value: a.other.value, reading: local(lang, a.other, 'reading') }),
          h('button', { type: 'button', class: 'link', 'data-apply': a.parameter, 'data-value': a.other.value,
            'aria-label': t(lang, 'pair', { label: t(lang, 'useOther'), text: a.other.value }) }, t(lang, 'useOther'))) : null)]),
      ...replaced.map(([parameter, value]) => [parameter, h('li', { class: 'replaced' },
        part(parameter), ' ', input(parameter, value), h('span', { class: 'print-value' }, value),
        h('span', { class: 'reason' }, t(lang, 'yourFigure')),
        h('button', { type: 'button', class: 'link', 'data-restore': parameter }, t(lang, 'restore')))]),
    ]).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, item]) => item)),
    h('p', { class: 'field-msg', id: 'overrides-msg' }, general));
}

/**
 * Puts the focus on the button of figure `parameter` in `container` (which
 * uses its other reading, or goes back; in the explanation of `layer` if it
 * has one), else on its box in the replaced figures.
 * @param {Element} container
 * @param {string} parameter
 * @param {string} [layer]
 */
export function refocus(container, parameter, layer) {
  const buttons = /** @type {HTMLElement[]} */ ([...container.querySelectorAll('button[data-apply], button[data-restore], input.override')])
    .filter((b) => (b.dataset.apply ?? b.dataset.restore ?? b.dataset.param) === parameter);
  (buttons.find((b) => /** @type {HTMLElement | null} */ (b.closest('details'))?.dataset.layer === layer) ?? buttons[0])?.focus();
}

/**
 * One layer's explanation steps, from a full (explained) estimate.
 * @param {Element} target
 * @param {Estimate} estimate
 * @param {string} layerId
 * @param {Lang} lang
 */
export function renderSteps(target, estimate, layerId, lang) {
  const layer = estimate.layers.find((l) => l.id === layerId);
  if (!layer) return;
  target.replaceChildren(h('ol', {}, layer.steps.map((step) =>
    h('li', {},
      h('p', {}, step[lang]),
      step.formula ? h('p', { class: 'formula' }, step.formula) : null,
      h('ul', { class: 'figures' }, step.figures.map((i) => figure(estimate.figures[i], lang, true)))))));
}

/**
 * One figure of an explanation: its value, and source or assumption (its
 * parameter path is for the cadre's figure view only),
 * and the other reading its source allows, if any; with `actions`, a button
 * that computes with that reading (an override of the figure) or goes back.
 * @param {Figure} f
 * @param {Lang} lang
 * @param {boolean} [actions]
 */
export function figure(f, lang, actions = false) {
  const { other } = f;
  const usingOther = f.origin === 'overridden' && other?.value === f.value;
  const origin = f.origin === 'assumed'
    ? h('span', { class: 'assumed' }, `${t(lang, 'tag', { text: t(lang, 'assumed') })}${local(lang, f, 'reason') || f.reason_zh || ''}`)
    : f.origin === 'overridden'
      ? h('span', { class: 'overridden' }, t(lang, 'tag', { text: usingOther && other
        ? t(lang, 'usingOther', { reading: local(lang, other, 'reading'), value: f.policy_value })
        : t(lang, 'overridden') }))
      : h('span', { class: 'cited' }, t(lang, 'cited', { source: local(lang, f, 'cited') }), quote(f.quote), readAs(f, lang));
  /** @type {(text: string, attrs: Record<string, string>) => Element | null} */
  const button = (text, attrs) => (actions
    ? h('button', { type: 'button', class: 'link', 'aria-label': t(lang, 'pair', { label: text, text: f.value }), ...attrs }, text) : null);
  return h('li', { 'data-parameter': f.parameter }, f.value ? [h('strong', {}, f.value), ' '] : null, origin,
    other && !usingOther ? h('span', { class: 'other' }, t(lang, 'otherReading', { value: other.value, reading: local(lang, other, 'reading') }),
      button(t(lang, 'useOther'), { 'data-apply': f.parameter, 'data-value': other.value })) : null,
    usingOther ? button(t(lang, 'restore'), { 'data-restore': f.parameter }) : null);
}

/**
 * The words a figure cites, in their language (Chinese on the English page too: they are the source's).
 * @param {string | undefined} text
 */
export const quote = (text) => ['“', h('span', { class: 'quote', lang: 'zh-CN' }, text), '”'];

/**
 * How a cited figure's words were read, in `lang` (the Chinese where a policy file has no English), or nothing.
 * @param {{ reading?: string, reading_en?: string }} f
 * @param {Lang} lang
 */
export const readAs = (f, lang) => {
  const reading = (lang === 'en' && f.reading_en) || f.reading;
  return reading ? t(lang, 'readAs', { reading }) : null;
};

/**
 * Why the rules used may have changed since (the words of OutOfDate::note,
 * src/engine/outcome.rs), or '': beside the amount, in the shared text and on the picture.
 * @param {Estimate} estimate
 * @param {Lang} lang
 */
export function outOfDate(estimate, lang) {
  if (!estimate.out_of_date) return '';
  return (estimate.out_of_date === 'after_end' ? t(lang, 'afterEnd', { from: estimate.valid_from, to: estimate.valid_to }) : '')
    + t(lang, 'oldPolicy', { year: estimate.valid_from.slice(0, 4) });
}

/**
 * The estimate as plain text for a chat: who, what each layer pays, the link.
 * @param {Estimate} estimate
 * @param {Lang} lang
 * @param {string[]} inputs
 * @param {string} link
 */
export function shareText(estimate, lang, inputs, link) {
  return [
    `${t(lang, 'shareTitle')}${t(lang, 'shareVersion', { policy: local(lang, estimate, 'policy_name'), version: estimate.version })}`,
    ...inputs.slice(1),
    `${t(lang, 'total')} ${yuan(estimate.total)} ${t(lang, 'yuan')}`,
    ...estimate.layers.map((l) => `${local(lang, l)} ${yuan(l.paid)} ${t(lang, 'yuan')}`),
    `${t(lang, 'outOfPocket')} ${yuan(estimate.out_of_pocket.total)} ${t(lang, 'yuan')}${t(lang, 'shareRatio', { ratio: t(lang, 'ratio', { ratio: percent(estimate.effective_ratio) }) })}`,
    outOfDate(estimate, lang) || null,
    estimate.assumptions.length ? t(lang, 'shareAssumed') : null,
    `${t(lang, 'shareLink')}${link}`,
  ].filter(Boolean).join('\n');
}
