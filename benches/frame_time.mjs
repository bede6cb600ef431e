// Benchmark: frame times of the live app at the fastest speed, in headless Chromium.
//   scripts/serve.sh   (in another terminal), then:   node benches/frame_time.mjs [URL] [SECONDS]
// Plays the default scenario "as fast as possible" and records the interval between animation
// frames; reports the median and the 95th percentile. Not a test: it measures and prints.
import { launch } from '../tests/e2e/browser.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8080/';
const seconds = Number(process.argv[3] ?? 10);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
await page.goto(url);
await page.waitForSelector('.simulator');
await page.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
await page.getByRole('button', { name: 'Play' }).click();
await page.waitForTimeout(1000);
const frames = await page.evaluate((ms) => new Promise((done) => {
  const times = [];
  const start = performance.now();
  const tick = (t) => {
    times.push(t);
    if (t - start < ms) requestAnimationFrame(tick); else done(times);
  };
  requestAnimationFrame(tick);
}), seconds * 1000);
const day = await page.getByTestId('clock').innerText();
await browser.close();
const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))];
console.log(`${gaps.length} frames in ${seconds} s at the fastest speed (reached ${day})`);
console.log(`frame interval: median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${gaps.at(-1).toFixed(1)} ms`);
