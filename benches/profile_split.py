#!/usr/bin/env python3
"""Where the time goes, by category, from a `perf record` profile of a flowsim binary.

    perf record -g -o /tmp/x.data target/release/deps/tandem-<hash>
    python3 benches/profile_split.py /tmp/x.data target/release/deps/tandem-<hash>

The binary needs line tables (the bench profile has them: `cargo bench --bench tandem` also
leaves a bench-profile `flowsim` in target/release/deps). Each sample's address is resolved
with `llvm-addr2line -i` to its chain of inlined frames, and the innermost frame in src/sim
decides its category (std code inlined into it, such as slice indexing or VecDeque
operations, counts with it): the event queue (queue.rs); draws (random.rs, ziggurat.rs,
dist.rs, or the rand and libm crates); window closes and the bottleneck (windows.rs,
bottleneck.rs, counters.rs); the aging histogram (under aging.rs); per-event bookkeeping
(stats.rs, periods.rs, deliver); the loop and handle (engine.rs); dispatch, queues and
workers (the rest of src/sim). Processes started under one `perf record` are all counted.
"""
import collections
import json
import os
import re
import subprocess
import sys

RNG_CRATES = ("rand_xoshiro", "rand_core", "/rand-", "libm")


def samples_of(data, binary):
    """Each sample as (file offset in `binary`, or the raw address elsewhere, dso)."""
    out = subprocess.run(["perf", "script", "-i", data, "-F", "pid,ip,dso", "-G",
                          "--show-mmap-events"], capture_output=True, text=True).stdout
    bases, samples = {}, []
    for line in out.splitlines():
        if "PERF_RECORD_MMAP" in line and line.rstrip().endswith(binary) and "r-xp" in line:
            m = re.search(r"\[(0x[0-9a-f]+)\((0x[0-9a-f]+)\) @ (0x[0-9a-f]+)", line)
            pid = int(re.search(r"(\d+)/\d+:", line).group(1))
            bases[pid] = (int(m.group(1), 16), int(m.group(3), 16))
            continue
        m = re.match(r"\s*(\d+)\s+([0-9a-f]+)\s+\((.*)\)", line)
        if m:
            pid, ip, dso = int(m.group(1)), int(m.group(2), 16), m.group(3)
            if dso == binary:
                base, pgoff = bases[pid]
                ip = ip - base + pgoff
            samples.append((ip, dso))
    return samples


def text_delta(binary):
    """Virtual address minus file offset of the executable segment."""
    hdr = subprocess.run(["readelf", "-lW", binary], capture_output=True, text=True).stdout
    for line in hdr.splitlines():
        f = line.split()
        if f and f[0] == "LOAD" and "E" in f[6:-1]:
            return int(f[2], 16) - int(f[1], 16)
    raise SystemExit("no executable segment")


def inline_chains(binary, addrs):
    """Address -> [(function, file)], innermost inlined frame first."""
    res = subprocess.run(["llvm-addr2line", "-i", "-f", "-C", "--output-style=JSON", "-e", binary],
                         input="\n".join(hex(a) for a in addrs), capture_output=True,
                         text=True).stdout
    chains = {}
    for line in res.splitlines():
        j = json.loads(line)
        chains[int(j["Address"], 16)] = [(s["FunctionName"], s["FileName"]) for s in j["Symbol"]]
    return chains


def category(chain):
    ours = [(fn, f) for fn, f in chain if "/src/sim/" in f and "/registry/" not in f]
    inner = chain[: chain.index(ours[0])] if ours else chain
    if any(c in f for _, f in inner for c in RNG_CRATES):
        return "draws/RNG"
    if not ours:
        return "other"
    function, file = ours[0][0], ours[0][1].split("/")[-1]
    files = {f.split("/")[-1] for _, f in ours}
    if file in ("random.rs", "ziggurat.rs", "dist.rs"):
        return "draws/RNG"
    if file == "queue.rs":
        return "event queue"
    if "windows.rs" in files or file in ("bottleneck.rs", "counters.rs"):
        return "window closes + bottleneck"
    if "aging.rs" in files:
        return "aging histogram"
    if file in ("stats.rs", "periods.rs") or "deliver" in function:
        return "bookkeeping: counters/statistics"
    if file == "engine.rs":
        return "other: loop/handle glue"
    return "dispatch/queues/workers"


def main():
    # perf names the binary by its absolute path.
    data, binary = sys.argv[1], os.path.realpath(sys.argv[2])
    samples = samples_of(data, binary)
    delta = text_delta(binary)
    chains = inline_chains(binary, sorted({ip + delta for ip, dso in samples if dso == binary}))
    count = collections.Counter()
    for ip, dso in samples:
        if dso != binary:
            count["other (kernel, libc)"] += 1
        else:
            count[category(chains.get(ip + delta, []))] += 1
    total = sum(count.values())
    for k, v in count.most_common():
        print(f"{100 * v / total:5.1f} %  {k}")
    print(total, "samples")


main()
