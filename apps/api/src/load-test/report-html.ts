import { formatMix, SCENARIOS } from './load-test-options.js';
import { OPERATIONS } from './recorder.js';
import type { GroupStats, LoadTestResults } from './results.js';
import type { LatencySummary } from './statistics.js';
import { escapeXml as esc, svgChart } from './svg-chart.js';

const COLORS = {
  p50: '#2563eb',
  p95: '#d97706',
  p99: '#9333ea',
  target: '#dc2626',
  requests: '#60a5fa',
  errors: '#dc2626',
  users: '#059669',
  cpu: '#ea580c',
  rss: '#0891b2',
};

/**
 * report.html: the run's figures and charts in one self-contained file — inline CSS and inline SVG,
 * no script, and a Content-Security-Policy that lets the page load nothing, so it opens from disk
 * or as a CI artifact without a network.
 */
export function renderReport(results: LoadTestResults): string {
  const { config, totals, verdict } = results;
  const xMax = Math.max(1, results.timeline.length);
  const latencyChart = svgChart({
    title: 'Latency over time: p50, p95 and p99 of the requests finished in each second',
    xLabel: 'seconds since start',
    yLabel: 'latency (ms)',
    xMax,
    series: [
      { name: 'p50', color: COLORS.p50, kind: 'line', points: results.timeline.map((t) => [t.tS, t.p50Ms]) },
      { name: 'p95', color: COLORS.p95, kind: 'line', points: results.timeline.map((t) => [t.tS, t.p95Ms]) },
      { name: 'p99', color: COLORS.p99, kind: 'line', points: results.timeline.map((t) => [t.tS, t.p99Ms]), dashed: true },
    ],
    thresholds: [{ value: config.targets.p95Ms, label: `p95 target ${config.targets.p95Ms} ms`, color: COLORS.target }],
  });
  const throughputChart = svgChart({
    title: 'Throughput: requests and errors finished per second, and virtual users running',
    xLabel: 'seconds since start',
    yLabel: 'requests per second',
    yRightLabel: 'virtual users',
    xMax,
    series: [
      { name: 'requests/s', color: COLORS.requests, kind: 'bars', points: results.timeline.map((t) => [t.tS, t.requests]) },
      { name: 'errors/s', color: COLORS.errors, kind: 'bars', points: results.timeline.map((t) => [t.tS, t.errors]) },
      { name: 'users running', color: COLORS.users, kind: 'line', axis: 'right', points: results.timeline.map((t) => [t.tS, t.activeUsers]) },
    ],
  });
  const server = results.server;
  const serverChart = server.samples.length
    ? svgChart({
        title: "The server's CPU (per cent of one core) and resident memory",
        xLabel: 'seconds since start',
        yLabel: 'CPU (% of one core)',
        yRightLabel: 'RSS (MB)',
        xMax,
        series: [
          { name: 'CPU %', color: COLORS.cpu, kind: 'line', points: server.samples.map((s) => [s.tS, s.cpuPercent]) },
          { name: 'RSS MB', color: COLORS.rss, kind: 'line', axis: 'right', points: server.samples.map((s) => [s.tS, s.rssMb]) },
        ],
      })
    : '';

  const figure = (label: string, value: string, good?: boolean) =>
    `<div class="figure${good === undefined ? '' : good ? ' good' : ' bad'}"><span>${esc(label)}</span><strong>${esc(value)}</strong></div>`;
  const scenarioRows = SCENARIOS.filter((name) => results.scenarios[name].virtualUsers > 0)
    .map((name) => statsRow(name, results.scenarios[name], [String(results.scenarios[name].virtualUsers), String(results.scenarios[name].visits)]))
    .join('');
  const operationRows = OPERATIONS.flatMap((op) => (results.operations[op] ? [statsRow(op, results.operations[op])] : [])).join('');
  const statusRows = Object.entries(totals.statusCodes)
    .map(
      ([code, count]) =>
        `<tr><td>${esc(code)}</td><td class="n">${count}</td><td class="n">${((100 * count) / Math.max(1, totals.requests)).toFixed(2)} %</td></tr>`,
    )
    .join('');
  const ws = results.websocket;
  const mb = (bytes: number | null) => (bytes === null ? '–' : `${(bytes / 1048576).toFixed(0)} MB`);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HoliBot load test ${esc(results.startedAt)} — ${verdict.passed ? 'targets met' : 'targets missed'}</title>
<style>
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2937; margin: 0; background: #f8fafc; }
  main { max-width: 960px; margin: 0 auto; padding: 24px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 17px; margin: 28px 0 8px; }
  .meta { color: #4b5563; margin: 0 0 16px; }
  .verdict { padding: 10px 14px; border-radius: 6px; font-weight: 600; margin: 12px 0; }
  .verdict.pass { background: #dcfce7; color: #14532d; border: 1px solid #86efac; }
  .verdict.fail { background: #fee2e2; color: #7f1d1d; border: 1px solid #fca5a5; }
  .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 8px; }
  .figure { background: #fff; border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px 10px; }
  .figure span { display: block; color: #6b7280; font-size: 12px; }
  .figure strong { font-size: 18px; }
  .figure.good strong { color: #15803d; }
  .figure.bad strong { color: #b91c1c; }
  .chart { display: block; width: 100%; height: auto; background: #fff; border: 1px solid #e5e7eb; border-radius: 6px; }
  .chart .grid { stroke: #e5e7eb; stroke-width: 1; }
  .chart .axis { stroke: #6b7280; stroke-width: 1; }
  .chart .tick, .chart .legend { font-size: 11px; fill: #374151; }
  .chart .label { font-size: 12px; fill: #4b5563; }
  .chart .line { fill: none; stroke-width: 2; stroke-linejoin: round; }
  .chart .dashed { stroke-dasharray: 5 4; }
  .chart .threshold { stroke-width: 1.5; stroke-dasharray: 6 4; }
  table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #e5e7eb; font-size: 13px; }
  th, td { padding: 4px 8px; border-bottom: 1px solid #f1f5f9; text-align: left; }
  th { background: #f1f5f9; font-weight: 600; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  ul { padding-left: 20px; }
  footer { color: #6b7280; font-size: 12px; margin-top: 32px; }
</style>
</head>
<body>
<main>
<h1>HoliBot load test</h1>
<p class="meta">${esc(config.target)} · ${esc(results.startedAt)} · ${config.users} virtual users, ${config.durationS} s (ramp-up ${config.rampUpS} s) ·
mix ${esc(formatMix(config.mix))} · think time ${config.thinkTimeMs} ms ±${Math.round(config.thinkTimeJitter * 100)} %${results.interrupted ? ' · <strong>interrupted</strong>' : ''}</p>
<div class="verdict ${verdict.passed ? 'pass' : 'fail'}">${
    verdict.passed
      ? `Targets met: p95 ${verdict.p95.valueMs} ms &lt; ${verdict.p95.targetMs} ms, errors ${verdict.errorRate.valuePercent.toFixed(2)} % &lt; ${verdict.errorRate.targetPercent} %`
      : `Targets missed: ${verdict.missed.map(esc).join('; ')}`
  }</div>
<div class="figures">
${figure('requests', String(totals.requests))}
${figure('requests / s', totals.requestsPerSecond.toFixed(1))}
${figure('error rate', `${totals.errorRatePercent.toFixed(2)} %`, verdict.errorRate.met)}
${figure('p50', latency(totals.latencyMs.p50))}
${figure('p95', latency(totals.latencyMs.p95), verdict.p95.met)}
${figure('p99', latency(totals.latencyMs.p99))}
${figure('WebSocket answers', `${ws.answers} (${ws.answerErrors} failed)`)}
${figure('server CPU', server.cpuPercentOfOneCore === null ? '–' : `${server.cpuPercentOfOneCore} % of a core`)}
</div>

<h2>Latency over time</h2>
${latencyChart}

<h2>Throughput</h2>
${throughputChart}

<h2>Server CPU and memory</h2>
${serverChart}
<p>${esc(server.note)}${server.cpuSeconds === null ? '' : ` — CPU ${server.cpuSeconds} s in ${results.elapsedS} s (${server.cpuPercentOfOneCore} % of one core); RSS ${mb(server.rssBytesBefore)} before, ${mb(server.rssBytesAfter)} after, peak ${mb(server.rssBytesPeak)}.`}</p>

<h2>Scenarios</h2>
<table>
<thead><tr><th>Scenario</th><th class="n">Users</th><th class="n">Visits</th>${STATS_HEADER}</tr></thead>
<tbody>${scenarioRows}${statsRow('all', totals, [String(config.users), ''])}</tbody>
</table>

<h2>Operations</h2>
<table>
<thead><tr><th>Operation</th>${STATS_HEADER}</tr></thead>
<tbody>${operationRows}</tbody>
</table>

<h2>Status codes</h2>
<table>
<thead><tr><th>Status</th><th class="n">Count</th><th class="n">Share</th></tr></thead>
<tbody>${statusRows}</tbody>
</table>

<h2>WebSocket</h2>
<table>
<thead><tr><th></th><th class="n">Count</th><th class="n">Failed</th><th class="n">min</th><th class="n">p50</th><th class="n">p90</th><th class="n">p95</th><th class="n">p99</th><th class="n">max (ms)</th></tr></thead>
<tbody>
${latencyRow('connect', ws.connectLatencyMs, ws.connections, ws.connectFailures)}
${latencyRow('answer (until done)', ws.answerLatencyMs, ws.answers, ws.answerErrors)}
${latencyRow('first delta', ws.firstDeltaLatencyMs, ws.firstDeltaLatencyMs.count, 0)}
</tbody>
</table>
${
  results.notes.length || results.problems.length
    ? `<h2>Notes</h2><ul>${[...results.notes, ...results.problems].map((note) => `<li>${esc(note)}</li>`).join('')}</ul>`
    : ''
}
<h2>Configuration</h2>
<table><tbody>
<tr><th>Target</th><td>${esc(config.target)}</td></tr>
<tr><th>Users, duration, ramp-up</th><td>${config.users}, ${config.durationS} s, ${config.rampUpS} s (elapsed ${results.elapsedS} s)</td></tr>
<tr><th>Mix</th><td>${esc(formatMix(config.mix))}</td></tr>
<tr><th>Think time</th><td>${config.thinkTimeMs} ms ±${Math.round(config.thinkTimeJitter * 100)} %</td></tr>
<tr><th>Request timeout, grace</th><td>${config.requestTimeoutMs} ms, ${config.graceMs} ms</td></tr>
<tr><th>Rate-limit-aware</th><td>${config.rateLimitAware.active ? `on, ${config.rateLimitAware.addressesUsed} addresses` : config.rateLimitAware.requested ? 'requested, not used' : 'off'}${config.rateLimitAware.reason ? ` — ${esc(config.rateLimitAware.reason)}` : ''}</td></tr>
<tr><th>Targets</th><td>p95 &lt; ${config.targets.p95Ms} ms, errors &lt; ${config.targets.errorRatePercent} %</td></tr>
</tbody></table>
<footer>Written by <code>holibot load-test</code>; every figure is in results.json beside this file. Percentiles are nearest-rank over every request.</footer>
</main>
</body>
</html>
`;
}

const STATS_HEADER = ['Requests', 'Req/s', 'Errors', 'Error %', 'min', 'p50', 'p90', 'p95', 'p99', 'max (ms)'].map((h) => `<th class="n">${h}</th>`).join('');

function latency(value: number | null): string {
  return value === null ? '–' : `${value} ms`;
}

const num = (value: number | null) => (value === null ? '–' : value.toFixed(1));

function statsRow(name: string, stats: GroupStats, lead: string[] = []): string {
  const l = stats.latencyMs;
  const cells = [
    ...lead,
    String(stats.requests),
    stats.requestsPerSecond.toFixed(1),
    String(stats.errors),
    stats.errorRatePercent.toFixed(2),
    num(l.min),
    num(l.p50),
    num(l.p90),
    num(l.p95),
    num(l.p99),
    num(l.max),
  ];
  return `<tr><td>${esc(name)}</td>${cells.map((cell) => `<td class="n">${esc(cell)}</td>`).join('')}</tr>`;
}

function latencyRow(name: string, summary: LatencySummary, count: number, failed: number): string {
  const cells = [String(count), String(failed), num(summary.min), num(summary.p50), num(summary.p90), num(summary.p95), num(summary.p99), num(summary.max)];
  return `<tr><td>${esc(name)}</td>${cells.map((cell) => `<td class="n">${cell}</td>`).join('')}</tr>`;
}
