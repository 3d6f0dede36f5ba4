import { isIP } from 'node:net';
import { InvalidArgumentError } from 'commander';
import { InvalidRequestError } from '../common/domain-error.js';

/** The four kinds of virtual user; `--mix` gives each a share of the users. */
export const SCENARIOS = ['chat', 'session', 'static', 'ws'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
export type Mix = Record<ScenarioName, number>;

/** The earlier system's defaults: `load-test.js [users=100] [duration=60] [rampUp=10]`. */
export const DEFAULTS = {
  users: 100,
  durationS: 60,
  rampUpS: 10,
  /** Chat 60 %, session read 15 %, static page and widget 15 %, WebSocket chat 10 %. */
  mix: { chat: 60, session: 15, static: 15, ws: 10 } as Mix,
  /** A virtual user's pause between two steps, ± THINK_JITTER of it. */
  thinkTimeMs: 1000,
  out: 'load-test-results',
} as const;

/** The pause is drawn uniformly from thinkTime · (1 ± THINK_JITTER). */
export const THINK_JITTER = 0.5;

/** What the run must meet; missing either exits 1. */
export const TARGETS = { p95Ms: 500, errorRatePercent: 1 } as const;

export const LIMITS = { users: 10_000, durationS: 86_400, thinkTimeMs: 600_000 } as const;

/** Everything a run needs, validated. */
export interface LoadTestOptions {
  /** The server's base URL (a path is kept: http://host/holibot). */
  target: URL;
  /** Whether --target named it (else it is this machine's server, from HOST and PORT). */
  targetGiven: boolean;
  users: number;
  durationS: number;
  rampUpS: number;
  mix: Mix;
  thinkTimeMs: number;
  rateLimitAware: boolean;
  outDir: string;
  json: boolean;
}

/** A commander parser for a whole number between `min` and `max`. */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    const n = Number(value.trim());
    if (n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}

export const parseUsers = wholeNumber(1, LIMITS.users);
export const parseDuration = wholeNumber(1, LIMITS.durationS);
export const parseRampUp = wholeNumber(0, LIMITS.durationS);
export const parseThinkTime = wholeNumber(0, LIMITS.thinkTimeMs);

/**
 * `chat=60,session=15,static=15,ws=10`: each scenario's share of the virtual users (relative
 * weights: they need not add up to 100). A scenario left out gets none.
 */
export function parseMix(value: string): Mix {
  const mix: Mix = { chat: 0, session: 0, static: 0, ws: 0 };
  const seen = new Set<string>();
  const usage = `expected name=weight pairs such as ${formatMix(DEFAULTS.mix)} (names: ${SCENARIOS.join(', ')})`;
  for (const part of value.split(',')) {
    const match = /^\s*([a-z]+)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!match) throw new InvalidArgumentError(`"${part.trim()}": ${usage}`);
    const [, name, weight] = match;
    if (!(SCENARIOS as readonly string[]).includes(name!)) throw new InvalidArgumentError(`unknown scenario "${name}": ${usage}`);
    if (seen.has(name!)) throw new InvalidArgumentError(`"${name}" is given twice`);
    seen.add(name!);
    mix[name as ScenarioName] = Number(weight);
  }
  if (SCENARIOS.every((name) => mix[name] === 0)) throw new InvalidArgumentError('at least one scenario needs a weight above 0');
  return mix;
}

export function formatMix(mix: Mix): string {
  return SCENARIOS.filter((name) => mix[name] > 0)
    .map((name) => `${name}=${mix[name]}`)
    .join(',');
}

/** `--target`: an http(s) URL; a path is kept as the base of every request. */
export function parseTarget(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('must be an http(s) URL such as http://127.0.0.1:3002');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('must be an http(s) URL such as http://127.0.0.1:3002');
  if (url.username || url.password || url.search || url.hash) throw new InvalidArgumentError('must be a base URL without credentials, query or fragment');
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

/**
 * Whether a URL's host is this machine's loopback: `localhost` (RFC 6761: always loopback; no
 * lookup is made), 127.0.0.0/8, ::1 and IPv4-mapped 127.x.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) {
    if (host === '::1' || /^(0{0,4}:){7}0{0,3}1$/.test(host)) return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    return mapped !== null && mapped[1]!.startsWith('127.');
  }
  return false;
}

/**
 * The server this machine runs, from HOST and PORT: a wildcard HOST (0.0.0.0, ::) is reached on
 * loopback. Refused when that is not a loopback address: without --target the load test never
 * leaves the machine.
 */
export function defaultTarget(server: { host: string; port: number }): URL {
  if (server.port === 0) {
    throw new InvalidRequestError('PORT=0 (a random port): there is no default server to load; name it with --target <url>');
  }
  const host = server.host === '0.0.0.0' || server.host === '' ? '127.0.0.1' : server.host === '::' ? '[::1]' : server.host;
  const hostForUrl = isIP(host) === 6 ? `[${host}]` : host;
  const url = new URL(`http://${hostForUrl}:${server.port}`);
  if (!isLoopbackHost(url.hostname)) {
    throw new InvalidRequestError(
      `the default target ${url.origin} (HOST=${server.host}, PORT=${server.port}) is not a loopback address; ` +
        'without --target the load test only loads this machine. Name the server with --target <url> to load-test another host.',
    );
  }
  url.pathname = '';
  return url;
}

/** The checks that involve more than one argument. */
export function checkCombination(options: Pick<LoadTestOptions, 'durationS' | 'rampUpS'>): void {
  if (options.rampUpS > options.durationS) {
    throw new InvalidRequestError(`rampUp (${options.rampUpS} s) must not be longer than the duration (${options.durationS} s)`);
  }
}

/** The stop of a run: in-flight requests get this long after the duration, then they are aborted. */
export function graceMs(durationS: number): number {
  return Math.round(Math.min(5, Math.max(2, durationS / 10)) * 1000);
}

/** The URL of `path` under the target's base path. */
export function targetUrl(target: URL, path: string): URL {
  const url = new URL(target.href);
  url.pathname = `${target.pathname.replace(/\/+$/, '')}${path}`;
  return url;
}
