#!/usr/bin/env bash
# Runs every check and test of flowsim; installs what is missing first (scripts/setup.sh).
# Exits non-zero if anything fails and ends with a line "summary: N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$FLOWSIM_ROOT"
scripts/setup.sh test || { echo "summary: 0 passed, 1 failed"; exit 1; }
# Native steps use rustup's default toolchain; wasm32 steps run in a subshell with wasm_env.
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
# wasm-bindgen-test-runner gives chromedriver 5 s to bind its port and then fails the step
# ("driver failed to bind port during startup"). A machine that has just installed everything
# runs with cold disk caches and can take longer: a first run on a new machine failed this way
# once. Give the driver a minute and each test two; a normal run takes under a second of either.
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT="${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-60}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
# A full run builds every crate once for each of five profiles and targets; incremental caches
# would only add disk (gigabytes on a clean clone) for builds that are not repeated.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

passed=0
failed=0
failures=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# step NAME COMMAND...: runs a check; counts the tests it reports (cargo's "test result" lines,
# node's "# pass / # fail"), or counts the step itself as one check.
step() {
    local name=$1
    shift
    say "$name"
    local start=$SECONDS
    "$@" 2>&1 | tee "$log"
    local rc=${PIPESTATUS[0]}
    local p f
    read -r p f < <(awk '
        /^test result:/ { seen=1; for (i = 1; i < NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
        /^# pass [0-9]+/ { seen=1; p += $3 }
        /^# fail [0-9]+/ { seen=1; f += $3 }
        END { if (seen) print p+0, f+0; else print "", "" }' "$log")
    if [ -z "$p" ] || [ "$((p + f))" -eq 0 ]; then
        if [ "$rc" -eq 0 ]; then p=1; f=0; else p=0; f=1; fi
    elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    [ "$rc" -ne 0 ] && failures+=("$name")
    echo "    ($name: $p passed, $f failed, $((SECONDS - start)) s)"
}

wasm_lint() (
    wasm_env
    if have_rustup_wasm_target; then
        cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings &&
            cargo clippy --target wasm32-unknown-unknown --lib --bins --features split -- -D warnings
    else
        cargo build --target wasm32-unknown-unknown --all-targets
    fi
)

# chromedriver starts Chromium with a new profile in the temporary folder (about 70 MB), and
# wasm-bindgen-test-runner stops it before it can remove it: give the run a folder of its own
# and remove that afterwards, or each run leaves one behind.
wasm_tests() (
    wasm_env
    TMPDIR=$(mktemp -d)
    export TMPDIR
    trap 'rm -rf "$TMPDIR"' EXIT
    cargo test --target wasm32-unknown-unknown --test web
)

release_build() (
    wasm_env
    trunk build --release --offline || exit 1
    wasm_sizes
)

step "format (cargo fmt --check)" cargo fmt --check
step "lint, native (cargo clippy -D warnings)" cargo clippy --all-targets -- -D warnings
step "lint and build, wasm32" wasm_lint
step "core tests, native (cargo test)" cargo test
step "browser tests, wasm32 in headless Chromium (wasm-bindgen-test)" wasm_tests
step "release build (trunk build --release)" release_build
# The rooms e2e tests start the real server (flowsim serve): build it from today's sources.
# With the test profile, as scripts/serve.sh builds it (about a minute on a fresh clone).
step "rooms server for the e2e tests (cargo build --profile test --bin flowsim)" cargo build --profile test --bin flowsim
# One test file at a time: each starts its own Chromium, and the machine may have two cores.
step "end-to-end tests in headless Chromium (playwright-core)" node --test --test-concurrency=1 tests/e2e/

if [ ${#failures[@]} -gt 0 ]; then
    printf '\nfailed steps:\n'
    printf '  - %s\n' "${failures[@]}"
fi
echo "summary: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
