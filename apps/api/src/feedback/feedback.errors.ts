import { DomainError } from '../common/domain-error.js';

/** Not an assistant message of that session (unknown, a question, another session's, or deleted since). */
export class MessageNotFoundError extends DomainError {
  constructor() {
    super('MESSAGE_NOT_FOUND', 'No such answer in this session.');
  }
}

/** Feedback that does not fit the answer it is about (a place the answer did not show, a reason for a "up"). */
export class InvalidFeedbackError extends DomainError {
  constructor(message: string) {
    super('INVALID_FEEDBACK', message);
  }
}
