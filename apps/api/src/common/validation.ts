import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ErrorCode } from '@holibot/contracts';
import { ApiError } from './api-error.js';

/** Validates DTOs; the first failed rule's `context.code` becomes the API error code. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    stopAtFirstError: true,
    exceptionFactory: (errors: ValidationError[]) => {
      const first = errors[0];
      const [rule, message] = Object.entries(first?.constraints ?? {})[0] ?? ['', 'The request is not valid.'];
      const code = (first?.contexts?.[rule]?.['code'] as ErrorCode | undefined) ?? 'INVALID_REQUEST';
      return new ApiError(400, code, message);
    },
  });
}
