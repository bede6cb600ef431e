// Benchmark: time travel in the web app. Runs the default scenario for ten simulated years
// at the fastest speed (in headless Chromium, dist/ served from localhost), pauses, then moves
// the Timeline slider to MOMENTS days spread over the run and measures, for each, the time
// from the slider's input event to the next painted frame after the clock shows that day
// (replay from the nearest snapshot, board, metrics and every chart redrawn).
//   trunk build --release   (or scripts/serve.sh), then:   node benches/timeline.mjs [MOMENTS] [--dist DIR]
// Reports the median and the worst. Not a test: it measures and prints.
import { distArg, launch, serveDist } from '../tests/e2e/browser.mjs';

const moments = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 40);
const YEARS = 10;
const { server, url } = await serveDist(distArg());
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(url);
await page.waitForSelector('.simulator');
const past = (d) => page.waitForFunction((d) => Number(document.querySelector('[data-testid="clock"]').dataset.time) >= d,
  d, { timeout: 600000 });
// 100 days/s (the fastest speed jumps thousands of days a frame), paused just past the end.
await page.getByLabel('Speed').selectOption({ label: '100 days/s' });
await page.getByRole('button', { name: 'Play' }).click();
await past(YEARS * 365);
await page.getByRole('button', { name: 'Pause' }).click();
await page.getByRole('button', { name: 'Play' }).waitFor();
const latest = Number(await page.getByTestId('clock').getAttribute('data-time'));
const events = Number(await page.getByTestId('clock').getAttribute('data-events'));
const times = [];
for (let k = 0; k < moments; k++) {
  // Days spread over the run, on the slider's tenth-of-a-day grid.
  const day = Math.round(((k * 0.618034) % 1) * latest * 10) / 10;
  const ms = await page.getByLabel('Timeline').evaluate((el, day) => new Promise((done) => {
    const start = performance.now();
    el.value = String(day);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    const tick = () => {
      // Charts draw one per animation frame; the page says how many still wait.
      const drawn = (document.documentElement.dataset.chartsWaiting ?? '0') === '0';
      if (Number(document.querySelector('[data-testid="clock"]').dataset.time) === day && drawn) {
        // The frame after the one that shows it: everything painted.
        requestAnimationFrame(() => done(performance.now() - start));
      } else requestAnimationFrame(tick);
    };
    tick();
  }), day);
  times.push(ms);
}
await browser.close();
server.close();
times.sort((a, b) => a - b);
console.log(`${YEARS}-year run (${latest.toFixed(1)} days, ${events} events): any day shown in median ${times[Math.floor(moments / 2)].toFixed(0)} ms, worst ${times.at(-1).toFixed(0)} ms over ${moments} moments`);
