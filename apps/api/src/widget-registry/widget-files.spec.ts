import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { WidgetFilesInvalidError, WidgetVersionInvalidError } from './widget-registry.errors.js';
import { checkVersion, checkWidgetFiles, contentHash, pinLoaderToVersion, prepare, prepareWidgetFiles, type WidgetFile } from './widget-files.js';
import { nextVersion } from './widget-registry.service.js';
import { preferredEncoding } from './widget.controller.js';

const LOADER = '(()=>{const u=new URL("holi-bot-element.js",document.currentScript.src);import(u.href)})();';
const ELEMENT = 'import "./chunk-AB12CD34.js"; customElements.define("holi-bot", class extends HTMLElement {}); export const x = 1;';
const build = (overrides: Record<string, string | Buffer> = {}): WidgetFile[] =>
  Object.entries({ 'holi-bot.js': LOADER, 'holi-bot-element.js': ELEMENT, 'chunk-AB12CD34.js': 'export const es = {};', ...overrides }).map(([name, body]) => ({
    name,
    body: Buffer.from(body),
  }));
const problems = (files: WidgetFile[]) => {
  try {
    checkWidgetFiles(files);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(WidgetFilesInvalidError);
    return (error as WidgetFilesInvalidError).problems;
  }
};

describe('checkWidgetFiles', () => {
  it('takes a loader, an element and its chunks', () => {
    expect(problems(build())).toEqual([]);
  });

  it('names every problem: missing, unknown, duplicate, empty, not JavaScript, not UTF-8, not the loader', () => {
    expect(problems(build({ 'holi-bot-element.js': '' }))).toEqual(['holi-bot-element.js is empty']);
    expect(problems(build().filter((file) => file.name !== 'holi-bot.js'))).toEqual(['holi-bot.js is missing']);
    expect(problems([...build(), { name: '../../etc/passwd', body: Buffer.from('x') }])).toEqual([
      '"../../etc/passwd" is not a widget file (holi-bot.js, holi-bot-element.js, chunk-*.js)',
    ]);
    expect(problems([...build(), { name: 'holi-bot.js', body: Buffer.from(LOADER) }])).toEqual(['"holi-bot.js" is given twice']);
    expect(problems(build({ 'chunk-AB12CD34.js': '<html><body>404</body></html>' }))[0]).toMatch(/^chunk-AB12CD34\.js is not valid JavaScript \(module\)/);
    expect(problems(build({ 'holi-bot-element.js': Buffer.from([0xff, 0xfe, 0x00]) }))).toEqual(['holi-bot-element.js is not UTF-8 text']);
    // The loader is a classic script: `export` is not allowed there.
    expect(problems(build({ 'holi-bot.js': `${LOADER} export {};` }))[0]).toMatch(/^holi-bot\.js is not valid JavaScript \(classic script\)/);
    expect(problems(build({ 'holi-bot.js': 'console.log(1);' }))).toEqual([
      'holi-bot.js is not the HoliBot loader (it must name "holi-bot-element.js" exactly once)',
    ]);
  });

  it('refuses oversized files and too many files', () => {
    expect(problems(build({ 'holi-bot-element.js': Buffer.alloc(2 * 1024 * 1024 + 1, 0x20) }))).toEqual([
      'holi-bot-element.js is 2097153 bytes; at most 2097152',
    ]);
    const many = Array.from({ length: 45 }, (_, i) => ({ name: `chunk-AAAA${String(i).padStart(4, '0')}.js`, body: Buffer.from('export {};') }));
    expect(problems([...build(), ...many])[0]).toBe('48 files; a widget has at most 40');
  });
});

describe('checkVersion', () => {
  it.each(['1.0.0', '0.1.12', '2.0.0-rc.1', '10.20.30'])('%s is a version', (version) => {
    expect(checkVersion(version)).toBe(version);
  });
  it.each(['1.0', 'v1.0.0', '1.0.0+build.5', '01.0.0', '1.0.0/../../x', '', ' 1.0.0', '1.0.0-'])('%j is not', (version) => {
    expect(() => checkVersion(version)).toThrow(WidgetVersionInvalidError);
  });
});

describe('prepare, contentHash, pinLoaderToVersion, nextVersion', () => {
  it('computes SHA-256, the SRI value of the exact bytes, and brotli and gzip copies', async () => {
    const file = await prepare('holi-bot.js', Buffer.from(LOADER));
    expect(file.sha256).toBe(createHash('sha256').update(LOADER).digest('hex'));
    expect(file.integrity).toBe(`sha384-${createHash('sha384').update(LOADER).digest('base64')}`);
    expect(gunzipSync(file.gzip).toString()).toBe(LOADER);
    expect(brotliDecompressSync(file.brotli).toString()).toBe(LOADER);
    expect([file.size, file.gzipSize, file.brotliSize]).toEqual([LOADER.length, file.gzip.length, file.brotli.length]);
  });

  it('gives equal builds equal content hashes, whatever the order of the files', async () => {
    const files = await prepareWidgetFiles(build());
    expect(files.map((file) => file.name)).toEqual(['holi-bot.js', 'holi-bot-element.js', 'chunk-AB12CD34.js']);
    expect(contentHash([...files].reverse())).toBe(contentHash(files));
    expect(contentHash(await prepareWidgetFiles(build({ 'chunk-AB12CD34.js': 'export const es = {a:1};' })))).not.toBe(contentHash(files));
  });

  it("points the served loader at its own version's element", () => {
    const pinned = pinLoaderToVersion(Buffer.from(LOADER), '1.2.3').toString();
    expect(pinned).toBe(LOADER.replace('"holi-bot-element.js"', '"v/1.2.3/holi-bot-element.js"'));
  });

  it('counts the patch number up from the highest version', () => {
    expect(nextVersion([])).toBe('1.0.0');
    expect(nextVersion(['1.0.0', '1.0.10', '1.0.9'])).toBe('1.0.11');
    expect(nextVersion(['1.0.3', '1.1.0-rc.1'])).toBe('1.1.0');
    expect(nextVersion(['2.0.0', '1.9.9'])).toBe('2.0.1');
  });
});

describe('preferredEncoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0', null],
    ['identity', null],
    [undefined, null],
    ['BR', 'br'],
  ])('%s → %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});
