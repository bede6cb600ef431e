#!/usr/bin/env bash
# Builds the release app into dist/ and serves it with `flowsim serve` at
# http://127.0.0.1:8080, with workshop rooms (docs/rooms.md). PORT overrides the port; HOST the
# address (HOST=0.0.0.0 lets laptops on the venue's network join); rooms are kept in
# .flowsim-data/. Installs what is missing first (scripts/setup.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$FLOWSIM_ROOT"
scripts/setup.sh
# The native server first (before wasm_env, which may point cargo at a wasm-only toolchain).
# The test profile (opt-level 2, no LTO) builds in a fraction of a release build's time and
# shares its build with `cargo test`.
say "building the server (flowsim serve)"
cargo build --profile test --bin flowsim
wasm_env
say "building the release app into dist/"
trunk build --release --offline
wasm_sizes
exec target/debug/flowsim serve --dist dist --port "${PORT:-8080}" --host "${HOST:-127.0.0.1}"
