import { DomainError } from '../common/domain-error.js';

/** A catalogue file that cannot be imported as a whole (unreadable, not JSON, not a FeatureCollection, nothing valid in it). */
export class ImportFileError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super('IMPORT_FILE_INVALID', message, options);
  }
}
