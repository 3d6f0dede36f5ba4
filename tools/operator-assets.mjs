// The operator's assets: the monitoring files (tools/prometheus, tools/grafana) — which HoliBot
// metrics they query, and where promtool is; tools/operator-assets.spec.ts checks the queries
// against apps/api/src/observability/metrics/metric-definitions.ts and runs promtool on the rules —
// and the files for several instances (tools/nginx, tools/pm2, docker-compose.yml): where they
// are, and an nginx sandbox in which the tests run the real binary on them.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
export const DASHBOARD = join(ROOT, 'tools/grafana/dashboards/holibot.json');
export const RULES = join(ROOT, 'tools/prometheus/holibot.rules.yml');

// A metric name that starts with HoliBot's prefix; label names inside {...} never do.
const METRIC_NAME = /\bholibot_[a-zA-Z0-9_:]*/g;

/**
 * The `holibot_…` metric names the dashboard's queries (targets[].expr, rows' panels included) and
 * the alerting rules (expr) use, sorted and unique, as written: a histogram's `_bucket`, `_sum` and
 * `_count` series keep their suffix, like in a scrape.
 */
export function queriedMetricNames(dashboard = DASHBOARD, rules = RULES) {
  const exprs = [...dashboardExprs(JSON.parse(readFileSync(dashboard, 'utf8'))), ...rulesExprs(readFileSync(rules, 'utf8'))];
  return [...new Set(exprs.flatMap((expr) => expr.match(METRIC_NAME) ?? []))].sort();
}

function dashboardExprs(dashboard) {
  const panels = (list) => (list ?? []).flatMap((panel) => [panel, ...panels(panel.panels)]);
  return panels(dashboard.panels).flatMap((panel) => (panel.targets ?? []).map((target) => target.expr ?? ''));
}

/**
 * The `expr:` values of a rules file: inline, or a block scalar (`expr: |` / `>`) whose lines are
 * indented deeper than the key. Enough for the rules files kept here, without a YAML library.
 */
function rulesExprs(text) {
  const lines = text.split('\n');
  const exprs = [];
  lines.forEach((line, index) => {
    const match = /^(\s*)(?:-\s+)?expr:\s*(.*)$/.exec(line);
    if (!match) return;
    const [, indent, value] = match;
    if (!/^[|>]/.test(value)) return exprs.push(value);
    const block = [];
    for (const next of lines.slice(index + 1)) {
      if (next.trim() !== '' && next.search(/\S/) <= indent.length) break;
      block.push(next);
    }
    exprs.push(block.join('\n'));
  });
  return exprs;
}

/** promtool to run: $PROMTOOL, else /usr/bin/promtool (Debian's prometheus package), else the first on PATH; null if none. */
export function promtool() {
  if (process.env.PROMTOOL) return process.env.PROMTOOL;
  const candidates = [
    '/usr/bin/promtool',
    ...(process.env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'promtool')),
  ];
  return candidates.find(isExecutable) ?? null;
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// nginx (tools/nginx): the site files run by the real binary in a sandbox of their own — a temporary
// prefix, its own pid, logs, temporary and cache folders, test certificates — for `nginx -t` in
// tools/operator-assets.spec.ts and in front of real HoliBot servers in apps/api/test/nginx.e2e-spec.ts.

export const NGINX_SITE = join(ROOT, 'tools/nginx/holibot.conf.example');
export const NGINX_COMPOSE_SITE = join(ROOT, 'tools/nginx/holibot.compose.conf');
export const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
export const PM2_FILE = join(ROOT, 'tools/pm2/ecosystem.config.cjs');

/** nginx to run: $NGINX, else /usr/sbin/nginx (Debian's nginx-light), else the first on PATH; null if none. */
export function nginxBinary() {
  if (process.env.NGINX) return process.env.NGINX;
  const candidates = [
    '/usr/sbin/nginx',
    ...(process.env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'nginx')),
  ];
  return candidates.find(isExecutable) ?? null;
}

/** A self-signed certificate for 127.0.0.1 and localhost, made by openssl in `dir`: {cert, key}. */
export function testCertificate(dir) {
  const cert = join(dir, 'test-cert.pem');
  const key = join(dir, 'test-key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  );
  return { cert, key };
}

/**
 * Writes a sandbox for a site file: `<prefix>/site.conf` (the site with its machine paths moved
 * into the prefix and the rewrites applied) and `<prefix>/nginx.conf`, the http {} block that
 * includes it as nginx.conf or conf.d/ would. `rewrite(text)` changes the site (certificates,
 * listen ports, upstream servers). Returns {prefix, conf}: run `nginx -p prefix -c conf`.
 */
export function nginxSandbox(site, rewrite = (text) => text) {
  const prefix = mkdtempSync(join(tmpdir(), 'holibot-nginx-'));
  // nginx's worker processes run as an unprivileged user when the master is root: they must reach
  // the folders nginx makes for them (temporary files, the cache) inside the prefix.
  chmodSync(prefix, 0o755);
  // Made by the operator (holibot.conf.example says how) or by the image (nginx:alpine); not by nginx.
  mkdirSync(join(prefix, 'cache'), { mode: 0o755 });
  const text = rewrite(readFileSync(site, 'utf8')).replaceAll('/var/cache/nginx/', `${prefix}/cache/`).replaceAll('/var/log/nginx/', `${prefix}/`);
  writeFileSync(join(prefix, 'site.conf'), text);
  const conf = join(prefix, 'nginx.conf');
  const user = process.getuid?.() === 0 ? 'user nobody nogroup;\n' : '';
  writeFileSync(
    conf,
    `${user}pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log info;
worker_processes 1;
events { worker_connections 256; }
http {
    access_log ${prefix}/access.log;
    client_body_temp_path ${prefix}/client_body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;
    include ${prefix}/site.conf;
}
`,
  );
  return { prefix, conf };
}

/** `nginx -t` on a sandbox: {ok, output} (what nginx said on stderr: warnings, errors, "test is successful"). */
export function nginxTest(binary, { prefix, conf }) {
  const result = spawnSync(binary, ['-t', '-p', prefix, '-c', conf, '-e', 'stderr'], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** A site file with the TLS example's certificate paths pointed at `certificate` ({cert, key}). */
export function withCertificate(text, { cert, key }) {
  return text.replace(/ssl_certificate\s+\S+;/, `ssl_certificate     ${cert};`).replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${key};`);
}

// ---------------------------------------------------------------------------------------------
// docker-compose.yml, read as Compose reads it (no Docker here): YAML with merge keys (`<<:`).

/**
 * js-yaml, the one @nestjs/swagger (a dependency) brings: Compose files are YAML, and the project
 * has no YAML parser of its own.
 */
function yamlParser() {
  const swagger = createRequire(import.meta.url).resolve('@nestjs/swagger');
  return createRequire(swagger)('js-yaml');
}

/** `<<: *anchor` (one mapping or a list of them) merged into its mapping, the mapping's own keys winning: what Compose does. */
function mergeKeys(value) {
  if (Array.isArray(value)) return value.map(mergeKeys);
  if (value === null || typeof value !== 'object') return value;
  const { '<<': merged, ...own } = value;
  const base = merged === undefined ? {} : Object.assign({}, ...[merged].flat().map(mergeKeys));
  return { ...base, ...Object.fromEntries(Object.entries(own).map(([key, item]) => [key, mergeKeys(item)])) };
}

/** docker-compose.yml as an object, merge keys applied; `${…}` left as written (see interpolate). */
export function loadComposeFile(file = COMPOSE_FILE) {
  return mergeKeys(yamlParser().load(readFileSync(file, 'utf8')));
}

/** Compose's `${NAME}`, `${NAME:-default}` and `${NAME:?message}` against `env` (an unset required one throws). */
export function interpolate(text, env = {}) {
  return String(text).replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (_, name, operator, argument) => {
    const value = env[name];
    const unset = value === undefined || (operator?.startsWith(':') && value === '');
    if (!unset) return value;
    if (operator?.endsWith('?')) throw new Error(`${name}: ${argument}`);
    return operator?.endsWith('-') ? argument : '';
  });
}
