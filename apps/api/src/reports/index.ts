// What other features may use of the reports module (its Nest module: ./reports.module.ts).
export { ReportsService, type GapsReport, type UsageReport, type UsageRow } from './reports.service.js';
export { DashboardService, percentile, LATENCY_BANDS } from './dashboard.service.js';
