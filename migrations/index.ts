import { InitialSchema1764000000000 } from './1764000000000-InitialSchema.js';
import { MessageTokenUsage1764200000000 } from './1764200000000-MessageTokenUsage.js';
import { CleanupLogDetails1764400000000 } from './1764400000000-CleanupLogDetails.js';
import { AlertTables1764600000000 } from './1764600000000-AlertTables.js';
import { ChatFeedbackTable1764800000000 } from './1764800000000-ChatFeedbackTable.js';
import { ChatTurnStatTable1765000000000 } from './1765000000000-ChatTurnStatTable.js';
import { ChatSessionMoreResults1765200000000 } from './1765200000000-ChatSessionMoreResults.js';
import { WidgetRegistryTables1765400000000 } from './1765400000000-WidgetRegistryTables.js';
import { AdminTables1765600000000 } from './1765600000000-AdminTables.js';

/** Every migration, oldest first. A new migration is added here. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  MessageTokenUsage1764200000000,
  CleanupLogDetails1764400000000,
  AlertTables1764600000000,
  ChatFeedbackTable1764800000000,
  ChatTurnStatTable1765000000000,
  ChatSessionMoreResults1765200000000,
  WidgetRegistryTables1765400000000,
  AdminTables1765600000000,
];
