import { createRequire } from 'node:module';
import type { Pool, PoolCluster, PoolClusterOptions, PoolConnection, PoolOptions } from 'mysql2';
import { type AfterQueryEvent, type DataSource, type EntitySubscriberInterface, EventSubscriber } from 'typeorm';
import { databaseErrorCode } from './faults.js';

/**
 * A MySQL server that stops answering but keeps its connections open must cost a request a
 * bounded wait, then a 503. mysql2 3.x and TypeORM 1.x give three limits, with gaps closed here:
 *
 * - connecting: mysql2's `connectTimeout` (handshake included);
 * - each query: mysql2's per-query `timeout`, which TypeORM sets from `maxQueryExecutionTime`
 *   when `enableQueryTimeout` is on. On expiry mysql2 fails the query (PROTOCOL_SEQUENCE_TIMEOUT)
 *   but leaves it the connection's current command: the connection goes back to the pool, and
 *   the next query on it queues behind the dead one with no timer of its own (its timer starts
 *   only when it is sent). DiscardTimedOutConnections destroys such a connection instead;
 * - waiting for a pooled connection: mysql2's pool has no acquire timeout (it waits without a
 *   limit once all connections are taken; TypeORM's `acquireTimeout` option is passed through
 *   and mysql2 ignores it with a warning). mysqlDriverWithAcquireTimeout adds one.
 */
export const DEFAULT_QUERY_TIMEOUT_MS = 5000;

type Mysql2 = typeof import('mysql2');
type GetConnectionCallback = (error: NodeJS.ErrnoException | null, connection?: PoolConnection) => void;

/**
 * mysql2 for TypeORM's `driver` option, whose pools fail `getConnection` with POOL_ACQUIRE_TIMEOUT
 * after `timeoutMs` (queueing plus connecting). A connection that arrives later goes back to the pool.
 */
export function mysqlDriverWithAcquireTimeout(timeoutMs: number): Mysql2 {
  // Loaded here, synchronously, and only for MySQL: a SQLite deployment never loads the driver.
  const mysql = createRequire(import.meta.url)('mysql2') as Mysql2;
  return Object.assign(Object.create(mysql) as Mysql2, {
    createPool: (options: PoolOptions) => withAcquireTimeout(mysql.createPool(options), timeoutMs),
    // With read replicas (DB_REPLICA_HOSTS) TypeORM uses a pool cluster instead of a pool.
    createPoolCluster: (options: PoolClusterOptions) => clusterWithAcquireTimeout(mysql.createPoolCluster(options), timeoutMs),
  });
}

/**
 * The same bounded wait for a pool cluster's connections, and a replica that cannot give one
 * (down, removed after errors, or slow) falls back to the primary: a replica only ever spares the
 * primary some reads, it must not make them fail.
 */
function clusterWithAcquireTimeout(cluster: PoolCluster, timeoutMs: number): PoolCluster {
  let lastFallbackWarning = Number.NEGATIVE_INFINITY;
  const take = (pattern: string, callback: GetConnectionCallback) =>
    acquireWithTimeout(
      (done) => cluster.getConnection(pattern, done as (error: NodeJS.ErrnoException | null, connection: PoolConnection) => void),
      timeoutMs,
      callback,
    );
  const getConnection = (pattern: string, ...rest: unknown[]) => {
    const callback = rest.at(-1) as GetConnectionCallback;
    if (!pattern.startsWith('SLAVE')) return take(pattern, callback);
    take(pattern, (error, connection) => {
      if (!error) return callback(null, connection);
      if (Date.now() - lastFallbackWarning > 60_000) {
        lastFallbackWarning = Date.now();
        console.warn(
          `holibot: no read replica (DB_REPLICA_HOSTS) could give a connection (${error.code ?? error.message}); reading from the primary meanwhile`,
        );
      }
      take('MASTER', callback);
    });
  };
  return new Proxy(cluster, {
    get(target, key) {
      if (key === 'getConnection') return getConnection;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}

/** Calls `get`, and `callback` with its connection, or with POOL_ACQUIRE_TIMEOUT after `timeoutMs`; a late connection goes back. */
function acquireWithTimeout(get: (done: GetConnectionCallback) => void, timeoutMs: number, callback: GetConnectionCallback): void {
  let waiting = true;
  const timer = setTimeout(() => {
    waiting = false;
    const error: NodeJS.ErrnoException = new Error(`no MySQL connection became free or could be opened within ${timeoutMs} ms`);
    error.code = 'POOL_ACQUIRE_TIMEOUT';
    callback(error);
  }, timeoutMs);
  get((error, connection) => {
    if (waiting) {
      waiting = false;
      clearTimeout(timer);
      callback(error, connection);
    } else if (!error) {
      connection?.release();
    }
  });
}

function withAcquireTimeout(pool: Pool, timeoutMs: number): Pool {
  const getConnection = (callback: GetConnectionCallback) =>
    acquireWithTimeout((done) => pool.getConnection(done as (error: NodeJS.ErrnoException | null, connection: PoolConnection) => void), timeoutMs, callback);
  // A proxy rather than a patched method: mysql2 calls its own getConnection internally (handing a
  // freed slot to a waiter) and must keep its own; everything else is the pool itself.
  return new Proxy(pool, {
    get(target, key) {
      if (key === 'getConnection') return getConnection;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}

/** Destroys a pooled connection whose query timed out (see above), so the pool opens a fresh one. */
@EventSubscriber()
export class DiscardTimedOutConnections implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent): void {
    if (event.success || databaseErrorCode(event.error) !== 'PROTOCOL_SEQUENCE_TIMEOUT') return;
    const connection = (event.queryRunner as { databaseConnection?: PoolConnection & { stream?: { destroy(): void } } }).databaseConnection;
    if (!connection) return;
    // mysql2's destroy() only half-closes the socket (end()); a server that does not answer may
    // never close its side, so the socket is destroyed too.
    connection.destroy();
    connection.stream?.destroy();
  }
}

/**
 * Runs `work` (migrations) without the per-query timeout: a schema change on a large table may
 * legitimately run longer, and MySQL DDL is not transactional — giving up on it client-side
 * would leave the schema changed but the migration not recorded.
 */
export async function withoutQueryTimeout<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  // TypeORM reads the driver's options on every query.
  const options = dataSource.driver.options as { enableQueryTimeout?: boolean };
  const enabled = options.enableQueryTimeout;
  if (!enabled) return work();
  options.enableQueryTimeout = false;
  try {
    return await work();
  } finally {
    options.enableQueryTimeout = enabled;
  }
}
