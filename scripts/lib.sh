# Shared helpers for the flowsim scripts. Source it; do not run it.
# It sets PATH and, when the wasm32 target comes from Debian's rustc-web, the variables that make
# cargo and trunk build the standard library for wasm32 from source.

FLOWSIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FLOWSIM_ROOT
export PATH="$FLOWSIM_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# Versions the project is pinned to (keep in step with Cargo.toml, Trunk.toml and package.json).
WASM_BINDGEN_VERSION="0.2.130"
TRUNK_VERSION="0.21.14"
# wasm-split-cli (crate wasm_split_cli_support); the app's wasm_split_helpers is its runtime half.
WASM_SPLIT_VERSION="0.2.4"
# Name under which Debian's rustc-web is linked into rustup (fallback route only).
WEB_TOOLCHAIN="flowsim-web"

# Prints the size of each release .wasm in dist/, raw and gzipped: the app's main module, each
# part it fetches on demand (split_*; the chunk_* files they share are counted with them) and
# the sweep worker.
wasm_sizes() {
    local w raw=0 gz=0
    for w in dist/*.wasm; do
        case "$(basename "$w")" in
        chunk_*)
            raw=$((raw + $(stat -c %s "$w")))
            gz=$((gz + $(gzip -9 -c "$w" | wc -c)))
            ;;
        *)
            printf 'release wasm: %s: %s bytes raw, %s bytes gzipped\n' \
                "$(basename "$w")" "$(stat -c %s "$w")" "$(gzip -9 -c "$w" | wc -c)"
            ;;
        esac
    done
    printf 'release wasm: the parts\x27 shared chunk_* files: %s bytes raw, %s bytes gzipped\n' "$raw" "$gz"
}

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# True when the default rustup toolchain already has the wasm32 standard library.
# FLOWSIM_WASM_ROUTE=debian forces the Debian rustc-web route (to test it where rustup works).
have_rustup_wasm_target() {
    [ "${FLOWSIM_WASM_ROUTE:-}" != "debian" ] &&
        rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'
}

# Exports what cargo needs to build for wasm32 by whichever route setup.sh installed.
wasm_env() {
    if have_rustup_wasm_target; then
        return 0
    fi
    if rustup toolchain list 2>/dev/null | grep -q "^$WEB_TOOLCHAIN"; then
        export RUSTUP_TOOLCHAIN="$WEB_TOOLCHAIN"
        export RUSTC_BOOTSTRAP=1
        export CARGO_UNSTABLE_BUILD_STD="std,panic_abort"
        return 0
    fi
    echo "no wasm32 toolchain: run scripts/setup.sh" >&2
    return 1
}
