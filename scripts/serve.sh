#!/usr/bin/env bash
# Builds the release app into dist/ and serves it at http://127.0.0.1:8080 (PORT overrides).
# Installs what is missing first (scripts/setup.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$FLOWSIM_ROOT"
scripts/setup.sh
wasm_env
say "building the release app into dist/"
trunk build --release --offline
wasm_sizes
say "open http://127.0.0.1:${PORT:-8080}/ in a browser"
exec node scripts/static-server.mjs dist "${PORT:-8080}" 127.0.0.1
