// Time travel and the Aging WIP chart in a real browser: the timeline slider and Back show
// exactly the moments seen before (clock, events, done count), Shift+← and Home/End work,
// a change at a past moment starts a new branch there, a change made during a run survives a
// reload (in A/B, one made to B too), and Aging WIP is drawn and counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, day, events, inkShare, metric, waitFor, waitForDay, commit, ready } from './browser.mjs';

const app = useApp();

// The moment the page shows: exact clock, events handled, items done.
// The clock and the done count as shown ("–" at day 0, when no time has passed).
async function moment(page) {
  return { day: await day(page), events: await events(page), done: await metric(page, 'done') };
}

// Plays at 30 days/s until the clock passes `t`, then pauses.
async function playPast(page, t) {
  await page.getByLabel('Speed').selectOption({ label: '30 days/s' });
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDay(page, t);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Play' }).waitFor();
}

// Waits until the clock shows exactly `events` events handled.
function waitForEvents(page, n) {
  return waitFor(page, (n) => Number(document.querySelector('[data-testid="clock"]').dataset.events) === n, n);
}

// Moves the timeline to simulated day `t`, as dragging it there does.
async function slideTo(page, t) {
  await page.getByLabel('Timeline').evaluate((el, t) => {
    el.value = String(t);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, t);
  await waitFor(page, (t) => Number(document.querySelector('[data-testid="clock"]').dataset.time) === t, t);
}

test('Aging WIP is drawn live and counts the items older than 85 % of past items', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await playPast(page, 150);
  const figure = page.locator('[data-chart="aging"]');
  assert.equal(await figure.locator('h4').innerText(), 'Aging WIP');
  assert.ok((await inkShare(page, '#chart-aging')) > 0.05, 'the chart is drawn');
  const summary = figure.getByTestId('aging-summary');
  const text = await summary.innerText();
  const m = text.match(/^(\d+) items? older than 85 % of past items at their stage \((\d+) in process\)\.$/);
  assert.ok(m, `summary: ${text}`);
  assert.equal(Number(m[1]), Number(await summary.getAttribute('data-flagged')));
  assert.equal(Number(m[2]) > 0, true);
  assert.ok(await figure.getByRole('button', { name: 'Save Aging WIP as PNG' }).isVisible());
  assert.deepEqual(problems, []);
  await page.close();
});

test('Back goes one event back (button and Shift+←) and Step forward again gives the same moments', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await playPast(page, 40);
  await page.locator('h1').click();
  // Ten moments seen one event apart.
  const seen = [await moment(page)];
  for (let i = 1; i <= 10; i++) {
    await page.keyboard.press('ArrowRight');
    await waitForEvents(page, seen[0].events + i);
    seen.push(await moment(page));
  }
  for (let i = 9; i >= 1; i--) {
    if (i % 2) await page.getByRole('button', { name: 'Back' }).click();
    else await page.keyboard.press('Shift+ArrowLeft');
    await waitForEvents(page, seen[i].events);
    assert.deepEqual(await moment(page), seen[i], `back to ${i}`);
  }
  await page.locator('h1').click();
  for (let i = 2; i <= 10; i++) {
    await page.keyboard.press('ArrowRight');
    await waitForEvents(page, seen[i].events);
    assert.deepEqual(await moment(page), seen[i], `forward to ${i}`);
  }
  assert.match(await page.getByTestId('timeline-day').innerText(), /\(latest\)$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the timeline goes back and forward to exactly the moments seen before; Home and End', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await playPast(page, 60);
  const latest = await moment(page);
  await slideTo(page, 20);
  const at20 = await moment(page);
  assert.equal(at20.day, 20);
  assert.ok(at20.events < latest.events && Number(at20.done) <= Number(latest.done));
  assert.match(await page.getByTestId('timeline-day').innerText(), /^Day 20\.0 of /);
  const slider = page.getByLabel('Timeline');
  await slider.focus();
  await page.keyboard.press('End');
  await waitForEvents(page, latest.events);
  assert.deepEqual(await moment(page), latest);
  await page.keyboard.press('Home');
  await waitForEvents(page, 0);
  assert.deepEqual(await moment(page), { day: 0, events: 0, done: '–' });
  await slideTo(page, 20);
  assert.deepEqual(await moment(page), at20);
  // Arrow keys move a tenth of a day.
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await waitFor(page, () => Number(document.querySelector('[data-testid="clock"]').dataset.time) === 20.1);
  await page.keyboard.press('ArrowLeft');
  await waitFor(page, () => Number(document.querySelector('[data-testid="clock"]').dataset.time) === 20);
  assert.deepEqual(await moment(page), at20);
  assert.deepEqual(problems, []);
  await page.close();
});

test('playing on from a past moment continues the run; a change there starts a new branch', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await playPast(page, 30);
  await slideTo(page, 10);
  // Play on from day 10: the clock moves on from there and rejoins the live run.
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDay(page, 35);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Play' }).waitFor();
  assert.match(await page.getByTestId('timeline-day').innerText(), /\(latest\)$/);
  // Back to day 10 and change a WIP limit: the run goes on from day 10 with the change.
  await slideTo(page, 10);
  const at10 = await moment(page);
  await page.locator('.stage-card[data-stage="Test"] .stage-toggle').click();
  await commit(page.locator('[data-field="stages[2].wip_limit"] input'), '3');
  await waitFor(page, () => document.querySelector('[data-column="Test"] [data-limit]')?.dataset.limit === '3');
  assert.deepEqual(await moment(page), at10);
  assert.match(await page.getByTestId('timeline-day').innerText(), /^Day 10\.0 \(latest\)$/);
  assert.match(await page.locator('.changes li').first().innerText(), /Test: WIP limit none → 3/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('at a past moment the editor shows the settings in effect then, as the board does', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await playPast(page, 20);
  // A second tester from day 20 on.
  await page.locator('.stage-card[data-stage="Test"] .stage-toggle').click();
  const workers = page.locator('[data-field="stages[2].workers"] input');
  await commit(workers, '2');
  await playPast(page, 30);
  // Back to day 10: one tester then, in the editor as on the board.
  await slideTo(page, 10);
  await waitFor(page, () => document.querySelector('[data-field="stages[2].workers"] input').value === '1');
  assert.equal(await page.locator('[data-column="Test"] .worker').count(), 1);
  // The latest moment: two again.
  await page.getByLabel('Timeline').focus();
  await page.keyboard.press('End');
  await waitFor(page, () => document.querySelector('[data-field="stages[2].workers"] input').value === '2');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an embed looks back only with the Timeline panel: slider, Back and Shift+←', async () => {
  // Without the panel (links made before it existed name their panels): no timeline, and
  // Shift+← does nothing.
  const plain = await openApp(app.browser, `${app.url}#embed=controls,board&controls=play,step`);
  await plain.page.locator('.board').waitFor();
  assert.equal(await plain.page.getByRole('group', { name: 'Time travel' }).count(), 0);
  await plain.page.getByRole('button', { name: 'Step' }).click();
  await plain.page.getByRole('button', { name: 'Step' }).click();
  await waitForEvents(plain.page, 2);
  await plain.page.locator('.board').click();
  await plain.page.keyboard.press('Shift+ArrowLeft');
  await plain.page.waitForTimeout(300);
  assert.equal(await events(plain.page), 2);
  assert.deepEqual(plain.problems, []);
  await plain.page.close();

  // With it: the slider shows a past day exactly, Back and Shift+← go one event back each.
  const { page, problems } = await openApp(app.browser, `${app.url}#embed=controls,timeline,board,metrics&controls=play,step`);
  await page.getByRole('group', { name: 'Time travel' }).waitFor();
  assert.equal(await page.getByLabel('Speed').count(), 0, 'only the controls asked for');
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step' }).click();
  await waitForEvents(page, 5);
  const latest = await moment(page);
  await page.getByRole('button', { name: 'Back' }).click();
  await waitForEvents(page, 4);
  await page.locator('.board').click();
  await page.keyboard.press('Shift+ArrowLeft');
  await waitForEvents(page, 3);
  assert.match(await page.getByTestId('timeline-day').innerText(), /^Day [\d.]+ of [\d.]+$/);
  // End goes back to the latest moment, exactly as it was.
  await page.getByLabel('Timeline').focus();
  await page.keyboard.press('End');
  await waitForEvents(page, 5);
  assert.deepEqual(await moment(page), latest);
  assert.deepEqual(problems, []);
  await page.close();
});

test('in A/B the timeline moves both variants to the same moment, and B follows A on Back and End', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Compare A/B' }).click();
  await page.locator('.ab-board[data-variant="B"]').waitFor();
  // B starts as a copy of A on the same seed: at every moment both have done the same items.
  const done = async (v) => Number(await page.locator(`.ab-board[data-variant="${v}"] [data-column="Done"] [data-done]`).getAttribute('data-done'));
  const both = async () => [await done('A'), await done('B')];
  // The clock and both boards (A/B shows no single metrics strip).
  const abMoment = async () => ({ day: await day(page), events: await events(page), ab: await both() });
  await playPast(page, 30);
  const latest = await abMoment();
  assert.equal(latest.ab[0], latest.ab[1]);
  assert.ok(latest.ab[0] > 10, `${latest.ab}`);

  await slideTo(page, 10);
  const [a10, b10] = await both();
  assert.equal(a10, b10, 'B shows the same day as A');
  assert.ok(a10 < latest.ab[0], `${a10} of ${latest.ab[0]}`);
  assert.match(await page.getByTestId('timeline-day').innerText(), /^Day 10\.0 of /);

  // Back one event of A; B follows to A's day.
  const before = await events(page);
  await page.getByRole('button', { name: 'Back' }).click();
  await waitForEvents(page, before - 1);
  const [a, b] = await both();
  assert.equal(a, b);

  // End: both at the latest moment again, exactly as before.
  await page.getByLabel('Timeline').focus();
  await page.keyboard.press('End');
  await waitForEvents(page, latest.events);
  assert.deepEqual(await abMoment(), latest);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a change made during a run survives a reload: the same run plays again, change included', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await playPast(page, 20);
  await page.locator('.stage-card[data-stage="Test"] .stage-toggle').click();
  await commit(page.locator('[data-field="stages[2].workers"] input'), '2');
  await page.locator('.changes li').first().waitFor();
  const change = await page.locator('.changes li').first().innerText();
  await playPast(page, 60);
  await slideTo(page, 50);
  const at50 = await moment(page);
  const lead = await metric(page, 'lead');
  // The saved state (a link holds the same) opens at day 0, with the same future.
  await page.reload();
  await ready(page);
  assert.equal(await day(page), 0);
  await playPast(page, 55);
  await slideTo(page, 50);
  assert.deepEqual(await moment(page), at50);
  assert.equal(await metric(page, 'lead'), lead);
  assert.equal(await page.locator('.changes li').first().innerText(), change);
  // Reset starts a new run with the scenario as it is now, and forgets the old run's changes.
  await page.getByRole('button', { name: 'Reset' }).click();
  await waitForEvents(page, 0);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('.changes li').count(), 0);
  assert.match(await page.locator('.stage-card[data-stage="Test"] .stage-summary').innerText(), /^2 workers/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('in A/B a change made to B during the run survives a reload: both runs play again the same', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Compare A/B' }).click();
  await page.locator('.ab-board[data-variant="B"]').waitFor();
  const done = async (v) => Number(await page.locator(`.ab-board[data-variant="${v}"] [data-column="Done"] [data-done]`).getAttribute('data-done'));
  const table = page.getByRole('region', { name: 'A/B table' });
  const abMoment = async () => ({ day: await day(page), events: await events(page), a: await done('A'), b: await done('B'), table: await table.innerText() });
  await playPast(page, 20);
  // A new comparison edits B: a second tester for B from day 20.
  await page.locator('.stage-card[data-stage="Test"] .stage-toggle').click();
  await commit(page.locator('[data-field="stages[2].workers"] input'), '2');
  await page.locator('.ab-board[data-variant="B"]').waitFor();
  await playPast(page, 60);
  await slideTo(page, 50);
  const at50 = await abMoment();
  assert.ok(at50.a > 20 && at50.b > 20, JSON.stringify(at50));
  await page.reload();
  await page.waitForSelector('.ab-board[data-variant="B"]');
  assert.equal(await day(page), 0);
  await playPast(page, 55);
  await slideTo(page, 50);
  assert.deepEqual(await abMoment(), at50);
  assert.deepEqual(problems, []);
  await page.close();
});
