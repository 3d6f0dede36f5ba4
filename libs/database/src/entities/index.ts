import { AlertEvent } from './alert-event.entity.js';
import { AlertRuleState } from './alert-rule-state.entity.js';
import { ChatFeedback } from './chat-feedback.entity.js';
import { ChatMessage } from './chat-message.entity.js';
import { ChatSession } from './chat-session.entity.js';
import { ChatSessionCleanupLog } from './chat-session-cleanup-log.entity.js';
import { ChatTurnStat } from './chat-turn-stat.entity.js';
import { Poi } from './poi.entity.js';
import { AuditLog } from './audit-log.entity.js';
import { AdminSession, AdminUser } from './admin-user.entity.js';
import { WidgetDeployment, WidgetVersion } from './widget-version.entity.js';

export {
  AdminSession,
  AdminUser,
  AlertEvent,
  AlertRuleState,
  AuditLog,
  ChatFeedback,
  ChatMessage,
  ChatSession,
  ChatSessionCleanupLog,
  ChatTurnStat,
  Poi,
  WidgetDeployment,
  WidgetVersion,
};
export type { AdminRole } from './admin-user.entity.js';
export type { WidgetFileRecord, WidgetVersionState } from './widget-version.entity.js';
export type { Translations } from './poi.entity.js';
export type { CleanupStatus, JobTrigger } from './chat-session-cleanup-log.entity.js';
export type { AlertEventState } from './alert-event.entity.js';

/** Every entity of the schema; the data source and the migration drift check use this list. */
export const ENTITIES = [
  ChatSession,
  ChatMessage,
  ChatSessionCleanupLog,
  Poi,
  AlertEvent,
  AlertRuleState,
  ChatFeedback,
  ChatTurnStat,
  WidgetVersion,
  WidgetDeployment,
  AuditLog,
  AdminUser,
  AdminSession,
];
