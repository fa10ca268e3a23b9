// The page's pure state module (www/state.js) in Node, without a browser: the
// link round-trips any typed value, old links still read, repeated figures
// are reported, and a host's message is checked whole before it is used.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostState } from '../www/host.js';
import { isDate, readState, repeatedOverrides, unknownIds, versionOn, writeState } from '../www/state.js';

/** A small random generator with a fixed seed, so that a failure can be repeated. */
function random(seed) {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

// Pieces of hostile text: the link's separators, its escapes, URL syntax, unicode, emoji.
const PIECES = [';', ':', '~', '_', '&', '=', '%', '#', '?', '/', '+', ' ', '%3A', '%3B', '%25', '%5F', '%7E', '%2', '%%',
  '%3a', '\n', '\t', '"', '<script>', '医保', '１２０００', 'é', '💊', '👨‍👩‍👧', '\u0000', '\u200b', 'a', '7', '.', '600', '10%'];

function hostileText(next) {
  const length = next(6) === 0 ? 0 : 1 + next(next(10) === 0 ? 400 : 12);
  return Array.from({ length }, () => PIECES[next(PIECES.length)]).join('');
}

function cost(next) {
  return next(4) === 0 ? { compliant: '', outOfPolicy: '', total: hostileText(next) } : { compliant: hostileText(next), outOfPolicy: hostileText(next) };
}

function hostileState(next) {
  const text = () => hostileText(next);
  const nonEmpty = () => text() || 'x';
  // Missing ids (a link without them) are left out of the link, and read back as missing.
  const id = () => (next(8) === 0 ? undefined : nonEmpty());
  return {
    policy: id(),
    date: text(),
    scheme: id(),
    category: id(),
    age: text(),
    // A cost: its two amounts, or its total only (a quarter of them).
    stays: Array.from({ length: next(4) }, () => ({ level: text(), ...cost(next), setting: text(), disease: text() })),
    outpatient: Array.from({ length: next(3) }, () => ({ kind: text(), level: text(), ...cost(next),
      disease: text(), setting: text(), visits: text() })),
    overrides: Object.fromEntries(Array.from({ length: next(5) }, () => [nonEmpty(), text()])),
    withheld: [...new Set(Array.from({ length: next(3) }, nonEmpty))],
    lang: next(2) ? 'en' : 'zh',
    embed: next(2) === 1,
    view: text(),
    curveMax: text(),
    compareWith: text(),
    inspect: text(),
  };
}

test('readState(writeState(s)) gives s back, for thousands of hostile values, in an ASCII link', () => {
  const next = random(20240601);
  for (let i = 0; i < 3000; i += 1) {
    const state = hostileState(next);
    // Whatever the browser prefers: the link says the language where it is not the browser's.
    const languages = [['zh-CN', 'en'], ['en-US'], [], ['fr', 'en']][next(4)];
    const link = writeState(state, languages);
    assert.match(link, /^\?[\x21-\x7e]*$/, 'the link is printable ASCII');
    assert.deepEqual(readState(link, languages), state, link);
    assert.deepEqual(repeatedOverrides(link), new Map());
  }
});

test('a link never says undefined: missing ids and empty parts are left out (?p=nope)', () => {
  assert.equal(writeState(readState('?p=nope')), '?p=nope');
  const state = readState('?p=inner_mongolia&st=county~50000.00~0.00');
  assert.doesNotMatch(writeState(state), /undefined|null/);
});

test('a refused figure goes into the link by name only (x=), and comes back as withheld', () => {
  const state = readState('?p=fuxin&d=2020-06-30&s=resident&c=ordinary&st=county~50000.00~0.00');
  const link = writeState({ ...state, overrides: { 'basic.resident.deductible.county': '600' },
    withheld: ['critical_illness.threshold', 'a;b:c%3B'] });
  assert.match(link, /&x=critical_illness\.threshold%3Ba%253Bb%253Ac%25253B(&|$)/);
  assert.doesNotMatch(link, /60000/);
  const back = readState(link);
  assert.deepEqual(back.withheld, ['critical_illness.threshold', 'a;b:c%3B']);
  assert.deepEqual(back.overrides, { 'basic.resident.deductible.county': '600' });
  // A link without x= withholds nothing; a name given twice counts once.
  assert.deepEqual(readState('?p=fuxin').withheld, []);
  assert.deepEqual(readState('?x=critical_illness.threshold;;critical_illness.threshold').withheld, ['critical_illness.threshold']);
});

test('a value with the separators of o= stays one value (issue 12: 600;basic.resident.rate.county:10%)', () => {
  const state = readState('?p=inner_mongolia&s=resident&c=ordinary&st=county~50000.00~0.00');
  state.overrides = { 'basic.resident.deductible.county': '600;basic.resident.rate.county:10%' };
  const back = readState(writeState(state));
  assert.deepEqual(back.overrides, state.overrides);
});

test('the language: the link\'s lang=, else the browser\'s first preference (English or Chinese)', () => {
  const lang = (search, languages) => readState(search, languages).lang;
  // A browser asking for English first gets English; any other first preference, Chinese.
  assert.equal(lang('?p=fuxin', ['en-US', 'zh-CN']), 'en');
  assert.equal(lang('?p=fuxin', ['EN']), 'en');
  assert.equal(lang('?p=fuxin', ['zh-CN', 'en-US']), 'zh');
  assert.equal(lang('?p=fuxin', ['fr-FR', 'en']), 'zh');
  assert.equal(lang('?p=fuxin', ['eng']), 'zh');
  assert.equal(lang('?p=fuxin', []), 'zh');
  // A link's choice wins: old links (lang=en, or none for Chinese in a Chinese browser) read as they did.
  assert.equal(lang('?lang=en', ['zh-CN']), 'en');
  assert.equal(lang('?lang=zh', ['en-US']), 'zh');
  assert.equal(lang('?lang=fr', ['en-GB']), 'en');
  // Written only where it is not the browser's own, so that a link names no language it need not.
  const state = readState('?p=fuxin', ['en-US']);
  assert.equal(writeState(state, ['en-US']), '?p=fuxin');
  assert.equal(writeState(state, ['zh-CN']), '?p=fuxin&lang=en');
  assert.equal(writeState({ ...state, lang: 'zh' }, ['en-US']), '?p=fuxin&lang=zh');
  assert.equal(writeState({ ...state, lang: 'zh' }, ['zh-CN']), '?p=fuxin');
});

test('links written before the escaping read as they did', () => {
  const state = readState('?p=inner_mongolia&d=2020-06-30&s=resident&c=dibao&a=45'
    + '&st=county~50000.00~8000.00_township~3000.00~0.00'
    + '&o=critical_illness.annual_cap:400000;basic.resident.rate.county:80%25&lang=en&v=curve&cm=200000');
  // Links before issue 14 have no place of care and no disease: local, none; and no outpatient costs.
  assert.deepEqual(state.stays, [
    { level: 'county', compliant: '50000.00', outOfPolicy: '8000.00', setting: '', disease: '' },
    { level: 'township', compliant: '3000.00', outOfPolicy: '0.00', setting: '', disease: '' },
  ]);
  assert.deepEqual(state.outpatient, []);
  assert.deepEqual(state.overrides, { 'critical_illness.annual_cap': '400000', 'basic.resident.rate.county': '80%' });
  assert.equal(state.view, 'curve');
  // What the page writes for the common figures is what it wrote before.
  assert.match(writeState(state), /&o=critical_illness\.annual_cap%3A400000%3Bbasic\.resident\.rate\.county%3A80%25&/);
});

test('outpatient costs, where care was and a stay\'s disease: in the link only where given, old stays unchanged', () => {
  const state = readState('?p=e2e_county&s=resident&c=dibao&st=county~20000.00~0.00_county~5000.00~0.00~~leukaemia'
    + '&op=general~township~1200.00~0.00~~~4_chronic~county~3000.00~0.00~hypertension~elsewhere%255Fregistered');
  assert.deepEqual(state.stays.map((s) => [s.setting, s.disease]), [['', ''], ['', 'leukaemia']]);
  assert.deepEqual(state.outpatient, [
    { kind: 'general', level: 'township', compliant: '1200.00', outOfPolicy: '0.00', disease: '', setting: '', visits: '4' },
    { kind: 'chronic', level: 'county', compliant: '3000.00', outOfPolicy: '0.00', disease: 'hypertension', setting: 'elsewhere_registered', visits: '' },
  ]);
  const link = writeState(state);
  // A stay without them is written as before; the separator _ inside an id is escaped (%5F).
  assert.match(decodeURIComponent(link), /&st=county~20000\.00~0\.00_county~5000\.00~0\.00~~leukaemia&/);
  assert.match(decodeURIComponent(link), /&op=general~township~1200\.00~0\.00~~~4_chronic~county~3000\.00~0\.00~hypertension~elsewhere%5Fregistered$/);
  assert.deepEqual(readState(link), state);
  // An item with too few or too many parts is no item.
  assert.deepEqual(readState('?op=general~township~1200_general~a~b~c~d~e~f~g~h').outpatient, []);
});

test('a cost whose total only is known: the total then t (st=county~12000.00~t); older links read as before', () => {
  const state = readState('?p=e2e_county&s=resident&c=dibao&st=county~12000.00~t_township~3000.00~0.00~referred'
    + '&op=general~township~1200.00~t~~~4_chronic~county~~t~hypertension');
  assert.deepEqual(state.stays, [
    { level: 'county', compliant: '', outOfPolicy: '', total: '12000.00', setting: '', disease: '' },
    { level: 'township', compliant: '3000.00', outOfPolicy: '0.00', setting: 'referred', disease: '' },
  ]);
  assert.deepEqual(state.outpatient, [
    { kind: 'general', level: 'township', compliant: '', outOfPolicy: '', total: '1200.00', disease: '', setting: '', visits: '4' },
    { kind: 'chronic', level: 'county', compliant: '', outOfPolicy: '', total: '', disease: 'hypertension', setting: '', visits: '' },
  ]);
  const link = writeState(state);
  assert.match(link, /&st=county%7E12000\.00%7Et_township%7E3000\.00%7E0\.00%7Ereferred&/);
  assert.match(decodeURIComponent(link), /&op=general~township~1200\.00~t~~~4_chronic~county~~t~hypertension$/);
  assert.deepEqual(readState(link), state);
  // A link of two amounts has no total, whatever the amounts.
  assert.equal(readState('?st=county~50000.00~8000.00').stays[0].total, undefined);
  assert.equal(readState('?st=county~t~0.00').stays[0].compliant, 't');
});

test('a parameter given twice in o= is reported with all its values, not silently collapsed', () => {
  const search = '?o=critical_illness.threshold:60000;basic.resident.deductible.county:500;critical_illness.threshold:7000';
  assert.deepEqual(repeatedOverrides(search), new Map([['critical_illness.threshold', ['60000', '7000']]]));
  assert.equal(readState(search).overrides['critical_illness.threshold'], '60000');
});

test('dates: only days that exist, in 1900–2200 (as the engine reads them)', () => {
  for (const good of ['2020-02-29', '1900-01-01', '2010-03-01', '2200-12-31']) assert.ok(isDate(good), good);
  for (const bad of ['2020-02-30', '2019-02-29', '0000-01-01', '1899-12-31', '2201-01-01', '2100-02-29', '2020-13-01', '2020-6-30', '2020-06-30T00:00', '', '２０２０-06-30']) {
    assert.ok(!isDate(bad), bad);
  }
});

// Two policies in the shape of policies/index.json (written by `yibao bake`).
const version = (label, from, to, extra = []) => ({
  label, valid_from: from, valid_to: to, age_up_to: null,
  schemes: [{ id: 'resident' }, { id: 'employee' }],
  categories: [{ id: 'ordinary' }, { id: 'dibao' }, ...extra],
  levels: [{ id: 'township' }, { id: 'county' }],
  diseases: extra.length ? [{ id: 'leukaemia', benefits: ['medical_assistance'] }, { id: 'hypertension', benefits: ['chronic_outpatient'] }] : [],
  outpatient_kinds: extra.length ? [{ id: 'general' }, { id: 'chronic' }] : [],
  settings: [{ id: 'local' }],
});
const CATALOGUE = [
  { id: 'dengfeng', versions: [version('2021', '2021-01-01', '2021-12-31')] },
  { id: 'fuxin', versions: [version('2019', '2019-01-01', '2019-12-31'), version('2020', '2020-01-01', '2020-12-31', [{ id: 'registered_poor' }])] },
];
test('the version for a date: the one in force; after the newest, the newest; before the first or in a gap, none', () => {
  // Out of order, as a policy file may list them; 2017 is a gap.
  const policy = { versions: [version('2018', '2018-01-01', '2018-12-31'), version('2016', '2016-01-01', '2016-12-31')] };
  const label = (date) => versionOn(policy, date)?.label;
  assert.equal(label('2016-12-31'), '2016');
  assert.equal(label('2018-01-01'), '2018');
  assert.equal(label('2019-01-01'), '2018');
  assert.equal(label('2026-12-01'), '2018');
  assert.equal(label(''), '2018');
  assert.equal(label('2015-12-31'), undefined);
  assert.equal(label('2017-06-30'), undefined);
});

const PAGE = { policy: 'fuxin', date: '2020-06-30', scheme: 'resident', category: 'ordinary', age: '', lang: 'zh', embed: true,
  stays: [{ level: 'county', compliant: '50000.00', outOfPolicy: '0.00', setting: '', disease: '' }], outpatient: [],
  overrides: { 'critical_illness.threshold': '7000' }, withheld: [],
  view: '', curveMax: '', compareWith: '', inspect: '' };

test('ids a link gives that the catalogue does not have are named, not replaced', () => {
  assert.deepEqual(unknownIds({ ...PAGE, policy: 'nope' }, CATALOGUE), [['policy', 'unknownPolicy', 'nope']]);
  assert.deepEqual(unknownIds({ ...PAGE, policy: '__proto__' }, CATALOGUE), [['policy', 'unknownPolicy', '__proto__']]);
  // An id no version has is quoted as given; one that another version has, with that version's option (its name).
  assert.deepEqual(unknownIds({ ...PAGE, date: '2020-02-30', scheme: 'x', category: 'constructor', stays: [{ level: 'toString' }] }, CATALOGUE), [
    ['date', 'badDate', '2020-02-30'], ['scheme', 'unknownChoice', 'x', undefined], ['category', 'unknownChoice', 'constructor', undefined],
    ['stays[0].level', 'unknownChoice', 'toString', undefined]]);
  // registered_poor is in Fuxin 2020, not 2019; missing values are filled in by the page, not problems.
  assert.deepEqual(unknownIds({ ...PAGE, category: 'registered_poor', date: '2019-06-30' }, CATALOGUE),
    [['category', 'unknownChoice', 'registered_poor', { id: 'registered_poor' }]]);
  // The version the user left names it first (levels are named differently in each region).
  const left = { ...CATALOGUE[0].versions[0], levels: [{ id: 'outside', name_zh: '市外转诊医院（省内）' }] };
  assert.deepEqual(unknownIds({ ...PAGE, stays: [{ level: 'outside' }] }, CATALOGUE, left),
    [['stays[0].level', 'unknownChoice', 'outside', { id: 'outside', name_zh: '市外转诊医院（省内）' }]]);
  assert.deepEqual(unknownIds({ ...PAGE, policy: undefined, scheme: undefined, stays: [{ level: '' }] }, CATALOGUE), []);
});

test('where care was, diseases and kinds of outpatient care a version does not have are named too; every setting may be said', () => {
  const stays = [{ level: 'county', setting: 'elsewhere_unregistered', disease: 'leukaemia' }, { level: 'county', setting: 'abroad', disease: '' }];
  const cost = { compliant: '3000.00', outOfPolicy: '0.00' };
  const outpatient = [{ kind: 'chronic', level: 'county', disease: 'hypertension', setting: 'referred', ...cost },
    { kind: 'dental', level: 'ward', disease: 'flu', setting: '', ...cost }];
  // Fuxin 2020 here lists leukaemia and hypertension and pays general and chronic care; a setting it does not name is paid as local care.
  assert.deepEqual(unknownIds({ ...PAGE, stays, outpatient }, CATALOGUE), [
    ['stays[1].setting', 'unknownChoice', 'abroad', undefined],
    ['outpatient[1].kind', 'unknownChoice', 'dental', undefined], ['outpatient[1].level', 'unknownChoice', 'ward', undefined],
    ['outpatient[1].disease', 'unknownChoice', 'flu', undefined]]);
  // Fuxin 2019 has neither: they are named with the option of the version that has them.
  assert.deepEqual(unknownIds({ ...PAGE, date: '2019-06-30', stays: stays.slice(0, 1), outpatient: outpatient.slice(0, 1) }, CATALOGUE), [
    ['stays[0].disease', 'unknownChoice', 'leukaemia', { id: 'leukaemia', benefits: ['medical_assistance'] }],
    ['outpatient[0].kind', 'unknownChoice', 'chronic', { id: 'chronic' }],
    ['outpatient[0].disease', 'unknownChoice', 'hypertension', { id: 'hypertension', benefits: ['chronic_outpatient'] }]]);
  // An outpatient cost with nothing typed in is no cost: not sent, nothing to say about it.
  assert.deepEqual(unknownIds({ ...PAGE, outpatient: [{ ...outpatient[1], compliant: '', outOfPolicy: '0' }] }, CATALOGUE), []);
});

/** Checks a host message as the page gets it: a structured clone. */
function fromHost(given) {
  const before = structuredClone(PAGE);
  const result = hostState(structuredClone(given), PAGE, CATALOGUE);
  assert.deepEqual(PAGE, before, 'the page state is not changed');
  if (result.error) {
    // Said in words in both languages (a missing text would show its key, a missing value its {name}).
    assert.match(result.error.message_zh, /[\u4e00-\u9fff]/);
    for (const message of [result.error.message_zh, result.error.message_en]) assert.doesNotMatch(message, /^\w+$|\{\w+\}/);
  }
  return result;
}

test('a host message is checked whole, and a bad one names its field', () => {
  const cyclic = { policy: 'fuxin' };
  cyclic.overrides = { 'critical_illness.threshold': cyclic };
  const selfStay = { level: 'county' };
  selfStay.self = selfStay;
  const getter = { get compliant() { return '12000'; } };
  const bad = [
    [{ lang: 'zh-CN' }, 'state.lang'],
    [{ lang: 'fr' }, 'state.lang'],
    [{ stays: [null] }, 'state.stays[0]'],
    [{ stays: [] }, 'state.stays'],
    [{ stays: Array.from({ length: 101 }, () => ({})) }, 'state.stays'],
    [{ stays: [{ level: 'county', compliant: Number.NaN }] }, 'state.stays[0].compliant'],
    [{ stays: [{ level: 'county', compliant: { value: 1 } }] }, 'state.stays[0].compliant'],
    [{ stays: [selfStay] }, 'state.stays[0].self'],
    [{ stays: [{ level: 'ward' }] }, 'state.stays[0].level'],
    [{ stays: [[]] }, 'state.stays[0]'],
    [cyclic, 'state.overrides.critical_illness.threshold'],
    [{ overrides: [] }, 'state.overrides'],
    [{ overrides: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`basic.x${i}`, '1'])) }, 'state.overrides'],
    [JSON.parse('{"overrides": {"__proto__": "1"}}'), 'state.overrides'],
    [{ overrides: { 'a b': '1' } }, 'state.overrides'],
    [{ overrides: { 'critical_illness.threshold': Number.POSITIVE_INFINITY } }, 'state.overrides.critical_illness.threshold'],
    [{ overrides: { 'critical_illness.threshold': true } }, 'state.overrides.critical_illness.threshold'],
    [{ overrides: { 'critical_illness.threshold': 'x'.repeat(101) } }, 'state.overrides.critical_illness.threshold'],
    [{ policy: 'nope' }, 'state.policy'],
    [{ policy: 'dengfeng', category: 'registered_poor' }, 'state.category'],
    [{ scheme: 'ncms' }, 'state.scheme'],
    [{ date: '2020-02-30' }, 'state.date'],
    [{ date: '0000-01-01' }, 'state.date'],
    [{ date: 20200630 }, 'state.date'],
    [{ age: 45 }, 'state.age'],
    [{ polcy: 'fuxin' }, 'state.polcy'],
    [{ outpatient: {} }, 'state.outpatient'],
    [{ outpatient: Array.from({ length: 101 }, () => ({})) }, 'state.outpatient'],
    [{ outpatient: [7] }, 'state.outpatient[0]'],
    [{ outpatient: [{ kind: 'general', level: 'county', compliant: '1200', days: 3 }] }, 'state.outpatient[0].days'],
    [{ outpatient: [{ kind: 'general', level: 'county', compliant: [] }] }, 'state.outpatient[0].compliant'],
    [{ outpatient: [{ kind: 'dental', level: 'county', compliant: '1200' }] }, 'state.outpatient[0].kind'],
    [{ outpatient: [{ kind: 'chronic', disease: 'flu', level: 'county', compliant: '1200' }] }, 'state.outpatient[0].disease'],
    [{ stays: [{ level: 'county', compliant: '1', setting: 'abroad' }] }, 'state.stays[0].setting'],
    [{ stays: [{ level: 'county', compliant: '1', disease: 'flu' }] }, 'state.stays[0].disease'],
    [null, 'state'],
    ['fuxin', 'state'],
    [new Date(0), 'state'],
  ];
  for (const [given, field] of bad) {
    const result = fromHost(given);
    assert.equal(result.error?.field, field, JSON.stringify(result));
  }
  // Getters arrive as plain values; numbers are amounts as typed.
  const good = fromHost({ lang: 'en', stays: [getter, { level: 'township', compliant: 3000, outOfPolicy: '1.2万' }] });
  assert.equal(good.state.lang, 'en');
  assert.deepEqual(good.state.stays.map((s) => [s.level, s.compliantText, s.outOfPolicyText]), [['', '12000', ''], ['township', '3000', '1.2万']]);
  assert.deepEqual(good.state.overrides, PAGE.overrides);
  // Another region without new figures: the page drops the old ones and says so (app.js; e2e/refusals.test.mjs).
  assert.deepEqual(fromHost({ policy: 'dengfeng', overrides: { 'critical_illness.segments[0].up_to': '200000' } }).state.overrides,
    { 'critical_illness.segments[0].up_to': '200000' });
  assert.equal(fromHost({ date: '' }).state.date, '');
  // Outpatient costs, where care was and a disease, with amounts as typed; local care is the form's empty setting.
  const care = fromHost({ stays: [{ level: 'county', compliant: '2万', setting: 'elsewhere_registered', disease: 'leukaemia' }],
    outpatient: [{ kind: 'chronic', disease: 'hypertension', level: 'township', setting: 'local', visits: 12, compliant: 3000 }] }).state;
  assert.deepEqual(care.stays.map((s) => [s.setting, s.disease, s.compliantText]), [['elsewhere_registered', 'leukaemia', '2万']]);
  assert.deepEqual(care.outpatient, [{ kind: 'chronic', disease: 'hypertension', level: 'township', setting: '', visits: '12',
    compliant: '', outOfPolicy: '', compliantText: '3000', outOfPolicyText: '' }]);
  assert.deepEqual(fromHost({ outpatient: [] }).state.outpatient, []);
});

test('any parameter name is read as given, __proto__ included (the engine then refuses it at its figure)', () => {
  const state = readState('?o=__proto__:5;constructor:6;toString:7');
  assert.deepEqual(Object.keys(state.overrides), ['__proto__', 'constructor', 'toString']);
  assert.equal(Object.getPrototypeOf(state.overrides), Object.prototype);
  assert.deepEqual(readState(writeState({ ...state, policy: 'p', scheme: 's', category: 'c' })).overrides, state.overrides);
});

test('a host\'s stay that is no object is answered with a stay\'s example; a figure may be a number, as a cost may', () => {
  const stay = fromHost({ stays: [null] }).error;
  assert.equal(stay.field, 'state.stays[0]');
  assert.match(stay.message_zh, /"level": "county"/);
  assert.match(stay.message_en, /"compliant"/);
  assert.doesNotMatch(stay.message_zh, /policy/);
  assert.deepEqual(fromHost({ overrides: { 'critical_illness.threshold': 60000, 'basic.resident.rate.county': 0.8 } }).state.overrides,
    { 'critical_illness.threshold': '60000', 'basic.resident.rate.county': '0.8' });
});
