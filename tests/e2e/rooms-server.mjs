// The rooms server for end-to-end tests: `flowsim serve` (built if missing) on a free port
// with a temporary data folder and dist/, stopped and restarted on demand; and what the same
// binary prints (`flowsim csp`, `flowsim link`).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';

const BIN = 'target/debug/flowsim';
const T = 30000;

// The binary's path, built first if missing.
function binary() {
  if (!existsSync(BIN)) execFileSync('cargo', ['build', '--bin', 'flowsim'], { stdio: 'inherit' });
  return BIN;
}

// What `flowsim csp DIR` prints (without its newline): the Content-Security-Policy the built
// app in DIR needs.
export function csp(dir = 'dist') {
  return flowsim('csp', dir);
}

// What `flowsim ARGS...` prints, without its last newline.
export function flowsim(...args) {
  return execFileSync(binary(), args, { encoding: 'utf8' }).trimEnd();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Starts `flowsim serve` and waits until it answers with the page carrying the rooms marker.
export async function startServer(port, data) {
  const proc = spawn(BIN, ['serve', '--dist', 'dist', '--port', String(port), '--data', data], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + T;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`flowsim serve exited (${proc.exitCode}):\n${log}`);
    try {
      const res = await fetch(url);
      if (res.ok && (await res.text()).includes('flowsim-rooms')) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`flowsim serve did not answer on ${url}:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, url, log: () => log };
}

export function stopServer(proc) {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

// Builds the binary if needed and starts a server: `url`; `halt` stops it, `restart` starts it
// again on the same port with the same data folder, `stop` ends it and removes its data.
export async function startRooms() {
  binary();
  const data = mkdtempSync(join(tmpdir(), 'flowsim-rooms-'));
  const port = await freePort();
  let server = await startServer(port, data);
  return {
    url: server.url,
    halt: () => stopServer(server.proc),
    restart: async () => { server = await startServer(port, data); },
    stop: async () => {
      await stopServer(server.proc);
      rmSync(data, { recursive: true, force: true });
    },
  };
}
