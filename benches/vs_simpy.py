"""flowsim against SimPy on the same model, whole process, wall time.

    python3 benches/vs_simpy.py [--runs N] [--simpy-runs N] [--python PYTHON] [--flowsim BINARY]

Runs `flowsim run scenarios/tandem-10-default.json` (a 10-stage tandem line, Poisson arrivals
0.8/day, exponential work, 100,000 simulated days, default settings: 1-day statistics
windows) --runs times (default 11) and `python3 benches/simpy_tandem.py` on the same scenario
file --simpy-runs times (default 3), each as a whole process (start-up, reading the scenario,
output included), and prints the median wall time of each and the ratio.

Builds the release binary with cargo first, unless --flowsim names the binary to time (the
profile-guided build of `scripts/pgo.sh` is target/pgo/flowsim). SimPy runs in --python (default: the Python that
runs this script; the interpreter matters: a distribution's optimised build can be much faster
than one compiled without PGO). Installs SimPy 4.1.2 with that Python's pip if it is missing (`pip install --break-system-packages simpy==4.1.2`, so it
also works where the system Python is marked externally managed); a different installed
version is refused rather than replaced.
The load average is printed too: on a shared machine the times are only as quiet as it is.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO = "scenarios/tandem-10-default.json"
SIMPY = "4.1.2"

parser = argparse.ArgumentParser()
parser.add_argument("--runs", type=int, default=11, help="flowsim runs (median)")
parser.add_argument("--simpy-runs", type=int, default=3, help="SimPy runs (median)")
parser.add_argument("--python", default=sys.executable, help="the Python that runs SimPy")
parser.add_argument("--flowsim", help="the flowsim binary to time (default: cargo's release build)")
args = parser.parse_args()
if args.flowsim:
    args.flowsim = os.path.abspath(args.flowsim)
os.chdir(ROOT)


def simpy_version():
    probe = "import simpy; print(simpy.__version__)"
    done = subprocess.run([args.python, "-c", probe], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else None


version = simpy_version()
if version is None:
    print(f"installing SimPy {SIMPY} with pip", file=sys.stderr)
    subprocess.run(
        [args.python, "-m", "pip", "install", "--quiet", "--break-system-packages", f"simpy=={SIMPY}"],
        check=True,
    )
    version = simpy_version()
if version != SIMPY:
    sys.exit(f"SimPy {SIMPY} is needed, found {version}")

if args.flowsim:
    flowsim = args.flowsim
else:
    subprocess.run(["cargo", "build", "--release", "--quiet"], check=True)
    flowsim = os.path.join("target", "release", "flowsim")


def timed(command, runs):
    """Median wall time of `runs` runs of `command`, and the output of the last one."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), done.stdout


load_before = os.getloadavg()
ours, ours_best, summary = timed([flowsim, "run", SCENARIO], args.runs)
theirs, theirs_best, report = timed(
    [args.python, "benches/simpy_tandem.py", SCENARIO, "--runs", "1"], args.simpy_runs
)
load_after = os.getloadavg()
events = next(line for line in summary.splitlines() if '"events"' in line).split(":")[1].strip(" ,")

print(f"model: {SCENARIO}, 100,000 simulated days, default settings")
print(f"flowsim run ({flowsim}; whole process, median of {args.runs}): {ours * 1e3:.1f} ms (best {ours_best * 1e3:.1f} ms), {events} events")
print(f"SimPy {version} on {args.python} (whole process, median of {args.simpy_runs}): {theirs:.2f} s (best {theirs_best:.2f} s)")
print(f"  {report.strip()}")
print(f"ratio: flowsim is {theirs / ours:.0f}x faster (best against best {theirs_best / ours_best:.0f}x)")
print(f"load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f} on {os.cpu_count()} CPUs")
