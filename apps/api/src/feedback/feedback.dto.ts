import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  type ChatFeedbackRequest,
  FEEDBACK_REASONS,
  type FeedbackRating,
  type FeedbackReason,
  MAX_FEEDBACK_COMMENT_LENGTH,
  SESSION_ID_PATTERN,
} from '@holibot/contracts';

export const FEEDBACK_RATINGS: readonly FeedbackRating[] = ['up', 'down'];
/** The largest id an `int` column holds: a larger one is a bad request, not a database error. */
const MAX_ID = 2_147_483_647;

const invalid = (message: string) => ({ message, context: { code: 'INVALID_FEEDBACK' } });

/** POST /api/v1/chat/feedback. Each rule carries the API error code it fails with (the lowest decorator is checked first). */
export class ChatFeedbackDto implements ChatFeedbackRequest {
  @ApiProperty({ description: 'The conversation of the answer', format: 'uuid' })
  @Matches(SESSION_ID_PATTERN, { message: 'sessionId must be a UUID', context: { code: 'INVALID_SESSION_ID' } })
  @IsString({ message: 'sessionId must be a UUID', context: { code: 'INVALID_SESSION_ID' } })
  @IsDefined({ message: 'sessionId is required', context: { code: 'INVALID_SESSION_ID' } })
  sessionId!: string;

  @ApiProperty({ description: "The answer rated: its messageId (in the chat answer and the session's history)", minimum: 1, maximum: MAX_ID })
  @Max(MAX_ID, invalid('messageId must be a positive integer'))
  @Min(1, invalid('messageId must be a positive integer'))
  @IsInt(invalid('messageId must be a positive integer'))
  @IsDefined(invalid('messageId is required'))
  messageId!: number;

  @ApiProperty({ enum: FEEDBACK_RATINGS })
  @IsIn(FEEDBACK_RATINGS, invalid('rating must be "up" or "down"'))
  @IsDefined(invalid('rating is required'))
  rating!: FeedbackRating;

  @ApiPropertyOptional({ enum: FEEDBACK_REASONS, description: 'Why the answer was rated "down" (with "down" only)' })
  @IsOptional()
  @IsIn(FEEDBACK_REASONS, invalid(`reason must be one of ${FEEDBACK_REASONS.join(', ')}`))
  reason?: FeedbackReason;

  @ApiPropertyOptional({ description: "The visitor's words; trimmed, control characters removed", maxLength: MAX_FEEDBACK_COMMENT_LENGTH })
  @IsOptional()
  @MaxLength(MAX_FEEDBACK_COMMENT_LENGTH, invalid(`comment must be at most ${MAX_FEEDBACK_COMMENT_LENGTH} characters`))
  @IsString(invalid('comment must be a string'))
  comment?: string;

  @ApiPropertyOptional({ description: 'The place of that answer the feedback is about: one of its pois[].id', minimum: 1, maximum: MAX_ID })
  @IsOptional()
  @Max(MAX_ID, invalid('poiId must be a positive integer'))
  @Min(1, invalid('poiId must be a positive integer'))
  @IsInt(invalid('poiId must be a positive integer'))
  poiId?: number;
}
