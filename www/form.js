// The form: built from the state and the chosen policy version, read back
// into the state on every change, and each field's message.
import { MESSAGES, local, t } from './messages.js';
import { $, fill, h, valueAt } from './render.js';
import { normalise, page } from './state.js';

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
  const offered = options.some((o) => o.id === value);
  return h('select', { id, name: id, 'aria-describedby': describedBy },
    offered ? null : h('option', { value: '', selected: true }, t(page.state.lang, 'choose')),
    options.map((o) => h('option', { value: o.id, selected: o.id === value }, local(page.state.lang, o))));
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
 * A category's explanation (own properties only: the id may come from a link).
 * @param {string} id
 */
function categoryHelp(id) {
  const help = /** @type {Record<string, string>} */ (MESSAGES[page.state.lang].categories);
  return Object.hasOwn(help, id) ? help[id] : '';
}

/** Builds the whole form from the state and the chosen policy version (readForm fills in the category's help). */
export function buildForm() {
  const { state, catalogue, cleared } = page;
  const lang = state.lang;
  const version = normalise()?.version;
  /** @param {PolicyInfo} p */
  const province = (p) => local(lang, p, 'province');
  const policySelect = h('select', { id: 'policy', name: 'policy', 'aria-describedby': 'policy-msg' },
    version ? null : h('option', { value: '', selected: true }, t(lang, 'choose')),
    [...new Set(catalogue.map(province))].map((group) => h('optgroup', { label: group }, catalogue
      .filter((p) => province(p) === group)
      .map((p) => h('option', { value: p.id, selected: p.id === state.policy },
        `${local(lang, p)}（${p.versions.map((v) => v.label).join('、')}）`)))));
  const stays = version && state.stays.map((stay, i) => h('fieldset', { class: 'stay' },
    h('legend', {}, t(lang, 'stay', { n: i + 1 })),
    field(`level-${i}`, 'level', select(`level-${i}`, version.levels, stay.level)),
    field(`compliant-${i}`, 'compliant', amountInput(`compliant-${i}`, stay.compliantText ?? stay.compliant, true), i === 0 ? 'compliantHelp' : null),
    field(`out-of-policy-${i}`, 'outOfPolicy', amountInput(`out-of-policy-${i}`, stay.outOfPolicyText ?? stay.outOfPolicy, false), i === 0 ? 'outOfPolicyHelp' : null),
    state.stays.length > 1
      ? h('button', { type: 'button', class: 'link', 'data-remove': String(i) }, t(lang, 'removeStay'))
      : null));
  fill($('form'),
    field('policy', 'policy', policySelect),
    // The browser empties an impossible date; its message says what the link had.
    field('date', 'date', h('input', { id: 'date', name: 'date', type: 'date', value: state.date, 'aria-describedby': 'date-help date-msg' }), 'dateHelp'),
    cleared && h('p', { class: 'notice', role: 'status' }, t(lang, cleared.key,
      { figures: cleared.figures.map(([p, v]) => (v ? `${p} = ${v}` : p)).join('、') })),
    // Nothing else to choose until the region is known.
    version ? [
      field('scheme', 'scheme', select('scheme', version.schemes, state.scheme)),
      h('div', { class: 'field' },
        h('label', { for: 'category' }, t(lang, 'category')),
        select('category', version.categories, state.category, 'category-help category-msg'),
        h('p', { class: 'help', id: 'category-help' }),
        h('p', { class: 'field-msg', id: 'category-msg' })),
      version.uses_age
        ? field('age', 'age', h('input', { id: 'age', name: 'age', type: 'text', inputmode: 'numeric', autocomplete: 'off', value: state.age, 'aria-describedby': 'age-help age-msg' }), 'ageHelp')
        : null,
      h('h2', {}, t(lang, 'stays')),
      ...(stays || []),
      h('button', { type: 'button', id: 'add-stay', class: 'secondary' }, t(lang, 'addStay')),
    ] : null,
    // On a phone the result is under the form: this line stays in sight while the form scrolls.
    h('a', { href: '#result', id: 'sticky-pay', class: 'sticky-pay', hidden: true }));
  $('form').hidden = false;
}

/** Another stay, at the last one's hospital level, its cost box in focus once the form is redrawn. */
export function addStay() {
  const { stays } = page.state;
  stays.push({ level: stays[stays.length - 1].level, compliant: '', outOfPolicy: '' });
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
 * The form's id of a field: stays[1].outOfPolicy, admissions[1].out_of_policy → out-of-policy-1.
 * @param {string} field
 */
export function formId(field) {
  const stay = /^(?:admissions|stays)\[(\d+)\]\.(\w+)$/.exec(field);
  return stay ? `${/^out/.test(stay[2]) ? 'out-of-policy' : stay[2]}-${stay[1]}` : field;
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
    state.age = $('age') ? valueAt('age').trim() : '';
    $('category-help').textContent = categoryHelp(valueAt('category'));
    // What was typed stays in the form; the URL and the request get the normalised amounts.
    state.stays = state.stays.map((stay, i) => {
      /**
       * The normalised decimal text, '0' for an empty optional field, or null.
       * @param {string} id
       * @param {boolean} optional
       */
      const amount = (id, optional) => {
        const text = valueAt(id);
        fieldMessage(id);
        if (optional && text.trim() === '') return '0';
        // Empty and never typed in: no complaint yet, the status says what to do.
        if (text.trim() === '' && !touched.has(id)) return null;
        try {
          return parseAmount(id, text).value;
        } catch (error) {
          say(`stays[${i}].${optional ? 'outOfPolicy' : 'compliant'}`, /** @type {EngineError} */ (error));
          return null;
        }
      };
      const compliant = amount(`compliant-${i}`, false);
      const outOfPolicy = amount(`out-of-policy-${i}`, true);
      if (compliant === null || outOfPolicy === null) complete = false;
      fieldMessage(`level-${i}`);
      return { level: valueAt(`level-${i}`) || stay.level, compliant: compliant ?? '', outOfPolicy: outOfPolicy ?? '',
        compliantText: valueAt(`compliant-${i}`), outOfPolicyText: valueAt(`out-of-policy-${i}`) };
    });
  }
  for (const id of ['policy', 'date', 'scheme', 'category', 'age']) fieldMessage(id);
  return complete;
}
