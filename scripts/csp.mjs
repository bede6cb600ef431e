// Prints the Content-Security-Policy that dist/ needs, with the hash of Trunk's inline loader.
// `flowsim serve` sends the same policy with the page (src/server/csp.rs; the e2e tests check
// that the two agree).
//   node scripts/csp.mjs [DIR]
// - script-src: the app's own files, the inline loader (by hash), and 'wasm-unsafe-eval' to
//   compile WebAssembly;
// - worker-src blob: the sweep worker starts from a small blob script that loads
//   sweep_worker.js from the app's own origin;
// - style-src 'unsafe-inline': positions of the board's tokens and chart legend colours are
//   style attributes;
// - img-src data: the favicon and chart PNG downloads;
// - frame-ancestors is left to the host (set it to the wiki's origin to allow only it).
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export function csp(dir = 'dist') {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  // Inline scripts: those without a `src=` attribute (`data-src=` is another attribute), as
  // src/server/csp.rs finds them.
  const hashes = [...html.matchAll(/<script(?![^>]*(?<![\w-])src=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...hashes].join(' '),
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(csp(process.argv[2] ?? 'dist'));
}
