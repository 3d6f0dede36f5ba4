import { DomainError } from '../common/domain-error.js';

export class WidgetFileNotFoundError extends DomainError {
  constructor(file: string) {
    super('NOT_FOUND', `No widget file ${JSON.stringify(file)}; the widget serves holi-bot.js.`);
  }
}
