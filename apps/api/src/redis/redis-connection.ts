import { isIP } from 'node:net';
import { type PeerCertificate, checkServerIdentity } from 'node:tls';
import { basename } from 'node:path';
import { Logger } from '@nestjs/common';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { redactedUrl } from '../common/redacted-url.js';
import type { AppConfig } from '../config/app-config.js';

/** How long a command may wait for Redis before it counts as down (the rate limit then fails open). */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;
/** After a command timed out, Redis is not asked again for this long: a hung Redis costs one wait, not one per request. */
export const REDIS_SUSPEND_MS = 5000;
/** GETDEL (the setup link) and scripts that call TIME before writing need Redis 6.2 or later. */
const MIN_VERSION = [6, 2];
/** The longest run() waits, whatever path a command takes inside ioredis. */
const RUN_DEADLINE_MS = REDIS_COMMAND_TIMEOUT_MS + 500;
/** Reconnect for ever, at most every 2 s. */
const retryDelay = (attempt: number) => Math.min(100 * attempt, 2000);

/** What the users of the connection send commands to: one Redis server, or a Redis Cluster. */
export type RedisClient = Redis | Cluster;

/** Redis is away or hung: the command was not sent, or got no answer in time. */
export class RedisUnavailableError extends Error {}

export interface RedisConnectionOptions {
  /** PEM certificates to trust for rediss:// (REDIS_TLS_CA_FILE) instead of Node's public CAs. */
  tlsCa?: string | null;
}

/**
 * The one Redis connection of a process (REDIS_URL), shared by the rate limit, the job leases and
 * the Mistral circuit. Commands never queue while Redis is away: each fails at once (or after
 * REDIS_COMMAND_TIMEOUT_MS when Redis hangs, after which Redis is skipped for REDIS_SUSPEND_MS and
 * a socket that stays silent is dropped), so every user degrades on its own terms and the process
 * never waits on Redis. ioredis reconnects by itself; the outage and the return are logged once each.
 *
 * REDIS_URL may name one server or any node of a Redis Cluster: a node that says it is part of a
 * cluster (HELLO's `mode`, or a MOVED reply) is left for an ioredis Cluster client started from it,
 * which finds the other nodes and sends each key to the node that holds it (every multi-key command
 * and script here keeps its keys under one hash tag, so one node).
 */
export class RedisConnection {
  /** Where commands go now (a Cluster once REDIS_URL's node turned out to be a cluster node). */
  private current: RedisClient;
  /** The client whose server was checked after it connected: commands wait for that. */
  private checked: RedisClient | null = null;
  /** Every key starts with this: deployments on other databases can share one Redis server. */
  readonly prefix: string;
  private readonly logger = new Logger('Redis');
  private readonly onUp = new Set<() => void>();
  private readonly nodeOptions: RedisOptions;
  private everReady = false;
  private reportedDown = false;
  private closing = false;
  private suspendedUntil = 0;
  private nodeWarnedAt = Number.NEGATIVE_INFINITY;
  private helloWarned = false;

  /** `prefix`: every key starts with it (redisKeyPrefix). */
  constructor(
    private readonly url: string,
    prefix: string,
    options: RedisConnectionOptions = {},
  ) {
    this.prefix = `${prefix}:`;
    this.nodeOptions = {
      connectionName: 'holibot',
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      // A hung Redis keeps the socket open: drop it when commands wait this long for any byte.
      socketTimeout: 3 * REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 2000,
      ...(url.startsWith('rediss:') && options.tlsCa ? { tls: { ca: options.tlsCa } } : {}),
    };
    this.current = this.watch(new Redis(url, { ...this.nodeOptions, enableOfflineQueue: false, retryStrategy: retryDelay }));
  }

  /**
   * Whether commands can be sent now (connected and checked, and not just found hung). A cluster
   * client stays up while one of its nodes is lost: the commands for that node's keys fail within
   * about 0.3 s (a node that hangs instead suspends Redis as a hung server does, after one wait).
   */
  get isUp(): boolean {
    return this.checked === this.current && this.current.status === 'ready' && Date.now() >= this.suspendedUntil;
  }

  /** Whether REDIS_URL turned out to be a Redis Cluster node (commands then go through a cluster client). */
  get isCluster(): boolean {
    return this.current instanceof Cluster;
  }

  /**
   * Runs `command` on the client, unless Redis is known to be away or hung: then it rejects at
   * once with RedisUnavailableError. A command that timed out suspends Redis for REDIS_SUSPEND_MS.
   */
  async run<T>(command: (client: RedisClient) => Promise<T>): Promise<T> {
    if (Date.now() < this.suspendedUntil) throw new RedisUnavailableError('Redis did not answer in time a moment ago');
    const client = this.current;
    if (this.checked !== client) throw new RedisUnavailableError('Redis is not connected yet');
    let deadline: NodeJS.Timeout | undefined;
    try {
      // ioredis's own commandTimeout covers a sent command; this covers any retry path of a cluster client too.
      const result = await Promise.race([
        command(client),
        new Promise<never>((_, reject) => {
          deadline = setTimeout(() => reject(new RedisUnavailableError(`Redis command timed out (${RUN_DEADLINE_MS} ms)`)), RUN_DEADLINE_MS);
        }),
      ]);
      this.answered(client);
      return result;
    } catch (error) {
      const { message } = error as Error;
      if (/timed out/i.test(message)) {
        this.suspendedUntil = Date.now() + REDIS_SUSPEND_MS;
        this.reportDown(`a command got no answer in time: ${message}`);
      }
      // A cluster node that the start-up check could not recognise: its MOVED replies say so.
      if (message.startsWith('MOVED ') && client instanceof Redis && client === this.current && !this.closing) this.switchToCluster(client);
      throw error;
    } finally {
      clearTimeout(deadline);
    }
  }

  /**
   * Answers now (for /health/ready): PING, or on a cluster CLUSTER INFO's `cluster_state:ok` — a
   * cluster that lost a node (and its keys) says `fail`, though the node asked still answers.
   */
  async ping(): Promise<boolean> {
    return this.run(async (client) =>
      client instanceof Cluster ? /cluster_state:ok/.test(await client.cluster('INFO')) : (await client.ping()) === 'PONG',
    ).catch(() => false);
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
        this.onUp.delete(onUp);
        resolve(value);
      };
      const onUp = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.onUp.add(onUp);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    // quit() waits for Redis; a Redis that is down would hold the shutdown.
    if (this.isUp) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.current.quit().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 500)))]);
      clearTimeout(timer);
    }
    this.current.disconnect();
  }

  /** Logs the client's outages and returns; a client that is no longer the current one is ignored. */
  private watch<C extends RedisClient>(client: C): C {
    client.on('ready', () => {
      if (client === this.current) void this.connected(client);
    });
    // Without a listener ioredis would throw the error into the process.
    client.on('error', (error: Error & { lastNodeError?: Error }) => {
      // REDIS_URL names a database on a cluster node: the cluster client (database 0) follows at once.
      if (client !== this.current || /SELECT is not allowed in cluster mode/.test(error.message)) return;
      // A cluster that cannot be reached says why only in its last node's error (a refused TLS certificate, say).
      this.reportDown(error.lastNodeError ? `${error.message} ${error.lastNodeError.message}` : error.message);
    });
    client.on('close', () => {
      if (client === this.current) this.reportDown('connection closed');
    });
    // A cluster stays ready while one node is lost (its keys fail until the cluster moves them): say so, once a minute.
    client.on('node error', (error: Error, node: string) => {
      if (client !== this.current || this.closing || Date.now() - this.nodeWarnedAt < 60_000) return;
      this.nodeWarnedAt = Date.now();
      this.logger.warn(`Redis Cluster node ${node} is unreachable (${error.message}): the keys it holds fail until it is back or replaced`);
    });
    return client;
  }

  /**
   * Asks the server that just answered what it is (HELLO: version and mode — unlike INFO, not in
   * ACL's @dangerous), then lets commands through, or moves to a cluster client first.
   */
  private async connected(client: RedisClient): Promise<void> {
    this.suspendedUntil = 0;
    // HELLO 2 (RESP2, as ioredis speaks): the protocol argument is optional only from Redis 6.2.
    const hello = await client.hello(2).then(
      (reply) => helloFields(reply),
      (error: Error) => error,
    );
    if (client !== this.current || this.closing) return;
    if (hello instanceof Error) {
      // Not fatal: a cluster node still shows itself by its MOVED replies (run()).
      if (client instanceof Redis && !this.helloWarned) {
        this.logger.warn(`Could not ask ${redactedRedisUrl(this.url)} what it is (HELLO: ${hello.message}); taking it for one Redis server`);
      }
      this.helloWarned = true;
    } else {
      if (client instanceof Redis && hello['mode'] === 'cluster') return this.switchToCluster(client);
      const version = /^(\d+)\.(\d+)/.exec(hello['version'] ?? '');
      if (version && (Number(version[1]) < MIN_VERSION[0]! || (Number(version[1]) === MIN_VERSION[0] && Number(version[2]) < MIN_VERSION[1]!))) {
        this.logger.error(
          `Redis ${version[1]}.${version[2]} at ${redactedRedisUrl(this.url)} is too old: HoliBot needs Redis ${MIN_VERSION.join('.')} or later`,
        );
      }
    }
    if (!this.reportedDown && !this.everReady) this.logger.log(`Connected to ${this.describe(client)} ${redactedRedisUrl(this.url)}`);
    this.everReady = true;
    this.answered(client);
    this.checked = client;
    for (const onUp of [...this.onUp]) onUp();
  }

  /** Redis answered: after an outage (a lost connection, or a timeout that no reconnection follows), say it is back. */
  private answered(client: RedisClient): void {
    if (!this.reportedDown) return;
    this.reportedDown = false;
    const what = this.describe(client);
    this.logger.log(
      `${what[0]!.toUpperCase()}${what.slice(1)} ${redactedRedisUrl(this.url)} is back: rate limit, job leases and the Mistral circuit are shared again`,
    );
  }

  /** "Redis at" or "the Redis Cluster (n primaries) through", before the URL in a log line. */
  private describe(client: RedisClient): string {
    if (!(client instanceof Cluster)) return 'Redis at';
    const primaries = client.nodes('master').length;
    return `the Redis Cluster${primaries ? ` (${primaries} primaries)` : ''} through`;
  }

  /**
   * REDIS_URL's node is a cluster node: a Cluster client starts from it (and finds the others from
   * its slot map) in place of the single one. Over TLS the nodes are reached at the addresses the
   * cluster announces: a node's certificate must name that address or, as managed services issue
   * them for nodes announced by IP, REDIS_URL's host (which is not resolved beforehand).
   */
  private switchToCluster(single: Redis): void {
    const { host, port, username, password, db, family, tls } = single.options;
    if (db) this.logger.warn(`REDIS_URL names database ${db}, but a Redis Cluster has only database 0: using 0 (keys keep their prefix ${this.prefix})`);
    this.logger.log(`${redactedRedisUrl(this.url)} is a Redis Cluster node: connecting to the cluster`);
    const identity = host && isIP(host) === 0 ? { checkServerIdentity: clusterNodeIdentity(host) } : {};
    this.current = this.watch(
      new Cluster([{ host, port }], {
        enableOfflineQueue: false,
        clusterRetryStrategy: retryDelay,
        slotsRefreshTimeout: 2000,
        // A closed node connection or TRYAGAIN is retried every 100 ms (a failover, a node that rejoins), at most 3 times: a
        // lost node's keys fail within about 0.3 s and degrade their feature without suspending the rest. A cluster that
        // says CLUSTERDOWN is down: no retry, every feature degrades at once as with a single server away.
        retryDelayOnFailover: 100,
        retryDelayOnClusterDown: 0,
        retryDelayOnTryAgain: 100,
        maxRedirections: 3,
        ...(tls ? { dnsLookup: (address: string, callback: (error: null, address: string) => void) => callback(null, address) } : {}),
        redisOptions: { ...this.nodeOptions, username, password, family, ...(tls ? { tls: { ...tls, ...identity } } : {}) },
      }),
    );
    single.disconnect();
  }

  private reportDown(reason: string): void {
    if (this.reportedDown || this.closing) return;
    this.reportedDown = true;
    const what = this.describe(this.current).replace(/ \(\d+ primaries\)/, '');
    this.logger.warn(
      `${what[0]!.toUpperCase()}${what.slice(1)} ${redactedRedisUrl(this.url)} is unreachable (${reason}): the rate limit lets requests through, scheduled jobs are skipped, ` +
        'the Mistral circuit is per process until it returns; reconnecting',
    );
  }
}

/**
 * The certificate check of a cluster node reached over TLS: the certificate names the address the
 * node was reached at (its own name, as a cluster that announces host names has them), or else the
 * host of REDIS_URL (one certificate for all nodes announced by IP, as managed services issue).
 */
export function clusterNodeIdentity(urlHost: string): (node: string, certificate: PeerCertificate) => Error | undefined {
  return (node, certificate) => {
    const ownError = checkServerIdentity(node, certificate);
    return ownError && checkServerIdentity(urlHost, certificate) ? ownError : undefined;
  };
}

/** HELLO's reply, a flat list of names and values, as a record of its text values. */
function helloFields(reply: unknown[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let index = 0; index + 1 < reply.length; index += 2) {
    const value = reply[index + 1];
    if (typeof value === 'string' || typeof value === 'number') fields[String(reply[index])] = String(value);
  }
  return fields;
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
