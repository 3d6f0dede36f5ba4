import { apportion, countBy, interleave, percentile, sortedCopy, summarize } from './statistics.js';

describe('load test statistics', () => {
  describe('percentile (nearest rank)', () => {
    const oneToHundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

    it('gives the value at rank ceil(p/100 · n), always a measured value', () => {
      expect(percentile(oneToHundred, 50)).toBe(50);
      expect(percentile(oneToHundred, 90)).toBe(90);
      expect(percentile(oneToHundred, 95)).toBe(95);
      expect(percentile(oneToHundred, 99)).toBe(99);
      expect(percentile(oneToHundred, 99.5)).toBe(100);
      expect(percentile(oneToHundred, 100)).toBe(100);
      expect(percentile(oneToHundred, 0)).toBe(1);
      expect(percentile([10, 20, 30, 40], 50)).toBe(20);
      expect(percentile([10, 20, 30, 40], 51)).toBe(30);
    });

    it('is the one value of a single sample, NaN of none, and refuses a percentile outside 0–100', () => {
      expect(percentile([7.5], 95)).toBe(7.5);
      expect(percentile([], 95)).toBeNaN();
      expect(() => percentile([1], 101)).toThrow(RangeError);
      expect(() => percentile([1], -1)).toThrow(RangeError);
      expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
    });

    it('is not pulled up by a few slow requests below the 95th rank', () => {
      const latencies = sortedCopy([...Array.from({ length: 96 }, () => 10), 900, 950, 1000, 5000]);
      expect(percentile(latencies, 95)).toBe(10);
      expect(percentile(latencies, 97)).toBe(900);
      expect(percentile(latencies, 99)).toBe(1000);
    });
  });

  it('sortedCopy sorts numbers as numbers, not as strings', () => {
    expect([...sortedCopy([10, 9, 100, 1.5])]).toEqual([1.5, 9, 10, 100]);
  });

  it('summarize gives min, mean, p50, p90, p95, p99 and max rounded to 0.1 ms; nulls without samples', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i + 1) / 3);
    expect(summarize(values)).toEqual({ count: 1000, min: 0.3, mean: 166.8, p50: 166.7, p90: 300, p95: 316.7, p99: 330, max: 333.3 });
    expect(summarize([])).toEqual({ count: 0, min: null, mean: null, p50: null, p90: null, p95: null, p99: null, max: null });
    // The input is not reordered.
    const input = [3, 1, 2];
    summarize(input);
    expect(input).toEqual([3, 1, 2]);
  });

  it('countBy counts keys, in ascending order', () => {
    expect(Object.entries(countBy(['ws:done', '200', '429', '200', '101', 'aborted', '200', '429'], (s) => s))).toEqual([
      ['101', 1],
      ['200', 3],
      ['429', 2],
      ['aborted', 1],
      ['ws:done', 1],
    ]);
  });

  describe('apportion (largest remainder)', () => {
    const mix = { chat: 60, session: 15, static: 15, ws: 10 };

    it('splits users in the mix exactly, the shares adding up to the whole', () => {
      expect(apportion(100, mix)).toEqual({ chat: 60, session: 15, static: 15, ws: 10 });
      expect(apportion(20, mix)).toEqual({ chat: 12, session: 3, static: 3, ws: 2 });
      // 7 · (0.6, 0.15, 0.15, 0.1) = 4.2, 1.05, 1.05, 0.7: the one left goes to the largest remainder.
      expect(apportion(7, mix)).toEqual({ chat: 4, session: 1, static: 1, ws: 1 });
      for (let users = 1; users <= 50; users++) {
        const shares = apportion(users, mix);
        expect(Object.values(shares).reduce((a, b) => a + b, 0)).toBe(users);
      }
    });

    it('gives nothing to a weight of 0, and ties to the earlier scenario', () => {
      expect(apportion(3, { chat: 0, session: 1, static: 1, ws: 1 })).toEqual({ chat: 0, session: 1, static: 1, ws: 1 });
      expect(apportion(1, { chat: 1, session: 1, static: 0, ws: 0 })).toEqual({ chat: 1, session: 0, static: 0, ws: 0 });
      expect(apportion(5, { chat: 0, session: 0, static: 0, ws: 0 })).toEqual({ chat: 0, session: 0, static: 0, ws: 0 });
    });
  });

  it('interleave spreads each scenario evenly over the start order', () => {
    const order = interleave({ chat: 12, session: 3, static: 3, ws: 2 });
    expect(order).toHaveLength(20);
    expect(order.filter((s) => s === 'ws')).toHaveLength(2);
    // Every scenario has a user among the first half to start.
    expect(new Set(order.slice(0, 10))).toEqual(new Set(['chat', 'session', 'static', 'ws']));
    expect(interleave({ chat: 3, ws: 1 })).toEqual(['chat', 'chat', 'ws', 'chat']);
    expect(interleave({ chat: 0, ws: 2 })).toEqual(['ws', 'ws']);
  });
});
