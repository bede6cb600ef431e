// The walking skeleton in a real browser: loads cleanly, draws its chart, Play runs, Pause stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, doneCount, inkShare } from './browser.mjs';

const app = useApp();

test('the page loads with no console errors or failed requests', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.waitForTimeout(500);
  assert.deepEqual(problems, []);
  assert.equal(await page.title(), 'flowsim — value-stream flow simulator');
  await page.close();
});

test('every chart canvas is drawn (axes, labels), not blank', async () => {
  const { page } = await openApp(app.browser, app.url);
  for (const id of ['throughput', 'lead-scatter', 'cfd', 'lead-histogram', 'stages']) {
    const share = await inkShare(page, `#chart-${id}`);
    assert.ok(share > 0.01, `${id}: only ${share} of the canvas is drawn`);
  }
  await page.close();
});

test('Play makes the done count grow and Pause stops it', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  assert.equal(await doneCount(page), 0);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => Number(document.querySelector('[data-metric="done"] .metric-value').innerText) >= 5, null, { timeout: 15000 });
  const before = await doneCount(page);
  await page.waitForTimeout(500);
  const later = await doneCount(page);
  assert.ok(later > before, `done count stayed at ${before}`);
  await page.getByRole('button', { name: 'Pause' }).click();
  const paused = await doneCount(page);
  await page.waitForTimeout(800);
  assert.equal(await doneCount(page), paused, 'the count changed while paused');
  assert.deepEqual(problems, []);
  await page.close();
});
