// PM2 process file for HoliBot without Docker:
//   npm ci && npm run build && pm2 start tools/pm2/ecosystem.config.cjs && pm2 save
//
// `.cjs` because the package is ESM ("type": "module") and PM2 loads this file with require().
// Cluster mode runs the ESM entry point with PM2 >= 5.3 on Node 20.
//
// Configuration: HoliBot reads `.env` from its working directory (the repository root, set in
// `cwd` below) and the environment. PM2-specific knobs, read when PM2 loads this file:
//   PM2_INSTANCES          number of workers, or "max" (one per CPU)      default: 2
//   PM2_MAX_MEMORY         restart a worker whose RSS exceeds this         default: 512M
//
// With more than one instance, use DB_TYPE=mysql: several processes writing one SQLite file
// serialise on its lock, and every worker would try to run the migrations at start. The
// in-memory rate limit is per worker, so the effective limit is RATE_LIMIT_MAX_REQUESTS × instances.
const path = require('node:path');

const instances = process.env.PM2_INSTANCES || '2';

module.exports = {
  apps: [
    {
      name: 'holibot-backend',
      cwd: path.resolve(__dirname, '..', '..'),
      script: 'dist/apps/api/src/main.js',
      // Same V8 flags as `npm start`: a 16 MB young generation (cheaper collections under load),
      // and gc() for reclaiming memory when idle.
      node_args: '--max-semi-space-size=16 --expose-gc',
      exec_mode: 'cluster',
      instances: instances === 'max' ? 'max' : Number.parseInt(instances, 10) || 1,
      max_memory_restart: process.env.PM2_MAX_MEMORY || '512M',
      autorestart: true,
      min_uptime: '10s',
      max_restarts: 10,
      exp_backoff_restart_delay: 200,
      // Nest closes the HTTP server and the database pool on SIGINT/SIGTERM (enableShutdownHooks).
      kill_timeout: 10000,
      listen_timeout: 30000,
      merge_logs: true,
      time: true,
      env: {
        NODE_ENV: 'production',
      },
    },
  ],
};
