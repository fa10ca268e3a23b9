// The whole state of the page lives in the URL, so that a copied link
// reproduces the estimate. Only ASCII goes into it (WeChat's iOS web-view can
// show a blank page for Chinese in URLs): ids, dates, decimal strings, and
// typed text percent-encoded.
//
//   ?p=inner_mongolia&d=2020-06-30&s=resident&c=dibao&a=45
//    &st=county~50000.00~8000.00_township~3000.00~0.00
//    &o=critical_illness.annual_cap:400000;basic.resident.rate.county:80%&lang=en
//    &x=critical_illness.threshold (figures the sender's page refused: names only)
//    &v=curve&cm=200000            (a cadre's tool: v, and its settings cm, cv, pi)
//
// Inside st, o and x, the separators (_ ~ ; :) are written %5F %7E %3B %3A, and a
// % that would read as one of these as %25, so that any typed text comes back
// as it was; older links read the same unless a value held such an escape.

const code = (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/** Escaping and unescaping of `separators` (and %), each the other's inverse. */
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

/** The `o=` entries in link order, duplicates included: [[parameter, value], …]. */
function overrideEntries(q) {
  return (q.get('o') || '').split(';')
    .map((entry) => entry.split(':'))
    .filter((kv) => kv.length === 2 && kv[0])
    .map((kv) => kv.map(unescapeOverride));
}

/** The state read from a query string; missing parts stay undefined. */
export function readState(search) {
  const q = new URLSearchParams(search);
  const stays = (q.get('st') || '')
    .split('_')
    .map((part) => part.split('~'))
    .filter((parts) => parts.length === 3)
    .map((parts) => parts.map(unescapeStay))
    .map(([level, compliant, outOfPolicy]) => ({ level, compliant, outOfPolicy }));
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
    overrides,
    // Replaced figures whose values the link does not give (the sender's page refused them).
    withheld: [...new Set(withheld)],
    lang: q.get('lang') === 'en' ? 'en' : 'zh',
    embed: q.get('embed') === '1',
    // The cadre's tool in view, and its own settings.
    view: q.get('v') || '',
    curveMax: q.get('cm') || '',
    compareWith: q.get('cv') || '',
    inspect: q.get('pi') || '',
  };
}

/** Parameters given more than once in the link's `o=`, each with all its values. */
export function repeatedOverrides(search) {
  const values = new Map();
  for (const [parameter, value] of overrideEntries(new URLSearchParams(search))) {
    values.set(parameter, [...(values.get(parameter) || []), value]);
  }
  return new Map([...values].filter(([, all]) => all.length > 1));
}

/** The query string for a state (amounts as their normalised decimal text); what is empty is left out. */
export function writeState(state) {
  const q = new URLSearchParams();
  const stays = state.stays.map((s) => [s.level, s.compliant, s.outOfPolicy].map(escapeStay).join('~')).join('_');
  const overrides = Object.entries(state.overrides).map((kv) => kv.map(escapeOverride).join(':')).join(';');
  for (const [key, value] of [['p', state.policy], ['d', state.date], ['s', state.scheme], ['c', state.category],
    ['a', state.age], ['st', stays], ['o', overrides], ['x', state.withheld.map(escapeOverride).join(';')],
    ['lang', state.lang === 'en' && 'en'], ['v', state.view], ['cm', state.curveMax], ['cv', state.compareWith],
    ['pi', state.inspect], ['embed', state.embed && '1']]) {
    if (value) q.set(key, value);
  }
  return `?${q}`;
}

/** The version in force on `date` (the latest when none is), as the engine picks it. */
export function versionOf(policy, date) {
  const byDate = date && policy.versions.find((v) => v.valid_from <= date && date <= v.valid_to);
  return byDate || policy.versions.reduce((a, b) => (b.valid_from > a.valid_from ? b : a));
}

/** A value as a message quotes it. */
export const clip = (value) => String(value).slice(0, 40);

/**
 * What of `state` the catalogue does not have, as [field, message key, value,
 * option] (fields named as in a host message: policy, date, scheme, category,
 * stays[0].level; option: the scheme, category or level as `previous`, the
 * version left behind, or else another version names it). Missing values are
 * not problems: the page fills them in.
 */
export function unknownIds(state, catalogue, previous) {
  const found = [];
  if (state.date && !isDate(state.date)) found.push(['date', 'badDate', clip(state.date)]);
  const policy = state.policy === undefined ? catalogue[0] : catalogue.find((p) => p.id === state.policy);
  if (!policy) return [['policy', 'unknownPolicy', clip(state.policy)], ...found];
  const version = versionOf(policy, isDate(state.date) ? state.date : '');
  const ids = [['scheme', 'schemes', state.scheme], ['category', 'categories', state.category],
    ...state.stays.map((s, i) => [`stays[${i}].level`, 'levels', s.level])];
  const named = (kind, id) => [previous, ...catalogue.flatMap((p) => p.versions)].map((v) => v?.[kind].find((o) => o.id === id)).find(Boolean);
  for (const [field, kind, value] of ids) {
    if (value && !version[kind].some((o) => o.id === value)) found.push([field, 'unknownChoice', clip(value), named(kind, value)]);
  }
  return found;
}

/** A day that exists, written YYYY-MM-DD, in the years 1900–2200 (as the engine reads dates). */
export function isDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2200 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
