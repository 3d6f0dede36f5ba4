// What the benchmark scripts (tools/bench/*.mjs) share: their option parsing, the built API and
// a bare node:http server as child processes on 127.0.0.1, their memory read from /proc, and
// cleanup — every child is killed and every temporary folder removed however the run ends
// (exit, error, Ctrl-C).

import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');
// The same V8 flags as `npm start` (package.json), so the figures are those of production.
export const NODE_FLAGS = ['--max-semi-space-size=16', '--expose-gc'];
export const HOSTNAME = '127.0.0.1';
export const MB = 1024 * 1024;
const READY_TIMEOUT_MS = 60_000;

/** A whole-number option (flag or environment) within [min, max]; exits with 2 and a message otherwise. */
export function intOption(raw, fallback, min, max, name) {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`${name} must be a whole number between ${min} and ${max} (got ${JSON.stringify(raw)})`);
    process.exit(2);
  }
  return value;
}

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
/** @type {Set<{stop: () => void}>} */
export const runningLoads = new Set();
let shuttingDown = false;

export function killAllSync(signal = 'SIGKILL') {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
  }
}

export async function stopChild(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

export async function stopAll() {
  for (const load of runningLoads) load.stop();
  await Promise.all([...children].map((child) => stopChild(child, 3000)));
}

/** Temporary directories (the SQLite file) removed however the run ends. */
export const tempDirs = new Set();
process.on('exit', () => {
  killAllSync('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (shuttingDown) {
      killAllSync('SIGKILL');
      process.exit(130);
    }
    shuttingDown = true;
    console.error(`\n${signal}: stopping the benchmark and its child processes…`);
    stopAll().finally(() => process.exit(130));
  });
}
process.on('uncaughtException', (error) => {
  console.error('Benchmark crashed:', error);
  killAllSync('SIGKILL');
  process.exit(1);
});
process.on('unhandledRejection', (error) => {
  console.error('Benchmark crashed (unhandled rejection):', error);
  killAllSync('SIGKILL');
  process.exit(1);
});

/** A ring of the child's last output lines, and the warnings/errors it logged during load runs. */
export class OutputLog {
  constructor(limit = 200) {
    this.limit = limit;
    this.lines = [];
    this.counting = false;
    this.countedLines = 0;
    this.countedSample = [];
    this.partial = { stdout: '', stderr: '' };
  }
  push(stream, chunk) {
    const text = this.partial[stream] + chunk.toString('utf8');
    const parts = text.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const line of parts) {
      if (!line.trim()) continue;
      this.lines.push(`[${stream}] ${line}`);
      if (this.lines.length > this.limit) this.lines.shift();
      if (this.counting) {
        this.countedLines += 1;
        if (this.countedSample.length < 10) this.countedSample.push(line.slice(0, 500));
      }
    }
  }
  tail(n = 40) {
    return this.lines.slice(-n).join('\n');
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOSTNAME, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function spawnNode(args, env, log) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.stdout.on('data', (chunk) => log.push('stdout', chunk));
  child.stderr.on('data', (chunk) => log.push('stderr', chunk));
  child.once('exit', () => children.delete(child));
  return child;
}

export class StartError extends Error {}

/** Starts the built API and waits for GET /health/ready. */
export async function startApi(name, dbEnv, extraEnv = {}) {
  const port = await freePort();
  const log = new OutputLog();
  const env = {
    ...process.env,
    ...dbEnv,
    NODE_ENV: 'production',
    HOST: HOSTNAME,
    PORT: String(port),
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    LOG_FILES_ENABLED: 'false',
    DB_MIGRATE_ON_START: 'true',
    // NODE_ENV=production loads no catalogue by default: the benchmarks measure real answers
    // about the sample catalogue, not "nothing found".
    POI_AUTOLOAD_FILE: process.env.POI_AUTOLOAD_FILE || path.join(ROOT, 'tools/catalogues/calpe.sample.geojson'),
    ...extraEnv,
  };
  const child = spawnNode([...NODE_FLAGS, MAIN], env, log);
  const started = Date.now();
  const baseUrl = `http://${HOSTNAME}:${port}`;
  let lastProblem = 'no answer yet';
  while (Date.now() - started < READY_TIMEOUT_MS) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new StartError(`${name}: the API exited (code ${child.exitCode ?? child.signalCode}) before it was ready.\n${log.tail()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) {
        return { name, child, pid: child.pid, port, baseUrl, log, startMs: Date.now() - started };
      }
      lastProblem = `/health/ready answered ${res.status}`;
    } catch (error) {
      lastProblem = error.cause?.code ?? error.message;
    }
    await sleep(200);
  }
  await stopChild(child);
  throw new StartError(`${name}: the API was not ready within ${READY_TIMEOUT_MS / 1000} s (${lastProblem}).\n${log.tail()}`);
}

/** A bare node:http server in its own process: the floor of what Node can do on this machine. */
export async function startBareNode() {
  const port = await freePort();
  const log = new OutputLog();
  const source = `
    const http = require('node:http');
    const body = JSON.stringify({ status: 'ok', info: {}, error: {}, details: {} });
    http.createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    }).listen(${port}, '${HOSTNAME}', () => console.log('ready'));
  `;
  const child = spawnNode(['-e', source], { PATH: process.env.PATH ?? '' }, log);
  const baseUrl = `http://${HOSTNAME}:${port}`;
  const started = Date.now();
  while (Date.now() - started < 10_000) {
    if (child.exitCode !== null) throw new StartError(`bare node:http server exited.\n${log.tail()}`);
    try {
      const res = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok) return { name: 'bare node:http', child, pid: child.pid, port, baseUrl, log };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stopChild(child);
  throw new StartError(`bare node:http server did not start.\n${log.tail()}`);
}

// ---------------------------------------------------------------------------------------------
// Measurements

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** VmRSS / VmHWM of a process in MB (Linux /proc), or null elsewhere. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (key) => {
      const match = status.match(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm'));
      return match ? round((Number(match[1]) * 1024) / MB, 1) : null;
    };
    return { rssMb: field('VmRSS'), hwmMb: field('VmHWM') };
  } catch {
    return { rssMb: null, hwmMb: null };
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds (Linux /proc), or null elsewhere. */
export function cpuMsOf(pid) {
  try {
    // The fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 1/100 s
  } catch {
    return null;
  }
}

export function round(value, digits = 2) {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}
