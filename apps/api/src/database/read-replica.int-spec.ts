import type { DataSource } from 'typeorm';
import { ChatTurnStat, type DatabaseConfig, createDataSource, hasReplicas, onReadReplica } from '@holibot/database';
import { dropMysqlDatabase, freshMysqlDatabase, mysqlAvailable } from '@holibot/database/testing';
import { TcpProxy } from '../../test/support/tcp-proxy.js';

// DB_REPLICA_HOSTS against MariaDB: the "replica" is the same server reached through a TCP proxy
// the test controls, so what goes to the replica is seen, and the replica can be taken away.
const withMysql = (await mysqlAvailable()) || process.env['CI'] === 'true';

(withMysql ? describe : describe.skip)('read replicas (TypeORM replication)', () => {
  let primary: DatabaseConfig & { type: 'mysql' };
  let proxy: TcpProxy;
  let dataSource: DataSource;
  const warnings: string[] = [];
  const consoleWarn = console.warn;

  beforeAll(async () => {
    primary = (await freshMysqlDatabase('replica')) as DatabaseConfig & { type: 'mysql' };
    proxy = new TcpProxy({ host: primary.host, port: primary.port });
    await proxy.open();
    dataSource = await (await createDataSource({ ...primary, queryTimeoutMs: 2000, replicas: [{ host: '127.0.0.1', port: proxy.port }] })).initialize();
    await dataSource.runMigrations();
    console.warn = (message: string) => void warnings.push(message);
  });
  afterAll(async () => {
    console.warn = consoleWarn;
    await dataSource?.destroy();
    await proxy?.cut();
    if (primary) await dropMysqlDatabase(primary);
  });

  it('sends only the reads that ask for it to the replica; writes and ordinary reads stay on the primary', async () => {
    expect(hasReplicas(dataSource)).toBe(true);
    await dataSource.getRepository(ChatTurnStat).insert({
      createdAt: new Date(),
      language: 'en',
      intent: 'search',
      engine: 'builtin',
      resultCount: 2,
      latencyMs: 12,
    } as Partial<ChatTurnStat> as ChatTurnStat);
    expect(await dataSource.getRepository(ChatTurnStat).count()).toBe(1);
    expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(proxy.connections).toBe(0);

    const counted = await onReadReplica(dataSource, (manager) => manager.getRepository(ChatTurnStat).count());
    expect(counted).toBe(1);
    expect(proxy.connections).toBeGreaterThan(0);
  });

  it('a replica that is gone: the reads fall back to the primary, with one warning', async () => {
    await proxy.cut();
    const started = Date.now();
    expect(await onReadReplica(dataSource, (manager) => manager.getRepository(ChatTurnStat).count())).toBe(1);
    expect(await onReadReplica(dataSource, (manager) => manager.getRepository(ChatTurnStat).count())).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(warnings.filter((line) => line.includes('no read replica (DB_REPLICA_HOSTS) could give a connection'))).toHaveLength(1);
    // Back: the replica serves again once mysql2 restores its node (restoreNodeTimeout).
    await proxy.open(proxy.port);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let attempt = 0; attempt < 20 && proxy.connections === 0; attempt++) {
      await onReadReplica(dataSource, (manager) => manager.query('SELECT 1'));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(proxy.connections).toBeGreaterThan(0);
  });
});
