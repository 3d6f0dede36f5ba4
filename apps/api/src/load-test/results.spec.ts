import { DEFAULTS, type LoadTestOptions } from './load-test-options.js';
import { Recorder, type Sample } from './recorder.js';
import { renderReport } from './report-html.js';
import { buildResults, formatSummary } from './results.js';
import type { RunData } from './runner.js';
import { elementPath, SessionPool } from './scenarios.js';
import { niceStep, svgChart } from './svg-chart.js';

const OPTIONS: LoadTestOptions = {
  target: new URL('http://127.0.0.1:3002'),
  targetGiven: false,
  users: 20,
  durationS: 10,
  rampUpS: 2,
  mix: DEFAULTS.mix,
  thinkTimeMs: 1000,
  rateLimitAware: false,
  outDir: 'load-test-results',
  json: false,
};

/** A run of 10 s whose samples the test chooses. */
function run(samples: Array<Partial<Sample>>, extra: Partial<RunData> = {}): RunData {
  const recorder = new Recorder();
  samples.forEach((sample, index) =>
    recorder.record({
      scenario: 'chat',
      operation: 'chat.message',
      endMs: (index * 10_000) / samples.length,
      latencyMs: 10,
      status: '200',
      ok: true,
      ...sample,
    }),
  );
  return {
    options: OPTIONS,
    startedAt: new Date('2026-12-02T10:00:00Z'),
    finishedAt: new Date('2026-12-02T10:00:10Z'),
    elapsedMs: 10_000,
    graceMs: 2000,
    recorder,
    usersPerScenario: { chat: 12, session: 3, static: 3, ws: 2 },
    visitsPerScenario: { chat: 30, session: 8, static: 9, ws: 4 },
    rateLimitAware: { requested: false, active: false, probe: null, addressesUsed: 0 },
    activeUsers: Array.from({ length: 10 }, (_, i) => ({ tS: i + 1, users: Math.min(20, (i + 1) * 10) })),
    server: { source: null, note: 'not read: no METRICS_TOKEN or METRICS_PORT in this configuration', processes: [], before: null, after: null, samples: [] },
    interrupted: false,
    problems: [],
    ...extra,
  };
}

describe('load test results', () => {
  it('counts requests, rates, errors, statuses and latency overall, per scenario and per operation', () => {
    const results = buildResults(
      run([
        ...Array.from({ length: 90 }, (_, i) => ({ latencyMs: i + 1 })),
        ...Array.from({ length: 8 }, () => ({ scenario: 'static' as const, operation: 'static.page' as const, latencyMs: 2 })),
        { scenario: 'ws', operation: 'ws.connect', status: '101', latencyMs: 3 },
        { scenario: 'ws', operation: 'ws.answer', status: 'ws:done', latencyMs: 40 },
      ]),
    );
    expect(results.totals).toMatchObject({ requests: 100, requestsPerSecond: 10, errors: 0, errorRate: 0, errorRatePercent: 0 });
    expect(results.totals.statusCodes).toEqual({ 101: 1, 200: 98, 'ws:done': 1 });
    expect(results.totals.latencyMs).toMatchObject({ count: 100, min: 1, max: 90 });
    expect(results.scenarios.chat).toMatchObject({ virtualUsers: 12, visits: 30, requests: 90, requestsPerSecond: 9 });
    expect(results.scenarios.chat.latencyMs).toMatchObject({ p50: 45, p90: 81, p95: 86, p99: 90 });
    expect(results.operations['static.page']).toMatchObject({ requests: 8 });
    expect(results.operations['session.read']).toBeUndefined();
    expect(results.websocket).toMatchObject({ connections: 1, connectFailures: 0, answers: 1, answerErrors: 0 });
    expect(results.websocket.answerLatencyMs.p95).toBe(40);
    expect(results.timeline).toHaveLength(10);
    expect(results.timeline[0]).toMatchObject({ tS: 1, requests: 10, errors: 0, activeUsers: 10 });
    expect(results.verdict).toEqual({
      passed: true,
      p95: { valueMs: expect.any(Number), targetMs: 500, met: true },
      errorRate: { valuePercent: 0, targetPercent: 1, met: true },
      missed: [],
    });
    expect(formatSummary(results)).toMatch(/Targets: p95 \d+\.\d ms < 500 ms ✓, errors 0\.00 % < 1 % ✓ — MET/);
  });

  it('misses the latency target at p95 ≥ 500 ms, saying so', () => {
    const results = buildResults(run([...Array.from({ length: 94 }, () => ({ latencyMs: 20 })), ...Array.from({ length: 6 }, () => ({ latencyMs: 500 }))]));
    expect(results.verdict).toMatchObject({ passed: false, p95: { valueMs: 500, met: false }, errorRate: { met: true } });
    expect(results.verdict.missed).toEqual(['p95 latency 500 ms ≥ 500 ms target']);
    expect(formatSummary(results)).toContain('TARGET MISSED: p95 latency 500 ms ≥ 500 ms target');
    // 5 slow of 100 leave the 95th rank fast.
    expect(
      buildResults(run([...Array.from({ length: 95 }, () => ({ latencyMs: 20 })), ...Array.from({ length: 5 }, () => ({ latencyMs: 9000 }))])).verdict.passed,
    ).toBe(true);
  });

  it('misses the error target at 1 % errors, and explains rate-limit refusals', () => {
    const results = buildResults(run([...Array.from({ length: 99 }, () => ({})), { status: '429', ok: false }]));
    expect(results.totals).toMatchObject({ errors: 1, errorRate: 0.01, errorRatePercent: 1 });
    expect(results.verdict).toMatchObject({ passed: false, p95: { met: true }, errorRate: { valuePercent: 1, met: false } });
    expect(results.verdict.missed).toEqual(['error rate 1.00 % ≥ 1 % target (1 of 100 requests failed)']);
    expect(results.notes.join('\n')).toMatch(/1 requests were refused by the target's rate limit.*--rate-limit-aware/);
    // Just under 1 %: met.
    expect(buildResults(run([...Array.from({ length: 199 }, () => ({})), { status: 'timeout', ok: false }])).verdict.passed).toBe(true);
  });

  it('fails a run in which no request finished', () => {
    const results = buildResults(run([]));
    expect(results.verdict).toMatchObject({ passed: false, p95: { valueMs: null, met: false }, errorRate: { met: false } });
    expect(results.verdict.missed).toEqual(['no request finished: neither latency nor error rate can be measured']);
  });

  it("turns the server's readings into CPU time, CPU per cent of one core and RSS", () => {
    const results = buildResults(
      run([{}], {
        server: {
          source: 'proc',
          note: 'read from /proc',
          processes: [{ pid: 42, name: 'node' }],
          before: { cpuSeconds: 10, rssBytes: 100 * 1048576 },
          after: { cpuSeconds: 15, rssBytes: 120 * 1048576 },
          samples: [
            { tS: 1, cpuSeconds: 10.5, rssBytes: 110 * 1048576 },
            { tS: 2, cpuSeconds: 11.5, rssBytes: 130 * 1048576 },
          ],
        },
      }),
    );
    expect(results.server).toMatchObject({
      source: 'proc',
      cpuSeconds: 5,
      cpuPercentOfOneCore: 50,
      rssBytesBefore: 100 * 1048576,
      rssBytesAfter: 120 * 1048576,
      rssBytesPeak: 130 * 1048576,
      samples: [
        { tS: 1, cpuPercent: 50, rssMb: 110 },
        { tS: 2, cpuPercent: 100, rssMb: 130 },
      ],
    });
  });

  it('report.html is self-contained: inline SVG charts, no script, nothing loaded from anywhere', () => {
    const html = renderReport(
      buildResults(run(Array.from({ length: 50 }, (_, i) => ({ latencyMs: 5 + (i % 7), ok: i !== 3, status: i === 3 ? '503' : '200' })))),
    );
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg /g)).toHaveLength(2); // latency and throughput; no server readings, no third chart
    expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'\"");
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
    expect(html).toContain('Targets missed: error rate 2.00 % ≥ 1 % target');
  });

  it('escapes what it shows', () => {
    const results = buildResults(run([{}], { problems: ['virtual user 1 (chat): <img src=x onerror=alert(1)>'] }));
    const html = renderReport(results);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });
});

describe('load test helpers', () => {
  it('finds the versioned element file in the loader', () => {
    expect(elementPath('import("./v/1.0.3/holi-bot-element.js")')).toBe('/widget/v/1.0.3/holi-bot-element.js');
    expect(elementPath('const e=new URL("v/2.1.0-rc.1/holi-bot-element.js",import.meta.url)')).toBe('/widget/v/2.1.0-rc.1/holi-bot-element.js');
    expect(elementPath('no element here')).toBeNull();
  });

  it('the session pool keeps the latest sessions', () => {
    const pool = new SessionPool(3);
    expect(pool.pick()).toBeUndefined();
    for (const id of ['a', 'b', 'c', 'd']) pool.add(id);
    expect(pool.count).toBe(3);
    const picked = new Set(Array.from({ length: 200 }, () => pool.pick()));
    expect(picked).toEqual(new Set(['b', 'c', 'd']));
  });

  it('charts have round ticks and leave gaps where a second had no request', () => {
    expect([niceStep(480), niceStep(1000), niceStep(7), niceStep(0)]).toEqual([100, 200, 2, 1]);
    const svg = svgChart({
      title: 'latency',
      xLabel: 's',
      yLabel: 'ms',
      xMax: 4,
      series: [
        {
          name: 'p95',
          color: '#000',
          kind: 'line',
          points: [
            [1, 10],
            [2, null],
            [3, 30],
            [4, 40],
          ],
        },
      ],
      thresholds: [{ value: 500, label: 'target', color: 'red' }],
    });
    // Two pieces: second 1, then seconds 3–4.
    expect(svg.match(/d="([^"]+)"/)![1]!.match(/M/g)).toHaveLength(2);
    expect(svg).toContain('target: above this scale');
  });
});
