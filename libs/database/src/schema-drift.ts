import type { DataSource } from 'typeorm';

/**
 * The SQL a `migration:generate` would write for this database: empty when the migrations
 * produce exactly the schema the entities describe.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sqlInMemory = await dataSource.driver.createSchemaBuilder().log();
  return sqlInMemory.upQueries.map((query) => query.query);
}
