// Workshop rooms end to end: the real server (`flowsim serve`) with a temporary data folder,
// one facilitator page and three participant pages, each in its own browser context (its own
// local storage, as on separate laptops), through a lesson with predictions, a run, a reveal,
// a challenge, a reload and a server restart. And: the static dist/ offers no rooms. A team's
// page coming back (a server down, a reload) is in rooms-reload.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, openApp, commit } from './browser.mjs';
import { csp } from './rooms-server.mjs';
import { T, useRooms, laptop as openLaptop, teamRow } from './rooms-pages.mjs';

const ctx = useRooms();
const laptop = (url) => openLaptop(ctx, url);

test('a facilitator and three teams go through a lesson, a reveal and a challenge', async () => {
  const host = await laptop(ctx.rooms.url);
  const { page } = host;
  await page.getByRole('button', { name: 'Start a room' }).click();
  const linkField = page.getByLabel('Join link', { exact: true });
  await linkField.waitFor({ timeout: T });
  assert.ok(await linkField.evaluate((el) => el.readOnly), 'the join link field is read-only');
  const link = await linkField.inputValue();
  const code = (await page.locator('.room-code').innerText()).trim();
  assert.match(code, /^[ACEFHJKMNPRTWXY]{5}$/);
  assert.equal(new URL(link).searchParams.get('join'), code);
  assert.equal(await page.locator('svg.qr-code path').count(), 1, 'the QR code is drawn by the app');
  // For the back of the room: the code and QR code as large as the screen allows, closed by
  // Escape with the focus back on the button.
  const enlarge = page.getByRole('button', { name: 'Enlarge the room code and QR code' });
  await enlarge.click();
  const screen = page.getByRole('dialog', { name: 'Join this room' });
  await screen.waitFor({ timeout: T });
  assert.equal(await screen.getByLabel(`Room code ${code}`).innerText(), code);
  assert.equal(await screen.getByText(link, { exact: true }).count(), 1);
  const side = await screen.locator('svg.qr-code').evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(side >= 400, `the large QR code is ${side} px wide`);
  await page.keyboard.press('Escape');
  await screen.waitFor({ state: 'detached', timeout: T });
  assert.ok(await enlarge.evaluate((el) => el === document.activeElement), 'focus is back on Enlarge');
  // A click on the dimmed backdrop closes it too.
  await enlarge.click();
  await screen.waitFor({ timeout: T });
  await page.mouse.click(4, 400);
  await screen.waitFor({ state: 'detached', timeout: T });

  // Three teams on three laptops; the join link fills in the code.
  const names = ['Ants', 'Bees', '<b>x</b>'];
  const teams = [];
  for (const name of names) {
    const p = await laptop(link);
    assert.equal(await p.page.getByLabel('Room code').inputValue(), code);
    // The link brought the code: the team name is the field to type in.
    await p.page.waitForFunction(() => document.activeElement?.id === 'team-name', null, { timeout: T });
    await p.page.getByLabel('Team name').fill(name);
    await p.page.getByRole('button', { name: 'Join', exact: true }).click();
    await p.page.locator('.room-bar.online').waitFor({ timeout: T });
    teams.push(p);
  }
  // Before the facilitator chooses, no phase is under way, and a team has nothing of the
  // room's to run.
  assert.equal(await page.getByRole('button', { name: '1 Predict' }).getAttribute('aria-pressed'), 'false');
  assert.equal(await teams[0].page.locator('.room-participant .phases').count(), 0);
  assert.ok(await teams[0].page.getByRole('button', { name: 'Play' }).isDisabled());
  await teams[0].page.keyboard.press('Space');
  await teams[0].page.locator('.notice', { hasText: 'the facilitator has not chosen what the room works on' }).waitFor({ timeout: T });
  assert.equal(await teams[0].page.getByTestId('clock').getAttribute('data-events'), '0');
  // A taken name is refused next to the form, which keeps what was typed.
  const late = await laptop(link);
  await late.page.getByLabel('Team name').fill('Ants');
  await late.page.getByRole('button', { name: 'Join', exact: true }).click();
  await late.page.getByRole('alert').filter({ hasText: /.+/ }).waitFor({ timeout: T });
  assert.equal(await late.page.getByLabel('Team name').inputValue(), 'Ants');
  assert.equal(await late.page.getByLabel('Room code').inputValue(), code);
  await late.context.close();

  // Every team is on the dashboard; a name with markup shows as text.
  for (const name of names) await teamRow(page, name).waitFor({ timeout: T });
  assert.equal(await page.locator('.room-teams b').count(), 0);
  assert.equal(await teamRow(page, '<b>x</b>').locator('th').innerText(), '<b>x</b>');

  // The facilitator picks the first lesson; every team gets its question and predicts.
  // The choices are grouped by lesson, each group labelled "N. Title".
  const lesson = await page.locator('#room-content optgroup').first().getAttribute('label');
  await page.getByRole('button', { name: 'Set for the room' }).click();
  await page.locator('button[aria-pressed="true"]', { hasText: '1 Predict' }).waitFor({ timeout: T });
  const title = lesson.replace(/^\d+\. /, '');
  const predictions = ['Lead time doubles', 'Nothing changes', 'Throughput drops'];
  for (const [i, t] of teams.entries()) {
    await t.page.locator('.room-participant h2', { hasText: title }).waitFor({ timeout: T });
    await t.page.locator('.room-step', { hasText: /^This round: \S/ }).waitFor({ timeout: T });
    await t.page.getByLabel('Your prediction').fill(predictions[i]);
    await t.page.locator('h1').click(); // leaving the field sends it at once
  }
  // A team cannot start its run before the room does: Play is off, and Space says why.
  assert.ok(await teams[0].page.getByRole('button', { name: 'Play' }).isDisabled());
  await teams[0].page.keyboard.press('Space');
  await teams[0].page.locator('.notice', { hasText: 'the run starts when the facilitator moves the room to Run' }).waitFor({ timeout: T });
  assert.equal(await teams[0].page.getByTestId('clock').getAttribute('data-events'), '0');
  // The dashboard is on the projector: it says who predicted, not what, until the
  // facilitator shows them (and a new phase hides them again).
  for (const name of names) await teamRow(page, name).getByText('predicted (hidden until reveal)').waitFor({ timeout: T });
  assert.equal(await page.locator('.room-teams .prediction-text').count(), 0);
  const show = page.getByRole('button', { name: 'Show predictions' });
  assert.equal(await show.getAttribute('aria-pressed'), 'false');
  await show.click();
  for (const [i, name] of names.entries()) {
    await teamRow(page, name).locator('.prediction-text', { hasText: predictions[i] }).waitFor({ timeout: T });
  }
  assert.equal(await show.getAttribute('aria-pressed'), 'true');
  await show.click();
  await page.locator('.room-teams .prediction-text').first().waitFor({ state: 'detached', timeout: T });
  assert.equal(await show.getAttribute('aria-pressed'), 'false');
  await show.click();
  await teamRow(page, names[0]).locator('.prediction-text').waitFor({ timeout: T });
  // Before reveal, no team sees another's prediction.
  for (const [i, t] of teams.entries()) {
    const text = await t.page.locator('body').innerText();
    for (const [j, p] of predictions.entries()) if (j !== i) assert.ok(!text.includes(p), `team ${i} sees ${p}`);
  }

  // A team reloads in the middle: same team, same prediction. From its first paint the page is
  // entering its room: it neither shows nor fetches the editor and the panels a room hides.
  const fetched = [];
  const onRequest = (r) => { const m = r.url().match(/\/split_([a-z]+)-[0-9a-f]+\.wasm$/); if (m) fetched.push(m[1]); };
  teams[1].page.on('request', onRequest);
  await teams[1].page.reload();
  await teams[1].page.locator('.room-bar.online', { hasText: 'Bees' }).waitFor({ timeout: T });
  await teams[1].page.waitForFunction((want) => document.querySelector('#prediction')?.value === want, predictions[1], { timeout: T });
  teams[1].page.off('request', onRequest);
  assert.deepEqual(fetched, ['rooms'], 'the parts a reloaded team page fetched');

  // Run: every browser runs and reports; the dashboard shows each team's results.
  await page.getByRole('button', { name: '2 Run' }).click();
  await page.locator('.room-teams .prediction-text').first().waitFor({ state: 'detached', timeout: T });
  for (const name of names) {
    await page.waitForFunction((name) => [...document.querySelectorAll('.room-teams tbody tr')]
      .some((r) => r.querySelector('th')?.innerText === name && /\/day$/.test(r.cells[4]?.innerText ?? '')), name, { timeout: T });
  }
  await page.locator('[data-chart="room-teams"] .team-point circle').first().waitFor({ timeout: T });
  // While the room runs the join block is one line: the QR code is a press of Enlarge away.
  assert.equal(await page.locator('.room-join-info svg.qr-code').count(), 0);
  assert.ok(await page.getByRole('button', { name: 'Enlarge the room code and QR code' }).isVisible());

  // Reveal: every team sees every prediction and the debrief, and so does the projector; the
  // runs pause so the numbers hold still while the room talks.
  await page.getByRole('button', { name: '3 Reveal' }).click();
  await page.locator('.room-debrief h3', { hasText: 'What to notice' }).waitFor({ timeout: T });
  // On a 1080p projector the teams' chart stands beside the debrief, on the first screen.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = async (selector) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().toJSON());
  const [chart, debrief] = [await box('.room-teams-chart svg'), await box('.room-debrief')];
  assert.ok(chart.top < 1080 - chart.height / 2, `the chart starts at ${chart.top} px`);
  assert.ok(debrief.left >= chart.right && debrief.top < chart.bottom, 'the debrief is beside the chart');
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const t of teams) await t.page.getByRole('button', { name: 'Play' }).waitFor({ timeout: T });
  for (const t of teams) {
    await t.page.locator('.debrief').waitFor({ timeout: T });
    for (const p of predictions) await t.page.locator('.room-teams .prediction-text', { hasText: p }).waitFor({ timeout: T });
    assert.equal(await t.page.locator('.room-teams b').count(), 0);
  }
  // A team reloads at reveal: its run comes back to the day it had reported (the dashboard's),
  // not to day 0 with empty numbers.
  const reported = Number(await teamRow(page, 'Ants').locator('td.num').first().innerText());
  assert.ok(reported > 0, `Ants reported day ${reported}`);
  await teams[0].page.reload();
  await teams[0].page.locator('.debrief').waitFor({ timeout: T });
  await teams[0].page.waitForFunction((want) => Number(document.querySelector('[data-testid="clock"]')?.dataset.time) >= want, reported, { timeout: T });

  // A challenge: workers and WIP limits only; ranked after 20 days.
  await page.locator('.room-challenge summary').click();
  await page.getByLabel('Rank after (days)').fill('20');
  await page.getByRole('button', { name: 'Open challenge' }).click();
  for (const t of teams) await t.page.locator('.challenge-sentence', { hasText: /You may change workers and WIP limits/ }).waitFor({ timeout: T });
  // An allowed edit: workers.
  const a = teams[0].page;
  const firstStage = a.locator('.stage-card').first();
  await firstStage.locator('.stage-toggle').click();
  await commit(a.locator('[data-field="stages[0].workers"] input'), '2');
  await a.locator('.stage-card').first().locator('.stage-summary', { hasText: /^2 workers/ }).waitFor({ timeout: T });
  // An edit outside the levers: refused next to the field, as any refused value is, the
  // scenario kept.
  const b = teams[1].page;
  await b.locator('.stage-card').first().locator('.stage-toggle').click();
  const before = await b.locator('.stage-card').first().locator('.stage-summary').innerText();
  await commit(b.locator('[data-field="stages[0].batch_size"] input'), '5');
  await b.locator('[data-field="stages[0].batch_size"] .field-error', { hasText: /In this challenge only workers and WIP limits may change/ }).waitFor({ timeout: T });
  assert.equal(await b.locator('[data-field="stages[0].batch_size"] input').getAttribute('aria-invalid'), 'true');
  assert.equal(await b.locator('.stage-card').first().locator('.stage-summary').innerText(), before);

  // Standings: every team is either ranked or says why not.
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('.room-standings tbody tr')];
    return rows.length === 3 && rows.every((r) => !/no results yet|running/.test(r.innerText));
  }, null, { timeout: 60000 });
  await page.getByRole('button', { name: 'Close challenge' }).click();
  for (const t of teams) await t.page.locator('.room-standings').waitFor({ timeout: T });

  // The server stops and comes back with the same data folder: the team reconnects.
  const c = teams[2].page;
  await ctx.rooms.halt();
  await c.locator('.room-bar .room-connection', { hasText: 'Offline — reconnecting…' }).waitFor({ timeout: T });
  await ctx.rooms.restart();
  await c.locator('.room-bar.online', { hasText: '<b>x</b>' }).waitFor({ timeout: 40000 });
  await page.locator('.room-bar.online').waitFor({ timeout: 40000 });

  // Leaving forgets the room.
  await c.getByRole('button', { name: 'Leave room' }).click();
  await c.getByRole('button', { name: 'Join a room' }).waitFor({ timeout: T });
  await c.reload();
  await c.getByRole('button', { name: 'Join a room' }).waitFor({ timeout: T });
  assert.equal(await c.locator('.room-bar').count(), 0);

  for (const p of [host, ...teams]) assert.deepEqual(p.problems, []);
  for (const p of [host, ...teams]) await p.context.close();
});

test('a join link for another room asks before leaving this one; an emoji name keeps all its characters', async () => {
  const hosts = [];
  for (let i = 0; i < 2; i++) {
    const h = await laptop(ctx.rooms.url);
    await h.page.getByRole('button', { name: 'Start a room' }).click();
    await h.page.getByLabel('Join link', { exact: true }).waitFor({ timeout: T });
    hosts.push(h);
  }
  const [linkA, linkB] = await Promise.all(hosts.map((h) => h.page.getByLabel('Join link', { exact: true }).inputValue()));
  const [codeA, codeB] = [linkA, linkB].map((l) => new URL(l).searchParams.get('join'));
  const team = await laptop(linkA);
  const t = team.page;
  // Forty thumbs: the server counts characters, not the browser's UTF-16 units.
  const thumbs = '👍'.repeat(40);
  await t.getByLabel('Team name').fill(thumbs);
  assert.equal(await t.getByLabel('Team name').inputValue(), thumbs);
  await t.getByRole('button', { name: 'Join', exact: true }).click();
  await t.locator('.room-bar.online').waitFor({ timeout: T });
  await teamRow(hosts[0].page, thumbs).waitFor({ timeout: T });
  // The other room's link: said, not silently ignored.
  await t.goto(linkB);
  const other = t.locator('.room-other');
  await other.waitFor({ timeout: T });
  assert.match(await other.innerText(), new RegExp(`This link is for room ${codeB}, and this browser is in room ${codeA}`));
  await t.getByRole('button', { name: `Stay in ${codeA}` }).click();
  await other.waitFor({ state: 'detached', timeout: T });
  await t.goto(linkB);
  await t.getByRole('button', { name: `Leave and join ${codeB}` }).click();
  assert.equal(await t.getByLabel('Room code').inputValue(), codeB);
  await t.getByLabel('Team name').fill('Second');
  await t.getByRole('button', { name: 'Join', exact: true }).click();
  await teamRow(hosts[1].page, 'Second').waitFor({ timeout: T });
  for (const p of [...hosts, team]) assert.deepEqual(p.problems, []);
  for (const p of [...hosts, team]) await p.context.close();
});

test('the facilitator removes a team after confirming; the team is told and stays out', async () => {
  const host = await laptop(ctx.rooms.url);
  const { page } = host;
  await page.getByRole('button', { name: 'Start a room' }).click();
  const link = await page.getByLabel('Join link', { exact: true }).inputValue();
  const teams = [];
  for (const name of ['Moths', 'Wasps']) {
    const p = await laptop(link);
    await p.page.getByLabel('Team name').fill(name);
    await p.page.getByRole('button', { name: 'Join', exact: true }).click();
    await p.page.locator('.room-bar.online').waitFor({ timeout: T });
    await teamRow(page, name).waitFor({ timeout: T });
    teams.push(p);
  }
  // The first click only asks, with the keyboard focus on the safe answer; Keep keeps the team.
  await page.getByRole('button', { name: 'Remove team Wasps' }).click();
  const keep = page.getByRole('button', { name: 'Keep team Wasps' });
  await keep.waitFor({ timeout: T });
  assert.ok(await keep.evaluate((el) => el === document.activeElement), 'focus is on Keep');
  await keep.click();
  await page.getByRole('button', { name: 'Remove team Wasps' }).waitFor({ timeout: T });
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Remove team Wasps', null, { timeout: T });
  assert.equal(await teamRow(page, 'Wasps').count(), 1);

  // Confirmed: the team leaves the dashboard, its browser says why, and the other team stays.
  await page.getByRole('button', { name: 'Remove team Wasps' }).click();
  await page.getByRole('button', { name: 'Yes, remove team Wasps' }).click();
  await teamRow(page, 'Wasps').waitFor({ state: 'detached', timeout: T });
  await teams[1].page.locator('.room-bar.stopped', { hasText: 'the facilitator removed your team' }).waitFor({ timeout: T });
  assert.equal(await teamRow(page, 'Moths').count(), 1);
  await teams[0].page.locator('.room-bar.online').waitFor({ timeout: T });

  // The removal is kept: a reload of the dashboard does not bring the team back.
  await page.reload();
  await teamRow(page, 'Moths').waitFor({ timeout: T });
  assert.equal(await teamRow(page, 'Wasps').count(), 0);

  // Predictions shown in Predict do not come back by themselves when the room returns to
  // Predict (a new visit of the phase).
  await page.getByRole('button', { name: 'Set for the room' }).click();
  await teams[0].page.getByLabel('Your prediction').fill('Queues grow');
  await teams[0].page.locator('h1').click();
  await teamRow(page, 'Moths').getByText('predicted (hidden until reveal)').waitFor({ timeout: T });
  await page.getByRole('button', { name: 'Show predictions' }).click();
  await teamRow(page, 'Moths').locator('.prediction-text', { hasText: 'Queues grow' }).waitFor({ timeout: T });
  await page.getByRole('button', { name: '2 Run' }).click();
  await page.getByRole('button', { name: '1 Predict' }).click();
  await teamRow(page, 'Moths').getByText('predicted (hidden until reveal)').waitFor({ timeout: T });
  assert.equal(await page.locator('.room-teams .prediction-text').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Show predictions' }).getAttribute('aria-pressed'), 'false');

  // Only the facilitator's browser holds the room's key: "Leave room" asks first, with the
  // keyboard focus on Stay; Stay and Escape keep the room.
  await page.getByRole('button', { name: 'Leave room' }).click();
  const stay = page.getByRole('button', { name: 'Stay' });
  await stay.waitFor({ timeout: T });
  assert.ok(await stay.evaluate((el) => el === document.activeElement), 'focus is on Stay');
  await page.locator('.room-leave-ask', { hasText: /Only this browser can lead it/ }).waitFor({ timeout: T });
  await stay.click();
  await page.waitForFunction(() => document.activeElement?.innerText === 'Leave room', null, { timeout: T });
  await page.getByRole('button', { name: 'Leave room' }).click();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.innerText === 'Leave room', null, { timeout: T });
  // Escape answers the question wherever the focus is (a click elsewhere took it away).
  await page.getByRole('button', { name: 'Leave room' }).click();
  await stay.waitFor({ timeout: T });
  await page.locator('.room-who').click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Leave room' }).waitFor({ timeout: T });
  await page.getByRole('button', { name: 'Leave room' }).waitFor({ timeout: T });
  assert.equal(await page.locator('.room-host').count(), 1);
  await page.getByRole('button', { name: 'Leave room' }).click();
  await page.getByRole('button', { name: 'Yes, leave the room' }).click();
  await page.getByRole('button', { name: 'Start a room' }).waitFor({ timeout: T });
  assert.equal(await page.locator('.room-bar').count(), 0);
  for (const p of [host, ...teams]) assert.deepEqual(p.problems, []);
  for (const p of [host, ...teams]) await p.context.close();
});

test('the server sends the page with the policy `flowsim csp dist` prints, and rooms run under it', async () => {
  const res = await fetch(ctx.rooms.url);
  assert.equal(res.headers.get('content-security-policy'), csp('dist'));
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  // A facilitator and a team under that policy: nothing is refused, the team reaches the dashboard.
  const host = await laptop(ctx.rooms.url);
  const violations = [];
  await host.page.exposeFunction('reportViolation', (v) => violations.push(v));
  await host.page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  await host.page.getByRole('button', { name: 'Start a room' }).click();
  const link = await host.page.getByLabel('Join link', { exact: true }).inputValue();
  const team = await laptop(link);
  await team.page.getByLabel('Team name').fill('Newts');
  await team.page.getByRole('button', { name: 'Join', exact: true }).click();
  await teamRow(host.page, 'Newts').waitFor({ timeout: T });
  assert.deepEqual(violations, []);
  for (const p of [host, team]) assert.deepEqual(p.problems, []);
  for (const p of [host, team]) await p.context.close();
});

test('an unknown room code is refused beside the form', async () => {
  const p = await laptop(`${ctx.rooms.url}?join=ACEFH`);
  await p.page.getByLabel('Team name').fill('Wasps');
  await p.page.getByRole('button', { name: 'Join', exact: true }).click();
  await p.page.getByRole('alert').filter({ hasText: /.+/ }).waitFor({ timeout: T });
  assert.equal(await p.page.locator('.room-bar').count(), 0);
  await p.page.getByLabel('Room code').fill('AB0');
  await p.page.getByRole('button', { name: 'Join', exact: true }).click();
  await p.page.getByRole('alert').filter({ hasText: /5 letters/ }).waitFor({ timeout: T });
  await p.context.close();
});

test('the static dist/ (no server) shows no room buttons', async () => {
  const { server, url } = await serveDist();
  try {
    const { page, problems } = await openApp(ctx.browser, url);
    await page.getByRole('button', { name: 'Share' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Start a room' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Join a room' }).count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    server.close();
  }
});
