#!/usr/bin/env bash
# Mutation testing of the simulation core with cargo-mutants: every mutant of src/sim must be
# caught by a test other than the native = wasm checksum (which any change trips, and whose
# failure says nothing about what broke). Hours on two cores, so it runs in runs of 100, outside CI.
#   scripts/mutants.sh list          how many mutants there are at HEAD, per file
#   scripts/mutants.sh pending [M]   test (up to M of) the mutants of HEAD that no run has tested
#                                    yet, into target/mutants/run-HEAD-TIME; stop it any time,
#                                    what it finished counts
#   scripts/mutants.sh recheck [RE]  re-run at HEAD every missed mutant no run has caught (those
#                                    matching the grep -E pattern RE)
#   scripts/mutants.sh all           pending until nothing is left, then recheck, then report
#   scripts/mutants.sh report        the caught share over the mutants of HEAD: a mutant counts
#                                    as caught when any run caught it (or timed out on it)
# Results are matched to HEAD's mutants by name (file:line:col and the replacement), so runs at
# different commits add up, and a mutant whose code moved is simply tested again.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
export LC_ALL=C # one sort order for comm
cd "$FLOWSIM_ROOT"
CARGO_MUTANTS_VERSION="27.1.0"
CARGO_NEXTEST_VERSION="0.9.151"

if [ "$(cargo mutants --version 2>/dev/null | awk '{print $2}')" != "$CARGO_MUTANTS_VERSION" ]; then
    say "installing cargo-mutants $CARGO_MUTANTS_VERSION (a few minutes)"
    cargo install -q --locked cargo-mutants --version "$CARGO_MUTANTS_VERSION"
fi

# What is mutated: the simulation core. What runs: the native unit tests and tests/sim, less the
# checksum test. nextest stops at the first failure, and its `mutants` profile
# (.config/nextest.toml) runs the slow validation tests last, so a caught mutant costs a few
# seconds. --lib --test sim go to the build too (-C): otherwise every mutant rebuilds every test
# target (the rooms and web tests, the CLI's and server's unit tests) that is never run.
FILES=(-f 'src/sim.rs' -f 'src/sim/**/*.rs')
TESTS=(--test-tool nextest -C --lib -C --test -C sim
    -- --profile mutants -E 'not test(=same_seed_same_run_and_the_checksum_matches_wasm)')

# Outcome lists of every run so far (any commit), one name per line.
outcomes() {
    shopt -s nullglob
    local f
    for f in target/mutants/*/mutants.out/"$1".txt; do cat "$f"; done | sort -u
}
# HEAD's mutants, listed from an export of HEAD: neither the working copy (which may hold
# uncommitted edits) nor the worktree (which may hold a mutant of a run in progress).
current() {
    local head dir
    head=$(git rev-parse --short HEAD)
    dir="$FLOWSIM_ROOT/target/mutants/list-$head"
    if [ ! -s "$dir.txt" ]; then
        rm -rf "$dir" && mkdir -p "$dir"
        git archive HEAD | tar -x -C "$dir"
        (cd "$dir" && cargo mutants --list "${FILES[@]}") | sort -u >"$dir.txt.tmp"
        mv "$dir.txt.tmp" "$dir.txt" && rm -rf "$dir"
    fi
    cat "$dir.txt"
}
# Any of the outcome lists, merged.
any_of() { local o; for o in "$@"; do outcomes "$o"; done | sort -u; }

# Runs cargo-mutants at HEAD, in a worktree of its own, on the mutants named on stdin.
run_named() {
    local out=$1 what=$2 tree="$FLOWSIM_ROOT/target/mutants/tree" m
    local which=()
    while IFS= read -r m; do
        [ -n "$m" ] || continue
        # By exact name: a regex with its special characters escaped.
        which+=(-F "^$(printf '%s' "$m" | sed 's/[][\\.^$*+?(){}|/]/\\&/g')\$")
    done
    [ "${#which[@]}" -gt 0 ] || { echo "nothing to run"; return 0; }
    if [ "$(cargo nextest --version 2>/dev/null | awk 'NR==1 {print $2}')" != "$CARGO_NEXTEST_VERSION" ]; then
        say "installing cargo-nextest $CARGO_NEXTEST_VERSION (a few minutes)"
        cargo install -q --locked cargo-nextest --version "$CARGO_NEXTEST_VERSION"
    fi
    mkdir -p "$out"
    # The worktree is reset to HEAD first: a run stopped half-way may leave a mutant in it.
    [ -e "$tree/.git" ] || git worktree add --detach "$tree" HEAD >/dev/null
    git -C "$tree" checkout --detach --force -q "$(git rev-parse HEAD)"
    say "cargo-mutants: $what at $(git rev-parse --short HEAD) → $out"
    # No debug info and a faster linker: most of a mutant's build is compiling and linking.
    # No LTO between codegen units either (the test profile's default does thin LTO across
    # them): with it a one-line mutant rebuilt in 7 to 15 s, without it in about 3.5 s, and an
    # incremental build can no longer lose the symbols that LTO renames (mold's "undefined
    # symbol anon.*", which made two viable mutants look unviable).
    export CARGO_PROFILE_TEST_DEBUG=0 CARGO_PROFILE_TEST_LTO=off
    if command -v mold >/dev/null; then export RUSTFLAGS="-C link-arg=-fuse-ld=mold"; fi
    # Exit code 2 means some mutants were missed, 3 that some timed out (3 wins when both
    # happened): results, not failures here. Anything else (4: the baseline fails) is, except
    # once: a run stopped in the middle of a build can leave the worktree's incremental build
    # broken (it then fails to link), so a failed baseline is retried after cleaning flowsim.
    local attempt rc
    for attempt in 1 2; do
        rc=0
        (cd "$tree" && cargo mutants --in-place --no-shuffle "${which[@]}" "${FILES[@]}" \
            --output "$out" --timeout-multiplier 3 --minimum-test-timeout 60 "${TESTS[@]}") ||
            rc=$?
        case "$rc" in
            0 | 2 | 3) return 0 ;;
            4) if [ "$attempt" -eq 1 ]; then
                say "the baseline failed: cleaning flowsim's build in the worktree and retrying"
                (cd "$tree" && cargo clean -q -p flowsim)
                continue
            fi ;;
        esac
        break
    done
    echo "cargo-mutants failed (exit $rc)" >&2
    return "$rc"
}

case "${1:-}" in
    list)
        current | awk -F: '{print $1}' | uniq -c | sort -rn
        ;;
    untested)
        # HEAD's mutants with no outcome in any run.
        comm -23 <(current) <(any_of caught missed timeout unviable)
        ;;
    still-missed)
        # HEAD's mutants that some run missed and no run caught (timeouts count as caught).
        comm -12 <(current) <(comm -23 <(outcomes missed) <(any_of caught timeout))
        ;;
    pending)
        mapfile -t names < <("$0" untested | sort -t: -k1,1 -k2,2n -k3,3n | head -n "${2:-100000}")
        printf '%s\n' "${names[@]}" |
            run_named "$FLOWSIM_ROOT/target/mutants/run-$(git rev-parse --short HEAD)-$(date +%H%M%S)" \
                "${#names[@]} untested mutants"
        ;;
    recheck)
        # An optional pattern (grep -E) narrows it, say to one file.
        # (grep finding nothing is not an error: run_named then has nothing to run.)
        "$0" still-missed | { grep -E "${2:-.}" || true; } |
            run_named "$FLOWSIM_ROOT/target/mutants/recheck-$(git rev-parse --short HEAD)-$(date +%H%M%S)" \
                "the missed mutants${2:+ matching $2}"
        ;;
    all)
        while [ -n "$("$0" untested)" ]; do "$0" pending 100; done
        "$0" recheck
        "$0" report
        ;;
    report)
        total=$(current | wc -l)
        caught=$(comm -12 <(current) <(any_of caught timeout) | wc -l)
        unviable=$(comm -12 <(current) <(comm -23 <(outcomes unviable) <(any_of caught timeout missed)) | wc -l)
        missed=$("$0" still-missed)
        n_missed=$(printf '%s' "$missed" | grep -c . || true)
        untested=$("$0" untested | wc -l)
        viable=$((caught + n_missed))
        echo "HEAD $(git rev-parse --short HEAD): $total mutants of src/sim; $untested not tested yet"
        echo "caught $caught (timeouts included), missed $n_missed, unviable $unviable"
        awk -v c="$caught" -v v="$viable" 'BEGIN { if (v) printf "caught share of viable mutants tested: %.1f %%\n", 100 * c / v }'
        printf '%s\n' "$missed"
        ;;
    *)
        sed -n '2,15p' "$0"
        exit 2
        ;;
esac
