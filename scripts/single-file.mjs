// Makes one self-contained HTML file from dist/ (for wikis that accept only attachments):
// the stylesheets, favicon, JavaScript glue and WebAssembly are inlined.
//   node scripts/single-file.mjs [DIST] [OUT]      (default: dist → dist-single/flowsim.html)
// Everything works from the file except sweeps and forecasts, which need their worker file; the
// page says so in their panels. The file is about 1.4 times the size of the app's wasm files.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function singleFile(dist = 'dist') {
  let html = readFileSync(join(dist, 'index.html'), 'utf8');
  const file = (name) => readFileSync(join(dist, name.replace(/^\.\//, '')));
  html = html.replace(/<link rel="stylesheet" href="([^"]+)"[^>]*>/g, (_, href) => `<style>${file(href).toString('utf8')}</style>`);
  html = html.replace(/<link rel="icon" href="([^"]+)"[^>]*>/, (_, href) => `<link rel="icon" href="data:image/svg+xml;base64,${file(href).toString('base64')}">`);
  html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
  const glueName = html.match(/from '(\.\/[^']+\.js)'/)[1];
  const wasmName = html.match(/module_or_path: '(\.\/[^']+\.wasm)'/)[1];
  let glue = file(glueName).toString('utf8');
  // The parts fetched on demand (scripts/split-wasm.mjs): their link script becomes a blob too,
  // taking the glue from the page once it is loaded (the two import each other), and fetching
  // each part from a data: URL.
  const linkName = glue.match(/from "\.\/(__wasm_split-[0-9a-f]+\.js)"/)?.[1];
  let linkBlob = '';
  if (linkName) {
    const link = file(linkName).toString('utf8')
      .replace(/^import \{ initSync \} from "[^"]+";$/m, 'const initSync = (...args) => window.wasmBindings.initSync(...args);')
      .replace(/new URL\("\.\/([^"]+\.wasm)", import\.meta\.url\)/g,
        (_, part) => JSON.stringify(`data:application/wasm;base64,${file(part).toString('base64')}`));
    linkBlob = `const link = URL.createObjectURL(new Blob([${JSON.stringify(link)}], { type: 'text/javascript' }));\n`;
    glue = glue.replaceAll(`from "./${linkName}"`, 'from "__FLOWSIM_SPLIT_LINK__"');
  }
  const loader = `<script type="module">
window.flowsimSingleFile = true;
${linkBlob}const glue = URL.createObjectURL(new Blob([${JSON.stringify(glue)}${linkName ? '.replaceAll("__FLOWSIM_SPLIT_LINK__", link)' : ''}], { type: 'text/javascript' }));
const bindings = await import(glue);
window.wasmBindings = bindings;
const wasmBytes = Uint8Array.from(atob("${file(wasmName).toString('base64')}"), (c) => c.charCodeAt(0));
const wasm = await bindings.default({ module_or_path: wasmBytes });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
</script>`;
  html = html.replace(/<script type="module">[\s\S]*?<\/script>/, () => loader);
  return html;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dist = 'dist', out = 'dist-single/flowsim.html'] = process.argv.slice(2);
  mkdirSync(dirname(out), { recursive: true });
  const html = singleFile(dist);
  writeFileSync(out, html);
  console.log(`wrote ${out} (${(html.length / 1e6).toFixed(2)} MB)`);
}
