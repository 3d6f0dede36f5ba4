// The admin API (/api/v1/admin/**): what each route answers inside the usual envelope
// `{success: true, data: …}` (errors: ErrorResponse). The admin UI (apps/admin) reads these.

export type AdminRole = 'admin' | 'viewer';

/** Every state-changing request repeats `csrfToken` in this header. */
export const CSRF_HEADER = 'X-CSRF-Token';

export interface AdminLoginRequest {
  email: string;
  password: string;
}

export interface AdminUserInfo {
  id: number;
  email: string;
  role: AdminRole;
  createdAt: string;
  lastLoginAt: string | null;
  disabled: boolean;
}

/** POST /api/v1/admin/auth/login */
export interface AdminLoginData {
  user: AdminUserInfo;
  csrfToken: string;
  expiresAt: string;
}

/** GET /api/v1/admin/auth/me */
export interface AdminMe {
  email: string;
  role: AdminRole;
  csrfToken: string;
}

/** GET /api/v1/admin/audit?limit=&before= → { entries } */
export interface AuditEntry {
  id: number;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
  createdAt: string;
}

// --- Widget versions -----------------------------------------------------------------------

export interface WidgetFileInfo {
  name: string;
  sha256: string;
  /** `sha384-…`, for `<script integrity>`. */
  integrity: string;
  size: number;
  gzipSize: number;
  brotliSize: number;
}

export interface WidgetVersionInfo {
  version: string;
  state: 'active' | 'previous' | 'available';
  active: boolean;
  files: WidgetFileInfo[];
  sizeRaw: number;
  sizeGzip: number;
  sizeBrotli: number;
  notes: string | null;
  uploadedBy: string;
  createdAt: string;
  deployedAt: string | null;
}

export interface ActiveWidgetInfo {
  version: string;
  previousVersion: string | null;
  deployedAt: string;
  deployedBy: string;
}

/** GET /api/v1/admin/widget/versions */
export interface WidgetVersionsData {
  active: ActiveWidgetInfo | null;
  versions: WidgetVersionInfo[];
}

/** POST /api/v1/admin/widget/versions (admin): a build's files, base64, checked and hashed by the server. */
export interface WidgetUploadRequest {
  version?: string;
  notes?: string;
  files: Array<{ name: string; content: string }>;
}

/** POST …/widget/versions/:version/deploy, POST …/widget/rollback */
export interface WidgetDeployData {
  version: string;
  previousVersion: string | null;
  changed: boolean;
}

// --- Dashboard, sessions, conversations ----------------------------------------------------

export interface AlertRuleInfo {
  rule: string;
  title: string;
  condition: string;
  unit: string;
  state: 'firing' | 'ok' | 'unknown';
  holds: boolean | null;
  value: number | null;
  threshold: number;
  summary: string | null;
  since: string | null;
  checkedAt: string | null;
  checkedBy: string | null;
  stale: boolean;
}

/** GET /api/v1/admin/dashboard?days=7 (1-31): hourly buckets up to 2 days, daily beyond. */
export interface DashboardData {
  days: number;
  since: string;
  bucket: 'hour' | 'day';
  /** Oldest first, every bucket of the range (empty ones with 0 turns). */
  series: Array<{ start: string; turns: number; noResults: number; latencyP50Ms: number | null; latencyP95Ms: number | null }>;
  byLanguage: Record<string, number>;
  byEngine: Record<string, number>;
  totals: { turns: number; noResults: number; latencyP50Ms: number | null; latencyP95Ms: number | null };
  activeSessions: number;
  /** Open WebSocket connections of this process. */
  webSocketConnections: number;
  /** The alert rules that fire now. */
  alerts: AlertRuleInfo[];
}

export interface CleanupRunInfo {
  runAt: string;
  trigger: string;
  status: string;
  sessionsDeleted: number;
  messagesDeleted: number;
  durationMs: number | null;
  error: string | null;
}

/** GET /api/v1/admin/sessions: the seed's monitoring figures and the cleanup history. */
export interface SessionsData {
  totalSessions: number;
  activeSessions: number;
  authenticatedSessions: number;
  avgSessionDurationSeconds: number;
  /** SESSION_EXPIRY_HOURS: how long a conversation is kept after its last message. */
  retentionHours: number;
  cleanupCron: string;
  /** Newest first (at most 50). */
  cleanups: CleanupRunInfo[];
}

/** POST /api/v1/admin/sessions/cleanup {dryRun} (admin) */
export interface CleanupResultData {
  /** 'skipped': another instance runs the cleanup now. */
  outcome: 'done' | 'skipped' | 'failed';
  dryRun: boolean;
  sessionsDeleted: number;
  messagesDeleted: number;
  durationMs: number;
  error: string | null;
}

export interface ConversationSummary {
  id: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  messageCount: number;
  language: string | null;
  signedIn: boolean;
  /** The visitor's first question, cut to 120 characters. */
  firstQuestion: string | null;
}

/** GET /api/v1/admin/conversations?limit=&before=<updatedAt ISO>&beforeId=<id> (newest first; the last of the previous page) */
export interface ConversationsData {
  retentionHours: number;
  conversations: ConversationSummary[];
}

export interface ConversationMessage {
  id: number;
  role: 'user' | 'assistant';
  content: string;
  createdAt: string;
  language: string | null;
  poiIds: number[] | null;
  feedback: { rating: 'up' | 'down'; reason: string | null; comment: string | null } | null;
}

/** GET /api/v1/admin/conversations/:id; DELETE it (admin) → { deleted: true } */
export interface ConversationData extends ConversationSummary {
  messages: ConversationMessage[];
}

// --- Backups, alerts --------------------------------------------------------------------------

export interface BackupInfo {
  timestamp: string;
  createdAt: string;
  databaseType: 'sqlite' | 'mysql';
  reason: string;
  encrypted: boolean;
  size: number;
  verifiedAt: string | null;
}

/** GET /api/v1/admin/backups; POST it (admin) runs one; POST …/:timestamp/verify (admin); GET …/:timestamp/files/:name (admin) downloads. */
export interface BackupsData {
  dir: string;
  intervalHours: number;
  retentionDays: number;
  backups: BackupInfo[];
  /** With `<timestamp>` to replace: the command that restores (the server must be stopped). */
  restoreCommand: string;
}

export interface BackupDetail {
  timestamp: string;
  createdAt: string;
  migrations: string[];
  rowCounts: Record<string, number>;
  encrypted: boolean;
  files: Array<{ name: string; role: string; size: number; sha256: string }>;
}

export interface AlertEventInfo {
  id: number;
  rule: string;
  state: string;
  openedAt: string;
  resolvedAt: string | null;
  value: number | null;
  threshold: number | null;
  summary: string | null;
}

/** GET /api/v1/admin/alerts; POST …/alerts/test (admin) → { results } */
export interface AlertsData {
  enabled: boolean;
  recipients: number;
  rules: AlertRuleInfo[];
  /** Newest first (at most 100). */
  history: AlertEventInfo[];
}

export interface AlertTestResult {
  channel: string;
  ok: boolean;
  error: string | null;
}

// --- Reports (the same as `holibot report gaps|usage --json`), feedback, places -----------------

export interface GapsReport {
  days: number;
  since: string;
  /** Questions of the period that searched the catalogue. */
  questions: number;
  /** Questions that found nothing, grouped by their normalised words; most asked first. */
  noResults: Array<{ query: string; count: number; languages: Record<string, number> }>;
  /** What questions asked for, most asked first, with the share that found something. */
  topics: Array<{ topic: string; asked: number; found: number; resultRate: number }>;
  /**
   * Attributes asked for, with the number of active places that have them (null for one that
   * is not stored, such as openNow); `rare` when at most a few do.
   */
  attributes: Array<{ attribute: string; asked: number; found: number; places: number | null; rare: boolean }>;
}

export interface UsageRow {
  day: string;
  model: string;
  /** Turns that asked the model. */
  turns: number;
  /** Calls made (retries included; none while the circuit was open). */
  calls: number;
  /** Turns by how their call ended: { ok: 120, timeout: 3, … }. */
  outcomes: Record<string, number>;
  /** Turns answered by the built-in engine instead. */
  fallbacks: number;
  promptTokens: number;
  completionTokens: number;
  /** USD, from MISTRAL_PRICE_INPUT_PER_M and MISTRAL_PRICE_OUTPUT_PER_M: an estimate, not an invoice. */
  estimatedCost: number;
}

export interface UsageReport {
  days: number;
  since: string;
  /** The prices of the estimate, and the model they are for (MISTRAL_MODEL): rows of other models are estimated at them too. */
  prices: { inputPerM: number; outputPerM: number; currency: 'USD'; model: string };
  /** Per day (UTC) and model, oldest first. */
  rows: UsageRow[];
  total: Omit<UsageRow, 'day' | 'model'>;
}

/** GET /api/v1/admin/feedback?days=30 */
export interface FeedbackData {
  days: number;
  since: string;
  /** Per day (UTC), oldest first. */
  perDay: Array<{ day: string; up: number; down: number }>;
  /** "Wrong info" and other reports about a place, most reported first. */
  places: Array<{
    poiId: number;
    name: string | null;
    reports: number;
    comments: Array<{ reason: string | null; comment: string | null; createdAt: string; sessionId: string; messageId: number }>;
  }>;
  /** The latest ratings with a comment or a reason, newest first. */
  recent: Array<{
    rating: 'up' | 'down';
    reason: string | null;
    comment: string | null;
    createdAt: string;
    sessionId: string;
    messageId: number;
    poiId: number | null;
  }>;
}

export interface PlaceSummary {
  id: number;
  name: string;
  category: string;
  subcategory: string;
  city: string | null;
  active: boolean;
  rating: number | null;
  source: string;
  updatedAt: string;
}

/** GET /api/v1/admin/places?q=&active=true|false&limit=&offset= */
export interface PlacesData {
  total: number;
  places: PlaceSummary[];
}

/** GET /api/v1/admin/places/:id; POST …/:id/deactivate|activate (admin) */
export interface PlaceDetail extends PlaceSummary {
  description: string | null;
  address: string | null;
  latitude: number;
  longitude: number;
  openingHours: string | null;
  website: string | null;
  phone: string | null;
  tags: Record<string, string>;
}

/** POST /api/v1/admin/places/import {geojson, replace?} (admin): the CLI importer's report. */
export interface PlaceImportData {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  rejected: Array<{ index: number; id: string | null; reason: string }>;
  warnings: Array<{ index: number; id: string; message: string }>;
}

// --- Settings ------------------------------------------------------------------------------

/** The areas of GET /api/v1/admin/config, in the order the admin UI shows them. */
export const CONFIG_AREAS = [
  'server',
  'database',
  'chat',
  'mistral',
  'catalogue',
  'websocket',
  'cleanup',
  'backups',
  'widget',
  'admin',
  'metrics',
  'alerts',
  'mail',
  'logs',
] as const;
export type ConfigAreaKey = (typeof CONFIG_AREAS)[number];

/** How a secret shows in GET /api/v1/admin/config, never its value (a URL with credentials: the URL with its password as ***). */
export const CONFIG_SECRET_SET = 'set';
export const CONFIG_SECRET_NOT_SET = 'not set';

/** One setting: the environment variable (or `.env` line) that sets it and its effective value. */
export interface ConfigSetting {
  name: string;
  /**
   * The value the server runs with, as text ('' when empty or off). A secret is 'set' or 'not
   * set', never its value; a URL with credentials (REDIS_URL) is shown with its password as ***.
   */
  value: string;
  /** One of the secrets (DB_PASSWORD, USER_TOKEN_SECRET, MISTRAL_API_KEY, …). */
  secret: boolean;
}

export interface ConfigArea {
  area: ConfigAreaKey;
  settings: ConfigSetting[];
}

/** GET /api/v1/admin/config (viewer): the running server's effective settings by area, read-only (they change in .env and a restart). */
export interface ConfigData {
  areas: ConfigArea[];
}
