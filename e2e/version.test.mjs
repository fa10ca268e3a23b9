// The page picks the policy version in force on a date itself (www/state.js,
// versionOn: the form must list the version's choices before there is a
// request to estimate). Here, in Node against the shipped module, it must pick
// what the engine picks (Policy::version_on) on every shipped version's first
// and last day, the days just outside them, today, and without a date; where it
// finds none, the engine must refuse the date. After the newest version's end
// both take the newest, and the estimate says so (out_of_date). And what the form offers under
// each version (where care was, diseases, kinds of outpatient care: from the
// catalogue, www/state.js) the engine must read.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, bakeFixture } from './harness.mjs';
import { SETTINGS } from '../www/messages.js';
import { formVersion, outpatientDiseases, stayDiseases, versionOn } from '../www/state.js';

const DIST = join(ROOT, 'dist');

/** YYYY-MM-DD moved by `days`. */
function shift(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test('the version the page picks for a date is the engine\'s, at every edge of every version', async () => {
  const engine = await import(join(DIST, 'pkg', 'yibao.js'));
  engine.initSync({ module: readFileSync(join(DIST, 'pkg', 'yibao_bg.wasm')) });
  for (const file of readdirSync(join(DIST, 'policies')).filter((f) => f.endsWith('.bin'))) {
    engine.loadPolicies(readFileSync(join(DIST, 'policies', file)));
  }
  const catalogue = JSON.parse(readFileSync(join(DIST, 'policies', 'index.json'), 'utf8'));
  let checked = 0;
  for (const policy of catalogue) {
    const dates = new Set(['', new Date().toISOString().slice(0, 10), '2200-12-31']);
    for (const v of policy.versions) {
      for (const date of [v.valid_from, v.valid_to, shift(v.valid_from, -1), shift(v.valid_to, 1)]) dates.add(date);
    }
    for (const date of dates) {
      const picked = versionOn(policy, date);
      const asked = picked ?? formVersion(policy, date);
      const request = { policy: policy.id, date: date || null, scheme: asked.schemes[0].id, category: asked.categories[0].id,
        admissions: [{ level: asked.levels[0].id, compliant: '1000', out_of_policy: '0' }], explain: false };
      let estimate;
      let error;
      try {
        estimate = engine.estimate(request);
      } catch (e) {
        error = e;
      }
      const where = `${policy.id} on ${date || '(no date)'}`;
      if (picked) {
        assert.equal(error, undefined, `${where}: ${JSON.stringify(error)}`);
        assert.equal(estimate.valid_from, picked.valid_from, where);
        assert.equal(estimate.version, picked.label, where);
        assert.equal(estimate.out_of_date === 'after_end', date > picked.valid_to, where);
      } else {
        assert.equal(error?.field, 'date', `${where}: the page finds no version, the engine ${JSON.stringify(error ?? estimate.version)}`);
      }
      checked += 1;
    }
  }
  assert.ok(checked > 30, `${checked} dates`);
});

test('what the form offers under every version, the engine reads: every setting, each stay\'s disease, each kind of outpatient care and its diseases', async () => {
  const engine = await import(join(DIST, 'pkg', 'yibao.js'));
  engine.initSync({ module: readFileSync(join(DIST, 'pkg', 'yibao_bg.wasm')) });
  // The shipped policies and the browser tests' own county, which has all of these.
  const fixture = bakeFixture();
  const catalogue = [...JSON.parse(readFileSync(join(DIST, 'policies', 'index.json'), 'utf8')),
    ...JSON.parse(readFileSync(join(fixture.dir, 'index.json'), 'utf8'))];
  for (const file of readdirSync(join(DIST, 'policies')).filter((f) => f.endsWith('.bin'))) {
    engine.loadPolicies(readFileSync(join(DIST, 'policies', file)));
  }
  engine.loadPolicies(readFileSync(join(fixture.dir, `${fixture.id}.bin`)));
  let offered = 0;
  for (const policy of catalogue) {
    for (const v of policy.versions) {
      const base = { policy: policy.id, date: v.valid_from, scheme: v.schemes[0].id, category: v.categories[0].id, explain: false };
      const stay = { level: v.levels[0].id, compliant: '20000', out_of_policy: '0' };
      const where = `${policy.id} ${v.label}`;
      assert.equal(v.settings[0].id, 'local', where);
      for (const setting of SETTINGS) {
        const estimate = engine.estimate({ ...base, admissions: [{ ...stay, setting }] });
        // A setting the version does not name is counted as local care, and the estimate says so.
        const said = estimate.assumptions.some((a) => a.parameter === 'admissions[0].setting' && a.value === setting);
        assert.equal(said, !v.settings.some((s) => s.id === setting), `${where}, ${setting}`);
        offered += 1;
      }
      for (const disease of stayDiseases(v)) {
        engine.estimate({ ...base, admissions: [{ ...stay, disease: disease.id }] });
        offered += 1;
      }
      for (const kind of v.outpatient_kinds) {
        const diseases = kind.id === 'general' ? [undefined] : outpatientDiseases(v).map((d) => d.id);
        assert.ok(diseases.length, `${where}: ${kind.id} care for no disease`);
        for (const disease of diseases) {
          const estimate = engine.estimate({ ...base, admissions: [], outpatient: [{ kind: kind.id, disease, level: v.levels[0].id, compliant: '3000' }] });
          assert.equal(estimate.total, '3000.00', `${where}, ${kind.id} ${disease}`);
          offered += 1;
        }
      }
    }
  }
  assert.ok(offered >= 48, `${offered} choices`);
});
