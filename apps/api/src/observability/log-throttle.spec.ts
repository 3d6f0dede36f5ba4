import { LogThrottle } from './log-throttle.js';

describe('LogThrottle', () => {
  let now = 0;
  let reports: string[] = [];
  const throttle = (maxKeys = 100) =>
    new LogThrottle({ perWindow: 3, windowMs: 60_000, maxKeys, overflowKey: 'other addresses', now: () => now }, (key, count) =>
      reports.push(`${key}: ${count}`),
    );
  beforeEach(() => {
    now = 0;
    reports = [];
  });

  it('admits perWindow events per key and window, counts the rest, reports the count once', () => {
    const t = throttle();
    const admitted = Array.from({ length: 10 }, () => t.admit('1.2.3.4'));
    expect(admitted).toEqual([true, true, true, false, false, false, false, false, false, false]);
    expect(t.admit('5.6.7.8')).toBe(true);
    t.sweep();
    expect(reports).toEqual([]); // the window is not over yet
    now = 60_000;
    t.sweep();
    expect(reports).toEqual(['1.2.3.4: 7']);
    t.sweep();
    expect(reports).toEqual(['1.2.3.4: 7']);
    // A new window admits again.
    expect(t.admit('1.2.3.4')).toBe(true);
  });

  it('reports a window that ended when the next event of its key arrives before a sweep', () => {
    const t = throttle();
    for (let i = 0; i < 5; i++) t.admit('1.2.3.4');
    now = 61_000;
    expect(t.admit('1.2.3.4')).toBe(true);
    expect(reports).toEqual(['1.2.3.4: 2']);
  });

  it('reports every open window on sweep(true) (shutdown)', () => {
    const t = throttle();
    for (let i = 0; i < 4; i++) t.admit('1.2.3.4');
    t.admit('5.6.7.8');
    t.sweep(true);
    expect(reports).toEqual(['1.2.3.4: 1']);
  });

  it('tracks at most maxKeys keys; events of further keys share one bucket', () => {
    const t = throttle(2);
    t.admit('a');
    t.admit('b');
    const others = ['c', 'd', 'e', 'f', 'g'].map((key) => t.admit(key));
    expect(others).toEqual([true, true, true, false, false]);
    t.sweep(true);
    expect(reports).toEqual(['other addresses: 2']);
  });
});
