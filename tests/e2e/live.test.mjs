// The live simulator in a real browser: editing mid-run, interventions, reset, persistence,
// refused input, keyboard shortcuts and the fastest speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, doneCount, metric, day, events, colourShare, waitFor, waitForDay, stepEvents, commit, ready } from './browser.mjs';

const app = useApp();

const field = (page, path) => page.locator(`[data-field="${path}"] input`);
const openStage = (page, name) => page.locator(`.stage-card[data-stage="${name}"] .stage-toggle`).click();

test('Play changes the done count and the throughput', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  assert.equal(await metric(page, 'throughput'), '–', 'no throughput before any time has passed');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, () => Number(document.querySelector('[data-metric="done"] .metric-value').innerText) >= 10);
  assert.match(await metric(page, 'throughput'), /^[0-9.]+ \/day$/);
  assert.notEqual(await metric(page, 'throughput'), '0.00 /day');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a WIP limit changed mid-run is applied without a reset, marked and shown on the board', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDay(page, 10);
  const before = await doneCount(page);
  const baseline = await colourShare(page, '#chart-throughput', [213, 94, 0]);
  await openStage(page, 'Test');
  await commit(field(page, 'stages[2].wip_limit'), '3');
  // The board shows the new limit; the run went on (no reset).
  await waitFor(page, () => document.querySelector('[data-column="Test"] [data-limit]')?.dataset.limit === '3');
  assert.ok((await doneCount(page)) >= before, 'the run was reset');
  const change = page.locator('.changes li').first();
  assert.match(await change.innerText(), /Test: WIP limit none → 3/);
  // A vermillion marker line is drawn on the time-series charts (at their next redraw).
  for (const id of ['throughput', 'cfd']) {
    await waitFor(page, ([sel, min]) => {
      const c = document.querySelector(sel);
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let hits = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - 213) < 30 && Math.abs(data[i + 1] - 94) < 30 && Math.abs(data[i + 2]) < 30) hits++;
      }
      return hits / (c.width * c.height) > min;
    }, [`#chart-${id}`, Math.max(0.001, baseline)]);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('during a warm-up the period measures are empty, not 0, until it ends', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.getByRole('button', { name: /^3\. / }).click(); // a 50-day warm-up
  await page.getByLabel('Speed').selectOption({ label: '10 days/s' });
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, () => Number(document.querySelector('[data-testid="clock"]').dataset.time) >= 10);
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.ok((await day(page)) < 50);
  await page.locator('.warming').waitFor();
  for (const id of ['done', 'throughput']) assert.equal(await metric(page, id), '–', id);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, () => Number(document.querySelector('[data-metric="done"] .metric-value').innerText) >= 1);
  await page.locator('.warming').waitFor({ state: 'detached' });
  assert.match(await metric(page, 'throughput'), /^\d+\.\d\d \/day$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a typed number is applied when it is committed, never one keystroke at a time', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDay(page, 5);
  await page.getByRole('button', { name: 'Pause' }).click();
  await openStage(page, 'Test');
  const workers = field(page, 'stages[2].workers');
  const summary = page.locator('.stage-card[data-stage="Test"] .stage-summary');
  const changes = page.getByRole('region', { name: 'Changes during this run' });
  // 600 passes through 6 and 60, both allowed: neither may reach the model.
  await workers.fill('');
  await workers.pressSequentially('600', { delay: 30 });
  await page.locator('[data-field="stages[2].workers"] .field-error', { hasText: 'Enter a value from 0 to 500.' }).waitFor();
  await workers.press('Enter');
  assert.match(await summary.innerText(), /^1 worker/);
  assert.equal(await changes.count(), 0, 'no change was made');
  // 15, typed and committed: one change, 1 → 15, and the hint while it waits for Enter.
  await workers.fill('');
  await workers.pressSequentially('15', { delay: 30 });
  await page.locator('[data-field="stages[2].workers"] .field-hint', { hasText: 'Press Enter to apply' }).waitFor();
  assert.match(await summary.innerText(), /^1 worker/);
  await workers.press('Enter');
  await summary.filter({ hasText: /^15 workers/ }).waitFor();
  assert.equal(await page.locator('[data-field="stages[2].workers"] .field-hint').count(), 0);
  assert.equal(await changes.locator('li').count(), 1);
  assert.match(await changes.locator('li').innerText(), /workers/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Reset returns the counters to zero', async () => {
  const { page } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, () => Number(document.querySelector('[data-metric="done"] .metric-value').innerText) >= 5);
  await page.getByRole('button', { name: 'Reset' }).click();
  await waitFor(page, () => document.querySelector('[data-testid="clock"]').dataset.events === '0');
  assert.equal(await metric(page, 'done'), '–', 'nothing counted at day 0');
  assert.equal(await day(page), 0);
  assert.equal(await metric(page, 'throughput'), '–', 'no throughput before any time has passed');
  assert.ok(await page.getByRole('button', { name: 'Play' }).isVisible(), 'Reset pauses');
  await page.close();
});

test('the edited scenario survives a reload', async () => {
  const { page } = await openApp(app.browser, app.url);
  await openStage(page, 'Develop');
  await commit(field(page, 'stages[1].workers'), '4');
  await commit(field(page, 'arrival.rate'), '2.5');
  await page.reload();
  await ready(page);
  assert.match(await page.locator('.stage-card[data-stage="Develop"] .stage-summary').innerText(), /^4 workers/);
  assert.equal(await field(page, 'arrival.rate').inputValue(), '2.5');
  await page.close();
});

test('an invalid value shows a message next to the field and the old value stays', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await openStage(page, 'Test');
  const workers = field(page, 'stages[2].workers');
  await commit(workers, '0');
  const message = page.locator('[data-field="stages[2].workers"] .field-error');
  await message.filter({ hasText: /at least 1/ }).waitFor({ timeout: 10000 });
  assert.match(await page.locator('.stage-card[data-stage="Test"] .stage-summary').innerText(), /^1 worker /);
  // The message describes the input to a screen reader, for number and text fields alike.
  const described = async (input, note) => {
    const id = await note.getAttribute('id');
    assert.ok(id, 'the message has an id');
    assert.equal(await input.getAttribute('aria-describedby'), id);
  };
  await described(workers, message);
  // A mean time must be greater than 0: the field says so itself, rather than offering 0 as
  // its least value and then passing on the scenario's refusal.
  const mean = field(page, 'stages[2].work.mean');
  await commit(mean, '0');
  const meanMessage = page.locator('[data-field="stages[2].work.mean"] .field-error');
  await meanMessage.filter({ hasText: /^Enter a value greater than 0\.$/ }).waitFor({ timeout: 10000 });
  await commit(mean, '400000');
  await meanMessage.filter({ hasText: /^Enter a value of at most 365000\.$/ }).waitFor({ timeout: 10000 });
  await commit(mean, '0.45');
  await meanMessage.waitFor({ state: 'detached', timeout: 10000 });
  const name = field(page, 'stages[2].name');
  await name.fill('');
  const nameMessage = page.locator('[data-field="stages[2].name"] .field-error', { hasText: /must not be empty/i });
  await nameMessage.waitFor({ timeout: 10000 });
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  await described(name, nameMessage);
  assert.equal(await page.locator('.stage-card[data-stage="Test"]').count(), 1);
  await name.fill('Test');
  await nameMessage.waitFor({ state: 'detached', timeout: 10000 });
  assert.equal(await name.getAttribute('aria-describedby'), null);
  await commit(workers, '-3');
  await message.filter({ hasText: /from 0 to 500/ }).waitFor({ timeout: 10000 });
  await commit(field(page, 'arrival.rate'), '');
  await page.locator('[data-field="arrival.rate"] .field-error', { hasText: /Enter a number/ }).waitFor({ timeout: 10000 });
  // The run still works with the old values.
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, () => Number(document.querySelector('[data-metric="done"] .metric-value').innerText) >= 3);
  await commit(workers, '2');
  await message.waitFor({ state: 'detached', timeout: 10000 });
  await page.locator('.stage-card[data-stage="Test"] .stage-summary', { hasText: /^2 workers/ }).waitFor({ timeout: 10000 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard: Space plays and pauses, → steps, R resets', async () => {
  const { page } = await openApp(app.browser, app.url);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Play' }).waitFor();
  // Five presses are exactly five more events (the rounded clock may not move at all).
  const [t0, e0] = [await day(page), await events(page)];
  await stepEvents(page, 5);
  assert.equal(await events(page), e0 + 5);
  assert.ok((await day(page)) >= t0);
  await page.keyboard.press('r');
  await waitFor(page, () => document.querySelector('[data-testid="clock"]').dataset.events === '0');
  assert.equal(await metric(page, 'done'), '–', 'nothing counted at day 0');
  assert.equal(await day(page), 0);
  await page.close();
});

test('a corrupt saved state is ignored with a notice', async () => {
  for (const key of ['flowsim.state.v2', 'flowsim.state.v1']) {
    const page = await app.browser.newPage();
    await page.addInitScript((key) => localStorage.setItem(key, '{"scenario": {"stages": "oops"'), key);
    await page.goto(app.url);
    await ready(page);
    assert.match(await page.locator('.notice').innerText(), /could not be read/);
    assert.equal(await page.locator('.stage-card').count(), 4);
    await page.close();
  }
});

test('at the fastest speed a ten-year run stays responsive', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDay(page, 3650);
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.ok((await doneCount(page)) > 5000);
  // Counts instead of tokens at high speed.
  assert.equal(await page.locator('.token').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a backlog run stops by itself when its last item is done, and says so', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  // The penny game, batch of 20: 20 coins, 4 people, 1 day per flip: the last coin at day 80.
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.getByRole('button', { name: /^1\. Small batches/ }).click();
  await page.getByLabel('Speed').selectOption({ label: '100 days/s' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.locator('.run-over', { hasText: 'The run is over on day 80.0' }).waitFor({ timeout: 10000 });
  await page.getByRole('button', { name: 'Play' }).waitFor();
  assert.equal(await day(page), 80, 'the clock stops at the last coin');
  assert.equal(await doneCount(page), 20);
  // The rate is over the 80 days of the run, not diluted by empty days after it.
  assert.equal(await metric(page, 'throughput'), '0.25 /day');
  // Play again: nothing more can happen, so it stays where it is.
  await page.getByRole('button', { name: 'Play' }).click();
  await page.getByRole('button', { name: 'Play' }).waitFor();
  assert.equal(await day(page), 80);
  // Back in time the run is not over yet; at the latest moment it is again; a new run is not.
  const slider = page.getByLabel('Timeline');
  await slider.focus();
  await page.keyboard.press('Home');
  await page.locator('.run-over').waitFor({ state: 'detached' });
  await page.keyboard.press('End');
  await page.locator('.run-over').waitFor();
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.locator('.run-over').waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await page.close();
});
