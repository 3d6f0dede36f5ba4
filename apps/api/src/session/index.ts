// What other features may use of sessions and user tokens (Nest modules import SessionModule from session.module.ts); its other files are its own.
export { type NewMessage, SessionService } from './session.service.js';
export { AuthorizationHeader, OptionalUserToken } from './user-token.decorator.js';
export { UserTokenService } from './user-token.service.js';
export { InvalidSessionIdError, SessionNotFoundError } from './session.errors.js';
export { ConversationsService } from './conversations.service.js';
