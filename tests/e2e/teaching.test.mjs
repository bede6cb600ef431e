// Teaching features in a real browser: every lesson opens and runs, A/B shows two boards,
// the workshop flow goes predict → run → reveal from the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, doneCount, waitFor, waitForDay, commit, day, stepEvents } from './browser.mjs';

const app = useApp();

// Waits until workshop mode's Reveal is offered (the run's statistics have started).
const revealOpen = (page) =>
  waitFor(page, () => document.querySelector('.workshop-nav .btn-primary')?.disabled === false);

test('each lesson opens with its question and steps, and runs', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  const count = await page.locator('.lesson-item').count();
  assert.equal(count, 14);
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  for (let i = 0; i < count; i++) {
    await page.getByRole('button', { name: 'Lessons ▾' }).click();
    await page.locator('.lesson-item').nth(i).click();
    const panel = page.locator('.lesson-panel');
    await panel.locator('.lesson-count', { hasText: new RegExp(`Lesson ${i + 1} of 14`, 'i') }).waitFor({ timeout: 10000 });
    assert.ok((await panel.locator('.lesson-question').innerText()).endsWith('?'));
    assert.ok((await panel.locator('.lesson-steps button[aria-pressed]').count()) >= 1);
    await page.getByRole('button', { name: 'Play' }).click();
    await waitFor(page, () => Number(document.querySelector('[data-metric="done"] .metric-value')?.innerText) > 0);
    // No Pause: opening the next lesson stops the run (and a backlog lesson's run may be
    // over, and paused by itself, already).
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lesson step loads its variant, and A/B mode runs two boards on the same seed', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.getByRole('button', { name: /^1\. Small batches/ }).click();
  await page.getByRole('button', { name: 'Single-piece flow' }).click();
  await page.locator('.stage-card').first().locator('.stage-summary', { hasText: /^1 worker · 1 d$/ }).waitFor({ timeout: 10000 });
  await page.getByRole('button', { name: 'Batch of 20' }).click();
  await page.locator('.stage-card').first().locator('.stage-summary', { hasText: /batch 20/ }).waitFor({ timeout: 10000 });
  await page.getByRole('button', { name: 'Compare side by side' }).click();
  assert.equal(await page.locator('.ab-board .board').count(), 2);
  await page.getByLabel('Speed').selectOption({ label: '30 days/s' });
  await page.getByRole('button', { name: 'Play' }).click();
  // B (batches of 5) delivers long before A (a batch of 20 first arrives on day 80).
  await waitFor(page, () => Number(document.querySelector('[data-variant="B"] [data-done]')?.dataset.done) >= 20);
  const doneA = Number(await page.locator('[data-variant="A"] [data-done]').getAttribute('data-done'));
  assert.ok(doneA < 20, `A already done: ${doneA}`);
  // Every coin was requested on day 0, so lead time would only count days since then: the
  // table says on which day each run had done its coins instead ("–" for A, not yet).
  const heads = await page.locator('.ab-summary tbody th').allInnerTexts();
  assert.deepEqual(heads, ['Throughput', 'All done on day', 'Flow efficiency', 'WIP (mean)', 'Items done', 'Bottleneck']);
  const allDone = await page.locator('.ab-summary tr', { hasText: 'All done on day' }).locator('td[data-variant]').allInnerTexts();
  assert.equal(allDone[0], '–');
  assert.match(await page.locator('.ab-note').innerText(), /Every request was made on day 0, so lead time \(in the charts\) only counts the days since then/);
  assert.match(allDone[1], /^\d+\.\d$/);
  // B's rate is over the 35 days it took (20 coins: 0.57 a day), not diluted by the days the
  // shared clock ran on for A; A has delivered nothing yet.
  const rate = await page.locator('.ab-summary tr', { hasText: 'Throughput' }).locator('td[data-variant]').allInnerTexts();
  assert.deepEqual(rate.map((t) => t.trim()), ['0.00 /day', '0.57 /day']);
  await page.getByRole('button', { name: 'Exit A/B' }).click();
  assert.equal(await page.locator('.board').count(), 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Compare side by side takes the pair a lesson compares: lesson 6 is 70 % against 90 % load', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.getByRole('button', { name: /^6\. / }).click();
  const compare = page.getByRole('button', { name: 'Compare side by side' });
  assert.equal(await compare.getAttribute('title'), 'Run “70 % load” and “90 % load” side by side on the same seed');
  await compare.click();
  await page.locator('.ab-summary thead th').first().waitFor();
  const heads = await page.locator('.ab-summary thead th').allInnerTexts();
  assert.ok(heads.some((h) => h.includes('70 % load')) && heads.some((h) => h.includes('90 % load')), heads.join(' | '));
  assert.deepEqual(problems, []);
  await page.close();
});

test('A/B from the controls: edit B only, and both keep running', async () => {
  const { page } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Compare A/B' }).click();
  assert.equal(await page.getByRole('tab', { name: /Your variant/ }).getAttribute('aria-selected'), 'true');
  await page.locator('.stage-card[data-stage="Test"] .stage-toggle').click();
  await commit(page.locator('[data-field="stages[2].workers"] input'), '2');
  await page.getByRole('tab', { name: /As it is/ }).click();
  await page.locator('.stage-card[data-stage="Test"] .stage-summary', { hasText: /^1 worker / }).waitFor({ timeout: 10000 });
  await page.getByRole('tab', { name: /Your variant/ }).click();
  await page.locator('.stage-card[data-stage="Test"] .stage-summary', { hasText: /^2 workers/ }).waitFor({ timeout: 10000 });
  await page.close();
});

test('workshop: predict with the numbers hidden, run, reveal the debrief — by keyboard', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Workshop mode' }).click();
  const panel = page.locator('.workshop-panel');
  await page.locator('.workshop-panel[data-phase=\"predict\"]').waitFor({ timeout: 10000 });
  assert.equal(await page.locator('.metrics-strip, .ab-summary, .charts').count(), 0, 'numbers shown before the prediction');
  assert.ok(await page.locator('.hidden-metrics').isVisible());
  await page.locator('#prediction').fill('The first coin arrives much sooner');
  await page.locator('h2').first().click();
  // Nothing runs before Run: Play and Step are off, and Space is refused with the reason.
  assert.ok(await page.getByRole('button', { name: 'Play' }).isDisabled());
  assert.ok(await page.getByRole('button', { name: 'Step' }).isDisabled());
  await page.keyboard.press('Space');
  await page.locator('.notice', { hasText: 'Predict first' }).waitFor({ timeout: 10000 });
  assert.equal(await page.getByTestId('clock').getAttribute('data-events'), '0');
  await page.keyboard.press('PageDown');
  await page.locator('.workshop-panel[data-phase=\"run\"]').waitFor({ timeout: 10000 });
  await waitFor(page, () => document.querySelector('[data-testid="clock"]').dataset.events !== '0');
  assert.ok(await page.locator('.ab-summary').isVisible());
  // The penny game has 20 coins, not the 400 items other lessons wait for.
  assert.match(await page.locator('#workshop-hint').innerText(), /^Reveal opens once both runs are over, all 20 items done/);
  await revealOpen(page);
  await page.keyboard.press('ArrowRight');
  await page.locator('.workshop-panel[data-phase=\"reveal\"]').waitFor({ timeout: 10000 });
  const debrief = await panel.innerText();
  assert.match(debrief, /You predicted: The first coin arrives much sooner/);
  assert.match(debrief, /Takeaway/);
  await page.keyboard.press('ArrowLeft');
  await page.locator('.workshop-panel[data-phase=\"run\"]').waitFor({ timeout: 10000 });
  await revealOpen(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.locator('.workshop-panel[data-phase=\"predict\"]').waitFor({ timeout: 10000 });
  await panel.locator('h2', { hasText: /^2\. Limit WIP/ }).waitFor({ timeout: 10000 });
  // The next lesson opens at the top of the page, the app's header in view.
  await waitFor(page, () => scrollY === 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('theory and the four key metrics appear beside the simulation, and say when they do not apply', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  // Twenty events in, few items are done: Little's law's two sides differ, and it says why.
  await stepEvents(page, 20);
  assert.match(await page.getByTestId('little-apart').innerText(), /items in the system have not finished/);
  await page.getByLabel('Speed').selectOption({ label: '100 days/s' });
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDay(page, 300);
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await page.locator('.dora-card').count(), 4);
  assert.match(await page.locator('.dora').innerText(), /Deployment frequency/i);
  assert.match(await page.getByTestId('kingman-lead').innerText(), /Kingman \d+\.\d+ d \/ simulated \d+\.\d+ d/);
  assert.match(await page.locator('.theory .little').innerText(), /Little's law/);
  // A lesson with batches: the formula does not apply, and the page says why.
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.getByRole('button', { name: /^1\. Small batches/ }).click();
  assert.match(await page.getByTestId('kingman-na').innerText(), /does not apply here: .*backlog/);
  assert.equal(await page.locator('.dora').count(), 0, 'no deploy stage, no DORA panel');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a sweep runs in a Web Worker, draws its curve with a band, and can be cancelled', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.getByRole('button', { name: /^4\. Improving/ }).click();
  await page.locator('#sweep-kind').selectOption('system');
  await commit(page.locator('[data-field="sweep.0"] input'), '2');
  await commit(page.locator('[data-field="sweep.1"] input'), '20');
  await commit(page.locator('[data-field="sweep.2"] input'), '4');
  await commit(page.locator('[data-field="sweep.3"] input'), '2');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await waitFor(page, () => /^8 of 8 runs$/.test(document.querySelector('[data-testid="sweep-progress"]')?.innerText ?? ''));
  assert.equal(workers.length, 1, 'the sweep ran in a worker');
  // The chart is drawn once the last result arrives.
  await waitFor(page, () => {
    const c = document.querySelector('#chart-sweep');
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 1] !== data[1]) n++;
    return n / (c.width * c.height) > 0.02;
  });
  assert.match(await page.locator('[data-chart="sweep"] .legend').innerText(), /cycle time[\s\S]*Best case[\s\S]*Practical worst case/);
  // A long sweep can be cancelled; what was done stays.
  await commit(page.locator('[data-field="sweep.2"] input'), '40');
  await commit(page.locator('[data-field="sweep.3"] input'), '10');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('sweep-progress').filter({ hasText: /of \d+ runs \(cancelled\)/ }).waitFor({ timeout: 10000 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('workshop: Reveal waits for the warm-up, so the debrief never stands beside an empty table', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.getByRole('button', { name: /^4\. Improving a non-bottleneck/ }).click();
  await page.getByRole('button', { name: 'Workshop mode' }).click();
  await page.locator('.workshop-panel[data-phase="predict"]').waitFor({ timeout: 10000 });
  // A clicker's PageDown moves on even with the prediction just typed still in focus.
  await page.getByLabel('Your prediction').fill('Output doubles');
  await page.keyboard.press('PageDown');
  await page.locator('.workshop-panel[data-phase="run"]').waitFor({ timeout: 10000 });
  // At 5 days/s the warm-up (50 days) takes 10 s: Reveal is off, and the hint says until when.
  const reveal = page.getByRole('button', { name: 'Reveal', exact: true });
  assert.ok(await reveal.isDisabled());
  assert.match(await page.locator('#workshop-hint').innerText(), /Reveal opens once each run has finished 400 items after its warm-up \(day 50\)/);
  await page.keyboard.press('ArrowRight');
  await waitFor(page, () => Number(document.querySelector('[data-testid="clock"]').dataset.events) > 10);
  assert.equal(await page.locator('.workshop-panel').getAttribute('data-phase'), 'run', 'revealed during the warm-up');
  assert.ok((await day(page)) < 50, 'the warm-up was over before the check');
  assert.equal(await page.locator('.ab-summary td[data-variant="A"]').first().innerText(), '–');
  // Past the warm-up, once both runs have 400 items done, Reveal opens, and the table beside
  // the debrief has its numbers.
  await page.getByLabel('Speed').selectOption({ label: '100 days/s' });
  await revealOpen(page);
  assert.ok((await day(page)) >= 50);
  const done = await page.locator('.ab-summary tr', { hasText: 'Items done' }).locator('td[data-variant]').allInnerTexts();
  assert.ok(done.length === 2 && done.every((n) => Number(n.replace(/[^\d.]/g, '')) >= 400), `items done at reveal: ${done}`);
  // The speed was chosen with the mouse, so the focus is in its menu: a clicker's → (and
  // PageDown, below) still reveals, and the speed stays as chosen.
  await page.getByLabel('Speed').focus();
  await page.keyboard.press('ArrowRight');
  await page.locator('.workshop-panel[data-phase="reveal"] .debrief').waitFor({ timeout: 10000 });
  assert.equal(await page.getByLabel('Speed').evaluate((el) => el.selectedOptions[0].label), '100 days/s');
  // The numbers hold still beside the debrief: Reveal pauses the runs (Back runs them again).
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 10000 });
  const paused = await page.getByTestId('clock').getAttribute('data-time');
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('clock').getAttribute('data-time'), paused, 'the clock moved at reveal');
  assert.match(await page.locator('#workshop-hint').innerText(), /The runs are paused so the numbers hold still/);
  for (const variant of ['A', 'B']) {
    assert.match(await page.locator(`.ab-summary td[data-variant="${variant}"]`).first().innerText(), /^\d+\.\d+ \/day$/);
  }
  // The claim and its numbers on one screen: the page scrolled just enough to show the whole
  // A/B table under the debrief (on this 800 px high window it would end below the fold).
  const view = await page.evaluate(() => ({
    debrief: document.querySelector('.workshop-panel .debrief').getBoundingClientRect().top,
    table: document.querySelector('.ab-summary').getBoundingClientRect().bottom,
    height: innerHeight,
    scrolled: scrollY,
  }));
  assert.ok(view.scrolled > 0, `the page did not scroll: ${JSON.stringify(view)}`);
  assert.ok(view.debrief >= 0 && view.table <= view.height + 1, JSON.stringify(view));
  // Back to Run shows the panel's top (phases, title, question) again.
  await page.getByLabel('Speed').focus();
  await page.keyboard.press('PageUp');
  await page.locator('.workshop-panel[data-phase="run"]').waitFor({ timeout: 10000 });
  await page.getByRole('button', { name: 'Pause' }).waitFor({ timeout: 10000 });
  await waitFor(page, () => document.querySelector('.workshop-panel').getBoundingClientRect().top >= 0);
  assert.deepEqual(problems, []);
  await page.close();
});
