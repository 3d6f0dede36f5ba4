import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
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

  // Both or neither: a latitude without a longitude is a client bug, not half a position.
  @ApiPropertyOptional({ minimum: -90, maximum: 90, description: "The visitor's latitude (WGS84), for distances; never stored" })
  @ValidateIf((dto: ChatMessageDto) => dto.latitude !== undefined || dto.longitude !== undefined)
  @Max(90, { message: 'latitude must be between -90 and 90', context: { code: 'INVALID_POSITION' } })
  @Min(-90, { message: 'latitude must be between -90 and 90', context: { code: 'INVALID_POSITION' } })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'latitude and longitude must both be numbers', context: { code: 'INVALID_POSITION' } })
  latitude?: number;

  @ApiPropertyOptional({ minimum: -180, maximum: 180, description: "The visitor's longitude (WGS84), for distances; never stored" })
  @ValidateIf((dto: ChatMessageDto) => dto.latitude !== undefined || dto.longitude !== undefined)
  @Max(180, { message: 'longitude must be between -180 and 180', context: { code: 'INVALID_POSITION' } })
  @Min(-180, { message: 'longitude must be between -180 and 180', context: { code: 'INVALID_POSITION' } })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'latitude and longitude must both be numbers', context: { code: 'INVALID_POSITION' } })
  longitude?: number;
}
