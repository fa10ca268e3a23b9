#!/usr/bin/env bash
# Measures one estimate natively (criterion, benches/estimate.rs; target under
# 5 µs per one-stay estimate) and in the release wasm module in Node
# (tools/bench_wasm.mjs; target under 20 µs). Run by hand, not in CI:
#
#   tools/bench.sh                 # full criterion run
#   tools/bench.sh --quick         # shorter criterion warm-up and measurement
#   tools/bench.sh -- ARGS...      # ARGS go to criterion (e.g. a filter: one_stay)
#
# Builds the site (./yb build) first when dist/pkg/yibao_bg.wasm is missing.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

criterion_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) criterion_args+=(--warm-up-time 1 --measurement-time 3) ;;
    --) shift; criterion_args+=("$@"); break ;;
    *) echo "usage: tools/bench.sh [--quick] [-- CRITERION_ARGS...]" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '\n[bench] %s\n' "$*"; }

say "machine"
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
echo "cores (nproc): $(nproc)"
echo "CPU:           ${cpu:-unknown}"
echo "load average:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rustc:         $(rustc --version)"
echo "node:          $(node --version)"

say "native: cargo bench --bench estimate ${criterion_args[*]}"
cargo bench --bench estimate -- "${criterion_args[@]}"

if [ ! -f dist/pkg/yibao_bg.wasm ] || [ ! -f dist/pkg/yibao.js ]; then
  say "dist/pkg/yibao_bg.wasm is missing: ./yb build"
  ./yb build
fi
say "wasm in Node: node tools/bench_wasm.mjs dist"
node tools/bench_wasm.mjs dist
