import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, resolve } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { ChatSession } from '@holibot/database';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { type DataSource, MoreThan } from 'typeorm';
import { Clock } from '../../common/clock.js';
import type { AppConfig } from '../../config/app-config.js';
import { METRIC } from './metric-definitions.js';
import { SystemReadings } from './system-readings.js';

type Definitions = typeof METRIC;
type InstrumentOf<D> = D extends { buckets: readonly number[] } ? Histogram : D extends { name: `${string}_total` } ? Counter : Gauge;
/** One prom-client object per definition, by the definition's key. */
export type Instruments = { [K in keyof Definitions]: InstrumentOf<Definitions[K]> };

export type ChatChannel = 'rest' | 'ws';
export type ChatOutcome = 'answered' | 'no_results' | 'error';
export type JobRunOutcome = 'done' | 'skipped' | 'failed';
export type DiskVolume = 'database' | 'backups' | 'logs';

/** The HTTP requests answered since start, summed over routes and methods: what the alert rules read their window from. */
export interface HttpTotals {
  /** Requests answered. */
  count: number;
  /** Of them, answered with a 5xx status. */
  errors: number;
  /** Cumulative counts by bucket upper bound in seconds (`le`), ascending, +Inf last. */
  buckets: Array<{ le: number; count: number }>;
}

/** How often the active-session count is read from the database, at most. */
export const ACTIVE_SESSIONS_MAX_AGE_MS = 30_000;

/** Methods with an HTTP meaning: anything else (made-up methods) shares one label value. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * HoliBot's metrics (metric-definitions.ts), recorded through one method per event so that
 * callers cannot invent a label. The objects are @willsoto/nestjs-prometheus providers on
 * prom-client's default registry, which /metrics serves.
 */
@Injectable()
export class Metrics {
  private openWebSockets = 0;
  private readonly logger = new Logger('Metrics');
  private server: Server | null = null;
  private activeSessionsReadAt = Number.NEGATIVE_INFINITY;
  private activeSessionsReading: Promise<void> | null = null;
  private readonly volumes: { volume: DiskVolume; path: string }[];
  private readonly enabled: boolean;
  private circuitOpenSince: Date | null = null;

  constructor(
    private readonly instruments: Instruments,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly system: SystemReadings,
  ) {
    this.enabled = config.metrics.enabled;
    this.volumes = [
      ...(config.database.type === 'sqlite' ? [{ volume: 'database' as const, path: dirname(resolve(config.database.sqlitePath)) }] : []),
      { volume: 'backups', path: resolve(config.backup.dir) },
      ...(config.log.filesEnabled ? [{ volume: 'logs' as const, path: resolve(config.log.dir) }] : []),
    ];
  }

  /** The HTTP server whose open connections are counted. */
  watchServer(server: Server): void {
    this.server = server;
  }

  httpRequest(method: string, route: string | undefined, status: number, seconds: number): void {
    const labels = { method: METHODS.has(method) ? method : 'OTHER', route: route ?? 'unmatched', status: String(status) };
    this.instruments.httpRequestDuration.observe(labels, seconds);
    this.instruments.httpRequests.inc(labels);
  }

  /** Whether anything is recorded (METRICS_ENABLED): the per-request recordings check it. */
  get recording(): boolean {
    return this.enabled;
  }

  chatTurn(turn: { engine: string; language: string; channel: ChatChannel; outcome: ChatOutcome; seconds: number }): void {
    if (!this.enabled) return;
    const { engine, language, channel, outcome, seconds } = turn;
    this.instruments.chatMessages.inc({ engine, language, outcome });
    if (outcome !== 'error') this.instruments.chatResponseDuration.observe({ engine, language, channel }, seconds);
  }

  rateLimitHit(channel: ChatChannel): void {
    if (!this.enabled) return;
    this.instruments.rateLimitHits.inc({ channel });
  }

  rateLimitFailOpen(): void {
    if (!this.enabled) return;
    this.instruments.rateLimitFailOpen.inc();
  }

  wsConnections(count: number): void {
    this.openWebSockets = count;
    if (!this.enabled) return;
    this.instruments.wsConnections.set(count);
  }

  /** Open WebSocket connections of this process, as last reported (also with METRICS_ENABLED=false): the admin dashboard's figure. */
  webSocketConnections(): number {
    return this.openWebSockets;
  }

  mistralCall(outcome: string, seconds: number, usage: { promptTokens: number; completionTokens: number } | null): void {
    this.instruments.mistralCalls.inc({ outcome });
    // A refused call (open circuit) took no time and no tokens: only counted.
    if (outcome !== 'circuit_open') this.instruments.mistralCallDuration.observe({ outcome }, seconds);
    if (usage?.promptTokens) this.instruments.mistralTokens.inc({ kind: 'prompt' }, usage.promptTokens);
    if (usage?.completionTokens) this.instruments.mistralTokens.inc({ kind: 'completion' }, usage.completionTokens);
  }

  mistralCircuit(open: boolean): void {
    this.instruments.mistralCircuitOpen.set(open ? 1 : 0);
    // Half-open trials that fail keep it open: "since" is the first break after the last reset.
    if (!open) this.circuitOpenSince = null;
    else this.circuitOpenSince ??= this.clock.now();
  }

  /** Since when the Mistral circuit has been open without closing again; null while closed (or without Mistral). */
  mistralCircuitOpenSince(): Date | null {
    return this.circuitOpenSince;
  }

  /** A job this process schedules: its run counters start at 0, so that a first failure is an increase Prometheus sees. */
  jobTracked(job: string): void {
    for (const outcome of ['done', 'skipped', 'failed'] satisfies JobRunOutcome[]) this.instruments.jobRuns.inc({ job, outcome }, 0);
  }

  jobRun(job: string, outcome: JobRunOutcome, seconds: number): void {
    this.instruments.jobRuns.inc({ job, outcome });
    if (outcome !== 'skipped') this.instruments.jobDuration.observe({ job }, seconds);
  }

  jobSucceeded(job: string, at: Date): void {
    this.instruments.jobLastSuccess.set({ job }, at.getTime() / 1000);
  }

  cleanupDeleted(sessions: number, messages: number): void {
    if (sessions) this.instruments.cleanupDeletedRows.inc({ table: 'chat_sessions' }, sessions);
    if (messages) this.instruments.cleanupDeletedRows.inc({ table: 'chat_messages' }, messages);
  }

  backupMade(bytes: number): void {
    this.instruments.backupSize.set(bytes);
  }

  /** After an alert check: whether each rule's alert is firing. */
  alertFiring(rule: string, firing: boolean): void {
    this.instruments.alertFiring.set({ rule }, firing ? 1 : 0);
  }

  /** One attempt to send an alert or report message through a channel. */
  alertNotification(channel: string, result: 'sent' | 'failed' | 'given_up'): void {
    this.instruments.alertNotifications.inc({ channel, result });
  }

  /** A configured channel: its counters start at 0, so that a first failure is an increase Prometheus sees. */
  alertChannel(channel: string): void {
    for (const result of ['sent', 'failed', 'given_up']) this.instruments.alertNotifications.inc({ channel, result }, 0);
  }

  /** For the widget registry: one upload and its size, by result. */
  widgetUpload(result: 'published' | 'duplicate' | 'rejected', bytes: number): void {
    this.instruments.widgetUploads.inc({ result });
    this.instruments.widgetUploadBytes.inc({ result }, bytes);
  }

  /** The HTTP request histogram summed over its labels (method, route, status). */
  async httpTotals(): Promise<HttpTotals> {
    const { values } = await this.instruments.httpRequestDuration.get();
    const byBound = new Map<number, number>();
    let count = 0;
    let errors = 0;
    for (const { metricName, labels, value } of values) {
      if (metricName?.endsWith('_bucket')) {
        const le = labels['le'] === '+Inf' ? Number.POSITIVE_INFINITY : Number(labels['le']);
        byBound.set(le, (byBound.get(le) ?? 0) + value);
      } else if (metricName?.endsWith('_count')) {
        count += value;
        if (String(labels['status']).startsWith('5')) errors += value;
      }
    }
    const buckets = [...byBound].map(([le, bucketCount]) => ({ le, count: bucketCount })).sort((a, b) => a.le - b.le);
    return { count, errors, buckets };
  }

  /** Before a scrape: the readings that are taken, not counted. */
  async refresh(): Promise<void> {
    await Promise.all([this.refreshActiveSessions(), this.refreshConnections(), this.refreshSystem()]);
  }

  /** Open TCP connections on the HTTP listener (WebSocket ones included); 0 before it listens. */
  openConnections(): Promise<number> {
    const server = this.server;
    if (!server) return Promise.resolve(0);
    return new Promise((done) => server.getConnections((error, count) => done(error ? 0 : count)));
  }

  /** The free share (0–1) of each volume HoliBot writes to. */
  async diskFree(): Promise<{ volume: DiskVolume; freeRatio: number; path: string }[]> {
    const readings = await Promise.all(
      this.volumes.map(async ({ volume, path }) => {
        try {
          const disk = await this.system.disk(nearestExisting(path));
          return { volume, path, freeRatio: disk.totalBytes > 0 ? disk.freeBytes / disk.totalBytes : 1 };
        } catch (error) {
          this.logger.warn(`free space of ${path} unknown: ${(error as Error).message}`);
          return null;
        }
      }),
    );
    return readings.filter((reading) => reading !== null);
  }

  private async refreshConnections(): Promise<void> {
    this.instruments.openConnections.set(await this.openConnections());
  }

  private async refreshSystem(): Promise<void> {
    const memory = await this.system.memory();
    this.instruments.memoryUsedRatio.reset();
    this.instruments.memoryUsedRatio.set({ basis: memory.basis }, memory.limitBytes > 0 ? memory.usedBytes / memory.limitBytes : 0);
    for (const { volume, freeRatio } of await this.diskFree()) this.instruments.diskFreeRatio.set({ volume }, freeRatio);
    this.instruments.cpuCores.set(this.system.cores());
  }

  /** At most every 30 s, whatever the scrape interval; a failed read keeps the last value. */
  private async refreshActiveSessions(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.activeSessionsReadAt < ACTIVE_SESSIONS_MAX_AGE_MS) return;
    this.activeSessionsReadAt = now;
    this.activeSessionsReading ??= this.dataSource
      .getRepository(ChatSession)
      .count({ where: { expiresAt: MoreThan(new Date(now)) } })
      .then((count) => void this.instruments.chatActiveSessions.set(count))
      .catch((error: unknown) => this.logger.warn(`active sessions not counted: ${(error as Error).message}`))
      .finally(() => (this.activeSessionsReading = null));
    await this.activeSessionsReading;
  }
}

/** statfs needs a path that exists: a folder not made yet is on its parent's volume. */
function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}
