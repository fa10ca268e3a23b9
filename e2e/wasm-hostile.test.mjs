// The shipped wasm modules (dist/pkg, dist/pkg-cadre) in Node, fed what a
// careless or hostile caller can hand them: cycles, 100,000-deep nesting,
// getters and Proxy traps that throw, revoked Proxies, BigInt, Symbol,
// functions, huge arrays and strings. Each call must reject with the
// library's structured error { field, message_zh, message_en } (never a JS
// exception from inside the module, never a trap), and afterwards each module
// must still compute a valid request to the fen.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './harness.mjs';

const DIST = join(ROOT, 'dist');

async function load(dir) {
  const glue = await import(join(DIST, dir, 'yibao.js'));
  glue.initSync({ module: readFileSync(join(DIST, dir, 'yibao_bg.wasm')) });
  for (const file of readdirSync(join(DIST, 'policies')).filter((f) => f.endsWith('.bin'))) {
    glue.loadPolicies(readFileSync(join(DIST, 'policies', file)));
  }
  return glue;
}

// A summary (`explain: false`): the resident module computes amounts only and
// refuses a request for the explanation (which `explain` asks for unless it
// is false), so that every hostile value below is refused for itself.
const VALID = {
  policy: 'inner_mongolia', date: '2020-06-30', scheme: 'resident', category: 'ordinary', explain: false,
  admissions: [{ level: 'county', compliant: '20000', out_of_policy: '1000' }],
};

/** Inner Mongolia, ordinary resident, county stay of 20,000 + 1,000
 *  (policies/inner_mongolia.cases.toml, 普通居民旗县医院 2 万元另有目录外 1000 元):
 *  basic (20000 − 500) × 85% = 16,575 (the deductible 500 and the county rate
 *  85% are assumed, the rate calibrated on the reported average of 75%);
 *  3,425 left is under critical illness's 14,000, the outpatient layers have
 *  no costs: 3,425 + 1,000 = 4,425 to pay. */
function assertComputes(glue) {
  const result = glue.estimate(VALID);
  assert.equal(result.layers[0].id, 'basic');
  assert.equal(result.layers[0].paid, '16575.00');
  assert.equal(result.out_of_pocket.total, '4425.00');
}

function deep(levels, makeArray) {
  let value = '1';
  for (let i = 0; i < levels; i++) value = makeArray ? [value] : { a: value };
  return value;
}

const throwing = () => { throw new Error('trap'); };
const cyclic = { ...VALID };
cyclic.self = cyclic;
const cyclicStay = { level: 'county', compliant: '1' };
cyclicStay.next = cyclicStay;
const revoked = Proxy.revocable({}, {});
revoked.revoke();
const sparse = new Array(1e7);
const hugeLength = new Proxy([], { get: (t, k) => (k === 'length' ? 1e12 : t[k]) });

/** [name, a hostile request] — each is refused with a structured error. */
const HOSTILE_REQUESTS = [
  ['a cycle at the top', cyclic],
  ['a cycle in a stay', { ...VALID, admissions: [cyclicStay] }],
  ['a cyclic override value', { ...VALID, overrides: { 'critical_illness.threshold': cyclic } }],
  ['100,000-deep objects', deep(100000, false)],
  ['100,000-deep arrays', { ...VALID, admissions: deep(100000, true) }],
  ['a throwing getter', Object.defineProperty({ ...VALID }, 'policy', { get: throwing, enumerable: true })],
  ['a throwing getter in a stay', { ...VALID, admissions: [Object.defineProperty({}, 'level', { get: throwing, enumerable: true })] }],
  ['a Proxy whose get throws', new Proxy(VALID, { get: throwing })],
  ['a Proxy whose ownKeys throws', new Proxy(VALID, { ownKeys: throwing })],
  ['a Proxy whose descriptor trap throws', new Proxy(VALID, { getOwnPropertyDescriptor: throwing })],
  ['a revoked Proxy', revoked.proxy],
  ['a revoked Proxy as the stays', { ...VALID, admissions: revoked.proxy }],
  ['a BigInt amount', { ...VALID, admissions: [{ level: 'county', compliant: 20000n }] }],
  ['a Symbol policy', { ...VALID, policy: Symbol('x') }],
  ['a function as the stays', { ...VALID, admissions: () => 1 }],
  ['a sparse array of ten million', { ...VALID, admissions: sparse }],
  ['an array claiming 10^12 items', { ...VALID, admissions: hugeLength }],
  ['a string of ten million characters', { ...VALID, policy: 'x'.repeat(1e7) }],
  ['ten thousand keys', Object.fromEntries(Array.from({ length: 10000 }, (_, i) => [`k${i}`, i]))],
  ['a BigInt request', 5n],
  ['a Symbol request', Symbol('request')],
  ['undefined', undefined],
  ['a BigInt total', { ...VALID, admissions: [{ level: 'county', total: 20000n }] }],
  ['a total and a compliant cost', { ...VALID, admissions: [{ level: 'county', total: '20000', compliant: '1' }] }],
];

function assertStructured(call, name) {
  let thrown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown !== undefined, `${name}: accepted`);
  assert.ok(!(thrown instanceof Error), `${name}: a JS exception escaped: ${thrown}`);
  for (const key of ['field', 'message_zh', 'message_en']) {
    assert.equal(typeof thrown[key], 'string', `${name}: no ${key} in ${JSON.stringify(thrown)}`);
  }
  assert.ok(thrown.message_zh.length > 0 && thrown.message_en.length > 0, name);
  return thrown;
}

test('the resident module refuses every hostile request, 1,000 times each, and still computes', async () => {
  const glue = await load('pkg');
  for (const [name, request] of HOSTILE_REQUESTS) {
    for (let i = 0; i < 1000; i++) assertStructured(() => glue.estimate(request), name);
  }
  const others = [
    ['parseAmount: a Symbol', () => glue.parseAmount('x', Symbol('s'))],
    ['parseAmount: a cyclic field name', () => glue.parseAmount(cyclic, '1')],
    ['parseAmount: ten million characters', () => glue.parseAmount('x', '9'.repeat(1e7))],
    ['loadPolicies: a cyclic object', () => glue.loadPolicies(cyclic)],
    ['loadPolicies: a length of 10^12', () => glue.loadPolicies({ length: 1e12 })],
    ['loadPolicies: a Proxy', () => glue.loadPolicies(new Proxy({}, { get: throwing, getPrototypeOf: throwing }))],
  ];
  for (const [name, call] of others) {
    for (let i = 0; i < 1000; i++) assertStructured(call, name);
  }
  assertComputes(glue);
});

test('the errors say which field and why', async () => {
  const glue = await load('pkg');
  const error = (request) => assertStructured(() => glue.estimate(request), 'x');
  assert.deepEqual(error(cyclic), {
    // Sixteen levels down the cycle, its stays are the first to go too deep.
    field: `${'self.'.repeat(14)}admissions[0]`,
    message_zh: '嵌套层数太多（最多 16 层）', message_en: 'nested too deeply (at most 16 levels)',
  });
  assert.equal(error(HOSTILE_REQUESTS[5][1]).field, 'policy');
  assert.equal(error(HOSTILE_REQUESTS[5][1]).message_zh, '读取这一项时出错，无法读取它的值');
  assert.equal(error(HOSTILE_REQUESTS[12][1]).field, 'admissions[0].compliant');
  assert.match(error(HOSTILE_REQUESTS[12][1]).message_zh, /bigint/);
  assert.equal(error({ ...VALID, policy: 'x'.repeat(1e7) }).message_zh, '文字太长（最多 100000 个字）');
  assert.equal(error({ ...VALID, admissions: sparse }).message_en, 'too many items (at most 1000)');
  // A number is read as JS writes it: 1e21 is not an amount, NaN neither.
  assert.equal(error({ ...VALID, admissions: [{ level: 'county', compliant: 1e21 }] }).field, 'admissions[0].compliant');
  assert.equal(error({ ...VALID, admissions: [{ level: 'county', compliant: Number.NaN }] }).field, 'admissions[0].compliant');
  // A total (issue 15) is read as an amount is, and never with the two parts.
  assert.equal(error({ ...VALID, admissions: [{ level: 'county', total: 1e21 }] }).field, 'admissions[0].total');
  assert.deepEqual(error({ ...VALID, admissions: [{ level: 'county', total: '1', out_of_policy: '1' }] }), {
    field: 'admissions[0].out_of_policy',
    message_zh: '只填总费用，或只填合规费用和目录外费用',
    message_en: 'give the total, or the compliant and out-of-policy costs, not both',
  });
  assertComputes(glue);
});

test('the resident module computes amounts only: an explanation (asked for, or by default) and replaced figures are refused at their field, and it still computes', async () => {
  const glue = await load('pkg');
  const notHere = (field) => ({
    field,
    message_zh: '这个模块只算金额：测算说明和替换数字在完整模块（pkg-cadre）里',
    message_en: 'this module computes amounts only: explanations and replaced figures are in the full module (pkg-cadre)',
  });
  const { explain, ...byDefault } = VALID;
  assert.equal(explain, false);
  const replaced = { 'basic.resident.deductible.county': '600' };
  const refused = [
    ['explain: true', { ...VALID, explain: true }, 'explain'],
    // Without `explain`, an estimate is explained: refused too.
    ['explain absent', byDefault, 'explain'],
    ['a replaced figure', { ...VALID, overrides: replaced }, 'overrides'],
    ['both: the explanation is named first', { ...VALID, explain: true, overrides: replaced }, 'explain'],
  ];
  for (const [name, request, field] of refused) {
    for (let i = 0; i < 1000; i++) assert.deepEqual(assertStructured(() => glue.estimate(request), name), notHere(field), name);
    assertComputes(glue);
  }
  // No figure replaced (what the page sends) is an ordinary summary.
  assert.equal(glue.estimate({ ...VALID, overrides: {} }).out_of_pocket.total, '4425.00');
  // The tools and the list of policies are the full module's only.
  for (const name of ['policies', 'curve', 'year', 'compareCategories', 'batch']) {
    assert.equal(typeof glue[name], 'undefined', `the resident module exports ${name}`);
  }

  // The full module gives the same amounts, and what the first one refuses.
  const full = await load('pkg-cadre');
  const summary = glue.estimate(VALID);
  assert.deepEqual(full.estimate(VALID), summary);
  const explained = full.estimate(byDefault);
  assert.deepEqual(explained.layers.map((l) => l.paid), summary.layers.map((l) => l.paid));
  assert.equal(explained.layers[0].steps[0].formula, '(20000 − 500) × 85% = 16575.00');
  // The assumed county deductible replaced by 600: (20000 − 600) × 85% = 16,490; 3,510 + 1,000 to pay.
  const overridden = full.estimate({ ...VALID, overrides: replaced });
  assert.equal(overridden.layers[0].paid, '16490.00');
  assert.equal(overridden.out_of_pocket.total, '4510.00');
  assertComputes(glue);
});

test('the cadre module refuses every hostile input to every function, and still computes', async () => {
  const glue = await load('pkg-cadre');
  const calls = [];
  for (const [name, request] of HOSTILE_REQUESTS) {
    calls.push([`estimate: ${name}`, () => glue.estimate(request)]);
    calls.push([`curve: ${name}`, () => glue.curve(request, '100000', 201)]);
    calls.push([`year: ${name}`, () => glue.year(request)]);
    calls.push([`compareCategories: ${name}`, () => glue.compareCategories(request)]);
  }
  calls.push(
    ['curve: a cyclic maximum', () => glue.curve(VALID, cyclic, 201)],
    ['curve: a BigInt count', () => glue.curve(VALID, '100000', 201n)],
    ['curve: 10^12 points', () => glue.curve(VALID, '100000', 1e12)],
    ['batch: a cyclic file', () => glue.batch(cyclic, false)],
    ['batch: a Proxy flag', () => glue.batch('id\n', new Proxy({}, { get: throwing }))],
    ['batch: a Symbol file', () => glue.batch(Symbol('csv'), false)],
  );
  for (const [name, call] of calls) {
    for (let i = 0; i < 1000; i++) assertStructured(call, name);
  }
  assertComputes(glue);
  const curve = glue.curve(VALID, '1000000', 201);
  assert.equal(curve.costs.length, 201);
});

/** The catalogue's version with the longest disease list (any version where
 *  none has one): a valid one-stay request for it (a summary: the resident
 *  module computes amounts only), and its disease ids. The catalogue is the
 *  page's policies/index.json: the resident module has no policies(). */
function versionWithDiseases() {
  let best;
  for (const policy of JSON.parse(readFileSync(join(DIST, 'policies', 'index.json'), 'utf8'))) {
    for (const version of policy.versions) {
      if (!best || version.diseases.length > best.version.diseases.length) best = { policy, version };
    }
  }
  const { policy, version } = best;
  const level = version.levels[0].id;
  return {
    request: {
      policy: policy.id, date: version.valid_from, scheme: version.schemes[0].id,
      category: version.categories[0].id, admissions: [{ level, compliant: '5000' }], explain: false,
    },
    level,
    diseases: version.diseases.map((d) => d.id),
  };
}

test('outpatient costs, settings and diseases are refused at their field (issue 14), and each module still computes', async () => {
  for (const dir of ['pkg', 'pkg-cadre']) {
    const glue = await load(dir);
    const { request: base, level, diseases } = versionWithDiseases();
    const general = (extra) => ({ kind: 'general', level, compliant: '300', ...extra });
    const settings = 'local, referred, elsewhere_registered, elsewhere_unregistered';
    const notListed = `this policy has no "gout"; it has: ${diseases.join(', ')}`;
    /** [name, request, field, message_en] */
    const cases = [
      ['101 outpatient costs', { ...base, outpatient: Array.from({ length: 101 }, () => general()) },
        'outpatient', 'too many items (at most 100)'],
      ['0 visits', { ...base, outpatient: [general({ visits: 0 })] },
        'outpatient[0].visits', 'expected a whole number from 1 to 1000'],
      ['1001 visits', { ...base, outpatient: [general({ visits: 1001 })] },
        'outpatient[0].visits', 'expected a whole number from 1 to 1000'],
      ['visits "x"', { ...base, outpatient: [general({ visits: 'x' })] },
        'outpatient[0].visits', 'expected a whole number from 1 to 1000'],
      ['an unknown kind', { ...base, outpatient: [general({ kind: 'dental' })] },
        'outpatient[0].kind', '"dental" is not one of: general, chronic, special'],
      ['an unknown setting of a stay', { ...base, admissions: [{ ...base.admissions[0], setting: 'abroad' }] },
        'admissions[0].setting', `"abroad" is not one of: ${settings}`],
      ['an unknown setting of outpatient care', { ...base, outpatient: [general({ setting: 'moon' })] },
        'outpatient[0].setting', `"moon" is not one of: ${settings}`],
      ['a stay for a disease not on the list', { ...base, admissions: [{ ...base.admissions[0], disease: 'gout' }] },
        'admissions[0].disease', notListed],
      ['outpatient care for a disease not on the list', { ...base, outpatient: [general({ kind: 'chronic', disease: 'gout' })] },
        'outpatient[0].disease', notListed],
      ['chronic care without a disease', { ...base, outpatient: [general({ kind: 'chronic' })] },
        'outpatient[0].disease', 'this field is required'],
      ['special care without a disease', { ...base, outpatient: [general({ kind: 'special', disease: '' })] },
        'outpatient[0].disease', 'this field is required'],
      ['no stays and no outpatient costs', { ...base, admissions: [], outpatient: [] },
        'admissions', 'enter at least one hospital stay or outpatient cost'],
      ['no stays and outpatient null', { ...base, admissions: [], outpatient: null },
        'admissions', 'enter at least one hospital stay or outpatient cost'],
    ];
    for (const [name, request, field, messageEn] of cases) {
      for (let i = 0; i < 100; i++) {
        const error = assertStructured(() => glue.estimate(request), `${dir}: ${name}`);
        assert.equal(error.field, field, `${dir}: ${name}`);
        assert.equal(error.message_en, messageEn, `${dir}: ${name}`);
      }
      // The module still computes, the version's own request and the usual one.
      assert.ok(Number(glue.estimate(base).out_of_pocket.total) >= 0, `${dir}: after ${name}`);
      assertComputes(glue);
    }
    // What was refused above at its limit is read within it.
    const ok = (request) => glue.estimate(request).out_of_pocket.total;
    ok({ ...base, outpatient: Array.from({ length: 100 }, () => general({ visits: 1000 })) });
    ok({ ...base, admissions: [], outpatient: [general({ visits: 1 })] });
    for (const disease of diseases) ok({ ...base, admissions: [{ ...base.admissions[0], disease }] });
  }
});
