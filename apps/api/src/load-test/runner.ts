import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type WebSocket from 'ws';
import { graceMs, type LoadTestOptions, SCENARIOS, type ScenarioName, THINK_JITTER } from './load-test-options.js';
import { Recorder } from './recorder.js';
import { SessionPool, type VirtualUser, VISITS, type VisitContext } from './scenarios.js';
import { findResourceSource, type MetricsSettings, type ResourceReading } from './server-resources.js';
import { apportion, interleave, round1 } from './statistics.js';
import { AddressPool, checkReachable, probeForwardedFor, type ProbeVerdict } from './target-checks.js';
import { REQUEST_TIMEOUT_MS, type Traffic } from './traffic.js';

/** Everything a run leaves for the results: the samples and what was seen around them. */
export interface RunData {
  options: LoadTestOptions;
  startedAt: Date;
  finishedAt: Date;
  /** From the first user's start until the last request ended (or was aborted), in ms. */
  elapsedMs: number;
  graceMs: number;
  recorder: Recorder;
  usersPerScenario: Record<ScenarioName, number>;
  visitsPerScenario: Record<ScenarioName, number>;
  rateLimitAware: { requested: boolean; active: boolean; probe: ProbeVerdict | null; addressesUsed: number };
  /** Each second: users running. */
  activeUsers: Array<{ tS: number; users: number }>;
  server: ServerResources;
  /** Ctrl-C stopped the run early. */
  interrupted: boolean;
  /** Unexpected failures of a virtual user (a bug, not the target's): each ended that user. */
  problems: string[];
}

export interface ServerResources {
  source: 'metrics' | 'proc' | null;
  note: string;
  processes: Array<{ pid: number; name: string }>;
  before: ResourceReading | null;
  after: ResourceReading | null;
  samples: Array<{ tS: number; cpuSeconds: number; rssBytes: number }>;
}

export interface RunEnvironment {
  /** Where the local server's metrics are (this machine's configuration). */
  metrics: MetricsSettings;
  /** Progress and notices (stderr). */
  log: (line: string) => void;
  /** Stops early on Ctrl-C when given (the command passes the process). */
  signals?: NodeJS.EventEmitter;
}

/**
 * Runs the load: `users` virtual users started evenly over `rampUp` seconds, each running its
 * scenario's visits with think time between steps, until `duration` seconds from the start. Then
 * no new request starts; the running ones get a grace (2–5 s) and are aborted at that hard
 * deadline, so the run always ends by itself.
 */
export async function runLoadTest(options: LoadTestOptions, environment: RunEnvironment): Promise<RunData> {
  const { log } = environment;
  const origin = options.target.origin;
  const side = new Pool(origin, { connections: 2 });
  const pool = new Pool(origin, {
    connections: options.users,
    pipelining: 1,
    headersTimeout: REQUEST_TIMEOUT_MS,
    bodyTimeout: REQUEST_TIMEOUT_MS,
    connect: { timeout: 5000 },
  });
  const sockets = new Set<WebSocket>();
  const timers: NodeJS.Timeout[] = [];
  try {
    await checkReachable(side, options.target);

    // --rate-limit-aware: only when the target shows that it counts each X-Forwarded-For address apart.
    const addresses = new AddressPool();
    let probe: ProbeVerdict | null = null;
    if (options.rateLimitAware) {
      probe = await probeForwardedFor(side, options.target, addresses);
      log(probe.trusted ? `Rate-limit-aware: on — ${probe.reason}.` : `Rate-limit-aware: OFF, running without it — ${probe.reason}.`);
    }
    const spreadAddresses = probe?.trusted === true;
    let addressesUsed = 0;

    const found = await findResourceSource(options.target, environment.metrics, side);
    const server: ServerResources = {
      source: found.source?.kind ?? null,
      note: found.note,
      processes: found.source?.processes ?? [],
      before: null,
      after: null,
      samples: [],
    };
    server.before = (await found.source?.read()) ?? null;

    const recorder = new Recorder();
    const sessions = new SessionPool();
    const stop = new AbortController();
    const hard = new AbortController();
    // Every waiting think time listens to `stop`, every running request to `hard`: many listeners by design.
    setMaxListeners(0, stop.signal, hard.signal);
    const runId = randomBytes(3).toString('hex');
    let requestCounter = 0;
    const t0 = performance.now();
    const startedAt = new Date();
    const now = () => performance.now() - t0;
    const traffic: Traffic = {
      target: options.target,
      pool,
      recorder,
      now,
      hardStop: hard.signal,
      sockets,
      nextRequestId: () => `load-test-${runId}-${++requestCounter}`,
    };
    const context: VisitContext = {
      traffic,
      sessions,
      visitor: (user) => {
        if (!spreadAddresses) return { scenario: user.scenario, address: null };
        addressesUsed += 1;
        return { scenario: user.scenario, address: addresses.take() };
      },
      think: () => sleep(options.thinkTimeMs * (1 - THINK_JITTER + 2 * THINK_JITTER * Math.random()), stop.signal),
      stopping: () => stop.signal.aborted,
    };

    const usersPerScenario = apportion(options.users, options.mix);
    const order = interleave(usersPerScenario);
    const visitsPerScenario = Object.fromEntries(SCENARIOS.map((name) => [name, 0])) as Record<ScenarioName, number>;
    const problems: string[] = [];
    let active = 0;

    const runUser = async (user: VirtualUser, startAtMs: number) => {
      await sleep(startAtMs, stop.signal);
      if (stop.signal.aborted) return;
      active += 1;
      try {
        while (!stop.signal.aborted) {
          await VISITS[user.scenario](context, user);
          user.visits += 1;
          visitsPerScenario[user.scenario] += 1;
          await context.think();
        }
      } catch (error) {
        problems.push(`virtual user ${user.index} (${user.scenario}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      } finally {
        active -= 1;
      }
    };

    const durationMs = options.durationS * 1000;
    const grace = graceMs(options.durationS);
    let interrupted = false;
    const hardStop = () => {
      hard.abort();
      for (const socket of sockets) socket.terminate();
    };
    const onSignal = () => {
      interrupted = true;
      log('Interrupted: stopping now; the results so far are written.');
      stop.abort();
      setTimeout(hardStop, 1000).unref();
    };
    environment.signals?.once('SIGINT', onSignal);

    timers.push(setTimeout(() => stop.abort(), durationMs));
    timers.push(setTimeout(hardStop, durationMs + grace));

    // Each second: users running, and the server's readings (/metrics every other second).
    const activeUsers: RunData['activeUsers'] = [];
    let reading = false;
    let tick = 0;
    timers.push(
      setInterval(() => {
        tick += 1;
        activeUsers.push({ tS: tick, users: active });
        if (!found.source || reading || (found.source.kind === 'metrics' && tick % 2 === 1)) return;
        reading = true;
        const tS = round1(now() / 1000);
        void found.source
          .read()
          .then((r) => r && server.samples.push({ tS, ...r }))
          .finally(() => (reading = false));
      }, 1000),
    );

    const progressEveryMs = options.durationS <= 30 ? 2000 : 5000;
    timers.push(
      setInterval(() => {
        const elapsed = now();
        const figures = recorder.progress(elapsed);
        const errorShare = figures.requests ? (100 * figures.errors) / figures.requests : 0;
        log(
          `[${String(Math.round(elapsed / 1000)).padStart(4)} s] users ${active}/${options.users}  ` +
            `${figures.intervalRate.toFixed(1)} req/s  requests ${figures.requests}  ` +
            `errors ${figures.errors} (${errorShare.toFixed(2)} %)  p95 ${figures.p95Ms === null ? '–' : `${figures.p95Ms.toFixed(1)} ms`}`,
        );
      }, progressEveryMs),
    );

    const users = order.map((scenario, index): VirtualUser => ({ index, scenario, visits: 0 }));
    await Promise.all(users.map((user, index) => runUser(user, (options.rampUpS * 1000 * index) / options.users)));
    const elapsedMs = now();
    const finishedAt = new Date();
    environment.signals?.removeListener('SIGINT', onSignal);
    for (const timer of timers) clearTimeout(timer);

    server.after = (await found.source?.read()) ?? null;
    await found.source?.close();
    return {
      options,
      startedAt,
      finishedAt,
      elapsedMs,
      graceMs: grace,
      recorder,
      usersPerScenario,
      visitsPerScenario,
      rateLimitAware: { requested: options.rateLimitAware, active: spreadAddresses, probe, addressesUsed },
      activeUsers,
      server,
      interrupted,
      problems,
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const socket of sockets) socket.terminate();
    await Promise.all([pool.destroy(), side.destroy()]);
  }
}

/** Waits `ms`, or less when `signal` aborts first; never rejects. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
