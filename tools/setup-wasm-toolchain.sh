#!/usr/bin/env bash
# setup-wasm-toolchain.sh - the Rust -> wasm32-unknown-unknown toolchain (wasm-pack,
# wasm-bindgen, wasm-opt, headless Chromium) on Debian 12 (bookworm) x86_64,
# built only from Debian packages, crates and npm packages: nothing is fetched
# by rustup or from release pages.
#
# Steps, in order; each one checks whether it is already done and skips if so:
#   1. Debian packages: rustc-web cargo-web rust-web-src rust-web-llvm lld-22 brotli
#      (+ rustfmt-web rust-web-clippy, + chromium chromium-driver fonts-wqy-microhei)
#   2. rustup custom toolchain "rust-web" -> /usr (only when rustup is installed)
#   3. the wasm32-unknown-unknown std, compiled from rust-web-src into
#      <rustc sysroot>/lib/rustlib/wasm32-unknown-unknown/lib; rebuilt when the
#      rustc version or the flags change (stamp file next to it)
#   4. wasm-bindgen-cli, exactly the wasm-bindgen version of the project's Cargo.lock
#   5. wasm-pack
#   6. check that wasm-opt on PATH is the project's npm "binaryen" (yibao change:
#      the project pins it in package.json; tools/setup.sh runs npm ci first)
#   7. smoke test: build a tiny cdylib for wasm32-unknown-unknown
#
# Usage:  setup-wasm-toolchain.sh [PATH/TO/Cargo.lock]
# Environment (default in brackets):
#   WASM_BINDGEN_VERSION  exact wasm-bindgen version          [read from Cargo.lock]
#   WASM_PACK_VERSION     wasm-pack version                   [0.15.1]
#   BINARYEN_VERSION      npm binaryen version (wasm-opt)     [132.0.0]
#   WASM_STD_TARGET_CPU   -Ctarget-cpu for the std            [mvp]
#                         (an mvp std serves both default and -Ctarget-cpu=mvp builds)
#   WITH_BROWSER          1 = install chromium + chromium-driver  [1]
#   WITH_LINT             1 = install rustfmt-web + rust-web-clippy [1]
#   FORCE_STD_REBUILD     1 = rebuild the std even if its stamp matches [0]
set -euo pipefail

WASM_PACK_VERSION=${WASM_PACK_VERSION:-0.15.1}
BINARYEN_VERSION=${BINARYEN_VERSION:-132.0.0}
WASM_STD_TARGET_CPU=${WASM_STD_TARGET_CPU:-mvp}
WITH_BROWSER=${WITH_BROWSER:-1}
WITH_LINT=${WITH_LINT:-1}
FORCE_STD_REBUILD=${FORCE_STD_REBUILD:-0}
TARGET=wasm32-unknown-unknown
RUSTC_BIN=/usr/bin/rustc
CARGO_BIN=/usr/bin/cargo

log()  { printf '\n[setup-wasm] == %s\n' "$*"; }
info() { printf '[setup-wasm]    %s\n' "$*"; }
die()  { printf '[setup-wasm] ERROR: %s\n' "$*" >&2; exit 1; }
run()  { printf '[setup-wasm]    $ %s\n' "$*"; "$@"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then run "$@"; else run sudo "$@"; fi; }
STEP_T0=0
step() { STEP_T0=$SECONDS; log "$*"; }
done_step() { info "step took $((SECONDS - STEP_T0)) s"; }
TMPDIRS=()
cleanup() { local d; for d in "${TMPDIRS[@]+"${TMPDIRS[@]}"}"; do rm -rf "$d"; done; }
trap cleanup EXIT
T_START=$SECONDS

# ---------------------------------------------------------------- 0. inputs
[ "$(uname -m)" = x86_64 ] || die "written for x86_64, this is $(uname -m)"
# shellcheck disable=SC1091
. /etc/os-release
[ "${VERSION_CODENAME:-}" = bookworm ] || info "warning: written for Debian 12 (bookworm); this is ${PRETTY_NAME:-unknown}"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  die "node and npm are required (wasm-opt from npm binaryen runs on Node.js)"
fi

LOCK=${1:-}
if [ -z "${WASM_BINDGEN_VERSION:-}" ]; then
  [ -n "$LOCK" ] || die "usage: $0 PATH/TO/Cargo.lock   (or set WASM_BINDGEN_VERSION=0.2.x)"
  [ -f "$LOCK" ] || die "no such file: $LOCK"
  WASM_BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; if ($1 == "version") { gsub(/"/, "", $3); print $3; exit } }' "$LOCK")
  [ -n "$WASM_BINDGEN_VERSION" ] || die "package wasm-bindgen not found in $LOCK"
fi
info "wasm-bindgen $WASM_BINDGEN_VERSION, wasm-pack $WASM_PACK_VERSION, binaryen $BINARYEN_VERSION, std target-cpu=$WASM_STD_TARGET_CPU"

# ---------------------------------------------------------------- 1. Debian packages
step "1/7 Debian packages"
APT_PKGS=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22 brotli)
[ "$WITH_LINT" = 1 ] && APT_PKGS+=(rustfmt-web rust-web-clippy)
# yibao: a CJK font, so that screenshots of the Chinese page show characters, not boxes.
[ "$WITH_BROWSER" = 1 ] && APT_PKGS+=(chromium chromium-driver fonts-wqy-microhei)
missing=()
for p in "${APT_PKGS[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" = installed ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  info "already installed: ${APT_PKGS[*]}"
else
  info "missing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
info "$($RUSTC_BIN --version); $($CARGO_BIN --version)"
# rust-web-llvm ships /usr/bin/rust-lld -> lld-22; without lld-22 the link is dangling.
rust-lld -flavor wasm --version >/dev/null 2>&1 || die "rust-lld does not run (is lld-22 installed?)"
info "rust-lld: $(rust-lld -flavor wasm --version)"
if [ "$(dpkg-query -W -f='${db:Status-Status}' binaryen 2>/dev/null || true)" = installed ]; then
  info "warning: Debian's binaryen (wasm-opt 108) is installed; it must not be the wasm-opt found first on PATH"
fi
done_step

# ---------------------------------------------------------------- 2. rustup link
step "2/7 rustup toolchain 'rust-web' -> /usr"
CARGO=("$CARGO_BIN")
if command -v rustup >/dev/null 2>&1; then
  if [ "$(rustc +rust-web --print sysroot 2>/dev/null || true)" = /usr ]; then
    info "already linked: $(rustc +rust-web --version)"
  else
    toolchains=$(rustup toolchain list)
    if grep -q '^rust-web\b' <<<"$toolchains"; then run rustup toolchain uninstall rust-web; fi
    run rustup toolchain link rust-web /usr
  fi
  CARGO=(cargo +rust-web)
else
  info "rustup not installed: using $CARGO_BIN directly"
fi
done_step

# ---------------------------------------------------------------- 3. wasm32 std
step "3/7 wasm32-unknown-unknown std (target-cpu=$WASM_STD_TARGET_CPU)"
SYSROOT=$($RUSTC_BIN --print sysroot)
LIBDIR=$SYSROOT/lib/rustlib/$TARGET/lib
STAMP=$SYSROOT/lib/rustlib/$TARGET/setup-wasm-std.stamp
STD_RUSTFLAGS="-Cembed-bitcode=yes -Ctarget-cpu=$WASM_STD_TARGET_CPU"
want="$($RUSTC_BIN -vV | tr '\n' ' ')| RUSTFLAGS=$STD_RUSTFLAGS | -Zbuild-std=std,panic_abort,test"
if [ "$FORCE_STD_REBUILD" != 1 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] \
   && compgen -G "$LIBDIR/libstd-*.rlib" >/dev/null; then
  info "already built (stamp $STAMP matches)"
else
  SRC=$SYSROOT/lib/rustlib/src/rust/library
  if [ ! -f "$SRC/Cargo.lock" ] || [ ! -d "$SRC/vendor" ]; then
    die "std sources not found at $SRC (package rust-web-src)"
  fi
  work=$(mktemp -d); TMPDIRS+=("$work")
  mkdir -p "$work/crate/src" "$work/cargo-home"
  cat >"$work/crate/Cargo.toml" <<'TOML'
[package]
name = "wasm_std_build"
version = "0.0.0"
edition = "2021"
TOML
  echo 'pub fn unused() {}' >"$work/crate/src/lib.rs"
  # A dummy crate built with -Zbuild-std makes cargo compile the std from the
  # rust-web-src sources; their vendored crates replace the crate registry (offline).
  (cd "$work/crate" && run env -u RUSTC_WRAPPER -u CARGO_ENCODED_RUSTFLAGS -u CARGO_BUILD_RUSTFLAGS \
      -u CARGO_BUILD_TARGET -u CARGO_TARGET_DIR \
      CARGO_HOME="$work/cargo-home" RUSTC="$RUSTC_BIN" RUSTC_BOOTSTRAP=1 RUSTFLAGS="$STD_RUSTFLAGS" \
      "$CARGO_BIN" build --offline --release --target "$TARGET" --target-dir "$work/target" \
      -Zbuild-std=std,panic_abort,test \
      --config 'source.crates-io.replace-with="vendored-std"' \
      --config "source.vendored-std.directory=\"$SRC/vendor\"")
  deps=$work/target/$TARGET/release/deps
  compgen -G "$deps/libstd-*.rlib" >/dev/null || die "std build produced no libstd rlib"
  as_root mkdir -p "$LIBDIR"
  as_root find "$LIBDIR" -maxdepth 1 \( -name '*.rlib' -o -name '*.rmeta' \) -delete
  as_root find "$deps" -maxdepth 1 \( -name 'lib*.rlib' -o -name 'lib*.rmeta' \) \
      ! -name 'libwasm_std_build-*' -exec cp -t "$LIBDIR" {} +
  printf '%s\n' "$want" >"$work/stamp"
  as_root cp "$work/stamp" "$STAMP"
  info "installed $(find "$LIBDIR" -name '*.rlib' | wc -l) rlibs into $LIBDIR"
fi
done_step

# ---------------------------------------------------------------- 4. wasm-bindgen-cli
step "4/7 wasm-bindgen-cli $WASM_BINDGEN_VERSION"
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$WASM_BINDGEN_VERSION" ]; then
  info "already installed: $(command -v wasm-bindgen)"
else
  info "found '${have:-none}'"
  # --locked is tried first; its lock file may pin a crate version that the
  # registry no longer serves (0.2.130: webpki-roots 1.0.11), then resolve afresh.
  if ! run "${CARGO[@]}" install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --locked; then
    info "--locked failed; retrying without --locked"
    run "${CARGO[@]}" install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
  fi
fi
[ "$(wasm-bindgen --version | awk '{print $2}')" = "$WASM_BINDGEN_VERSION" ] \
  || die "wasm-bindgen on PATH is $(command -v wasm-bindgen): $(wasm-bindgen --version); is ~/.cargo/bin first on PATH?"
done_step

# ---------------------------------------------------------------- 5. wasm-pack
step "5/7 wasm-pack $WASM_PACK_VERSION"
have=$(wasm-pack --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$WASM_PACK_VERSION" ]; then
  info "already installed: $(command -v wasm-pack)"
else
  info "found '${have:-none}'"
  run "${CARGO[@]}" install wasm-pack --version "=$WASM_PACK_VERSION" --locked
fi
done_step

# ---------------------------------------------------------------- 6. wasm-opt
# yibao: wasm-opt comes from the npm package "binaryen" pinned in the project's
# package.json + package-lock.json (installed by `npm ci` in tools/setup.sh, which
# puts node_modules/.bin first on PATH). Debian's binaryen 108 breaks the output.
step "6/7 wasm-opt (npm binaryen $BINARYEN_VERSION, from the project's node_modules)"
first=$(command -v wasm-opt || true)
[ -n "$first" ] || die "no wasm-opt on PATH: run npm ci in the project first"
wasm-opt --version | grep -q "version ${BINARYEN_VERSION%%.*} " \
  || die "wasm-opt on PATH ($first) reports '$(wasm-opt --version)', expected version ${BINARYEN_VERSION%%.*}"
info "$(wasm-opt --version)   $first"
done_step

# ---------------------------------------------------------------- 7. smoke test
step "7/7 smoke test: tiny cdylib for $TARGET"
work=$(mktemp -d); TMPDIRS+=("$work")
mkdir -p "$work/smoke/src"
printf '[package]\nname = "smoke"\nversion = "0.0.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n[profile.release]\nlto = true\n' \
  >"$work/smoke/Cargo.toml"
printf '#[no_mangle]\npub extern "C" fn total(n: u32) -> u32 { (0..n).collect::<Vec<u32>>().iter().sum() }\n' \
  >"$work/smoke/src/lib.rs"
(cd "$work/smoke" && run env -u RUSTC_WRAPPER -u CARGO_ENCODED_RUSTFLAGS -u CARGO_BUILD_RUSTFLAGS -u RUSTFLAGS \
    RUSTC="$RUSTC_BIN" "$CARGO_BIN" build --offline --quiet --release --target "$TARGET" --target-dir "$work/target")
test -s "$work/target/$TARGET/release/smoke.wasm" || die "smoke test produced no .wasm"
info "ok: $(stat -c %s "$work/target/$TARGET/release/smoke.wasm") bytes"
done_step

log "summary ($((SECONDS - T_START)) s in all)"
info "$($RUSTC_BIN --version)"
info "$(wasm-bindgen --version)   $(command -v wasm-bindgen)"
info "$(wasm-pack --version)   $(command -v wasm-pack)"
info "$(wasm-opt --version)   $(command -v wasm-opt)"
if [ "$WITH_BROWSER" = 1 ]; then
  info "$(chromium --version 2>/dev/null)   /usr/bin/chromium"
  info "$(chromedriver --version | cut -d' ' -f1-2)   $(command -v chromedriver)"
fi
info "projects select the toolchain with rust-toolchain.toml: [toolchain] channel = \"rust-web\""
