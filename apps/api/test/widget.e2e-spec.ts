import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { type RunningApp, startApp, testEnv } from './support/app.js';
import { freshSqliteDatabase } from '@holibot/database/testing';

/** The API serves the built widget and the demo page (the browser tests use them for real). */
describe('widget files and demo page over HTTP', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(testEnv(freshSqliteDatabase(), { CORS_ORIGIN: 'https://www.calpe.example' }));
  });
  afterAll(() => running.close());

  it('GET /widget/holi-bot.js: JavaScript, cacheable, revalidated by ETag, brotli or gzip when asked, embeddable anywhere', async () => {
    const built = readFileSync('dist/widget/loader/main.js');
    const plain = await fetch(`${running.url}/widget/holi-bot.js`, { headers: { 'Accept-Encoding': 'identity', Origin: 'https://elsewhere.example' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=300');
    expect(plain.headers.get('access-control-allow-origin')).toBe('*');
    expect(plain.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(built)).toBe(true);
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
    for (const path of ['/widget/main.js', '/widget/..%2Fpackage.json', '/widget/constructor']) {
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
});
