// `npm test` builds only what changed: the API (tools/api-freshness.mjs, the stamp tools/holibot.mjs
// also keeps), the widget and the admin UI (the same check on their own sources and stamps).
// `--force` builds all three.
import { spawnSync } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_SOURCES, needsBuild } from './api-freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const force = process.argv.includes('--force');
const builds = [
  { script: 'build:api', stamp: 'dist/.holibot-build-stamp', sources: API_SOURCES },
  // Spec files are skipped by needsBuild; test-setup.ts is not, and costs at most one extra build.
  {
    script: 'build:widget',
    stamp: 'dist/.widget-build-stamp',
    sources: [
      'apps/widget/src',
      'apps/widget/tsconfig.app.json',
      'apps/widget/tsconfig.loader.json',
      'libs/contracts',
      'angular.json',
      'tsconfig.base.json',
      'package.json',
    ],
  },
  {
    script: 'build:admin',
    stamp: 'dist/.admin-build-stamp',
    sources: ['apps/admin/src', 'apps/admin/tsconfig.app.json', 'libs/contracts', 'angular.json', 'tsconfig.base.json', 'package.json'],
  },
];

for (const { script, stamp, sources } of builds) {
  const stampPath = join(root, stamp);
  if (
    !force &&
    !needsBuild(
      sources.map((source) => join(root, source)),
      stampPath,
    )
  ) {
    process.stderr.write(`${script}: up to date, not rebuilt\n`);
    continue;
  }
  // The stamp gets the build's start time: a file saved during the build is newer, and builds next time.
  const startedAt = new Date();
  const npm = process.env['npm_execpath'];
  const [command, args] = npm ? [process.execPath, [npm, 'run', script]] : ['npm', ['run', script]];
  const build = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (build.error || build.status !== 0) process.exit(build.status || 1);
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(stampPath, `Written after a successful \`npm run ${script}\`; its mtime is when that build started.\n`);
  utimesSync(stampPath, startedAt, startedAt);
}
