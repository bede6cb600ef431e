#!/usr/bin/env bash
# Builds the command-line tool with profile-guided optimisation (PGO): a build that records
# which branches and calls the simulation takes, a training run, and a build that lays out and
# inlines the code by that profile. The results are the same (the code's meaning does not
# change, only its layout); the speed is what changes: see the README's "Speed".
#
#     scripts/pgo.sh     # builds target/pgo/flowsim
#     python3 benches/vs_simpy.py --flowsim target/pgo/flowsim
#
# The training is what people run with the tool: `flowsim run` on the scenarios in scenarios/
# (one with its item log and windows), a forecast by simulation, a forecast and a calibration
# from the example history. The benchmarks' own models (tandem-*.json) are left out, so what
# they measure of the PGO build is not a gain on its training data. (The benchmark binaries
# are not built this way: their loop is inlined into their own `main`, which has no profile.)
#
# Needs llvm-profdata of the compiler's own LLVM: rustup's llvm-tools component (installed
# here when missing). The builds go to target/pgo/, so the everyday builds in target/ are
# left as they are.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$FLOWSIM_ROOT"

if [ $# -gt 0 ]; then
    echo "usage: scripts/pgo.sh" >&2
    exit 2
fi

host="$(rustc -vV | sed -n 's/^host: //p')"
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
    say "installing rustup's llvm-tools (llvm-profdata)"
    timeout 300 rustup component add llvm-tools >/dev/null 2>&1 || true
fi
if [ ! -x "$profdata" ]; then
    echo "no llvm-profdata for this compiler ($profdata): PGO needs rustup's llvm-tools component" >&2
    exit 1
fi

out="$FLOWSIM_ROOT/target/pgo"
raw="$out/raw"
rm -rf "$raw"
mkdir -p "$raw"

# `--target` keeps the flags off build scripts and procedural macros (they would be profiled
# too); CARGO_ENCODED_RUSTFLAGS keeps a path with spaces in one flag. Both builds take only
# these flags (as cargo's plain release build takes none), so the two compare like for like.
say "building the instrumented tool"
CARGO_ENCODED_RUSTFLAGS="-Cprofile-generate=$raw" CARGO_TARGET_DIR="$out/generate" \
    cargo build -q --release --target "$host" --bin flowsim
tool="$out/generate/$host/release/flowsim"

say "training"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for scenario in scenarios/*.json; do
    case "$scenario" in *tandem*) continue ;; esac
    "$tool" run "$scenario" >/dev/null
done
"$tool" run scenarios/penny-game.json --items "$scratch/items.csv" --windows "$scratch/windows.json" >/dev/null
"$tool" forecast --scenario scenarios/kanban.json --items 50 >/dev/null
"$tool" forecast --history scenarios/history-example.csv --items 30 >/dev/null
"$tool" calibrate scenarios/history-example.csv >/dev/null 2>"$scratch/calibrate.txt" || {
    cat "$scratch/calibrate.txt" >&2
    exit 1
}

"$profdata" merge -o "$out/flowsim.profdata" "$raw"
use="-Cprofile-use=$out/flowsim.profdata"

# From scratch: cargo does not rebuild the dependencies (libm's exp and log are on the hot
# path) when only the profile's contents changed.
say "building the tool with the profile"
rm -rf "$out/use"
CARGO_ENCODED_RUSTFLAGS="$use" CARGO_TARGET_DIR="$out/use" \
    cargo build -q --release --target "$host" --bin flowsim
cp "$out/use/$host/release/flowsim" "$out/flowsim"
say "built $out/flowsim"

