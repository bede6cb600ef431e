// Benchmark: the wasm core's speed in headless Chromium next to the native core's, on the same
// model as `cargo bench --bench tandem` (scenarios/tandem-10.json, 300,000 simulated days,
// 300-day windows, seeds 1–9).
//   trunk build --release   (or scripts/serve.sh), then:   node benches/wasm_speed.mjs [--no-native]
// It serves dist/ itself, calls the page's `flowsim_bench` export (the app's own simulation
// code) and times each run in the page; then runs the native benchmark for the ratio.
// Not a test: it measures and prints.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { launch, serveDist } from '../tests/e2e/browser.mjs';

const RUNS = 9;
const scenario = JSON.parse(readFileSync('scenarios/tandem-10.json', 'utf8'));
scenario.duration = 300000;
scenario.window = 300;

const { server, url } = await serveDist();
const browser = await launch();
const page = await browser.newPage();
await page.goto(url);
await page.waitForFunction(() => typeof window.wasmBindings?.flowsim_bench === 'function');
const results = await page.evaluate(([base, runs]) => {
  const bench = window.wasmBindings.flowsim_bench;
  bench(JSON.stringify({ ...base, duration: 20000 })); // warm up the JIT and the allocator
  const out = [];
  for (let seed = 1; seed <= runs; seed++) {
    const json = JSON.stringify({ ...base, seed });
    const t0 = performance.now();
    const events = bench(json);
    out.push({ events, ms: performance.now() - t0 });
  }
  return out;
}, [scenario, RUNS]);
await browser.close();
server.close();

const rates = results.map((r) => r.events / (r.ms / 1000)).sort((a, b) => a - b);
const wasm = rates[Math.floor(RUNS / 2)];
console.log(`wasm in headless Chromium (${(await import('node:os')).cpus()[0].model.trim()}):`);
console.log(`  ${results[0].events} events per run, ${RUNS} runs: median ${(wasm / 1e6).toFixed(2)} M events/s, best ${(rates.at(-1) / 1e6).toFixed(2)} M`);
if (!process.argv.includes('--no-native')) {
  const out = execFileSync('cargo', ['bench', '--bench', 'tandem'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const native = Number(/events\/s: median ([\d.]+) M/.exec(out)[1]) * 1e6;
  console.log(`native (cargo bench --bench tandem): median ${(native / 1e6).toFixed(2)} M events/s`);
  console.log(`wasm ÷ native: ${(wasm / native).toFixed(2)}`);
}
