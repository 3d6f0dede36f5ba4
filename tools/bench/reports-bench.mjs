#!/usr/bin/env node
// HoliBot reports benchmark (`npm run bench:reports`, or `node tools/bench/reports-bench.mjs` after `npm run build`).
//
// On SQLite (a temporary file) and on MariaDB/MySQL (database `holibot_bench_reports`, dropped and
// re-created; skipped when no server answers):
//   1. migrates, then seeds ROWS turn statistics (default 1,000,000) spread over the last 30 days:
//      10 % found nothing (half of them 20,000 recurring questions, half asked once), 20 % asked for
//      an attribute, 30 % asked Mistral (ok, timeout, http_429, ungrounded);
//   2. times `holibot report gaps --json` and `holibot report usage --json` over 30 days (every row:
//      the worst case) and over 7 days, each a whole CLI process (start-up included), RUNS times,
//      and prints the median against the target (≤ 5 s for a report over 1M turns) with each
//      query's plan (over 7 days it reads the created_at index; over all rows the database rightly
//      prefers one scan); writes bench-results/reports-bench-<timestamp>.json.
//
// It reports; it is not a test: exit 0 even when targets fail.
// Flags: --rows N (default 1000000), --runs N (3), --only sqlite|mysql.
// MariaDB: BENCH_MYSQL_HOST / _PORT / _USER / _PASSWORD (127.0.0.1:3306, root, '').

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { ROOT, intOption, round, tempDirs } from './support.mjs';

const { values: flags } = parseArgs({
  options: {
    rows: { type: 'string' },
    runs: { type: 'string' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (flags.help) {
  console.log('usage: node tools/bench/reports-bench.mjs [--rows N] [--runs N] [--only sqlite|mysql]');
  process.exit(0);
}
if (flags.only !== undefined && !['sqlite', 'mysql'].includes(flags.only)) {
  console.error(`--only must be sqlite or mysql (got ${JSON.stringify(flags.only)})`);
  process.exit(2);
}
const ROWS = intOption(flags.rows, 1_000_000, 1000, 20_000_000, '--rows');
const RUNS = intOption(flags.runs, 3, 1, 20, '--runs');
const TARGET_MS = 5000;
const CLI = path.join(ROOT, 'dist/apps/api/src/cli.js');
if (!existsSync(CLI)) {
  console.error(`No ${path.relative(ROOT, CLI)}: run \`npm run build\` first (npm run bench:reports does).`);
  process.exit(2);
}
const MYSQL_DATABASE = 'holibot_bench_reports';
const server = {
  host: process.env.BENCH_MYSQL_HOST || '127.0.0.1',
  port: Number(process.env.BENCH_MYSQL_PORT || 3306),
  user: process.env.BENCH_MYSQL_USER || 'root',
  password: process.env.BENCH_MYSQL_PASSWORD || '',
};

// The seeded turns: a deterministic mix, so that runs are comparable.
const NOW = Date.now();
const DAY = 86_400_000;
const LANGUAGES = ['en', 'es', 'de', 'nl', 'fr'];
const TOPICS = [
  'restaurants',
  'beaches',
  'bars',
  'cafes',
  'museums',
  'hotels',
  'viewpoints',
  'nature',
  'hiking',
  'shopping',
  'tapas',
  'seafood',
  'pizza',
  'icecream',
  'parks',
  'nightlife',
  'tours',
  'diving',
  'markets',
  'churches',
];
const ATTRIBUTES = ['vegan', 'vegetarian', 'outdoorSeating', 'wheelchair', 'dogs', 'kids', 'cheap', 'free'];
const OUTCOMES = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'timeout', 'http_429', 'ungrounded'];
const COLUMNS = [
  'created_at',
  'language',
  'engine',
  'intent',
  'result_count',
  'topics',
  'attributes',
  'normalized_query',
  'model',
  'llm_outcome',
  'llm_calls',
  'prompt_tokens',
  'completion_tokens',
  'latency_ms',
];

/** Row i of the seed, as column values (created_at as the text both databases accept). */
function row(i) {
  const createdAt = new Date(NOW - ((i * 7919) % (30 * DAY - 60_000)) - 60_000).toISOString().replace('T', ' ').replace('Z', '');
  const empty = i % 10 === 0;
  const llm = i % 10 < 3;
  const outcome = OUTCOMES[Math.floor(i / 10) % OUTCOMES.length];
  // Half the questions that found nothing come back often (20,000 of them), half are asked once.
  const question = (i / 10) % 2 === 0 ? (i * 7) % 20_000 : 20_000 + i;
  return [
    createdAt,
    LANGUAGES[i % LANGUAGES.length],
    llm && (outcome === 'ok' || i % 3 === 0) ? 'mistral' : 'builtin',
    empty ? 'no_results' : 'search',
    empty ? 0 : 1 + (i % 12),
    i % 7 === 0 ? null : `${TOPICS[i % TOPICS.length]}${i % 5 === 0 ? ` ${TOPICS[(i * 3) % TOPICS.length]}` : ''}`,
    i % 5 === 1 ? ATTRIBUTES[i % ATTRIBUTES.length] : null,
    empty ? `where can i find question number ${question}` : null,
    llm ? 'mistral-small-latest' : null,
    llm ? outcome : null,
    llm ? (outcome === 'ok' ? 1 : 2) : 0,
    llm ? 700 + (i % 400) : null,
    llm ? 30 + (i % 90) : null,
    40 + (i % 900),
  ];
}

function holibot(args, env) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_FILES_ENABLED: 'false', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`holibot ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

function progress(label, done) {
  const line = `  ${label}: ${done.toLocaleString('en-US')} / ${ROWS.toLocaleString('en-US')} rows`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
}

/** Median whole-process times of both reports over the last `days` days. */
function timeReports(env, days) {
  const times = { gaps: [], usage: [] };
  let sample = null;
  for (let run = 0; run < RUNS; run++) {
    for (const report of ['gaps', 'usage']) {
      const { ms, stdout } = holibot(['report', report, '--json', '--days', String(days)], env);
      times[report].push(ms);
      if (report === 'gaps' && run === 0) sample = JSON.parse(stdout);
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    days,
    gapsMs: round(median(times.gaps), 0),
    usageMs: round(median(times.usage), 0),
    questions: sample?.questions ?? 0,
    noResultQuestions: sample?.noResults.length ?? 0,
  };
}

/** Both windows: the whole seed (30 days, the worst case: every row read) and the last 7 days. */
const WINDOWS = [30, 7];
const sinceText = (days) => new Date(NOW - days * DAY).toISOString().replace('T', ' ').replace('Z', '');

/** The SQL of both reports' WHERE clauses, for the query plans. */
const GAPS_WHERE = "created_at >= ? AND intent IN ('search', 'no_results')";
const USAGE_WHERE = 'created_at >= ? AND model IS NOT NULL';

async function benchSqlite() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'holibot-bench-reports-'));
  tempDirs.add(dir);
  const env = { DB_TYPE: 'sqlite', DB_SQLITE_PATH: path.join(dir, 'holibot.sqlite') };
  holibot(['migrate'], env);
  const db = new Database(env.DB_SQLITE_PATH);
  const started = performance.now();
  const insert = db.prepare(`INSERT INTO ChatTurnStat (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) insert.run(row(i));
  });
  for (let i = 0; i < ROWS; i += 50_000) {
    batch(i, Math.min(ROWS, i + 50_000));
    progress('SQLite seed', Math.min(ROWS, i + 50_000));
  }
  process.stderr.write('\n');
  db.exec('ANALYZE');
  const plan = (where, days) =>
    db
      .prepare(`EXPLAIN QUERY PLAN SELECT COUNT(*) FROM ChatTurnStat WHERE ${where}`)
      .all(sinceText(days))
      .map((step) => step.detail)
      .join('; ');
  const seedS = round((performance.now() - started) / 1000, 1);
  const windows = WINDOWS.map((days) => ({ ...timeReports(env, days), plans: { gaps: plan(GAPS_WHERE, days), usage: plan(USAGE_WHERE, days) } }));
  db.close();
  return { database: 'sqlite', rows: ROWS, seedS, windows };
}

async function benchMysql() {
  let connection;
  try {
    connection = await mysql.createConnection({ ...server, multipleStatements: false });
  } catch (error) {
    console.log(`MariaDB/MySQL at ${server.host}:${server.port} not reachable (${error.message}): skipped.`);
    return null;
  }
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${MYSQL_DATABASE}\``);
    await connection.query(`CREATE DATABASE \`${MYSQL_DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const env = {
      DB_TYPE: 'mysql',
      DB_HOST: server.host,
      DB_PORT: String(server.port),
      DB_USER: server.user,
      DB_PASSWORD: server.password,
      DB_NAME: MYSQL_DATABASE,
    };
    holibot(['migrate'], env);
    await connection.changeUser({ database: MYSQL_DATABASE });
    const started = performance.now();
    const BATCH = 5000;
    for (let i = 0; i < ROWS; i += BATCH) {
      const rows = [];
      for (let j = i; j < Math.min(ROWS, i + BATCH); j++) rows.push(row(j));
      await connection.query(`INSERT INTO ChatTurnStat (${COLUMNS.join(', ')}) VALUES ?`, [rows]);
      if ((i / BATCH) % 20 === 19 || i + BATCH >= ROWS) progress('MariaDB seed', Math.min(ROWS, i + BATCH));
    }
    process.stderr.write('\n');
    await connection.query('ANALYZE TABLE ChatTurnStat');
    const plan = async (where, days) => {
      const [steps] = await connection.query(`EXPLAIN SELECT COUNT(*) FROM ChatTurnStat WHERE ${where}`, [sinceText(days)]);
      return steps.map((step) => `type=${step.type} key=${step.key ?? 'none'} rows≈${step.rows}`).join('; ');
    };
    const seedS = round((performance.now() - started) / 1000, 1);
    const windows = [];
    for (const days of WINDOWS)
      windows.push({ ...timeReports(env, days), plans: { gaps: await plan(GAPS_WHERE, days), usage: await plan(USAGE_WHERE, days) } });
    return { database: 'mysql', rows: ROWS, seedS, windows };
  } finally {
    await connection.query(`DROP DATABASE IF EXISTS \`${MYSQL_DATABASE}\``).catch(() => undefined);
    await connection.end();
  }
}

const results = [];
if (flags.only !== 'mysql') results.push(await benchSqlite());
if (flags.only !== 'sqlite') {
  const mysqlResult = await benchMysql();
  if (mysqlResult) results.push(mysqlResult);
}

console.log(`\nReports over ${ROWS.toLocaleString('en-US')} turn statistics (last 30 days), median of ${RUNS} whole CLI runs each:`);
for (const r of results) {
  const verdict = (ms) => (ms <= TARGET_MS ? 'ok' : 'OVER TARGET');
  console.log(`  ${r.database.padEnd(6)}  seed ${r.seedS} s`);
  for (const w of r.windows) {
    console.log(`    --days ${w.days}: ${w.questions.toLocaleString('en-US')} questions, ${w.noResultQuestions} distinct with no results`);
    console.log(`      report gaps   ${(w.gapsMs / 1000).toFixed(2)} s  (target ≤ ${TARGET_MS / 1000} s: ${verdict(w.gapsMs)})  plan: ${w.plans.gaps}`);
    console.log(`      report usage  ${(w.usageMs / 1000).toFixed(2)} s  (target ≤ ${TARGET_MS / 1000} s: ${verdict(w.usageMs)})  plan: ${w.plans.usage}`);
  }
}
const outDir = path.join(ROOT, 'bench-results');
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `reports-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ rows: ROWS, runs: RUNS, targetMs: TARGET_MS, node: process.version, results }, null, 2)}\n`);
console.log(`\nWritten to ${path.relative(ROOT, file)}`);
