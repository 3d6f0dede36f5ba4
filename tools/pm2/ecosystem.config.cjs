// PM2 process file for HoliBot without Docker: several worker processes (PM2 cluster mode) behind
// nginx (tools/nginx/holibot.conf.example), sharing MySQL and Redis.
//
// First start, and every upgrade:
//   npm ci && npm run build
//   npm run holibot -- migrate          # once, before the workers start: they do not migrate (below)
//   pm2 start tools/pm2/ecosystem.config.cjs && pm2 save      # first time
//   pm2 reload tools/pm2/ecosystem.config.cjs --update-env    # later: one worker after the other
//
// At 3 a.m.:
//   pm2 ls                                    every worker: status, restarts, memory
//   pm2 logs holibot-backend --lines 200      the last lines of every worker (LOG_DIR has the files)
//   curl -s 127.0.0.1:3002/health/ready       one worker: database, redis, jobs (same on 3003, …)
//   pm2 reload holibot-backend --update-env   after a change to .env or to this file: no downtime
//   A worker that exits is restarted (exp_backoff_restart_delay), up to max_restarts in a row: then
//   PM2 gives up and `pm2 ls` shows it `errored` — its last lines in `pm2 logs` say why (a
//   database that cannot be opened, pending migrations, a bad setting: one line naming it).
//
// `.cjs` because the package is ESM ("type": "module") and PM2 loads this file with require().
// Cluster mode runs the ESM entry point with PM2 >= 5.3 on Node 20.
//
// Configuration: HoliBot reads `.env` from its working directory (the repository root, `cwd`
// below) and the environment; the environment wins. This file reads the same `.env` only to check
// it and to size the cluster. PM2's own knobs, read when PM2 loads this file:
//   PM2_INSTANCES     workers, or "max" (one per CPU)    default: 2 with DB_TYPE=mysql, else 1
//   PM2_MAX_MEMORY    restart a worker whose RSS exceeds this    default: 512M
//
// Several workers need:
//   - DB_TYPE=mysql: SQLite is one file on one machine, and its writers queue on one lock;
//   - REDIS_URL (redis://host:6379/0): the workers share the chat rate limit (one budget per
//     visitor, not one per worker), the built-in jobs' leases (each job runs on one worker) and the
//     Mistral circuit. Without it each worker counts alone — a visitor gets RATE_LIMIT_MAX_REQUESTS ×
//     workers — and HoliBot logs a warning at start (HOLIBOT_INSTANCES below tells it how many).
//     When Redis goes down HoliBot keeps answering: the rate limit lets requests through (a warning,
//     and holibot_rate_limit_fail_open_total counts them), jobs are skipped until it is back, and
//     /health/ready shows redis degraded (connection: down) without failing;
//   - migrations run once, before the workers start: DB_MIGRATE_ON_START is false for them, so an
//     upgrade's schema change is one command you watch, not part of every worker's start. (Workers
//     that do migrate at start take turns on a MySQL named lock, so starting together is safe.)
//     A worker started before `holibot migrate` refuses to start and says to run it.
//   - DB_POOL_SIZE × workers (+ a pool for each `holibot` command running) within MySQL's
//     max_connections (151 by default): see "Several instances" in the README.
//
// Each worker listens on its own port, PORT + its number (3002, 3003, …: `increment_var`), and
// nginx balances between them (its upstream lists each port): nginx sees a worker that does not
// answer and sends the next request to another. With PM2_INSTANCES=4, list 3002–3005 there.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** `KEY=value` lines of a .env file (quotes removed, comments skipped): what HoliBot will read. */
function readEnvFile(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const values = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    let value = match[2];
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    values[match[1]] = value;
  }
  return values;
}

const envFile = readEnvFile(path.join(ROOT, '.env'));
/** A setting as HoliBot will see it: the environment, else .env. */
const setting = (name) => process.env[name] ?? envFile[name] ?? '';

const mysql = setting('DB_TYPE') === 'mysql';
const requested = process.env.PM2_INSTANCES || (mysql ? '2' : '1');
const instances = requested === 'max' ? (os.availableParallelism?.() ?? os.cpus().length) : Math.max(1, Number.parseInt(requested, 10) || 1);
const port = Number.parseInt(setting('PORT') || '3002', 10);

if (instances > 1 && !mysql) {
  console.warn(
    `[holibot] PM2_INSTANCES=${requested} with DB_TYPE=${setting('DB_TYPE') || 'sqlite'}: several workers need DB_TYPE=mysql (see the top of ${__filename}).`,
  );
}
if (instances > 1 && !setting('REDIS_URL')) {
  console.warn(
    `[holibot] ${instances} workers without REDIS_URL: each keeps its own rate limit (${instances} × RATE_LIMIT_MAX_REQUESTS per visitor) and Mistral circuit. Set REDIS_URL in .env.`,
  );
}

// Behind nginx on this machine: the workers listen on 127.0.0.1 only (nobody reaches them past
// nginx), and so the X-Forwarded-For nginx sets can be trusted (one hop). Without TRUST_PROXY every
// visitor would have nginx's address and share one rate limit: everyone gets 429 together. nginx on
// another machine: set HOST=0.0.0.0 (firewalled) and TRUST_PROXY=<nginx's address> in .env.
const host = setting('HOST') || '127.0.0.1';
const loopbackOnly = ['127.0.0.1', '::1', 'localhost'].includes(host);

/** What PM2 adds to each worker's environment; unset values are left to .env (an empty variable would hide .env's value). */
const env = {
  NODE_ENV: 'production',
  HOST: host,
  PORT: String(port),
  HOLIBOT_INSTANCES: String(instances),
  // One worker alone may migrate at start, as a single server does; several must not (above).
  DB_MIGRATE_ON_START: instances > 1 ? 'false' : setting('DB_MIGRATE_ON_START') || 'true',
};
if (loopbackOnly && !setting('TRUST_PROXY')) env.TRUST_PROXY = '1';
// PM2 passes its shell's environment on anyway; REDIS_URL is named here because it is what makes
// several workers one service (above). From .env HoliBot reads it itself.
if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;

module.exports = {
  apps: [
    {
      name: 'holibot-backend',
      cwd: ROOT,
      script: 'dist/apps/api/src/main.js',
      // Same V8 flags as `npm start`: a 16 MB young generation (cheaper collections under load),
      // and gc() for reclaiming memory when idle.
      node_args: '--max-semi-space-size=16 --expose-gc',
      exec_mode: 'cluster',
      instances,
      // Worker 0 gets PORT (3002), worker 1 PORT + 1 (3003), …: the ports nginx's upstream lists.
      increment_var: 'PORT',
      max_memory_restart: process.env.PM2_MAX_MEMORY || '512M',
      autorestart: true,
      min_uptime: '10s',
      max_restarts: 10,
      exp_backoff_restart_delay: 200,
      // Nest closes the HTTP server, the WebSockets and the database pool on SIGINT/SIGTERM
      // (enableShutdownHooks); a cleanup batch or a backup in progress stops at its next step.
      kill_timeout: 10000,
      // A worker is online when it listens: start-up opens the database (a MySQL server that does
      // not answer yet is tried for ~6 s) and loads the catalogue. `pm2 reload` waits for it before
      // stopping the next old worker.
      listen_timeout: 30000,
      merge_logs: true,
      time: true,
      env,
    },
  ],
};
