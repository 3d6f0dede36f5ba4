import { DomainError } from '../common/domain-error.js';

export class SchemaOutOfDateError extends DomainError {
  constructor() {
    super('SCHEMA_OUT_OF_DATE', 'the database schema is not up to date: run `holibot migrate` first (or set DB_MIGRATE_ON_START=true)');
  }
}
