// The whole state of the page lives in the URL, so that a copied link
// reproduces the estimate. Only ASCII goes into it (WeChat's iOS web-view can
// show a blank page for Chinese in URLs): ids, dates and decimal strings.
//
//   ?p=inner_mongolia&d=2020-06-30&s=resident&c=dibao&a=45
//    &st=county~50000.00~8000.00_township~3000.00~0.00
//    &o=critical_illness.annual_cap:400000;basic.resident.rate.county:80%&lang=en
//    &v=curve&cm=200000            (a cadre's tool: v, and its settings cm, cv, pi)

const STAY = /^([a-z]+)~([0-9.]*)~([0-9.]*)$/;

/** The state read from a query string; missing parts stay undefined. */
export function readState(search) {
  const q = new URLSearchParams(search);
  const stays = (q.get('st') || '')
    .split('_')
    .map((part) => part.match(STAY))
    .filter(Boolean)
    .map(([, level, compliant, outOfPolicy]) => ({ level, compliant, outOfPolicy }));
  return {
    policy: q.get('p') || undefined,
    date: q.get('d') || '',
    scheme: q.get('s') || undefined,
    category: q.get('c') || undefined,
    age: q.get('a') || '',
    stays,
    overrides: Object.fromEntries((q.get('o') || '').split(';').map((o) => o.split(':')).filter((kv) => kv.length === 2 && kv[0])),
    lang: q.get('lang') === 'en' ? 'en' : 'zh',
    embed: q.get('embed') === '1',
    // The cadre's tool in view, and its own settings.
    view: q.get('v') || '',
    curveMax: q.get('cm') || '',
    compareWith: q.get('cv') || '',
    inspect: q.get('pi') || '',
  };
}

/** The query string for a state (amounts as their normalised decimal text). */
export function writeState(state) {
  const q = new URLSearchParams();
  q.set('p', state.policy);
  if (state.date) q.set('d', state.date);
  q.set('s', state.scheme);
  q.set('c', state.category);
  if (state.age) q.set('a', state.age);
  q.set('st', state.stays.map((s) => `${s.level}~${s.compliant}~${s.outOfPolicy}`).join('_'));
  const overrides = Object.entries(state.overrides);
  if (overrides.length) q.set('o', overrides.map(([path, value]) => `${path}:${value}`).join(';'));
  if (state.lang === 'en') q.set('lang', 'en');
  for (const [key, value] of [['v', state.view], ['cm', state.curveMax], ['cv', state.compareWith], ['pi', state.inspect]]) {
    if (value) q.set(key, value);
  }
  if (state.embed) q.set('embed', '1');
  return `?${q}`;
}
