import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { MemoryFileSystem } from '../common/effects/testing.js';
import { WidgetAssets } from './widget-assets.service.js';
import { preferredEncoding } from './widget.controller.js';

describe('WidgetAssets', () => {
  it('holds each built file with gzip and brotli copies and an ETag that changes with the content', async () => {
    const build = (loader: string) => new MemoryFileSystem({ '/w/loader/main.js': loader, '/w/element/main.js': 'customElements.define("holi-bot", X);' });
    const first = new WidgetAssets(build('console.log(1);'), '/w');
    await first.onModuleInit();
    const loader = first.get('holi-bot.js')!;
    expect(loader.body.toString()).toBe('console.log(1);');
    expect(gunzipSync(loader.gzip).toString()).toBe('console.log(1);');
    expect(brotliDecompressSync(loader.brotli).toString()).toBe('console.log(1);');
    expect(loader.etag).toMatch(/^"[\w-]{27}"$/);
    const second = new WidgetAssets(build('console.log(2);'), '/w');
    await second.onModuleInit();
    expect(second.get('holi-bot.js')!.etag).not.toBe(loader.etag);
    expect(second.get('holi-bot-element.js')!.etag).toBe(first.get('holi-bot-element.js')!.etag);
  });

  it("serves the element's lazy chunks under their own names, and nothing else of the build", async () => {
    const assets = new WidgetAssets(
      new MemoryFileSystem({
        '/w/loader/main.js': 'l',
        '/w/element/main.js': 'e',
        '/w/element/chunk-AB12CD.js': 'export const es = {};',
        '/w/element/prerendered-routes.json': '{}',
        '/w/element/stats.json': '{}',
      }),
      '/w',
    );
    await assets.onModuleInit();
    expect(assets.get('chunk-AB12CD.js')!.body.toString()).toBe('export const es = {};');
    for (const name of ['main.js', 'prerendered-routes.json', 'stats.json', 'element/main.js']) expect(assets.get(name)).toBeUndefined();
  });

  it('starts without a build: the files are absent (404), not an error', async () => {
    const assets = new WidgetAssets(new MemoryFileSystem({}), '/nowhere');
    await assets.onModuleInit();
    expect(assets.get('holi-bot.js')).toBeUndefined();
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
