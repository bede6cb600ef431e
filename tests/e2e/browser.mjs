// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core, and
// dist/ served by scripts/static-server.mjs on a free local port.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Flags measured to work headless, as root, on a closed network.
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch() {
  // playwright gives every launch a fresh, temporary profile directory.
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

// The build a benchmark serves: `--dist DIR` on its command line, else dist/.
export function distArg(argv = process.argv) {
  const at = argv.indexOf('--dist');
  return at > 0 && argv[at + 1] ? argv[at + 1] : 'dist';
}

export async function serveDist(dir = 'dist') {
  const server = await serve(dir, 0);
  const { port } = server.address();
  return { server, url: `http://127.0.0.1:${port}/` };
}

// Registers before/after hooks that serve dist/ and launch Chromium for a test file; the
// returned object holds `browser` and `url` once the hooks ran.
export function useApp() {
  const ctx = {};
  before(async () => {
    ({ server: ctx.server, url: ctx.url } = await serveDist());
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    ctx.server?.close();
  });
  return ctx;
}

// Opens the app and records console errors, page errors and failed requests.
export async function openApp(browser, url, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The Share dialog's preview frame is replaced at every change of its options: what the
    // frame it replaced was still loading is aborted, which is no fault.
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && r.frame() !== page.mainFrame()) return;
    problems.push(`request failed: ${r.url()}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  // The app talks to nothing but its own origin.
  const origin = new URL(url).origin;
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request to another origin: ${u}`);
  });
  await page.goto(url);
  await ready(page);
  return { page, problems };
}

// Waits for the app and the parts of its first screen (src/ui/lazy.rs: each says "Loading …"
// until its file is here).
export async function ready(page) {
  await page.waitForSelector('.simulator');
  await page.waitForFunction(() => !document.querySelector('.part-loading'));
}

// The text of a metric in the metrics strip.
export async function metric(page, id) {
  return page.locator(`[data-metric="${id}"] .metric-value`).innerText();
}

// The "items done" count shown in the metrics strip.
export async function doneCount(page) {
  return Number(await metric(page, 'done'));
}

// Simulated days on the clock, exactly (not the rounded text).
export async function day(page) {
  return Number(await page.getByTestId('clock').getAttribute('data-time'));
}

// Events the run has handled.
export async function events(page) {
  return Number(await page.getByTestId('clock').getAttribute('data-events'));
}

// Waits until the page satisfies `fn(arg)` (run in the page).
export function waitFor(page, fn, arg, timeout = 30000) {
  return page.waitForFunction(fn, arg, { timeout });
}

// Waits until the exact simulated time is past `t` days.
export function waitForDay(page, t) {
  return waitFor(page, (t) => Number(document.querySelector('[data-testid="clock"]').dataset.time) > t, t);
}

// Types `value` into a number field and commits it with Enter, as a person does: a number
// field checks each keystroke but applies the value only when it is committed.
export async function commit(locator, value) {
  await locator.fill(value);
  await locator.press('Enter');
}

// Presses → `n` times (each steps exactly one event) and waits until all n were handled.
export async function stepEvents(page, n) {
  const before = await events(page);
  await page.locator('h1').click();
  for (let i = 0; i < n; i++) await page.keyboard.press('ArrowRight');
  await waitFor(page, (want) => Number(document.querySelector('[data-testid="clock"]').dataset.events) === want, before + n);
}

// Waits until every chart shows the latest data: charts draw one per animation frame, and the
// page publishes how many draws wait (src/ui/charts/pacing.rs).
export function chartsDrawn(page) {
  return waitFor(page, () => (document.documentElement.dataset.chartsWaiting ?? '0') === '0');
}

// Waits for `n` animation frames: for checks that nothing changes while paused.
export function frames(page, n) {
  return page.evaluate((n) => new Promise((done) => {
    let k = 0;
    const tick = () => (++k >= n ? done() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), n);
}

// Share of a canvas's pixels close to an RGB colour.
export async function colourShare(page, selector, [r, g, b]) {
  return page.$eval(selector, (c, [r, g, b]) => {
    const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let hits = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) < 30 && Math.abs(data[i + 1] - g) < 30 && Math.abs(data[i + 2] - b) < 30) hits++;
    }
    return hits / (width * height);
  }, [r, g, b]);
}

// Share of the canvas pixels that differ from its top-left (background) pixel.
export async function inkShare(page, selector) {
  return page.$eval(selector, (c) => {
    const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) ink++;
    }
    return ink / (width * height);
  });
}

// Waits until more than the share `min` of a canvas's pixels are close to an RGB colour
// (charts redraw on their own schedule).
export function waitForColour(page, selector, [r, g, b], min) {
  return waitFor(page, ([sel, [r, g, b], min]) => {
    const c = document.querySelector(sel);
    if (!c) return false;
    const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let hits = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) < 30 && Math.abs(data[i + 1] - g) < 30 && Math.abs(data[i + 2] - b) < 30) hits++;
    }
    return hits / (width * height) > min;
  }, [selector, [r, g, b], min]);
}
