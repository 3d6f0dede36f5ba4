#!/usr/bin/env node
// `npm run holibot -- <command>`: builds the API only when dist/ is missing or older than its
// sources, then runs the CLI. Build output goes to stderr, so the command's stdout stays its own.
import { spawnSync } from 'node:child_process';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { API_SOURCES, needsBuild } from './api-freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/apps/api/src/cli.js');
const stamp = join(root, 'dist/.holibot-build-stamp');

const reason = !existsSync(cli)
  ? 'no API build in dist/'
  : !existsSync(stamp)
    ? 'no record of the last build (dist/.holibot-build-stamp)'
    : needsBuild(
          API_SOURCES.map((source) => join(root, source)),
          stamp,
        )
      ? 'sources changed'
      : null;

if (reason) {
  process.stderr.write(`holibot: ${reason}, building the API…\n`);
  // The stamp gets the build's start time: a file saved while tsc runs is newer, and builds next time.
  const startedAt = new Date();
  // Under npm, npm_execpath is the npm that runs us; the script itself stays the one in package.json.
  const npm = process.env['npm_execpath'];
  const [command, args] = npm ? [process.execPath, [npm, 'run', '--silent', 'build:api']] : ['npm', ['run', '--silent', 'build:api']];
  const build = spawnSync(command, args, { cwd: root, stdio: ['ignore', process.stderr, 'inherit'], shell: !npm && process.platform === 'win32' });
  if (build.signal) process.exit(128 + (constants.signals[build.signal] ?? 0));
  if (build.error || build.status !== 0) {
    process.stderr.write(`holibot: the API build failed${build.error ? `: ${build.error.message}` : ' (see above)'}\n`);
    process.exit(1);
  }
  writeFileSync(stamp, 'Written by tools/holibot.mjs after a successful `npm run build:api`; its mtime is when that build started.\n');
  utimesSync(stamp, startedAt, startedAt);
}

// In-process rather than a child: the CLI's own exit code (process.exitCode), signals, TTY and
// stdio apply unchanged, with nothing to forward. It parses process.argv from index 2, as it would directly.
await import(pathToFileURL(cli).href);
