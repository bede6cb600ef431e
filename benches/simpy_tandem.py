"""The benchmark model in SimPy, for comparison: a 10-stage tandem line, Poisson arrivals
(rate 1/day), one exponential server per stage (scenarios/tandem-10.json).

    pip install simpy && python3 benches/simpy_tandem.py

Counts events the way flowsim does: one per arrival and one per stage completion.
"""
import random
import time

import simpy

MEANS = [0.5, 0.6, 0.7, 0.8, 0.5, 0.6, 0.7, 0.5, 0.6, 0.5]
DURATION = 30_000.0


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
            yield env.timeout(rng.expovariate(1.0))
            counts["events"] += 1
            env.process(item(env))

    env.process(source(env))
    start = time.perf_counter()
    env.run(until=DURATION)
    secs = time.perf_counter() - start
    return counts["events"] / secs, counts["done"] / secs


rates = sorted(run(seed) for seed in range(1, 4))
events, items = rates[1]
print(f"SimPy {simpy.__version__}, 10-stage tandem line: {events / 1e6:.3f} M events/s, {items / 1e3:.1f} k items/s (median of 3)")
