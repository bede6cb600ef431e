// The forecast lab: a pasted history gives the CLI's answer, bad rows are reported by line, a
// long simulation forecast can be cancelled, and the outcome chart is drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useApp, openApp, waitFor, inkShare, frames, commit } from './browser.mjs';

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
  await commit(page.getByLabel('Items', { exact: true }), '100');
}

test('a number typed and not yet applied does not move the button below it: the first click runs', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  const panel = await openForecast(page);
  await pasteHistory(page, HISTORY);
  // Typed, not applied: the field says "Press Enter to apply" until it loses the focus.
  await page.getByLabel('Items', { exact: true }).fill('50');
  await panel.locator('.field-hint', { hasText: 'Press Enter to apply' }).waitFor();
  const run = panel.getByRole('button', { name: 'Run forecast' });
  const box = await run.boundingBox();
  // A click low on the button: the hint going away must not pull the button from under it.
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.85);
  await panel.getByTestId('forecast-sentence').waitFor({ timeout: 20000 });
  assert.match(await panel.getByTestId('forecast-sentence').innerText(), /the 50 items are done/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a pasted history gives the same answer as the command-line tool, with a sentence and a chart', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  const panel = await openForecast(page);
  await pasteHistory(page, HISTORY);
  await panel.getByRole('button', { name: 'Run forecast' }).click();
  const sentence = panel.getByTestId('forecast-sentence');
  await sentence.waitFor();
  assert.equal(await sentence.innerText(),
    `In 85 of 100 simulated futures the 100 items are done by Wednesday 25 March 2026, ${CLI.days.p85} days counting the start day, 2026-01-05.`);
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
  // The trials as CSV: a header and one row per trial.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Save trials as CSV' }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8').trimEnd().split('\n');
  assert.equal(csv[0], 'trial,days');
  assert.equal(csv.length, CLI.trials + 1);
  const days = csv.slice(1).map((row) => Number(row.split(',')[1])).sort((a, b) => a - b);
  assert.equal(days[Math.ceil(0.85 * CLI.trials) - 1], CLI.days.p85, 'the 85th percentile of the saved trials');
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
  await commit(page.getByLabel('Items', { exact: true }), '3000');
  await commit(page.getByLabel('Trials'), '100000');
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

test('a scenario built from the history shows its fit and loads like an import', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  const panel = await openForecast(page);
  await pasteHistory(page, HISTORY);
  await panel.getByRole('button', { name: 'Build a scenario from my data' }).click();
  const fit = panel.getByTestId('fit-report');
  await fit.waitFor({ timeout: 120000 });
  const text = await fit.innerText();
  assert.match(text, /Throughput \(items\/day\)\s+\d+\.\d\d\s+\d+\.\d\d/);
  assert.match(text, /Lead time p50 \(days\)[\s\S]*Lead time p85 \(days\)/);
  assert.match(text, /Not in a history: WIP limits\. The most items seen at once per state were In progress \d+, Review \d+; a limit changes the flow only below these\./);
  // The workers share the calibration chose, as `flowsim calibrate` reports it for this history.
  assert.match(text, /Workers: 0\.75 per item seen in a state on average \(Little's law\)/);
  await fit.getByRole('button', { name: 'Load this scenario' }).click();
  await page.getByText('Imported the history (calibrated).').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('in A/B mode both variants are forecast and overlaid; without juggling B is done no later', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.getByRole('button', { name: /^14\. Limiting WIP/ }).click();
  await page.getByRole('button', { name: 'Compare side by side' }).click();
  await page.locator('.simulator.ab').waitFor();
  const panel = await openForecast(page);
  await page.locator('#forecast-source').selectOption('simulate');
  await commit(page.getByLabel('Trials'), '300');
  await panel.getByRole('button', { name: 'Run forecast' }).click();
  await panel.getByTestId('forecast-sentence').nth(1).waitFor({ timeout: 60000 });
  const sentences = await panel.getByTestId('forecast-sentence').allInnerTexts();
  assert.match(sentences[0], /^A: In 85 of 100 simulated futures the 100 items are done by /);
  assert.match(sentences[1], /^B: In 85 of 100 simulated futures the 100 items are done by /);
  const days = async (level, col) => Number((await panel.locator(`tr[data-level="${level}"] td`).nth(col).innerText()).split(' ')[0]);
  // The team finishes what arrives either way (lesson 14): the 100-item forecast rests on
  // throughput, so B is at most a little sooner, on common random numbers.
  for (const level of ['50', '85', '95']) {
    const [a, b] = [await days(level, 0), await days(level, 1)];
    assert.ok(b <= a && a - b <= 5, `at ${level} %: A ${a} days, B ${b} days`);
  }
  assert.match(await panel.locator('[data-chart="forecast"] .legend').innerText(), /A \(line: 85 %\)[\s\S]*B \(line: 85 %\)/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('weekdays only: the panel says what the forecast draws from, as the command-line tool does', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  const panel = await openForecast(page);
  // Three items done on weekdays, two on a Saturday and a Sunday (2026-01-10 and 11).
  const csv = 'id,Requested,Done\n1,2026-01-05,2026-01-06\n2,2026-01-05,2026-01-07\n3,2026-01-05,2026-01-09\n4,2026-01-05,2026-01-10\n5,2026-01-05,2026-01-11\n';
  await pasteHistory(page, csv);
  await panel.getByLabel('Weekdays only').check();
  await panel.getByRole('button', { name: 'Run forecast' }).click();
  await panel.getByTestId('forecast-sentence').waitFor();
  // Working days 6 to 9 January (4), with the 3 items done on them; 1 item reads "1 item".
  assert.match(await panel.innerText(), /From 4 working days of history, 3 items done\./);
  // Only weekend days: the reason, not "no done item".
  await page.getByLabel('History (CSV)').fill('id,Requested,Done\n1,2026-01-05,2026-01-10\n');
  await panel.getByRole('button', { name: 'Run forecast' }).click();
  await panel.getByText(/every item of the history was done on a Saturday or Sunday/).waitFor();
  // A by-date whose days are a weekend: the reason is the missing working day.
  await page.getByLabel('History (CSV)').fill(csv);
  await page.locator('#forecast-question').selectOption('by-date');
  await page.getByLabel('Start date').fill('2026-01-10');
  await page.getByLabel('By date').fill('2026-01-11');
  await panel.getByRole('button', { name: 'Run forecast' }).click();
  await panel.getByText(/By date: from 2026-01-10 to 2026-01-11 there is no working day to count/).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('this run\'s throughput answers "how many by a date"', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByLabel('Speed').selectOption({ label: '30 days/s' });
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, () => Number(document.querySelector('[data-testid="clock"]').dataset.time) > 40);
  await page.getByRole('button', { name: 'Pause' }).click();
  const panel = await openForecast(page);
  await page.locator('#forecast-source').selectOption('run');
  await page.locator('#forecast-question').selectOption('by-date');
  await page.getByLabel('Start date').fill('2026-01-05');
  // A by-date before the start is refused next to its field, like every other field.
  await page.getByLabel('By date').fill('2026-01-01');
  await panel.locator('#forecast-by-error').filter({ hasText: 'Choose a date on or after the start date.' }).waitFor();
  assert.equal(await page.getByLabel('By date').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('By date').fill('2026-02-03');
  assert.equal(await panel.locator('#forecast-by-error').count(), 0);
  await panel.getByRole('button', { name: 'Run forecast' }).click();
  const sentence = panel.getByTestId('forecast-sentence');
  await sentence.waitFor();
  assert.match(await panel.innerText(), /From 4\d days of this run, \d+ items done\./);
  assert.match(await sentence.innerText(), /^In 85 of 100 simulated futures at least \d+ items are done by Tuesday 3 February 2026, 30 days counting the start day, 2026-01-05\.$/);
  // More confidence, fewer items: the counts fall from 50 % to 95 %.
  const items = async (level) => Number(/at least (\d+) items/.exec(await panel.locator(`tr[data-level="${level}"] td`).innerText())[1]);
  assert.ok(await items('50') >= await items('85') && await items('85') >= await items('95'));
  assert.ok(await items('50') > 30, 'about 2 items a day for 30 days');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a refused number holds the forecast back, and a new source or question drops the old answer', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  const panel = await openForecast(page);
  await pasteHistory(page, HISTORY);
  const run = panel.getByRole('button', { name: 'Run forecast' });
  await run.click();
  const sentence = panel.getByTestId('forecast-sentence');
  await sentence.waitFor();
  assert.match(await sentence.innerText(), /the 100 items are done by/);
  // 2.5 items is refused: Run waits (typing it passed through "2", which must not be used).
  await commit(page.getByLabel('Items', { exact: true }), '2.5');
  assert.match(await panel.innerText(), /Enter a whole number\./);
  assert.ok(await run.isDisabled(), 'Run forecast is disabled while a field is refused');
  assert.match(await panel.innerText(), /Correct the marked field to run the forecast\./);
  await commit(page.getByLabel('Items', { exact: true }), '20');
  assert.ok(await run.isEnabled());
  await run.click();
  await waitFor(page, () => /the 20 items are done by/.test(document.querySelector('[data-testid="forecast-sentence"]')?.innerText ?? ''));
  // Another question: the answer to the old one goes.
  await page.locator('#forecast-question').selectOption('by-date');
  assert.equal(await sentence.count(), 0);
  await page.locator('#forecast-question').selectOption('items');
  await run.click();
  await sentence.waitFor();
  // Another source: likewise.
  await page.locator('#forecast-source').selectOption('simulate');
  assert.equal(await sentence.count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});
