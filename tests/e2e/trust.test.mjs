// What the screen says can be trusted: the whole state survives a reload, every view names the
// same bottleneck (or says it is not clear yet), theory does not give a lesson's answer away,
// and an invalid import lists every problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, waitFor, waitForDay, day, commit, ready } from './browser.mjs';

const app = useApp();

// Every view's bottleneck, read in one go (one render): the metric, the board's flagged
// columns, the A/B table's cells.
const bottlenecks = (page) => page.evaluate(() => ({
  metric: document.querySelector('[data-metric="bottleneck"] [data-bottleneck]')?.dataset.bottleneck ?? null,
  text: document.querySelector('[data-metric="bottleneck"] .metric-value')?.innerText ?? null,
  boards: [...document.querySelectorAll('.board')].map((b) =>
    [...b.querySelectorAll('.board-column.bottleneck')].map((c) => c.dataset.column)),
  expected: document.querySelector('[data-metric="bottleneck"] [data-expected]')?.dataset.expected ?? null,
}));

test('A/B mode and an edit made only to B survive a reload', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Compare A/B' }).click();
  await page.getByRole('tab', { name: /Your variant/ }).click();
  await page.locator('[data-field="name"] input').fill('Only in B');
  await page.locator('[data-field="name"] input').blur();
  await page.locator('.stage-card[data-stage="Test"] .stage-toggle').click();
  await commit(page.locator('[data-field="stages[2].workers"] input'), '2');
  await page.locator('.stage-card[data-stage="Test"] .stage-summary', { hasText: /^2 workers/ }).waitFor();
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('.ab-board').count(), 2, 'A/B mode was lost');
  const tab = page.getByRole('tab', { name: /Your variant/ });
  assert.equal(await tab.getAttribute('aria-selected'), 'true', 'the variant being edited was lost');
  assert.equal(await page.locator('[data-field="name"] input').inputValue(), 'Only in B');
  assert.match(await page.locator('.stage-card[data-stage="Test"] .stage-summary').innerText(), /^2 workers/);
  // A is as it was.
  await page.getByRole('tab', { name: /As it is/ }).click();
  assert.notEqual(await page.locator('[data-field="name"] input').inputValue(), 'Only in B');
  assert.match(await page.locator('.stage-card[data-stage="Test"] .stage-summary').innerText(), /^1 worker /);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lesson, workshop phase, prediction, speed and theme survive a reload', async () => {
  const { page } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.getByLabel('Speed').selectOption({ label: '30 days/s' });
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.getByRole('button', { name: /^2\. Limit WIP/ }).click();
  await page.getByRole('button', { name: 'Workshop mode' }).click();
  await page.locator('#prediction').fill('Lead time halves');
  await page.reload();
  await ready(page);
  await page.locator('.workshop-panel[data-phase="predict"]').waitFor();
  assert.equal(await page.locator('#prediction').inputValue(), 'Lead time halves');
  assert.match(await page.locator('.workshop-panel h2').first().innerText(), /^2\. Limit WIP/);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await page.getByLabel('Speed').evaluate((s) => s.selectedOptions[0].text), '30 days/s');
  await page.close();
});

test('every view names the same bottleneck at every moment, or says it is not clear yet', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Play' }).click();
  // Day 5: too early for any evidence.
  await waitForDay(page, 5);
  let b = await bottlenecks(page);
  assert.equal(b.text, 'Not clear yet');
  assert.deepEqual(b.boards, [[]]);
  assert.equal(b.expected, 'Test');
  // Faster, and read every view many times while it runs: they always agree.
  await page.getByLabel('Speed').selectOption({ label: '30 days/s' });
  const seen = new Set();
  while ((await day(page)) < 300) {
    b = await bottlenecks(page);
    const board = b.boards[0];
    assert.ok(board.length <= 1, `two columns flagged: ${board}`);
    assert.equal(board[0] ?? '', b.metric, `board ${board} vs metric ${b.metric}`);
    if (b.metric) seen.add(b.metric);
    await page.waitForTimeout(50);
  }
  assert.deepEqual([...seen], ['Test'], 'only Test is ever named');
  assert.deepEqual(problems, []);
  await page.close();
});

test('in A/B mode each board flags its own run\'s bottleneck, as the table says', async () => {
  const { page } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Compare A/B' }).click();
  // B: fewer requests, three testers and two developers, so Develop (load 0.8, Analyse
  // 0.48, Test 0.24) becomes B's constraint.
  await commit(page.locator('[data-field="arrival.rate"] input'), '1.6');
  await page.locator('.stage-card[data-stage="Test"] .stage-toggle').click();
  await commit(page.locator('[data-field="stages[2].workers"] input'), '3');
  await page.locator('.stage-card[data-stage="Develop"] .stage-toggle').click();
  await commit(page.locator('[data-field="stages[1].workers"] input'), '2');
  await page.locator('.stage-card[data-stage="Develop"] .stage-summary', { hasText: /^2 workers/ }).waitFor();
  await page.getByLabel('Speed').selectOption({ label: '100 days/s' });
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDay(page, 500);
  await page.getByRole('button', { name: 'Pause' }).click();
  const flagged = await page.evaluate(() => [...document.querySelectorAll('.ab-board')].map((b) =>
    [...b.querySelectorAll('.board-column.bottleneck')].map((c) => c.dataset.column).join()));
  assert.deepEqual(flagged, ['Test', 'Develop']);
  const row = await page.locator('.ab-summary tr', { hasText: 'Bottleneck' }).innerText();
  assert.match(row, /Test[\s\S]*Develop/);
  await page.close();
});

test('"Find the bottleneck" hides the theory that gives the answer away until the run has named it', async () => {
  const { page } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.getByRole('button', { name: /^3\. Find the bottleneck/ }).click();
  const theory = page.locator('.theory');
  assert.match(await theory.innerText(), /appears once the run has named it/);
  assert.equal(await page.locator('.theory-table').count(), 0, 'offered loads shown before the run');
  assert.equal((await bottlenecks(page)).expected, null, 'the expected bottleneck is shown');
  await page.getByLabel('Speed').selectOption({ label: '100 days/s' });
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, () => document.querySelector('[data-metric="bottleneck"] [data-bottleneck]')?.dataset.bottleneck === 'Review');
  await page.locator('.theory-table').waitFor();
  assert.equal((await bottlenecks(page)).expected, 'Review');
  await page.close();
});

test('an invalid import lists every problem in plain words and changes nothing', async () => {
  const { page } = await openApp(app.browser, app.url);
  const bad = '{"stages":[{"name":"A","workers":-3,"work":{"type":"exponential","mean":-1}}],"arrival":{"type":"poisson","rate":"fast"}}';
  await page.getByLabel('Import a scenario file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  const notice = page.locator('.notice');
  await notice.waitFor();
  const text = await notice.innerText();
  assert.match(text, /stages\[0\]\.workers: must be a whole number from 1 to 500, got -3/);
  assert.match(text, /arrival\.rate: must be a number, got "fast"/);
  assert.match(text, /stages\[0\]\.work\.mean: must be greater than 0/);
  assert.equal(await page.locator('.stage-card').count(), 4, 'the scenario changed');
  await page.getByLabel('Import a scenario file').setInputFiles({ name: 'list.json', mimeType: 'application/json', buffer: Buffer.from('[]') });
  await notice.filter({ hasText: 'list.json' }).waitFor();
  assert.match(await notice.innerText(), /must be a JSON object/);
  await page.close();
});

test('after a change mid-run, theory is compared with the period under the new settings, as the stage chart is', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByLabel('Speed').selectOption({ label: '100 days/s' });
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDay(page, 150);
  await page.getByRole('button', { name: 'Pause' }).click();
  const changed = await day(page);
  // A second tester: Test's load drops from 90 % to 45 %.
  await page.locator('.stage-card[data-stage="Test"] .stage-toggle').click();
  await commit(page.locator('[data-field="stages[2].workers"] input'), '2');
  await page.locator('.stage-card[data-stage="Test"] .stage-summary', { hasText: /^2 workers/ }).waitFor();
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDay(page, changed + 300);
  await page.getByRole('button', { name: 'Pause' }).click();
  const period = await page.getByTestId('theory-period').innerText();
  assert.match(period, new RegExp(`since your latest change, on day ${changed.toFixed(1)}`));
  const row = await page.locator('.theory-table tbody tr', { has: page.locator('th', { hasText: 'Test' }) }).locator('td').first().innerText();
  const [theory, simulated] = row.match(/\d+/g).map(Number);
  assert.equal(theory, 45);
  // 300 days at 2 requests a day: the simulated share is within a few points of 45 % (its
  // standard error is under 3 points); the whole run, 150 days of it at 90 %, would be 60 %.
  assert.ok(Math.abs(simulated - theory) <= 9, row);
  assert.match(await page.locator('figure[data-chart="stages"]').innerText(), /since your latest change, on day/);
  assert.deepEqual(problems, []);
  await page.close();
});
