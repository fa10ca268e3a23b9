// The engine as an npm package for other sites (target/npm/yibao-engine-*.tgz,
// made by `./yb build`), used as a county portal would: installed from the
// tarball into an empty folder (offline: it has no dependencies), imported by
// name from a plain Node ES module, a region's policy data loaded, estimates
// computed to the fen; its declarations found by tsc through the package's exports.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT } from './harness.mjs';

const NPM = join(ROOT, 'target', 'npm');
let dir;
let installed;

before(() => {
  const tarballs = readdirSync(NPM).filter((f) => /^yibao-engine-.*\.tgz$/.test(f));
  assert.equal(tarballs.length, 1, `one tarball in ${NPM} (./yb build makes it): ${tarballs}`);
  dir = mkdtempSync(join(tmpdir(), 'yibao-package-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'county-portal', private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error',
    join(NPM, tarballs[0])], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  installed = join(dir, 'node_modules', 'yibao-engine');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs `code` as an ES module in the consumer's folder; returns what it prints. */
function run(code) {
  writeFileSync(join(dir, 'consumer.mjs'), code);
  return execFileSync(process.execPath, ['consumer.mjs'], { cwd: dir, encoding: 'utf8' });
}

/** Runs `code` in the consumer's folder; returns what it prints, read as JSON. */
const consumer = (code) => JSON.parse(run(code));

/** The engine set up as the package's README says, in a consumer's module. */
const SETUP = `
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, loadPolicies, estimate, policies } from 'yibao-engine';
const file = (name) => readFileSync(fileURLToPath(import.meta.resolve('yibao-engine/' + name)));
initSync({ module: file('yibao_bg.wasm') });
`;

/** Whole fen of a decimal string ("9358.43" → 935843n). */
function fen(decimal) {
  const match = /^(\d+)\.(\d\d)$/.exec(decimal);
  assert.ok(match, `an amount with two places: ${decimal}`);
  return BigInt(match[1]) * 100n + BigInt(match[2]);
}

test('the package has its types, the engine, the catalogue and every region it lists', () => {
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'yibao-engine');
  assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  assert.equal(manifest.license, 'MIT');
  assert.equal(manifest.types, './yibao.d.ts');
  assert.equal(manifest.exports['.'].types, './yibao.d.ts');
  const types = readFileSync(join(installed, manifest.types), 'utf8');
  for (const declaration of ['export function estimate(request: any): any;',
    'export function loadPolicies(bytes: any): any;', 'export function initSync(',
    'export default function']) {
    assert.ok(types.includes(declaration), `yibao.d.ts declares ${declaration}`);
  }
  const catalogue = JSON.parse(readFileSync(join(installed, 'policies', 'index.json'), 'utf8'));
  const ids = catalogue.map((p) => p.id).sort();
  assert.ok(ids.includes('inner_mongolia'), ids.join());
  const files = readdirSync(join(installed, 'policies')).filter((f) => f.endsWith('.bin'));
  assert.deepEqual(files.map((f) => f.replace(/\.bin$/, '')).sort(), ids);
  assert.deepEqual(readdirSync(installed).sort(),
    ['README.md', 'package.json', 'policies', 'yibao.d.ts', 'yibao.js', 'yibao_bg.wasm', 'yibao_bg.wasm.d.ts']);
});

test('TypeScript finds the declarations through the package\'s exports (tsc, nodenext)', () => {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { noEmit: true, strict: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext',
      lib: ['es2022', 'dom'], types: [] },
    files: ['consumer.mts'],
  }));
  writeFileSync(join(dir, 'consumer.mts'), `
import init, { initSync, loadPolicies, estimate, policies, parseAmount, type InitOutput } from 'yibao-engine';
const output: InitOutput = initSync({ module: new Uint8Array(0) });
const later: Promise<InitOutput> = init({ module_or_path: new URL('file:///yibao_bg.wasm') });
loadPolicies(new Uint8Array(0));
estimate({ policy: 'inner_mongolia' });
policies();
parseAmount('compliant', '1.2万');
export { output, later };
`);
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  let out = '';
  try {
    execFileSync(tsc, ['-p', join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    out = `${error.stdout}${error.stderr}`;
  }
  assert.equal(out, '', 'tsc finds yibao.d.ts and every export');
});

test('a plain Node module imports it by name, loads a region and computes to the fen', () => {
  const out = consumer(`${SETUP}
const loaded = loadPolicies(file('policies/inner_mongolia.bin'));
const result = estimate({
  policy: 'inner_mongolia', date: '2020-06-30', scheme: 'resident', category: 'registered_poor',
  admissions: [{ level: 'county', compliant: '50000', out_of_policy: '8000' }],
});
const replaced = estimate({
  policy: 'inner_mongolia', date: '2020-06-30', scheme: 'resident', category: 'registered_poor', explain: false,
  admissions: [{ level: 'county', compliant: '50000', out_of_policy: '8000' }],
  overrides: { 'basic.resident.rate.county': '80%' },
});
console.log(JSON.stringify({ loaded, ids: policies().map((p) => p.id), result, replaced }));
`);
  assert.deepEqual(out.loaded, ['inner_mongolia']);
  assert.deepEqual(out.ids, ['inner_mongolia']);
  // policies/inner_mongolia.cases.toml, case "建档立卡贫困人口：大病保险倾斜、医疗救助、商业补充保险":
  // basic (50000 − 500) × 85% = 42075 (the county deductible 500 and rate 85%
  // are assumed, the rate calibrated on the reported average of 75%); no
  // outpatient costs, so the two outpatient layers pay 0; critical illness
  // (7925 − 14000 × 50%) × (60% + 5%) = (7925 − 7000) × 65% = 601.25 (line 22's
  // threshold and rate, line 30's tilt); assistance (7925 − 601.25) × 70% =
  // 5126.625 → 5126.63 (line 26); commercial insurance (assumed: from 0, 50%)
  // 2197.12 × 50% = 1098.56; the 1098.56 left is under the backstop line
  // 50000 × 10% = 5000 (assumed): 8000 + 1098.56 = 9098.56 out of pocket.
  const { result } = out;
  assert.equal(result.policy, 'inner_mongolia');
  assert.equal(result.version, '2020');
  assert.equal(result.total, '58000.00');
  assert.deepEqual(result.layers.map((l) => [l.id, l.paid]), [
    ['basic', '42075.00'],
    ['outpatient', '0.00'],
    ['chronic_outpatient', '0.00'],
    ['critical_illness', '601.25'],
    ['medical_assistance', '5126.63'],
    ['supplementary', '1098.56'],
    ['backstop', '0.00'],
  ]);
  assert.deepEqual(result.out_of_pocket, { total: '9098.56', compliant: '1098.56', out_of_policy: '8000.00' });
  const paid = result.layers.reduce((sum, layer) => sum + fen(layer.paid), 0n);
  assert.equal(paid + fen(result.out_of_pocket.total), fen(result.total), 'layers + out of pocket = total');
  // The package is the full engine (pkg-cadre): the explanation by default,
  // the reported average beside it, and a replaced figure.
  assert.equal(result.layers[0].steps[0].formula, '(50000 − 500) × 85% = 42075.00');
  assert.deepEqual(result.reported.map((r) => r.value), ['75%']);
  // The assumed county rate replaced by 80%: basic (50000 − 500) × 80% = 39600.
  assert.equal(out.replaced.layers[0].paid, '39600.00');
});

test('the README\'s Node example runs as written', () => {
  const readme = readFileSync(join(installed, 'README.md'), 'utf8');
  const example = /## In Node\n\n```js\n([^]*?)```/.exec(readme);
  assert.ok(example, 'the README has a Node example');
  // policies/inner_mongolia.cases.toml, case "建档立卡贫困人口：大病保险倾斜、医疗救助、商业补充保险"
  // (worked in the test above): 9098.56, as the example's comment says.
  assert.match(example[1], /console\.log\(result\.out_of_pocket\.total\); +\/\/ '9098\.56'\n/);
  assert.equal(run(example[1]), '9098.56\n');
});

test('bad input throws the structured error, and the engine keeps working', () => {
  // Initialised the other way: the default export, asynchronously, with the bytes.
  const out = consumer(`
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import init, { loadPolicies, estimate } from 'yibao-engine';
const file = (name) => readFileSync(fileURLToPath(import.meta.resolve('yibao-engine/' + name)));
await init({ module_or_path: file('yibao_bg.wasm') });
const request = { policy: 'inner_mongolia', scheme: 'resident', category: 'ordinary',
  admissions: [{ level: 'county', compliant: '20000', out_of_policy: '1000' }] };
const attempt = (f) => { try { return { value: f() }; } catch (error) { return { error, isError: error instanceof Error }; } };
const before = attempt(() => estimate(request));
loadPolicies(file('policies/inner_mongolia.bin'));
const negative = attempt(() => estimate({ ...request, admissions: [{ level: 'county', compliant: '-5' }] }));
const garbage = attempt(() => loadPolicies(new TextEncoder().encode('not policy data')));
const after = estimate(request);
console.log(JSON.stringify({ before, negative, garbage, after: after.out_of_pocket.total }));
`);
  // No policy loaded yet: refused at the policy field, not a crash.
  assert.equal(out.before.error.field, 'policy');
  assert.equal(out.before.isError, false);
  assert.deepEqual(out.negative, { isError: false, error: {
    field: 'admissions[0].compliant', message_zh: '金额不能为负数', message_en: 'the amount cannot be negative' } });
  assert.equal(out.garbage.isError, false);
  assert.deepEqual(Object.keys(out.garbage.error).sort(), ['field', 'message_en', 'message_zh']);
  // policies/inner_mongolia.cases.toml, case "普通居民旗县医院 2 万元另有目录外 1000 元": basic
  // (20000 − 500) × 85% = 16575 (deductible and rate assumed), 3425 left under
  // critical illness's 14000: 3425 + 1000.
  assert.equal(out.after, '4425.00');
});
