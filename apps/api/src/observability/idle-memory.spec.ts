import type { NextFunction, Request, Response } from 'express';
import { reclaimMemoryWhenIdle } from './idle-memory.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reclaimMemoryWhenIdle', () => {
  it('collects once after start-up, never while requests keep coming, once again when they stop', async () => {
    let collections = 0;
    const middleware = reclaimMemoryWhenIdle(() => (collections += 1), 100);
    const request = () => middleware({} as Request, {} as Response, (() => undefined) as NextFunction);
    await sleep(220);
    expect(collections).toBe(1);
    for (let i = 0; i < 6; i += 1) {
      request();
      await sleep(40);
    }
    expect(collections).toBe(1);
    await sleep(250);
    expect(collections).toBe(2);
    await sleep(150);
    expect(collections).toBe(2); // nothing new to collect
  });

  it('does nothing without gc (process started without --expose-gc)', () => {
    const middleware = reclaimMemoryWhenIdle(undefined, 100);
    let passed = false;
    middleware({} as Request, {} as Response, (() => (passed = true)) as NextFunction);
    expect(passed).toBe(true);
  });
});
