#!/usr/bin/env bash
# Mutation testing of the simulation core with cargo-mutants: every mutant of src/sim must be
# caught by a test other than the native = wasm checksum (which any change trips, and whose
# failure says nothing about what broke). Hours on two cores, so it runs in shards, outside CI.
#   scripts/mutants.sh list          how many mutants there are, per file
#   scripts/mutants.sh K/N           run shard K of N (K from 0), into target/mutants/shard-K-of-N
#   scripts/mutants.sh all N         every shard of N, one after another
#   scripts/mutants.sh report        the caught share over every shard run so far
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$FLOWSIM_ROOT"
CARGO_MUTANTS_VERSION="27.1.0"

if [ "$(cargo mutants --version 2>/dev/null | awk '{print $2}')" != "$CARGO_MUTANTS_VERSION" ]; then
    say "installing cargo-mutants $CARGO_MUTANTS_VERSION (a few minutes)"
    cargo install -q --locked cargo-mutants --version "$CARGO_MUTANTS_VERSION"
fi

# What is mutated: the simulation core. What runs: the native tests, less the checksum test.
FILES=(-f 'src/sim.rs' -f 'src/sim/**/*.rs')
TESTS=(-- --test sim --lib -- --skip same_seed_same_run_and_the_checksum_matches_wasm)

case "${1:-}" in
    list)
        cargo mutants --list "${FILES[@]}" | awk -F: '{print $1}' | sort | uniq -c | sort -rn
        ;;
    */*)
        k=${1%/*} n=${1#*/}
        out="target/mutants/shard-$k-of-$n"
        mkdir -p "$out"
        say "cargo-mutants shard $k of $n → $out"
        # Exit code 2 means some mutants were missed: that is a result, not a failure here.
        cargo mutants --no-shuffle --shard "$k/$n" "${FILES[@]}" --output "$out" \
            --timeout-multiplier 3 "${TESTS[@]}" || [ $? -eq 2 ]
        ;;
    all)
        n=${2:?usage: scripts/mutants.sh all N}
        for ((k = 0; k < n; k++)); do "$0" "$k/$n"; done
        "$0" report
        ;;
    report)
        shopt -s nullglob
        caught=0 missed=0 timeout=0 unviable=0
        for d in target/mutants/shard-*/mutants.out; do
            caught=$((caught + $(wc -l < "$d/caught.txt")))
            missed=$((missed + $(wc -l < "$d/missed.txt")))
            timeout=$((timeout + $(wc -l < "$d/timeout.txt")))
            unviable=$((unviable + $(wc -l < "$d/unviable.txt")))
        done
        viable=$((caught + missed + timeout))
        echo "caught $caught, missed $missed, timeouts $timeout (counted as caught), unviable $unviable"
        if [ "$viable" -gt 0 ]; then
            awk -v c=$((caught + timeout)) -v v=$viable 'BEGIN { printf "caught share of viable mutants: %.1f %%\n", 100 * c / v }'
        fi
        for d in target/mutants/shard-*/mutants.out; do cat "$d/missed.txt"; done | sort
        ;;
    *)
        sed -n '2,9p' "$0"
        exit 2
        ;;
esac
