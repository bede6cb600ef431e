// The parts of the app in wasm files of their own (src/ui/lazy.rs, scripts/split-wasm.mjs):
// a page fetches only the parts it shows, a part fetched later works like the rest of the
// app, and a part that cannot be fetched says so and can be tried again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { useApp, openApp, waitFor } from './browser.mjs';

const app = useApp();

// The names of the part files (split_<part>-<hash>.wasm) the page has asked for.
function recordParts(page) {
  const parts = [];
  page.on('request', (r) => {
    const m = r.url().match(/\/split_([a-z]+)-[0-9a-f]+\.wasm$/);
    if (m) parts.push(m[1]);
  });
  return parts;
}

test('the build ships a main module and the parts, each named by its content', () => {
  const files = readdirSync('dist');
  for (const part of ['rooms', 'panels', 'editor', 'share', 'lessons', 'compare']) {
    assert.ok(files.some((f) => new RegExp(`^split_${part}-[0-9a-f]{16}\\.wasm$`).test(f)), `split_${part}`);
  }
  assert.equal(files.filter((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f)).length, 1);
});

test('the page fetches the parts it shows, and the share dialog only when it opens', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const parts = recordParts(page);
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(app.url);
  // The editor, theory, sweep and forecast panels are on the first screen: they come at once.
  await page.getByRole('heading', { name: 'Forecast' }).waitFor();
  await page.getByRole('heading', { name: 'Sweep a parameter' }).waitFor();
  await page.getByRole('heading', { name: 'Theory beside the simulation' }).waitFor();
  await page.getByLabel('Requests arrive').waitFor();
  assert.equal(await page.locator('.part-loading, .part-failed').count(), 0);
  for (const part of ['share', 'rooms', 'lessons', 'compare']) assert.ok(!parts.includes(part), `${part} fetched: ${parts}`);
  // A part fetched later is a working part of the app: the share dialog makes a link.
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.ok(parts.includes('share'));
  assert.match(await dialog.getByRole('textbox').first().inputValue(), /#s=/);
  // A lesson brings its panel.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /Lessons/ }).click();
  await page.getByRole('button', { name: /^1\. / }).click();
  await page.locator('.lesson-panel').waitFor();
  assert.ok(parts.includes('lessons'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('an embed of the board and metrics fetches no part at all', async () => {
  const page = await app.browser.newPage({ viewport: { width: 800, height: 600 } });
  const parts = recordParts(page);
  await page.goto(`${app.url}#embed=controls,board,metrics&controls=play,step`);
  await page.waitForSelector('.simulator .board');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, () => Number(document.querySelector('[data-metric="done"] .metric-value')?.innerText) > 2);
  assert.deepEqual(parts, []);
  await page.close();
});

test('a part that cannot be fetched says so, keeps the page, and loads when asked again', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  let refused = 0;
  const shareFile = /\/split_share-[0-9a-f]+\.wasm$/;
  await page.route(shareFile, (route) => { refused += 1; return route.abort('internetdisconnected'); });
  await page.getByRole('button', { name: 'Share' }).click();
  const alert = page.locator('.part-failed');
  await alert.waitFor();
  assert.match(await alert.innerText(), /The share dialog could not be loaded/);
  assert.equal(refused, 1);
  // The rest of the page still runs.
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, () => Number(document.querySelector('[data-metric="done"] .metric-value')?.innerText) > 2);
  // Try again while the file is still refused: the same message, a second request.
  await alert.getByRole('button', { name: 'Try again' }).click();
  await waitFor(page, () => document.querySelector('.part-failed button') !== null);
  await alert.waitFor();
  assert.equal(refused, 2);
  // Focus is on the new Try again, not lost with the old one.
  await waitFor(page, () => document.activeElement?.matches('.part-failed button') && document.activeElement.textContent === 'Try again');
  // The message closes like the dialog it stands for.
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await page.locator('.part-failed').count(), 0);
  // With the connection back, Share opens the dialog.
  await page.unroute(shareFile);
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('dialog').waitFor();
  assert.equal(await page.locator('.part-failed').count(), 0);
  // The refused requests and their console lines are the only problems.
  assert.ok(problems.every((p) => /split_share|Failed to load|TypeError: Failed to fetch|net::ERR/.test(p)), problems.join('\n'));
  await page.close();
});

test('a part brought by Try again takes the focus its button had', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  const lessonsFile = /\/split_lessons-[0-9a-f]+\.wasm$/;
  await page.route(lessonsFile, (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: /Lessons/ }).click();
  await page.getByRole('button', { name: /^1\. / }).click();
  const alert = page.locator('.part-failed');
  await alert.waitFor();
  assert.match(await alert.innerText(), /The lesson could not be loaded/);
  await page.unroute(lessonsFile);
  await alert.getByRole('button', { name: 'Try again' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.lesson-panel').waitFor();
  await waitFor(page, () => document.activeElement?.matches('.lesson-panel h2'));
  assert.match(await page.evaluate(() => document.activeElement.textContent), /^Small batches/);
  assert.ok(problems.every((p) => /split_lessons|Failed to load|TypeError: Failed to fetch|net::ERR/.test(p)), problems.join('\n'));
  await page.close();
});
