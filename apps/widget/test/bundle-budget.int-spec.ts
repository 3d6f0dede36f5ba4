import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The size budgets of the widget, on the files `npm run build` made (npm test builds first):
 * the loader a host page downloads first ≤ 5 KiB gzipped, the full element ≤ 50 KiB gzipped.
 * angular.json holds matching budgets in raw bytes (Angular measures raw sizes), so `ng build`
 * already fails on a large overshoot.
 */
const BUILD = resolve('dist/widget');
const BUDGETS = { loader: 5 * 1024, element: 50 * 1024 };

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

describe('widget bundle budgets', () => {
  it.each(Object.entries(BUDGETS))('%s: one file, within its gzip budget', (name, budget) => {
    const dir = resolve(BUILD, name);
    // One script each: the server serves exactly these two, and no chunk is fetched later.
    expect(readdirSync(dir).filter((file) => file.endsWith('.js'))).toEqual(['main.js']);
    const size = gzipped(resolve(dir, 'main.js'));
    console.info(`widget ${name}: ${size} bytes gzipped (budget ${budget})`);
    expect(size).toBeLessThanOrEqual(budget);
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
