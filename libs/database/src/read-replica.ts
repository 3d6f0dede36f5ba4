import type { DataSource, EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from './faults.js';

/**
 * Runs reads that tolerate a little replication lag — reports, the admin's lists — on a read
 * replica (DB_REPLICA_HOSTS) when there is one, on the primary otherwise. The work gets an
 * EntityManager bound to one replica connection; it must only read. A replica that fails as a
 * server (gone, connection lost, timed out) costs nothing but a retry on the primary.
 */
export async function onReadReplica<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!hasReplicas(dataSource)) return work(dataSource.manager);
  const runner = dataSource.createQueryRunner('slave');
  try {
    return await work(runner.manager);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return work(dataSource.manager);
  } finally {
    await runner.release();
  }
}

export function hasReplicas(dataSource: DataSource): boolean {
  return Boolean((dataSource.options as { replication?: unknown }).replication);
}
