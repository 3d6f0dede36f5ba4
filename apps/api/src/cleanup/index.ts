// What other features may use of the cleanup module (its Nest module: ./cleanup.module.ts).
export { CleanupJobs } from './cleanup.jobs.js';
export { SessionCleanupService, type CleanupReport } from './session-cleanup.service.js';
export { SessionStatsService, type SessionStats } from './session-stats.service.js';
