"""The benchmark model in SimPy, for comparison: a tandem line read from a flowsim scenario file
(Poisson arrivals, one exponential server per stage, no other feature), run for the scenario's
duration or --days.

    pip install simpy==4.1.2
    python3 benches/simpy_tandem.py [SCENARIO.json] [--days N] [--runs N]

Defaults: scenarios/tandem-10.json for 30,000 days, median of 3 runs (seeds 1, 2, 3).
Counts events the way flowsim does: one per arrival and one per stage completion.
benches/vs_simpy.sh runs it beside `flowsim run` on scenarios/tandem-10-default.json.
"""
import argparse
import json
import random
import time

import simpy

parser = argparse.ArgumentParser()
parser.add_argument("scenario", nargs="?", default="scenarios/tandem-10.json")
parser.add_argument("--days", type=float, default=None, help="default: 30,000 for tandem-10.json, else the scenario's duration")
parser.add_argument("--runs", type=int, default=3)
args = parser.parse_args()

with open(args.scenario) as f:
    scenario = json.load(f)
arrival = scenario["arrival"]
assert arrival["type"] == "poisson", "the SimPy model has Poisson arrivals only"
RATE = arrival["rate"]
MEANS = []
for stage in scenario["stages"]:
    work = stage["work"]
    assert work["type"] == "exponential", "the SimPy model has exponential work only"
    assert stage.get("workers", 1) == 1, "the SimPy model has one worker per stage"
    MEANS.append(work["mean"])
if args.days is not None:
    DURATION = args.days
elif args.scenario.endswith("tandem-10.json"):
    DURATION = 30_000.0
else:
    DURATION = float(scenario["duration"])


def run(seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    servers = [simpy.Resource(env, capacity=1) for _ in MEANS]
    counts = {"events": 0, "done": 0}

    def item(env):
        for server, mean in zip(servers, MEANS):
            with server.request() as req:
                yield req
                yield env.timeout(rng.expovariate(1.0 / mean))
            counts["events"] += 1
        counts["done"] += 1

    def source(env):
        while True:
            yield env.timeout(rng.expovariate(RATE))
            counts["events"] += 1
            env.process(item(env))

    env.process(source(env))
    start = time.perf_counter()
    env.run(until=DURATION)
    secs = time.perf_counter() - start
    return secs, counts["events"], counts["done"]


results = sorted(run(seed) for seed in range(1, args.runs + 1))
secs, events, done = results[len(results) // 2]
print(
    f"SimPy {simpy.__version__}, {len(MEANS)}-stage tandem line, {DURATION:g} days: "
    f"{secs:.2f} s, {events} events, {done} items done; "
    f"{events / secs / 1e6:.3f} M events/s, {done / secs / 1e3:.1f} k items/s (median of {args.runs})"
)
