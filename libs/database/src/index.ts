export * from './entities/index.js';
export * from './data-source.js';
export * from './schema-drift.js';
export * from './insert-rows.js';
export * from './transaction.js';
export * from './faults.js';
export * from './mysql-timeouts.js';
export * from './read-replica.js';
