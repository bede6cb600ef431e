// The pages of a workshop room for the end-to-end tests: the real server (`flowsim serve`,
// rooms-server.mjs) and Chromium for a test file, laptops (each its own browser context, so its
// own local storage), a room with a team, and a team's row on the dashboard.
import { before, after } from 'node:test';
import { launch, ready } from './browser.mjs';
import { startRooms } from './rooms-server.mjs';

export const T = 30000;

// Registers before/after hooks that start the rooms server and Chromium for a test file; the
// returned object holds `rooms` and `browser` once they ran.
export function useRooms() {
  const ctx = {};
  before(async () => {
    ctx.rooms = await startRooms();
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.rooms?.stop();
  });
  return ctx;
}

// A page in a fresh browser context (a separate laptop), recording errors as openApp does.
export async function laptop(ctx, url) {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A lost connection while the server restarts is expected to log a WebSocket error.
    if (m.type() === 'error' && !/WebSocket/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  await ready(page);
  return { page, problems, context };
}

// A facilitator's room and one team that joined it by the join link, each on its own laptop.
export async function roomWithTeam(ctx, name) {
  const host = await laptop(ctx, ctx.rooms.url);
  await host.page.getByRole('button', { name: 'Start a room' }).click();
  const link = await host.page.getByLabel('Join link', { exact: true }).inputValue();
  const team = await laptop(ctx, link);
  await team.page.getByLabel('Team name').fill(name);
  await team.page.getByRole('button', { name: 'Join', exact: true }).click();
  await team.page.locator('.room-bar.online').waitFor({ timeout: T });
  return { host, team };
}

// A team's row in the dashboard's table.
export const teamRow = (page, name) => page.locator('.room-teams tbody tr').filter({ has: page.locator('th', { hasText: name }) });
