import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type RunningApp, startApp, testEnv } from './support/app.js';
import { freshSqliteDatabase } from '@holibot/database/testing';

const CLI = resolve('dist/apps/api/src/cli.js');

/** The API serves the built widget and the demo page (the browser tests use them for real). */
describe('widget files and demo page over HTTP', () => {
  let running: RunningApp;
  let env: Record<string, string>;

  /** `holibot` on the server's database and widget store, as an operator runs it beside the server. */
  const holibot = (...args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${running.url}${path}`, { headers: { 'Accept-Encoding': 'identity', ...headers } });
  const body = async (path: string) => Buffer.from(await (await get(path)).arrayBuffer());
  /** Waits for the server to see a deploy made by the CLI (it looks at the pointer every 3 s). */
  const until = async (condition: () => Promise<boolean>) => {
    for (const started = Date.now(); !(await condition()); await sleep(200)) {
      if (Date.now() - started > 10_000) throw new Error('the server did not switch within 10 s');
    }
  };

  beforeAll(async () => {
    env = testEnv(freshSqliteDatabase(), { CORS_ORIGIN: 'https://www.calpe.example' });
    running = await startApp(env);
  });
  afterAll(() => running.close());

  it('GET /widget/holi-bot.js: the active version (published from the build at the first start), revalidated at every load, brotli or gzip when asked, embeddable anywhere', async () => {
    const built = readFileSync('dist/widget/loader/main.js');
    const plain = await fetch(`${running.url}/widget/holi-bot.js`, { headers: { 'Accept-Encoding': 'identity', Origin: 'https://elsewhere.example' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, no-cache');
    expect(plain.headers.get('access-control-allow-origin')).toBe('*');
    expect(plain.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(plain.headers.get('content-encoding')).toBeNull();
    // The build's loader, pointed at the element of its own version.
    expect(Buffer.from(await plain.arrayBuffer()).toString()).toBe(built.toString().replace('"holi-bot-element.js"', '"v/1.0.0/holi-bot-element.js"'));
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const revalidated = await fetch(`${running.url}/widget/holi-bot.js`, { headers: { 'If-None-Match': `W/"other", ${etag}` } });
    expect(revalidated.status).toBe(304);

    // Node's fetch decodes the body itself; a raw request shows the encoding.
    const { request } = await import('node:http');
    const raw = (acceptEncoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
        request(`${running.url}/widget/holi-bot-element.js`, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', fail)
          .end();
      });
    const element = readFileSync('dist/widget/element/main.js');
    const brotli = await raw('gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['vary']).toMatch(/Accept-Encoding/);
    expect(brotliDecompressSync(brotli.body).equals(element)).toBe(true);
    const gzip = await raw('gzip, br;q=0');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(element)).toBe(true);
    expect(brotli.body.length).toBeLessThan(gzip.body.length);
  });

  it('unknown widget files → 404 NOT_FOUND in the API error shape', async () => {
    for (const path of [
      '/widget/main.js',
      '/widget/..%2Fpackage.json',
      '/widget/constructor',
      '/widget/v/1.0.0/stats.json',
      '/widget/v/..%2F..%2Fdata/holi-bot.js',
      '/widget/v/9.9.9/holi-bot.js',
      '/widget/v/1.0.0/holi-bot.js.gz',
    ]) {
      const response = await fetch(`${running.url}${path}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ success: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
    }
  });

  it('GET / is the demo page: the README snippet, a strict CSP and a fresh nonce per response', async () => {
    const pages = await Promise.all([fetch(`${running.url}/`), fetch(`${running.url}/`)]);
    const nonces = [];
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      const html = await page.text();
      expect(html).toContain('<script src="/widget/holi-bot.js" async></script>');
      expect(html).toContain(`<holi-bot nonce="${nonce}"></holi-bot>`);
      expect(html).toContain(`<style nonce="${nonce}">`);
      expect(html).not.toMatch(/<script>|\son\w+="/);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('the registry: pinned URLs immutable with SRI, publish, deploy and rollback from the CLI switch the running server, a pinned URL never changes', async () => {
    const listed = JSON.parse(holibot('widget', 'list', '--json').stdout) as Array<{
      version: string;
      active: boolean;
      files: Array<{ name: string; sha256: string; integrity: string }>;
    }>;
    expect(listed.map((v) => [v.version, v.active])).toEqual([['1.0.0', true]]);
    const pinnedUrl = '/widget/v/1.0.0/holi-bot-element.js';
    const pinned = await get(pinnedUrl);
    expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(pinned.headers.get('access-control-allow-origin')).toBe('*');
    const pinnedBytes = Buffer.from(await pinned.arrayBuffer());
    expect(pinnedBytes.equals(readFileSync('dist/widget/element/main.js'))).toBe(true);
    // The SRI value `widget list` gives is the hash of the bytes served.
    for (const file of listed[0]!.files) {
      const served = await body(`/widget/v/1.0.0/${file.name}`);
      expect(`sha384-${createHash('sha384').update(served).digest('base64')}`).toBe(file.integrity);
      expect(createHash('sha256').update(served).digest('hex')).toBe(file.sha256);
    }

    // A changed build: published as 1.0.1 (not yet served), then deployed.
    const dir = mkdtempSync(join(tmpdir(), 'holibot-build-'));
    cpSync('dist/widget', dir, { recursive: true });
    writeFileSync(join(dir, 'element/main.js'), `${readFileSync(join(dir, 'element/main.js'), 'utf8')}\n// 1.0.1\n`);
    expect(holibot('widget', 'publish', dir, '--notes', 'comment added')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Published widget 1\.0\.1: /),
    });
    expect(holibot('widget', 'publish', dir)).toMatchObject({
      code: 2,
      stderr: 'holibot: WIDGET_VERSION_CONFLICT: these files are published already, as version 1.0.1\n',
    });
    expect((await body('/widget/holi-bot.js')).toString()).toContain('"v/1.0.0/holi-bot-element.js"');
    expect(holibot('widget', 'deploy', '1.0.1')).toMatchObject({ code: 0, stdout: 'Widget 1.0.1 is active (was 1.0.0).\n' });
    await until(async () => (await body('/widget/holi-bot.js')).toString().includes('"v/1.0.1/holi-bot-element.js"'));
    expect((await body('/widget/holi-bot-element.js')).toString()).toMatch(/\/\/ 1\.0\.1\n$/);
    expect(await (await get('/')).text()).toContain('(widget 1.0.1)');
    // The pinned URL of 1.0.0 is byte for byte what it was.
    expect((await body(pinnedUrl)).equals(pinnedBytes)).toBe(true);

    expect(holibot('widget', 'rollback')).toMatchObject({ code: 0, stdout: 'Rolled back: widget 1.0.0 is active (was 1.0.1).\n' });
    await until(async () => (await body('/widget/holi-bot.js')).toString().includes('"v/1.0.0/holi-bot-element.js"'));
    const table = holibot('widget', 'list').stdout;
    expect(table).toMatch(/^\* 1\.0\.0\s+active\s/m);
    expect(table).toMatch(/^ {2}1\.0\.1\s+previous\s/m);
    expect(table).toContain('1.0.1 — comment added');
  });
});
