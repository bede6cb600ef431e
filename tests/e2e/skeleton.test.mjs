// The walking skeleton in a real browser: loads cleanly, draws its chart, Play runs, Pause stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, doneCount, metric, inkShare, waitFor, frames, chartsDrawn } from './browser.mjs';

const app = useApp();

test('the page loads with no console errors or failed requests', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  // Everything has loaded and drawn once the charts have ink.
  await waitFor(page, () => [...document.querySelectorAll('canvas')].length >= 5);
  await frames(page, 10);
  assert.deepEqual(problems, []);
  assert.equal(await page.title(), 'flowsim — value-stream flow simulator');
  // PageDown scrolls the page, as everywhere (only workshop mode gives it to a clicker).
  await page.locator('h1').click();
  await page.keyboard.press('PageDown');
  await waitFor(page, () => scrollY > 0);
  await page.close();
});

test('every chart canvas is drawn (axes, labels), not blank', async () => {
  const { page } = await openApp(app.browser, app.url);
  await chartsDrawn(page);
  for (const id of ['throughput', 'lead-scatter', 'cfd', 'lead-histogram', 'stages', 'aging']) {
    const share = await inkShare(page, `#chart-${id}`);
    assert.ok(share > 0.01, `${id}: only ${share} of the canvas is drawn`);
  }
  await page.close();
});

test('Play makes the done count grow and Pause stops it', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  assert.equal(await metric(page, 'done'), '–', 'nothing counted at day 0');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => Number(document.querySelector('[data-metric="done"] .metric-value').innerText) >= 5, null, { timeout: 15000 });
  const before = await doneCount(page);
  await waitFor(page, (n) => Number(document.querySelector('[data-metric="done"] .metric-value').innerText) > n, before);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Play' }).waitFor();
  const paused = await page.getByTestId('clock').getAttribute('data-events');
  await frames(page, 30);
  assert.equal(await page.getByTestId('clock').getAttribute('data-events'), paused, 'the run went on while paused');
  assert.deepEqual(problems, []);
  await page.close();
});
