import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { MetricsListener } from './metrics-listener.js';
import { METRIC } from './metric-definitions.js';
import { Metrics } from './metrics.service.js';
import { type InProcessApp, startInProcess } from '../../../test/support/in-process.js';
import { ChatSocket } from '../../../test/support/ws-client.js';
import { queriedMetricNames } from '../../../../../tools/operator-assets.mjs';

const TOKEN = 'a-metrics-token-for-the-tests';
const auth = { authorization: `Bearer ${TOKEN}` };

/** One sample's value from a scrape, or 0 when the series is not there. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((pair) => line.includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describe('/metrics, in-process', () => {
  let running: InProcessApp;
  let visitor = 0;
  beforeAll(async () => {
    running = await startInProcess({ METRICS_TOKEN: TOKEN, METRICS_PORT: '0', TRUST_PROXY: 'loopback', RATE_LIMIT_MAX_REQUESTS: '3' });
  });
  afterAll(() => running.close());

  const scrape = async () => {
    const response = await fetch(`${running.url}/metrics`, { headers: auth });
    expect(response.status).toBe(200);
    return response.text();
  };
  const ask = (query: string, ip = `203.0.113.${++visitor}`) =>
    fetch(`${running.url}/api/v1/chat/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ query }),
    });

  it('refuses a scrape without the token or with a wrong one, and never serves under /api', async () => {
    expect((await fetch(`${running.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${running.url}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    expect((await fetch(`${running.url}/api/metrics`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${running.url}/metrics/reset`, { method: 'POST', headers: auth })).status).toBe(404);
  });

  it('counts HTTP requests by route template and chat turns by engine, language and outcome', async () => {
    const before = await scrape();
    expect((await ask('pizza restaurants')).status).toBe(200);
    expect(
      (await fetch(`${running.url}/api/v1/chat/session/00000000-0000-4000-8000-000000000000`, { headers: { 'x-forwarded-for': '203.0.113.250' } })).status,
    ).toBe(404);
    expect((await fetch(`${running.url}/no/such/path/123`)).status).toBe(404);
    const after = await scrape();
    const route = { method: 'POST', route: '/api/v1/chat/message', status: '200' };
    expect(sample(after, METRIC.httpRequests.name, route) - sample(before, METRIC.httpRequests.name, route)).toBe(1);
    expect(sample(after, `${METRIC.httpRequestDuration.name}_count`, route)).toBeGreaterThanOrEqual(1);
    // The template, not the id; unknown paths share one label.
    expect(after).toContain('route="/api/v1/chat/session/:id"');
    expect(after).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(after).not.toContain('/no/such/path');
    expect(sample(after, METRIC.httpRequests.name, { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    // Buckets at 0.5 and 2 s exist, so the 2 s threshold is read off exactly.
    expect(after).toMatch(/holibot_http_request_duration_seconds_bucket\{le="0.5"/);
    expect(after).toMatch(/holibot_http_request_duration_seconds_bucket\{le="2"/);
    const chat = { engine: 'builtin', language: 'en', outcome: 'answered' };
    expect(sample(after, METRIC.chatMessages.name, chat) - sample(before, METRIC.chatMessages.name, chat)).toBe(1);
    // Read from the database at most every 30 s: the session started since the first scrape is not counted yet.
    expect(after).toMatch(/^holibot_chat_active_sessions 0$/m);
    expect(sample(after, 'holibot_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts rate-limit hits per channel', async () => {
    const before = sample(await scrape(), METRIC.rateLimitHits.name, { channel: 'rest' });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask('beach', '198.51.100.7')).status);
    expect(statuses.filter((status) => status === 429).length).toBe(2);
    expect(sample(await scrape(), METRIC.rateLimitHits.name, { channel: 'rest' }) - before).toBe(2);
  });

  it('the WebSocket gauge goes up and down as sockets open and close; ws turns are counted by channel', async () => {
    const base = sample(await scrape(), METRIC.wsConnections.name);
    const client = await ChatSocket.open(running.url);
    expect(sample(await scrape(), METRIC.wsConnections.name)).toBe(base + 1);
    expect((await client.ask('museums')).end.type).toBe('done');
    expect(sample(await scrape(), `${METRIC.chatResponseDuration.name}_count`, { channel: 'ws' })).toBeGreaterThanOrEqual(1);
    client.close();
    await client.closedWith();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sample(await scrape(), METRIC.wsConnections.name)).toBe(base);
  });

  it('METRICS_PORT serves /metrics on its own listener (token asked too) and nothing else', async () => {
    const address = running.app.get(MetricsListener).address();
    expect(address).not.toBeNull();
    const url = `http://127.0.0.1:${address!.port}`;
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const ok = await fetch(`${url}/metrics`, { headers: auth });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain(METRIC.httpRequests.name);
    expect((await fetch(`${url}/api/v1/chat/message`, { headers: auth })).status).toBe(404);
  });

  it('every metric the shipped dashboard and alert rules query is in a real scrape', async () => {
    const text = await scrape();
    // The families a scrape declares (`# TYPE name type`); a histogram's series add _bucket, _sum and _count.
    const declared = new Set(
      [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) =>
        type === 'histogram' ? [name, `${name}_bucket`, `${name}_sum`, `${name}_count`] : [name],
      ),
    );
    const missing = queriedMetricNames().filter((name) => !declared.has(name!));
    expect(missing).toEqual([]);
  });

  // Debian's prometheus package: CI installs it; elsewhere the check runs where promtool is.
  const promtool = ['/usr/bin/promtool', process.env['PROMTOOL'] ?? ''].find((path) => path && existsSync(path));
  (promtool || process.env['CI'] === 'true' ? it : it.skip)(
    'a real scrape passes promtool check metrics (but for prom-client default gauges named _total)',
    async () => {
      expect(promtool).toBeDefined();
      const text = await scrape();
      let problems = '';
      try {
        execFileSync(promtool!, ['check', 'metrics'], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
      } catch (error) {
        problems = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
      }
      const ours = problems.split('\n').filter((line) => line.trim() && !/^holibot_nodejs_active_\w+_total non-counter/.test(line));
      expect(ours).toEqual([]);
    },
  );
});

describe('/metrics without METRICS_TOKEN', () => {
  it('does not exist (404), as any unknown path', async () => {
    const running = await startInProcess();
    try {
      const response = await fetch(`${running.url}/metrics`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    } finally {
      await running.close();
    }
  });
});

describe('METRICS_ENABLED=false', () => {
  it('records nothing per request and serves no /metrics', async () => {
    const running = await startInProcess({ METRICS_ENABLED: 'false' });
    try {
      const metrics = running.app.get(Metrics);
      const before = (await metrics.httpTotals()).count;
      expect((await fetch(`${running.url}/health/live`)).status).toBe(200);
      expect((await fetch(`${running.url}/metrics`)).status).toBe(404);
      expect((await metrics.httpTotals()).count).toBe(before);
    } finally {
      await running.close();
    }
  });
});
