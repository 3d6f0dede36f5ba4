// Whether dist/ holds a build of the API's current sources: `tools/holibot.mjs` asks before it
// runs the CLI, so that `npm run holibot` builds only when something changed.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What `npm run build:api` compiles (apps/api/tsconfig.app.json's include and extends), relative to the repository. */
export const API_SOURCES = ['apps/api/src', 'libs', 'migrations', 'apps/api/tsconfig.app.json', 'tsconfig.base.json', 'package.json'];

// Excluded from the build by tsconfig.app.json, so editing a test does not trigger one.
const TEST_FILE = /[.-]spec\.ts$/;

/**
 * True when the stamp is missing or any file or folder under the source roots was modified at or
 * after its mtime (the time the last build started). Folders count too: deleting or renaming a
 * file changes only its folder. A root that does not exist has nothing to build.
 */
export function needsBuild(sourceRoots, stamp) {
  const builtAt = modifiedAt(stamp);
  if (builtAt === null) return true;
  return sourceRoots.some((root) => changedSince(root, builtAt));
}

function changedSince(path, time) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return false;
  if (stats.mtimeMs >= time) return true;
  if (!stats.isDirectory()) return false;
  return readdirSync(path).some((name) => !TEST_FILE.test(name) && changedSince(join(path, name), time));
}

function modifiedAt(path) {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? null;
}
