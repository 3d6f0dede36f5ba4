import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redactedUrl } from '../common/redacted-url.js';
import type { AppConfig } from '../config/app-config.js';

/** How long a command may wait for Redis before it counts as down (the rate limit then fails open). */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;

/**
 * The one Redis connection of a process (REDIS_URL), shared by the rate limit, the job leases and
 * the Mistral circuit. Commands never queue while Redis is away: each fails at once (or after
 * REDIS_COMMAND_TIMEOUT_MS when Redis hangs), so every user degrades on its own terms and the
 * process never waits on Redis. ioredis reconnects by itself; the outage and the return are
 * logged once each.
 */
export class RedisConnection {
  readonly client: Redis;
  /** Every key starts with this: deployments on other databases can share one Redis server. */
  readonly prefix: string;
  private readonly logger = new Logger('Redis');
  private everReady = false;
  private reportedDown = false;
  private closing = false;

  constructor(url: string, namespace: string) {
    this.prefix = `holibot:${namespace}:`;
    this.client = new Redis(url, {
      connectionName: 'holibot',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 2000,
      // Reconnect for ever, at most every 2 s.
      retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
    });
    this.client.on('ready', () => {
      if (this.reportedDown) this.logger.log(`Redis at ${redactedRedisUrl(url)} is back: rate limit, job leases and the Mistral circuit are shared again`);
      else if (!this.everReady) this.logger.log(`Connected to Redis at ${redactedRedisUrl(url)}`);
      this.everReady = true;
      this.reportedDown = false;
    });
    // Without a listener ioredis would throw the error into the process.
    this.client.on('error', (error: Error) => this.reportDown(url, error.message));
    this.client.on('close', () => this.reportDown(url, 'connection closed'));
  }

  /** Whether commands can be sent now. */
  get isUp(): boolean {
    return this.client.status === 'ready';
  }

  /** A namespaced key. */
  key(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** Waits up to `ms` for the first connection; false when Redis did not answer by then (the process starts anyway). */
  async ready(ms: number): Promise<boolean> {
    if (this.isUp) return true;
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        resolve(value);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.client.once('ready', onReady);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    // quit() waits for Redis; a Redis that is down would hold the shutdown.
    if (this.isUp) await Promise.race([this.client.quit().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 500))]);
    this.client.disconnect();
  }

  private reportDown(url: string, reason: string): void {
    if (this.reportedDown || this.closing) return;
    this.reportedDown = true;
    this.logger.warn(
      `Redis at ${redactedRedisUrl(url)} is unreachable (${reason}): the rate limit lets requests through, scheduled jobs are skipped, ` +
        'the Mistral circuit is per process until it returns; reconnecting',
    );
  }
}

/** The URL without its password (nor any query value), for log lines. */
export function redactedRedisUrl(url: string): string {
  return redactedUrl(url) ?? 'REDIS_URL (not shown)';
}

/**
 * The key namespace of this deployment: its database (two HoliBot deployments on one Redis,
 * with different databases, must not share limits or locks). Hashed: keys stay short and do
 * not show host names.
 */
export function redisNamespace(config: AppConfig): string {
  const { database } = config;
  const identity = database.type === 'mysql' ? `mysql://${database.host}:${database.port}/${database.name}` : `sqlite:${resolve(database.sqlitePath)}`;
  return createHash('sha256').update(identity).digest('hex').slice(0, 12);
}
