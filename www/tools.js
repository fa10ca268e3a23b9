// The cadre's tools: categories side by side, out-of-pocket against the bill,
// two policy versions or regions, a year of stays, the household sheet,
// batch files (with households.js: a sheet per household, the lists kept on
// the device) and every policy figure. Loaded only when a tool is opened,
// with its own wasm module (pkg-cadre/: the engine plus the tools). All
// arithmetic is the engine's; amounts stay decimal strings, and only the
// chart turns them into pixel positions.
import { fetchOnce, fullEngine, once } from './load.js';
import { local, t } from './messages.js';
import { colour, fen, figure, fill, fromFen, h, outOfDate, percent, quote, readAs, reported, yuan } from './render.js';
import { qrMatrix } from './qr.js';
import { inputLines } from './share.js';
import { saveState, versionOf } from './state.js';
import { tt } from './tools-messages.js';

/** @typedef {import('./load.js').FullEngine} FullEngine */

// The tools' own styles come with them.
document.head.append(h('link', { rel: 'stylesheet', href: new URL('tools.css', import.meta.url).href }));

/**
 * The cadre's engine with the policies `ids` loaded.
 * @param {string[]} ids
 */
const engine = (ids) => fullEngine(ids);

/**
 * An error's message in `lang` (or what was thrown, as text).
 * @param {Lang} lang
 * @param {unknown} error
 */
const message = (lang, error) => local(lang, /** @type {EngineError} */ (error), 'message') || String(error);

/**
 * The tools by id (the ids and their order: TOOLS in messages.js).
 * @type {Record<import('./messages.js').ToolId, (cx: ToolContext) => Promise<void>>}
 */
const VIEWS = { categories, curve, compare, year, sheet, batch, policies };

/**
 * Draws tool `id` into `cx.container`.
 * @param {string} id
 * @param {ToolContext} cx
 */
export async function show(id, cx) {
  if (!Object.hasOwn(VIEWS, id)) {
    // Only printable ASCII of it, clipped: the id may be anything a link holds.
    const shown = id.replace(/[^\x21-\x7e]+/g, '?');
    fill(cx.container, h('p', { class: 'status error' }, tt(cx.lang, 'unknownTool', { value: shown.length > 20 ? `${shown.slice(0, 20)}…` : shown })));
    return;
  }
  const view = VIEWS[/** @type {import('./messages.js').ToolId} */ (id)];
  // Another tool or language: start afresh (the tools keep their own controls otherwise).
  if (cx.container.dataset.view !== id || cx.container.dataset.lang !== cx.lang) {
    cx.container.dataset.view = id;
    cx.container.dataset.lang = cx.lang;
    fill(cx.container, h('p', { class: 'status' }, tt(cx.lang, 'loadingTools')));
  }
  await view(cx);
}

/**
 * The household's request and estimate: the tools that work on it need them
 * first (the household filled in, nothing marked wrong), and say so while there are none.
 * @param {ToolContext} cx
 */
function household(cx) {
  if (cx.request && cx.summary) return { request: cx.request, summary: cx.summary };
  fill(cx.container, h('p', { class: 'status' }, tt(cx.lang, cx.blocked ? 'fixFirst' : 'needEstimate')));
  return null;
}

/**
 * A table of what each layer pays, one column per estimate (a missing layer shows as absent).
 * @param {Lang} lang
 * @param {string[]} heads
 * @param {Estimate[]} estimates
 * @param {Element[]} [extra] rows under it
 */
function layerTable(lang, heads, estimates, extra = []) {
  /** @type {Layer[]} */
  const ids = [];
  for (const e of estimates) for (const l of e.layers) if (!ids.some((x) => x.id === l.id)) ids.push(l);
  /** @type {(e: Estimate, id: string) => Element} */
  const cell = (e, id) => {
    const layer = e.layers.find((l) => l.id === id);
    return h('td', {}, layer ? yuan(layer.paid) : tt(lang, 'absent'));
  };
  return h('table', { class: 'layers compare' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(lang, 'layer')), heads.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {},
      h('tr', { class: 'total' }, h('th', { scope: 'row' }, t(lang, 'total')), estimates.map((e) => h('td', {}, yuan(e.total)))),
      ids.map((l) => h('tr', {}, h('th', { scope: 'row' }, local(lang, l)), estimates.map((e) => cell(e, l.id)))),
      h('tr', { class: 'oop' }, h('th', { scope: 'row' }, t(lang, 'outOfPocket')),
        estimates.map((e) => h('td', {}, yuan(e.out_of_pocket.total)))),
      extra));
}

// ---- Categories side by side ------------------------------------------------

/** @param {ToolContext} cx */
async function categories(cx) {
  const own = household(cx);
  if (!own) return;
  const { lang } = cx;
  const e = await engine([own.request.policy]);
  /** @type {{ rows: (Named & { category: string, estimate: Estimate, differences: Figure[] })[] }} */
  const result = e.compareCategories({ ...own.request, explain: false });
  const base = result.rows[0];
  /** @param {string} category */
  const ownBadge = (category) => (category === cx.state.category ? h('span', { class: 'badge' }, tt(lang, 'thisHousehold')) : null);
  // One short table of every category; each one's layers and rules fold out
  // beneath, so that the tool fits a phone's screen or two.
  fill(cx.container,
    h('p', {}, tt(lang, 'categoriesIntro', { total: yuan(base.estimate.total) })),
    // A text that names no other group (e.g. Ningxia's 2010 files) is said to, not left as a lone row.
    result.rows.length === 1 ? h('p', { class: 'notice', id: 'one-category' }, tt(lang, 'oneCategory')) : null,
    h('table', { class: 'layers categories' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, tt(lang, 'category')),
        h('th', { scope: 'col' }, tt(lang, 'oopYuan')), h('th', { scope: 'col' }, tt(lang, 'shareReimbursed')))),
      h('tbody', {}, result.rows.map((row) => h('tr', { class: row.category === cx.state.category ? 'own' : null },
        h('th', { scope: 'row' }, local(lang, row), ownBadge(row.category)),
        h('td', {}, yuan(row.estimate.out_of_pocket.total)),
        h('td', {}, percent(row.estimate.effective_ratio)))))),
    h('p', { class: 'help' }, tt(lang, 'categoriesDetails')),
    h('div', { class: 'cards' }, result.rows.map((row, i) => h('details', { class: 'card', 'data-category': row.category },
      h('summary', {}, h('strong', {}, local(lang, row)), ' ',
        i === 0 ? h('span', { class: 'badge muted' }, tt(lang, 'base')) : null, ownBadge(row.category),
        h('span', { class: 'help' }, i === 0 ? tt(lang, 'baseRules')
          : tt(lang, 'differenceCount', { n: row.differences.length, base: local(lang, base) }))),
      layerTable(lang, [t(lang, 'paid')], [row.estimate]),
      i === 0 ? null : h('div', { class: 'differences' },
        h('p', {}, tt(lang, 'differences', { base: local(lang, base) })),
        row.differences.length
          ? h('ul', { class: 'figures' }, row.differences.map((f) => figure(f, lang)))
          : h('p', { class: 'help' }, tt(lang, 'noDifferences', { base: local(lang, base) })))))));
}

// ---- Out-of-pocket against the bill ------------------------------------------

const POINTS = 201;
const PAD = { left: 48, right: 14, top: 12, bottom: 26 };
/** The radius of a mark's numbered badge. */
const MARK_R = 8;

/**
 * A round number at or above `x` (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten).
 * @param {number} x
 */
function roundUp(x) {
  const power = 10 ** Math.floor(Math.log10(Math.max(x, 1)));
  return /** @type {number} */ ([1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * power).find((v) => v >= x));
}

/**
 * A tick step giving about `n` steps up to `x`: 1, 2 or 5 times a power of ten.
 * @param {number} x
 * @param {number} n
 */
function step(x, n) {
  const power = 10 ** Math.floor(Math.log10(Math.max(x / n, 1)));
  return /** @type {number} */ ([1, 2, 5, 10].map((m) => m * power).find((v) => x / v <= n));
}

/**
 * An axis label: 25000 → "2.5万" (zh) or "25k" (en).
 * @param {Lang} lang
 * @param {number} yuanValue
 */
function short(lang, yuanValue) {
  if (lang === 'en') return yuanValue >= 1000 ? `${yuanValue / 1000}k` : String(yuanValue);
  return yuanValue >= 10000 ? `${yuanValue / 10000}万` : String(yuanValue);
}

/**
 * The default range: two and a half times the household's bill, rounded up, at least 10,000.
 * @param {string} total
 */
function defaultMax(total) {
  const yuanWhole = Number(fen(total) / 100n);
  return String(roundUp(Math.max(10000, yuanWhole * 2.5)));
}

/**
 * The household's stays alone, for the tools that go through the stays (the
 * curve, the year), and a line saying that its outpatient costs are left
 * out; null where it has no stay, which is said.
 * @param {ToolContext} cx
 * @param {EngineRequest} request
 */
function staysOnly(cx, request) {
  if (!request.admissions.length) {
    fill(cx.container, h('p', { class: 'status' }, tt(cx.lang, 'needStay')));
    return null;
  }
  return { request: { ...request, outpatient: [] },
    note: request.outpatient?.length ? h('p', { class: 'help warn' }, tt(cx.lang, 'staysOnly')) : null };
}

/** @param {ToolContext} cx */
async function curve(cx) {
  const own = household(cx);
  const stays = own && staysOnly(cx, own.request);
  if (!own || !stays) return;
  const { lang, state } = cx;
  const e = await engine([own.request.policy]);
  if (!cx.container.querySelector('#curve-max')) {
    const box = h('input', { id: 'curve-max', type: 'text', inputmode: 'decimal', autocomplete: 'off',
      value: state.curveMax || defaultMax(own.summary.total), 'aria-describedby': 'curve-max-msg' });
    box.addEventListener('input', () => {
      state.curveMax = box.value.trim();
      saveState();
      drawCurve(cx, stays.request, e);
    });
    fill(cx.container,
      h('p', {}, tt(lang, 'curveIntro')),
      h('div', { class: 'field' }, h('label', { for: 'curve-max' }, tt(lang, 'curveMax')), box,
        h('p', { class: 'field-msg', id: 'curve-max-msg' })),
      h('div', { id: 'curve-note' }),
      h('div', { id: 'curve-chart' }));
  }
  fill(/** @type {Element} */ (cx.container.querySelector('#curve-note')), stays.note);
  drawCurve(cx, stays.request, e);
}

/**
 * @typedef {object} Curve the engine's curve (src/analysis/curve.rs)
 * @property {string[]} costs
 * @property {(Named & { id: string, paid: string[] })[]} layers
 * @property {string[]} out_of_pocket
 * @property {{ kind: 'starts' | 'cap', layer: string, cost: string, paid: string }[]} marks
 * @property {{ cost: string, out_of_pocket: string }} household
 */

/**
 * Draws the curve of `request` up to the range in its box.
 * @param {ToolContext} cx
 * @param {EngineRequest} request
 * @param {FullEngine} e
 */
function drawCurve(cx, request, e) {
  const { lang } = cx;
  const box = /** @type {HTMLInputElement} */ (cx.container.querySelector('#curve-max'));
  const msg = /** @type {HTMLElement} */ (cx.container.querySelector('#curve-max-msg'));
  const started = performance.now();
  /** @type {Curve} */
  let data;
  try {
    const max = e.parseAmount('max', box.value).value;
    data = e.curve({ ...request, explain: false }, max, POINTS);
    msg.textContent = '';
    box.removeAttribute('aria-invalid');
  } catch (error) {
    msg.textContent = message(lang, error);
    box.setAttribute('aria-invalid', 'true');
    return;
  }
  const maxFen = fen(data.costs[data.costs.length - 1]);
  let topFen = 1n;
  for (const series of [...data.layers.map((l) => l.paid), data.out_of_pocket]) {
    for (const v of series) { const f = fen(v); if (f > topFen) topFen = f; }
  }
  const top = roundUp(Number(topFen) / 100);
  // Drawn at the size it is shown, so that its text is as large as the page's.
  const W = Math.max(280, Math.round(cx.container.clientWidth || 640));
  const H = Math.round(Math.min(360, Math.max(220, W * 0.62)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  /** @param {string} amount */
  const x = (amount) => PAD.left + (Number(fen(amount)) / Number(maxFen)) * plotW;
  /** @param {string} amount */
  const y = (amount) => PAD.top + plotH - (Number(fen(amount)) / 100 / top) * plotH;
  /** @type {(values: string[], colour: string, width: number, label: string) => Element} */
  const line = (values, colour, width, label) => h('polyline', { fill: 'none', stroke: colour, 'stroke-width': width,
    'stroke-linejoin': 'round', points: values.map((v, i) => `${x(data.costs[i]).toFixed(1)},${y(v).toFixed(1)}`).join(' ') },
  h('title', {}, label));
  const xStep = step(Number(maxFen) / 100, W < 400 ? 4 : 6);
  const yStep = step(top, 4);
  /** @type {(step: number, limit: number) => number[]} */
  const ticks = (step, limit) => Array.from({ length: Math.floor(limit / step) + 1 }, (_, i) => i * step);
  /** @param {string} id */
  const layerName = (id) => local(lang, /** @type {Named} */ (data.layers.find((l) => l.id === id)));
  // A layer paying from the first fen (a threshold of 0) is said in words, not marked on the curve.
  const fromStart = data.marks.filter((m) => m.kind === 'starts' && fen(m.cost) <= 1n);
  const marks = data.marks.filter((m) => fen(m.cost) <= maxFen && !fromStart.includes(m));
  const badges = markRows(marks.map((m) => x(m.cost)), MARK_R, PAD.left + MARK_R, W - PAD.right - MARK_R);
  const own = data.household;
  const ownVisible = fen(own.cost) <= maxFen && fen(own.cost) > 0n;
  const svg = h('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img',
    'aria-label': tt(lang, 'curveLabel', { max: yuan(data.costs[data.costs.length - 1]) }) },
  ticks(yStep, top).map((v) => h('g', { class: 'grid' },
    h('line', { x1: PAD.left, x2: W - PAD.right, y1: y(String(v)), y2: y(String(v)) }),
    h('text', { x: PAD.left - 6, y: y(String(v)) + 4, 'text-anchor': 'end' }, short(lang, v)))),
  ticks(xStep, Number(maxFen) / 100).map((v, i, all) => h('text', { class: 'axis', x: x(String(v)), y: H - 8,
    'text-anchor': i === 0 ? 'start' : i === all.length - 1 && x(String(v)) > W - 30 ? 'end' : 'middle' }, short(lang, v))),
  marks.map((m, i) => h('g', { class: `mark ${m.kind}` },
    h('line', { x1: x(m.cost), x2: x(m.cost), y1: PAD.top, y2: PAD.top + plotH }),
    h('circle', { cx: badges[i].x, cy: PAD.top + MARK_R + 2 + badges[i].row * (2 * MARK_R + 3), r: MARK_R }),
    h('text', { x: badges[i].x, y: PAD.top + MARK_R + 6 + badges[i].row * (2 * MARK_R + 3), 'text-anchor': 'middle' }, String(i + 1)))),
  data.layers.map((l) => line(l.paid, colour(l.id), 2.5, local(lang, l))),
  line(data.out_of_pocket, colour('out_of_pocket'), 4, t(lang, 'outOfPocket')),
  ownVisible ? h('g', { class: 'own' },
    h('line', { x1: x(own.cost), x2: x(own.cost), y1: PAD.top, y2: PAD.top + plotH }),
    h('circle', { cx: x(own.cost), cy: y(own.out_of_pocket), r: 6 }),
    h('text', { x: x(own.cost) + 8, y: y(own.out_of_pocket) - 8 }, tt(lang, 'household'))) : null);
  const chart = /** @type {HTMLElement} */ (cx.container.querySelector('#curve-chart'));
  // Computing and drawing time, for the tests' measure (not for the user).
  chart.dataset.ms = (performance.now() - started).toFixed(2);
  fill(chart,
    svg,
    h('ul', { class: 'legend' },
      data.layers.map((l) => h('li', {}, h('span', { class: 'swatch', 'data-layer': l.id }), local(lang, l))),
      h('li', {}, h('span', { class: 'swatch', 'data-layer': 'out_of_pocket' }), t(lang, 'outOfPocket'))),
    ownVisible ? h('p', { class: 'help' }, tt(lang, 'householdPoint', { cost: yuan(own.cost), oop: yuan(own.out_of_pocket) })) : null,
    marks.length
      ? h('ol', { class: 'marks' }, marks.map((m) => h('li', {}, m.kind === 'starts'
        ? tt(lang, 'markStarts', { layer: layerName(m.layer), cost: yuan(m.cost) })
        : tt(lang, 'markCap', { layer: layerName(m.layer), cost: yuan(m.cost), paid: yuan(m.paid) }))))
      : h('p', { class: 'help' }, tt(lang, fromStart.length ? 'noOtherMarks' : 'noMarks')),
    fromStart.length ? h('p', { class: 'help', id: 'curve-from-start' },
      tt(lang, 'marksFromStart', { layers: fromStart.map((m) => layerName(m.layer)).join(lang === 'en' ? ', ' : '、') })) : null);
}

/**
 * Where each numbered badge of the curve goes: at its mark's `xs` (kept
 * within `min`..`max`), in the first row where it keeps clear of the badges
 * already there, so that no two overlap however close their marks are.
 * @param {number[]} xs
 * @param {number} r the badges' radius
 * @param {number} min
 * @param {number} max
 */
function markRows(xs, r, min, max) {
  /** @type {number[]} the right edge of each row's last badge */
  const rows = [];
  const placed = xs.map((at) => ({ x: Math.min(max, Math.max(min, at)), row: 0 }));
  // From left to right, so that each row's last badge is its rightmost.
  for (const badge of [...placed].sort((a, b) => a.x - b.x)) {
    badge.row = rows.findIndex((edge) => badge.x - r >= edge + 2);
    if (badge.row < 0) badge.row = rows.push(0) - 1;
    rows[badge.row] = badge.x + r;
  }
  return placed;
}

// ---- Two versions or regions --------------------------------------------------

/**
 * @typedef {object} Choice a policy version to compare with
 * @property {string} key
 * @property {PolicyInfo} policy
 * @property {VersionInfo} version
 * @property {string} label
 */

/**
 * A version as "place year" (the version's own label where its policy has
 * two in one year).
 * @param {Lang} lang
 * @param {PolicyInfo} p
 * @param {VersionInfo} v
 */
function versionLabel(lang, p, v) {
  const year = v.valid_from.slice(0, 4);
  const twoInYear = p.versions.some((w) => w !== v && w.valid_from.startsWith(year));
  return `${local(lang, p, 'place')} ${twoInYear ? v.label : year}`;
}

/**
 * Every policy version but the household's own, as `id.index`.
 * @param {ToolContext} cx
 * @param {VersionInfo} own the household's version
 * @returns {Choice[]}
 */
function versionChoices(cx, own) {
  return cx.catalogue.flatMap((p) => p.versions.map((v, i) => ({ key: `${p.id}.${i}`, policy: p, version: v,
    label: versionLabel(cx.lang, p, v) }))).filter((c) => c.version !== own);
}

/**
 * The default comparison: another version of the same policy (the one
 * before it, else after), else a neighbour's version nearest in time (a
 * policy of the same province, else the next one in the catalogue).
 * @param {ToolContext} cx
 * @param {{ policy: PolicyInfo, version: VersionInfo }} own the household's
 * @param {Choice[]} choices
 */
function defaultOther(cx, { policy, version }, choices) {
  const same = choices.filter((c) => c.policy === policy);
  const earlier = same.filter((c) => c.version.valid_from < version.valid_from);
  if (same.length) return (earlier[earlier.length - 1] || same[0]).key;
  const order = cx.catalogue.indexOf(policy);
  const next = [...cx.catalogue.slice(order + 1), ...cx.catalogue.slice(0, order)];
  const neighbour = next.find((p) => p.province_zh === policy.province_zh) || next[0];
  // Its version nearest in time to the household's.
  const apart = (/** @type {Choice} */ c) => Math.abs(Date.parse(c.version.valid_from) - Date.parse(version.valid_from));
  return choices.filter((c) => c.policy === neighbour).sort((a, b) => apart(a) - apart(b))[0].key;
}

/**
 * The household's request under another policy version, and what had to be substituted.
 * @param {ToolContext} cx
 * @param {{ request: EngineRequest, summary: Estimate }} household
 * @param {Choice} choice
 */
function requestFor(cx, { request, summary }, choice) {
  /** @type {string[]} */
  const notes = [];
  const own = versionOf(cx.catalogue, summary).version;
  /**
   * The same id where the other version has it, else its first, with a note.
   * @type {(list: Named[], ownList: Named[], wanted: string) => string}
   */
  const pick = (list, ownList, wanted) => {
    if (list.some((x) => x.id === wanted)) return wanted;
    const asked = ownList.find((x) => x.id === wanted);
    notes.push(tt(cx.lang, 'substituted', { policy: local(cx.lang, choice.policy, 'place'),
      wanted: asked ? local(cx.lang, asked) : wanted, used: local(cx.lang, list[0]) }));
    return list[0].id;
  };
  const v = choice.version;
  /**
   * A disease the other version lists, else none, with a note.
   * @type {(disease: string | undefined) => boolean}
   */
  const listed = (disease) => {
    if (!disease || v.diseases.some((d) => d.id === disease)) return true;
    const asked = own.diseases.find((d) => d.id === disease);
    notes.push(tt(cx.lang, 'diseaseDropped', { policy: local(cx.lang, choice.policy, 'place'), disease: asked ? local(cx.lang, asked) : disease }));
    return false;
  };
  if (Object.keys(request.overrides).length && choice.policy.id !== request.policy) notes.push(tt(cx.lang, 'overridesDropped'));
  return {
    notes,
    /** @type {EngineRequest} */
    request: {
      ...request,
      policy: choice.policy.id,
      date: v.valid_from,
      scheme: pick(v.schemes, own.schemes, request.scheme),
      category: pick(v.categories, own.categories, request.category),
      age: v.age_up_to ? request.age : null,
      admissions: request.admissions.map(({ disease, ...a }) => ({ ...a, level: pick(v.levels, own.levels, a.level),
        ...(listed(disease) && disease ? { disease } : {}) })),
      // Chronic or special care for a disease the other version does not list is general outpatient care there.
      outpatient: request.outpatient?.map(({ disease, ...o }) => ({ ...o, level: pick(v.levels, own.levels, o.level),
        ...(listed(disease) ? (disease ? { disease } : {}) : { kind: 'general' }) })),
      overrides: choice.policy.id === request.policy ? request.overrides : {},
    },
  };
}

/**
 * Figures whose value differs between two explained estimates, or that only one used.
 * @param {Estimate} a
 * @param {Estimate} b
 */
function changedFigures(a, b) {
  /** @param {Estimate} e */
  const byName = (e) => new Map(e.figures.map((f) => [f.parameter, f]));
  const [left, right] = [byName(a), byName(b)];
  const names = [...new Set([...left.keys(), ...right.keys()])];
  return names.filter((n) => left.get(n)?.value !== right.get(n)?.value || !left.has(n) || !right.has(n))
    .map((n) => ({ name: n, left: left.get(n), right: right.get(n) }));
}

/** @param {ToolContext} cx */
async function compare(cx) {
  const own = household(cx);
  if (!own) return;
  const { lang, state } = cx;
  const { request } = own;
  const shown = versionOf(cx.catalogue, own.summary);
  const choices = versionChoices(cx, shown.version);
  if (!choices.some((c) => c.key === state.compareWith)) state.compareWith = defaultOther(cx, shown, choices);
  const choice = /** @type {Choice} */ (choices.find((c) => c.key === state.compareWith));
  const other = requestFor(cx, own, choice);
  const e = await engine([request.policy, choice.policy.id]);
  /** @type {Estimate} */
  let left;
  /** @type {Estimate} */
  let right;
  try {
    left = e.estimate(request);
    right = e.estimate(other.request);
  } catch (error) {
    fill(cx.container, h('p', { class: 'status error' }, message(lang, error)));
    return;
  }
  const select = h('select', { id: 'compare-with' }, choices.map((c) => h('option', { value: c.key, selected: c.key === state.compareWith }, c.label)));
  select.addEventListener('change', () => {
    state.compareWith = select.value;
    saveState();
    compare(cx);
  });
  /** @type {(a: string, b: string) => string} */
  const diff = (a, b) => {
    const d = fen(b) - fen(a);
    return `${d > 0n ? '+' : d < 0n ? '−' : ''}${yuan(fromFen(d < 0n ? -d : d))}`;
  };
  const samePolicy = choice.policy.id === request.policy;
  const heads = [versionLabel(lang, shown.policy, shown.version), choice.label];
  const changed = samePolicy ? changedFigures(left, right) : [];
  fill(cx.container,
    h('div', { class: 'field' }, h('label', { for: 'compare-with' }, tt(lang, 'compareWith')), select),
    h('p', {}, tt(lang, 'compareIntro')),
    other.notes.map((n) => h('p', { class: 'help warn' }, n)),
    // The documents' titles once, under the choice; the table's heads are short.
    samePolicy ? h('p', { class: 'help' }, local(lang, left, 'policy_name'))
      : [left, right].map((est, i) => h('p', { class: 'help' }, `${heads[i]}${lang === 'en' ? ': ' : '：'}${local(lang, est, 'policy_name')}`)),
    layerTable(lang, heads, [left, right], [
      h('tr', { class: 'diff' }, h('th', { scope: 'row' }, tt(lang, 'difference')), h('td', {}, ''),
        h('td', {}, diff(left.out_of_pocket.total, right.out_of_pocket.total))),
      h('tr', {}, h('th', { scope: 'row' }, tt(lang, 'shareReimbursed')), h('td', {}, percent(left.effective_ratio)), h('td', {}, percent(right.effective_ratio))),
    ]),
    samePolicy
      ? h('div', { class: 'differences' }, h('p', {}, tt(lang, 'changedRules')),
        changed.length
          ? h('ul', { class: 'figures changed' }, changed.map((c) => h('li', {},
            `${c.left?.value || tt(lang, 'absent')} → ${c.right?.value || tt(lang, 'absent')}`,
            h('ul', {}, /** @type {Figure[]} */ ([c.left, c.right].filter(Boolean)).map((f) => figure(f, lang))))))
          : h('p', { class: 'help' }, tt(lang, 'noChangedRules')))
      : h('p', { class: 'help' }, tt(lang, 'otherRegion')));
}

// ---- A year of stays -------------------------------------------------------------

/**
 * @typedef {object} Year the engine's year of stays (src/analysis/year.rs)
 * @property {Estimate} estimate
 * @property {{ level: string, cost: string, layers: { id: string, paid: string, so_far: string }[], out_of_pocket: string, out_of_pocket_so_far: string }[]} stays
 * @property {{ stay: number, kind: 'starts' | 'cap', layer: string }[]} marks
 */

/** @param {ToolContext} cx */
async function year(cx) {
  const own = household(cx);
  const stays = own && staysOnly(cx, own.request);
  if (!own || !stays) return;
  const { lang } = cx;
  const e = await engine([own.request.policy]);
  /** @type {Year} */
  const result = e.year({ ...stays.request, explain: false });
  const { version } = versionOf(cx.catalogue, own.summary);
  /** @param {string} id */
  const levelName = (id) => local(lang, version.levels.find((l) => l.id === id) || { name_zh: id, name_en: id });
  /** @param {string} id */
  const layerName = (id) => local(lang, /** @type {Layer} */ (result.estimate.layers.find((l) => l.id === id)));
  fill(cx.container,
    h('p', {}, tt(lang, result.stays.length > 1 ? 'yearIntro' : 'yearOneStay')),
    stays.note,
    h('ol', { class: 'stays' }, result.stays.map((stay, i) => {
      const marks = result.marks.filter((m) => m.stay === i + 1);
      return h('li', { class: marks.length ? 'card crossed' : 'card', 'data-stay': String(i + 1) },
        h('h3', {}, tt(lang, 'stayTitle', { n: i + 1, level: levelName(stay.level), cost: yuan(stay.cost) })),
        marks.map((m) => h('p', { class: `badge ${m.kind}` }, tt(lang, m.kind === 'starts' ? 'yearStarts' : 'yearCap', { layer: layerName(m.layer) }))),
        h('table', { class: 'layers' }, h('tbody', {},
          stay.layers.map((l) => h('tr', {}, h('th', { scope: 'row' }, layerName(l.id)),
            h('td', {}, yuan(l.paid), h('span', { class: 'so-far' }, tt(lang, 'soFar', { amount: yuan(l.so_far) }))))),
          h('tr', { class: 'oop' }, h('th', { scope: 'row' }, t(lang, 'outOfPocket')),
            h('td', {}, yuan(stay.out_of_pocket), h('span', { class: 'so-far' }, tt(lang, 'soFar', { amount: yuan(stay.out_of_pocket_so_far) })))))));
    })),
    h('p', { class: 'you-pay small' }, tt(lang, 'yearTotal', { total: yuan(result.estimate.total), oop: yuan(result.estimate.out_of_pocket.total) })));
}

// ---- The household sheet ----------------------------------------------------------

/**
 * The share link as a QR code, drawn on the device (vendor/qrcode.mjs, from npm qrcode-generator).
 * @param {string} text
 * @param {string} label
 */
async function qrCode(text, label) {
  const qr = await qrMatrix(text);
  const n = qr.getModuleCount();
  let d = '';
  for (let r = 0; r < n; r += 1) for (let c = 0; c < n; c += 1) if (qr.isDark(r, c)) d += `M${c + 4},${r + 4}h1v1h-1z`;
  return h('svg', { viewBox: `0 0 ${n + 8} ${n + 8}`, class: 'qr', role: 'img', 'aria-label': label },
    h('rect', { width: n + 8, height: n + 8, fill: '#fff' }), h('path', { d, fill: '#000' }));
}

/** @param {ToolContext} cx */
async function sheet(cx) {
  const own = household(cx);
  if (!own) return;
  const { lang } = cx;
  const e = await engine([own.request.policy]);
  /** @type {Estimate} */
  const est = e.estimate(own.request);
  const link = location.href;
  const paid = est.layers.reduce((sum, l) => sum + fen(l.paid), 0n);
  const lines = inputLines(own.summary, own.request);
  const cited = est.figures.filter((f) => f.origin === 'cited');
  const assumed = est.figures.filter((f) => f.origin === 'assumed');
  const overridden = est.figures.filter((f) => f.origin === 'overridden');
  const button = h('button', { type: 'button', class: 'secondary', id: 'print-sheet' }, tt(lang, 'printNow'));
  button.addEventListener('click', () => window.print());
  fill(cx.container,
    button,
    h('article', { id: 'sheet', class: 'sheet' },
      h('h3', {}, tt(lang, 'sheetTitle')),
      h('div', { class: 'sheet-head' },
        h('div', {}, lines.slice(0, -1).map((line) => h('p', {}, line)),
          h('p', { class: 'you-pay' }, t(lang, 'youPay'), ' ', h('strong', {}, `¥${yuan(est.out_of_pocket.total)}`)),
          est.out_of_date ? h('p', { class: 'help', id: 'sheet-out-of-date' }, h('strong', {}, outOfDate(est, lang))) : null,
          h('p', {}, tt(lang, 'sheetSummary', { total: yuan(est.total), paid: yuan(fromFen(paid)),
            ratio: percent(est.effective_ratio), oop: yuan(est.out_of_pocket.total) }))),
        h('figure', { class: 'qr-box' }, await qrCode(link, tt(lang, 'scan')), h('figcaption', {}, tt(lang, 'scan')))),
      h('table', { class: 'layers sheet-layers' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(lang, 'layer')), h('th', { scope: 'col' }, t(lang, 'paid')), h('th', { scope: 'col' }, tt(lang, 'why')))),
        h('tbody', {}, est.layers.map((l) => h('tr', {},
          h('th', { scope: 'row' }, local(lang, l)), h('td', {}, yuan(l.paid)),
          h('td', { class: 'why' }, l.steps.map((s) => h('p', {}, s[lang], s.formula ? h('span', { class: 'formula' }, s.formula) : null))))),
        h('tr', { class: 'oop' }, h('th', { scope: 'row' }, t(lang, 'outOfPocket')), h('td', {}, yuan(est.out_of_pocket.total)), h('td', {})))),
      reported(est.reported, lang),
      h('h4', {}, tt(lang, 'sources')),
      h('ul', { class: 'figures' }, cited.map((f) => figure(f, lang))),
      assumed.length ? [h('h4', {}, tt(lang, 'assumedFigures')), h('ul', { class: 'figures' }, assumed.map((f) => figure(f, lang)))] : null,
      overridden.length ? [h('h4', {}, tt(lang, 'yourFigures')), h('ul', { class: 'figures' }, overridden.map((f) => figure(f, lang)))] : null,
      h('p', { class: 'help' }, lines[lines.length - 1], ' · ', tt(lang, 'disclaimer')),
      h('p', { class: 'link' }, link)));
}

// ---- Batch files ------------------------------------------------------------------

/**
 * A file's text: UTF-8, or GBK as Excel on Chinese Windows saves CSV; null for
 * a file that is not a text table (a workbook, a picture, UTF-16 text, a UTF-8
 * mark before GBK bytes), which would otherwise read as nonsense column names.
 * @param {File} file
 */
async function fileText(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Control bytes other than tab and line ends are in no CSV file, in either encoding.
  if (bytes.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return null;
  /** @param {string} encoding */
  const decode = (encoding) => {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  };
  const utf8Mark = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return decode('utf-8') ?? (utf8Mark ? null : decode('gb18030'));
}

/** Household sheets drawn at most from one file: a village's worth, and what a printer takes in one go. */
const MAX_SHEETS = 500;

/** @param {ToolContext} cx */
async function batch(cx) {
  const { lang } = cx;
  if (cx.container.querySelector('#batch-run')) return;
  const households = await once('households.js', () => import('./households.js'));
  const file = h('input', { type: 'file', id: 'batch-file', accept: '.csv,.txt,text/csv,text/plain' });
  const paste = h('textarea', { id: 'batch-paste', rows: '5', spellcheck: 'false', autocomplete: 'off' });
  const run = h('button', { type: 'button', id: 'batch-run', class: 'primary' }, tt(lang, 'batchRun'));
  const out = h('div', { id: 'batch-result', role: 'status' });
  const name = h('input', { type: 'text', id: 'list-name', autocomplete: 'off', 'aria-describedby': 'list-msg' });
  const save = h('button', { type: 'button', id: 'list-save', class: 'secondary' }, tt(lang, 'listSave'));
  const saved = h('ul', { id: 'saved-lists', class: 'saved-lists' });
  const listMsg = h('p', { class: 'field-msg', id: 'list-msg' });
  /**
   * The chosen file's text, else the pasted table; null where there is none, which `refuse` says.
   * @param {(message: string) => void} refuse
   */
  const table = async (refuse) => {
    /** @type {string | null} */
    let text = paste.value;
    try {
      if (file.files?.[0]) text = await fileText(file.files[0]);
    } catch (error) {
      refuse(tt(lang, 'batchRead', { message: String(error) }));
      return null;
    }
    if (text === null || !text.trim()) {
      refuse(tt(lang, text === null ? 'batchNotText' : 'batchEmpty'));
      return null;
    }
    return text;
  };
  /** @param {string} text */
  const refuseList = (text) => fill(listMsg, h('span', { class: 'status error' }, text));
  const go = async () => {
    const text = await table((refused) => fill(out, h('p', { class: 'status error' }, refused)));
    if (text === null) return;
    const e = await engine(cx.catalogue.map((p) => p.id));
    const started = performance.now();
    /** @type {{ csv: string, rows: number, failed: number, errors: ({ line: number, id: string } & Bilingual<'column'> & Bilingual<'message'>)[] }} */
    let result;
    try {
      result = e.batch(text, lang === 'en');
    } catch (error) {
      const field = /** @type {EngineError} */ (error).field;
      fill(out, h('p', { class: 'status error' }, field ? t(lang, 'pair', { label: field, text: message(lang, error) }) : message(lang, error)));
      return;
    }
    const ms = performance.now() - started;
    // The previous results' file, if any, is let go.
    const previous = out.querySelector('#batch-download');
    if (previous) URL.revokeObjectURL(/** @type {HTMLAnchorElement} */ (previous).href);
    const batchUrl = URL.createObjectURL(new Blob([result.csv], { type: 'text/csv;charset=utf-8' }));
    const sheetsBox = h('div', { id: 'household-sheets' });
    const sheets = h('button', { type: 'button', id: 'batch-sheets', class: 'secondary' }, tt(lang, 'batchSheets'));
    sheets.addEventListener('click', () => {
      // The results with the column ids as headers, which the sheets read.
      const all = households.householdSheets(lang, cx.catalogue, text, e.batch(text, true).csv);
      const print = h('button', { type: 'button', id: 'print-households', class: 'primary' }, tt(lang, 'printHouseholds', { n: Math.min(all.length, MAX_SHEETS) }));
      print.addEventListener('click', () => window.print());
      fill(sheetsBox, print, all.length > MAX_SHEETS ? h('p', { class: 'help warn' }, tt(lang, 'sheetsCapped', { max: MAX_SHEETS, rows: all.length })) : null,
        all.slice(0, MAX_SHEETS));
    });
    fill(out,
      h('p', { id: 'batch-summary', 'data-ms': ms.toFixed(1) }, tt(lang, 'batchDone', { rows: result.rows, ok: result.rows - result.failed, failed: result.failed, ms: ms.toFixed(0) })),
      h('p', { class: 'actions' }, h('a', { href: batchUrl, download: 'yibao-results.csv', id: 'batch-download', class: 'button' }, tt(lang, 'batchDownload')),
        result.rows > result.failed ? sheets : null),
      result.errors.length ? [h('p', {}, tt(lang, 'batchErrors')), h('ul', { class: 'batch-errors' }, result.errors.map((r) =>
        h('li', {}, tt(lang, 'batchLine', { line: r.line, id: r.id, column: local(lang, r, 'column'), message: local(lang, r, 'message') }))))] : null,
      sheetsBox);
  };
  // The lists kept on this device, each to open, export as CSV or forget.
  const drawLists = () => {
    for (const link of saved.querySelectorAll('a[download]')) URL.revokeObjectURL(/** @type {HTMLAnchorElement} */ (link).href);
    const lists = Object.entries(households.savedLists());
    fill(saved, lists.length ? lists.map(([list, { csv, saved: day }]) => h('li', { 'data-list': list },
      h('span', { class: 'list-name' }, tt(lang, 'listLine', { name: list, rows: households.tableRows(csv).length - 1, date: day })), ' ',
      h('button', { type: 'button', class: 'link', 'data-open': list }, tt(lang, 'listOpen')), ' ',
      h('a', { href: households.csvFile(csv), download: `${list}.csv` }, tt(lang, 'listExport')), ' ',
      h('button', { type: 'button', class: 'link', 'data-forget': list }, tt(lang, 'listForget'))))
      : h('li', { class: 'help' }, tt(lang, 'listNone')));
  };
  save.addEventListener('click', async () => {
    const text = await table(refuseList);
    if (text === null) return;
    const list = name.value.trim();
    if (!list) {
      refuseList(tt(lang, 'listNameFirst'));
      name.focus();
      return;
    }
    try {
      households.keepList(list, text);
      fill(listMsg, tt(lang, 'listSaved', { name: list }));
    } catch {
      refuseList(tt(lang, 'listNotSaved'));
    }
    drawLists();
  });
  saved.addEventListener('click', (event) => {
    const { open, forget } = /** @type {HTMLElement} */ (event.target).dataset;
    const lists = households.savedLists();
    if (open !== undefined && lists[open]) {
      file.value = '';
      paste.value = lists[open].csv;
      name.value = open;
      go();
    } else if (forget !== undefined) {
      try {
        households.keepList(forget, null);
      } catch {
        refuseList(tt(lang, 'listNotSaved'));
      }
      drawLists();
    }
  });
  // A chosen file names the list after itself, unless a name is typed.
  file.addEventListener('change', () => {
    if (!name.value.trim() && file.files?.[0]) name.value = file.files[0].name.replace(/\.[^.]*$/, '');
  });
  run.addEventListener('click', go);
  drawLists();
  fill(cx.container,
    h('p', {}, tt(lang, 'batchIntro')),
    h('p', { class: 'help' }, tt(lang, 'batchFormat'), ' ', h('a', { href: 'batch-example.csv', download: 'batch-example.csv' }, tt(lang, 'batchExample'))),
    h('div', { class: 'field' }, h('label', { for: 'batch-file' }, tt(lang, 'batchFile')), file),
    h('div', { class: 'field' }, h('label', { for: 'batch-paste' }, tt(lang, 'batchPaste')), paste),
    run,
    out,
    h('section', { class: 'lists', 'aria-labelledby': 'lists-title' },
      h('h3', { id: 'lists-title' }, tt(lang, 'listsTitle')),
      h('p', { class: 'help' }, tt(lang, 'listsIntro')),
      h('div', { class: 'field' }, h('label', { for: 'list-name' }, tt(lang, 'listName')), name, listMsg),
      save,
      saved));
}

// ---- Every policy figure ------------------------------------------------------------

/**
 * @typedef {object} Block a line of a policy's figures (policies/<id>.figures.json, by `yibao bake`)
 * @property {'heading' | 'paragraph' | 'item'} kind
 * @property {number} level
 * @property {string} text
 * @property {string} text_en
 * @property {string} [value]
 * @property {string} [value_en]
 * @property {Figure} [figure]
 */

/**
 * A figure's other reading in the policy view; for the household's own
 * version, a button that computes the household with it, or goes back.
 * @param {ToolContext} cx
 * @param {Figure} f
 * @param {boolean} own the household's policy version
 */
function otherReading(cx, f, own) {
  const { lang, state } = cx;
  const { other } = f;
  if (!other) return null;
  const reading = local(lang, other, 'reading');
  const using = own && state.overrides[f.parameter] === other.value;
  /** @type {(text: string, attrs: Record<string, string>) => Element} */
  const button = (text, attrs) => h('button', { type: 'button', class: 'link', 'aria-label': t(lang, 'pair', { label: text, text: f.parameter }), ...attrs }, text);
  return h('span', { class: 'other' }, ' ',
    using ? t(lang, 'usingOther', { reading, value: f.value }) : t(lang, 'otherReading', { value: other.value, reading }),
    !own ? null : using ? button(t(lang, 'restore'), { 'data-restore': f.parameter })
      : button(t(lang, 'useOther'), { 'data-apply': f.parameter, 'data-value': other.value }));
}

/** @param {ToolContext} cx */
async function policies(cx) {
  const { lang, state } = cx;
  if (!cx.catalogue.some((p) => p.id === state.inspect)) state.inspect = /** @type {string} */ (state.policy);
  const id = state.inspect;
  // The household's version, whose figures its other readings can replace ("YYYY-MM-DD 至 YYYY-MM-DD" in a version's heading).
  const household = cx.summary && cx.summary.policy === id ? `（${cx.summary.valid_from} 至 ${cx.summary.valid_to}）` : null;
  let own = false;
  /** @type {Block[]} */
  const blocks = await fetchOnce(`policies/${id}.figures.json`, (r) => r.json());
  const select = h('select', { id: 'inspect-policy' }, cx.catalogue.map((p) => h('option', { value: p.id, selected: p.id === id }, local(lang, p))));
  select.addEventListener('change', () => {
    state.inspect = select.value;
    saveState();
    policies(cx);
  });
  /** @param {Figure} f */
  const origin = (f) => (f.origin === 'cited'
    ? h('span', { class: 'cited' }, h('span', { class: 'badge muted' }, tt(lang, 'cited')), ` ${local(lang, f, 'cited')} [${f.source}] `, quote(f.quote),
      f.reading ? h('span', { class: 'reading' }, readAs(f, lang)) : null)
    : h('span', { class: 'assumed' }, h('span', { class: 'badge warn' }, tt(lang, 'assumed')),
      ` ${f.origin === 'assumed' ? local(lang, f, 'reason') || f.reason_zh : undefined}`));
  /** @type {Element[]} */
  const body = [];
  /** @type {Element | null} */
  let list = null;
  for (const block of blocks) {
    if (block.kind !== 'item') list = null;
    if (block.kind === 'heading' && block.level === 2) own = household !== null && block.text.endsWith(household);
    const text = lang === 'en' ? block.text_en : block.text;
    if (block.kind === 'heading') body.push(h(block.level <= 1 ? 'h3' : 'h4', {}, text));
    else if (block.kind === 'paragraph') body.push(h('p', { class: 'notes' }, text));
    else {
      if (!list) body.push(list = h('ul', { class: 'inspect' }));
      list.append(h('li', { class: block.figure?.origin || 'fact' },
        block.value ? t(lang, 'pair', { label: text, text: '' }) : text,
        block.value ? h('strong', {}, lang === 'en' ? block.value_en : block.value) : null,
        block.figure ? [' ', origin(block.figure), ' ', h('code', {}, block.figure.parameter), otherReading(cx, block.figure, own)] : null));
    }
  }
  fill(cx.container,
    h('div', { class: 'field' }, h('label', { for: 'inspect-policy' }, tt(lang, 'inspectPolicy')), select),
    h('p', {}, tt(lang, 'inspectIntro')),
    h('div', { id: 'inspect' }, body));
}
