// A team's page coming back to its room: what it said while the server was down reaches the
// room, and a run it had paused stays paused across a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, useRooms, roomWithTeam, teamRow } from './rooms-pages.mjs';

const ctx = useRooms();

test('what a team says while the server is down reaches the room when it comes back', async () => {
  const { host, team } = await roomWithTeam(ctx, 'Owls');
  const { page } = host;
  const t = team.page;
  // The penny game, a batch of 20: the last coin on day 80.
  await page.getByRole('button', { name: 'Set for the room' }).click();
  await t.getByLabel('Your prediction').waitFor({ timeout: T });
  await t.getByLabel('Your prediction').fill('Nothing for 80 days');
  await t.locator('h1').click();
  await page.getByRole('button', { name: 'Show predictions' }).click();
  await teamRow(page, 'Owls').locator('.prediction-text', { hasText: 'Nothing for 80 days' }).waitFor({ timeout: T });
  // The server goes down; the team changes its prediction meanwhile.
  await ctx.rooms.halt();
  await t.locator('.room-bar .room-connection', { hasText: 'Offline — reconnecting…' }).waitFor({ timeout: T });
  await t.getByLabel('Your prediction').fill('The first coin on day 80');
  await t.locator('h1').click();
  await ctx.rooms.restart();
  await t.locator('.room-bar.online').waitFor({ timeout: 40000 });
  await teamRow(page, 'Owls').locator('.prediction-text', { hasText: 'The first coin on day 80' }).waitFor({ timeout: 40000 });
  assert.equal(await t.getByLabel('Your prediction').inputValue(), 'The first coin on day 80', 'the older prediction came back');
  // Run: the server goes down again and the team's run ends meanwhile; its last results
  // reach the dashboard when the server is back (the run reports nothing more by itself).
  await page.getByRole('button', { name: '2 Run' }).click();
  await t.getByRole('button', { name: 'Play' }).waitFor({ timeout: T });
  await ctx.rooms.halt();
  await t.locator('.room-bar .room-connection', { hasText: 'Offline — reconnecting…' }).waitFor({ timeout: T });
  await t.getByLabel('Speed').selectOption({ label: '100 days/s' });
  await t.getByRole('button', { name: 'Play' }).click();
  await t.locator('.run-over', { hasText: 'The run is over on day 80.0' }).waitFor({ timeout: T });
  await ctx.rooms.restart();
  await t.locator('.room-bar.online').waitFor({ timeout: 40000 });
  await page.locator('.room-bar.online').waitFor({ timeout: 40000 });
  await page.waitForFunction(() => [...document.querySelectorAll('.room-teams tbody tr')]
    .some((r) => r.querySelector('th')?.innerText === 'Owls' && Number(r.querySelector('td.num')?.innerText) === 80), null, { timeout: 40000 });
  for (const p of [host, team]) assert.deepEqual(p.problems, []);
  for (const p of [host, team]) await p.context.close();
});

// A team that pauses its run and reloads comes back paused at the day it had reported
// (src/ui/hooks/use_room/paused.rs), while the room still runs; without a pause it plays on.
test('a team that paused keeps its run paused across a reload', async () => {
  const { host, team } = await roomWithTeam(ctx, 'Moles');
  const { page } = host;
  const t = team.page;
  // Requests keep arriving (a 9,000-day stream): the run is not over for a long while.
  await page.locator('#room-content').selectOption({ label: '70 % load' });
  await page.getByRole('button', { name: 'Set for the room' }).click();
  await t.getByLabel('Your prediction').waitFor({ timeout: T });
  await page.getByRole('button', { name: '2 Run' }).click();
  await t.getByRole('button', { name: 'Pause' }).waitFor({ timeout: T });
  const clock = async () => Number(await t.getByTestId('clock').getAttribute('data-time'));
  await t.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]').dataset.time) > 3, null, { timeout: T });
  await t.getByRole('button', { name: 'Pause' }).click();
  await t.getByRole('button', { name: 'Play' }).waitFor({ timeout: T });
  const pausedAt = await clock();
  await page.waitForFunction((day) => [...document.querySelectorAll('.room-teams tbody tr')]
    .some((r) => r.querySelector('th')?.innerText === 'Moles' && Number(r.querySelector('td.num')?.innerText) === Math.floor(day)), pausedAt, { timeout: T });
  await t.reload();
  await t.locator('.room-bar.online', { hasText: 'Moles' }).waitFor({ timeout: T });
  await t.waitForFunction((day) => Number(document.querySelector('[data-testid="clock"]')?.dataset.time) >= day, Math.floor(pausedAt), { timeout: T });
  await t.getByRole('button', { name: 'Play' }).waitFor({ timeout: T });
  const caughtUp = await clock();
  await t.waitForTimeout(800);
  assert.equal(await clock(), caughtUp, 'the paused run stays where it was');
  // Played again, it plays on after the next reload.
  await t.getByRole('button', { name: 'Play' }).click();
  await t.waitForFunction((day) => Number(document.querySelector('[data-testid="clock"]').dataset.time) > day + 2, caughtUp, { timeout: T });
  await t.reload();
  await t.locator('.room-bar.online', { hasText: 'Moles' }).waitFor({ timeout: T });
  await t.getByRole('button', { name: 'Pause' }).waitFor({ timeout: T });
  for (const p of [host, team]) assert.deepEqual(p.problems, []);
  for (const p of [host, team]) await p.context.close();
});
