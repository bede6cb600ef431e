// Share links, embedding in another site, import and export, and safety.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { useApp, openApp, doneCount, day, events, stepEvents, commit, ready } from './browser.mjs';
import { serve } from '../../scripts/static-server.mjs';
import { flowsim } from './rooms-server.mjs';

const app = useApp();
const waitFor = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: 30000 });

async function shareLink(page) {
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.locator('.link-field').inputValue();
  const snippet = await page.locator('#embed-snippet').inputValue();
  // Let the dialog's live preview finish loading: closing it mid-load aborts its requests.
  await page.frameLocator('iframe.preview').locator('.board').waitFor({ timeout: 20000 });
  await page.getByRole('button', { name: 'Close' }).click();
  return { link, snippet };
}

// A fresh directory under the system's temporary folder, removed when test `t` ends.
function tempDir(t, prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a share link reproduces the same run exactly', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  await page.locator('.stage-card[data-stage="Test"] .stage-toggle').click();
  await commit(page.locator('[data-field="stages[2].workers"] input'), '2');
  await commit(page.locator('[data-field="seed"] input'), '777');
  const { link } = await shareLink(page);
  assert.ok(link.startsWith(app.url + '#s=2.'), link);
  await stepEvents(page, 300);
  // The exact time of the 300th event (all its digits) and the done count: the same run.
  const run = async (p) => [await events(p), await day(p), await doneCount(p)];
  const first = await run(page);
  const other = await app.browser.newPage();
  await other.goto(link);
  await ready(other);
  assert.match(await other.locator('.stage-card[data-stage="Test"] .stage-summary').innerText(), /^2 workers/);
  assert.equal(await other.locator('[data-field="seed"] input').inputValue(), '777');
  await stepEvents(other, 300);
  assert.deepEqual(await run(other), first);
  assert.deepEqual(problems, []);
  await other.close();
  await page.close();
});

test('the Share dialog closes from its backdrop, Escape or ✕, and gives the focus back', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  const share = page.getByRole('button', { name: 'Share' });
  const dialog = page.getByRole('dialog', { name: 'Share and embed' });
  for (const close of [() => page.mouse.click(4, 400), () => page.keyboard.press('Escape'), () => dialog.getByRole('button', { name: 'Close' }).click()]) {
    await share.click();
    await dialog.waitFor();
    // A click inside the dialog keeps it open.
    await dialog.locator('h3').first().click();
    assert.equal(await dialog.count(), 1);
    await close();
    await dialog.waitFor({ state: 'detached' });
    assert.ok(await share.evaluate((el) => el === document.activeElement), 'focus is back on Share');
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a link made by the first version still opens', async () => {
  const stored = readFileSync(resolve('tests/data/link-v1-everything.txt'), 'utf8').trim();
  const page = await app.browser.newPage();
  await page.goto(app.url + stored);
  await ready(page);
  assert.equal(await page.locator('.scenario-name').innerText(), 'Every option at once');
  assert.equal(await page.locator('.stage-card').count(), 4);
  await page.close();
});

test('embedded in another site under a sub-path: runs, reports its height, shows only the chosen controls', async (t) => {
  // The app under /wiki/flowsim/ on one port; a host page on another port.
  const appRoot = tempDir(t, 'flowsim-app-');
  mkdirSync(join(appRoot, 'wiki'));
  symlinkSync(resolve('dist'), join(appRoot, 'wiki', 'flowsim'));
  const appServer = await serve(appRoot, 0);
  t.after(() => appServer.close());
  const appUrl = `http://127.0.0.1:${appServer.address().port}/wiki/flowsim/`;
  const { page: maker } = await openApp(app.browser, app.url);
  const { snippet } = await shareLink(maker);
  await maker.close();
  const embedSrc = snippet.match(/src="([^"]+)"/)[1].replace(app.url, appUrl).replace('controls=play,reset', 'controls=play,reset&autoplay=1');
  const hostRoot = tempDir(t, 'flowsim-host-');
  const script = snippet.slice(snippet.indexOf('<script>'));
  writeFileSync(join(hostRoot, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>Wiki</title><link rel="icon" href="data:,"></head><body>
    <h1>Our team wiki</h1>
    <iframe data-flowsim src="${embedSrc}" style="width:900px;height:200px;border:0"></iframe>
    <script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'flowsim:height') window.heights.push(e.data.height); });</script>
    ${script}</body></html>`);
  const hostServer = await serve(hostRoot, 0);
  t.after(() => hostServer.close());
  const hostUrl = `http://127.0.0.1:${hostServer.address().port}/`;
  const page = await app.browser.newPage();
  const foreign = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(hostUrl) && !u.startsWith(appUrl) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(hostUrl);
  const frame = page.frameLocator('iframe[data-flowsim]');
  await frame.locator('.board').waitFor();
  await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 300, null, { timeout: 20000 });
  const height = await page.$eval('iframe[data-flowsim]', (f) => f.getBoundingClientRect().height);
  assert.ok(height > 300, `the frame did not grow: ${height}`);
  // Autoplay: the run goes on by itself.
  // (The frame is on another origin: read it through Playwright, not the host's DOM.)
  await frame.locator('[data-column="Done"] [data-done]:not([data-done="0"])').waitFor({ timeout: 20000 });
  // Only Play/Pause and Reset; no editor, no Step, Speed, A/B, share or import.
  assert.ok(await frame.getByRole('button', { name: 'Pause' }).isVisible());
  assert.ok(await frame.getByRole('button', { name: 'Reset' }).isVisible());
  for (const name of ['Step', 'Compare A/B', 'Share', 'Import…', 'Lessons ▾']) {
    assert.equal(await frame.getByRole('button', { name }).count(), 0, `${name} is shown`);
  }
  assert.equal(await frame.getByLabel('Speed').count(), 0);
  assert.equal(await frame.locator('.scenario-panel').count(), 0);
  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the embed options say what the embed shows: the README example has its controls, the dialog\'s preview follows every tick', async () => {
  // The README's example names play and reset without the controls panel: they come with it.
  const fragment = flowsim('link', 'scenarios/kanban.json', '--embed', 'board,lead', '--controls', 'play,reset');
  const embedded = await openApp(app.browser, `${app.url}${fragment}`, { width: 800, height: 500 });
  await embedded.page.getByRole('button', { name: 'Play' }).click();
  await embedded.page.getByRole('button', { name: 'Pause' }).waitFor();
  assert.ok(await embedded.page.getByRole('button', { name: 'Reset' }).isVisible());
  assert.equal(await embedded.page.getByRole('button', { name: 'Step' }).count(), 0);
  assert.deepEqual(embedded.problems, []);
  await embedded.page.close();
  const { page, problems } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog');
  const preview = page.frameLocator('iframe.preview');
  await preview.locator('.board').waitFor({ timeout: 20000 });
  const snippet = () => page.locator('#embed-snippet').inputValue();
  // Without the run controls panel no control is offered, and the choices say so.
  await dialog.getByLabel('Run controls').uncheck();
  assert.ok(await dialog.getByLabel('Play / Pause').isDisabled());
  assert.match(await snippet(), /embed=metrics,board,lead&controls=&/);
  await preview.locator('.board').waitFor({ timeout: 20000 });
  assert.equal(await preview.getByRole('button', { name: 'Play' }).count(), 0);
  // The preview reloads with the new fragment: cumulative flow appears, the board goes.
  await dialog.getByLabel('Cumulative flow').check();
  for (const name of ['Metrics', 'Board', 'Lead-time chart']) await dialog.getByLabel(name, { exact: true }).uncheck();
  assert.match(await snippet(), /embed=cfd&controls=&/);
  await preview.locator('[data-chart="cfd"]').waitFor({ timeout: 20000 });
  assert.equal(await preview.locator('.board').count(), 0);
  // The last panel ticked cannot be unticked: an embed shows at least one.
  assert.ok(await dialog.getByLabel('Cumulative flow').isDisabled());
  await dialog.getByLabel('Run controls').check();
  assert.ok(await dialog.getByLabel('Play / Pause').isEnabled());
  assert.match(await snippet(), /embed=controls,cfd&controls=play,reset&/);
  await preview.getByRole('button', { name: 'Play' }).waitFor({ timeout: 20000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  assert.deepEqual(problems, []);
  await page.close();
});

test('a 600 px embed of a board with classes and blockers fits: no sideways scroll, every column head holds its flags', async () => {
  const fragment = flowsim('link', 'scenarios/classes-and-blockers.json', '--embed', 'controls,board', '--controls', 'play', '--autoplay');
  const { page, problems } = await openApp(app.browser, `${app.url}${fragment}`, { width: 600, height: 900 });
  // Past the first blocks and a full column.
  await waitFor(page, () => Number(document.querySelector('[data-testid="clock"]')?.dataset.time) > 40);
  const fit = await page.evaluate(() => {
    const board = document.querySelector('.board');
    const heads = [...board.querySelectorAll('.column-head')].filter((h) => h.scrollHeight > h.clientHeight + 1 || h.scrollWidth > h.clientWidth + 1);
    const labels = [...board.querySelectorAll('.section-label')].filter((l) => l.scrollWidth > l.clientWidth + 1);
    return { scroll: board.scrollWidth - board.clientWidth, overflowing: [...heads, ...labels].map((h) => h.innerText.replace(/\s+/g, ' ')) };
  });
  assert.deepEqual(fit, { scroll: 0, overflowing: [] });
  // Tokens shrink to their columns: five to a row still inside the column.
  const step = await page.$eval('.board-inner .token', (el) => el.getBoundingClientRect().width + 4);
  assert.ok(step >= 14 && step < 22, `a token's step is ${step} px`);
  const column = await page.$eval('.board-column[data-column="Backlog"]', (el) => el.getBoundingClientRect().width);
  assert.ok(10 + 5 * step <= column, `tokens of ${step} px in columns of ${column} px`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('embedded where the browser refuses storage (a frame of another site): runs without saving', async (t) => {
  // Browsers that block third-party storage throw on any use of localStorage in a frame of
  // another site. The host page is on localhost, the app on 127.0.0.1 (another site), and the
  // frame's localStorage throws as such a browser's does.
  const { page: maker } = await openApp(app.browser, app.url);
  const { snippet } = await shareLink(maker);
  await maker.close();
  const embedSrc = snippet.match(/src="([^"]+)"/)[1].replace('controls=play,reset', 'controls=play,reset&autoplay=1');
  const hostRoot = tempDir(t, 'flowsim-host-');
  writeFileSync(join(hostRoot, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>Wiki</title><link rel="icon" href="data:,"></head><body>
    <iframe data-flowsim src="${embedSrc}" style="width:900px;height:900px;border:0"></iframe></body></html>`);
  const hostServer = await serve(hostRoot, 0);
  t.after(() => hostServer.close());
  const page = await app.browser.newPage();
  await page.addInitScript(() => {
    if (window !== window.top) {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
    }
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`http://localhost:${hostServer.address().port}/`);
  const frame = page.frameLocator('iframe[data-flowsim]');
  await frame.locator('.board').waitFor();
  assert.equal(await frame.locator('body').evaluate(() => { try { window.localStorage; return 'usable'; } catch { return 'refused'; } }), 'refused');
  await frame.locator('[data-column="Done"] [data-done]:not([data-done="0"])').waitFor({ timeout: 20000 });
  await frame.getByRole('button', { name: 'Pause' }).click();
  await frame.getByRole('button', { name: 'Reset' }).click();
  await frame.getByRole('button', { name: 'Play' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('names from a link are shown as text, never run as HTML', async () => {
  const { page } = await openApp(app.browser, app.url);
  const evil = '<img src=x onerror="window.pwned=1">';
  await page.locator('[data-field="name"] input').fill(evil);
  await page.locator('.stage-card[data-stage="Test"] .stage-toggle').click();
  await page.locator('[data-field="stages[2].name"] input').fill(evil);
  const { link } = await shareLink(page);
  await page.close();
  const other = await app.browser.newPage();
  let dialogs = 0;
  other.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await other.goto(link);
  await ready(other);
  assert.equal(await other.locator('.scenario-name').innerText(), evil);
  assert.ok((await other.locator('.board').innerText()).includes(evil));
  assert.equal(await other.locator('img[src="x"]').count(), 0);
  assert.equal(await other.evaluate(() => window.pwned), undefined);
  assert.equal(dialogs, 0);
  await other.close();
});

test('broken or hostile links give a message and a working page', async () => {
  for (const fragment of ['#s=1.AAAA', '#s=9.x', '#s=1.' + 'Q'.repeat(70000), '#embed=teapot', '#s=1.%00%ff']) {
    const page = await app.browser.newPage();
    await page.goto(app.url + fragment);
    await ready(page);
    assert.match(await page.locator('.notice').innerText(), /could not be opened/, fragment.slice(0, 20));
    await page.getByRole('button', { name: 'Play' }).click();
    await waitFor(page, () => document.querySelector('[data-testid="clock"]').dataset.events !== '0');
    await page.close();
  }
  // An embed's link cut short in a wiki page still opens as the embed it names (the whole app
  // would not fit the frame), with the message, not running by itself.
  const page = await app.browser.newPage({ viewport: { width: 800, height: 500 } });
  await page.goto(app.url + '#embed=board,lead&controls=play,reset&autoplay=1&s=2.AAAA');
  await ready(page);
  assert.match(await page.locator('.notice').innerText(), /could not be opened/);
  assert.equal(await page.locator('.scenario-panel').count(), 0, 'the whole app in the frame');
  assert.equal(await page.getByRole('button', { name: 'Share' }).count(), 0);
  await page.locator('.board').waitFor();
  assert.equal(await page.getByTestId('clock').getAttribute('data-events'), '0');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, () => document.querySelector('[data-testid="clock"]').dataset.events !== '0');
  await page.close();
});

test('import: a bad file lists every problem and changes nothing; a good one replaces the scenario', async () => {
  const { page, problems } = await openApp(app.browser, app.url);
  const input = page.getByLabel('Import a scenario file');
  const bad = '{"arrival":{"type":"poisson","rate":-1},"stages":[{"name":"A","workers":0,"work":{"type":"exponential","mean":0}}]}';
  await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  const notice = page.locator('.notice');
  await notice.waitFor();
  const text = await notice.innerText();
  for (const path of ['arrival.rate', 'stages[0].workers', 'stages[0].work.mean']) assert.ok(text.includes(path), `${path} missing in ${text}`);
  assert.equal(await page.locator('.stage-card').count(), 4, 'the scenario changed');
  const good = readFileSync(resolve('scenarios/kanban.json'));
  await input.setInputFiles({ name: 'kanban.json', mimeType: 'application/json', buffer: good });
  await waitFor(page, () => document.querySelector('.scenario-name').innerText.startsWith('A kanban team'));
  await page.locator('.notice', { hasText: /Imported kanban.json/ }).waitFor({ timeout: 10000 });
  // Drag and drop works too.
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'mm1.json', { type: 'application/json' }));
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, readFileSync(resolve('scenarios/mm1.json'), 'utf8'));
  await waitFor(page, () => document.querySelector('.scenario-name').innerText.startsWith('M/M/1'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('export: scenario JSON, metrics and item CSV, and a chart as PNG', async () => {
  const { page } = await openApp(app.browser, app.url);
  await stepEvents(page, 200);
  const save = async (name) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
  };
  const json = await save('Scenario (JSON)');
  assert.equal(json.name, 'a-small-delivery-team.json');
  assert.equal(JSON.parse(json.text).stages.length, 4);
  const metrics = await save('Metrics over time (CSV)');
  assert.match(metrics.text.split('\n')[0], /^start,end,arrivals,completed,throughput/);
  const items = await save('Item log (CSV)');
  const rows = items.text.trim().split('\n');
  assert.equal(rows[0], 'item,arrival,start,done,stage,visit,enter,work_start,finish,leave,class');
  assert.ok(rows.length > 20);
  const png = await save('Save Throughput and WIP as PNG');
  assert.ok(png.name.endsWith('.png'));
  await page.close();
});

test('under a strict Content-Security-Policy the app, its charts and the sweep worker run', async (t) => {
  const { csp } = await import('./rooms-server.mjs');
  const policy = csp('dist');
  const server = await serve('dist', 0, '127.0.0.1', { 'content-security-policy': policy });
  t.after(() => server.close());
  const url = `http://127.0.0.1:${server.address().port}/`;
  const { page, problems } = await openApp(app.browser, url);
  const violations = [];
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, () => Number(document.querySelector('[data-metric="done"] .metric-value').innerText) > 3);
  await commit(page.locator('[data-field="sweep.2"] input'), '2');
  await commit(page.locator('[data-field="sweep.3"] input'), '1');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await waitFor(page, () => /^2 of 2 runs$/.test(document.querySelector('[data-testid="sweep-progress"]')?.innerText ?? ''));
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  await page.close();
});

test('the single-file version opens from disk and runs', async (t) => {
  const { singleFile } = await import('../../scripts/single-file.mjs');
  const dir = tempDir(t, 'flowsim-single-');
  const path = join(dir, 'flowsim.html');
  writeFileSync(path, singleFile('dist'));
  const page = await app.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => { if (!/^(file|data|blob):/.test(r.url())) errors.push(`request: ${r.url()}`); });
  await page.goto(`file://${path}`);
  await ready(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, () => Number(document.querySelector('[data-metric="done"] .metric-value').innerText) > 2);
  assert.match(await page.locator('.sweep-panel').innerText(), /need the full version/);
  assert.deepEqual(errors, []);
  await page.close();
});
