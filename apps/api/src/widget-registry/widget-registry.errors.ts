import { DomainError } from '../common/domain-error.js';

export class WidgetFileNotFoundError extends DomainError {
  constructor(file: string) {
    super('NOT_FOUND', `No widget file ${JSON.stringify(file.slice(0, 120))}; the widget serves holi-bot.js.`);
  }
}

/** What was given to publish is not a <holi-bot> build; every problem is named. */
export class WidgetFilesInvalidError extends DomainError {
  constructor(readonly problems: readonly string[]) {
    super('WIDGET_FILES_INVALID', `these files are not a widget build: ${problems.join('; ')}`);
  }
}

export class WidgetVersionInvalidError extends DomainError {
  constructor(message: string) {
    super('WIDGET_VERSION_INVALID', message);
  }
}

export class WidgetVersionNotFoundError extends DomainError {
  constructor(version: string) {
    super('WIDGET_VERSION_NOT_FOUND', `no widget version ${JSON.stringify(version.slice(0, 80))} (holibot widget list shows them)`);
  }
}

/** A version that exists already, a build published before under another version, or no version to roll back to. */
export class WidgetVersionConflictError extends DomainError {
  constructor(message: string) {
    super('WIDGET_VERSION_CONFLICT', message);
  }
}
