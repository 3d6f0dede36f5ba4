import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ErrorCode } from '@holibot/contracts';
import { InvalidRequestError } from './domain-error.js';

/** Deeper bodies are refused before class-transformer walks them (it recurses and can overflow). */
const MAX_BODY_DEPTH = 8;

/** Validates DTOs; the first failed rule's `context.code` becomes the API error code. */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && depth(value) > MAX_BODY_DEPTH) {
      throw new InvalidRequestError('The request body is nested too deeply.');
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    transform: true,
    whitelist: true,
    stopAtFirstError: true,
    exceptionFactory: (errors: ValidationError[]) => {
      const first = errors[0];
      const [rule, message] = Object.entries(first?.constraints ?? {})[0] ?? ['', 'The request is not valid.'];
      const context = first?.contexts?.[rule] as { code?: ErrorCode } | undefined;
      const code = context?.code ?? 'INVALID_REQUEST';
      return new InvalidRequestError(message, code);
    },
  });
}

/** Nesting depth of a JSON value, without recursion. */
function depth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, level] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, level + 1);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    for (const child of Object.values(current)) stack.push([child, level + 1]);
  }
  return deepest;
}
