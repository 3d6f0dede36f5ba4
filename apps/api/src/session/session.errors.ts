import { DomainError } from '../common/domain-error.js';

export class InvalidSessionIdError extends DomainError {
  constructor() {
    super('INVALID_SESSION_ID', 'The session id must be a UUID.');
  }
}

/** Unknown, expired, or another user's (a private session is not revealed to exist). */
export class SessionNotFoundError extends DomainError {
  constructor() {
    super('SESSION_NOT_FOUND', 'No such session, or it has expired.');
  }
}

/** A user token (Authorization header or WebSocket `token`) that is malformed, expired or not ours. */
export class InvalidTokenError extends DomainError {
  constructor(message: string) {
    super('INVALID_TOKEN', message);
  }
}
