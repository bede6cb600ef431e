// The forecast lab: a pasted history gives the CLI's answer, bad rows are reported by line, a
// long simulation forecast can be cancelled, and the outcome chart is drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useApp, openApp, waitFor, inkShare, frames } from './browser.mjs';

const app = useApp();
const HISTORY = readFileSync(new URL('../../scenarios/history-example.csv', import.meta.url), 'utf8');

// Produced once with
//   cargo run --release -- forecast --history scenarios/history-example.csv --items 100 \
//     --seed 20261122 --start 2026-01-05
// (20261122 is the default seed, which the panel uses for histories).
const CLI = {
  method: 'throughput',
  trials: 10000,
  items: 100,
  days: { p50: 73, p70: 76, p85: 80, p95: 83 },
  dates: { p50: '2026-03-18', p70: '2026-03-21', p85: '2026-03-25', p95: '2026-03-28' },
};

async function openForecast(page) {
  const panel = page.getByRole('region', { name: 'Forecast' });
  await panel.scrollIntoViewIfNeeded();
  return panel;
}

async function pasteHistory(page, text) {
  await page.locator('#forecast-source').selectOption('history');
  await page.getByLabel('History (CSV)').fill(text);
  await page.getByLabel('Start date').fill('2026-01-05');
  await page.getByLabel('Items', { exact: true }).fill('100');
}

test('a pasted history gives the same answer as the command-line tool, with a sentence and a chart', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  const panel = await openForecast(page);
  await pasteHistory(page, HISTORY);
  await panel.getByRole('button', { name: 'Run forecast' }).click();
  const sentence = panel.getByTestId('forecast-sentence');
  await sentence.waitFor();
  assert.equal(await sentence.innerText(),
    `In 85 of 100 simulated futures the 100 items are done by Wednesday 25 March 2026, ${CLI.days.p85} days from the start, 2026-01-05.`);
  for (const level of ['50', '70', '85', '95']) {
    const cell = panel.locator(`[data-testid="forecast-dates"] tr[data-level="${level}"] td`);
    assert.equal(await cell.getAttribute('data-date'), CLI.dates[`p${level}`], `date at ${level} %`);
    assert.match(await cell.innerText(), new RegExp(`^${CLI.days[`p${level}`]} days: \\w+day \\d+ \\w+ 2026$`));
  }
  assert.match(await panel.innerText(), /From 247 days of history, 338 items done\./);
  // The chart is drawn: well over a blank canvas's worth of ink.
  await waitFor(page, () => {
    const c = document.querySelector('#chart-forecast');
    if (!c) return false;
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 1] !== data[1]) n++;
    return n / (c.width * c.height) > 0.03;
  });
  assert.ok(await inkShare(page, '#chart-forecast') > 0.03);
  assert.match(await panel.locator('[data-chart="forecast"] .legend').innerText(), /50 %[\s\S]*70 %[\s\S]*85 %[\s\S]*95 %/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad history row is reported by line and column, and the good rows are kept', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  const panel = await openForecast(page);
  const lines = HISTORY.trimEnd().split('\n');
  // Line 3 of the file: an impossible date in the "Review" column.
  lines.splice(2, 0, '999,2026-01-05,2026-01-05,2026-13-45,2026-01-09');
  await pasteHistory(page, lines.join('\n') + '\n');
  await panel.getByRole('button', { name: 'Run forecast' }).click();
  const report = panel.locator('.history-problems');
  await report.waitFor();
  assert.match(await report.innerText(), /1 row left out[\s\S]*line 3, column Review/);
  // The other rows give the same forecast as the clean file.
  await panel.getByTestId('forecast-sentence').waitFor();
  assert.equal(await panel.locator('tr[data-level="85"] td').getAttribute('data-date'), CLI.dates.p85);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a long simulation forecast shows its progress and stops on Cancel', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  const panel = await openForecast(page);
  await page.locator('#forecast-source').selectOption('simulate');
  await page.getByLabel('Items', { exact: true }).fill('3000');
  await page.getByLabel('Trials').fill('100000');
  await panel.getByRole('button', { name: 'Run forecast' }).click();
  const progress = panel.getByTestId('forecast-progress');
  await waitFor(page, () => /^[1-9]\d* of 100000 trials$/.test(document.querySelector('[data-testid="forecast-progress"]')?.innerText ?? ''));
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await progress.filter({ hasText: /^\d+ of 100000 trials \(cancelled\)$/ }).waitFor({ timeout: 10000 });
  const stopped = await progress.innerText();
  await frames(page, 30);
  assert.equal(await progress.innerText(), stopped, 'no trials after Cancel');
  assert.equal(await panel.getByTestId('forecast-sentence').count(), 0);
  await panel.getByRole('button', { name: 'Run forecast' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
