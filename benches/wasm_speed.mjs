// Benchmark: the wasm core's speed in headless Chromium next to the native core's, on the same
// model as `cargo bench --bench tandem` (scenarios/tandem-10.json, 300,000 simulated days,
// 300-day windows, seeds 1–9).
//   trunk build --release   (or scripts/serve.sh), then:
//   node benches/wasm_speed.mjs [--no-native] [--dist DIR]
// Two builds of the same simulation code, each called through its `flowsim_bench` export and
// timed where it runs:
// - the background worker's wasm (profile `worker`, opt-level 3), in a Web Worker: where sweeps
//   and forecasts run their thousands of simulations;
// - the app's own wasm (profile `web`, opt-level "z": small, for every page that loads it), on
//   the page: the live simulation.
// Then it runs the native benchmark for the ratios. --dist DIR serves another build.
// Not a test: it measures and prints.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { distArg, launch, serveDist } from '../tests/e2e/browser.mjs';

const RUNS = 9;
const scenario = JSON.parse(readFileSync('scenarios/tandem-10.json', 'utf8'));
scenario.duration = 300000;
scenario.window = 300;

// Runs `bench` (a wasm `flowsim_bench`) once to warm the JIT and the allocator, then on seeds
// 1..=runs, timing each call. Serialised into the page and the worker, so self-contained.
const timeRuns = (bench, base, runs) => {
  bench(JSON.stringify({ ...base, duration: 20000 }));
  const out = [];
  for (let seed = 1; seed <= runs; seed++) {
    const json = JSON.stringify({ ...base, seed });
    const t0 = performance.now();
    const events = bench(json);
    out.push({ events, ms: performance.now() - t0 });
  }
  return out;
};

const { server, url } = await serveDist(distArg());
const browser = await launch();
const page = await browser.newPage();
await page.goto(url);
await page.waitForFunction(() => typeof window.wasmBindings?.flowsim_bench === 'function');

// The worker's build, in a Web Worker of its own that loads the same files the app's worker
// does (its `main` registers the app's message handler, which these messages never reach).
const worker = await page.evaluate(([timeRunsSource, base, runs]) => new Promise((resolve, reject) => {
  const root = new URL('.', location.href).href;
  const code = `
    importScripts(${JSON.stringify(root + 'sweep_worker.js')});
    const timeRuns = ${timeRunsSource};
    wasm_bindgen({ module_or_path: ${JSON.stringify(root + 'sweep_worker_bg.wasm')} }).then(
      () => postMessage({ bench: timeRuns(wasm_bindgen.flowsim_bench, ${JSON.stringify(base)}, ${runs}) }),
      (e) => postMessage({ benchError: String(e) }));`;
  const w = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
  w.addEventListener('message', (e) => {
    if (e.data?.bench) resolve(e.data.bench);
    else if (e.data?.benchError) reject(new Error(e.data.benchError));
    else return;
    w.terminate();
  });
  w.addEventListener('error', (e) => reject(new Error(e.message)));
}), [timeRuns.toString(), scenario, RUNS]);

// The app's build, on the page.
const app = await page.evaluate(([timeRunsSource, base, runs]) => {
  const timeRuns = (0, eval)(`(${timeRunsSource})`);
  return timeRuns(window.wasmBindings.flowsim_bench, base, runs);
}, [timeRuns.toString(), scenario, RUNS]);
await browser.close();
server.close();

const median = (results) => {
  const rates = results.map((r) => r.events / (r.ms / 1000)).sort((a, b) => a - b);
  return { median: rates[Math.floor(rates.length / 2)], best: rates.at(-1) };
};
const builds = [
  ['worker (opt-level 3, in a Web Worker)', median(worker)],
  ['app (opt-level "z", on the page)', median(app)],
];
console.log(`wasm in headless Chromium (${cpus()[0].model.trim()}), ${worker[0].events} events per run, ${RUNS} runs:`);
for (const [name, r] of builds) {
  console.log(`  ${name}: median ${(r.median / 1e6).toFixed(2)} M events/s, best ${(r.best / 1e6).toFixed(2)} M`);
}
if (!process.argv.includes('--no-native')) {
  const out = execFileSync('cargo', ['bench', '--bench', 'tandem'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const native = Number(/events\/s: median ([\d.]+) M/.exec(out)[1]) * 1e6;
  console.log(`native (cargo bench --bench tandem): median ${(native / 1e6).toFixed(2)} M events/s`);
  for (const [name, r] of builds) console.log(`wasm ÷ native, ${name}: ${(r.median / native).toFixed(2)}`);
}
