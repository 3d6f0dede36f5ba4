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
  private readonly logger = new Logger('Metrics');
  private server: Server | null = null;
  private activeSessionsReadAt = Number.NEGATIVE_INFINITY;
  private activeSessionsReading: Promise<void> | null = null;
  private readonly volumes: { volume: DiskVolume; path: string }[];

  constructor(
    private readonly instruments: Instruments,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly system: SystemReadings,
  ) {
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

  chatTurn(turn: { engine: string; language: string; channel: ChatChannel; outcome: ChatOutcome; seconds: number }): void {
    const { engine, language, channel, outcome, seconds } = turn;
    this.instruments.chatMessages.inc({ engine, language, outcome });
    if (outcome !== 'error') this.instruments.chatResponseDuration.observe({ engine, language, channel }, seconds);
  }

  rateLimitHit(channel: ChatChannel): void {
    this.instruments.rateLimitHits.inc({ channel });
  }

  wsConnections(count: number): void {
    this.instruments.wsConnections.set(count);
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

  /** For the widget registry: one upload and its size, by result. */
  widgetUpload(result: 'published' | 'duplicate' | 'rejected', bytes: number): void {
    this.instruments.widgetUploads.inc({ result });
    this.instruments.widgetUploadBytes.inc({ result }, bytes);
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
