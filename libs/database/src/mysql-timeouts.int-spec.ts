import type { DataSource, Logger } from 'typeorm';
import { dropMysqlDatabase, freshMysqlDatabase, mysqlAvailable } from '../testing/index.js';
import { type DatabaseConfig, createDataSource, databaseErrorCode, transaction, withoutQueryTimeout } from './index.js';

const withMysql = await mysqlAvailable();
const TIMEOUT_MS = 300;

async function failure(work: Promise<unknown>): Promise<{ code: string | undefined; ms: number }> {
  const started = performance.now();
  try {
    await work;
  } catch (error) {
    return { code: databaseErrorCode(error), ms: performance.now() - started };
  }
  throw new Error('expected a failure');
}

/** TypeORM's default logger would print every query past maxQueryExecutionTime: these are on purpose. */
const silent: Logger = { logQuery() {}, logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} };

const connectionId = async (dataSource: DataSource) => Number((await dataSource.query('SELECT CONNECTION_ID() AS id'))[0].id);

(withMysql ? describe : describe.skip)('MySQL timeouts (DB_QUERY_TIMEOUT_MS)', () => {
  let database: DatabaseConfig;
  let dataSource: DataSource;
  beforeAll(async () => {
    const fresh = await freshMysqlDatabase('timeouts');
    if (fresh.type !== 'mysql') throw new Error('unreachable');
    database = { ...fresh, poolSize: 1, queryTimeoutMs: TIMEOUT_MS };
    dataSource = await (await createDataSource(database, silent)).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await dropMysqlDatabase(database);
  });

  it('a query past the timeout fails with PROTOCOL_SEQUENCE_TIMEOUT, and its connection is replaced, not reused', async () => {
    const before = await connectionId(dataSource);
    const timedOut = await failure(dataSource.query('SELECT SLEEP(2)'));
    expect(timedOut.code).toBe('PROTOCOL_SEQUENCE_TIMEOUT');
    expect(timedOut.ms).toBeLessThan(2 * TIMEOUT_MS);
    // The pool's only connection still runs SLEEP(2): reused, the next query would wait for it.
    const started = performance.now();
    const after = await connectionId(dataSource);
    expect(after).not.toBe(before);
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS);
  });

  it('waiting for a pooled connection fails with POOL_ACQUIRE_TIMEOUT; the late connection returns to the pool', async () => {
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    const waited = await failure(dataSource.query('SELECT 1'));
    expect(waited.code).toBe('POOL_ACQUIRE_TIMEOUT');
    expect(waited.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(waited.ms).toBeLessThan(2 * TIMEOUT_MS);
    await holder.release();
    expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('a group commit that timed out fails all its units at once, rather than each alone after another timeout', async () => {
    const started = performance.now();
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => transaction(dataSource, (manager) => manager.query('SELECT SLEEP(2)'))));
    expect(outcomes.map((outcome) => outcome.status === 'rejected' && databaseErrorCode(outcome.reason))).toEqual(Array(3).fill('PROTOCOL_SEQUENCE_TIMEOUT'));
    expect(performance.now() - started).toBeLessThan(2 * TIMEOUT_MS);
  });

  it('migrations run without it', async () => {
    await expect(withoutQueryTimeout(dataSource, () => dataSource.query('SELECT SLEEP(0.5) AS slept'))).resolves.toEqual([{ slept: 0 }]);
    expect((await failure(dataSource.query('SELECT SLEEP(1)'))).code).toBe('PROTOCOL_SEQUENCE_TIMEOUT');
  });
});
