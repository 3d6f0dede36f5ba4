// What other features may use of the alerts module (its Nest module: ./alerts.module.ts).
export { AlertsJobs } from './alerts.jobs.js';
export { AlertNotifier, type DeliveryResult } from './alert-notifier.service.js';
export { AlertService, type AlertCheckReport, type AlertRuleStatus } from './alerts.service.js';
