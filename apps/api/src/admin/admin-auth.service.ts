import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { verify as argon2Verify } from 'argon2';
import { normalizeIp } from '@nestjs/throttler';
import { jwtVerify, SignJWT } from 'jose';
import { LessThan, type DataSource } from 'typeorm';
import { AdminSession, type AdminRole, AdminUser, transaction } from '@holibot/database';
import { AuditService } from '../audit/index.js';
import { Clock } from '../common/clock.js';
import { FileSystem } from '../common/effects/index.js';
import { AppConfig } from '../config/app-config.js';
import { AdminUnavailableError, LoginThrottledError, UnauthenticatedError } from './admin.errors.js';
import { type AdminUserView, AdminUsersService, checkPassword, hashPassword, looksLikeEmail, normalizeEmail, userView } from './admin-users.service.js';
import { auditIp } from '../common/client-ip.js';
import { LocalLoginAttempts, type LoginAttempts } from './login-limiter.js';
import { RedisLoginAttempts } from './redis-login-attempts.js';
import { REDIS_CONNECTION, type RedisConnection } from '../redis/index.js';

/** The signed-in admin of a request. */
export interface AdminPrincipal {
  userId: number;
  email: string;
  role: AdminRole;
  /** SHA-256 of the session id: the AdminSession row. */
  sessionKey: string;
  csrfToken: string;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  /** For the cookie's Max-Age. */
  maxAgeSeconds: number;
  user: AdminUserView;
}

/** A session's last_seen_at is written at most this often (not on every request). */
const TOUCH_EVERY_MS = 60_000;
const SETUP_TOKEN_TTL_MS = 60 * 60_000;
const ISSUER = 'holibot-admin';
/** argon2 verifications at once (64 MiB and ~0.2 s each, on libuv's pool): more sign-ins wait their turn as 429s. */
const MAX_PARALLEL_VERIFICATIONS = 2;
const WRONG = 'wrong e-mail or password';

/**
 * Signing in to the admin API. The cookie holds a JWT (HS256, ADMIN_SESSION_SECRET) naming a
 * random session id; the AdminSession row (keyed by the id's SHA-256) carries the idle and
 * absolute expiry and the CSRF token, and is deleted at logout. Failed sign-ins are limited per
 * address and per e-mail; every sign-in, failure, lockout and logout is audited.
 */
@Injectable()
export class AdminAuthService implements OnModuleInit {
  private readonly logger = new Logger('Admin');
  private secret: Uint8Array | null = null;
  private unavailable: string | null = null;
  private readonly limiter: LoginAttempts;
  private verifying = 0;
  /** This process's setup token; `shared`: a copy is in Redis too (the link works on every instance). */
  private setup: { hash: string; expiresAt: number; shared: boolean } | null = null;
  /** A hash to verify against when the e-mail is unknown, so that both cases take as long. */
  private decoy: Promise<string> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: AdminUsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly files: FileSystem,
    @Optional() @Inject(REDIS_CONNECTION) private readonly redis: RedisConnection | null = null,
  ) {
    // Several instances: one count for all, or an attacker would get five tries per instance.
    this.limiter = redis ? new RedisLoginAttempts(redis) : new LocalLoginAttempts();
  }

  async onModuleInit(): Promise<void> {
    const configured = this.config.admin.sessionSecret;
    if (configured) this.secret = new TextEncoder().encode(configured);
    else if (this.config.nodeEnv === 'production') {
      this.unavailable = 'the admin API is off: set ADMIN_SESSION_SECRET (32+ characters) to use it in production';
    } else {
      this.secret = new TextEncoder().encode(await this.storedSecret());
    }
  }

  /** Why the admin API answers 503, or null when it works. */
  unavailableReason(): string | null {
    return this.unavailable;
  }

  async login(emailInput: string, password: string, ipInput: string): Promise<LoginResult> {
    const secret = this.requireSecret();
    const ip = auditIp(ipInput);
    const typed = emailInput.trim().toLowerCase().slice(0, 191);
    // Never a password typed into the e-mail field in the log or the audit: only what looks like an address.
    const shown = looksLikeEmail(typed) ? typed : '(not an e-mail address)';
    const user = looksLikeEmail(typed) ? await this.users.findByEmail(typed) : null;
    // One key per address (an IPv6 client's whole /64) and one per account: the stored e-mail when
    // the typed one finds it (a case- or accent-insensitive collation finds one account by many spellings).
    const keys = [`ip:${normalizeIp(ipInput)}`, `email:${user?.email ?? typed}`];
    const now = this.clock.now();
    // Counted before the slow check, so that a burst of parallel guesses counts too; a success takes it back.
    const { waitMs, lockout, token: attempt } = await this.limiter.attempt(keys, now.getTime());
    if (waitMs > 0) throw new LoginThrottledError(Math.ceil(waitMs / 1000));
    if (this.verifying >= MAX_PARALLEL_VERIFICATIONS) throw new LoginThrottledError(5);
    this.verifying += 1;
    let matches: boolean;
    try {
      matches = await argon2Verify(user?.passwordHash ?? (await this.decoyHash()), password).catch(() => false);
    } finally {
      this.verifying -= 1;
    }
    if (!user || !matches || user.disabled) {
      await this.audit.record({
        actor: shown,
        action: 'admin.login_failed',
        target: user?.email ?? null,
        detail: user?.disabled ? 'account disabled' : null,
        ip,
      });
      if (lockout) {
        const from = ip ?? 'an unknown address';
        this.logger.warn(`Sign-ins locked for 15 minutes after 5 failures (from ${from}${user ? `, for ${user.email}` : ''})`);
        await this.audit.record({ actor: 'system', action: 'admin.login_lockout', target: user?.email ?? null, detail: `after 5 failures from ${from}`, ip });
      }
      throw new UnauthenticatedError(WRONG);
    }
    await this.limiter.succeed(keys, attempt);
    const sessionId = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.admin.maxHours * 3_600_000);
    await transaction(this.dataSource, async (manager) => {
      // Sessions past their end are dropped on the way.
      await manager.getRepository(AdminSession).delete({ expiresAt: LessThan(now) });
      await manager.getRepository(AdminSession).insert({ id: sha256(sessionId), userId: user.id, csrfToken, createdAt: now, lastSeenAt: now, expiresAt, ip });
      await manager.getRepository(AdminUser).update({ id: user.id }, { lastLoginAt: now });
      await this.audit.record({ actor: user.email, action: 'admin.login', target: user.email, detail: null, ip }, manager);
    });
    const token = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(String(user.id))
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(secret);
    return { token, csrfToken, expiresAt, maxAgeSeconds: this.config.admin.maxHours * 3600, user: userView({ ...user, lastLoginAt: now }) };
  }

  /** The admin a cookie's token names, or null: bad signature, expired, idle too long, logged out, disabled. */
  async authenticate(token: string | undefined): Promise<AdminPrincipal | null> {
    const secret = this.requireSecret();
    if (!token || token.length > 2048) return null;
    const now = this.clock.now();
    let sessionId: unknown;
    let subject: string | undefined;
    try {
      const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, currentDate: now, requiredClaims: ['exp', 'sub'] });
      sessionId = payload['sid'];
      subject = payload.sub;
    } catch {
      return null;
    }
    if (typeof sessionId !== 'string') return null;
    const key = sha256(sessionId);
    const session = await this.dataSource.getRepository(AdminSession).findOne({ where: { id: key }, relations: { user: true } });
    const user = session?.user;
    if (!session || !user || String(user.id) !== subject) return null;
    const idleEnd = session.lastSeenAt.getTime() + this.config.admin.idleMinutes * 60_000;
    if (user.disabled || session.expiresAt <= now || idleEnd <= now.getTime()) {
      await this.dataSource.getRepository(AdminSession).delete({ id: key });
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.dataSource.getRepository(AdminSession).update({ id: key }, { lastSeenAt: now });
    }
    return { userId: user.id, email: user.email, role: user.role, sessionKey: key, csrfToken: session.csrfToken };
  }

  async logout(principal: AdminPrincipal, ipInput: string): Promise<void> {
    const ip = auditIp(ipInput);
    await transaction(this.dataSource, async (manager) => {
      await manager.getRepository(AdminSession).delete({ id: principal.sessionKey });
      await this.audit.record({ actor: principal.email, action: 'admin.logout', target: principal.email, detail: null, ip }, manager);
    });
  }

  /** Whether a request's X-CSRF-Token is its session's. */
  csrfMatches(principal: AdminPrincipal, header: string | undefined): boolean {
    if (!header) return false;
    const given = Buffer.from(header);
    const expected = Buffer.from(principal.csrfToken);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * At server start with no admin user: a one-time token (valid 1 h) that creates the first admin
   * through POST /api/v1/admin/auth/setup. Null when an admin exists. Kept in this process and,
   * with REDIS_URL, in Redis too, so the link works on whichever instance the balancer picks.
   */
  async setupTokenIfNoAdmin(): Promise<string | null> {
    if (this.unavailable || (await this.users.count()) > 0) return null;
    const token = randomBytes(24).toString('base64url');
    const setup = { hash: sha256(token), expiresAt: this.clock.now().getTime() + SETUP_TOKEN_TTL_MS, shared: false };
    this.setup = setup;
    if (this.redis) {
      setup.shared = await this.redis
        .run((client) => client.set(this.setupKey(setup.hash), '1', 'PX', SETUP_TOKEN_TTL_MS))
        .then(
          () => true,
          () => false,
        );
    }
    return token;
  }

  /** Another instance's setup token in Redis: the ms it has left, or 0 when there is none. */
  private async sharedSetupLeft(token: string): Promise<number> {
    if (!this.redis) return 0;
    return Math.max(0, await this.redis.run((client) => client.pttl(this.setupKey(sha256(token)))).catch(() => 0));
  }

  /** Takes a setup token out of Redis: 'taken' for the one request that got it; 'unavailable' when Redis does not answer. */
  private async takeSharedSetup(token: string): Promise<'taken' | 'absent' | 'unavailable'> {
    if (!this.redis) return 'unavailable';
    return this.redis
      .run((client) => client.getdel(this.setupKey(sha256(token))))
      .then(
        (value) => (value === '1' ? 'taken' : 'absent'),
        () => 'unavailable' as const,
      );
  }

  private setupKey(hash: string): string {
    return this.redis!.key(`{admin-setup}:${hash}`);
  }

  /** Creates the first admin with the setup token; refused once any admin exists or the token is wrong or old. */
  async completeSetup(token: string, email: string, password: string, ip: string): Promise<AdminUserView> {
    this.requireSecret();
    const setup = this.setup;
    const mine = setup !== null && setup.expiresAt > this.clock.now().getTime() && timingSafeEqual(Buffer.from(sha256(token)), Buffer.from(setup.hash));
    // Or the link another instance printed (REDIS_URL).
    const sharedLeft = mine ? 0 : await this.sharedSetupLeft(token);
    const invalid = new UnauthenticatedError('the setup link is not valid (used, expired, or an admin exists already): use holibot admin create');
    if (!(mine || sharedLeft > 0) || (await this.users.count()) > 0 || (mine && this.setup !== setup)) throw invalid;
    normalizeEmail(email);
    checkPassword(password);
    // Taken before the next await: two requests with the token create one admin; a failure gives it back.
    if (mine) this.setup = null;
    // The copy in Redis is taken too, atomically: of requests on several instances, one gets it.
    // (Redis away: the instance that printed the link still honours it on its own.)
    const claim = mine && !setup.shared ? 'unavailable' : await this.takeSharedSetup(token);
    const sharedCopy = claim === 'taken';
    if (mine ? claim === 'absent' : !sharedCopy) {
      if (mine) this.setup = setup;
      throw invalid;
    }
    try {
      return await this.users.create({ email, password, role: 'admin' }, { actor: 'setup-link', ip: auditIp(ip) });
    } catch (error) {
      if (mine) this.setup = setup;
      const left = mine ? setup.expiresAt - this.clock.now().getTime() : sharedLeft;
      if (sharedCopy && left > 0) await this.redis?.run((client) => client.set(this.setupKey(sha256(token)), '1', 'PX', left)).catch(() => undefined);
      throw error;
    }
  }

  private requireSecret(): Uint8Array {
    if (!this.secret) throw new AdminUnavailableError(this.unavailable ?? 'the admin API is not ready');
    return this.secret;
  }

  private decoyHash(): Promise<string> {
    return (this.decoy ??= hashPassword(randomBytes(16).toString('hex')));
  }

  /** Outside production: a secret made once and kept beside the SQLite database (or in data/), so restarts keep sessions. */
  private async storedSecret(): Promise<string> {
    const dir = this.config.database.type === 'sqlite' ? dirname(resolve(this.config.database.sqlitePath)) : resolve('data');
    const path = join(dir, 'admin-session.secret');
    const existing = await this.files.readText(path).catch(() => '');
    if (existing.trim().length >= 32) return existing.trim();
    const made = randomBytes(48).toString('base64url');
    try {
      await this.files.mkdir(dir);
      await this.files.writeFileAtomic(path, `${made}\n`, 0o600);
      this.logger.log(`Made an admin session secret in ${path} (set ADMIN_SESSION_SECRET in production)`);
    } catch (error) {
      this.logger.warn(`Could not keep the admin session secret in ${path} (${(error as Error).message}): sessions end at restart`);
    }
    return made;
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
