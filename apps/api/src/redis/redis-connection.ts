import { basename } from 'node:path';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redactedUrl } from '../common/redacted-url.js';
import type { AppConfig } from '../config/app-config.js';

/** How long a command may wait for Redis before it counts as down (the rate limit then fails open). */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;
/** After a command timed out, Redis is not asked again for this long: a hung Redis costs one wait, not one per request. */
export const REDIS_SUSPEND_MS = 5000;
/** GETDEL (the setup link) and scripts that call TIME before writing need Redis 6.2 or later. */
const MIN_VERSION = [6, 2];

/** Redis is away or hung: the command was not sent, or got no answer in time. */
export class RedisUnavailableError extends Error {}

/**
 * The one Redis connection of a process (REDIS_URL), shared by the rate limit, the job leases and
 * the Mistral circuit. Commands never queue while Redis is away: each fails at once (or after
 * REDIS_COMMAND_TIMEOUT_MS when Redis hangs, after which Redis is skipped for REDIS_SUSPEND_MS and
 * a socket that stays silent is dropped), so every user degrades on its own terms and the process
 * never waits on Redis. ioredis reconnects by itself; the outage and the return are logged once each.
 */
export class RedisConnection {
  readonly client: Redis;
  /** Every key starts with this: deployments on other databases can share one Redis server. */
  readonly prefix: string;
  private readonly logger = new Logger('Redis');
  private everReady = false;
  private reportedDown = false;
  private closing = false;
  private suspendedUntil = 0;

  /** `prefix`: every key starts with it (redisKeyPrefix). */
  constructor(
    private readonly url: string,
    prefix: string,
  ) {
    this.prefix = `${prefix}:`;
    this.client = new Redis(url, {
      connectionName: 'holibot',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      // A hung Redis keeps the socket open: drop it when commands wait this long for any byte.
      socketTimeout: 3 * REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 2000,
      // Reconnect for ever, at most every 2 s.
      retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
    });
    this.client.on('ready', () => {
      this.suspendedUntil = 0;
      void this.checkServer();
      if (this.reportedDown) this.logger.log(`Redis at ${redactedRedisUrl(url)} is back: rate limit, job leases and the Mistral circuit are shared again`);
      else if (!this.everReady) this.logger.log(`Connected to Redis at ${redactedRedisUrl(url)}`);
      this.everReady = true;
      this.reportedDown = false;
    });
    // Without a listener ioredis would throw the error into the process.
    this.client.on('error', (error: Error) => this.reportDown(url, error.message));
    this.client.on('close', () => this.reportDown(url, 'connection closed'));
  }

  /** Whether commands can be sent now (connected, and not just found hung). */
  get isUp(): boolean {
    return this.client.status === 'ready' && Date.now() >= this.suspendedUntil;
  }

  /**
   * Runs `command` on the client, unless Redis is known to be away or hung: then it rejects at
   * once with RedisUnavailableError. A command that timed out suspends Redis for REDIS_SUSPEND_MS.
   */
  async run<T>(command: (client: Redis) => Promise<T>): Promise<T> {
    if (Date.now() < this.suspendedUntil) throw new RedisUnavailableError('Redis did not answer in time a moment ago');
    try {
      return await command(this.client);
    } catch (error) {
      if (/timed out/i.test((error as Error).message)) {
        this.suspendedUntil = Date.now() + REDIS_SUSPEND_MS;
        this.reportDown(this.url, `a command got no answer within ${REDIS_COMMAND_TIMEOUT_MS} ms`);
      }
      throw error;
    }
  }

  /** Answers PING now (for /health/ready). */
  async ping(): Promise<boolean> {
    return this.run((client) => client.ping()).then(
      () => true,
      () => false,
    );
  }

  /** close() was called: the process is shutting down. */
  get isClosed(): boolean {
    return this.closing;
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
    if (this.isUp) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.client.quit().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 500)))]);
      clearTimeout(timer);
    }
    this.client.disconnect();
  }

  /** Says loudly what HoliBot cannot work with: a Redis too old, or a Redis Cluster node (a single-server client would get MOVED). */
  private async checkServer(): Promise<void> {
    const info = await this.client.info('server').catch(() => '');
    const cluster = await this.client.info('cluster').catch(() => '');
    const version = /redis_version:(\d+)\.(\d+)/.exec(info);
    if (version && (Number(version[1]) < MIN_VERSION[0]! || (Number(version[1]) === MIN_VERSION[0] && Number(version[2]) < MIN_VERSION[1]!))) {
      this.logger.error(`Redis ${version[1]}.${version[2]} at ${redactedRedisUrl(this.url)} is too old: HoliBot needs Redis ${MIN_VERSION.join('.')} or later`);
    }
    if (/cluster_enabled:1/.test(cluster)) {
      this.logger.error(
        `REDIS_URL ${redactedRedisUrl(this.url)} is a Redis Cluster node: HoliBot talks to one Redis server (or a primary behind a failover address); ` +
          'keys on other nodes would fail and their features degrade as if Redis were down',
      );
    }
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
 * The keys' prefix: REDIS_KEY_PREFIX, else `holibot:<database name>` — every instance of one
 * deployment shares it; two destinations on one Redis set their own REDIS_KEY_PREFIX.
 */
export function redisKeyPrefix(config: AppConfig): string {
  if (config.redisKeyPrefix) return config.redisKeyPrefix;
  const { database } = config;
  return `holibot:${database.type === 'mysql' ? database.name : `sqlite-${basename(database.sqlitePath, '.sqlite')}`}`;
}
