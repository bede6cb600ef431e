#!/usr/bin/env bash
# Mutation testing of the simulation core with cargo-mutants: every mutant of src/sim must be
# caught by a test other than the native = wasm checksum (which any change trips, and whose
# failure says nothing about what broke). Hours on two cores, so it runs in shards, outside CI.
#   scripts/mutants.sh list          how many mutants there are, per file
#   scripts/mutants.sh K/N           run shard K of N (K from 0), into target/mutants/shard-K-of-N
#   scripts/mutants.sh all N         every shard of N, one after another
#   scripts/mutants.sh recheck       re-run, at HEAD, every mutant the shards missed that no
#                                    recheck has caught yet, into target/mutants/recheck-HEAD
#   scripts/mutants.sh report        the caught share over every shard run so far, counting a
#                                    missed mutant as caught when a recheck caught it
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$FLOWSIM_ROOT"
CARGO_MUTANTS_VERSION="27.1.0"
CARGO_NEXTEST_VERSION="0.9.151"

if [ "$(cargo mutants --version 2>/dev/null | awk '{print $2}')" != "$CARGO_MUTANTS_VERSION" ]; then
    say "installing cargo-mutants $CARGO_MUTANTS_VERSION (a few minutes)"
    cargo install -q --locked cargo-mutants --version "$CARGO_MUTANTS_VERSION"
fi

# What is mutated: the simulation core. What runs: the native unit tests and tests/sim, less the
# checksum test. nextest stops at the first failure, so a caught mutant costs a few seconds.
FILES=(-f 'src/sim.rs' -f 'src/sim/**/*.rs')
TESTS=(--test-tool nextest -- --lib --test sim -E 'not test(=same_seed_same_run_and_the_checksum_matches_wasm)')

case "${1:-}" in
    list)
        cargo mutants --list "${FILES[@]}" | awk -F: '{print $1}' | sort | uniq -c | sort -rn
        ;;
    */* | recheck)
        if [ "$(cargo nextest --version 2>/dev/null | awk 'NR==1 {print $2}')" != "$CARGO_NEXTEST_VERSION" ]; then
            say "installing cargo-nextest $CARGO_NEXTEST_VERSION (a few minutes)"
            cargo install -q --locked cargo-nextest --version "$CARGO_NEXTEST_VERSION"
        fi
        if [ "$1" = recheck ]; then
            out="$FLOWSIM_ROOT/target/mutants/recheck-$(git rev-parse --short HEAD)"
            # Every mutant still missed, by its exact name (a regex: special characters escaped).
            mapfile -t names < <("$0" still-missed)
            [ "${#names[@]}" -gt 0 ] || { echo "nothing missed"; exit 0; }
            WHICH=()
            for m in "${names[@]}"; do
                WHICH+=(-F "^$(printf '%s' "$m" | sed 's/[][\\.^$*+?(){}|/]/\\&/g')\$")
            done
            what="the ${#names[@]} missed mutants"
        else
            k=${1%/*} n=${1#*/}
            out="$FLOWSIM_ROOT/target/mutants/shard-$k-of-$n"
            WHICH=(--shard "$k/$n")
            what="shard $k of $n"
        fi
        tree="$FLOWSIM_ROOT/target/mutants/tree"
        mkdir -p "$out"
        # The worktree is reset to HEAD first: a run stopped half-way may leave a mutant in it.
        if [ ! -e "$tree/.git" ]; then
            git worktree add --detach "$tree" HEAD >/dev/null
        fi
        git -C "$tree" checkout --detach --force -q "$(git rev-parse HEAD)"
        say "cargo-mutants: $what at $(git rev-parse --short HEAD) → $out"
        # No debug info and a faster linker: most of a mutant's build is compiling and linking.
        export CARGO_PROFILE_TEST_DEBUG=0
        if command -v mold >/dev/null; then export RUSTFLAGS="-C link-arg=-fuse-ld=mold"; fi
        # Exit code 2 means some mutants were missed: that is a result, not a failure here.
        (cd "$tree" && cargo mutants --in-place --no-shuffle "${WHICH[@]}" "${FILES[@]}" \
            --output "$out" --timeout-multiplier 3 --minimum-test-timeout 60 "${TESTS[@]}") ||
            [ $? -eq 2 ]
        ;;
    all)
        n=${2:?usage: scripts/mutants.sh all N}
        for ((k = 0; k < n; k++)); do "$0" "$k/$n"; done
        "$0" report
        ;;
    still-missed)
        shopt -s nullglob
        # Missed in a shard and caught by no recheck (timeouts count as caught).
        comm -23 <(cat target/mutants/shard-*/mutants.out/missed.txt | sort -u) \
            <(cat target/mutants/recheck-*/mutants.out/{caught,timeout}.txt /dev/null | sort -u)
        ;;
    report)
        shopt -s nullglob
        shards=(target/mutants/shard-*/mutants.out)
        [ "${#shards[@]}" -gt 0 ] || { echo "no shard has run yet"; exit 0; }
        cat_all() { for d in "${shards[@]}"; do cat "$d/$1"; done | sort -u; }
        missed=$("$0" still-missed)
        n_caught=$(cat_all caught.txt | wc -l)
        n_timeout=$(cat_all timeout.txt | wc -l)
        n_unviable=$(cat_all unviable.txt | wc -l)
        n_shard_missed=$(cat_all missed.txt | wc -l)
        n_missed=$(printf '%s' "$missed" | grep -c . || true)
        n_recaught=$((n_shard_missed - n_missed))
        viable=$((n_caught + n_timeout + n_shard_missed))
        echo "shards run: ${shards[*]%/mutants.out}" | sed 's|target/mutants/||g'
        echo "tested $((viable + n_unviable)) of $(cargo mutants --list "${FILES[@]}" | wc -l) mutants"
        echo "caught $n_caught, timeouts $n_timeout (counted as caught), caught on recheck $n_recaught, missed $n_missed, unviable $n_unviable"
        awk -v c=$((viable - n_missed)) -v v=$viable 'BEGIN { printf "caught share of viable mutants: %.1f %%\n", 100 * c / v }'
        printf '%s\n' "$missed"
        ;;
    *)
        sed -n '2,9p' "$0"
        exit 2
        ;;
esac
