// The operator's monitoring assets (tools/prometheus, tools/grafana): which HoliBot metrics they
// query, and where promtool is. tools/operator-assets.spec.ts checks the queries against
// apps/api/src/observability/metrics/metric-definitions.ts and runs promtool on the rules.
import { accessSync, constants, readFileSync } from 'node:fs';
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
