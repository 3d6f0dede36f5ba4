import { HttpException } from '@nestjs/common';
import type { ErrorCode, ErrorResponse } from '@holibot/contracts';

/** A domain error with a stable code; the exception filter turns it into the API's error shape. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super({ success: false, error: { code, message } } satisfies ErrorResponse, status);
  }
}
