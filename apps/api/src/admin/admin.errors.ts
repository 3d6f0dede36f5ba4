import { DomainError, FeatureUnavailableError } from '../common/domain-error.js';

export class UnauthenticatedError extends DomainError {
  constructor(message = 'sign in first (POST /api/v1/admin/auth/login)') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/** Too many failed sign-ins from one address or for one e-mail. */
export class LoginThrottledError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMIT_EXCEEDED', `too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`);
  }
}

export class AdminUserExistsError extends DomainError {
  constructor(email: string) {
    super('ADMIN_USER_EXISTS', `an admin user ${email} exists already (holibot admin reset-password changes a password)`);
  }
}

export class AdminUserNotFoundError extends DomainError {
  constructor(email: string) {
    super('ADMIN_USER_NOT_FOUND', `no admin user ${JSON.stringify(email.slice(0, 191))}`);
  }
}

/** The admin API cannot work: no session secret in production. */
export class AdminUnavailableError extends FeatureUnavailableError {}
