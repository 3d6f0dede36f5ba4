// What other features may use of sessions and user tokens; its other files are its own.
export { type NewMessage, SessionService } from './session.service.js';
export { SessionModule } from './session.module.js';
export { AuthorizationHeader, OptionalUserToken } from './user-token.decorator.js';
export { UserTokenService } from './user-token.service.js';
