import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

const sqlCache = new WeakMap<object, Map<string, string>>();

/**
 * INSERTs rows of an entity through the same driver conversions as TypeORM (dates, JSON,
 * booleans), but with SQL text built once per shape: TypeORM's query builder rebuilds it on
 * every call, which showed as the largest cost of a chat turn after the answer itself.
 * Generated columns (auto-increment ids) are left to the database; nothing is read back.
 */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns = metadata.columns.filter((column) => !column.isGenerated && !column.isVirtual);
  const key = `${metadata.tableName}:${rows.length}`;
  let byShape = sqlCache.get(manager.connection);
  if (!byShape) sqlCache.set(manager.connection, (byShape = new Map<string, string>()));
  let sql = byShape.get(key);
  if (!sql) {
    const placeholders = `(${columns.map(() => '?').join(', ')})`;
    sql =
      `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) ` +
      `VALUES ${rows.map(() => placeholders).join(', ')}`;
    byShape.set(key, sql);
  }
  const parameters: unknown[] = [];
  for (const row of rows) {
    for (const column of columns) parameters.push(driver.preparePersistentValue(column.getEntityValue(row) ?? null, column));
  }
  await manager.query(sql, parameters);
}
