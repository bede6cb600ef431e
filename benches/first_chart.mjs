// Benchmark: time from navigation to the first chart canvas with something drawn on it, in
// headless Chromium, with dist/ served from localhost (each load in a fresh browser context, so
// nothing is cached).
//   trunk build --release   (or scripts/serve.sh), then:   node benches/first_chart.mjs [LOADS] [--dist DIR]
// Reports the median and the worst. Not a test: it measures and prints. --dist DIR serves
// another build (e.g. a copy of an earlier dist/, to compare two builds on the same machine).
import { distArg, launch, serveDist } from '../tests/e2e/browser.mjs';

const loads = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 9);
const { server, url } = await serveDist(distArg());
const browser = await launch();
const times = [];
for (let i = 0; i < loads; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  // performance.now() counts from the navigation's start.
  const ms = await page.evaluate(() => new Promise((done) => {
    const inked = (c) => {
      if (!c.width || !c.height) return false;
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      for (let i = 4; i < data.length; i += 4 * 97) {
        if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) return true;
      }
      return false;
    };
    const tick = () => {
      if ([...document.querySelectorAll('canvas')].some(inked)) done(performance.now());
      else requestAnimationFrame(tick);
    };
    tick();
  }));
  times.push(ms);
  await context.close();
}
await browser.close();
server.close();
times.sort((a, b) => a - b);
console.log(`first chart drawn after navigation, ${loads} cold loads: median ${times[Math.floor(loads / 2)].toFixed(0)} ms, worst ${times.at(-1).toFixed(0)} ms`);
