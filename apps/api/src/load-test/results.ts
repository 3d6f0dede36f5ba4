import { formatMix, type Mix, SCENARIOS, type ScenarioName, TARGETS, THINK_JITTER } from './load-test-options.js';
import { OPERATIONS, type Operation, type Sample } from './recorder.js';
import type { RunData } from './runner.js';
import { countBy, percentile, round1, sortedCopy, summarize, type LatencySummary } from './statistics.js';
import { REQUEST_TIMEOUT_MS } from './traffic.js';

/** Requests of a group (all, a scenario, an operation): counts, rate, errors, latency, statuses. */
export interface GroupStats {
  requests: number;
  /** Requests per second over the run's elapsed time. */
  requestsPerSecond: number;
  errors: number;
  /** errors ÷ requests (0 without requests). */
  errorRate: number;
  errorRatePercent: number;
  latencyMs: LatencySummary;
  /** How many requests ended with each HTTP status or other outcome (see Sample.status). */
  statusCodes: Record<string, number>;
}

/** results.json: everything a run measured. */
export interface LoadTestResults {
  tool: 'holibot load-test';
  formatVersion: 1;
  startedAt: string;
  finishedAt: string;
  elapsedS: number;
  interrupted: boolean;
  config: {
    target: string;
    users: number;
    durationS: number;
    rampUpS: number;
    mix: Mix;
    thinkTimeMs: number;
    /** The pause is thinkTimeMs · (1 ± this), uniformly. */
    thinkTimeJitter: number;
    requestTimeoutMs: number;
    /** After the duration, running requests get this long; then they are aborted (`aborted`). */
    graceMs: number;
    rateLimitAware: { requested: boolean; active: boolean; reason: string | null; addressesUsed: number };
    targets: { p95Ms: number; errorRatePercent: number };
  };
  totals: GroupStats;
  scenarios: Record<ScenarioName, GroupStats & { virtualUsers: number; visits: number }>;
  operations: Partial<Record<Operation, GroupStats>>;
  websocket: {
    connections: number;
    connectFailures: number;
    connectLatencyMs: LatencySummary;
    answers: number;
    answerErrors: number;
    /** From sending a message to its `done` (or `error`) frame. */
    answerLatencyMs: LatencySummary;
    /** From sending a message to its first `delta` frame. */
    firstDeltaLatencyMs: LatencySummary;
  };
  server: {
    source: 'metrics' | 'proc' | null;
    note: string;
    processes: Array<{ pid: number; name: string }>;
    cpuSeconds: number | null;
    /** CPU time ÷ elapsed time: 100 = one core busy all along. */
    cpuPercentOfOneCore: number | null;
    rssBytesBefore: number | null;
    rssBytesAfter: number | null;
    rssBytesPeak: number | null;
    samples: Array<{ tS: number; cpuPercent: number | null; rssMb: number }>;
  };
  /** Per second of the run (tS: the second's end): requests finished, errors, latency of those, users running. */
  timeline: Array<{ tS: number; requests: number; errors: number; p50Ms: number | null; p95Ms: number | null; p99Ms: number | null; activeUsers: number }>;
  verdict: {
    passed: boolean;
    p95: { valueMs: number | null; targetMs: number; met: boolean };
    errorRate: { valuePercent: number; targetPercent: number; met: boolean };
    /** One sentence per target missed. */
    missed: string[];
  };
  /** Hints about the outcome (rate limit hits …). */
  notes: string[];
  problems: string[];
}

function groupStats(samples: readonly Sample[], elapsedS: number): GroupStats {
  const errors = samples.filter((s) => !s.ok).length;
  const errorRate = samples.length ? errors / samples.length : 0;
  return {
    requests: samples.length,
    requestsPerSecond: elapsedS > 0 ? round1(samples.length / elapsedS) : 0,
    errors,
    errorRate: Math.round(errorRate * 1e6) / 1e6,
    errorRatePercent: Math.round(errorRate * 1e4) / 100,
    latencyMs: summarize(samples.map((s) => s.latencyMs)),
    statusCodes: countBy(samples, (s) => s.status),
  };
}

export function buildResults(run: RunData): LoadTestResults {
  const { options, recorder } = run;
  const samples = recorder.samples;
  const elapsedS = Math.max(0.001, run.elapsedMs / 1000);
  const totals = groupStats(samples, elapsedS);

  const scenarios = Object.fromEntries(
    SCENARIOS.map((name) => [
      name,
      {
        virtualUsers: run.usersPerScenario[name],
        visits: run.visitsPerScenario[name],
        ...groupStats(
          samples.filter((s) => s.scenario === name),
          elapsedS,
        ),
      },
    ]),
  ) as LoadTestResults['scenarios'];
  const operations: LoadTestResults['operations'] = {};
  for (const operation of OPERATIONS) {
    const of = samples.filter((s) => s.operation === operation);
    if (of.length) operations[operation] = groupStats(of, elapsedS);
  }

  const connects = samples.filter((s) => s.operation === 'ws.connect');
  const answers = samples.filter((s) => s.operation === 'ws.answer');
  const websocket: LoadTestResults['websocket'] = {
    connections: connects.filter((s) => s.ok).length,
    connectFailures: connects.filter((s) => !s.ok).length,
    connectLatencyMs: summarize(connects.filter((s) => s.ok).map((s) => s.latencyMs)),
    answers: answers.filter((s) => s.ok).length,
    answerErrors: answers.filter((s) => !s.ok).length,
    answerLatencyMs: summarize(answers.map((s) => s.latencyMs)),
    firstDeltaLatencyMs: summarize(recorder.firstDeltas),
  };

  const p95 = totals.latencyMs.p95;
  const p95Met = p95 !== null && p95 < TARGETS.p95Ms;
  const errorsMet = totals.requests > 0 && totals.errorRatePercent < TARGETS.errorRatePercent;
  const missed: string[] = [];
  if (totals.requests === 0) missed.push('no request finished: neither latency nor error rate can be measured');
  else {
    if (!p95Met) missed.push(`p95 latency ${p95} ms ≥ ${TARGETS.p95Ms} ms target`);
    if (!errorsMet)
      missed.push(
        `error rate ${totals.errorRatePercent.toFixed(2)} % ≥ ${TARGETS.errorRatePercent} % target (${totals.errors} of ${totals.requests} requests failed)`,
      );
  }

  return {
    tool: 'holibot load-test',
    formatVersion: 1,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    elapsedS: round1(elapsedS),
    interrupted: run.interrupted,
    config: {
      target: options.target.href,
      users: options.users,
      durationS: options.durationS,
      rampUpS: options.rampUpS,
      mix: options.mix,
      thinkTimeMs: options.thinkTimeMs,
      thinkTimeJitter: THINK_JITTER,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      graceMs: run.graceMs,
      rateLimitAware: {
        requested: run.rateLimitAware.requested,
        active: run.rateLimitAware.active,
        reason: run.rateLimitAware.probe?.reason ?? null,
        addressesUsed: run.rateLimitAware.addressesUsed,
      },
      targets: { p95Ms: TARGETS.p95Ms, errorRatePercent: TARGETS.errorRatePercent },
    },
    totals,
    scenarios,
    operations,
    websocket,
    server: serverFigures(run, elapsedS),
    timeline: timeline(run),
    verdict: {
      passed: missed.length === 0,
      p95: { valueMs: p95, targetMs: TARGETS.p95Ms, met: p95Met },
      errorRate: { valuePercent: totals.errorRatePercent, targetPercent: TARGETS.errorRatePercent, met: errorsMet },
      missed,
    },
    notes: notes(run, totals),
    problems: run.problems,
  };
}

function serverFigures(run: RunData, elapsedS: number): LoadTestResults['server'] {
  const { server } = run;
  const { before, after } = server;
  const cpuSeconds = before && after ? Math.round((after.cpuSeconds - before.cpuSeconds) * 100) / 100 : null;
  const rss = [before, after, ...server.samples].filter((r) => r !== null).map((r) => r.rssBytes);
  let previous: { tS: number; cpuSeconds: number } | null = before ? { tS: 0, cpuSeconds: before.cpuSeconds } : null;
  const samples = server.samples.map((sample) => {
    const cpuPercent = previous && sample.tS > previous.tS ? round1((100 * (sample.cpuSeconds - previous.cpuSeconds)) / (sample.tS - previous.tS)) : null;
    previous = sample;
    return { tS: sample.tS, cpuPercent, rssMb: round1(sample.rssBytes / 1048576) };
  });
  return {
    source: server.source,
    note: server.note,
    processes: server.processes,
    cpuSeconds,
    cpuPercentOfOneCore: cpuSeconds === null ? null : round1((100 * cpuSeconds) / elapsedS),
    rssBytesBefore: before?.rssBytes ?? null,
    rssBytesAfter: after?.rssBytes ?? null,
    rssBytesPeak: rss.length ? Math.max(...rss) : null,
    samples,
  };
}

function timeline(run: RunData): LoadTestResults['timeline'] {
  const seconds = Math.max(1, Math.ceil(run.elapsedMs / 1000));
  const buckets: Sample[][] = Array.from({ length: seconds }, () => []);
  for (const sample of run.recorder.samples) buckets[Math.min(seconds - 1, Math.floor(sample.endMs / 1000))]!.push(sample);
  const users = new Map(run.activeUsers.map((entry) => [entry.tS, entry.users]));
  return buckets.map((bucket, index) => {
    const sorted = sortedCopy(bucket.map((s) => s.latencyMs));
    const at = (p: number) => (sorted.length ? round1(percentile(sorted, p)) : null);
    return {
      tS: index + 1,
      requests: bucket.length,
      errors: bucket.filter((s) => !s.ok).length,
      p50Ms: at(50),
      p95Ms: at(95),
      p99Ms: at(99),
      activeUsers: users.get(index + 1) ?? 0,
    };
  });
}

function notes(run: RunData, totals: GroupStats): string[] {
  const result: string[] = [];
  const limited = (totals.statusCodes['429'] ?? 0) + (totals.statusCodes['ws:error:RATE_LIMIT_EXCEEDED'] ?? 0);
  if (limited > 0) {
    result.push(
      `${limited} requests were refused by the target's rate limit (429 / RATE_LIMIT_EXCEEDED): it counts RATE_LIMIT_MAX_REQUESTS per client address, and ` +
        (run.rateLimitAware.active
          ? 'even spread over addresses some visitors went over it (lengthen --think-time, or raise the limit).'
          : 'every virtual user came from this one address. Run with --rate-limit-aware against a server with TRUST_PROXY, or raise RATE_LIMIT_MAX_REQUESTS on the target.'),
    );
  }
  const tooMany = totals.statusCodes['ws:closed:1013'] ?? 0;
  if (tooMany > 0) {
    result.push(
      `${tooMany} WebSocket messages found their connection closed with 1013 (too many connections): the target holds at most WS_MAX_CONNECTIONS_PER_IP (20) per client address` +
        (run.rateLimitAware.active ? ' and WS_MAX_CONNECTIONS in all.' : '; --rate-limit-aware spreads them over addresses.'),
    );
  }
  if (run.rateLimitAware.requested && !run.rateLimitAware.active)
    result.push(`--rate-limit-aware was not used: ${run.rateLimitAware.probe?.reason ?? 'no probe'}.`);
  const aborted = totals.statusCodes['aborted'] ?? 0;
  if (aborted > 0)
    result.push(`${aborted} requests were still running at the hard deadline (duration + ${run.graceMs / 1000} s) and were aborted; they count as errors.`);
  if (run.problems.length) result.push(`${run.problems.length} virtual users stopped on an unexpected error (a bug of the load test, see problems).`);
  return result;
}

// ——— the summary on stdout ———

function table(rows: string[][], rightAligned: (column: number) => boolean): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (rightAligned(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const ms = (value: number | null) => (value === null ? '–' : value.toFixed(1));
const mb = (bytes: number | null) => (bytes === null ? '–' : `${Math.round(bytes / 1048576)} MB`);

function statsRow(name: string, users: string, stats: GroupStats): string[] {
  const l = stats.latencyMs;
  return [
    name,
    users,
    String(stats.requests),
    stats.requestsPerSecond.toFixed(1),
    String(stats.errors),
    stats.errorRatePercent.toFixed(2),
    ms(l.min),
    ms(l.p50),
    ms(l.p90),
    ms(l.p95),
    ms(l.p99),
    ms(l.max),
  ];
}

const HEADER = ['', 'Users', 'Requests', 'Req/s', 'Errors', 'Error %', 'min', 'p50', 'p90', 'p95', 'p99', 'max (ms)'];

/** The summary table and verdict for a terminal. */
export function formatSummary(results: LoadTestResults): string {
  const { config, totals, websocket, server, verdict } = results;
  const lines: string[] = [];
  lines.push(
    `HoliBot load test — ${config.target}, ${config.users} users, ${config.durationS} s (ramp-up ${config.rampUpS} s), ` +
      `think time ${config.thinkTimeMs} ms ±${Math.round(config.thinkTimeJitter * 100)} %, mix ${formatMix(config.mix)}` +
      `${results.interrupted ? ' — INTERRUPTED' : ''}`,
  );
  lines.push(
    `Rate-limit-aware: ${config.rateLimitAware.active ? `on (${config.rateLimitAware.addressesUsed} visitor addresses)` : config.rateLimitAware.requested ? 'requested but OFF' : 'off'}` +
      (config.rateLimitAware.reason ? ` — ${config.rateLimitAware.reason}` : ''),
  );
  lines.push('');
  const scenarioRows = SCENARIOS.filter((name) => results.scenarios[name].virtualUsers > 0).map((name) =>
    statsRow(name, String(results.scenarios[name].virtualUsers), results.scenarios[name]),
  );
  lines.push(table([['Scenario', ...HEADER.slice(1)], ...scenarioRows, statsRow('all', String(config.users), totals)], (c) => c > 0));
  lines.push('');
  const operationRows = OPERATIONS.flatMap((op) => (results.operations[op] ? [statsRow(op, '', results.operations[op])] : []));
  lines.push(
    table(
      [['Operation', ...HEADER.slice(1)], ...operationRows].map((row) => row.filter((_, c) => c !== 1)),
      (c) => c > 0,
    ),
  );
  lines.push('');
  lines.push(
    `Status codes: ${
      Object.entries(totals.statusCodes)
        .map(([code, count]) => `${code} × ${count}`)
        .join(', ') || 'none'
    }`,
  );
  if (websocket.connections + websocket.connectFailures > 0) {
    lines.push(
      `WebSocket: ${websocket.connections} connections (${websocket.connectFailures} failed), connect p50 ${ms(websocket.connectLatencyMs.p50)} / p95 ${ms(websocket.connectLatencyMs.p95)} ms; ` +
        `${websocket.answers} answers (${websocket.answerErrors} failed), answer p50 ${ms(websocket.answerLatencyMs.p50)} / p95 ${ms(websocket.answerLatencyMs.p95)} ms, ` +
        `first delta p95 ${ms(websocket.firstDeltaLatencyMs.p95)} ms`,
    );
  }
  lines.push(
    server.source
      ? `Server (${server.note}): CPU ${server.cpuSeconds ?? '–'} s (${server.cpuPercentOfOneCore ?? '–'} % of one core), ` +
          `RSS ${mb(server.rssBytesBefore)} → ${mb(server.rssBytesAfter)} (peak ${mb(server.rssBytesPeak)})`
      : `Server CPU and memory: ${server.note}`,
  );
  lines.push(`Throughput: ${totals.requests} requests in ${results.elapsedS} s = ${totals.requestsPerSecond.toFixed(1)} req/s`);
  for (const note of results.notes) lines.push(`Note: ${note}`);
  lines.push('');
  const p95Text = `p95 ${ms(verdict.p95.valueMs)} ms ${verdict.p95.met ? '<' : '≥'} ${verdict.p95.targetMs} ms ${verdict.p95.met ? '✓' : '✗'}`;
  const errorText = `errors ${verdict.errorRate.valuePercent.toFixed(2)} % ${verdict.errorRate.met ? '<' : '≥'} ${verdict.errorRate.targetPercent} % ${verdict.errorRate.met ? '✓' : '✗'}`;
  lines.push(`Targets: ${p95Text}, ${errorText} — ${verdict.passed ? 'MET' : 'MISSED'}`);
  for (const missed of verdict.missed) lines.push(`TARGET MISSED: ${missed}`);
  return lines.join('\n');
}
