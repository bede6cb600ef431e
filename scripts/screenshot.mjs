// Takes a screenshot of the app in headless Chromium, for people to look at.
//   node scripts/screenshot.mjs URL OUT.png [WIDTHxHEIGHT] [--play MS | --until DAY] [--dark] [--full]
// --until plays (at the page's speed) until the simulated day passes DAY, then pauses.
import { launch } from '../tests/e2e/browser.mjs';

const [url, out, size = '1280x800', ...rest] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node scripts/screenshot.mjs URL OUT.png [WIDTHxHEIGHT] [--play MS | --until DAY] [--dark] [--full]');
  process.exit(2);
}
const [width, height] = size.split('x').map(Number);
const playIndex = rest.indexOf('--play');
const playMs = playIndex >= 0 ? Number(rest[playIndex + 1]) : 0;
const untilIndex = rest.indexOf('--until');
const until = untilIndex >= 0 ? Number(rest[untilIndex + 1]) : null;
const browser = await launch();
const page = await browser.newPage({ viewport: { width, height }, colorScheme: rest.includes('--dark') ? 'dark' : 'light' });
page.on('console', (m) => { if (m.type() === 'error') console.error(`console: ${m.text()}`); });
await page.goto(url);
await page.waitForSelector('.simulator');
if (playMs > 0 || until !== null) {
  await page.getByRole('button', { name: 'Play' }).click();
  if (until !== null) {
    await page.waitForFunction((d) => Number(document.querySelector('[data-testid="clock"]').dataset.time) >= d, until, { timeout: 600000 });
  } else {
    await page.waitForTimeout(playMs);
  }
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.waitForTimeout(800); // let moving tokens settle
}
await page.screenshot({ path: out, fullPage: rest.includes('--full') });
await browser.close();
console.log(`wrote ${out}`);
