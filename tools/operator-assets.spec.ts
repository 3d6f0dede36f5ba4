import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_METRIC, METRIC } from '../apps/api/src/observability/metrics/metric-definitions.js';
import { DASHBOARD, promtool, queriedMetricNames, RULES } from './operator-assets.mjs';

const PROMETHEUS_DIR = 'tools/prometheus';
const TOKEN_FILE = '/etc/prometheus/metrics-token';

// Without promtool these tests are skipped, except in CI, where they fail (.ci/run installs it).
const PROMTOOL = promtool();
const withPromtool = PROMTOOL || process.env.CI === 'true' ? it : it.skip;

function runPromtool(args: string[], cwd: string): string {
  if (!PROMTOOL) throw new Error("promtool not found: install Debian's prometheus package (apt-get install prometheus), or set PROMTOOL to its path");
  try {
    return execFileSync(PROMTOOL, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

describe('Prometheus configuration and rules (promtool)', () => {
  withPromtool('prometheus.yml passes `promtool check config` (with its rule file and a stand-in token file)', () => {
    // promtool checks that credentials_file exists: check a copy that reads a token written here.
    const dir = mkdtempSync(join(tmpdir(), 'holibot-prometheus-'));
    try {
      const config = readFileSync(join(PROMETHEUS_DIR, 'prometheus.yml'), 'utf8');
      expect(config.split(`credentials_file: ${TOKEN_FILE}`)).toHaveLength(2);
      const token = join(dir, 'metrics-token');
      writeFileSync(token, 'a-metrics-token-of-32-characters\n');
      writeFileSync(join(dir, 'prometheus.yml'), config.replace(TOKEN_FILE, token));
      copyFileSync(RULES, join(dir, 'holibot.rules.yml'));
      expect(runPromtool(['check', 'config', 'prometheus.yml'], dir)).toContain('SUCCESS');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  withPromtool('holibot.rules.yml passes `promtool check rules`', () => {
    expect(runPromtool(['check', 'rules', 'holibot.rules.yml'], PROMETHEUS_DIR)).toContain('SUCCESS');
  });

  withPromtool('holibot.rules.test.yml passes `promtool test rules`', () => {
    expect(runPromtool(['test', 'rules', 'holibot.rules.test.yml'], PROMETHEUS_DIR)).toContain('SUCCESS');
  });

  it('holibot.rules.test.yml tests every alert at least once firing and once quiet', () => {
    const alerts = [...readFileSync(RULES, 'utf8').matchAll(/^\s*- alert: (\S+)$/gm)].map((match) => match[1]!);
    const tests = readFileSync(join(PROMETHEUS_DIR, 'holibot.rules.test.yml'), 'utf8');
    // `alertname: X` followed by `exp_alerts: []` (quiet) or by `exp_alerts:` and a list (firing).
    const quiet = new Set([...tests.matchAll(/alertname: (\w+), exp_alerts: \[\]/g)].map((match) => match[1]));
    const firing = new Set([...tests.matchAll(/alertname: (\w+)\n\s+exp_alerts:\n\s+- exp_labels/g)].map((match) => match[1]));
    expect(alerts.length).toBeGreaterThanOrEqual(10);
    expect(alerts.filter((alert) => !quiet.has(alert))).toEqual([]);
    expect(alerts.filter((alert) => !firing.has(alert))).toEqual([]);
  });
});

describe('Grafana dashboard', () => {
  interface Panel {
    type: string;
    title: string;
    datasource?: { uid?: string };
    targets?: { expr?: string; datasource?: { uid?: string } }[];
    panels?: Panel[];
  }
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; schemaVersion: number; panels: Panel[] };
  const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]).filter((panel) => panel.type !== 'row');

  it('is a dashboard with panels, on the provisioned Prometheus data source', () => {
    expect(dashboard.uid).toBe('holibot');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(panels.length).toBeGreaterThan(20);
    const datasources = readFileSync('tools/grafana/provisioning/datasources/prometheus.yml', 'utf8');
    expect(datasources).toContain('uid: holibot-prometheus');
  });

  it('gives every panel the holibot-prometheus data source and at least one query', () => {
    const wrong = panels.filter(
      (panel) =>
        panel.datasource?.uid !== 'holibot-prometheus' ||
        !panel.targets?.length ||
        panel.targets.some((target) => !target.expr?.trim() || (target.datasource && target.datasource.uid !== 'holibot-prometheus')),
    );
    expect(wrong.map((panel) => panel.title)).toEqual([]);
  });

  it('has unique panel titles', () => {
    const titles = panels.map((panel) => panel.title);
    expect(titles.filter((title, index) => titles.indexOf(title) !== index)).toEqual([]);
  });
});

describe('queriedMetricNames', () => {
  const histograms = Object.values(METRIC)
    .filter((definition) => 'buckets' in definition)
    .map((definition) => definition.name);
  const known = new Set<string>([
    ...Object.values(METRIC).map((definition) => definition.name),
    ...Object.values(DEFAULT_METRIC),
    ...histograms.flatMap((name) => ['_bucket', '_sum', '_count'].map((suffix) => `${name}${suffix}`)),
  ]);

  it('finds the metrics of the dashboard and of the rules, sorted and unique', () => {
    const names = queriedMetricNames();
    expect(names).toEqual([...new Set(names)].sort());
    expect(names).toEqual(
      expect.arrayContaining([
        'holibot_http_request_duration_seconds_bucket',
        'holibot_job_last_success_timestamp_seconds',
        'holibot_process_cpu_seconds_total',
        'holibot_mistral_circuit_open',
      ]),
    );
    expect(names.every((name) => name.startsWith('holibot_'))).toBe(true);
  });

  it('uses only metrics the API defines (metric-definitions.ts), a histogram as its _bucket, _sum or _count series', () => {
    expect(queriedMetricNames().filter((name) => !known.has(name))).toEqual([]);
  });

  it('reads inline and block `expr:` values of a rules file, and the queries of panels inside rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'holibot-assets-'));
    try {
      const dashboard = join(dir, 'dashboard.json');
      const rules = join(dir, 'rules.yml');
      const rowPanel = { type: 'timeseries', targets: [{ expr: 'rate(holibot_in_a_row_total[5m])' }] };
      writeFileSync(
        dashboard,
        JSON.stringify({
          panels: [
            { type: 'row', panels: [rowPanel] },
            { type: 'stat', targets: [{ expr: 'holibot_b{job="holibot-api"}' }] },
          ],
        }),
      );
      writeFileSync(
        rules,
        [
          'groups:',
          '  - name: g',
          '    rules:',
          '      - alert: A',
          '        expr: holibot_inline > 1',
          '        # holibot_in_a_comment',
          '      - alert: B',
          '        expr: |',
          '          sum(holibot_block_one)',
          '',
          '            / holibot_block_two',
          '        for: 5m',
          '        annotations: { summary: holibot_not_a_query }',
          '',
        ].join('\n'),
      );
      expect(queriedMetricNames(dashboard, rules)).toEqual(['holibot_b', 'holibot_block_one', 'holibot_block_two', 'holibot_in_a_row_total', 'holibot_inline']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('promtool', () => {
  const saved = process.env.PROMTOOL;
  afterEach(() => {
    if (saved === undefined) delete process.env.PROMTOOL;
    else process.env.PROMTOOL = saved;
  });

  it('prefers $PROMTOOL', () => {
    process.env.PROMTOOL = '/opt/prometheus/promtool';
    expect(promtool()).toBe('/opt/prometheus/promtool');
  });
});
