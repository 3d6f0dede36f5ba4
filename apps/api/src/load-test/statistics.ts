/**
 * The load test's arithmetic: percentiles and latency summaries from recorded samples. Every
 * sample is kept (a 60 s run of 100 users records some ten thousand), so the percentiles are
 * exact, not estimated from buckets.
 */

/** min, mean, percentiles and max of a set of latencies in milliseconds (null when there is none), rounded to 0.1 ms. */
export interface LatencySummary {
  count: number;
  min: number | null;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/**
 * The nearest-rank percentile of values sorted ascending: the smallest value that at least `p`
 * per cent of the values are less than or equal to (`sorted[ceil(p/100 · n) − 1]`), so the result
 * is always a value that was measured. NaN for no values.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p}: must be 0 to 100`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[Math.min(n, rank) - 1]!;
}

/** Values sorted ascending, as numbers (Array#sort compares as strings). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

export function summarize(values: ArrayLike<number>): LatencySummary {
  const sorted = sortedCopy(values);
  const n = sorted.length;
  if (n === 0) return { count: 0, min: null, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: n,
    min: round1(sorted[0]!),
    mean: round1(sum / n),
    p50: round1(percentile(sorted, 50)),
    p90: round1(percentile(sorted, 90)),
    p95: round1(percentile(sorted, 95)),
    p99: round1(percentile(sorted, 99)),
    max: round1(sorted[n - 1]!),
  };
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * How many times each key occurs. Keys in ascending order, numbers first ("101", "200", "429",
 * "aborted", "ws:done"): the order a JavaScript object keeps integer-like keys in anyway.
 */
export function countBy<T>(items: Iterable<T>, key: (item: T) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

/**
 * Splits `total` into whole shares proportional to `weights` (largest remainder): the shares add
 * up to `total` exactly, and a weight of 0 gets 0.
 */
export function apportion<K extends string>(total: number, weights: Readonly<Record<K, number>>): Record<K, number> {
  const keys = Object.keys(weights) as K[];
  const sum = keys.reduce((acc, key) => acc + weights[key], 0);
  const shares = {} as Record<K, number>;
  if (sum <= 0) {
    for (const key of keys) shares[key] = 0;
    return shares;
  }
  const exact = keys.map((key) => ({ key, value: (total * weights[key]) / sum }));
  for (const { key, value } of exact) shares[key] = Math.floor(value);
  let left = total - keys.reduce((acc, key) => acc + shares[key], 0);
  // Ties go to the earlier key (the mix's order), so the split is deterministic.
  const byRemainder = exact
    .map((entry, index) => ({ ...entry, index, remainder: entry.value - Math.floor(entry.value) }))
    .filter((entry) => weights[entry.key] > 0)
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const entry of byRemainder) {
    if (left <= 0) break;
    shares[entry.key] += 1;
    left -= 1;
  }
  return shares;
}

/**
 * An order of `counts` interleaved as evenly as possible (smooth weighted round robin): with
 * {chat: 3, ws: 1} → chat, chat, ws, chat … so that users started one after the other during the
 * ramp-up are a mix from the start, not every chat user first.
 */
export function interleave<K extends string>(counts: Readonly<Record<K, number>>): K[] {
  const keys = (Object.keys(counts) as K[]).filter((key) => counts[key] > 0);
  const total = keys.reduce((acc, key) => acc + counts[key], 0);
  const current = new Map<K, number>(keys.map((key) => [key, 0]));
  const order: K[] = [];
  for (let i = 0; i < total; i++) {
    let best: K | null = null;
    for (const key of keys) {
      const value = current.get(key)! + counts[key];
      current.set(key, value);
      if (best === null || value > current.get(best)!) best = key;
    }
    current.set(best!, current.get(best!)! - total);
    order.push(best!);
  }
  return order;
}
