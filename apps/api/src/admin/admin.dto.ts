import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
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
