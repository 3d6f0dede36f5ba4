#!/usr/bin/env node
// HoliBot chat benchmark (`npm run bench`, or `node tools/bench/chat-bench.mjs` after `npm run build`).
//
// In one run it:
//   1. starts the built API (dist/apps/api/src/main.js) on a fresh SQLite file, warms it up, and
//      loads POST /api/v1/chat/message with autocannon (50 connections, rotating questions);
//   2. loads the same instance's GET /health/live (Nest baseline) and a bare node:http server
//      returning a small fixed JSON body (Node baseline);
//   3. times a /metrics scrape after the first run, then measures what metrics cost a chat turn:
//      two more SQLite servers, metrics on (as `npm start` runs) and METRICS_ENABLED=false, loaded
//      in turn (off, on, off, on, …; --metrics-rounds pairs) so that drift hits both alike;
//   4. does the chat run again on MariaDB/MySQL (database `holibot_bench`, dropped and re-created);
//   5. prints a table (req/s, p50/p95/p99, errors, non-2xx, RSS, ratios, PASS/FAIL against the
//      targets) and writes the whole result to bench-results/chat-bench-<timestamp>.json.
//
// It reports; it is not a test: exit 0 even when targets fail. Exit non-zero only when a server
// cannot start (or the run is interrupted). Every child process is killed on exit, error and
// Ctrl-C. All traffic stays on 127.0.0.1.
//
// Flags: --duration N (seconds per load run, default 10; env BENCH_DURATION), --connections N
// (default 50), --idle N (seconds without traffic before reading the idle RSS, default 30),
// --warmup N (seconds of chat load before each measured chat run, default 5: the
// engine needs a few thousand requests before V8 has optimised it), --skip-mysql. MariaDB connection: env
// BENCH_MYSQL_HOST / BENCH_MYSQL_PORT / BENCH_MYSQL_USER / BENCH_MYSQL_PASSWORD (default
// 127.0.0.1:3306, root, empty password).

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import {
  cpuMsOf,
  MAIN,
  MB,
  intOption,
  ROOT,
  StartError,
  killAllSync,
  memoryOf,
  percentile,
  round,
  runningLoads,
  sleep,
  startApi,
  startBareNode,
  stopAll,
  stopChild,
  tempDirs,
} from './support.mjs';

// ---------------------------------------------------------------------------------------------
// Options

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string' },
    connections: { type: 'string' },
    warmup: { type: 'string' },
    idle: { type: 'string' },
    'skip-mysql': { type: 'boolean', default: false },
    'metrics-rounds': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (flags.help) {
  console.log(
    'Usage: node tools/bench/chat-bench.mjs [--duration N] [--connections N] [--warmup N] [--skip-mysql]\n' +
      '  --duration N     seconds per load run (default 10, env BENCH_DURATION; max 300)\n' +
      '  --connections N  concurrent connections (default 50)\n' +
      '  --warmup N       warm-up seconds before each chat run (default 5)\n' +
      '  --idle N         seconds without traffic before the idle RSS is read (default 30)\n' +
      '  --skip-mysql     do not run the MariaDB/MySQL part\n' +
      '  --metrics-rounds N  pairs of chat runs with metrics off and on (default 3; 0: skip)',
  );
  process.exit(0);
}

const DURATION = intOption(flags.duration ?? process.env.BENCH_DURATION, 10, 1, 300, '--duration');
const CONNECTIONS = intOption(flags.connections, 50, 1, 1000, '--connections');
const WARMUP = intOption(flags.warmup, 5, 0, 60, '--warmup');
const IDLE = intOption(flags.idle, 30, 0, 300, '--idle');
const SKIP_MYSQL = flags['skip-mysql'];
const METRICS_ROUNDS = intOption(flags['metrics-rounds'], 3, 0, 10, '--metrics-rounds');
const MYSQL = {
  host: process.env.BENCH_MYSQL_HOST || '127.0.0.1',
  port: Number(process.env.BENCH_MYSQL_PORT || 3306),
  user: process.env.BENCH_MYSQL_USER || 'root',
  password: process.env.BENCH_MYSQL_PASSWORD ?? '',
  database: 'holibot_bench',
};

// Chat on SQLite: at least 1,600 req/s with p95 ≤ 50 ms at 50 connections (issue 9). The ratios
// to Nest's GET /health/live and to bare node:http are reported, not targets: they say how much of
// a turn is HTTP floor, and moved with the floor itself when HTTP went from Express to Fastify.
const TARGETS = {
  sqliteMinRps: 1600,
  sqliteMaxP95Ms: 50,
  mysqlMinRps: 600,
  mysqlMaxP95Ms: 100,
  maxIdleRssMb: 150,
  // Recording metrics (the HTTP hook, the chat histogram) may cost at most this share of chat req/s.
  maxMetricsCostPercent: 5,
};

/** The bearer token of the benchmark's own servers, so that /metrics can be scraped after the load. */
const METRICS_TOKEN = 'holibot-benchmark-metrics-token';
/** Scrapes of /metrics timed after the load. */
const SCRAPES = 20;

const QUESTIONS = [
  'best restaurants in Calpe',
  'Italian restaurants',
  '¿Dónde hay playas para perros?',
  'Welche Museen gibt es in Calpe?',
  'waar kan ik ontbijten?',
  'vegetarian restaurant that is wheelchair accessible',
  'restaurants with paella',
  'cafés with outdoor seating',
  'museums',
  'cheap bars',
  'hotels',
  'beaches',
];
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
const CHAT_REQUESTS = QUESTIONS.map((query) => ({
  method: 'POST',
  path: '/api/v1/chat/message',
  headers: JSON_HEADERS,
  body: JSON.stringify({ query }), // no sessionId: every request starts a new conversation
}));

/** Seconds at the start of a run whose requests the "steady" latency figures leave out. */
const RAMP_S = 1;

/**
 * One autocannon run. Latency percentiles are computed here from every response time
 * (autocannon's own histogram offers p50/p90/p97.5/p99 but no p95, and only counts 2xx).
 * `latencyMs` covers all responses. `steadyLatencyMs` leaves out the requests sent during the
 * first RAMP_S second: autocannon opens all its connections at once, and a CPU-bound Node server
 * that is already saturated serves some of those brand-new connections' first requests up to
 * ~2 s late (a bare node:http server doing 1.5 ms of work per request shows the same), which
 * dominates p99/max of short runs without saying anything about the application.
 */
function load({ title, url, requests, verifyBody, duration, connections = CONNECTIONS, memoryPid }) {
  return new Promise((resolve, reject) => {
    let times = new Float64Array(1 << 16);
    let starts = new Float64Array(1 << 16);
    let count = 0;
    const t0 = performance.now();
    let peakRssMb = null;
    let offset = 0;
    const sampler = memoryPid
      ? setInterval(() => {
          const { rssMb } = memoryOf(memoryPid);
          if (rssMb !== null && (peakRssMb === null || rssMb > peakRssMb)) peakRssMb = rssMb;
        }, 250)
      : null;

    const instance = autocannon(
      {
        url,
        title,
        connections,
        duration,
        timeout: 10,
        requests,
        verifyBody,
        // Each connection starts at a different question, so the mix is even from the first second.
        setupClient: requests
          ? (client) => {
              const start = offset++ % requests.length;
              client.setRequests([...requests.slice(start), ...requests.slice(0, start)]);
            }
          : undefined,
      },
      (error, result) => {
        if (sampler) clearInterval(sampler);
        runningLoads.delete(handle);
        if (error) return reject(error);
        const sorted = times.slice(0, count).sort();
        const steady = [];
        for (let i = 0; i < count; i++) if (starts[i] >= RAMP_S * 1000) steady.push(times[i]);
        const steadySorted = Float64Array.from(steady).sort();
        const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count: n }]) => [code, Number(n)]));
        resolve({
          title,
          url,
          connections,
          durationS: result.duration,
          requestsTotal: result.requests.total,
          reqPerSecAvg: round(result.requests.average, 1),
          reqPerSecStddev: round(result.requests.stddev, 1),
          reqPerSecMin: result.requests.min,
          latencyMs: {
            p50: round(percentile(sorted, 50)),
            p95: round(percentile(sorted, 95)),
            p99: round(percentile(sorted, 99)),
            max: round(sorted.length ? sorted[sorted.length - 1] : null),
            avg: round(result.latency.average),
            samples: count,
          },
          steadyLatencyMs: {
            excludesFirstSeconds: RAMP_S,
            p50: round(percentile(steadySorted, 50)),
            p95: round(percentile(steadySorted, 95)),
            p99: round(percentile(steadySorted, 99)),
            max: round(steadySorted.length ? steadySorted[steadySorted.length - 1] : null),
            samples: steadySorted.length,
          },
          autocannonLatencyMs: {
            p50: result.latency.p50,
            p90: result.latency.p90,
            p97_5: result.latency.p97_5,
            p99: result.latency.p99,
          },
          throughputBytesPerSecAvg: round(result.throughput.average, 0),
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          mismatches: result.mismatches,
          statusCodes,
          peakRssMb,
        });
      },
    );
    const handle = { stop: () => instance.stop() };
    runningLoads.add(handle);
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (count === times.length) {
        const biggerTimes = new Float64Array(times.length * 2);
        biggerTimes.set(times);
        times = biggerTimes;
        const biggerStarts = new Float64Array(starts.length * 2);
        biggerStarts.set(starts);
        starts = biggerStarts;
      }
      starts[count] = performance.now() - t0 - responseTime;
      times[count++] = responseTime;
    });
  });
}

/** A chat answer is good when it says success and carries the fields the widget reads. */
function chatBodyOk(body) {
  return body.includes('"success":true') && body.includes('"textResponse"');
}

async function askOnce(baseUrl, query) {
  const res = await fetch(`${baseUrl}/api/v1/chat/message`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(10_000),
  });
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

/** Checks every question once (status, shape, how many POIs) before loading the server. */
async function smokeTest(api) {
  const answers = [];
  for (const query of QUESTIONS) {
    try {
      const { status, body } = await askOnce(api.baseUrl, query);
      answers.push({
        query,
        status,
        success: body?.success ?? null,
        intent: body?.data?.intent ?? null,
        pois: Array.isArray(body?.data?.pois) ? body.data.pois.length : null,
        error: body?.success === false ? (body?.error ?? body) : undefined,
      });
    } catch (error) {
      answers.push({ query, status: null, success: false, error: error.message });
    }
  }
  const bad = answers.filter((a) => a.status !== 200 || a.success !== true);
  const noPois = answers.filter((a) => a.status === 200 && a.pois === 0);
  if (bad.length) {
    console.warn(`  ! ${api.name}: ${bad.length}/${answers.length} smoke questions failed:`);
    for (const a of bad) console.warn(`      ${JSON.stringify(a)}`);
  }
  if (answers.every((a) => !a.pois)) {
    console.warn(
      `  ! ${api.name}: no question returned any POI — is the catalogue empty? (POI_AUTOLOAD_FILE=${
        process.env.POI_AUTOLOAD_FILE ?? 'tools/catalogues/calpe.sample.geojson'
      })`,
    );
  } else if (noPois.length) {
    console.log(`  · ${api.name}: questions without POIs: ${noPois.map((a) => JSON.stringify(a.query)).join(', ')}`);
  }
  return answers;
}

/** Chat load that is not measured (JIT, caches, pools); returns the peak RSS seen meanwhile. */
async function warmUp(api) {
  if (WARMUP === 0) return null;
  const run = await load({ title: 'warm-up', url: api.baseUrl, requests: CHAT_REQUESTS, duration: WARMUP, memoryPid: api.pid });
  await sleep(1000);
  return run.peakRssMb;
}

/** `SCRAPES` scrapes of /metrics, one after the other: their time (ms) and size (bytes), and the series a scrape holds. */
async function scrapeMetrics(baseUrl) {
  const times = [];
  let bytes = 0;
  let series = 0;
  for (let i = 0; i < SCRAPES; i++) {
    const started = performance.now();
    const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` }, signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
    bytes = Buffer.byteLength(text);
    series = text.split('\n').filter((line) => line && !line.startsWith('#')).length;
  }
  times.sort((a, b) => a - b);
  return { scrapes: SCRAPES, medianMs: round(percentile(times, 50), 2), p95Ms: round(percentile(times, 95), 2), bytes, series };
}

/**
 * The chat run on one database: start, smoke, warm up, load with RSS sampling, idle RSS.
 * `scrape`: time /metrics after the load; `env`: more settings.
 */
async function benchChat(name, dbEnv, { alsoHealthLive = false, scrape = false, env = {} } = {}) {
  console.log(`\n▶ ${name}: starting the API…`);
  const api = await startApi(name, dbEnv, env);
  try {
    const memAfterStart = memoryOf(api.pid);
    console.log(`  ready in ${api.startMs} ms on ${api.baseUrl} (pid ${api.pid}, RSS ${memAfterStart.rssMb} MB)`);
    const smoke = await smokeTest(api);
    console.log(`  warm-up ${WARMUP} s…`);
    const warmUpPeakRssMb = await warmUp(api);
    const memAfterWarmUp = memoryOf(api.pid);
    console.log(`  RSS right after warm-up: ${memAfterWarmUp.rssMb} MB; chat load ${DURATION} s × ${CONNECTIONS} connections…`);
    api.log.counting = true;
    const chat = await load({
      title: `chat POST (${name})`,
      url: api.baseUrl,
      requests: CHAT_REQUESTS,
      verifyBody: chatBodyOk,
      duration: DURATION,
      memoryPid: api.pid,
    });
    api.log.counting = false;
    await sleep(1000);
    const memAfterLoad = memoryOf(api.pid);
    console.log(`  ${chat.reqPerSecAvg} req/s, p95 ${chat.latencyMs.p95} ms, non-2xx ${chat.non2xx}, errors ${chat.errors}`);
    const metrics = scrape ? await scrapeMetrics(api.baseUrl) : null;
    if (metrics) console.log(`  /metrics after the load: ${metrics.bytes} bytes, ${metrics.series} series, scrape median ${metrics.medianMs} ms`);
    // Idle = no traffic for IDLE seconds: V8's memory reducer returns the load's garbage to the
    // system some seconds after allocation stops, as it would between a site's visitors.
    console.log(`  idle ${IDLE} s…`);
    await sleep(IDLE * 1000);
    const memIdle = memoryOf(api.pid);
    console.log(`  idle RSS: ${memIdle.rssMb} MB`);

    let healthLive = null;
    if (alsoHealthLive) {
      console.log(`  GET /health/live load ${DURATION} s…`);
      await load({ title: 'warm-up', url: `${api.baseUrl}/health/live`, duration: 1 });
      api.log.counting = true;
      healthLive = await load({ title: `GET /health/live (${name})`, url: `${api.baseUrl}/health/live`, duration: DURATION });
      api.log.counting = false;
      console.log(`  ${healthLive.reqPerSecAvg} req/s, p95 ${healthLive.latencyMs.p95} ms`);
    }
    const crashed = api.child.exitCode !== null || api.child.signalCode !== null;
    return {
      name,
      startMs: api.startMs,
      crashed,
      smoke,
      chat,
      healthLive,
      metrics,
      memory: {
        afterStartRssMb: memAfterStart.rssMb,
        highWaterAfterStartMb: memAfterStart.hwmMb,
        peakDuringWarmUpRssMb: warmUpPeakRssMb,
        afterWarmUpRssMb: memAfterWarmUp.rssMb,
        idleRssMb: memIdle.rssMb,
        peakDuringLoadRssMb: chat.peakRssMb,
        afterLoadRssMb: memAfterLoad.rssMb,
        highWaterMarkMb: memoryOf(api.pid).hwmMb ?? memAfterLoad.hwmMb,
      },
      serverLogDuringLoad: { lines: api.log.countedLines, sample: api.log.countedSample },
      serverLogTail: crashed ? api.log.tail() : undefined,
    };
  } finally {
    await stopChild(api.child);
  }
}

/**
 * What recording metrics costs a chat turn: two SQLite servers side by side, metrics on (as
 * `npm start` runs) and off (METRICS_ENABLED=false), both warmed up, then loaded in turn — off,
 * on, off, on … — so that the machine's drift hits both alike. Reports each side's median req/s
 * and the server's CPU time per request.
 */
async function benchMetricsCost(dir) {
  console.log(`\n▶ metrics on vs off: ${METRICS_ROUNDS} pair(s) of ${DURATION} s chat runs, in turn…`);
  const sides = [
    { name: 'off', env: { METRICS_ENABLED: 'false', METRICS_TOKEN: '', METRICS_PORT: '' } },
    { name: 'on', env: { METRICS_ENABLED: 'true' } },
  ];
  const apis = [];
  try {
    for (const side of sides) {
      const api = await startApi(
        `SQLite, metrics ${side.name}`,
        { DB_TYPE: 'sqlite', DB_SQLITE_PATH: path.join(dir, `metrics-${side.name}.sqlite`) },
        side.env,
      );
      apis.push(api);
      await warmUp(api);
    }
    const runs = { off: [], on: [] };
    for (let pair = 1; pair <= METRICS_ROUNDS; pair++) {
      for (const [index, side] of sides.entries()) {
        const api = apis[index];
        const cpuBefore = cpuMsOf(api.pid);
        const run = await load({
          title: `chat POST, metrics ${side.name}`,
          url: api.baseUrl,
          requests: CHAT_REQUESTS,
          verifyBody: chatBodyOk,
          duration: DURATION,
        });
        const cpuMs = cpuMsOf(api.pid) - cpuBefore;
        const cpuUsPerRequest = cpuBefore === null ? null : round((cpuMs * 1000) / run.requestsTotal, 1);
        runs[side.name].push({ reqPerSec: run.reqPerSecAvg, p95Ms: run.latencyMs.p95, cpuUsPerRequest, errors: run.errors + run.non2xx + run.mismatches });
        console.log(`  pair ${pair}, metrics ${side.name}: ${run.reqPerSecAvg} req/s, p95 ${run.latencyMs.p95} ms, ${cpuUsPerRequest} µs CPU per request`);
        await sleep(1000);
      }
    }
    const median = (values) =>
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      );
    const summary = Object.fromEntries(
      Object.entries(runs).map(([name, list]) => [
        name,
        {
          runs: list,
          medianReqPerSec: median(list.map((r) => r.reqPerSec)),
          medianCpuUsPerRequest: median(list.map((r) => r.cpuUsPerRequest).filter((v) => v !== null)),
          errors: list.reduce((sum, r) => sum + r.errors, 0),
        },
      ]),
    );
    // The share of req/s that recording metrics costs (negative: the runs with metrics were faster, i.e. noise).
    summary.costPercent = round((1 - summary.on.medianReqPerSec / summary.off.medianReqPerSec) * 100, 1);
    summary.cpuCostUsPerRequest = round(summary.on.medianCpuUsPerRequest - summary.off.medianCpuUsPerRequest, 1);
    console.log(
      `  median: off ${summary.off.medianReqPerSec} req/s, on ${summary.on.medianReqPerSec} req/s (${summary.costPercent} % fewer); ` +
        `CPU per request ${summary.off.medianCpuUsPerRequest} → ${summary.on.medianCpuUsPerRequest} µs`,
    );
    return summary;
  } finally {
    for (const api of apis) await stopChild(api.child);
  }
}

async function prepareMysql() {
  let mysql;
  try {
    mysql = await import('mysql2/promise');
  } catch (error) {
    return { ok: false, reason: `mysql2 is not installed (${error.message})` };
  }
  let connection;
  try {
    connection = await mysql.createConnection({
      host: MYSQL.host,
      port: MYSQL.port,
      user: MYSQL.user,
      password: MYSQL.password,
      connectTimeout: 5000,
    });
    const [[{ version }]] = await connection.query('SELECT VERSION() AS version');
    await connection.query(`DROP DATABASE IF EXISTS \`${MYSQL.database}\``);
    await connection.query(`CREATE DATABASE \`${MYSQL.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return { ok: true, version };
  } catch (error) {
    return { ok: false, reason: `${error.code ?? ''} ${error.message}`.trim() };
  } finally {
    await connection?.end().catch(() => undefined);
  }
}

async function dropMysqlDatabase() {
  try {
    const mysql = await import('mysql2/promise');
    const connection = await mysql.createConnection({ ...MYSQL, database: undefined, connectTimeout: 5000 });
    await connection.query(`DROP DATABASE IF EXISTS \`${MYSQL.database}\``);
    await connection.end();
  } catch {
    // best effort
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function pad(value, width, left = false) {
  const text = value === null || value === undefined ? '—' : String(value);
  return left ? text.padEnd(width) : text.padStart(width);
}

function table(headers, rows, leftColumns = 1) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] === null || r[i] === undefined ? 1 : String(r[i]).length))));
  const line = (cells) => cells.map((c, i) => pad(c, widths[i], i < leftColumns)).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function mark(ok) {
  if (ok === null) return 'SKIP';
  return ok ? 'PASS' : 'FAIL';
}

function ratio(a, b) {
  return a && b ? round(a / b, 3) : null;
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  if (!existsSync(MAIN)) {
    console.error(`${path.relative(ROOT, MAIN)} is missing: run \`npm run build\` first (or use \`npm run bench\`).`);
    process.exit(2);
  }
  const startedAt = new Date();
  const watchdogMs = (DURATION * (6 + 2 * METRICS_ROUNDS) + WARMUP * 4 + 300) * 1000;
  const watchdog = setTimeout(() => {
    console.error(`\nThe benchmark took longer than ${watchdogMs / 1000} s: giving up.`);
    killAllSync('SIGKILL');
    process.exit(1);
  }, watchdogMs);
  watchdog.unref();

  console.log(
    `HoliBot chat benchmark — ${DURATION} s per run, ${CONNECTIONS} connections, ${QUESTIONS.length} rotating questions` +
      ` (Node ${process.version}, ${os.cpus().length} CPU ${os.cpus()[0]?.model?.trim() ?? ''})`,
  );
  if (!existsSync(path.join(ROOT, process.env.POI_AUTOLOAD_FILE || 'tools/catalogues/calpe.sample.geojson'))) {
    console.warn('  ! the sample catalogue is missing: the API will start with an empty catalogue (answers without POIs).');
  }

  const result = {
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    settings: {
      durationS: DURATION,
      connections: CONNECTIONS,
      warmupS: WARMUP,
      idleS: IDLE,
      metricsRounds: METRICS_ROUNDS,
      questions: QUESTIONS,
      skipMysql: SKIP_MYSQL,
    },
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model?.trim() ?? null,
      totalMemMb: Math.round(os.totalmem() / MB),
    },
    targets: TARGETS,
    sqlite: null,
    metricsCost: null,
    bareNode: null,
    mysql: null,
    mysqlSkipped: null,
    failures: [],
    ratios: {},
    checks: [],
  };

  // 1. SQLite (+ GET /health/live on the same instance, and a /metrics scrape), then the same with metrics off
  const sqliteDir = mkdtempSync(path.join(os.tmpdir(), 'holibot-bench-'));
  tempDirs.add(sqliteDir);
  try {
    result.sqlite = await benchChat(
      'SQLite',
      { DB_TYPE: 'sqlite', DB_SQLITE_PATH: path.join(sqliteDir, 'bench.sqlite') },
      { alsoHealthLive: true, scrape: true, env: { METRICS_ENABLED: 'true', METRICS_TOKEN } },
    );
    if (METRICS_ROUNDS > 0) result.metricsCost = await benchMetricsCost(sqliteDir);
  } catch (error) {
    if (!(error instanceof StartError)) throw error;
    console.error(`\n!!! ${error.message}`);
    result.failures.push(error.message);
  } finally {
    rmSync(sqliteDir, { recursive: true, force: true });
    tempDirs.delete(sqliteDir);
  }

  // 2. Bare node:http
  try {
    console.log(`\n▶ bare node:http: load ${DURATION} s…`);
    const bare = await startBareNode();
    try {
      await load({ title: 'warm-up', url: `${bare.baseUrl}/`, duration: 1 });
      const run = await load({ title: 'GET bare node:http', url: `${bare.baseUrl}/`, duration: DURATION });
      result.bareNode = { run, rssMb: memoryOf(bare.pid).rssMb };
      console.log(`  ${run.reqPerSecAvg} req/s, p95 ${run.latencyMs.p95} ms`);
    } finally {
      await stopChild(bare.child);
    }
  } catch (error) {
    if (!(error instanceof StartError)) throw error;
    console.error(`\n!!! ${error.message}`);
    result.failures.push(error.message);
  }

  // 3. MariaDB / MySQL
  if (SKIP_MYSQL) {
    result.mysqlSkipped = '--skip-mysql';
  } else {
    const prepared = await prepareMysql();
    if (!prepared.ok) {
      result.mysqlSkipped = `MariaDB/MySQL not reachable at ${MYSQL.host}:${MYSQL.port}: ${prepared.reason}`;
      const bar = '!'.repeat(78);
      console.warn(`\n${bar}\n!!! SKIPPING THE MARIADB/MYSQL BENCHMARK\n!!! ${result.mysqlSkipped}\n!!! (start MariaDB or pass --skip-mysql)\n${bar}`);
    } else {
      try {
        result.mysql = await benchChat(`MariaDB ${prepared.version}`, {
          DB_TYPE: 'mysql',
          DB_HOST: MYSQL.host,
          DB_PORT: String(MYSQL.port),
          DB_USER: MYSQL.user,
          DB_PASSWORD: MYSQL.password,
          DB_NAME: MYSQL.database,
        });
        result.mysql.serverVersion = prepared.version;
      } catch (error) {
        if (!(error instanceof StartError)) throw error;
        console.error(`\n!!! ${error.message}`);
        result.failures.push(error.message);
      } finally {
        await dropMysqlDatabase();
      }
    }
  }

  // Ratios and targets
  const sqliteChat = result.sqlite?.chat;
  const healthLive = result.sqlite?.healthLive;
  const bare = result.bareNode?.run;
  const mysqlChat = result.mysql?.chat;
  result.ratios = {
    chatToHealthLive: ratio(sqliteChat?.reqPerSecAvg, healthLive?.reqPerSecAvg),
    chatToBareNode: ratio(sqliteChat?.reqPerSecAvg, bare?.reqPerSecAvg),
    healthLiveToBareNode: ratio(healthLive?.reqPerSecAvg, bare?.reqPerSecAvg),
    mysqlChatToSqliteChat: ratio(mysqlChat?.reqPerSecAvg, sqliteChat?.reqPerSecAvg),
    metricsOnToOff: ratio(result.metricsCost?.on.medianReqPerSec, result.metricsCost?.off.medianReqPerSec),
  };
  const metricsCostPercent = result.metricsCost?.costPercent ?? null;
  const check = (name, ok, measured, target) => result.checks.push({ name, result: mark(ok), measured, target });
  check(
    'chat POST on SQLite: req/s',
    sqliteChat ? sqliteChat.reqPerSecAvg >= TARGETS.sqliteMinRps : null,
    sqliteChat?.reqPerSecAvg,
    `≥ ${TARGETS.sqliteMinRps}`,
  );
  check(
    'chat POST on SQLite: p95 ms',
    sqliteChat ? sqliteChat.latencyMs.p95 <= TARGETS.sqliteMaxP95Ms : null,
    sqliteChat?.latencyMs.p95,
    `≤ ${TARGETS.sqliteMaxP95Ms}`,
  );
  check(
    'chat POST on SQLite: no errors/non-2xx',
    sqliteChat ? sqliteChat.errors + sqliteChat.non2xx + sqliteChat.mismatches === 0 : null,
    sqliteChat ? sqliteChat.errors + sqliteChat.non2xx + sqliteChat.mismatches : null,
    '= 0',
  );
  check('chat POST on MariaDB: req/s', mysqlChat ? mysqlChat.reqPerSecAvg >= TARGETS.mysqlMinRps : null, mysqlChat?.reqPerSecAvg, `≥ ${TARGETS.mysqlMinRps}`);
  check(
    'chat POST on MariaDB: p95 ms',
    mysqlChat ? mysqlChat.latencyMs.p95 <= TARGETS.mysqlMaxP95Ms : null,
    mysqlChat?.latencyMs.p95,
    `≤ ${TARGETS.mysqlMaxP95Ms}`,
  );
  check(
    'chat POST on MariaDB: no errors/non-2xx',
    mysqlChat ? mysqlChat.errors + mysqlChat.non2xx + mysqlChat.mismatches === 0 : null,
    mysqlChat ? mysqlChat.errors + mysqlChat.non2xx + mysqlChat.mismatches : null,
    '= 0',
  );
  check(
    'chat req/s lost to metrics (SQLite, median on vs off) %',
    metricsCostPercent === null ? null : metricsCostPercent <= TARGETS.maxMetricsCostPercent,
    metricsCostPercent,
    `≤ ${TARGETS.maxMetricsCostPercent}`,
  );
  check(
    'idle RSS (SQLite) MB',
    result.sqlite ? result.sqlite.memory.idleRssMb <= TARGETS.maxIdleRssMb : null,
    result.sqlite?.memory.idleRssMb,
    `≤ ${TARGETS.maxIdleRssMb}`,
  );
  check(
    'idle RSS (MariaDB) MB',
    result.mysql ? result.mysql.memory.idleRssMb <= TARGETS.maxIdleRssMb : null,
    result.mysql?.memory.idleRssMb,
    `≤ ${TARGETS.maxIdleRssMb}`,
  );

  // Print
  const runs = [
    ['chat POST — SQLite', sqliteChat],
    ['chat POST — MariaDB', mysqlChat],
    ['GET /health/live — Nest (SQLite)', healthLive],
    ['GET / — bare node:http', bare],
  ];
  console.log(
    `\n${'═'.repeat(100)}\nResults (${DURATION} s per run, ${CONNECTIONS} connections; latency over all responses;` +
      ` "steady" leaves out requests sent in the first ${RAMP_S} s, when fresh connections queue)\n`,
  );
  console.log(
    table(
      ['target', 'req/s avg', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'steady p99', 'steady max', 'errors', 'timeouts', 'non-2xx', 'bad body'],
      runs.map(([label, r]) =>
        r
          ? [
              label,
              r.reqPerSecAvg,
              r.requestsTotal,
              r.latencyMs.p50,
              r.latencyMs.p95,
              r.latencyMs.p99,
              r.latencyMs.max,
              r.steadyLatencyMs.p99,
              r.steadyLatencyMs.max,
              r.errors,
              r.timeouts,
              r.non2xx,
              r.title.startsWith('chat') ? r.mismatches : '—',
            ]
          : [label, 'skipped', null, null, null, null, null, null, null, null, null, null, null],
      ),
    ),
  );
  const statusLines = runs
    .filter(([, r]) => r && Object.keys(r.statusCodes).some((code) => !code.startsWith('2')))
    .map(([label, r]) => `  ${label}: status codes ${JSON.stringify(r.statusCodes)}`);
  if (statusLines.length) console.log(`\n${statusLines.join('\n')}`);

  console.log('\nMemory of the API process (MB, VmRSS from /proc)\n');
  console.log(
    table(
      ['database', 'after start', 'peak in warm-up', 'after warm-up', 'peak in load', 'after load', `idle (${IDLE} s, after load)`, 'high-water at end'],
      [
        ['SQLite', result.sqlite?.memory],
        ['MariaDB', result.mysql?.memory],
      ].map(([label, m]) =>
        m
          ? [label, m.afterStartRssMb, m.peakDuringWarmUpRssMb, m.afterWarmUpRssMb, m.peakDuringLoadRssMb, m.afterLoadRssMb, m.idleRssMb, m.highWaterMarkMb]
          : [label, 'skipped', null, null, null, null, null, null],
      ),
    ),
  );
  if (result.bareNode) console.log(`(bare node:http server after its run: ${result.bareNode.rssMb} MB)`);

  console.log('\nRatios (req/s)\n');
  console.log(
    table(
      ['ratio', 'value'],
      [
        ['chat (SQLite) / Nest GET /health/live', result.ratios.chatToHealthLive],
        ['chat (SQLite) / bare node:http', result.ratios.chatToBareNode],
        ['Nest GET /health/live / bare node:http', result.ratios.healthLiveToBareNode],
        ['chat MariaDB / chat SQLite', result.ratios.mysqlChatToSqliteChat],
        ['chat SQLite, metrics on / off (medians)', result.ratios.metricsOnToOff],
      ],
    ),
  );

  const cost = result.metricsCost;
  if (cost) {
    console.log(`\nMetrics on vs off (SQLite chat, ${METRICS_ROUNDS} alternating pair(s) of ${DURATION} s)\n`);
    console.log(
      table(
        ['metrics', 'req/s per run', 'median req/s', 'median CPU µs/request', 'errors'],
        ['off', 'on'].map((name) => [
          name,
          cost[name].runs.map((r) => r.reqPerSec).join(' · '),
          cost[name].medianReqPerSec,
          cost[name].medianCpuUsPerRequest,
          cost[name].errors,
        ]),
      ),
    );
    console.log(`(${cost.costPercent} % fewer req/s with metrics on; ${cost.cpuCostUsPerRequest} µs more CPU per request)`);
  }
  const scraped = result.sqlite?.metrics;
  if (scraped) {
    console.log(
      `\n/metrics after the SQLite load (${scraped.scrapes} scrapes): median ${scraped.medianMs} ms, p95 ${scraped.p95Ms} ms, ` +
        `${scraped.bytes} bytes, ${scraped.series} series`,
    );
  }

  console.log('\nTargets\n');
  console.log(
    table(
      ['', 'check', 'measured', 'target'],
      result.checks.map((c) => [c.result, c.name, c.measured, c.target]),
      2,
    ),
  );

  for (const part of [result.sqlite, result.mysql]) {
    if (!part) continue;
    if (part.crashed) console.warn(`\n!!! ${part.name}: the API process died during the benchmark.\n${part.serverLogTail}`);
    if (part.serverLogDuringLoad.lines > 0) {
      console.warn(`\n! ${part.name}: the API logged ${part.serverLogDuringLoad.lines} warning/error line(s) during load, e.g.:`);
      for (const line of part.serverLogDuringLoad.sample.slice(0, 5)) console.warn(`    ${line}`);
    }
  }
  if (result.mysqlSkipped) console.warn(`\nMariaDB/MySQL part skipped: ${result.mysqlSkipped}`);

  result.finishedAt = new Date().toISOString();
  const outDir = path.join(ROOT, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `chat-bench-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nResult written to ${path.relative(process.cwd(), outFile) || outFile}`);

  clearTimeout(watchdog);
  await stopAll();
  if (result.failures.length) {
    console.error(`\n${result.failures.length} server(s) could not start: exit 1.`);
    process.exit(1);
  }
  process.exit(0);
}

main().catch((error) => {
  console.error('Benchmark failed:', error);
  killAllSync('SIGKILL');
  process.exit(1);
});
