import type { DataSource, EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * `dataSource.transaction`, safe for concurrent callers on SQLite too. TypeORM's better-sqlite3
 * driver runs every transaction on its one connection: two that overlap (their awaits
 * interleaving) would nest, and SQLite refuses that. On SQLite they therefore run one after
 * the other; MySQL's pool gives each its own connection.
 */
export function transaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction(work);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(
    () => dataSource.transaction(work),
    () => dataSource.transaction(work),
  );
  queues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}
