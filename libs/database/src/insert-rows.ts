import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

const sqlCache = new WeakMap<object, Map<string, string>>();

/**
 * INSERTs rows of an entity through the same driver conversions as TypeORM (dates, JSON,
 * booleans), but with SQL text built once per shape: TypeORM's query builder rebuilds it on
 * every call, which showed as the largest cost of a chat turn after the answer itself.
 * Generated columns (auto-increment ids) are left to the database, which gives them back.
 *
 * Returns the auto-increment ids the rows got, in the order of `rows` (empty for an entity
 * without one), from what the driver reports of the one statement: SQLite the last row's id
 * (one writer: a statement's rows get consecutive ids), MySQL the first row's (InnoDB gives the
 * rows of one multi-row INSERT … VALUES consecutive ids, `auto_increment_increment` apart; that
 * is 1 unless changed, as a Galera cluster does — not a set-up HoliBot supports).
 */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<number[]> {
  if (rows.length === 0) return [];
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
  const result: unknown = await manager.query(sql, parameters);
  const [primary, ...more] = metadata.primaryColumns;
  if (!primary || more.length > 0 || primary.generationStrategy !== 'increment') return [];
  // better-sqlite3: lastInsertRowid (the last row); mysql2: a ResultSetHeader whose insertId is the first row's.
  const first =
    driver.options.type === 'better-sqlite3' ? Number(result as number | bigint) - rows.length + 1 : Number((result as { insertId: number | bigint }).insertId);
  return rows.map((_, i) => first + i);
}
