import { createIdleReclaimer } from './idle-memory.js';

/** Lets the reclaimer's follow-up collections (one per turn of the event loop) run. */
const nextTurns = async (n = 5) => {
  for (let i = 0; i < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

describe('createIdleReclaimer', () => {
  it('collects after start-up, never while requests keep coming, again when they stop', async () => {
    let time = 0;
    let collections = 0;
    const reclaimer = createIdleReclaimer(
      () => (collections += 1),
      100,
      () => time,
    );
    const request = () => reclaimer.hook({}, {}, () => undefined);
    time = 99;
    reclaimer.check();
    await nextTurns();
    expect(collections).toBe(0);
    time = 100;
    reclaimer.check();
    expect(collections).toBe(1); // the first at once…
    await nextTurns();
    expect(collections).toBe(3); // …two more, so that V8 gives the emptied pages back
    for (let i = 0; i < 6; i += 1) {
      time += 60;
      request();
      reclaimer.check();
    }
    await nextTurns();
    expect(collections).toBe(3);
    time += 100;
    reclaimer.check();
    await nextTurns();
    expect(collections).toBe(6);
    time += 1000;
    reclaimer.check();
    await nextTurns();
    expect(collections).toBe(6); // nothing new to collect
  });

  it('a request stops the follow-up collections', async () => {
    let time = 0;
    let collections = 0;
    const reclaimer = createIdleReclaimer(
      () => (collections += 1),
      100,
      () => time,
    );
    time = 100;
    reclaimer.check();
    expect(collections).toBe(1);
    reclaimer.touch();
    await nextTurns();
    expect(collections).toBe(1);
  });

  it('does nothing without gc (process started without --expose-gc), and still passes requests on', () => {
    const reclaimer = createIdleReclaimer(undefined, 100, () => 1e9);
    let passed = false;
    reclaimer.hook({}, {}, () => (passed = true));
    reclaimer.check();
    expect(passed).toBe(true);
  });
});
