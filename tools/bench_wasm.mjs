// How long one estimate takes in the release wasm module, in Node (the issue's
// target: under 20 µs per one-stay estimate), and the cadre's module's curve
// (201 points: within one frame) and batch file (10,000 rows: under 1 s). A measurement, not a test: run it
// by hand after `./yb build`, or through tools/bench.sh:
//
//   node tools/bench_wasm.mjs dist
//
// It loads dist/pkg/yibao.js (wasm-bindgen `--target web` glue) with
// dist/pkg/yibao_bg.wasm through `initSync`, then times `estimate(request)`,
// which takes a plain JS object and returns a plain object: the figures include
// reading the object into the library and building the returned object. Exits
// non-zero if the module fails to load or an estimate throws; a missed target
// is only reported, since timings on a busy machine are noisy.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const ONE_STAY = {
  policy: "inner_mongolia",
  scheme: "resident",
  category: "registered_poor",
  admissions: [{ level: "county", compliant: "50000", out_of_policy: "8000" }],
};

// The same five stays as benches/estimate.rs.
const FIVE_STAYS = {
  policy: "inner_mongolia",
  scheme: "resident",
  category: "registered_poor",
  admissions: [
    { level: "township", compliant: "3200", out_of_policy: "150" },
    { level: "county", compliant: "18000", out_of_policy: "2400" },
    { level: "city", compliant: "65000", out_of_policy: "9800.5" },
    { level: "city", compliant: "42000", out_of_policy: "5100" },
    { level: "county", compliant: "7600.25" },
  ],
};

// dist/ has no package.json saying "type": "module", so Node warns that it
// reparses the glue as an ES module (a one-off cost at import). Keep every
// other warning.
process.removeAllListeners("warning");
process.on("warning", (w) => {
  if (w.code !== "MODULE_TYPELESS_PACKAGE_JSON") console.warn(`${w.name}: ${w.message}`);
});

const TARGET_US = 20;
const WARMUP_CALLS = 3000;
const ROUNDS = 9;
const CALLS_PER_ROUND = 3000;
const BATCH = 10000;
const BATCH_ROUNDS = 5;

function fail(message, error) {
  console.error(`bench_wasm: ${message}`);
  if (error !== undefined) console.error(error);
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Keeps each result reachable so that no call can be optimised away.
let sink = 0;
function consume(result) {
  sink += result.layers.length;
}

/** Per-call µs for each of `ROUNDS` rounds of `CALLS_PER_ROUND` calls, after a warm-up. */
function perCall(estimate, request) {
  for (let i = 0; i < WARMUP_CALLS; i++) consume(estimate(request));
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < CALLS_PER_ROUND; i++) consume(estimate(request));
    const ns = Number(process.hrtime.bigint() - t0);
    rounds.push(ns / 1000 / CALLS_PER_ROUND);
  }
  return rounds;
}

/** Total ms of `BATCH` one-stay estimates, for each of `BATCH_ROUNDS` batches. */
function batches(estimate, request) {
  const out = [];
  for (let r = 0; r < BATCH_ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) consume(estimate(request));
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

const fmt = (x, digits = 2) => x.toFixed(digits);

/** Milliseconds of each of `rounds` calls of `fn`, after three unmeasured ones. */
function timed(fn, rounds) {
  for (let i = 0; i < 3; i++) fn();
  return Array.from({ length: rounds }, () => {
    const t0 = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  });
}

/** A batch file of `rows` households, cycling through a few kinds of row. */
function batchFile(rows) {
  const kinds = [
    "inner_mongolia,2020-06-30,resident,ordinary,,county,20000,1000",
    "inner_mongolia,2020-06-30,resident,registered_poor,,city,60000,0",
    "fuxin,2019-05-01,resident,registered_poor,,city,50000,5000",
    "guangdong,,resident,dibao,,township,8000,",
  ];
  const lines = ["id,policy,date,scheme,category,age,level,compliant,out_of_policy"];
  for (let i = 0; i < rows; i++) lines.push(`H${i},${kinds[i % kinds.length]}`);
  return lines.join("\n");
}

/** Loads every region's policy data (dist/policies/*.bin, as `yibao bake` wrote it). */
function loadAll(glue, dist) {
  for (const file of fs.readdirSync(path.join(dist, "policies")).filter((f) => f.endsWith(".bin"))) {
    glue.loadPolicies(fs.readFileSync(path.join(dist, "policies", file)));
  }
}

/** The cadre's module (dist/pkg-cadre): the curve of the page and a batch of 10,000 rows. */
async function cadreTimings(dist) {
  const jsPath = path.join(dist, "pkg-cadre", "yibao.js");
  const wasmPath = path.join(dist, "pkg-cadre", "yibao_bg.wasm");
  const cadre = await import(pathToFileURL(jsPath).href);
  cadre.initSync({ module: fs.readFileSync(wasmPath) });
  loadAll(cadre, dist);
  const request = { ...ONE_STAY, category: "ordinary", admissions: [{ level: "county", compliant: "20000" }], explain: false };
  const curve = timed(() => {
    if (cadre.curve(request, "1000000", 201).costs.length !== 201) fail("curve: not 201 points");
  }, 30);
  const file = batchFile(BATCH);
  const batch = timed(() => {
    if (cadre.batch(file, false).failed !== 0) fail("batch: rows failed");
  }, BATCH_ROUNDS);
  return { curve, batch };
}

async function main() {
  const dist = path.resolve(process.argv[2] ?? "dist");
  const jsPath = path.join(dist, "pkg", "yibao.js");
  const wasmPath = path.join(dist, "pkg", "yibao_bg.wasm");
  for (const p of [jsPath, wasmPath]) {
    if (!fs.existsSync(p)) fail(`${p} is missing; run ./yb build first`);
  }

  let glue;
  const tLoad = performance.now();
  try {
    glue = await import(pathToFileURL(jsPath).href);
    if (typeof glue.initSync !== "function" || typeof glue.estimate !== "function") {
      fail(`${jsPath} does not export initSync and estimate`);
    }
    glue.initSync({ module: fs.readFileSync(wasmPath) });
    loadAll(glue, dist);
  } catch (e) {
    fail(`the wasm module failed to load from ${wasmPath}`, e);
  }
  const loadMs = performance.now() - tLoad;

  let policyCount;
  let policiesMs;
  try {
    const t0 = performance.now();
    const list = glue.policies();
    policiesMs = performance.now() - t0;
    policyCount = Array.isArray(list) ? list.length : Object.keys(list ?? {}).length;
  } catch (e) {
    fail("policies() threw", e);
  }

  // One call of each, checked before any timing.
  const firsts = {};
  for (const [name, request] of [["one stay", ONE_STAY], ["five stays", FIVE_STAYS]]) {
    try {
      const t0 = performance.now();
      const result = glue.estimate(request);
      firsts[name] = performance.now() - t0;
      if (!result || !Array.isArray(result.layers)) {
        fail(`estimate (${name}) returned no layers: ${JSON.stringify(result)}`);
      }
      const oop = result.out_of_pocket?.total ?? result.out_of_pocket;
      console.log(
        `${name}: total ${JSON.stringify(result.total)}, out of pocket ${JSON.stringify(oop)}, ` +
          `${result.layers.length} layers`,
      );
    } catch (e) {
      fail(`estimate (${name}) threw`, e);
    }
  }

  let one;
  let summary;
  let five;
  let batch;
  try {
    one = perCall(glue.estimate, ONE_STAY);
    summary = perCall(glue.estimate, { ...ONE_STAY, explain: false });
    five = perCall(glue.estimate, FIVE_STAYS);
    batch = batches(glue.estimate, ONE_STAY);
  } catch (e) {
    fail("estimate threw while being timed", e);
  }

  let cadre;
  try {
    cadre = await cadreTimings(dist);
  } catch (e) {
    fail("the cadre's module (pkg-cadre) failed", e);
  }

  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(`\nwasm in Node ${process.version} · ${os.cpus().length} × ${cpu}`);
  console.log(`module ${wasmPath} (${fs.statSync(wasmPath).size.toLocaleString("en")} bytes)`);
  console.log(
    `${ROUNDS} rounds × ${CALLS_PER_ROUND} calls after ${WARMUP_CALLS} warm-up calls; ` +
      `batches of ${BATCH} × ${BATCH_ROUNDS}\n`,
  );
  const rows = [
    ["load (import + initSync)", `${fmt(loadMs)} ms`, "", ""],
    [`policies() once (${policyCount})`, `${fmt(policiesMs, 3)} ms`, "", ""],
    ["estimate, one stay, first call", `${fmt(firsts["one stay"], 3)} ms`, "", ""],
    ["estimate, five stays, first call", `${fmt(firsts["five stays"], 3)} ms`, "", ""],
    [
      "estimate, one stay, per call",
      `${fmt(median(one))} µs`,
      `${fmt(Math.min(...one))} µs`,
      median(one) < TARGET_US ? `< ${TARGET_US} µs: met` : `< ${TARGET_US} µs: NOT met`,
    ],
    [
      "estimate, one stay, summary (explain: false)",
      `${fmt(median(summary))} µs`,
      `${fmt(Math.min(...summary))} µs`,
      median(summary) < TARGET_US ? `< ${TARGET_US} µs: met` : `< ${TARGET_US} µs: NOT met`,
    ],
    ["estimate, five stays, per call", `${fmt(median(five))} µs`, `${fmt(Math.min(...five))} µs`, ""],
    [
      `${BATCH.toLocaleString("en")} one-stay estimates`,
      `${fmt(median(batch))} ms`,
      `${fmt(Math.min(...batch))} ms`,
      "",
    ],
    [
      "curve of 201 points (pkg-cadre), per curve",
      `${fmt(median(cadre.curve))} ms`,
      `${fmt(Math.min(...cadre.curve))} ms`,
      median(cadre.curve) < 16.7 ? "< one frame (16.7 ms): met" : "< one frame: NOT met",
    ],
    [
      `batch file of ${BATCH.toLocaleString("en")} rows (pkg-cadre)`,
      `${fmt(median(cadre.batch))} ms`,
      `${fmt(Math.min(...cadre.batch))} ms`,
      median(cadre.batch) < 1000 ? "< 1 s: met" : "< 1 s: NOT met",
    ],
  ];
  const head = ["measure", "median", "min", "target"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  if (sink === 0) console.log("(no layers returned)");
}

main().catch((e) => fail("unexpected error", e));
