// The whole state of the page lives in the URL, so that a copied link
// reproduces the estimate. Only ASCII goes into it (WeChat's iOS web-view can
// show a blank page for Chinese in URLs): ids, dates, decimal strings, and
// typed text percent-encoded.
//
//   ?p=inner_mongolia&d=2020-06-30&s=resident&c=dibao&a=45
//    &st=county~50000.00~8000.00_township~3000.00~0.00~referred~leukemia
//                                  (stays: level~compliant~out of policy, then where and
//                                   the disease if given: links before issue 14 have neither)
//    &op=general~township~1200.00~0.00~~~4_chronic~county~3000.00~0.00~hypertension
//                                  (outpatient costs: kind~level~compliant~out of policy,
//                                   then disease~setting~visits if given)
//    &st=county~12000.00~t         (a cost whose total only is known: the total, then t
//                                   where the out-of-policy cost goes; no older link has
//                                   t there, as it only ever held a normalised amount)
//    &o=critical_illness.annual_cap:400000;basic.resident.rate.county:80%&lang=en
//                                  (lang=en or lang=zh: the language chosen; without it, the
//                                   browser's first preference: English if it is English)
//    &x=critical_illness.threshold (figures the sender's page refused: names only)
//    &v=curve&cm=200000            (a cadre's tool: v, and its settings cm, cv, pi)
//
// d= is the day estimated for. A link without it opens at today's date, which
// the page then writes into the link: a copied link keeps its day and
// reproduces the estimate later. (Older links without d= meant the latest
// rules; today's date computes with the newest version too, so they give what
// they gave, now with the note that the rules may have changed.) A date box
// emptied leaves d= out and means the day the page computes, today, as a
// host's date '' does.
//
// Inside st, op, o and x, the separators (_ ~ ; :) are written %5F %7E %3B %3A, and a
// % that would read as one of these as %25, so that any typed text comes back
// as it was; older links read the same unless a value held such an escape.
//
// This module also holds `page`, everything of the page that changes, and the
// moves between policy versions. It reads no browser state when imported, so
// that Node can test it (e2e/state.test.mjs).
import { SETTINGS, both } from './messages.js';

/** @param {string} c */
const code = (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/**
 * Escaping and unescaping of `separators` (and %), each the other's inverse.
 * @param {string} separators
 * @returns {((text: string) => string)[]}
 */
function escaping(separators) {
  const codes = ['%', ...separators].map((c) => code(c).slice(1)).join('|');
  const escape = new RegExp(`%(?=${codes})|[${separators}]`, 'g');
  const unescape = new RegExp(`%(${codes})`, 'g');
  return [
    (text) => text.replace(escape, code),
    (text) => text.replace(unescape, decodeURIComponent),
  ];
}

const [escapeStay, unescapeStay] = escaping('_~');
const [escapeOverride, unescapeOverride] = escaping(';:');

/**
 * The `o=` entries in link order, duplicates included: [[parameter, value], …].
 * @param {URLSearchParams} q
 */
function overrideEntries(q) {
  return (q.get('o') || '').split(';')
    .map((entry) => entry.split(':'))
    .filter((kv) => kv.length === 2 && kv[0])
    .map((kv) => /** @type {[string, string]} */ (kv.map(unescapeOverride)));
}

/**
 * The page's language where the link does not give one: English for a
 * browser whose first preference is English, else Chinese.
 * @param {readonly string[]} languages the browser's, most preferred first (navigator.languages)
 * @returns {Lang}
 */
export const browserLang = (languages) => (/^en\b/i.test(languages[0] ?? '') ? 'en' : 'zh');

/**
 * The state read from a query string; missing parts stay undefined.
 * @param {string} search
 * @param {readonly string[]} [languages] the browser's (navigator.languages), for a link without lang=
 * @returns {State}
 */
export function readState(search, languages = []) {
  const q = new URLSearchParams(search);
  const stays = items(q.get('st'), 3, 5)
    .map(([level, compliant, outOfPolicy, setting = '', disease = '']) => ({ level, ...cost(compliant, outOfPolicy), setting, disease }));
  const outpatient = items(q.get('op'), 4, 7)
    .map(([kind, level, compliant, outOfPolicy, disease = '', setting = '', visits = '']) =>
      ({ kind, level, ...cost(compliant, outOfPolicy), disease, setting, visits }));
  // The first of a repeated parameter is kept (repeatedOverrides reports it). Own properties
  // whatever the name: an assignment to __proto__ would drop it.
  const seen = new Set();
  const overrides = Object.fromEntries(overrideEntries(q).filter(([p]) => !seen.has(p) && seen.add(p)));
  const withheld = (q.get('x') || '').split(';').filter(Boolean).map(unescapeOverride);
  return {
    policy: q.get('p') || undefined,
    date: q.get('d') || '',
    scheme: q.get('s') || undefined,
    category: q.get('c') || undefined,
    age: q.get('a') || '',
    stays,
    outpatient,
    overrides,
    // Replaced figures whose values the link does not give (the sender's page refused them).
    withheld: [...new Set(withheld)],
    lang: q.get('lang') === 'en' || q.get('lang') === 'zh' ? /** @type {Lang} */ (q.get('lang')) : browserLang(languages),
    embed: q.get('embed') === '1',
    // The cadre's tool in view, and its own settings.
    view: q.get('v') || '',
    curveMax: q.get('cm') || '',
    compareWith: q.get('cv') || '',
    inspect: q.get('pi') || '',
  };
}

/**
 * A cost's two amounts in the link, or its total and `t`.
 * @param {string} first
 * @param {string} second
 */
const cost = (first, second) => (second === 't' ? { compliant: '', outOfPolicy: '', total: first } : { compliant: first, outOfPolicy: second });

/**
 * A cost's amounts as the link writes them.
 * @param {Stay | Outpatient} c
 */
const costParts = (c) => (c.total === undefined ? [c.compliant, c.outOfPolicy] : [c.total, 't']);

/**
 * The items of a list in the link (st=, op=): each its parts, from `fewest` to `most` of them.
 * @param {string | null} list
 * @param {number} fewest
 * @param {number} most
 */
function items(list, fewest, most) {
  return (list || '').split('_')
    .map((item) => item.split('~'))
    .filter((parts) => parts.length >= fewest && parts.length <= most)
    .map((parts) => parts.map(unescapeStay));
}

/**
 * An item of st= or op=: its parts, without the optional ones at the end that are empty.
 * @param {string[]} parts
 * @param {number} required
 */
function item(parts, required) {
  let end = parts.length;
  while (end > required && parts[end - 1] === '') end -= 1;
  return parts.slice(0, end).map(escapeStay).join('~');
}

/**
 * Parameters given more than once in the link's `o=`, each with all its values.
 * @param {string} search
 */
export function repeatedOverrides(search) {
  /** @type {Map<string, string[]>} */
  const values = new Map();
  for (const [parameter, value] of overrideEntries(new URLSearchParams(search))) {
    values.set(parameter, [...(values.get(parameter) || []), value]);
  }
  return new Map([...values].filter(([, all]) => all.length > 1));
}

/**
 * The query string for a state (amounts as their normalised decimal text); what is empty is left out,
 * and so is the language where it is the browser's (`languages`), so that a
 * link that names none opens in its reader's language.
 * @param {State} state
 * @param {readonly string[]} [languages] the browser's (navigator.languages)
 */
export function writeState(state, languages = []) {
  const q = new URLSearchParams();
  const stays = state.stays.map((s) => item([s.level, ...costParts(s), s.setting, s.disease], 3)).join('_');
  const outpatient = state.outpatient.map((o) => item([o.kind, o.level, ...costParts(o), o.disease, o.setting, o.visits], 4)).join('_');
  const overrides = Object.entries(state.overrides).map((kv) => kv.map(escapeOverride).join(':')).join(';');
  /** @type {[string, string | false | undefined][]} */
  const parts = [['p', state.policy], ['d', state.date], ['s', state.scheme], ['c', state.category],
    ['a', state.age], ['st', stays], ['op', outpatient], ['o', overrides], ['x', state.withheld.map(escapeOverride).join(';')],
    ['lang', state.lang !== browserLang(languages) && state.lang], ['v', state.view], ['cm', state.curveMax], ['cv', state.compareWith],
    ['pi', state.inspect], ['embed', state.embed && '1']];
  for (const [key, value] of parts) {
    if (value) q.set(key, value);
  }
  return `?${q}`;
}

/**
 * The version of `policy` in force on `date` (YYYY-MM-DD; '' for the newest),
 * picked as the engine's `Policy::version_on` picks it (crates/policy/src/policy/mod.rs):
 * after the newest version's last day the newest (the estimate then says so), and
 * undefined before the first or between two versions (the engine then refuses the date).
 *
 * Why the page picks it itself: the form must list that version's schemes,
 * categories and levels before there is a request to estimate, and the
 * resident's module (estimate, loadPolicies, parseAmount, policies) has no
 * call that answers "which version on this day" without a complete request.
 * So the rule, a date within [valid_from, valid_to], else after the newest
 * version's valid_to that version, else none, and without a date the latest
 * valid_from (the last of equals, as Rust's max_by_key), is
 * written once more here, and e2e/version.test.mjs checks it against the
 * engine at every version's edges. Once there is an estimate, the page takes
 * the version from it (`versionOf`), not from here.
 * @param {PolicyInfo} policy
 * @param {string} date
 * @returns {VersionInfo | undefined}
 */
export function versionOn(policy, date) {
  const newest = policy.versions.reduce((a, b) => (b.valid_from >= a.valid_from ? b : a));
  if (!date) return newest;
  return policy.versions.find((v) => v.valid_from <= date && date <= v.valid_to) ?? (date > newest.valid_to ? newest : undefined);
}

/** Today on the device (the person's day, not UTC's), YYYY-MM-DD: the date of a form whose date is empty. */
export function today() {
  const d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
}

/**
 * The version the form offers for `date`: the one in force, else (a day that
 * does not exist, or one no version covers, which the engine refuses at the
 * date) the latest.
 * @param {PolicyInfo} policy
 * @param {string} date
 * @returns {VersionInfo}
 */
export const formVersion = (policy, date) => (isDate(date) && versionOn(policy, date)) || /** @type {VersionInfo} */ (versionOn(policy, ''));

/**
 * The diseases of `version` the form offers for a stay: those whose rules pay
 * a stay differently (not those only outpatient care names).
 * @param {VersionInfo} version
 */
export const stayDiseases = (version) => version.diseases.filter((d) => d.benefits.some((b) => b !== 'chronic_outpatient'));

/**
 * The diseases of `version` the form offers for chronic or special outpatient care: those it pays such care for.
 * @param {VersionInfo} version
 */
export const outpatientDiseases = (version) => version.diseases.filter((d) => d.benefits.includes('chronic_outpatient'));

/**
 * The version an estimate was made under, as the engine picked it.
 * @param {PolicyInfo[]} catalogue
 * @param {Estimate} estimate
 */
export function versionOf(catalogue, estimate) {
  const policy = /** @type {PolicyInfo} */ (catalogue.find((p) => p.id === estimate.policy));
  return { policy, version: /** @type {VersionInfo} */ (policy.versions.find((v) => v.valid_from === estimate.valid_from)) };
}

/**
 * A value as a message quotes it.
 * @param {unknown} value
 */
export const clip = (value) => String(value).slice(0, 40);

/**
 * What of `state` the catalogue does not have, as [field, message key, value,
 * option] (fields named as in a host message: policy, date, scheme, category,
 * stays[0].level, outpatient[0].kind; option: the scheme, category, level,
 * disease or kind of outpatient care as `previous`, the version left behind,
 * or else another version names it). Missing values are not problems: the
 * page fills them in.
 * @param {Pick<State, 'policy' | 'date' | 'scheme' | 'category' | 'stays' | 'outpatient'>} state
 * @param {PolicyInfo[]} catalogue
 * @param {VersionInfo} [previous]
 * @returns {[field: string, key: string, value: string, option?: Named][]}
 */
export function unknownIds(state, catalogue, previous) {
  /** @type {[string, string, string, Named?][]} */
  const found = [];
  if (state.date && !isDate(state.date)) found.push(['date', 'badDate', clip(state.date)]);
  const policy = chosenPolicy(state, catalogue);
  if (!policy) return [['policy', 'unknownPolicy', clip(state.policy)], ...found];
  const version = formVersion(policy, state.date);
  /** @typedef {'schemes' | 'categories' | 'levels' | 'diseases' | 'outpatient_kinds' | 'settings'} Kind */
  /** @type {[string, Kind, string | undefined][]} */
  const ids = [['scheme', 'schemes', state.scheme], ['category', 'categories', state.category],
    ...state.stays.flatMap((s, i) => /** @type {[string, Kind, string][]} */ ([
      [`stays[${i}].level`, 'levels', s.level], [`stays[${i}].setting`, 'settings', s.setting], [`stays[${i}].disease`, 'diseases', s.disease]])),
    // An outpatient cost with nothing typed in is no cost: its choices matter to nothing.
    ...state.outpatient.flatMap((o, i) => /** @type {[string, Kind, string][]} */ (blank(o) ? [] : [
      [`outpatient[${i}].kind`, 'outpatient_kinds', o.kind], [`outpatient[${i}].level`, 'levels', o.level],
      [`outpatient[${i}].disease`, 'diseases', o.disease], [`outpatient[${i}].setting`, 'settings', o.setting]]))];
  /** @type {(kind: Kind, id: string) => Named | undefined} */
  const named = (kind, id) => [previous, ...catalogue.flatMap((p) => p.versions)].map((v) => v?.[kind].find((o) => o.id === id)).find(Boolean);
  // Every setting may be said (one the version does not name is paid as local care, which the estimate says).
  /** @type {(kind: Kind, id: string) => boolean} */
  const has = (kind, id) => (kind === 'settings' ? /** @type {string[]} */ (SETTINGS).includes(id) : version[kind].some((o) => o.id === id));
  for (const [field, kind, value] of ids) {
    if (value && !has(kind, value)) found.push([field, 'unknownChoice', clip(value), named(kind, value)]);
  }
  return found;
}

/**
 * A day that exists, written YYYY-MM-DD, in the years 1900–2200 (as the engine reads dates).
 * @param {string} text
 */
export function isDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2200 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The policy `state` names (the catalogue's first when it names none).
 * @param {Pick<State, 'policy'>} state
 * @param {PolicyInfo[]} catalogue
 */
const chosenPolicy = (state, catalogue) => (state.policy === undefined ? catalogue[0] : catalogue.find((p) => p.id === state.policy));

// ---- The page's state --------------------------------------------------------

/**
 * Everything of the page that changes, in one place; app.js fills it in from
 * the link (`startState`) and from the catalogue once it has loaded.
 * @type {Page}
 */
export const page = {
  state: readState(''),
  catalogue: [],
  current: { request: null, summary: null, explained: null, blocked: false },
  refused: null,
  previous: undefined,
  cleared: null,
  unsettled: new Map(),
  touched: new Set(),
  sections: new Set(),
  tellHost: null,
  timers: { announce: 0, tool: 0 },
};

/**
 * The state a link gives, and the replaced figures it leaves to the user
 * (→ what is said at each) until each is typed or restored: given more than
 * once, or without a value (x=).
 * @param {string} search
 * @param {readonly string[]} languages the browser's (navigator.languages)
 * @returns {Pick<Page, 'state' | 'unsettled' | 'sections'>}
 */
export function startState(search, languages) {
  const state = readState(search, languages);
  const unsettled = new Map([
    ...[...repeatedOverrides(search)].map(([p, values]) => /** @type {const} */ ([p, both('repeated', { values: values.join('、') }, { values: values.join(', ') })])),
    ...state.withheld.map((p) => /** @type {const} */ ([p, both('withheld')])),
  ]);
  for (const p of state.withheld) state.overrides[p] = '';
  state.date ||= today();
  return { state, unsettled, sections: filledSections(state) };
}

/**
 * The form's optional sections that hold something of `state`: outpatient
 * costs, care away from home or a stay's disease.
 * @param {Pick<State, 'stays' | 'outpatient'>} state
 * @returns {Set<Section>}
 */
export function filledSections(state) {
  const away = state.stays.some((s) => s.setting || s.disease) || state.outpatient.some((o) => o.setting);
  return new Set(/** @type {Section[]} */ ([state.outpatient.length ? 'outpatient' : '', away ? 'away' : ''].filter(Boolean)));
}

/**
 * A stay or an outpatient cost with no amount typed in (0 or 0.00 counts as
 * none): its total, if only that is known, else its two amounts.
 * @param {Pick<Stay, 'compliant' | 'outOfPolicy' | 'compliantText' | 'outOfPolicyText' | 'total' | 'totalText'>} cost
 */
export const blank = (cost) => (cost.total === undefined ? [cost.compliantText ?? cost.compliant, cost.outOfPolicyText ?? cost.outOfPolicy]
  : [cost.totalText ?? cost.total]).every((text) => /^0*\.?0*$/.test(text.trim()));

/** The chosen policy and the version the form offers (null: an unknown region). */
export function inForce() {
  const policy = chosenPolicy(page.state, page.catalogue);
  return policy ? { policy, version: formVersion(policy, page.state.date || today()) } : null;
}

/**
 * The chosen policy and version (null: an unknown region). Missing ids get the
 * version's first; others it lacks (from a link, or kept from another region
 * or version) stay, to be said at their fields until the user chooses.
 */
export function normalise() {
  const chosen = inForce();
  if (!chosen) return null;
  const { state } = page;
  state.policy = chosen.policy.id;
  const { version } = chosen;
  /** @type {(value: string | undefined, options: Named[]) => string} */
  const pick = (value, options) => (value || options[0]?.id || '');
  state.scheme = pick(state.scheme, version.schemes);
  state.category = pick(state.category, version.categories);
  if (state.stays.length === 0) state.stays = [{ level: '', compliant: '', outOfPolicy: '', setting: '', disease: '' }];
  for (const stay of state.stays) stay.level = pick(stay.level, version.levels);
  // An outpatient cost with nothing typed in is the form's empty one: it follows the version.
  const kinds = version.outpatient_kinds;
  state.outpatient = state.outpatient.filter((o) => kinds.length || !blank(o));
  /** @type {(value: string, options: Named[], empty: boolean) => string} */
  const kept = (value, options, empty) => (empty && !options.some((o) => o.id === value) ? '' : value);
  for (const item of state.outpatient) {
    item.kind = pick(kept(item.kind, kinds, blank(item)), kinds);
    item.level = pick(kept(item.level, version.levels, blank(item)), version.levels);
  }
  return chosen;
}

/**
 * Applies `changes` to the state. Under another region or version the
 * replaced figures, named after the old one's, are dropped (unless `changes`
 * gives new ones), and the form says which.
 * @param {Partial<State>} changes
 */
export function moveTo(changes) {
  const { state } = page;
  const left = inForce();
  Object.assign(state, changes);
  const reached = inForce();
  const given = Object.hasOwn(changes, 'overrides');
  // Nothing is computed under a day that does not exist: no move yet.
  const moved = reached?.version !== left?.version && (state.date === '' || isDate(state.date));
  if (moved) {
    page.previous = left?.version;
    const figures = given ? [] : Object.entries(state.overrides);
    page.cleared = figures.length ? { key: reached?.policy === left?.policy ? 'clearedVersion' : 'clearedRegion', figures } : null;
    if (figures.length) state.overrides = {};
  }
  if (moved || given) {
    page.unsettled.clear();
    page.refused = null;
  }
}

/**
 * Keeps the URL in step. A refused or unsettled figure (every replaced figure
 * if the refusal names none) gives the link its name (x=), never its value.
 */
export function saveState() {
  const { state, unsettled, refused } = page;
  /** @param {string} p */
  const withheld = (p) => unsettled.has(p) || (refused && (refused.parameter === '' || p === refused.parameter));
  const figures = Object.entries(state.overrides);
  // The form's empty outpatient cost is no cost: not in the link.
  history.replaceState(null, '', writeState({ ...state, outpatient: state.outpatient.filter((o) => !blank(o)),
    overrides: Object.fromEntries(figures.filter(([p]) => !withheld(p))),
    withheld: figures.filter(([p]) => withheld(p)).map(([p]) => p) }, navigator.languages ?? []));
}
