#!/usr/bin/env bash
# Fuzzes every input path with libFuzzer (cargo-fuzz) for a fixed time per
# target, and prints executions and findings. Run by hand, not in CI:
#
#   tools/fuzz.sh              # 120 s per target
#   tools/fuzz.sh 600          # 10 minutes per target
#   tools/fuzz.sh 60 amount    # one target
#
# Targets (fuzz/fuzz_targets/): request (JSON request + engine + the cadre's
# views), policy_file (TOML reading + validation + engine), amount (the text
# the page reads), batch (CSV files). The corpus starts from the project's own
# examples and grows in target/fuzz-corpus/. A crash is saved under
# fuzz/artifacts/<target>/; copy it to tests/fuzz-regressions/<target>/ so that
# tests/fuzz_regressions.rs keeps checking it once fixed.
#
# cargo-fuzz comes from crates.io. The Debian toolchain is a stable rustc:
# RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags; no sanitizer (the code
# is safe Rust: what is hunted is panics, overflows and broken invariants,
# with debug assertions and overflow checks on).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
SECONDS_PER_TARGET=${1:-120}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(request policy_file amount batch)
CARGO_FUZZ_VERSION=0.13.1

if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  echo "[fuzz] installing cargo-fuzz $CARGO_FUZZ_VERSION from crates.io"
  cargo install --locked --quiet cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

# Seeds: the project's own requests, policy files, amounts and batch files.
corpus=target/fuzz-corpus
mkdir -p "$corpus"/{request,policy_file,amount,batch} target/fuzz-logs
cp policies/*.toml policies/examples/*.toml tests/data/*.toml "$corpus/policy_file/"
cp docs/batch-example.csv "$corpus/batch/"
i=0
for amount in 12000 12,000 1.2万 １２０００ ¥3,500.50 0.5w 8千 3k 100000000 -5 1e5; do
  i=$((i + 1)); printf '%s' "$amount" >"$corpus/amount/seed-$i"
done
printf '%s' '{"policy":"inner_mongolia","scheme":"resident","category":"registered_poor","admissions":[{"level":"county","compliant":"50000","out_of_policy":"8000"},{"level":"city","compliant":"1.2万"}]}' >"$corpus/request/one"
printf '%s' '{"policy":"haiyuan","date":"2010-03-01","scheme":"ncms","category":"ordinary","age":8,"admissions":[{"level":"county","compliant":4347}],"overrides":{"basic.ncms.rate.county":"70%"},"explain":false}' >"$corpus/request/two"

summary=()
for target in "${TARGETS[@]}"; do
  echo "[fuzz] $target for $SECONDS_PER_TARGET s"
  log=target/fuzz-logs/$target.log
  status=0
  RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz --sanitizer none --debug-assertions "$target" "$corpus/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  crashes=$(find "fuzz/artifacts/$target" -type f 2>/dev/null | wc -l)
  summary+=("$(printf '%-12s %12s executions  %3s findings  exit %s' "$target" "$runs" "$crashes" "$status")")
  [ "$status" -eq 0 ] || tail -30 "$log"
done
echo
echo "[fuzz] $(nproc) cores, $SECONDS_PER_TARGET s per target"
printf '%s\n' "${summary[@]}"
