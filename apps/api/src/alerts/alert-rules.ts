import type { AppConfig } from '../config/app-config.js';
import type { HttpTotals } from '../observability/metrics/metrics.service.js';

/**
 * The alert rules: the operations guide's six (response time, error rate, memory, CPU, disk,
 * connections) plus a failed cleanup or backup and a Mistral circuit left open. Pure functions
 * of a set of readings, so that each rule is tested without a server.
 */
export type AlertRuleName = 'response_time' | 'error_rate' | 'memory' | 'cpu' | 'disk' | 'connections' | 'cleanup_failed' | 'backup_failed' | 'mistral_circuit';

/** What the rules read, taken at one check (alert-readings.ts). */
export interface AlertReadings {
  /** The HTTP requests answered in the window (counts are differences of the metrics' totals). */
  http: { windowSeconds: number; count: number; errors: number; buckets: HttpTotals['buckets'] };
  memory: { usedBytes: number; limitBytes: number; basis: 'cgroup' | 'host' };
  /** The process's CPU over the window, in per cent of the cores it may use; null before any time has passed. */
  cpuPercent: number | null;
  /** The volume with the least free space of those HoliBot writes to; null when none could be read. */
  disk: { volume: string; path: string; freeRatio: number } | null;
  connections: number;
  /**
   * Whether the last run of each job failed (null: cannot tell, e.g. not run since this process
   * started), and what is known of it in words.
   */
  jobs: Record<'session-cleanup' | 'backup', JobHealth>;
  /** The Mistral circuit: null without Mistral; else since when it has been open (null: closed). */
  mistral: { openSince: Date | null } | null;
  now: Date;
}

export interface JobHealth {
  failed: boolean | null;
  detail: string;
}

/** What a rule makes of the readings. */
export interface RuleReading {
  /** The reading in the rule's unit, or null when there is nothing to judge (no requests, no Mistral). */
  value: number | null;
  /** null: cannot tell now; an alert already firing stays as it is. */
  holds: boolean | null;
  /** The reading in words, for the mail and `holibot alerts status`. */
  summary: string;
}

export interface AlertEvaluation extends RuleReading {
  rule: AlertRuleName;
  threshold: number;
}

export interface AlertRule {
  name: AlertRuleName;
  /** A short title: "High response time". */
  title: string;
  /** The condition in words, with the variable that sets it. */
  condition: string;
  unit: 'ms' | '%' | 'connections' | 'min' | 'failed runs';
  /** The value it compares with (0 for the job rules: any failed run). */
  threshold: number;
  read(readings: AlertReadings): RuleReading;
}

/** Every rule on one set of readings. */
export function evaluate(rules: readonly AlertRule[], readings: AlertReadings): AlertEvaluation[] {
  return rules.map((rule) => ({ rule: rule.name, threshold: rule.threshold, ...rule.read(readings) }));
}

/** How long the Mistral circuit may stay open before it is an alert. */
export const MISTRAL_CIRCUIT_MINUTES = 5;

/** The 95th percentile, in seconds, of the observations a cumulative histogram holds, as Prometheus's histogram_quantile reads it. */
export function histogramQuantile(quantile: number, buckets: HttpTotals['buckets']): number | null {
  const total = buckets.at(-1)?.count ?? 0;
  if (total <= 0) return null;
  const rank = quantile * total;
  let lower = 0;
  let below = 0;
  for (const { le, count } of buckets) {
    if (count >= rank) {
      // Beyond the last finite bound there is no upper edge: the bound itself, as Prometheus answers.
      if (!Number.isFinite(le)) return lower;
      return count === below ? le : lower + (le - lower) * ((rank - below) / (count - below));
    }
    lower = le;
    below = count;
  }
  return lower;
}

/** The change of a cumulative histogram between two readings (a restarted series counts from zero). */
export function bucketDifference(now: HttpTotals['buckets'], before: HttpTotals['buckets']): HttpTotals['buckets'] {
  const earlier = new Map(before.map(({ le, count }) => [le, count]));
  return now.map(({ le, count }) => ({ le, count: Math.max(0, count - (earlier.get(le) ?? 0)) }));
}

const number = (value: number, digits = 0) => value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percent = (value: number) => `${number(value, 1)} %`;
const gigabytes = (bytes: number) => `${number(bytes / 1e9, 1)} GB`;
const window = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60} min` : `${Math.round(seconds)} s`);

/** The rules with the thresholds of this configuration, in the order `holibot alerts status` lists them. */
export function alertRules(config: AppConfig): AlertRule[] {
  const t = config.alerts.thresholds;
  const jobRule = (name: AlertRuleName, job: 'session-cleanup' | 'backup', title: string): AlertRule => ({
    name,
    title,
    condition: `the last run of the ${job} job failed`,
    unit: 'failed runs',
    threshold: 0,
    read: ({ jobs }) => {
      const { failed, detail } = jobs[job];
      return { value: failed === null ? null : failed ? 1 : 0, holds: failed, summary: detail };
    },
  });
  return [
    {
      name: 'response_time',
      title: 'High response time',
      condition: `p95 HTTP response time above ALERT_RESPONSE_TIME_MS (${t.responseTimeMs} ms), with at least ALERT_MIN_REQUESTS (${t.minRequests}) requests`,
      unit: 'ms',
      threshold: t.responseTimeMs,
      read: ({ http }) => {
        const p95 = histogramQuantile(0.95, http.buckets);
        if (p95 === null) return { value: null, holds: false, summary: `no requests in the last ${window(http.windowSeconds)}` };
        const ms = p95 * 1000;
        // Beyond the histogram's last finite bucket the value is that bound: "over" it.
        const [lastFinite, all] = [http.buckets.at(-2), http.buckets.at(-1)];
        const over = lastFinite && all && 0.95 * all.count > lastFinite.count ? 'over ' : '';
        // A few slow requests in a quiet window are not a slow site.
        if (http.count < t.minRequests) {
          return {
            value: ms,
            holds: false,
            summary: `p95 ${over}${number(ms)} ms of only ${number(http.count)} requests in the last ${window(http.windowSeconds)}: too few to judge`,
          };
        }
        return {
          value: ms,
          // Beyond the last bucket it is over any threshold the configuration allows (at most that bucket).
          holds: over !== '' || ms > t.responseTimeMs,
          summary: `p95 response time ${over}${number(ms)} ms over the last ${window(http.windowSeconds)} (${number(http.count)} requests)`,
        };
      },
    },
    {
      name: 'error_rate',
      title: 'High error rate',
      condition: `share of 5xx answers above ALERT_ERROR_RATE_PERCENT (${t.errorRatePercent} %), with at least ALERT_MIN_REQUESTS (${t.minRequests}) requests`,
      unit: '%',
      threshold: t.errorRatePercent,
      read: ({ http }) => {
        const share = http.count > 0 ? (http.errors / http.count) * 100 : null;
        const counts = `${number(http.errors)} of ${number(http.count)} requests answered 5xx in the last ${window(http.windowSeconds)}`;
        if (share === null || http.count < t.minRequests) {
          return { value: share, holds: false, summary: `${counts}: too few requests to judge` };
        }
        return { value: share, holds: share > t.errorRatePercent, summary: `${percent(share)}: ${counts}` };
      },
    },
    {
      name: 'memory',
      title: 'High memory use',
      condition: `memory in use above ALERT_MEMORY_PERCENT (${t.memoryPercent} %)`,
      unit: '%',
      threshold: t.memoryPercent,
      read: ({ memory }) => {
        const used = memory.limitBytes > 0 ? (memory.usedBytes / memory.limitBytes) * 100 : 0;
        const of = memory.basis === 'cgroup' ? "of the container's (cgroup) memory limit" : "of the host's total memory";
        return {
          value: used,
          holds: used > t.memoryPercent,
          summary: `${percent(used)} ${of} (${gigabytes(memory.usedBytes)} of ${gigabytes(memory.limitBytes)})`,
        };
      },
    },
    {
      name: 'cpu',
      title: 'High CPU use',
      condition: `HoliBot's CPU use above ALERT_CPU_PERCENT (${t.cpuPercent} %) of its cores`,
      unit: '%',
      threshold: t.cpuPercent,
      read: ({ cpuPercent, http }) =>
        cpuPercent === null
          ? { value: null, holds: false, summary: 'not measured yet' }
          : {
              value: cpuPercent,
              holds: cpuPercent > t.cpuPercent,
              summary: `${percent(cpuPercent)} of the cores HoliBot may use, over the last ${window(http.windowSeconds)}`,
            },
    },
    {
      name: 'disk',
      title: 'Low disk space',
      condition: `free space below ALERT_DISK_FREE_PERCENT (${t.diskFreePercent} %) on the volume of the database, backups or logs`,
      unit: '%',
      threshold: t.diskFreePercent,
      read: ({ disk }) => {
        if (!disk) return { value: null, holds: false, summary: 'free space could not be read' };
        const free = disk.freeRatio * 100;
        return {
          value: free,
          holds: free < t.diskFreePercent,
          summary: `${percent(free)} free on the volume of the ${disk.volume} (${disk.path})`,
        };
      },
    },
    {
      name: 'connections',
      title: 'Too many connections',
      condition: `open connections (HTTP and WebSocket) above ALERT_MAX_CONNECTIONS (${t.maxConnections})`,
      unit: 'connections',
      threshold: t.maxConnections,
      read: ({ connections }) => ({
        value: connections,
        holds: connections > t.maxConnections,
        summary: `${number(connections)} open connections (HTTP and WebSocket)`,
      }),
    },
    jobRule('cleanup_failed', 'session-cleanup', 'Session cleanup failed'),
    jobRule('backup_failed', 'backup', 'Backup failed'),
    {
      name: 'mistral_circuit',
      title: 'Mistral AI unavailable',
      condition: `the Mistral AI circuit breaker open for more than ${MISTRAL_CIRCUIT_MINUTES} minutes (answers come from the built-in engine)`,
      unit: 'min',
      threshold: MISTRAL_CIRCUIT_MINUTES,
      read: ({ mistral, now }) => {
        if (!mistral) return { value: null, holds: false, summary: 'Mistral AI is not configured' };
        if (!mistral.openSince) return { value: 0, holds: false, summary: 'the circuit is closed' };
        const minutes = (now.getTime() - mistral.openSince.getTime()) / 60_000;
        return {
          value: minutes,
          holds: minutes > MISTRAL_CIRCUIT_MINUTES,
          summary: `the circuit has been open for ${number(minutes, 1)} min (since ${mistral.openSince.toISOString()}): answers come from the built-in engine`,
        };
      },
    },
  ];
}
