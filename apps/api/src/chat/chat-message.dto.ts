import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { type ChatMessageRequest, LANGUAGES, type Language, MAX_QUERY_LENGTH, SESSION_ID_PATTERN } from '@holibot/contracts';

/** POST /api/v1/chat/message. Each rule carries the API error code it fails with. */
export class ChatMessageDto implements ChatMessageRequest {
  @ApiProperty({ example: 'best restaurants in Calpe', maxLength: MAX_QUERY_LENGTH })
  // class-validator checks the lowest decorator first; stopAtFirstError reports that one.
  @MaxLength(MAX_QUERY_LENGTH, { message: `query must be at most ${MAX_QUERY_LENGTH} characters`, context: { code: 'QUERY_TOO_LONG' } })
  @Matches(/\S/, { message: 'query must not be empty', context: { code: 'INVALID_QUERY' } })
  @IsString({ message: 'query must be a string', context: { code: 'INVALID_QUERY' } })
  @IsDefined({ message: 'query is required', context: { code: 'INVALID_QUERY' } })
  query!: string;

  @ApiPropertyOptional({ description: 'Omit to start a new conversation', format: 'uuid' })
  @IsOptional()
  @Matches(SESSION_ID_PATTERN, { message: 'sessionId must be a UUID', context: { code: 'INVALID_SESSION_ID' } })
  @IsString({ message: 'sessionId must be a UUID', context: { code: 'INVALID_SESSION_ID' } })
  sessionId?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, description: "The visitor's UI language" })
  @IsOptional()
  @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}`, context: { code: 'INVALID_LANGUAGE' } })
  language?: Language;
}
