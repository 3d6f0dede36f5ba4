#!/usr/bin/env node
// HoliBot cleanup benchmark (`npm run bench:cleanup`, or `node tools/bench/cleanup-bench.mjs` after `npm run build`).
//
// On MariaDB/MySQL (database `holibot_bench_cleanup`, dropped and re-created):
//   1. seeds SESSIONS conversations (default 1,000,000), half of them expired, with 2 messages each;
//   2. starts the built API on it (built-in cleanup job off) and measures chat POST latency at
//      20 connections (before);
//   3. runs `holibot cleanup` as its own process while the same chat load goes on (during);
//   4. stops the API, then times `holibot backup` and `holibot restore` of what is left (the
//      restore includes its safety backup);
//   5. prints the cleanup's wall time, rows/s and the chat p95 before and during, against the
//      targets (≤ 120 s for 500k expired sessions and their messages; p95 during ≤ 2× before),
//      the backup and restore times, and writes the result to bench-results/cleanup-bench-<timestamp>.json.
//
// It reports; it is not a test: exit 0 even when targets fail. All traffic stays on 127.0.0.1.
// Flags: --sessions N (default 1000000), --connections N (20), --duration N (seconds of the
// "before" load, 10). MariaDB: BENCH_MYSQL_HOST / _PORT / _USER / _PASSWORD (127.0.0.1:3306, root, '').

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import { ROOT, StartError, intOption, killAllSync, percentile, round, sleep, startApi, stopAll, stopChild } from './support.mjs';

const { values: flags } = parseArgs({
  options: {
    sessions: { type: 'string' },
    connections: { type: 'string' },
    duration: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (flags.help) {
  console.log('usage: node tools/bench/cleanup-bench.mjs [--sessions N] [--connections N] [--duration S]');
  process.exit(0);
}
const SESSIONS = intOption(flags.sessions, 1_000_000, 1000, 10_000_000, '--sessions');
const CONNECTIONS = intOption(flags.connections, 20, 1, 500, '--connections');
const DURATION = intOption(flags.duration, 10, 3, 600, '--duration');
const CLI = path.join(ROOT, 'dist/apps/api/src/cli.js');
const DATABASE = 'holibot_bench_cleanup';
const server = {
  host: process.env.BENCH_MYSQL_HOST || '127.0.0.1',
  port: Number(process.env.BENCH_MYSQL_PORT || 3306),
  user: process.env.BENCH_MYSQL_USER || 'root',
  password: process.env.BENCH_MYSQL_PASSWORD || '',
};
const dbEnv = {
  DB_TYPE: 'mysql',
  DB_HOST: server.host,
  DB_PORT: String(server.port),
  DB_USER: server.user,
  DB_PASSWORD: server.password,
  DB_NAME: DATABASE,
  LOG_FILES_ENABLED: 'false',
};
const QUESTIONS = ['best restaurants in Calpe', 'beaches for kids', 'museums', 'where can I eat paella?', 'hiking', 'ice cream'];

process.on('SIGINT', () => {
  killAllSync();
  process.exit(130);
});

/** A child process to its end: exit code, output, wall time. */
function run(args, env) {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const done = new Promise((resolve) => child.on('close', (code) => resolve({ code, output, seconds: (performance.now() - started) / 1000 })));
  return { child, done };
}

/** Chat POST load; `until` (a promise) ends it early, else `duration` seconds. Latencies of 2xx answers. */
function chatLoad(baseUrl, duration, until) {
  const times = [];
  let errors = 0;
  const requests = QUESTIONS.map((query) => ({
    method: 'POST',
    path: '/api/v1/chat/message',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  }));
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: baseUrl, connections: CONNECTIONS, duration, requests, timeout: 10 }, (error, result) => {
      if (error) return reject(error);
      times.sort((a, b) => a - b);
      resolve({
        requests: times.length,
        errors: errors + result.errors + result.timeouts,
        reqPerSec: round(times.length / (result.duration || duration)),
        p50: round(percentile(times, 50)),
        p95: round(percentile(times, 95)),
        p99: round(percentile(times, 99)),
      });
    });
    instance.on('response', (_client, status, _bytes, responseTime) => (status < 300 ? times.push(responseTime) : errors++));
    until?.then(() => instance.stop());
  });
}

async function seed(connection) {
  const expired = Math.floor(SESSIONS / 2);
  console.log(`Seeding ${SESSIONS.toLocaleString('en')} sessions (${expired.toLocaleString('en')} expired), 2 messages each…`);
  const started = performance.now();
  // MariaDB's SEQUENCE engine makes the rows in the server: one statement per table instead of millions of round trips.
  await connection.query(
    `INSERT INTO ChatSession (id, user_id, created_at, updated_at, expires_at, language, message_count)
     SELECT CONCAT(LPAD(HEX(seq), 8, '0'), '-0000-4000-8000-000000000000'), NULL,
            UTC_TIMESTAMP(3) - INTERVAL 3 DAY, UTC_TIMESTAMP(3) - INTERVAL 3 DAY + INTERVAL 90 SECOND,
            IF(seq <= ${expired}, UTC_TIMESTAMP(3) - INTERVAL 1 DAY - INTERVAL seq SECOND, UTC_TIMESTAMP(3) + INTERVAL 1 DAY + INTERVAL seq SECOND),
            'en', 2
     FROM seq_1_to_${SESSIONS}`,
  );
  await connection.query(
    `INSERT INTO ChatMessage (session_id, role, content, language, created_at)
     SELECT s.id, IF(m.seq = 1, 'user', 'assistant'), IF(m.seq = 1, 'best restaurants in Calpe', 'Here are some restaurants in Calpe.'), 'en', s.created_at
     FROM ChatSession s JOIN seq_1_to_2 m`,
  );
  console.log(`  seeded in ${round((performance.now() - started) / 1000, 1)} s`);
  return expired;
}

async function main() {
  const admin = await mysql.createConnection(server);
  await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
  await admin.query(`CREATE DATABASE \`${DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const migrated = await run(['migrate'], dbEnv).done;
  if (migrated.code !== 0) throw new StartError(`holibot migrate failed:\n${migrated.output}`);
  const connection = await mysql.createConnection({ ...server, database: DATABASE });
  const expired = await seed(connection);

  const api = await startApi('cleanup bench', dbEnv, { SESSION_CLEANUP_ENABLED: 'false' });
  try {
    await chatLoad(api.baseUrl, 5); // warm-up
    console.log(`Chat load before the cleanup: ${DURATION} s × ${CONNECTIONS} connections…`);
    const before = await chatLoad(api.baseUrl, DURATION);
    console.log('Cleanup (holibot cleanup) under the same chat load…');
    const cleanup = run(['cleanup'], dbEnv);
    const during = await chatLoad(api.baseUrl, 3600, cleanup.done);
    const result = await cleanup.done;
    if (result.code !== 0) throw new Error(`holibot cleanup failed:\n${result.output}`);
    // The seeded sessions only (their ids end in -0000-4000-8000-000000000000): the chat load adds its own.
    const [[left]] = await connection.query(
      "SELECT COUNT(*) AS sessions, (SELECT COUNT(*) FROM ChatMessage m JOIN ChatSession s ON s.id = m.session_id WHERE s.id LIKE '%-0000-4000-8000-000000000000') AS messages FROM ChatSession WHERE id LIKE '%-0000-4000-8000-000000000000'",
    );
    const [[log]] = await connection.query(
      'SELECT sessions_deleted, messages_deleted, duration_ms, status FROM ChatSessionCleanupLog ORDER BY id DESC LIMIT 1',
    );
    const rows = Number(log.sessions_deleted) + Number(log.messages_deleted);

    // Backup and restore of what is left, with the server stopped (as the runbook says).
    await stopChild(api.child);
    const backupEnv = { ...dbEnv, BACKUP_DIR: mkdtempSync(path.join(os.tmpdir(), 'holibot-bench-backups-')) };
    console.log('Backup (holibot backup) of the database after the cleanup…');
    const backup = await run(['backup'], backupEnv).done;
    if (backup.code !== 0) throw new Error(`holibot backup failed:\n${backup.output}`);
    const timestamp = /^Backup (\d{8}-\d{6})/m.exec(backup.output)?.[1];
    console.log(`Restore (holibot restore --timestamp=${timestamp} --yes), its safety backup included…`);
    const restore = await run(['restore', `--timestamp=${timestamp}`, '--yes'], backupEnv).done;
    if (restore.code !== 0) throw new Error(`holibot restore failed:\n${restore.output}`);
    const report = {
      machine: `${process.version}, ${os.cpus().length} CPU`,
      sessions: SESSIONS,
      expired,
      cleanup: {
        wallSeconds: round(result.seconds, 1),
        jobSeconds: round(Number(log.duration_ms) / 1000, 1),
        sessionsDeleted: Number(log.sessions_deleted),
        messagesDeleted: Number(log.messages_deleted),
        rowsPerSecond: Math.round(rows / (Number(log.duration_ms) / 1000)),
        status: log.status,
        output: result.output.trim().split('\n').pop(),
      },
      left: { sessions: Number(left.sessions), messages: Number(left.messages) },
      chatBefore: before,
      chatDuring: during,
      backup: { seconds: round(backup.seconds, 1), summary: backup.output.trim().split('\n').pop() },
      restore: { seconds: round(restore.seconds, 1) },
    };
    const checks = [
      ['cleanup of the expired sessions and their messages: s', report.cleanup.jobSeconds, '≤ 120', report.cleanup.jobSeconds <= 120],
      ['chat p95 during / before', round(during.p95 / before.p95), '≤ 2', during.p95 <= 2 * before.p95],
      [
        'every expired session deleted, every active one kept',
        `${report.left.sessions} left`,
        `= ${SESSIONS - expired}`,
        report.left.sessions === SESSIONS - expired && report.left.messages === 2 * (SESSIONS - expired),
      ],
      ['chat errors before + during', before.errors + during.errors, '= 0', before.errors + during.errors === 0],
    ];
    console.log(
      `\nCleanup: ${report.cleanup.sessionsDeleted} sessions + ${report.cleanup.messagesDeleted} messages in ${report.cleanup.jobSeconds} s (process ${report.cleanup.wallSeconds} s), ${report.cleanup.rowsPerSecond} rows/s`,
    );
    console.log(`Chat POST (${CONNECTIONS} connections)   req/s   p50 ms   p95 ms   p99 ms   errors`);
    for (const [name, load] of [
      ['before', before],
      ['during', during],
    ]) {
      console.log(
        `  ${name.padEnd(29)} ${String(load.reqPerSec).padStart(7)} ${String(load.p50).padStart(8)} ${String(load.p95).padStart(8)} ${String(load.p99).padStart(8)} ${String(load.errors).padStart(8)}`,
      );
    }
    console.log(`Backup: ${report.backup.seconds} s (${report.backup.summary})`);
    console.log(`Restore, safety backup included: ${report.restore.seconds} s`);
    console.log('\nTargets');
    for (const [name, measured, target, pass] of checks)
      console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${name.padEnd(56)} ${String(measured).padStart(10)}  ${target}`);
    mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
    const file = path.join(ROOT, 'bench-results', `cleanup-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ ...report, checks }, null, 2));
    console.log(`\nResult written to ${path.relative(ROOT, file)}`);
  } finally {
    await stopChild(api.child);
    await connection.end();
  }
}

main()
  .catch((error) => {
    console.error(error instanceof StartError ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => stopAll().then(() => sleep(0)));
