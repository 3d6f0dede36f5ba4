import type { NextFunction, Request, Response } from 'express';
import { createIdleReclaimer } from './idle-memory.js';

describe('createIdleReclaimer', () => {
  it('collects once after start-up, never while requests keep coming, once again when they stop', () => {
    let time = 0;
    let collections = 0;
    const reclaimer = createIdleReclaimer(() => (collections += 1), 100, () => time);
    const request = () => reclaimer.middleware({} as Request, {} as Response, (() => undefined) as NextFunction);
    time = 99;
    reclaimer.check();
    expect(collections).toBe(0);
    time = 100;
    reclaimer.check();
    expect(collections).toBe(1);
    for (let i = 0; i < 6; i += 1) {
      time += 60;
      request();
      reclaimer.check();
    }
    expect(collections).toBe(1);
    time += 100;
    reclaimer.check();
    expect(collections).toBe(2);
    time += 1000;
    reclaimer.check();
    expect(collections).toBe(2); // nothing new to collect
  });

  it('does nothing without gc (process started without --expose-gc), and still passes requests on', () => {
    const reclaimer = createIdleReclaimer(undefined, 100, () => 1e9);
    let passed = false;
    reclaimer.middleware({} as Request, {} as Response, (() => (passed = true)) as NextFunction);
    reclaimer.check();
    expect(passed).toBe(true);
  });
});
