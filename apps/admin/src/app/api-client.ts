import { inject, Injectable, InjectionToken } from '@angular/core';
import {
  CSRF_HEADER,
  type AdminLoginData,
  type AdminMe,
  type AdminRole,
  type AdminUserInfo,
  type AlertsData,
  type AlertTestResult,
  type AuditEntry,
  type BackupDetail,
  type BackupInfo,
  type BackupsData,
  type CleanupResultData,
  type ConfigData,
  type ConversationData,
  type ConversationsData,
  type DashboardData,
  type FeedbackData,
  type GapsReport,
  type PlaceDetail,
  type PlaceImportData,
  type PlacesData,
  type SessionsData,
  type UsageReport,
  type WidgetDeployData,
  type WidgetUploadRequest,
  type WidgetVersionInfo,
  type WidgetVersionsData,
} from '@holibot/contracts';
import { S } from './strings';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** window.fetch; tests provide a scripted one. */
export const FETCH = new InjectionToken<FetchLike>('admin fetch', { factory: () => (url, init) => fetch(url, init) });
/** Where the admin API lives: the same origin as the page, so the session cookie goes with it. */
export const API_BASE = new InjectionToken<string>('admin API base', { factory: () => '/api/v1/admin' });

/** A failed call: the HTTP status (0: no answer), the API's error code and its message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From Retry-After, on a 429. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Retry-After as seconds: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** What to tell the user about a failure. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return S.errors.unexpected;
  // A 403 is either a missing role or a stale CSRF token (another tab signed in again).
  if (error.status === 403) return /csrf/i.test(error.message) ? S.errors.csrf : S.errors.forbidden;
  return error.message;
}

type Query = Record<string, string | number | boolean | null | undefined>;
type Method = 'GET' | 'POST' | 'DELETE';

/** Routes where a 401 is an answer (wrong password, bad token), not a lost session. */
const SIGN_IN_ROUTES = ['auth/login', 'auth/setup'];

/**
 * The admin API over fetch. Every request goes with the session cookie (same origin); every
 * request that changes something carries the session's CSRF token, reads do not need it.
 */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly fetchFn = inject(FETCH);
  private readonly base = inject(API_BASE).replace(/\/+$/, '');
  private csrfToken: string | null = null;
  private unauthenticated: (() => void) | null = null;

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  /** Called on a 401 of any route but sign-in: the session expired or was signed out elsewhere. */
  onUnauthenticated(handler: () => void): void {
    this.unauthenticated = handler;
  }

  /** The URL of a download (a plain link: the browser sends the cookie with it). */
  url(path: string, query: Query = {}): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
    const text = search.toString();
    return `${this.base}/${path}${text ? `?${text}` : ''}`;
  }

  async request<T>(method: Method, path: string, options: { query?: Query; body?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers[CSRF_HEADER] = this.csrfToken;
    let response: Response;
    try {
      response = await this.fetchFn(this.url(path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'NETWORK_ERROR', S.errors.network);
    }
    const body = await readJson(response);
    if (response.ok && isSuccess(body)) return body.data as T;
    const error = failure(response, body);
    if (error.status === 401 && !SIGN_IN_ROUTES.includes(path)) this.unauthenticated?.();
    throw error;
  }

  // --- Sign-in ---------------------------------------------------------------------------------
  me = () => this.request<AdminMe>('GET', 'auth/me');
  login = (email: string, password: string) => this.request<AdminLoginData>('POST', 'auth/login', { body: { email, password } });
  setup = (token: string, email: string, password: string) => this.request<{ user: AdminUserInfo }>('POST', 'auth/setup', { body: { token, email, password } });
  logout = () => this.request<{ signedOut: boolean }>('POST', 'auth/logout', { body: {} });

  // --- Monitoring -------------------------------------------------------------------------------
  dashboard = (days: number) => this.request<DashboardData>('GET', 'dashboard', { query: { days } });
  sessions = () => this.request<SessionsData>('GET', 'sessions');
  cleanup = (dryRun: boolean) => this.request<CleanupResultData>('POST', 'sessions/cleanup', { body: { dryRun } });
  alerts = () => this.request<AlertsData>('GET', 'alerts');
  testAlerts = () => this.request<{ results: AlertTestResult[] }>('POST', 'alerts/test', { body: {} });

  // --- Conversations ---------------------------------------------------------------------------
  conversations = (limit: number, before?: { updatedAt: string; id: string }) =>
    this.request<ConversationsData>('GET', 'conversations', { query: { limit, before: before?.updatedAt, beforeId: before?.id } });
  conversation = (id: string) => this.request<ConversationData>('GET', `conversations/${enc(id)}`);
  deleteConversation = (id: string) => this.request<{ deleted: boolean }>('DELETE', `conversations/${enc(id)}`);

  // --- Widget ----------------------------------------------------------------------------------
  widgetVersions = () => this.request<WidgetVersionsData>('GET', 'widget/versions');
  deployWidget = (version: string) => this.request<WidgetDeployData>('POST', `widget/versions/${enc(version)}/deploy`, { body: {} });
  rollbackWidget = () => this.request<WidgetDeployData>('POST', 'widget/rollback', { body: {} });
  uploadWidget = (upload: WidgetUploadRequest) => this.request<WidgetVersionInfo>('POST', 'widget/versions', { body: upload });

  // --- Backups ---------------------------------------------------------------------------------
  backups = () => this.request<BackupsData>('GET', 'backups');
  backup = (timestamp: string) => this.request<BackupDetail>('GET', `backups/${enc(timestamp)}`);
  runBackup = () => this.request<BackupInfo>('POST', 'backups', { body: {} });
  verifyBackup = (timestamp: string) => this.request<BackupInfo>('POST', `backups/${enc(timestamp)}/verify`, { body: {} });
  backupFileUrl = (timestamp: string, name: string) => this.url(`backups/${enc(timestamp)}/files/${enc(name)}`);

  // --- Reports, feedback -----------------------------------------------------------------------
  usage = (days: number) => this.request<UsageReport>('GET', 'reports/usage', { query: { days } });
  gaps = (days: number) => this.request<GapsReport>('GET', 'reports/gaps', { query: { days } });
  feedback = (days: number) => this.request<FeedbackData>('GET', 'feedback', { query: { days } });

  // --- Places ----------------------------------------------------------------------------------
  places = (query: { q?: string; active?: boolean | null; limit: number; offset: number }) => this.request<PlacesData>('GET', 'places', { query });
  place = (id: number) => this.request<PlaceDetail>('GET', `places/${id}`);
  setPlaceActive = (id: number, active: boolean) => this.request<PlaceDetail>('POST', `places/${id}/${active ? 'activate' : 'deactivate'}`, { body: {} });
  importPlaces = (geojson: string, replace: boolean) => this.request<PlaceImportData>('POST', 'places/import', { body: { geojson, replace } });

  // --- Settings (read-only) -------------------------------------------------------------------
  config = () => this.request<ConfigData>('GET', 'config');

  // --- Admin users, audit ----------------------------------------------------------------------
  users = () => this.request<{ users: AdminUserInfo[] }>('GET', 'users');
  createUser = (email: string, password: string, role: AdminRole) =>
    this.request<{ user: AdminUserInfo }>('POST', 'users', { body: { email, password, role } });
  resetPassword = (email: string, password: string) => this.request<unknown>('POST', `users/${enc(email)}/password`, { body: { password } });
  setUserDisabled = (email: string, disabled: boolean) => this.request<unknown>('POST', `users/${enc(email)}/${disabled ? 'disable' : 'enable'}`, { body: {} });
  audit = (limit: number, before?: number) => this.request<{ entries: AuditEntry[] }>('GET', 'audit', { query: { limit, before } });
}

const enc = encodeURIComponent;

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function isSuccess(body: unknown): body is { success: true; data: unknown } {
  return typeof body === 'object' && body !== null && (body as { success?: unknown }).success === true;
}

function failure(response: Response, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : 'HTTP_ERROR';
  const message = typeof error?.message === 'string' && error.message ? error.message : S.errors.http(response.status);
  const retryAfter = response.status === 429 ? parseRetryAfter(response.headers.get('Retry-After')) : null;
  return new ApiError(response.status, code, message, retryAfter);
}
