#!/usr/bin/env bash
# Installs everything flowsim needs, only what is missing; a second run installs nothing.
#   scripts/setup.sh         what building and serving the app needs
#   scripts/setup.sh test    that plus Chromium and ChromeDriver for the browser tests
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$FLOWSIM_ROOT"
want_browser=false
[ "${1:-}" = "test" ] && want_browser=true

apt_updated=false
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    if ! $apt_updated; then as_root apt-get update -qq; apt_updated=true; fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# 1. Rust: rustup's stable toolchain builds and tests the native core and CLI.
if ! command -v cargo >/dev/null; then
    echo "cargo not found: install Rust with rustup first (https://rustup.rs)" >&2
    exit 1
fi
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

# 2. A compiler that targets wasm32: rustup's target where it can be downloaded, otherwise
#    Debian's rustc-web with the standard library built from source (shared/docs/toolchain.md records why).
if have_rustup_wasm_target; then
    :
elif [ "${FLOWSIM_WASM_ROUTE:-}" != "debian" ] &&
    timeout 300 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 && have_rustup_wasm_target; then
    say "installed rustup target wasm32-unknown-unknown"
else
    apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22
    if ! rustup toolchain list | grep -q "^$WEB_TOOLCHAIN"; then
        say "linking Debian's rustc-web as rustup toolchain $WEB_TOOLCHAIN"
        rustup toolchain link "$WEB_TOOLCHAIN" /usr
    fi
fi

# 3. wasm-bindgen CLI (must equal the wasm-bindgen crate version), Trunk and wasm-split-cli.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
    cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
    # --locked: without it a newer lightningcss is resolved that does not compile.
    say "installing trunk $TRUNK_VERSION (a few minutes)"
    cargo install -q trunk --version "$TRUNK_VERSION" --locked
fi

# The release app's code splitting: wasm-split-cli cuts the app's wasm into the main module and
# the parts fetched on demand (scripts/split-wasm.mjs, run by Trunk after each build).
if ! cargo install --list 2>/dev/null | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    say "installing wasm-split-cli $WASM_SPLIT_VERSION (about a minute)"
    cargo install -q wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

# 4. npm packages: binaryen's wasm-opt (Debian's is too old for modern wasm) and playwright-core.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
    say "installing npm packages (package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
fi

# 5. A real browser for the tests.
if $want_browser; then
    apt_install chromium chromium-driver
fi
say "set-up complete"
