import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_METRIC, METRIC } from '../apps/api/src/observability/metrics/metric-definitions.js';
import {
  type ComposeService,
  DASHBOARD,
  NGINX_COMPOSE_SITE,
  NGINX_SITE,
  PM2_FILE,
  interpolate,
  loadComposeFile,
  nginxBinary,
  nginxSandbox,
  nginxTest,
  promtool,
  queriedMetricNames,
  RULES,
  testCertificate,
  withCertificate,
} from './operator-assets.mjs';

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

// ---------------------------------------------------------------------------------------------
// Several instances: tools/pm2, tools/nginx, docker-compose.yml

/** Loads the PM2 file as PM2 does (require()), in a process of its own, from a copy under a root with the given .env. */
function loadPm2(envFile: string | null, env: Record<string, string> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'holibot-pm2-'));
  try {
    mkdirSync(join(root, 'tools/pm2'), { recursive: true });
    const file = join(root, 'tools/pm2/ecosystem.config.cjs');
    copyFileSync(PM2_FILE, file);
    if (envFile !== null) writeFileSync(join(root, '.env'), envFile);
    const result = spawnSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify(require(${JSON.stringify(file)})))`], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`require() of the PM2 file failed:\n${result.stderr}`);
    const [app] = (JSON.parse(result.stdout) as { apps: Array<Record<string, any>> }).apps;
    return { app: app!, warnings: result.stderr, root };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The `server host:port` lines of a site file's upstream block. */
function upstreamServers(site: string): string[] {
  const block = /upstream holibot_api \{([\s\S]*?)\n\}/.exec(readFileSync(site, 'utf8'))?.[1] ?? '';
  return [...block.matchAll(/^\s*server\s+(\S+)/gm)].map((match) => match[1]!);
}

describe('PM2 ecosystem file (tools/pm2)', () => {
  it('loads with require() and runs HoliBot in cluster mode, two workers on MySQL with REDIS_URL, on the ports nginx lists', () => {
    const { app, warnings } = loadPm2('DB_TYPE=mysql\nREDIS_URL="redis://:secret@10.0.0.5:6379/0"  # shared\n');
    expect(app).toMatchObject({
      name: 'holibot-backend',
      script: 'dist/apps/api/src/main.js',
      exec_mode: 'cluster',
      instances: 2,
      increment_var: 'PORT',
      node_args: '--max-semi-space-size=16 --expose-gc',
    });
    // The workers get what .env does not say; REDIS_URL they read from .env themselves.
    expect(app['env']).toEqual({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '3002',
      HOLIBOT_INSTANCES: '2',
      DB_MIGRATE_ON_START: 'false',
      TRUST_PROXY: '1',
    });
    expect(warnings).toBe('');
    // Worker n listens on PORT + n: the nginx example's upstream lists exactly those.
    expect(upstreamServers(NGINX_SITE)).toEqual(['127.0.0.1:3002', '127.0.0.1:3003']);
    // The same V8 flags as `npm start`.
    const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['start']!;
    expect(start).toContain(`node ${app['node_args']} ${app['script']}`);
  });

  it('passes REDIS_URL from its environment, counts "max" workers, and warns about several workers without Redis or on SQLite', () => {
    const shared = loadPm2('DB_TYPE=mysql\nPORT=4000\n', { REDIS_URL: 'redis://127.0.0.1:6379/0', PM2_INSTANCES: '3' });
    expect(shared.app).toMatchObject({ instances: 3, env: { PORT: '4000', HOLIBOT_INSTANCES: '3', REDIS_URL: 'redis://127.0.0.1:6379/0' } });
    expect(shared.warnings).toBe('');

    const alone = loadPm2('DB_TYPE=mysql\n', { PM2_INSTANCES: 'max' });
    expect(alone.app['instances']).toBeGreaterThanOrEqual(1);
    expect(alone.app['env']['HOLIBOT_INSTANCES']).toBe(String(alone.app['instances']));
    if (alone.app['instances'] > 1) expect(alone.warnings).toMatch(/without REDIS_URL: each keeps its own rate limit/);

    const sqlite = loadPm2(null, { PM2_INSTANCES: '2', REDIS_URL: 'redis://127.0.0.1:6379/0' });
    expect(sqlite.warnings).toMatch(/several workers need DB_TYPE=mysql/);
  });

  it('runs one worker on SQLite (the default), which may migrate at start; HOST and TRUST_PROXY from .env are left alone', () => {
    const { app, warnings } = loadPm2('');
    expect(app).toMatchObject({ instances: 1, env: { HOLIBOT_INSTANCES: '1', DB_MIGRATE_ON_START: 'true', TRUST_PROXY: '1' } });
    expect(warnings).toBe('');
    const remote = loadPm2('DB_TYPE=mysql\nREDIS_URL=redis://r:6379\nHOST=0.0.0.0\nDB_MIGRATE_ON_START=false\n', { PM2_INSTANCES: '1' });
    expect(remote.app['env']).toEqual({ NODE_ENV: 'production', HOST: '0.0.0.0', PORT: '3002', HOLIBOT_INSTANCES: '1', DB_MIGRATE_ON_START: 'false' });
  });
});

// Without nginx these tests are skipped, except in CI, where they fail (.ci/run installs nginx-light).
const NGINX = nginxBinary();
const withNginx = NGINX || process.env['CI'] === 'true' ? it : it.skip;
if (!NGINX && process.env['CI'] !== 'true') {
  console.warn('nginx not found (apt-get install nginx-light, or set NGINX): the `nginx -t` checks of tools/nginx are SKIPPED');
}

describe('nginx site files (tools/nginx)', () => {
  const sandboxes: string[] = [];
  afterAll(() => sandboxes.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const check = (site: string, rewrite?: (text: string) => string) => {
    if (!NGINX) throw new Error('nginx not found: apt-get install nginx-light, or set NGINX to its path');
    const sandbox = nginxSandbox(site, rewrite);
    sandboxes.push(sandbox.prefix);
    const result = nginxTest(NGINX, sandbox);
    if (!result.ok) throw new Error(`nginx -t failed on ${site}:\n${result.output}`);
    return result.output;
  };
  const gatewayPath = /@WebSocketGateway\(\{ path: '([^']+)'/.exec(readFileSync('apps/api/src/chat/chat.gateway.ts', 'utf8'))?.[1];

  withNginx('holibot.conf.example passes `nginx -t` with real TLS: a certificate and key made by openssl', () => {
    const dir = mkdtempSync(join(tmpdir(), 'holibot-cert-'));
    sandboxes.push(dir);
    const certificate = testCertificate(dir);
    const text = readFileSync(NGINX_SITE, 'utf8');
    expect(text).toContain('ssl_certificate     /etc/letsencrypt/live/bot.example.com/fullchain.pem;');
    expect(check(NGINX_SITE, (site) => withCertificate(site, certificate))).toMatch(/test is successful/);
    // A certificate nginx cannot read fails the test: TLS is checked for real, not skipped.
    expect(() => check(NGINX_SITE, (site) => withCertificate(site, { cert: join(dir, 'missing.pem'), key: certificate.key }))).toThrow(/missing\.pem/);
  });

  withNginx('holibot.compose.conf passes `nginx -t` once its upstream names servers this machine resolves', () => {
    // `api` resolves only on compose's network, and `resolve` needs nginx >= 1.27.3 (the image's
    // 1.28; Debian 12 has 1.22): the upstream's server line is the one thing changed.
    const [server] = upstreamServers(NGINX_COMPOSE_SITE);
    expect(server).toBe('api:3002');
    const output = check(NGINX_COMPOSE_SITE, (site) =>
      site.replace(/^(\s*)server api:3002 resolve (.*);$/m, '$1server 127.0.0.1:3002 $2;\n$1server 127.0.0.1:3003 $2;'),
    );
    expect(output).toMatch(/test is successful/);
    expect(output).not.toMatch(/\[warn\]/);
  });

  it.each([
    ['holibot.conf.example', NGINX_SITE],
    ['holibot.compose.conf', NGINX_COMPOSE_SITE],
  ])('%s: WebSocket upgrade on the gateway path, the real client address, widget caching, keep-alive shorter than HoliBot’s', (_, site) => {
    const text = readFileSync(site, 'utf8');
    expect(gatewayPath).toBe('/api/v1/chat/ws');
    expect(text).toContain(`location = ${gatewayPath} {`);
    expect(text).toMatch(/proxy_set_header Upgrade\s+\$http_upgrade;/);
    expect(text).toMatch(/proxy_set_header Connection\s+\$holibot_connection;/);
    expect(text).toMatch(/proxy_set_header X-Forwarded-For\s+\$proxy_add_x_forwarded_for;/);
    expect(text).toMatch(/proxy_set_header X-Real-IP\s+\$remote_addr;/);
    // Every proxy_set_header sits in the server block: a location with one of its own would drop the rest.
    const locations = text.split(/\n\s*location /).slice(1);
    expect(locations.filter((block) => /proxy_set_header/.test(block.split(/\n\s*\}/)[0]!))).toEqual([]);
    const widgetVersions = /location \/widget\/v\/ \{([\s\S]*?)\n\s*\}/.exec(text)?.[1] ?? '';
    expect(widgetVersions).toMatch(/proxy_cache holibot_widget;/);
    expect(widgetVersions).toMatch(/add_header X-Cache-Status/);
    expect(text).toMatch(/location \/widget\/ \{\s*proxy_pass http:\/\/holibot_api;\s*\}/);
    // nginx must close idle upstream connections before HoliBot does (http-app.ts: keepAliveTimeout).
    const holibotKeepAliveMs = Number(/keepAliveTimeout: ([\d_]+)/.exec(readFileSync('apps/api/src/http-app.ts', 'utf8'))?.[1]?.replaceAll('_', ''));
    const nginxKeepAliveS = Number(/keepalive_timeout (\d+)s;/.exec(text)?.[1]);
    expect(nginxKeepAliveS * 1000).toBeLessThan(holibotKeepAliveMs);
    expect(text).toMatch(/keepalive \d+;/);
  });
});

describe('docker-compose.yml', () => {
  const compose = loadComposeFile();
  const service = (name: string): ComposeService => {
    const found = compose.services[name];
    if (!found) throw new Error(`no service ${name}`);
    return found;
  };
  const env = (name: string) => Object.fromEntries(Object.entries(service(name).environment ?? {}).map(([key, value]) => [key, String(value)]));

  it('parses, and keeps every service it had, with redis, a one-shot migrate and nginx added', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'grafana', 'mailpit', 'migrate', 'mysql', 'nginx', 'prometheus', 'redis']);
    // Every named volume a service mounts is declared; every file it binds exists (but the token
    // file the operator writes, which git ignores).
    for (const [name, { volumes = [] }] of Object.entries(compose.services)) {
      for (const volume of volumes) {
        const source = typeof volume === 'string' ? volume.split(':')[0]! : volume.source;
        if (source === './tools/prometheus/metrics-token') continue;
        if (source.startsWith('./')) expect([name, source, existsSync(source)]).toEqual([name, source, true]);
        else if (!source.startsWith('/')) expect(Object.keys(compose.volumes ?? {})).toContain(source);
      }
    }
  });

  it('redis: Redis 7 with a health check, no persistence, reachable by the api only', () => {
    const redis = service('redis');
    expect(redis.image).toBe('redis:7-alpine');
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(redis.command).toEqual(expect.arrayContaining(['--save', '', '--appendonly', 'no']));
    expect(redis.ports).toBeUndefined();
  });

  it('api: REDIS_URL to that redis, two replicas (HOLIBOT_INSTANCES), no host port, TRUST_PROXY=1, started after migrate', () => {
    const api = service('api');
    expect(env('api')).toMatchObject({ REDIS_URL: 'redis://redis:6379/0', DB_TYPE: 'mysql', DB_HOST: 'mysql', DB_MIGRATE_ON_START: 'false', PORT: '3002' });
    expect(interpolate(env('api')['HOLIBOT_INSTANCES'])).toBe('2');
    expect(interpolate(api.deploy?.replicas)).toBe('2');
    expect(interpolate(api.deploy?.replicas, { HOLIBOT_INSTANCES: '3' })).toBe(interpolate(env('api')['HOLIBOT_INSTANCES'], { HOLIBOT_INSTANCES: '3' }));
    expect(interpolate(env('api')['TRUST_PROXY'])).toBe('1');
    expect(api.ports).toBeUndefined();
    expect(api.depends_on).toMatchObject({
      migrate: { condition: 'service_completed_successfully' },
      mysql: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    // Each replica its own log folder (an anonymous volume); the widget store and backups shared.
    expect(api.volumes).toEqual(expect.arrayContaining(['/app/logs', 'api-data:/app/data', 'api-backups:/app/backups']));
    expect(interpolate(env('api')['DB_PASSWORD'], { MYSQL_PASSWORD: 'pw' })).toBe('pw');
  });

  it('migrate: the api image running `holibot migrate` once, on the same database', () => {
    const migrate = service('migrate');
    expect(migrate.image).toBe(service('api').image);
    expect(migrate.build).toEqual(service('api').build);
    expect(migrate.command).toEqual(['node', 'dist/apps/api/src/cli.js', 'migrate']);
    expect(migrate.restart).toBe('no');
    for (const key of ['DB_TYPE', 'DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASSWORD', 'DB_NAME'])
      expect([key, env('migrate')[key]]).toEqual([key, env('api')[key]]);
  });

  it('nginx: publishes the port the api published, with holibot.compose.conf, whose upstream is the api service', () => {
    const nginx = service('nginx');
    const [, minor] = /^nginx:1\.(\d+)/.exec(nginx.image ?? '') ?? [];
    // `server … resolve` in an upstream: nginx >= 1.27.3.
    expect(Number(minor)).toBeGreaterThanOrEqual(28);
    expect(nginx.volumes).toContain('./tools/nginx/holibot.compose.conf:/etc/nginx/conf.d/default.conf:ro');
    expect((nginx.ports ?? []).map((port) => interpolate(port))).toEqual(['127.0.0.1:3002:80']);
    expect(nginx.depends_on).toMatchObject({ api: { condition: 'service_healthy' } });
    expect(upstreamServers(NGINX_COMPOSE_SITE)).toEqual([`api:${env('api')['PORT']}`]);
  });
});
