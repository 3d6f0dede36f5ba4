#!/usr/bin/env node
// WebSocket soak test (`npm run bench:ws`, or `node tools/bench/ws-soak.mjs` after `npm run build`).
//
// Starts the built API on a fresh SQLite file (built-in engine, rate limit off), opens
// --connections WebSocket connections to /api/v1/chat/ws (default 1,000, spread over --ramp
// seconds), keeps them for --duration seconds (default 60) while each sends a question every
// --interval seconds (default 10, ±50 % jitter, so the load is steady rather than in waves), then
// reports: connections that failed or dropped, messages answered / failed / timed out, latency
// from send to the `done` frame (p50/p95/p99/max), and the server's RSS (peak, at the end, and
// after --idle seconds without traffic). Writes bench-results/ws-soak-<timestamp>.json.
//
// It reports; it is not a test: exit 0 even when something failed, non-zero only when the
// server cannot start. All traffic stays on 127.0.0.1.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { MAIN, ROOT, StartError, intOption, memoryOf, percentile, round, sleep, startApi, stopAll, tempDirs } from './support.mjs';

const { values: flags } = parseArgs({
  options: {
    connections: { type: 'string' },
    duration: { type: 'string' },
    interval: { type: 'string' },
    ramp: { type: 'string' },
    idle: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (flags.help) {
  console.log(
    'Usage: node tools/bench/ws-soak.mjs [--connections N] [--duration S] [--interval S] [--ramp S] [--idle S]\n' +
      '  --connections N  WebSocket connections held open (default 1000)\n' +
      '  --duration S     seconds they are held, counted once all are open (default 60)\n' +
      '  --interval S     mean seconds between two questions of one connection (default 10)\n' +
      '  --ramp S         seconds over which the connections are opened (default 10)\n' +
      '  --idle S         seconds without traffic before the idle RSS is read (default 10)',
  );
  process.exit(0);
}

const CONNECTIONS = intOption(flags.connections, 1000, 1, 20000, '--connections');
const DURATION_S = intOption(flags.duration, 60, 1, 3600, '--duration');
const INTERVAL_S = intOption(flags.interval, 10, 1, 600, '--interval');
const RAMP_S = intOption(flags.ramp, 10, 0, 600, '--ramp');
const IDLE_S = intOption(flags.idle, 10, 0, 600, '--idle');
/** A question without its `done` frame after this long counts as timed out. */
const ANSWER_TIMEOUT_MS = 10_000;

const QUESTIONS = [
  'best restaurants in Calpe',
  '¿Dónde hay playas para perros?',
  'Welche Museen gibt es in Calpe?',
  'waar kan ik ontbijten?',
  'cafés with outdoor seating',
  'which one has outdoor seating?',
  'hotels',
  'is the first one open now?',
];

const stats = {
  opened: 0,
  connectFailed: 0,
  droppedEarly: 0,
  sent: 0,
  answered: 0,
  errorFrames: 0,
  timedOut: 0,
  deltas: 0,
  latenciesMs: [],
  errorsSample: [],
};
const note = (text) => {
  if (stats.errorsSample.length < 10) stats.errorsSample.push(text);
};

/** One simulated visitor: a connection that asks questions until told to stop. */
function visitor(url, index, stopAt) {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    let sessionId;
    let pending = null;
    let timer = null;
    let stopping = false;
    const ask = () => {
      if (stopping || Date.now() >= stopAt) return;
      const query = QUESTIONS[(index + stats.sent) % QUESTIONS.length];
      pending = {
        started: performance.now(),
        timeout: setTimeout(() => {
          stats.timedOut += 1;
          note(`no answer in ${ANSWER_TIMEOUT_MS} ms`);
          pending = null;
          schedule();
        }, ANSWER_TIMEOUT_MS),
      };
      stats.sent += 1;
      socket.send(JSON.stringify({ type: 'message', query, ...(sessionId ? { sessionId } : {}) }));
    };
    const schedule = () => {
      timer = setTimeout(ask, INTERVAL_S * 1000 * (0.5 + Math.random()));
    };
    let opened = false;
    socket.on('open', () => {
      opened = true;
      stats.opened += 1;
      // The first question comes at a random moment of the first interval.
      timer = setTimeout(ask, Math.random() * INTERVAL_S * 1000);
    });
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'delta') {
        stats.deltas += 1;
        return;
      }
      if (!pending) return;
      clearTimeout(pending.timeout);
      if (frame.type === 'done') {
        stats.answered += 1;
        stats.latenciesMs.push(performance.now() - pending.started);
        sessionId = frame.data.data.sessionId;
      } else {
        stats.errorFrames += 1;
        note(`error frame ${frame.error?.code}: ${frame.error?.message}`);
      }
      pending = null;
      schedule();
    });
    socket.on('error', (error) => note(`socket error: ${error.message}`));
    socket.on('close', (code) => {
      clearTimeout(timer);
      if (pending) clearTimeout(pending.timeout);
      if (!stopping) {
        if (opened) {
          stats.droppedEarly += 1;
          note(`closed before the end: ${code}`);
        } else stats.connectFailed += 1;
      }
      resolve();
    });
    socket.stop = () => {
      stopping = true;
      clearTimeout(timer);
      socket.close(1000);
    };
    visitors.push(socket);
  });
}
const visitors = [];

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'holibot-soak-'));
  tempDirs.add(dir);
  console.log(`Starting the API (${path.relative(ROOT, MAIN)}) on SQLite…`);
  // Every connection comes from this one address, and a connection's first question may come a whole --interval after it opened.
  const api = await startApi(
    'soak',
    { DB_TYPE: 'sqlite', DB_SQLITE_PATH: path.join(dir, 'soak.sqlite') },
    { WS_MAX_CONNECTIONS: String(CONNECTIONS + 100), WS_MAX_CONNECTIONS_PER_IP: String(CONNECTIONS + 100), WS_IDLE_TIMEOUT_MS: '0' },
  );
  const url = `${api.baseUrl.replace('http', 'ws')}/api/v1/chat/ws`;
  const rss = { start: memoryOf(api.pid).rssMb, peak: 0, samples: [] };
  const sampler = setInterval(() => {
    const { rssMb } = memoryOf(api.pid);
    if (rssMb !== null) {
      rss.peak = Math.max(rss.peak, rssMb);
      rss.samples.push(rssMb);
    }
  }, 1000);

  console.log(`Opening ${CONNECTIONS} connections over ${RAMP_S} s, holding them ${DURATION_S} s, a question every ~${INTERVAL_S} s each…`);
  const started = Date.now();
  const stopAt = started + RAMP_S * 1000 + DURATION_S * 1000;
  const done = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    done.push(visitor(url, i, stopAt));
    if (RAMP_S > 0) await sleep((RAMP_S * 1000) / CONNECTIONS);
  }
  const progress = setInterval(() => {
    const open = visitors.filter((s) => s.readyState === WebSocket.OPEN).length;
    console.log(`  ${Math.round((Date.now() - started) / 1000)} s: ${open} open, ${stats.answered}/${stats.sent} answered, RSS ${memoryOf(api.pid).rssMb} MB`);
  }, 10_000);
  await sleep(Math.max(0, stopAt - Date.now()));
  const openAtEnd = visitors.filter((s) => s.readyState === WebSocket.OPEN).length;
  // Let the questions in flight finish, then close.
  await sleep(2000);
  clearInterval(progress);
  const rssEnd = memoryOf(api.pid).rssMb;
  visitors.forEach((s) => s.stop?.());
  await Promise.race([Promise.all(done), sleep(10_000)]);
  console.log(`Waiting ${IDLE_S} s without traffic…`);
  await sleep(IDLE_S * 1000);
  clearInterval(sampler);
  const rssIdle = memoryOf(api.pid).rssMb;

  const sorted = [...stats.latenciesMs].sort((a, b) => a - b);
  const result = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    options: { connections: CONNECTIONS, durationS: DURATION_S, intervalS: INTERVAL_S, rampS: RAMP_S, idleS: IDLE_S },
    connections: { opened: stats.opened, failedToConnect: stats.connectFailed, droppedEarly: stats.droppedEarly, openAtEnd },
    messages: { sent: stats.sent, answered: stats.answered, errorFrames: stats.errorFrames, timedOut: stats.timedOut, deltas: stats.deltas },
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.at(-1) ?? null),
    },
    rssMb: { start: rss.start, peak: rss.peak, end: rssEnd, idle: rssIdle },
    errorsSample: stats.errorsSample,
  };
  const failures = result.connections.failedToConnect + result.connections.droppedEarly + result.messages.errorFrames + result.messages.timedOut;
  console.log(`
Connections  opened ${result.connections.opened}/${CONNECTIONS}, failed to connect ${result.connections.failedToConnect}, dropped ${result.connections.droppedEarly}, open at the end ${openAtEnd}
Messages     sent ${result.messages.sent}, answered ${result.messages.answered}, error frames ${result.messages.errorFrames}, timed out ${result.messages.timedOut} (${result.messages.deltas} delta frames)
Latency      send → done: p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms, max ${result.latencyMs.max} ms
Server RSS   start ${rss.start} MB, peak ${rss.peak} MB, end ${rssEnd} MB, idle ${rssIdle} MB
Failures     ${failures}${stats.errorsSample.length ? `\n  ${stats.errorsSample.join('\n  ')}` : ''}`);
  mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  const file = path.join('bench-results', `ws-soak-${result.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(path.join(ROOT, file), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nResult written to ${file}`);
  await stopAll();
}

main().catch(async (error) => {
  console.error(error instanceof StartError ? error.message : error);
  await stopAll();
  process.exit(1);
});
