import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SESSION_ID_PATTERN } from '@holibot/contracts';
import type { AdminRole } from '@holibot/database';

const bad = (message: string) => ({ message, context: { code: 'INVALID_REQUEST' } });

/** POST /api/v1/admin/auth/login */
export class AdminLoginDto {
  @ApiProperty({ example: 'ops@calpe.example' })
  @MaxLength(191, bad('email is too long'))
  @IsString(bad('email must be a string'))
  @IsDefined(bad('email is required'))
  email!: string;

  @ApiProperty({ format: 'password' })
  @MaxLength(256, bad('password is too long'))
  @IsString(bad('password must be a string'))
  @IsDefined(bad('password is required'))
  password!: string;
}

/** POST /api/v1/admin/auth/setup: the first admin, with the token the server printed at start. */
export class AdminSetupDto extends AdminLoginDto {
  @ApiProperty()
  @MaxLength(100, bad('token is too long'))
  @IsString(bad('token must be a string'))
  @IsDefined(bad('token is required'))
  token!: string;
}

/** POST /api/v1/admin/users */
export class AdminCreateUserDto {
  @ApiProperty()
  @IsEmail({}, bad('email must be an e-mail address'))
  @MaxLength(191, bad('email is too long'))
  @IsDefined(bad('email is required'))
  email!: string;

  @ApiProperty({ format: 'password', minLength: 12 })
  @MaxLength(256, bad('password is too long'))
  @IsString(bad('password must be a string'))
  @IsDefined(bad('password is required'))
  password!: string;

  @ApiPropertyOptional({ enum: ['admin', 'viewer'], default: 'viewer' })
  @IsIn(['admin', 'viewer'], bad('role must be admin or viewer'))
  @IsOptional()
  role?: AdminRole;
}

/** POST /api/v1/admin/users/:email/password */
export class AdminPasswordDto {
  @ApiProperty({ format: 'password', minLength: 12 })
  @MaxLength(256, bad('password is too long'))
  @IsString(bad('password must be a string'))
  @IsDefined(bad('password is required'))
  password!: string;
}

/** ?days= of the report pages. */
export class ReportDaysQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 366, default: 30 })
  @Max(366, bad('days must be 1 to 366'))
  @Min(1, bad('days must be 1 to 366'))
  @IsInt(bad('days must be a whole number'))
  @Type(() => Number)
  @IsOptional()
  days?: number;
}

/** ?limit=&before= of the audit log. */
export class AuditQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @Max(500, bad('limit must be 1 to 500'))
  @Min(1, bad('limit must be 1 to 500'))
  @IsInt(bad('limit must be a whole number'))
  @Type(() => Number)
  @IsOptional()
  limit?: number;

  @ApiPropertyOptional({ description: 'Older than this entry id' })
  @Min(1, bad('before must be a positive id'))
  @IsInt(bad('before must be a whole number'))
  @Type(() => Number)
  @IsOptional()
  before?: number;
}

/** ?days= of the dashboard (1 to 31). */
export class DashboardQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 31, default: 7 })
  @Max(31, bad('days must be 1 to 31'))
  @Min(1, bad('days must be 1 to 31'))
  @IsInt(bad('days must be a whole number'))
  @Type(() => Number)
  @IsOptional()
  days?: number;
}

/** POST /api/v1/admin/sessions/cleanup: a dry run unless dryRun is false. */
export class CleanupRunDto {
  @ApiPropertyOptional({ default: true })
  @IsBoolean(bad('dryRun must be true or false'))
  @IsOptional()
  dryRun?: boolean;
}

export class ConversationsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @Max(200, bad('limit must be 1 to 200'))
  @Min(1, bad('limit must be 1 to 200'))
  @IsInt(bad('limit must be a whole number'))
  @Type(() => Number)
  @IsOptional()
  limit?: number;

  @ApiPropertyOptional({ description: 'The updatedAt of the last conversation of the previous page' })
  @Matches(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/,
    bad('before must be an ISO 8601 date and time such as 2026-06-02T11:00:00.000Z'),
  )
  @IsOptional()
  before?: string;

  @ApiPropertyOptional({ description: 'The id of the last conversation of the previous page (breaks ties of `before`)' })
  @Matches(SESSION_ID_PATTERN, bad('beforeId must be a conversation id'))
  @IsOptional()
  beforeId?: string;
}

export class ConversationParams {
  @Matches(SESSION_ID_PATTERN, { message: 'the conversation id must be a UUID', context: { code: 'INVALID_SESSION_ID' } })
  id!: string;
}

export class BackupParams {
  @Matches(/^\d{8}-\d{6}$/, bad('the backup is named by its YYYYMMDD-HHmmss timestamp'))
  timestamp!: string;
}

export class BackupFileParams extends BackupParams {
  @Matches(/^[\w.-]{1,100}$/, bad('not a backup file name'))
  name!: string;
}

export class PlacesQuery {
  @ApiPropertyOptional()
  @MaxLength(100, bad('q is too long'))
  @IsString(bad('q must be text'))
  @IsOptional()
  q?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsIn(['true', 'false'], bad('active must be true or false'))
  @IsOptional()
  active?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @Max(200, bad('limit must be 1 to 200'))
  @Min(1, bad('limit must be 1 to 200'))
  @IsInt(bad('limit must be a whole number'))
  @Type(() => Number)
  @IsOptional()
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000, default: 0 })
  @Max(1_000_000, bad('offset must be at most 1000000'))
  @Min(0, bad('offset must be 0 or more'))
  @IsInt(bad('offset must be a whole number'))
  @Type(() => Number)
  @IsOptional()
  offset?: number;
}

/** POST /api/v1/admin/places/import: the GeoJSON file's text. */
export class PlaceImportDto {
  @ApiProperty({ description: 'A GeoJSON FeatureCollection, as text' })
  @IsString(bad('geojson must be the text of a GeoJSON file'))
  @IsDefined(bad('geojson is required'))
  geojson!: string;

  @ApiPropertyOptional({ default: false })
  @IsBoolean(bad('replace must be true or false'))
  @IsOptional()
  replace?: boolean;
}

/** One file of an upload: its public name and its bytes in base64. */
export class WidgetUploadFile {
  @MaxLength(100, bad('a file name is too long'))
  @IsString(bad('a file name must be text'))
  name!: string;

  @IsBase64({}, bad('a file content must be base64'))
  @IsString(bad('a file content must be base64 text'))
  content!: string;
}

/** POST /api/v1/admin/widget/versions: a build's files, base64. */
export class WidgetUploadDto {
  @ApiPropertyOptional({ example: '1.2.0' })
  @MaxLength(64, bad('version is too long'))
  @IsString(bad('version must be text'))
  @IsOptional()
  version?: string;

  @ApiPropertyOptional()
  @MaxLength(2000, bad('notes may have at most 2000 characters'))
  @IsString(bad('notes must be text'))
  @IsOptional()
  notes?: string;

  @ApiProperty({ type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, content: { type: 'string', format: 'byte' } } } })
  @ValidateNested({ each: true })
  @Type(() => WidgetUploadFile)
  @ArrayMaxSize(40, bad('at most 40 files'))
  @IsArray(bad('files must be a list of {name, content}'))
  @IsDefined(bad('files is required'))
  files!: WidgetUploadFile[];
}
