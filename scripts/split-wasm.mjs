// Trunk's post-build hook (Trunk.toml): splits the app's wasm at its split points
// (src/ui/lazy.rs, src/ui/parts.rs) into the main module and the parts fetched on demand.
//
// Trunk has already built, bound and optimised the whole app into its staging folder. This
// takes cargo's output again (linked with --emit-relocs: build.rs) and
//   1. wasm-split-cli cuts it into the main module, `split_<part>.wasm` files and the
//      `__wasm_split.js` that fetches and links them;
//   2. wasm-bindgen binds the main module as Trunk does (same output name), keeping the
//      linker's exports (the function table and memory) that the parts link against;
//   3. wasm-opt -Oz optimises every module, as Trunk does the whole one;
//   4. each part and the link script get their content's hash in their name (a browser never
//      pairs a new main module with a part it cached from an older build), and the page's
//      integrity hashes are worked out again for the files replaced.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error('split-wasm.mjs runs as Trunk\'s post_build hook (TRUNK_STAGING_DIR is not set)');
// The app's cargo profile is `web` (index.html's data-cargo-profile).
const input = join(process.env.CARGO_TARGET_DIR || join(root, 'target'), 'wasm32-unknown-unknown', 'web', 'flowsim.wasm');
const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');

const glue = readdirSync(stage).find((f) => /^flowsim-[0-9a-f]+\.js$/.test(f));
if (!glue) throw new Error(`no flowsim-<hash>.js in ${stage}`);
const name = basename(glue, '.js');
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const hash = (bytes, n = 16) => createHash('sha256').update(bytes).digest('hex').slice(0, n);

const tmp = mkdtempSync(join(tmpdir(), 'flowsim-split-'));
try {
  const split = join(tmp, 'split');
  const bound = join(tmp, 'bound');
  run('wasm-split-cli', [input, split, '--out-name', name]);
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-name', name, '--out-dir', bound, join(split, `${name}.wasm`)]);
  run(wasmOpt, ['-Oz', join(bound, `${name}_bg.wasm`), '-o', join(stage, `${name}_bg.wasm`)]);

  let link = readFileSync(join(split, '__wasm_split.js'), 'utf8');
  const parts = readdirSync(split).filter((f) => f.endsWith('.wasm') && f !== `${name}.wasm`);
  for (const part of parts) {
    const optimised = join(tmp, part);
    run(wasmOpt, ['-Oz', join(split, part), '-o', optimised]);
    const bytes = readFileSync(optimised);
    const named = `${basename(part, '.wasm')}-${hash(bytes)}.wasm`;
    writeFileSync(join(stage, named), bytes);
    link = link.replaceAll(`"./${part}"`, `"./${named}"`);
  }
  const linkName = `__wasm_split-${hash(link)}.js`;
  writeFileSync(join(stage, linkName), link);
  // The glue imports the link script by name (the module's own import section keeps the old one).
  const js = readFileSync(join(bound, `${name}.js`), 'utf8').replaceAll('from "./__wasm_split.js"', `from "./${linkName}"`);
  writeFileSync(join(stage, glue), js);

  // The page preloads the glue and the main module with integrity hashes: theirs changed.
  const sri = (file) => `sha384-${createHash('sha384').update(readFileSync(join(stage, file))).digest('base64')}`;
  const page = join(stage, 'index.html');
  let html = readFileSync(page, 'utf8');
  for (const file of [glue, `${name}_bg.wasm`]) {
    html = html.replace(new RegExp(`(href="[^"]*${file.replaceAll('.', '\\.')}"[^>]*integrity=")[^"]*"`), `$1${sri(file)}"`);
  }
  writeFileSync(page, html);
  console.log(`split ${name}: ${parts.length} parts (${parts.join(', ')})`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
