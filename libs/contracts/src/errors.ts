export type ErrorCode =
  | 'INVALID_QUERY'
  | 'QUERY_TOO_LONG'
  | 'INVALID_LANGUAGE'
  | 'INVALID_POSITION'
  | 'INVALID_REQUEST'
  | 'INVALID_SESSION_ID'
  | 'SESSION_NOT_FOUND'
  | 'MESSAGE_NOT_FOUND'
  | 'INVALID_FEEDBACK'
  | 'INVALID_TOKEN'
  | 'UNAUTHORIZED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'ADMIN_USER_EXISTS'
  | 'ADMIN_USER_NOT_FOUND'
  | 'BACKUP_UNUSABLE'
  | 'RATE_LIMIT_EXCEEDED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INVALID_JSON'
  | 'NOT_FOUND'
  | 'WIDGET_FILES_INVALID'
  | 'WIDGET_VERSION_INVALID'
  | 'WIDGET_VERSION_NOT_FOUND'
  | 'WIDGET_VERSION_CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

/** Every error of the API has this shape. */
export interface ErrorResponse {
  success: false;
  error: {
    code: ErrorCode;
    message: string;
    /** `GET /health/ready` only: each check's status, e.g. `{database: {status: 'down'}}`. */
    checks?: Record<string, { status: string }>;
  };
}
