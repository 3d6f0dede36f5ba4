import { AppConfig } from '../config/app-config.js';
import { alertMessage, formatValue, testMessage } from './alert-messages.js';
import { type AlertReadings, alertRules, bucketDifference, evaluate, histogramQuantile } from './alert-rules.js';

const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, Number.POSITIVE_INFINITY];

/** A cumulative histogram from observations (seconds), on the HTTP buckets. */
function histogram(observations: number[]) {
  return BOUNDS.map((le) => ({ le, count: observations.filter((value) => value <= le).length }));
}

function readings(overrides: Partial<AlertReadings> = {}): AlertReadings {
  return {
    http: { windowSeconds: 300, count: 0, errors: 0, buckets: histogram([]) },
    memory: { usedBytes: 4e9, limitBytes: 8e9, basis: 'host' },
    cpuPercent: 10,
    disk: { volume: 'database', path: '/var/lib/holibot', freeRatio: 0.5 },
    connections: 3,
    jobs: { 'session-cleanup': { failed: false, detail: 'the last session cleanup did not fail' }, backup: { failed: false, detail: 'did not fail' } },
    mistral: null,
    now: new Date('2026-06-02T11:00:00Z'),
    ...overrides,
  };
}

const config = AppConfig.fromEnv({});
const rules = alertRules(config);
const byRule = (values: AlertReadings) => Object.fromEntries(evaluate(rules, values).map((evaluation) => [evaluation.rule, evaluation]));
const http = (observations: number[], errors = 0) => ({ windowSeconds: 300, count: observations.length, errors, buckets: histogram(observations) });

describe('histogramQuantile', () => {
  it('reads a quantile as Prometheus does: linear inside its bucket', () => {
    expect(histogramQuantile(0.95, histogram([]))).toBeNull();
    expect(histogramQuantile(0.5, histogram([0.3, 0.3]))).toBeCloseTo(0.375, 6); // half-way into (0.25, 0.5]
  });

  it('is exact at the 2 s bucket: p95 ≤ 2 s while 95 % are at or under 2 s, over it from one request more', () => {
    const under = [...Array<number>(95).fill(1.5), ...Array<number>(5).fill(4)];
    expect(histogramQuantile(0.95, histogram(under))).toBe(2);
    expect(histogramQuantile(0.95, histogram([...under, 4]))! * 1000).toBeGreaterThan(2000);
  });

  it('beyond the last bucket gives that bound', () => {
    expect(histogramQuantile(0.95, histogram([30, 30, 30]))).toBe(10);
  });

  it('bucketDifference: what happened between two readings', () => {
    const before = histogram([0.3, 3]);
    const after = histogram([0.3, 3, 0.001, 12]);
    expect(bucketDifference(after, before)).toEqual(histogram([0.001, 12]));
  });
});

describe('the alert rules', () => {
  it('hold only over their thresholds (ops guide defaults)', () => {
    const calm = byRule(readings({ http: http(Array<number>(100).fill(0.05)) }));
    expect(Object.values(calm).filter((evaluation) => evaluation.holds)).toEqual([]);

    const slow = byRule(readings({ http: http([...Array<number>(90).fill(0.05), ...Array<number>(10).fill(3)]) }));
    expect(slow['response_time']).toMatchObject({ holds: true, threshold: 2000 });
    expect(slow['response_time']!.summary).toBe('p95 response time 3,500 ms over the last 5 min (100 requests)');
    const verySlow = byRule(readings({ http: http(Array<number>(20).fill(30)) }));
    expect(verySlow['response_time']!.summary).toContain('p95 response time over 10,000 ms');
    // Under ALERT_MIN_REQUESTS (20) requests: a few slow ones in a quiet window are not judged.
    const fewSlow = byRule(readings({ http: http(Array<number>(19).fill(3)) }))['response_time']!;
    expect(fewSlow).toMatchObject({ holds: false, value: 4850 });
    expect(fewSlow.summary).toContain('too few to judge');

    expect(byRule(readings({ http: http(Array<number>(100).fill(0.05), 6) }))['error_rate']).toMatchObject({ holds: true, value: 6 });
    expect(byRule(readings({ http: http(Array<number>(100).fill(0.05), 5) }))['error_rate']).toMatchObject({ holds: false, value: 5 });
    // Under ALERT_MIN_REQUESTS (20) requests: not judged, whatever the share.
    const few = byRule(readings({ http: http(Array<number>(19).fill(0.05), 19) }))['error_rate']!;
    expect(few).toMatchObject({ holds: false, value: 100 });
    expect(few.summary).toContain('too few requests to judge');

    expect(byRule(readings({ memory: { usedBytes: 7.3e9, limitBytes: 8e9, basis: 'cgroup' } }))['memory']).toMatchObject({
      holds: true,
      summary: "91.3 % of the container's (cgroup) memory limit (7.3 GB of 8.0 GB)",
    });
    expect(byRule(readings({ cpuPercent: 80.5 }))['cpu']!.holds).toBe(true);
    expect(byRule(readings({ cpuPercent: null }))['cpu']).toMatchObject({ holds: false, value: null });
    expect(byRule(readings({ disk: { volume: 'backups', path: '/b', freeRatio: 0.09 } }))['disk']).toMatchObject({
      holds: true,
      summary: '9.0 % free on the volume of the backups (/b)',
    });
    expect(byRule(readings({ connections: 1001 }))['connections']!.holds).toBe(true);
    expect(byRule(readings({ connections: 1000 }))['connections']!.holds).toBe(false);
  });

  it('job rules: a failed last run holds, an unknown one leaves the alert as it is; Mistral only when configured', () => {
    const jobs = {
      backup: { failed: true, detail: 'the backup failed at 2026-06-02T10:30:00.000Z (no success recorded; see the server log)' },
      'session-cleanup': { failed: null, detail: 'the cleanup log could not be read: connect ECONNREFUSED' },
    };
    const evaluations = byRule(readings({ jobs }));
    expect(evaluations['backup_failed']).toMatchObject({ holds: true, value: 1, summary: jobs.backup.detail });
    expect(evaluations['cleanup_failed']).toMatchObject({ holds: null, value: null });
    expect(byRule(readings())['backup_failed']).toMatchObject({ holds: false, value: 0 });

    expect(byRule(readings())['mistral_circuit']).toMatchObject({ holds: false, value: null, summary: 'Mistral AI is not configured' });
    const now = new Date('2026-06-02T11:00:00Z');
    const open = (minutes: number) => byRule(readings({ now, mistral: { openSince: new Date(now.getTime() - minutes * 60_000) } }))['mistral_circuit']!;
    expect(open(5).holds).toBe(false);
    expect(open(5.5)).toMatchObject({ holds: true, value: 5.5 });
  });

  it('take their thresholds from ALERT_*', () => {
    const strict = alertRules(AppConfig.fromEnv({ ALERT_RESPONSE_TIME_MS: '400', ALERT_DISK_FREE_PERCENT: '60', ALERT_MEMORY_PERCENT: '40' }));
    const evaluations = Object.fromEntries(evaluate(strict, readings({ http: http(Array<number>(50).fill(0.7)) })).map((e) => [e.rule, e]));
    expect(evaluations['response_time']).toMatchObject({ holds: true, threshold: 400 });
    expect(evaluations['disk']).toMatchObject({ holds: true, threshold: 60 });
    expect(evaluations['memory']).toMatchObject({ holds: true, threshold: 40 });
  });
});

describe('alert messages', () => {
  const context = { destination: 'Calpe', host: 'web-1', timeZone: 'Europe/Madrid', publicUrl: null, repeatMinutes: 60 };
  const rule = rules.find((candidate) => candidate.name === 'disk')!;

  it('say the rule, the value, the threshold, since when and where; HTML escaped, no links without PUBLIC_URL', () => {
    const evaluation = { rule: 'disk' as const, threshold: 10, value: 4.2, holds: true, summary: '4.2 % free on the volume of the <backups> (/b)' };
    const message = alertMessage('firing', rule, evaluation, { startedAt: new Date('2026-06-02T11:00:00Z'), resolvedAt: null }, context);
    expect(message.subject).toBe('[HoliBot Calpe] FIRING: Low disk space on web-1 (4.2 %, threshold 10.0 %)');
    expect(message.text).toContain('Since:     2 Jun 2026, 13:00:00 CEST');
    expect(message.text).not.toContain('Health:');
    expect(message.html).toContain('&lt;backups&gt;');
    expect(message.html).not.toContain('<backups>');
    const resolved = alertMessage(
      'resolved',
      rule,
      { ...evaluation, value: 30, holds: false },
      { startedAt: new Date('2026-06-02T11:00:00Z'), resolvedAt: new Date('2026-06-02T14:30:00Z') },
      context,
    );
    expect(resolved.subject).toBe('[HoliBot Calpe] RESOLVED: Low disk space on web-1');
    expect(resolved.text).toContain('it held for 3.5 h');
    expect(testMessage({ ...context, publicUrl: 'https://bot.example.com' }, new Date()).text).toContain('Health: https://bot.example.com/health/ready');
  });

  it('format values in their unit', () => {
    expect(formatValue(2430.4, 'ms')).toBe('2,430 ms');
    expect(formatValue(93.21, '%')).toBe('93.2 %');
    expect(formatValue(1204, 'connections')).toBe('1,204 connections');
    expect(formatValue(1, 'failed runs')).toBe('failed');
    expect(formatValue(null, 'ms')).toBe('unknown');
  });
});
