// Benchmark: forecasts in headless Chromium, as a person runs them: the app's Forecast panel
// sends the trials to the background worker (the wasm core) in chunks and shows the answer.
//   trunk build --release   (or scripts/serve.sh), then:   node benches/forecast_speed.mjs [--dist DIR]
// Measures, from the click on "Run forecast" to the answer's sentence on the page:
// - 10,000 throughput trials for 100 items from scenarios/history-example.csv (goal < 0.5 s);
// - 1,000 simulation trials for 100 items of the default scenario (goal < 10 s).
// Each is run RUNS times in the same page; every run starts its own worker (as the panel does),
// so the times include loading the worker's wasm. The median
// is printed. Not a test: it measures and prints.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { distArg, launch, serveDist } from '../tests/e2e/browser.mjs';

const RUNS = 5;
const HISTORY = readFileSync('scenarios/history-example.csv', 'utf8');

const { server, url } = await serveDist(distArg());
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(url);
await page.waitForSelector('.simulator');
const panel = page.getByRole('region', { name: 'Forecast' });

// Clicks Run and resolves with the milliseconds, measured in the page, until a new sentence
// appears.
async function timeRun() {
  await panel.getByRole('button', { name: 'Run forecast' }).waitFor();
  const ms = page.evaluate(() => new Promise((done) => {
    const t0 = performance.now();
    const seen = () => document.querySelector('[data-testid="forecast-sentence"]');
    const obs = new MutationObserver(() => {
      if (seen()) { obs.disconnect(); done(performance.now() - t0); }
    });
    obs.observe(document.body, { childList: true, subtree: true });
    document.querySelector('.forecast-panel .btn-primary').click();
  }));
  return ms;
}

async function measure(label, goal) {
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeRun());
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(RUNS / 2)];
  console.log(`${label}: median ${(median / 1000).toFixed(3)} s over ${RUNS} runs (best ${(sorted[0] / 1000).toFixed(3)} s, worst ${(sorted.at(-1) / 1000).toFixed(3)} s); goal < ${goal} s: ${median / 1000 < goal ? 'met' : 'NOT met'}`);
}

console.log(`forecasts in headless Chromium (${cpus()[0].model.trim()}, ${cpus().length} cores), through the app's worker:`);
await page.locator('#forecast-source').selectOption('history');
await page.getByLabel('History (CSV)').fill(HISTORY);
await page.getByLabel('Items', { exact: true }).fill('100');
await page.getByLabel('Trials').fill('10000');
await measure('10,000 throughput trials, 100 items (history-example.csv)', 0.5);
await page.locator('#forecast-source').selectOption('simulate');
await page.getByLabel('Trials').fill('1000');
await measure('1,000 simulation trials, 100 items (default scenario)', 10);
await browser.close();
server.close();
