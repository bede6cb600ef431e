// Classes of service and blockers in a real browser: edited mid-run, drawn on the board (shape,
// colour, the expedite lane, the Blocked row) and in the charts, per-class lead time shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, doneCount, waitFor, waitForDay, waitForColour, commit } from './browser.mjs';

const app = useApp();

const field = (page, path) => page.locator(`[data-field="${path}"] input`);
const openStage = (page, name) => page.locator(`.stage-card[data-stage="${name}"] .stage-toggle`).click();
const changes = (page) => page.locator('.changes li').allInnerTexts();

test('classes and blockers are added and edited mid-run, with refused input kept out', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  // Adding classes changes what a request is: a new run with an expedite and a standard class.
  await page.getByRole('button', { name: '+ Add classes of service' }).click();
  await waitFor(page, () => document.querySelectorAll('.class-key [data-class]').length === 2);
  assert.deepEqual(await page.locator('.class-key [data-class]').evaluateAll((els) => els.map((e) => e.dataset.class)), ['Expedite', 'Standard']);
  assert.equal(await page.locator('.class-key .lane-flag').count(), 1, 'Expedite is in the expedite lane');
  await page.getByLabel('Speed').selectOption({ label: '30 days/s' });
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDay(page, 15);
  const before = await doneCount(page);

  // A share edited mid-run: the run goes on, the change is marked, the other share follows.
  await commit(field(page, 'classes[0].share'), '30');
  await field(page, 'classes[0].share').press('Enter');
  await waitFor(page, () => [...document.querySelectorAll('.changes li')].some((li) => /Expedite: share 10% → 30%/.test(li.innerText)));
  assert.ok((await doneCount(page)) >= before, 'the run was not reset');
  assert.ok((await changes(page)).some((t) => /Standard: share 90% → 70%/.test(t)));
  assert.equal(await field(page, 'classes[1].share').inputValue(), '70');

  // A share that cannot be balanced is refused with a reason; nothing changes.
  await commit(field(page, 'classes[0].share'), '150');
  await field(page, 'classes[0].share').press('Enter');
  await page.locator('[data-field="classes[0].share"] .field-error').waitFor();
  assert.equal((await changes(page)).filter((t) => /share/.test(t)).length, 2);

  // Blockers switched on at Develop mid-run: marked, and blocked items appear on the board.
  await openStage(page, 'Develop');
  await commit(field(page, 'stages[1].blockers.probability'), '60');
  await field(page, 'stages[1].blockers.probability').press('Enter');
  await waitFor(page, () => [...document.querySelectorAll('.changes li')].some((li) => /Develop: blockers none → 60% for mean 1 d/.test(li.innerText)));
  await waitFor(page, () => document.querySelectorAll('.board-section.blocked-section').length > 0);
  await waitFor(page, () => Number(document.querySelector('[data-column="Develop"] [data-blocked]')?.dataset.blocked) > 0);
  // Per-class lead time beside the metrics, for both classes.
  await waitFor(page, () => [...document.querySelectorAll('.class-metrics li')].every((li) => li.dataset.p85 !== ''));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lesson with blockers and classes draws shapes, the lane and class colours in the charts', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.locator('.lesson-item', { hasText: 'Unplanned work eats capacity' }).click();
  await page.locator('.lesson-steps button', { hasText: 'Incidents' }).click();
  await page.getByLabel('Speed').selectOption({ label: '30 days/s' });
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForDay(page, 60);
  // Tokens carry their class (Planned squares, Incident circles) and the key says which is which.
  await waitFor(page, () => document.querySelectorAll('.board .token.class-0, .board .token.class-1').length > 0);
  assert.deepEqual(await page.locator('.class-key [data-class]').evaluateAll((els) => els.map((e) => e.dataset.class)), ['Planned', 'Incident']);
  // The scatter draws the classes in their board colours: Planned blue, Incident orange.
  await waitForColour(page, '#chart-lead-scatter', [230, 159, 0], 0.0005);
  await waitForColour(page, '#chart-lead-scatter', [0, 114, 178], 0.0005);
  const legend = await page.locator('[data-chart="lead-scatter"] .legend li').allInnerTexts();
  assert.ok(legend.includes('Planned') && legend.includes('Incident'), legend.join(', '));
  assert.deepEqual(problems, []);
  await page.close();
});

test('A/B with classes: each class compared with itself first, both runs at one moment even as fast as possible', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.getByRole('button', { name: /^13\. / }).click();
  await page.getByRole('button', { name: 'Planned only' }).click();
  await page.getByRole('button', { name: 'Compare side by side' }).click();
  await page.locator('.simulator.ab').waitFor();
  await page.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await page.getByRole('button', { name: 'Play' }).click();
  // Incidents add events: B has more to do per day than A, and its half of each frame used
  // to leave it further behind A's day every frame.
  await waitFor(page, () => Number(document.querySelector('[data-testid="clock"]').dataset.time) > 5000, 60000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.locator('.ab-summary th[scope=rowgroup]').first().waitFor();
  const groups = await page.locator('.ab-summary th[scope=rowgroup]').allInnerTexts();
  assert.deepEqual(groups.map((g) => g.toLowerCase()), ['by class of service', 'all classes together']);
  const cells = async (name) => (await page.locator('.ab-summary tr', { has: page.getByRole('rowheader', { name, exact: true }) })
    .locator('td[data-variant]').allInnerTexts()).map((t) => Number(t.replace(/[^\d.]/g, '')));
  // Items done ÷ throughput is the span the statistics cover: the same for both runs.
  const done = await cells('Items done since day 200');
  const throughput = await cells('Throughput');
  const [spanA, spanB] = [done[0] / throughput[0], done[1] / throughput[1]];
  assert.ok(Math.abs(spanA / spanB - 1) < 0.02, `A covers ${spanA} days, B ${spanB}: ${done} ${throughput}`);
  // The mixed totals are not coloured (B's incidents add throughput); planned work compared
  // with itself is: with incidents its lead time p85 rises.
  const coloured = (group) => page.locator(`.ab-summary tbody${group} :is(.change.better, .change.worse)`).count();
  assert.equal(await coloured(':not(.ab-classes)'), 0);
  assert.ok((await coloured('.ab-classes')) >= 1);
  assert.equal(await page.locator('.ab-summary tr', { hasText: 'Planned lead time p85' }).locator('.change').getAttribute('class'), 'change worse');
  assert.deepEqual(problems, []);
  await page.close();
});
