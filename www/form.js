// The form: built from the state and the chosen policy version, read back
// into the state on every change, and each field's message.
import { MESSAGES, SETTINGS, local, t } from './messages.js';
import { $, h, refill, valueAt } from './render.js';
import { blank, normalise, outpatientDiseases, page, stayDiseases } from './state.js';

/**
 * A field: its label, control, help and room for its message.
 * @param {string} id
 * @param {import('./messages.js').MessageKey} labelKey
 * @param {Element} control
 * @param {import('./messages.js').MessageKey | null} [helpKey]
 */
function field(id, labelKey, control, helpKey) {
  const lang = page.state.lang;
  return h('div', { class: 'field' },
    h('label', { for: id }, t(lang, labelKey)),
    control,
    helpKey ? h('p', { class: 'help', id: `${id}-help` }, t(lang, helpKey)) : null,
    h('p', { class: 'field-msg', id: `${id}-msg` }));
}

/**
 * A select; a value it lacks (from a link) shows as "choose…".
 * @param {string} id
 * @param {Named[]} options
 * @param {string | undefined} value
 */
function select(id, options, value, describedBy = `${id}-msg`) {
  return choices(id, options.map((o) => [o.id, local(page.state.lang, o)]), value, '', describedBy);
}

/**
 * A select of [value, text] options; a value it lacks (from a link) shows as
 * "choose…", with the value `unset`, which reading the form takes for "keep".
 * @param {string} id
 * @param {[string, string][]} options
 * @param {string | undefined} value
 * @param {string} unset
 */
function choices(id, options, value, unset, describedBy = `${id}-msg`) {
  const offered = options.some(([o]) => o === value);
  return h('select', { id, name: id, 'aria-describedby': describedBy },
    offered ? null : h('option', { value: unset, selected: true }, t(page.state.lang, 'choose')),
    options.map(([o, text]) => h('option', { value: o, selected: o === value }, text)));
}

/**
 * An amount's box.
 * @param {string} id
 * @param {string} value
 * @param {boolean} compliant the compliant cost (else the out-of-policy one)
 */
function amountInput(id, value, compliant) {
  return h('input', { id, name: id, type: 'text', inputmode: 'decimal', autocomplete: 'off', value,
    placeholder: compliant ? '12000' : '0', 'aria-describedby': `${id}-help ${id}-msg` });
}

/**
 * A cost's amounts: a box to tick when only the total is known, then the
 * total's field or the compliant and out-of-policy ones. Both are built, one
 * hidden: ticking needs no new form (readForm shows the one it reads).
 * @param {string} prefix '' for a stay, op- for an outpatient cost
 * @param {number} i
 * @param {Stay | Outpatient} cost
 * @param {import('./messages.js').MessageKey[]} keys the labels of the total, the compliant and the out-of-policy cost, and the help of the last two
 * @param {boolean} help with the help (the first cost)
 */
function costFields(prefix, i, cost, [total, compliant, outOfPolicy, compliantHelp, outOfPolicyHelp], help) {
  /** @param {string} name */
  const id = (name) => `${prefix}${name}-${i}`;
  const byTotal = cost.total !== undefined;
  return [
    h('div', { class: 'field check' },
      h('input', { type: 'checkbox', id: id('by-total'), name: id('by-total'), checked: byTotal }),
      h('label', { for: id('by-total') }, t(page.state.lang, 'byTotal'))),
    h('div', { id: id('total-field'), hidden: !byTotal },
      field(id('total'), total, amountInput(id('total'), cost.totalText ?? cost.total ?? '', true), help ? 'totalHelp' : null)),
    h('div', { id: id('split'), hidden: byTotal },
      field(id('compliant'), compliant, amountInput(id('compliant'), cost.compliantText ?? cost.compliant, true), help ? compliantHelp : null),
      field(id('out-of-policy'), outOfPolicy, amountInput(id('out-of-policy'), cost.outOfPolicyText ?? cost.outOfPolicy, false), help ? outOfPolicyHelp : null)),
  ];
}

/**
 * A category's explanation (own properties only: the id may come from a link).
 * @param {string} id
 */
function categoryHelp(id) {
  const help = /** @type {Record<string, string>} */ (MESSAGES[page.state.lang].categories);
  return Object.hasOwn(help, id) ? help[id] : '';
}

/**
 * A few names of a list, as examples in a sentence.
 * @param {Named[]} list
 */
function examples(list) {
  const lang = page.state.lang;
  // Within a sentence: the names as they are, not capitalised as local() shows a name on its own.
  return list.slice(0, 3).map((d) => (lang === 'en' ? d.name_en : d.name_zh)).join(t(lang, 'listSep'));
}

/**
 * An optional part of the form, open on demand: its title, a line saying what
 * it is for and, once something is filled in, how much (readForm counts it).
 * @param {Section} id
 * @param {import('./messages.js').MessageKey} title
 * @param {string} hint
 * @param {Children} body
 */
function section(id, title, hint, body) {
  const lang = page.state.lang;
  return h('details', { class: 'optional', id: `section-${id}`, open: page.sections.has(id), ontoggle: (event) => {
    if (/** @type {HTMLDetailsElement} */ (event.target).open) page.sections.add(id);
    else page.sections.delete(id);
  } },
  h('summary', {}, h('span', { class: 'title' }, t(lang, title)), ' ',
    h('span', { class: 'badge', id: `section-${id}-filled`, hidden: true }),
    h('span', { class: 'help' }, hint)),
  body);
}

/**
 * Where care was: every setting (one the version does not name is paid as local care, and says so).
 * @param {string} id
 * @param {VersionInfo} version
 * @param {string} value '' for local care
 */
function settingSelect(id, version, value) {
  const lang = page.state.lang;
  const names = MESSAGES[lang].settings;
  return choices(id, SETTINGS.map((s) => [s, s === 'local' || version.settings.some((v) => v.id === s)
    ? names[s] : t(lang, 'notDistinguished', { setting: names[s] })]), value || 'local', '');
}

/**
 * A disease from `list`, or none (the value NONE).
 * @param {string} id
 * @param {Named[]} list
 * @param {string} value '' for none
 * @param {import('./messages.js').MessageKey | null} none the text of "none", or null where a disease must be chosen
 */
function diseaseSelect(id, list, value, none) {
  const lang = page.state.lang;
  return choices(id, [...(none ? [/** @type {[string, string]} */ ([NONE, t(lang, none)])] : []),
    ...list.map((d) => /** @type {[string, string]} */ ([d.id, local(lang, d)]))], value || (none ? NONE : ''), '');
}

/** The value of "no disease" in a disease's select ('' is "choose…", which keeps a value from a link). */
const NONE = '-';

/**
 * The name of a kind of outpatient care: the page's plain words, else the catalogue's.
 * @param {Named} kind
 */
function kindName(kind) {
  const names = /** @type {Record<string, string>} */ (MESSAGES[page.state.lang].kinds);
  return Object.hasOwn(names, kind.id) ? names[kind.id] : local(page.state.lang, kind);
}

/**
 * The section of outpatient costs: one fieldset a cost (an empty one when there is none yet).
 * @param {VersionInfo} version
 */
function outpatientSection(version) {
  const { state } = page;
  const lang = state.lang;
  const chronic = outpatientDiseases(version);
  const items = state.outpatient.length ? state.outpatient : [newOutpatient(version.outpatient_kinds[0]?.id ?? '', version.levels[0].id)];
  return section('outpatient', 'outpatientTitle', chronic.length ? t(lang, 'outpatientHint', { examples: examples(chronic) }) : t(lang, 'outpatientHintGeneral'), [
    ...items.map((item, i) => h('fieldset', { class: 'stay' },
      h('legend', {}, t(lang, 'outpatientItem', { n: i + 1 })),
      field(`op-kind-${i}`, 'kind', choices(`op-kind-${i}`, version.outpatient_kinds.map((k) => [k.id, kindName(k)]), item.kind, '')),
      item.kind === 'general' ? null : field(`op-disease-${i}`, 'disease', diseaseSelect(`op-disease-${i}`, chronic, item.disease, null)),
      field(`op-level-${i}`, 'level', select(`op-level-${i}`, version.levels, item.level)),
      costFields('op-', i, item, ['yearTotal', 'yearCompliant', 'yearOutOfPolicy', 'yearCompliantHelp', 'outOfPolicyHelp'], i === 0),
      item.kind === 'general'
        ? field(`op-visits-${i}`, 'visits', h('input', { id: `op-visits-${i}`, name: `op-visits-${i}`, type: 'text', inputmode: 'numeric',
          autocomplete: 'off', value: item.visits, placeholder: '1', 'aria-describedby': `op-visits-${i}-help op-visits-${i}-msg` }), 'visitsHelp')
        : null,
      field(`op-setting-${i}`, 'setting', settingSelect(`op-setting-${i}`, version, item.setting),
        i === 0 && version.settings.length < SETTINGS.length ? 'settingHelp' : null),
      state.outpatient.length > 1
        ? h('button', { type: 'button', class: 'link', 'data-remove-outpatient': String(i) }, t(lang, 'removeOutpatient'))
        : null)),
    h('button', { type: 'button', id: 'add-outpatient', class: 'secondary' }, t(lang, 'addOutpatient')),
  ]);
}

/**
 * The section of care away from home: where each stay was, and its disease where the version lists diseases for stays.
 * @param {VersionInfo} version
 */
function awaySection(version) {
  const { state } = page;
  const lang = state.lang;
  const diseases = stayDiseases(version);
  // Where the list names diseases for stays, the title says so: a stay for
  // leukaemia at the local city hospital is entered here too.
  return section('away', diseases.length ? 'awayTitleDiseases' : 'awayTitle', diseases.length ? t(lang, 'awayHintDiseases', { examples: examples(diseases) }) : t(lang, 'awayHint'),
    state.stays.map((stay, i) => h('fieldset', { class: 'stay' },
      h('legend', {}, t(lang, 'stay', { n: i + 1 })),
      field(`setting-${i}`, 'setting', settingSelect(`setting-${i}`, version, stay.setting),
        i === 0 && version.settings.length < SETTINGS.length ? 'settingHelp' : null),
      // A disease from a link stays in sight, to be said at its field, where the version has none.
      diseases.length || stay.disease
        ? field(`disease-${i}`, 'stayDisease', diseaseSelect(`disease-${i}`, diseases, stay.disease, 'noDisease'), i === 0 ? 'stayDiseaseHelp' : null)
        : null)));
}

/**
 * An outpatient cost with nothing typed.
 * @param {string} kind
 * @param {string} level
 * @returns {Outpatient}
 */
const newOutpatient = (kind, level) => ({ kind, level, compliant: '', outOfPolicy: '', disease: '', setting: '', visits: '' });

/**
 * The region by place: the province (its value: its first policy), then the
 * city or county (a policy of the whole province: 全省; two of one place:
 * each with its title), and under them the chosen policy's title and its
 * versions, once.
 * @param {PolicyInfo | undefined} chosen
 */
function placeFields(chosen) {
  const { state, catalogue } = page;
  const lang = state.lang;
  const here = catalogue.filter((p) => p.province_zh === chosen?.province_zh);
  /** @type {Map<string, [string, string]>} */
  const provinces = new Map();
  for (const p of catalogue) if (!provinces.has(p.province_zh)) provinces.set(p.province_zh, [p.id, local(lang, p, 'province')]);
  /** @param {PolicyInfo} p */
  const place = (p) => (p.place_zh === p.province_zh ? t(lang, 'wholeProvince') : local(lang, p, 'place'));
  /** @param {PolicyInfo} p */
  const named = (p) => (here.filter((q) => place(q) === place(p)).length > 1 ? t(lang, 'pair', { label: place(p), text: local(lang, p) }) : place(p));
  return [
    field('province', 'province', choices('province', [...provinces.values()], here[0]?.id, '')),
    h('div', { class: 'field' },
      h('label', { for: 'policy' }, t(lang, 'policy')),
      choices('policy', here.map((p) => [p.id, named(p)]), state.policy, '', 'policy-help policy-msg'),
      h('p', { class: 'help', id: 'policy-help' }, chosen ? t(lang, 'withVersions', { name: local(lang, chosen), labels: chosen.versions.map((v) => v.label).join(t(lang, 'listSep')) }) : ''),
      h('p', { class: 'field-msg', id: 'policy-msg' })),
  ];
}

/**
 * The age, where the version reads it. Where it reads it only for children
 * (each rule up to an age under 18), first "the patient is a minor", and the
 * age once that is ticked (or the link gives an age): nobody else is asked.
 * @param {VersionInfo} version
 */
function ageFields(version) {
  const { state } = page;
  if (!version.age_up_to) return [];
  const childOnly = Number(version.age_up_to) < 18;
  // Ticked before this rebuild stays ticked.
  const child = !childOnly || state.age !== '' || Boolean(/** @type {HTMLInputElement | null} */ ($('child'))?.checked);
  const age = field('age', 'age', h('input', { id: 'age', name: 'age', type: 'text', inputmode: 'numeric', autocomplete: 'off', value: state.age, 'aria-describedby': 'age-help age-msg' }), 'ageHelp');
  age.hidden = !child;
  return [childOnly ? h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'child', name: 'child', checked: child }), t(state.lang, 'child')) : null, age];
}

/**
 * Builds the whole form from the state and the chosen policy version (readForm
 * fills in the category's help), keeping the field `active` as it is.
 * (Chromium's date box has the body in focus while it says it changed.)
 */
export function buildForm(active = document.activeElement) {
  const { state, cleared } = page;
  const lang = state.lang;
  const chosen = normalise();
  const version = chosen?.version;
  const stays = version && state.stays.map((stay, i) => h('fieldset', { class: 'stay' },
    h('legend', {}, t(lang, 'stay', { n: i + 1 })),
    field(`level-${i}`, 'level', select(`level-${i}`, version.levels, stay.level)),
    costFields('', i, stay, ['totalCost', 'compliant', 'outOfPolicy', 'compliantHelp', 'outOfPolicyHelp'], i === 0),
    state.stays.length > 1
      ? h('button', { type: 'button', class: 'link', 'data-remove': String(i) }, t(lang, 'removeStay'))
      : null));
  refill($('form'), active,
    placeFields(chosen?.policy),
    // The browser empties an impossible date; its message says what the link had.
    field('date', 'date', h('input', { id: 'date', name: 'date', type: 'date', value: state.date, 'aria-describedby': 'date-help date-msg' }), 'dateHelp'),
    cleared && h('p', { class: 'notice', role: 'status' }, t(lang, cleared.key,
      { figures: cleared.figures.map(([p, v]) => (v ? `${p} = ${v}` : p)).join(t(lang, 'listSep')) })),
    // Nothing else to choose until the region is known.
    version ? [
      field('scheme', 'scheme', select('scheme', version.schemes, state.scheme)),
      h('div', { class: 'field' },
        h('label', { for: 'category' }, t(lang, 'category')),
        select('category', version.categories, state.category, 'category-help category-msg'),
        h('p', { class: 'help', id: 'category-help' }),
        h('p', { class: 'field-msg', id: 'category-msg' })),
      ...ageFields(version),
      h('h2', {}, t(lang, 'stays')),
      ...(stays || []),
      h('button', { type: 'button', id: 'add-stay', class: 'secondary' }, t(lang, 'addStay')),
      // Costs a link gives stay in sight where the version pays no outpatient care, to be said at their fields.
      version.outpatient_kinds.length || state.outpatient.length ? outpatientSection(version) : null,
      awaySection(version),
    ] : null,
    // On a phone the result is under the form: this line stays in sight while the form scrolls.
    h('a', { href: '#result', id: 'sticky-pay', class: 'sticky-pay', hidden: true }));
  $('form').hidden = false;
}

/** Another stay, at the last one's hospital level and where it was, its cost box in focus once the form is redrawn. */
export function addStay() {
  const { stays } = page.state;
  const last = stays[stays.length - 1];
  stays.push({ level: last.level, compliant: '', outOfPolicy: '', setting: last.setting, disease: '' });
}

/**
 * Another outpatient cost at the last one's level, of the first kind the
 * version pays (general care where it does): a copy of a chronic cost's kind
 * would ask for a disease before anything is computed again.
 */
export function addOutpatient() {
  // First: normalise() may put a new list of costs in the state.
  const first = normalise()?.version.outpatient_kinds[0]?.id;
  const { outpatient } = page.state;
  const last = outpatient[outpatient.length - 1];
  outpatient.push(newOutpatient(first ?? last?.kind ?? '', last?.level ?? ''));
}

/**
 * Shows (or, without error, clears) a field's message; false if there is no such field.
 * @param {string} id
 * @param {Bilingual<'message'>} [error]
 */
export function fieldMessage(id, error) {
  const input = $(id);
  const msg = $(`${id}-msg`);
  if (!input || !msg) return false;
  msg.textContent = error ? local(page.state.lang, error, 'message') : '';
  if (error) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  return true;
}

/**
 * The form's id of a field: stays[1].outOfPolicy, admissions[1].out_of_policy → out-of-policy-1;
 * outpatient[0].compliant → op-compliant-0.
 * @param {string} field
 */
export function formId(field) {
  const item = /^(admissions|stays|outpatient)\[(\d+)\]\.(\w+)$/.exec(field);
  if (!item) return field;
  const name = item[3].replace(/_/g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return `${item[1] === 'outpatient' ? 'op-' : ''}${name}-${item[2]}`;
}

/**
 * Says in a section's title how many of its items are filled in (none: nothing is said).
 * @param {Section} id
 * @param {number} n
 */
function filled(id, n) {
  const badge = $(`section-${id}-filled`);
  if (!badge) return;
  badge.textContent = t(page.state.lang, 'filled', { n });
  badge.hidden = n === 0;
}

/**
 * Reads the form into the state; `say(field, error)` is told each amount that
 * is wrong. False while there is nothing to compute: no version's fields, or
 * a compliant cost missing or wrong.
 * @param {(field: string, error: Bilingual<'message'>) => unknown} say
 * @param {(id: string, text: string) => { value: string }} parseAmount the engine's
 */
export function readForm(say, parseAmount) {
  const { state, touched } = page;
  let complete = Boolean($('scheme'));
  if (complete) {
    // "choose…" (empty) keeps the id it stands for, to be said.
    state.scheme = valueAt('scheme') || state.scheme;
    state.category = valueAt('category') || state.category;
    // The age box is in view once "a minor" is ticked, where the version asks that first.
    const asked = /** @type {HTMLInputElement | null} */ ($('child'))?.checked ?? true;
    if ($('age')) /** @type {HTMLElement} */ ($('age').parentElement).hidden = !asked;
    state.age = $('age') && asked ? valueAt('age').trim() : '';
    $('category-help').textContent = categoryHelp(valueAt('category'));
    /**
     * A cost's amounts as typed (`prefix` op- for an outpatient cost), and
     * whether only its total is known (`total` then present, '' until read).
     * The total's field or the other two are shown, as the box says.
     * @param {string} prefix
     * @param {number} i
     */
    const typed = (prefix, i) => {
      const byTotal = /** @type {HTMLInputElement} */ ($(`${prefix}by-total-${i}`)).checked;
      $(`${prefix}total-field-${i}`).hidden = !byTotal;
      $(`${prefix}split-${i}`).hidden = byTotal;
      return { compliantText: valueAt(`${prefix}compliant-${i}`), outOfPolicyText: valueAt(`${prefix}out-of-policy-${i}`),
        totalText: valueAt(`${prefix}total-${i}`), ...(byTotal ? { total: '' } : {}) };
    };
    /**
     * A cost's amounts as normalised decimal texts ('0' for an empty
     * out-of-policy one): its total alone where `byTotal`, else its two
     * parts; '' each where `skip`. What is missing or wrong is '' and leaves the form incomplete.
     * @param {string} prefix
     * @param {number} i
     * @param {string} name the state's name of the cost: stays[0], outpatient[0]
     * @param {boolean} skip
     * @param {boolean} byTotal
     * @returns {{ compliant: string, outOfPolicy: string, total?: string }}
     */
    const amounts = (prefix, i, name, skip, byTotal) => {
      /** @type {(['compliant' | 'outOfPolicy' | 'total', string, boolean])[]} */
      const boxes = byTotal ? [['total', 'total', false]] : [['compliant', 'compliant', false], ['outOfPolicy', 'out-of-policy', true]];
      const values = boxes.map(([key, box, optional]) => {
        const id = `${prefix}${box}-${i}`;
        const text = valueAt(id);
        fieldMessage(id);
        /** @type {string | null} */
        let value = null;
        if (skip) value = '';
        else if (optional && text.trim() === '') value = '0';
        // Empty and never typed in: no complaint yet, the status says what to do.
        else if (text.trim() !== '' || touched.has(id)) {
          try {
            value = parseAmount(id, text).value;
          } catch (error) {
            say(`${name}.${key}`, /** @type {EngineError} */ (error));
          }
        }
        if (value === null) complete = false;
        return value ?? '';
      });
      return byTotal ? { compliant: '', outOfPolicy: '', total: values[0] } : { compliant: values[0], outOfPolicy: values[1] };
    };
    /**
     * A select's choice: "choose…" ('') keeps the value it stands for; `none` is ''.
     * @param {string} id
     * @param {string} kept
     */
    const chosen = (id, kept, none = '') => {
      fieldMessage(id);
      const value = $(id) ? valueAt(id) : '';
      return value === '' ? kept : value === none ? '' : value;
    };
    // What was typed stays in the form; the URL and the request get the normalised amounts.
    // Outpatient costs first: with one of them, the stays may be left empty.
    /** @type {Outpatient[]} */
    const outpatient = [];
    for (let i = 0; $(`op-kind-${i}`); i += 1) {
      const item = state.outpatient[i] ?? { kind: '', level: '', disease: '', setting: '' };
      const kind = chosen(`op-kind-${i}`, item.kind);
      const texts = typed('op-', i);
      // An empty cost is no cost: nothing to say, nothing to compute.
      const read = amounts('op-', i, `outpatient[${i}]`, blank({ compliant: '', outOfPolicy: '', ...texts }), texts.total !== undefined);
      outpatient.push({ kind, level: chosen(`op-level-${i}`, item.level), ...texts, ...read,
        disease: kind === 'general' ? '' : chosen(`op-disease-${i}`, item.disease),
        setting: chosen(`op-setting-${i}`, item.setting, 'local'),
        visits: kind === 'general' && $(`op-visits-${i}`) ? valueAt(`op-visits-${i}`).trim() : '' });
      fieldMessage(`op-visits-${i}`);
    }
    state.outpatient = outpatient;
    const onlyOutpatient = outpatient.some((o) => !blank(o))
      && state.stays.every((_, i) => blank({ compliant: '', outOfPolicy: '', ...typed('', i) }));
    state.stays = state.stays.map((stay, i) => {
      const texts = typed('', i);
      return { level: chosen(`level-${i}`, stay.level), ...texts, ...amounts('', i, `stays[${i}]`, onlyOutpatient, texts.total !== undefined),
        setting: chosen(`setting-${i}`, stay.setting, 'local'), disease: chosen(`disease-${i}`, stay.disease, NONE) };
    });
    filled('outpatient', outpatient.filter((o) => !blank(o)).length);
    filled('away', state.stays.filter((s) => s.setting || s.disease).length);
  }
  for (const id of ['policy', 'date', 'scheme', 'category', 'age']) fieldMessage(id);
  return complete;
}

/**
 * The stays and outpatient costs of `state` as the engine reads them (spec
 * names; where, disease and visits only where given). Outpatient costs
 * with nothing typed are left out, and so are the stays when all are empty
 * and an outpatient cost is not; a missing or wrong amount is 0 (the form
 * says what is wrong, and nothing is shown until it is right).
 * @param {Pick<State, 'stays' | 'outpatient'>} state
 * @returns {Pick<EngineRequest, 'admissions' | 'outpatient'>}
 */
export function care(state) {
  /** @type {(key: string, value: string) => Record<string, string>} */
  const given = (key, value) => (value ? { [key]: value } : {});
  /** @type {(c: Stay | Outpatient) => Cost} */
  const cost = (c) => (c.total === undefined ? { compliant: c.compliant || '0', out_of_policy: c.outOfPolicy || '0' } : { total: c.total || '0' });
  const outpatient = state.outpatient.filter((o) => !blank(o)).map((o) => ({ kind: o.kind, ...given('disease', o.disease), level: o.level,
    ...given('setting', o.setting), ...given('visits', o.visits), ...cost(o) }));
  const admissions = outpatient.length && state.stays.every(blank) ? [] : state.stays.map((s) => ({ level: s.level,
    ...cost(s), ...given('setting', s.setting), ...given('disease', s.disease) }));
  return { admissions, outpatient };
}

/**
 * The state's name of a field the engine names in a request `care` made:
 * admissions[1].out_of_policy → stays[1].outOfPolicy; outpatient[0].disease
 * → outpatient[2].disease where the first two costs were left out as empty.
 * @param {string} field
 * @param {Pick<State, 'outpatient'>} state
 */
export function stateField(field, state) {
  const sent = state.outpatient.flatMap((o, i) => (blank(o) ? [] : [i]));
  return field.replace(/^admissions\[/, 'stays[').replace(/^outpatient\[(\d+)\]/, (whole, k) => (Number(k) < sent.length ? `outpatient[${sent[Number(k)]}]` : whole))
    .replace(/out_of_policy$/, 'outOfPolicy');
}
