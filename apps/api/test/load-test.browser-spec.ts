import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { ARTIFACTS, describeInBrowser, launchBrowser, openPage, screenshot } from '../../widget/test/browser.js';
import { type RunningApp, startApp, testEnv } from './support/app.js';

const CLI = resolve('dist/apps/api/src/cli.js');
const SLOW = 90_000;
const METRICS_TOKEN = 'load-test-browser-metrics-token';

/**
 * report.html of a real run, opened from disk in Chromium: the charts are drawn, nothing is
 * fetched (the page's CSP allows nothing but its inline style), and it looks right
 * (test-artifacts/load-test-report*.png).
 */
describeInBrowser('holibot load-test report in the browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let report: string;
  let results: any;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(testEnv(freshSqliteDatabase(), { TRUST_PROXY: 'loopback', METRICS_TOKEN })), launchBrowser()]);
    const out = mkdtempSync(join(tmpdir(), 'holibot-load-test-out-'));
    // This time the server's CPU and memory come from its /metrics, with the token of this machine's configuration.
    const child = spawn(process.execPath, [CLI, 'load-test', '10', '6', '1', '--target', app.url, '--rate-limit-aware', '--out', out], {
      env: { PATH: process.env['PATH'] ?? '', LOG_FILES_ENABLED: 'false', METRICS_TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise((done) => child.on('close', done));
    if (code !== 0) throw new Error(`holibot load-test exited with ${String(code)}:\n${output}`);
    const folder = join(out, readdirSync(out)[0]!);
    report = join(folder, 'report.html');
    results = JSON.parse(readFileSync(join(folder, 'results.json'), 'utf8'));
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    'draws the latency, throughput and server charts from the file alone, loading nothing',
    async () => {
      expect(results.server).toMatchObject({ source: 'metrics', note: `read from ${app.url}/metrics (METRICS_TOKEN)`, cpuSeconds: expect.any(Number) });
      const watched = await openPage(browser);
      const { page } = watched;
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      try {
        await page.goto(pathToFileURL(report).href);
        await page.getByRole('heading', { name: 'HoliBot load test' }).waitFor();

        // The page itself, and not one request more: no CDN, no font, no script.
        expect(requests).toEqual([pathToFileURL(report).href]);
        expect(await page.locator('script, link, img, iframe').count()).toBe(0);
        expect(watched.problems).toEqual([]);

        expect(await page.locator('.verdict.pass').innerText()).toMatch(/^Targets met: p95 [\d.]+ ms < 500 ms, errors 0\.00 % < 1 %$/);

        const charts = page.locator('svg.chart');
        expect(await charts.count()).toBe(3);
        for (const [index, name] of ['Latency over time', 'Throughput', "The server's CPU"].entries()) {
          const chart = charts.nth(index);
          expect(await chart.getAttribute('aria-label')).toContain(name);
          const box = (await chart.boundingBox())!;
          expect(box.width).toBeGreaterThan(800);
          expect(box.height).toBeGreaterThan(200);
        }
        // Latency: the p50, p95 and p99 lines are drawn across the run (a point per second).
        const lines = charts.nth(0).locator('path.line');
        expect(await lines.count()).toBe(3);
        for (let i = 0; i < 3; i++) {
          const d = (await lines.nth(i).getAttribute('d'))!;
          expect(d.match(/[ML]/g)!.length).toBeGreaterThanOrEqual(5);
          expect((await lines.nth(i).boundingBox())!.width).toBeGreaterThan(400);
        }
        // Throughput: a bar per second with requests, and the users line.
        expect(await charts.nth(1).locator('rect.bar').count()).toBeGreaterThanOrEqual(5);
        expect(await charts.nth(1).locator('path.line').count()).toBe(1);
        // The server: CPU and RSS lines.
        expect(await charts.nth(2).locator('path.line').count()).toBe(2);

        // The tables carry the same figures as results.json.
        const allRow = page.locator('table').first().locator('tr', { hasText: /^all/ });
        expect(await allRow.locator('td').nth(3).innerText()).toBe(String(results.totals.requests));

        await screenshot(page, 'load-test-report.png');
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: resolve(ARTIFACTS, 'load-test-report-full.png'), fullPage: true });
      } finally {
        await watched.close();
      }
    },
    SLOW,
  );
});
