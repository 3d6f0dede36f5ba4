import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { type RunningApp, startApp, testEnv } from './support/app.js';

const CLI = resolve('dist/apps/api/src/cli.js');
const SLOW = 90_000;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI without blocking this process (the tiny servers below answer from it), in a
 * fresh folder with no .env; killed after `limitMs`.
 */
function holibot(args: string[], env: Record<string, string> = {}, cwd = mkdtempSync(join(tmpdir(), 'holibot-load-test-')), limitMs = 60_000): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', LOG_FILES_ENABLED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((done) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    }),
  );
}

/** The one run folder under `out`, and its results.json. */
function readRun(out: string): { folder: string; results: any; html: string } {
  const folders = readdirSync(out);
  expect(folders).toHaveLength(1);
  expect(folders[0]).toMatch(/^\d{8}-\d{6}$/);
  const folder = join(out, folders[0]!);
  return { folder, results: JSON.parse(readFileSync(join(folder, 'results.json'), 'utf8')), html: readFileSync(join(folder, 'report.html'), 'utf8') };
}

const LATENCY = {
  count: expect.any(Number),
  min: expect.any(Number),
  mean: expect.any(Number),
  p50: expect.any(Number),
  p90: expect.any(Number),
  p95: expect.any(Number),
  p99: expect.any(Number),
  max: expect.any(Number),
};

describe('holibot load-test against the real server', () => {
  let app: RunningApp;

  beforeAll(async () => {
    // The rate limit as shipped (30 a minute per address); TRUST_PROXY lets --rate-limit-aware spread the visitors.
    app = await startApp(testEnv(freshSqliteDatabase(), { TRUST_PROXY: 'loopback' }));
  }, SLOW);

  afterAll(async () => {
    await app?.close();
  });

  it(
    'holibot load-test 20 10 2: chat, session, static and WebSocket visitors; a summary, progress, results.json and report.html; exit 0',
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'holibot-load-test-'));
      const run = await holibot(['load-test', '20', '10', '2', '--target', app.url, '--rate-limit-aware'], {}, cwd);
      expect(run).toMatchObject({ code: 0 });

      // Progress on stderr every 2 s; the summary table and the verdict on stdout.
      expect(run.stderr).toContain('Rate-limit-aware: on — the target trusts X-Forwarded-For');
      const progress = run.stderr
        .split('\n')
        .filter((line) => /^\[\s*\d+ s\] users \d+\/20 {2}\d+\.\d req\/s {2}requests \d+ {2}errors \d+ \(\d+\.\d\d %\) {2}p95 [\d.]+ ms$/.test(line));
      expect(progress.length).toBeGreaterThanOrEqual(3);
      expect(run.stdout).toMatch(/^Scenario +Users +Requests +Req\/s +Errors +Error % +min +p50 +p90 +p95 +p99 +max \(ms\)$/m);
      for (const scenario of ['chat', 'session', 'static', 'ws', 'all']) expect(run.stdout).toMatch(new RegExp(`^${scenario} +\\d+ +\\d+ +\\d+\\.\\d`, 'm'));
      expect(run.stdout).toMatch(/^Targets: p95 [\d.]+ ms < 500 ms ✓, errors 0\.00 % < 1 % ✓ — MET$/m);
      // The default --out, under the working directory; and no database was opened (none created there).
      const { folder, results, html } = readRun(join(cwd, 'load-test-results'));
      expect(run.stdout).toContain(
        `Results: load-test-results/${folder.split('/').pop()}/results.json, load-test-results/${folder.split('/').pop()}/report.html`,
      );
      expect(existsSync(join(cwd, 'data'))).toBe(false);

      expect(results).toMatchObject({
        tool: 'holibot load-test',
        interrupted: false,
        config: {
          target: `${app.url}/`,
          users: 20,
          durationS: 10,
          rampUpS: 2,
          mix: { chat: 60, session: 15, static: 15, ws: 10 },
          thinkTimeMs: 1000,
          thinkTimeJitter: 0.5,
          rateLimitAware: { requested: true, active: true, addressesUsed: expect.any(Number) },
          targets: { p95Ms: 500, errorRatePercent: 1 },
        },
        totals: { errors: 0, errorRate: 0, errorRatePercent: 0, latencyMs: LATENCY },
        verdict: { passed: true, p95: { met: true, targetMs: 500 }, errorRate: { met: true, valuePercent: 0 }, missed: [] },
        problems: [],
      });
      // Ends by itself: 10 s of load, then at most the grace of 2 s (measured by the run's own clock: the CLI's start-up is not in it).
      expect(results.elapsedS).toBeGreaterThanOrEqual(10);
      expect(results.elapsedS).toBeLessThan(12.5);
      // Each visit of a chat, session or WebSocket user came from an address of its own.
      expect(results.config.rateLimitAware.addressesUsed).toBeGreaterThan(20);
      expect(results.totals.requests).toBeGreaterThan(100);
      expect(results.totals.requestsPerSecond).toBeGreaterThan(10);
      expect(results.totals.statusCodes).toEqual({ 101: expect.any(Number), 200: expect.any(Number), 'ws:done': expect.any(Number) });
      const { p50, p90, p95, p99, max } = results.totals.latencyMs;
      expect(p50 <= p90 && p90 <= p95 && p95 <= p99 && p99 <= max).toBe(true);

      // The mix, to the user: 12 chat, 3 session, 3 static, 2 WebSocket; each with its own requests and figures.
      for (const [scenario, users] of [
        ['chat', 12],
        ['session', 3],
        ['static', 3],
        ['ws', 2],
      ] as const) {
        expect(results.scenarios[scenario]).toMatchObject({ virtualUsers: users, errors: 0, latencyMs: LATENCY });
        expect(results.scenarios[scenario].requests).toBeGreaterThan(0);
        expect(results.scenarios[scenario].requestsPerSecond).toBeGreaterThan(0);
        expect(results.scenarios[scenario].visits).toBeGreaterThan(0);
      }
      for (const operation of ['chat.message', 'session.read', 'static.page', 'static.loader', 'static.element', 'static.config', 'ws.connect', 'ws.answer']) {
        expect([operation, results.operations[operation]?.requests > 0]).toEqual([operation, true]);
      }
      // Conversations with follow-ups: more chat messages than chat visits started.
      expect(results.operations['chat.message'].requests).toBeGreaterThan(results.scenarios.chat.visits);
      expect(results.websocket).toMatchObject({ connectFailures: 0, answerErrors: 0, connectLatencyMs: LATENCY, answerLatencyMs: LATENCY });
      expect(results.websocket.answers).toBeGreaterThan(results.websocket.connections);
      expect(results.websocket.firstDeltaLatencyMs.count).toBeGreaterThan(0);

      // The server is this machine's: its CPU and memory from /proc of the process on the port (no METRICS_TOKEN here).
      expect(results.server).toMatchObject({
        source: 'proc',
        processes: [{ pid: app.process.pid, name: 'node' }],
        cpuSeconds: expect.any(Number),
        cpuPercentOfOneCore: expect.any(Number),
        rssBytesBefore: expect.any(Number),
        rssBytesAfter: expect.any(Number),
        rssBytesPeak: expect.any(Number),
      });
      expect(results.server.cpuSeconds).toBeGreaterThan(0);
      expect(results.server.rssBytesPeak).toBeGreaterThan(20 * 1048576);
      expect(results.server.samples.length).toBeGreaterThanOrEqual(8);

      // One entry per second; the users ramp up over the first 2 s and all run after that.
      expect(results.timeline.length).toBeGreaterThanOrEqual(10);
      expect(results.timeline.reduce((sum: number, t: any) => sum + t.requests, 0)).toBe(results.totals.requests);
      expect(results.timeline[4]).toMatchObject({ tS: 5, activeUsers: 20, p95Ms: expect.any(Number) });

      // The report: both charts and the server's, inline SVG, no script and nothing fetched.
      expect(html.match(/<svg /g)).toHaveLength(3);
      expect(html).not.toMatch(/<script|<link|<img|\bsrc=|\bhref=|url\(/i);
      expect(html).toContain('Targets met');

      // The sessions the visitors left are real conversations on the server.
      const sessionReads = results.operations['session.read'].requests;
      expect(sessionReads).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    'without --target it loads this machine’s server from PORT, and prints results.json with --json',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'holibot-load-test-out-'));
      const port = new URL(app.url).port;
      // The static page and widget only: outside the chat rate limit.
      const run = await holibot(['load-test', '2', '2', '0', '--mix', 'static=1', '--think-time', '200', '--json', '--out', out], { PORT: port });
      expect(run).toMatchObject({ code: 0 });
      const printed = JSON.parse(run.stdout);
      expect(printed.config).toMatchObject({ target: `http://127.0.0.1:${port}/`, users: 2, mix: { chat: 0, session: 0, static: 1, ws: 0 }, thinkTimeMs: 200 });
      expect(printed.scenarios.static).toMatchObject({ virtualUsers: 2, errors: 0 });
      expect(readRun(out).results).toEqual(printed);
      expect(run.stderr).toContain(`Results: ${readRun(out).folder}/results.json`);
    },
    SLOW,
  );
});

describe('holibot load-test refuses what it must not do', () => {
  it('a default target that is not a loopback address: exit 2, naming --target; nothing is written', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'holibot-load-test-'));
    const run = await holibot(['load-test', '5', '5', '1'], { HOST: '192.0.2.10', PORT: '3002' }, cwd);
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'holibot: INVALID_REQUEST: the default target http://192.0.2.10:3002 (HOST=192.0.2.10, PORT=3002) is not a loopback address; ' +
        'without --target the load test only loads this machine. Name the server with --target <url> to load-test another host.\n',
    });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('bad arguments: exit 2 with a message saying which', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['load-test', 'abc'], /value 'abc' is invalid for argument 'users'\. must be a whole number from 1 to 10000/],
      [['load-test', '10', '5', '6'], /^holibot: INVALID_REQUEST: rampUp \(6 s\) must not be longer than the duration \(5 s\)$/m],
      [['load-test', '--mix', 'chat=60,foo=40'], /option '--mix <shares>' argument 'chat=60,foo=40' is invalid\. unknown scenario "foo"/],
    ];
    const runs = await Promise.all(cases.map(([args]) => holibot(args)));
    runs.forEach((run, index) => {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(cases[index]![1]);
    });
  });

  it('a target that does not answer: exit 1 at once, saying so', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const run = await holibot(['load-test', '2', '2', '0', '--target', `http://127.0.0.1:${port}`]);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toContain(`holibot: cannot reach the target http://127.0.0.1:${port}/: ECONNREFUSED`);
  });
});

describe('holibot load-test exits 1 naming the target missed', () => {
  let mode: 'slow' | 'fail' | 'hang' = 'slow';
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // Not HoliBot: a server that answers every request slowly, with errors, or never.
    server = createServer((request, response) => {
      request.resume();
      if (request.url === '/health/live') return void response.end('{"status":"ok"}');
      const answer = () => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ success: true, data: { sessionId: randomUUID() } }));
      };
      if (mode === 'slow') setTimeout(answer, 600);
      else if (mode === 'fail') {
        response.statusCode = 503;
        response.end('{"success":false,"error":{"code":"SERVICE_UNAVAILABLE","message":"down"}}');
      }
      // 'hang': no answer at all.
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it(
    'p95 ≥ 500 ms',
    async () => {
      mode = 'slow';
      const out = mkdtempSync(join(tmpdir(), 'holibot-load-test-out-'));
      const run = await holibot(['load-test', '4', '3', '0', '--target', url, '--mix', 'chat=1', '--think-time', '100', '--out', out]);
      expect(run.code).toBe(1);
      // Every answer takes 600 ms and more (a loaded machine adds to it, never takes away).
      expect(run.stdout).toMatch(/^TARGET MISSED: p95 latency ([6-9]\d\d|\d{4,})\.\d ms ≥ 500 ms target$/m);
      expect(run.stderr).toMatch(/^holibot: load test: target missed: p95 latency ([6-9]\d\d|\d{4,})\.\d ms ≥ 500 ms target$/m);
      expect(run.stderr).not.toContain('error rate');
      expect(readRun(out).results.verdict).toMatchObject({ passed: false, p95: { met: false }, errorRate: { met: true } });
    },
    SLOW,
  );

  it(
    'errors ≥ 1 %; and --rate-limit-aware says it cannot tell and runs without',
    async () => {
      mode = 'fail';
      const out = mkdtempSync(join(tmpdir(), 'holibot-load-test-out-'));
      const run = await holibot(['load-test', '4', '2', '0', '--target', url, '--mix', 'chat=1,session=1,static=1,ws=1', '--rate-limit-aware', '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Rate-limit-aware: OFF, running without it — the target sends no rate-limit headers');
      expect(run.stderr).toMatch(/^holibot: load test: target missed: error rate 100\.00 % ≥ 1 % target \(\d+ of \d+ requests failed\)$/m);
      const { results } = readRun(out);
      expect(results.config.rateLimitAware).toMatchObject({ requested: true, active: false, addressesUsed: 0 });
      expect(results.verdict).toMatchObject({ passed: false, errorRate: { valuePercent: 100, met: false } });
      // The WebSocket user's handshake got the plain 503 too.
      expect(Object.keys(results.totals.statusCodes)).toEqual(['503']);
    },
    SLOW,
  );

  it(
    'a server that never answers: the run still ends at its hard deadline, the requests aborted',
    async () => {
      mode = 'hang';
      const out = mkdtempSync(join(tmpdir(), 'holibot-load-test-out-'));
      const run = await holibot(['load-test', '3', '2', '0', '--target', url, '--mix', 'chat=2,static=1', '--out', out]);
      expect(run.code).toBe(1);
      const { results } = readRun(out);
      expect(results.totals.statusCodes).toEqual({ aborted: 3 });
      // 2 s of load and 2 s of grace, not the 10 s request timeout.
      expect(results.elapsedS).toBeGreaterThanOrEqual(4);
      expect(results.elapsedS).toBeLessThan(5);
      expect(results.notes.join(' ')).toContain('3 requests were still running at the hard deadline (duration + 2 s) and were aborted');
    },
    SLOW,
  );
});
