// Databases for tests (`@holibot/database/testing`): fresh SQLite files and MySQL databases, and
// suites that run on both. Test code only; the app build does not include this folder.
export { connectMysql, databaseEnv, dropMysqlDatabase, freshMysqlDatabase, freshSqliteDatabase, mysqlAvailable } from './databases.js';
export { eachDatabase } from './each-database.js';
export { SEED_CLEANUPS_SQL, SEED_STATS_SQL } from './seed-monitoring.js';
