// Accessibility: axe-core's WCAG 2.1 A and AA rules over the main views. No view may have a
// serious or critical violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useApp, openApp, commit, ready } from './browser.mjs';
import { startRooms } from './rooms-server.mjs';

const app = useApp();
const waitFor = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: 30000 });
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Runs axe over the page and its frames (axe must be in each frame to look inside it). The
// static test server sends no Content-Security-Policy, so the inline script tag is allowed;
// pages from `flowsim serve` (which sends one) are opened with the policy bypassed.
async function audit(page) {
  for (const frame of page.frames()) await frame.addScriptTag({ content: AXE });
  const { violations } = await page.evaluate(
    (values) => window.axe.run(document, { runOnly: { type: 'tag', values } }),
    TAGS,
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describe(violations) {
  return violations.map((v) => [
    `${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes.map((n) => `    ${n.target.flat().join(' >>> ')}: ${(n.any[0] ?? n.all[0] ?? n.none[0])?.message ?? ''}`),
  ].join('\n')).join('\n');
}

async function assertAccessible(page, view) {
  const found = await audit(page);
  assert.equal(found.length, 0, `${view}: serious or critical accessibility violations:\n${describe(found)}`);
}

// Plays until the board names a bottleneck (tokens on the board, flags shown), then pauses.
async function runUntilBottleneck(page) {
  await page.getByLabel('Speed').selectOption({ label: '30 days/s' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.locator('.bottleneck-flag').first().waitFor({ timeout: 30000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Play' }).waitFor();
}

// Opens the app, takes `steps` on it, and checks that nothing failed to load or threw.
async function onApp(steps, url = app.url) {
  const { page, problems } = await openApp(app.browser, url);
  await steps(page);
  assert.deepEqual(problems, []);
  await page.close();
}

async function runSweep(page) {
  await commit(page.locator('[data-field="sweep.2"] input'), '2');
  await commit(page.locator('[data-field="sweep.3"] input'), '1');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await waitFor(page, () => /^2 of 2 runs$/.test(document.querySelector('[data-testid="sweep-progress"]')?.innerText ?? ''));
  await page.locator('[data-chart="sweep"]').waitFor();
}

test('the default scenario after a run, with its sweep result', () => onApp(async (page) => {
  await runUntilBottleneck(page);
  await assertAccessible(page, 'default after a run');
  await runSweep(page);
  await assertAccessible(page, 'sweep result');
}));

test('travelling back in time: the timeline, Back and a past moment shown', () => onApp(async (page) => {
  await runUntilBottleneck(page);
  await page.getByLabel('Timeline').focus();
  await page.keyboard.press('Home');
  await waitFor(page, () => document.querySelector('[data-testid="clock"]').dataset.events === '0');
  await page.keyboard.press('PageUp');
  await waitFor(page, () => document.querySelector('[data-testid="clock"]').dataset.events !== '0');
  await page.locator('.timeline.travelling').waitFor();
  await assertAccessible(page, 'a past moment');
}));

test('classes of service and blockers: the editor, the board with its lane and Blocked row', () => onApp(async (page) => {
  await page.getByRole('button', { name: '+ Add classes of service' }).click();
  await page.locator('.class-key [data-class="Expedite"]').waitFor();
  await page.locator('.stage-card[data-stage="Develop"] .stage-toggle').click();
  await commit(page.locator('[data-field="stages[1].blockers.probability"] input'), '50');
  await page.locator('.board-section.blocked-section').first().waitFor();
  await page.getByLabel('Speed').selectOption({ label: '30 days/s' });
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, () => document.querySelector('[data-blocked]') !== null);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Play' }).waitFor();
  await assertAccessible(page, 'classes and blockers');
}));

test('the forecast panel with a history, its result and the fit of a built scenario', () => onApp(async (page) => {
  const panel = page.getByRole('region', { name: 'Forecast' });
  await page.locator('#forecast-source').selectOption('history');
  await page.getByLabel('History (CSV)').fill(readFileSync(new URL('../../scenarios/history-example.csv', import.meta.url), 'utf8'));
  await panel.getByRole('button', { name: 'Run forecast' }).click();
  await panel.getByTestId('forecast-sentence').waitFor();
  await assertAccessible(page, 'forecast result');
  await panel.getByRole('button', { name: 'Build a scenario from my data' }).click();
  await panel.getByTestId('fit-report').waitFor({ timeout: 120000 });
  await assertAccessible(page, 'fit report');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  await assertAccessible(page, 'forecast in the dark theme');
}));

test('dark theme after a run', () => onApp(async (page) => {
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  await runUntilBottleneck(page);
  await assertAccessible(page, 'dark theme');
}));

test('A/B compare after a run, B better than A', () => onApp(async (page) => {
  await page.getByRole('button', { name: 'Compare A/B' }).click();
  await page.locator('.ab-board .board').nth(1).waitFor();
  // B differs (a second tester), so the table marks differences as better and worse.
  await page.locator('.stage-card[data-stage="Test"] .stage-toggle').click();
  await commit(page.locator('[data-field="stages[2].workers"] input'), '2');
  await runUntilBottleneck(page);
  await page.locator('.ab-summary .change.better').first().waitFor();
  await assertAccessible(page, 'A/B compare');
}));

test('a phone: no sideways scrolling of the page, and the board scrolls by keyboard', async () => {
  const { page, problems } = await openApp(app.browser, app.url, { width: 390, height: 844 });
  await runUntilBottleneck(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
  for (const chart of await page.locator('figure.chart').all()) {
    const box = await chart.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, `a chart sticks out: ${JSON.stringify(box)}`);
  }
  await assertAccessible(page, 'phone');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lesson open', () => onApp(async (page) => {
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.locator('.lesson-item').first().waitFor();
  await assertAccessible(page, 'lesson menu');
  // Escape closes the list, as does a click elsewhere.
  await page.keyboard.press('Escape');
  await page.locator('.lesson-item').first().waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.locator('.board').click();
  await page.locator('.lesson-item').first().waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Lessons ▾' }).click();
  await page.getByRole('button', { name: /^1\. Small batches/ }).click();
  await page.locator('.lesson-panel .lesson-question').waitFor();
  await assertAccessible(page, 'lesson open');
}));

test('workshop mode: predict and reveal', () => onApp(async (page) => {
  await page.getByRole('button', { name: 'Workshop mode' }).click();
  await page.locator('.workshop-panel[data-phase="predict"]').waitFor();
  await assertAccessible(page, 'workshop predict');
  await page.locator('#prediction').fill('Smaller batches finish sooner');
  await page.locator('h2').first().click();
  await page.keyboard.press('PageDown');
  await page.locator('.workshop-panel[data-phase="run"]').waitFor();
  await waitFor(page, () => document.querySelector('.workshop-nav .btn-primary')?.disabled === false);
  await page.keyboard.press('ArrowRight');
  await page.locator('.workshop-panel[data-phase="reveal"] .debrief').waitFor();
  await assertAccessible(page, 'workshop reveal');
}));

test('the Share dialog, and the embed view its link opens', () => onApp(async (page) => {
  await runUntilBottleneck(page);
  await page.getByRole('button', { name: 'Share' }).click();
  await page.frameLocator('iframe.preview').locator('.simulator').waitFor();
  await assertAccessible(page, 'share dialog');
  // Modal for the keyboard too: focus starts in it and Tab never leaves it.
  const inDialog = () => page.evaluate(() => document.querySelector('dialog.dialog').contains(document.activeElement));
  assert.ok(await inDialog(), 'focus starts in the dialog');
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await inDialog(), `Tab ${i + 1} left the dialog`);
  }
  const snippet = await page.locator('#embed-snippet').inputValue();
  const embedSrc = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  assert.match(embedSrc, /embed=/);
  // Escape closes it, and focus goes back to the Share button.
  await page.keyboard.press('Escape');
  await page.locator('dialog.dialog').waitFor({ state: 'detached' });
  assert.ok(await page.getByRole('button', { name: 'Share' }).evaluate((b) => b === document.activeElement));
  await onApp(async (embed) => {
    await embed.locator('.app.embed .board').waitFor();
    await embed.getByRole('button', { name: 'Play' }).click();
    await waitFor(embed, () => Number(document.querySelector('[data-column="Done"] [data-done]')?.dataset.done) > 0);
    await embed.getByRole('button', { name: 'Pause' }).click();
    await assertAccessible(embed, 'embed view');
  }, embedSrc);
}));

test('workshop rooms: the join form, the dashboard with a team, and the team at reveal', async () => {
  const rooms = await startRooms();
  const contexts = [];
  try {
    const open = async (url) => {
      // axe goes in as an inline script, which the server's policy refuses (as it should).
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(url);
      await ready(page);
      return page;
    };
    const host = await open(rooms.url);
    await host.getByRole('button', { name: 'Start a room' }).click();
    const link = await host.getByLabel('Join link', { exact: true }).inputValue();
    await host.getByRole('button', { name: 'Enlarge the room code and QR code' }).click();
    await host.getByRole('dialog', { name: 'Join this room' }).waitFor({ timeout: 30000 });
    await assertAccessible(host, 'room join screen');
    await host.keyboard.press('Escape');
    await host.getByRole('dialog').waitFor({ state: 'detached', timeout: 30000 });
    const team = await open(link);
    await team.getByLabel('Team name').fill('Otters');
    await assertAccessible(team, 'room join form');
    await team.getByRole('button', { name: 'Join', exact: true }).click();
    await team.locator('.room-bar.online').waitFor({ timeout: 30000 });
    await host.getByRole('button', { name: 'Set for the room' }).click();
    await team.getByLabel('Your prediction').fill('Queues grow');
    await team.locator('h1').click();
    // The dashboard keeps predictions off the projector until the facilitator shows them.
    await host.getByRole('button', { name: 'Show predictions' }).click();
    await host.locator('.room-teams .prediction-text', { hasText: 'Queues grow' }).waitFor({ timeout: 30000 });
    await assertAccessible(host, 'room dashboard showing predictions');
    await assertAccessible(team, 'room participant predicting');
    await host.getByRole('button', { name: '2 Run' }).click();
    await waitFor(host, () => /\/day$/.test(document.querySelector('.room-teams tbody tr')?.cells[4]?.innerText ?? ''));
    await assertAccessible(host, 'room dashboard');
    await host.getByRole('button', { name: 'Remove team Otters' }).click();
    await assertAccessible(host, 'room dashboard asking whether to remove a team');
    await host.getByRole('button', { name: 'Keep team Otters' }).click();
    await host.getByRole('button', { name: 'Leave room' }).click();
    await host.getByRole('button', { name: 'Stay' }).waitFor({ timeout: 30000 });
    await assertAccessible(host, 'room dashboard asking whether to leave');
    await host.getByRole('button', { name: 'Stay' }).click();
    await host.getByRole('button', { name: '3 Reveal' }).click();
    await team.locator('.room-participant .debrief .room-teams').waitFor({ timeout: 30000 });
    await assertAccessible(team, 'room participant at reveal');
    await host.locator('.room-debrief').waitFor({ timeout: 30000 });
    await assertAccessible(host, 'room dashboard at reveal, with the debrief');
  } finally {
    for (const c of contexts) await c.close();
    await rooms.stop();
  }
});

// What had focus leaves the page (src/ui/focus.rs): focus goes to what the action brought, or
// back to what brings it again, never to the page's body.
test('keyboard focus follows a lesson picked and closed, and Compare A/B', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  const focused = () => page.evaluate(() => {
    const a = document.activeElement;
    return a === document.body ? 'body' : `${a.tagName} ${a.textContent.trim()}`;
  });
  const until = (want) => waitFor(page, (w) => {
    const a = document.activeElement;
    return a !== document.body && `${a.tagName} ${a.textContent.trim()}` === w;
  }, want).then(focused);
  await page.getByRole('button', { name: /Lessons/ }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /^2\. / }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await until('H2 Limit WIP: stop starting, start finishing'), 'H2 Limit WIP: stop starting, start finishing');
  // Tab goes on from the lesson's heading to its own controls.
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'BUTTON ←');
  // ← to the first lesson turns itself off: focus goes to that lesson's heading.
  await page.keyboard.press('Enter');
  assert.equal(await until('H2 Small batches: the penny game'), 'H2 Small batches: the penny game');
  await page.getByRole('button', { name: 'Close the lesson' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await until('BUTTON Lessons ▾'), 'BUTTON Lessons ▾');
  await page.getByRole('button', { name: 'Compare A/B' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await until('BUTTON Exit A/B'), 'BUTTON Exit A/B');
  await page.keyboard.press('Enter');
  assert.equal(await until('BUTTON Compare A/B'), 'BUTTON Compare A/B');
  assert.deepEqual(problems, []);
  await page.close();
});
