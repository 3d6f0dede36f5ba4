import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { API_SOURCES, needsBuild } from './api-freshness.mjs';

describe('API_SOURCES', () => {
  it('covers what build:api compiles: every include of apps/api/tsconfig.app.json, and the tsconfig it extends', () => {
    const app = JSON.parse(readFileSync('apps/api/tsconfig.app.json', 'utf8')) as { extends: string; include: string[] };
    const covered = (path: string) => API_SOURCES.some((source) => path === source || path.startsWith(`${source}/`));
    for (const pattern of [...app.include, app.extends]) expect([pattern, covered(relative('.', resolve('apps/api', pattern)))]).toEqual([pattern, true]);
    for (const source of API_SOURCES) expect([source, existsSync(source)]).toEqual([source, true]);
  });
});

describe('needsBuild', () => {
  const BUILT_AT = new Date('2026-01-10T12:00:00Z');
  const BEFORE = new Date('2026-01-10T11:00:00Z');
  const AFTER = new Date('2026-01-10T12:00:01Z');
  let tree: string;
  let stamp: string;
  let roots: string[];

  const at = (path: string, time: Date) => utimesSync(join(tree, path), time, time);

  // src/a.ts, src/nested/b.ts, src/nested/b.spec.ts, tsconfig.json; everything older than the stamp.
  beforeEach(() => {
    tree = mkdtempSync(join(tmpdir(), 'holibot-freshness-'));
    mkdirSync(join(tree, 'src/nested'), { recursive: true });
    for (const file of ['src/a.ts', 'src/nested/b.ts', 'src/nested/b.spec.ts', 'tsconfig.json']) writeFileSync(join(tree, file), '');
    for (const path of ['src/a.ts', 'src/nested/b.ts', 'src/nested/b.spec.ts', 'tsconfig.json', 'src/nested', 'src']) at(path, BEFORE);
    stamp = join(tree, 'stamp');
    writeFileSync(stamp, '');
    at('stamp', BUILT_AT);
    roots = [join(tree, 'src'), join(tree, 'tsconfig.json'), join(tree, 'missing-root')];
  });
  afterEach(() => rmSync(tree, { recursive: true, force: true }));

  it('is false when every source is older than the stamp (a missing root has nothing to build)', () => {
    expect(needsBuild(roots, stamp)).toBe(false);
  });

  it('is true without a stamp', () => {
    rmSync(stamp);
    expect(needsBuild(roots, stamp)).toBe(true);
  });

  it('is true when a nested source or a root file was modified after the build started, or at that very time', () => {
    at('src/nested/b.ts', AFTER);
    expect(needsBuild(roots, stamp)).toBe(true);
    at('src/nested/b.ts', BEFORE);
    at('tsconfig.json', BUILT_AT);
    expect(needsBuild(roots, stamp)).toBe(true);
  });

  it('is true when a file was deleted (only its folder changes)', () => {
    rmSync(join(tree, 'src/a.ts'));
    at('src', AFTER);
    expect(needsBuild(roots, stamp)).toBe(true);
  });

  it('ignores test files, which the build does not compile', () => {
    at('src/nested/b.spec.ts', AFTER);
    expect(needsBuild(roots, stamp)).toBe(false);
  });
});
