// Measurement: the wasm a page fetches, now that the app is split into a main module and parts
// fetched on demand (src/ui/lazy.rs), in headless Chromium with dist/ served from localhost:
// an embed of controls, board and metrics; the full page; the full page after opening the
// Share dialog, a lesson and its side-by-side comparison.
//   trunk build --release   (or scripts/serve.sh), then:   node benches/page_bytes.mjs [--dist DIR]
// Prints, for each, the number of wasm files and their bytes, raw and gzipped (Node's gzip at
// level 9, a few hundred bytes off `gzip -9`). Not a test: it measures and prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { distArg, launch, ready, serveDist } from '../tests/e2e/browser.mjs';

const dist = distArg();
const { server, url } = await serveDist(dist);
const browser = await launch();

async function fetched(name, link, act = async () => {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const files = new Set();
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname.split('/').pop();
    if (file.endsWith('.wasm')) files.add(file);
  });
  await page.goto(link);
  await ready(page);
  await act(page);
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const bytes = readFileSync(join(dist, file));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  console.log(`${name}: ${files.size} wasm files, ${raw} bytes raw, ${gzipped} gzipped`);
  await context.close();
}

await fetched('an embed of controls, board and metrics', `${url}#embed=controls,board,metrics&controls=play,step`);
await fetched('the full page', url);
await fetched('the full page, then Share, lesson 6 and its comparison', url, async (page) => {
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /Lessons/ }).click();
  await page.getByRole('button', { name: /^6\. / }).click();
  await page.getByRole('button', { name: 'Compare side by side' }).click();
  await page.locator('.ab-summary').waitFor();
});
await browser.close();
server.close();
