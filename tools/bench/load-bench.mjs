// `npm run bench:load`: `holibot load-test` at its defaults (100 users, 60 s, 10 s ramp-up) against
//   1. one instance on SQLite,
//   2. one instance on MariaDB,
//   3. two instances on MariaDB + Redis behind one port (a round-robin TCP balancer in this
//      process, as nginx's upstream would spread connections),
// each twice: as the seed's script ran (think time 1 s: the load is what 100 visitors make) and
// at capacity (--think-time 0: each user sends its next request as soon as the last is answered,
// so req/s is what the setup can serve), and the scaling ratio 3 / 2 at capacity. Each server runs as in production (NODE_ENV=production, the rate
// limit on, TRUST_PROXY=loopback) and the load test runs with --rate-limit-aware, so every visit
// has an address of its own and the rate limit (in Redis for 3) is counted on every request.
//
// Options: --users N --duration S --ramp-up S (the load test's), --skip-mysql. MariaDB: env
// BENCH_MYSQL_HOST / BENCH_MYSQL_PORT / BENCH_MYSQL_USER / BENCH_MYSQL_PASSWORD (default
// 127.0.0.1:3306, root, no password); Redis: a redis-server of its own on a free port.
// Results: bench-results/load-<timestamp>/ (each run's results.json and report.html) and summary.json.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HOSTNAME, ROOT, freePort, intOption, round, sleep, startApi, stopAll, stopChild, tempDirs } from './support.mjs';

const { values: flags } = parseArgs({
  options: {
    users: { type: 'string' },
    duration: { type: 'string' },
    'ramp-up': { type: 'string' },
    'skip-mysql': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log('Usage: node tools/bench/load-bench.mjs [--users 100] [--duration 60] [--ramp-up 10] [--skip-mysql]');
  process.exit(0);
}
const USERS = intOption(flags.users, 100, 1, 10_000, '--users');
const DURATION = intOption(flags.duration, 60, 5, 3600, '--duration');
const RAMP_UP = intOption(flags['ramp-up'], 10, 0, DURATION - 1, '--ramp-up');
const CLI = path.join(ROOT, 'dist/apps/api/src/cli.js');
const MYSQL = {
  host: process.env.BENCH_MYSQL_HOST || '127.0.0.1',
  port: Number(process.env.BENCH_MYSQL_PORT || 3306),
  user: process.env.BENCH_MYSQL_USER || 'root',
  password: process.env.BENCH_MYSQL_PASSWORD ?? '',
};
const OUT = path.join(ROOT, 'bench-results', `load-${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(OUT, { recursive: true });

/** The production-like settings every server of the benchmark gets. */
const SERVER_ENV = { RATE_LIMIT_ENABLED: 'true', TRUST_PROXY: 'loopback' };

/** Runs `holibot load-test` against `target`; resolves to its results.json. */
function loadTest(name, target, extra = []) {
  const out = path.join(OUT, name);
  const args = [CLI, 'load-test', String(USERS), String(DURATION), String(RAMP_UP), '--target', target, '--rate-limit-aware', '--out', out, ...extra];
  console.error(`\n== ${name}: holibot load-test ${args.slice(2).join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, LOG_FILES_ENABLED: 'false' }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => {
      const [run] = readdirSync(out);
      if (!run) return reject(new Error(`${name}: the load test wrote no results (exit ${code})`));
      resolve({ exitCode: code, results: JSON.parse(readFileSync(path.join(out, run, 'results.json'), 'utf8')) });
    });
  });
}

/** A round-robin TCP balancer on one port: each new connection goes to the next backend. */
async function startBalancer(ports) {
  const port = await freePort();
  let next = 0;
  const sockets = new Set();
  const server = createServer((client) => {
    const upstream = connect(ports[next++ % ports.length], HOSTNAME);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise((resolve) => server.listen(port, HOSTNAME, resolve));
  return {
    url: `http://${HOSTNAME}:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'holibot-bench-redis-'));
  tempDirs.add(dir);
  const child = spawn('redis-server', ['--port', String(port), '--bind', HOSTNAME, '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 100; attempt++) {
    const up = await new Promise((resolve) => {
      const socket = connect(port, HOSTNAME, () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(String(data).startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
    if (up) return { child, url: `redis://${HOSTNAME}:${port}/0` };
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error("redis-server did not start (is Debian's redis-server installed?)");
}

async function freshMysqlDatabase(name) {
  const { default: mysql } = await import('mysql2/promise');
  const connection = await mysql.createConnection(MYSQL);
  await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.end();
  return {
    DB_TYPE: 'mysql',
    DB_HOST: MYSQL.host,
    DB_PORT: String(MYSQL.port),
    DB_USER: MYSQL.user,
    DB_PASSWORD: MYSQL.password,
    DB_NAME: name,
  };
}

/** Both passes against one target: as shipped, then at capacity. */
async function bothPasses(name, label, instances, target) {
  rows.push(figures(label, 'think 1 s', instances, await loadTest(name, target)));
  rows.push(figures(label, 'capacity', instances, await loadTest(`${name}-capacity`, target, ['--think-time', '0'])));
}

/** The figures the summary compares. */
function figures(name, pass, instances, { exitCode, results }) {
  return {
    name,
    pass,
    instances,
    requests: results.totals?.requests ?? null,
    reqPerS: round(results.totals?.requestsPerSecond ?? null, 1),
    p95Ms: round(results.totals?.latencyMs?.p95 ?? null, 1),
    errorRatePercent: round(results.totals?.errorRatePercent ?? null, 2),
    targetsMet: exitCode === 0,
  };
}

const rows = [];
try {
  const sqliteDir = mkdtempSync(path.join(tmpdir(), 'holibot-bench-load-'));
  tempDirs.add(sqliteDir);
  {
    const api = await startApi('sqlite', { DB_TYPE: 'sqlite', DB_SQLITE_PATH: path.join(sqliteDir, 'holibot.sqlite') }, SERVER_ENV);
    await bothPasses('sqlite', 'one instance, SQLite', 1, api.baseUrl);
    await stopChild(api.child);
  }
  if (!flags['skip-mysql']) {
    const single = await freshMysqlDatabase('holibot_bench_load_single');
    {
      const api = await startApi('mariadb', single, SERVER_ENV);
      await bothPasses('mariadb', 'one instance, MariaDB', 1, api.baseUrl);
      await stopChild(api.child);
    }
    const shared = await freshMysqlDatabase('holibot_bench_load_two');
    const redis = await startRedis();
    const env = { ...SERVER_ENV, REDIS_URL: redis.url, HOLIBOT_INSTANCES: '2' };
    // One after the other: the first applies the migrations.
    const first = await startApi('mariadb+redis #1', shared, env);
    const second = await startApi('mariadb+redis #2', shared, env);
    const balancer = await startBalancer([first.port, second.port]);
    await bothPasses('two-instances', 'two instances, MariaDB + Redis', 2, balancer.url);
    await balancer.close();
    await Promise.all([stopChild(first.child), stopChild(second.child)]);
    await stopChild(redis.child);
  }
} finally {
  await stopAll();
}

const one = rows.find((row) => row.name === 'one instance, MariaDB' && row.pass === 'capacity');
const two = rows.find((row) => row.name === 'two instances, MariaDB + Redis' && row.pass === 'capacity');
const scaling = one?.reqPerS && two?.reqPerS ? round(two.reqPerS / one.reqPerS, 2) : null;
console.log(`\nholibot load-test ${USERS} ${DURATION} ${RAMP_UP} --rate-limit-aware (targets: p95 < 500 ms, errors < 1 %)\n`);
console.log('| setup | pass | req/s | p95 ms | errors % | targets |');
console.log('|---|---|---:|---:|---:|---|');
for (const row of rows)
  console.log(`| ${row.name} | ${row.pass} | ${row.reqPerS} | ${row.p95Ms} | ${row.errorRatePercent} | ${row.targetsMet ? 'met' : 'missed'} |`);
if (scaling !== null) console.log(`\nScaling at capacity, two instances / one (MariaDB): ${scaling}× req/s (2 cores, shared with the load generator)`);
writeFileSync(path.join(OUT, 'summary.json'), `${JSON.stringify({ users: USERS, durationS: DURATION, rampUpS: RAMP_UP, rows, scaling }, null, 2)}\n`);
console.log(`Results: ${path.relative(ROOT, OUT)}/`);
