import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/**
 * The size budgets of the widget, on the files `npm run build` made (npm test builds first): the
 * loader a host page downloads first ≤ 5 KiB gzipped; the element — with the texts of the
 * visitor's language, a chunk of its own for every language but English — ≤ 56 KiB gzipped and
 * ≤ 50 KiB brotli (the server sends brotli to browsers that take it). angular.json holds
 * matching budgets in raw bytes (Angular measures raw sizes), so `ng build` already fails on a
 * large overshoot.
 */
const BUILD = resolve('dist/widget');
const KiB = 1024;

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const brotli = (file: string) => brotliCompressSync(readFileSync(file), { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
const scripts = (dir: string) => readdirSync(resolve(BUILD, dir)).filter((file) => file.endsWith('.js'));

describe('widget bundle budgets', () => {
  it('loader: one script, within 5 KiB gzipped', () => {
    expect(scripts('loader')).toEqual(['main.js']);
    const size = gzipped(resolve(BUILD, 'loader/main.js'));
    console.info(`widget loader: ${size} bytes gzipped (budget ${5 * KiB})`);
    expect(size).toBeLessThanOrEqual(5 * KiB);
  });

  it('element: main.js, what it imports and the largest language, within 56 KiB gzipped and 50 KiB brotli', () => {
    const files = scripts('element');
    expect(files).toContain('main.js');
    const main = readFileSync(resolve(BUILD, 'element/main.js'), 'utf8');
    const chunks = files.filter((file) => file !== 'main.js');
    // Static imports load with the element; dynamic ones are the languages, one per visitor.
    const isStatic = (file: string) => main.includes(`from"./${file}"`) || main.includes(`import"./${file}"`);
    const languages = chunks.filter((file) => !isStatic(file));
    expect(chunks.every((file) => /^chunk-[A-Z0-9]+\.js$/.test(file))).toBe(true);
    expect(languages).toHaveLength(5);
    const total = (measure: (file: string) => number) =>
      [resolve(BUILD, 'element/main.js'), ...chunks.filter(isStatic).map((file) => resolve(BUILD, 'element', file))].reduce(
        (sum, file) => sum + measure(file),
        0,
      ) + Math.max(...languages.map((file) => measure(resolve(BUILD, 'element', file))));
    const [gzip, br] = [total(gzipped), total(brotli)];
    console.info(`widget element: ${gzip} bytes gzipped (budget ${56 * KiB}), ${br} bytes brotli (budget ${50 * KiB})`);
    expect(gzip).toBeLessThanOrEqual(56 * KiB);
    expect(br).toBeLessThanOrEqual(50 * KiB);
  });

  it('angular.json enforces raw budgets for both builds, with unhashed file names', () => {
    const targets = JSON.parse(readFileSync('angular.json', 'utf8')).projects.widget.architect;
    for (const target of [targets.build, targets['build-loader']]) {
      expect(target.options.budgets).toEqual([expect.objectContaining({ type: 'initial', maximumError: expect.stringMatching(/^\d+kb$/) })]);
      expect(target.options.outputHashing).toBe('none');
    }
  });

  it('the loader is one function expression: a classic script that declares no globals', () => {
    const loader = readFileSync(resolve(BUILD, 'loader/main.js'), 'utf8').trim();
    expect(loader.startsWith('(()=>{')).toBe(true);
    expect(loader.endsWith('})();')).toBe(true);
    expect(loader).not.toMatch(/\beval\(|new Function\(/);
  });
});
