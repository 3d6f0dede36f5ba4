import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { argon2id, hash as argon2Hash } from 'argon2';
import type { DataSource } from 'typeorm';
import { AdminSession, type AdminRole, AdminUser, transaction } from '@holibot/database';
import { AuditService } from '../audit/index.js';
import { Clock } from '../common/clock.js';
import { InvalidRequestError } from '../common/domain-error.js';
import { AdminUserExistsError, AdminUserNotFoundError } from './admin.errors.js';

/** An admin user as the API and the CLI show it: never the hash. */
export interface AdminUserView {
  id: number;
  email: string;
  role: AdminRole;
  createdAt: string;
  lastLoginAt: string | null;
  disabled: boolean;
}

/** Who acts, for the audit log. */
export interface AdminActor {
  actor: string;
  ip?: string | null;
}

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;
const EMAIL = /^[^\s@,;<>]{1,64}@[^\s@,;<>]{1,126}$/;
/** Whether a text has the shape of an e-mail address (as accounts are created with). */
export const looksLikeEmail = (value: string): boolean => EMAIL.test(value);
export const ROLES: readonly AdminRole[] = ['admin', 'viewer'];

/**
 * argon2id with the library's defaults (memory 64 MiB, 3 passes, parallelism 4: OWASP's
 * recommended floor is 19 MiB and 2 passes), the salt and parameters kept in the PHC string.
 */
export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, { type: argon2id });
}

export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!EMAIL.test(normalized)) throw new InvalidRequestError(`${JSON.stringify(email.slice(0, 80))} is not an e-mail address`);
  return normalized;
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new InvalidRequestError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new InvalidRequestError(`the password may have at most ${MAX_PASSWORD_LENGTH} characters`);
}

/** The admin accounts: create, reset a password, disable or enable, list. Every change is audited. */
@Injectable()
export class AdminUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  count(): Promise<number> {
    return this.dataSource.getRepository(AdminUser).count();
  }

  async list(): Promise<AdminUserView[]> {
    return (await this.dataSource.getRepository(AdminUser).find({ order: { email: 'ASC' } })).map(userView);
  }

  findByEmail(email: string): Promise<AdminUser | null> {
    return this.dataSource.getRepository(AdminUser).findOneBy({ email: email.trim().toLowerCase() });
  }

  async create(input: { email: string; password: string; role: AdminRole }, who: AdminActor): Promise<AdminUserView> {
    const email = normalizeEmail(input.email);
    checkPassword(input.password);
    if (!ROLES.includes(input.role)) throw new InvalidRequestError(`the role must be one of ${ROLES.join(', ')}`);
    const passwordHash = await hashPassword(input.password);
    const user = this.dataSource
      .getRepository(AdminUser)
      .create({ email, passwordHash, role: input.role, createdAt: this.clock.now(), lastLoginAt: null, disabled: false });
    await transaction(this.dataSource, async (manager) => {
      if (await manager.getRepository(AdminUser).existsBy({ email })) throw new AdminUserExistsError(email);
      await manager.getRepository(AdminUser).insert(user);
      await this.audit.record({ ...who, action: 'admin.user_create', target: email, detail: `role ${input.role}` }, manager);
    }).catch((error: unknown) => {
      // Two creations of one address at once: the unique index decides.
      if (!(error instanceof AdminUserExistsError) && /duplicate|unique/i.test(String((error as Error).message))) throw new AdminUserExistsError(email);
      throw error;
    });
    return userView(user);
  }

  /** A new password; the user's sessions end. */
  async resetPassword(email: string, password: string, who: AdminActor): Promise<void> {
    checkPassword(password);
    const passwordHash = await hashPassword(password);
    await this.change(email, who, 'admin.password_reset', null, { passwordHash });
  }

  /** Disabled: cannot sign in, and every session of the user ends. */
  async setDisabled(email: string, disabled: boolean, who: AdminActor): Promise<void> {
    await this.change(email, who, disabled ? 'admin.user_disable' : 'admin.user_enable', null, { disabled });
  }

  private async change(email: string, who: AdminActor, action: string, detail: string | null, values: Partial<AdminUser>): Promise<void> {
    const normalized = email.trim().toLowerCase();
    await transaction(this.dataSource, async (manager) => {
      const user = await manager.getRepository(AdminUser).findOneBy({ email: normalized });
      if (!user) throw new AdminUserNotFoundError(email);
      await manager.getRepository(AdminUser).update({ id: user.id }, values);
      await manager.getRepository(AdminSession).delete({ userId: user.id });
      await this.audit.record({ ...who, action, target: normalized, detail }, manager);
    });
  }
}

export function userView(user: AdminUser): AdminUserView {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    disabled: Boolean(user.disabled),
  };
}
