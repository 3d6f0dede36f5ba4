import { formatBytes, sizeDifference } from './format';

describe('sizeDifference', () => {
  it('gives bytes and per cent against the active version', () => {
    const bigger = sizeDifference(51_234, 50_000)!;
    expect(bigger).toMatchObject({ bytes: 1234, text: '+1,234 B (+2.5 %)' });
    expect(bigger.percent).toBeCloseTo(2.468);
    const smaller = sizeDifference(49_800, 50_000)!;
    expect(smaller).toMatchObject({ bytes: -200, text: '−200 B (−0.4 %)' });
    expect(smaller.percent).toBeCloseTo(-0.4);
    expect(sizeDifference(50_000, 50_000)?.text).toBe('±0 B (0.0 %)');
  });

  it('has no per cent against an empty active version, and nothing without one', () => {
    expect(sizeDifference(1000, 0)).toEqual({ bytes: 1000, percent: null, text: '+1,000 B' });
    expect(sizeDifference(1000, null)).toBeNull();
    expect(sizeDifference(1000, undefined)).toBeNull();
  });
});

describe('formatBytes', () => {
  it('counts kB and MB in thousands, as the build budgets do', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(43_660)).toBe('43.7 kB');
    expect(formatBytes(2_500_000)).toBe('2.50 MB');
    expect(formatBytes(null)).toBe('—');
  });
});
