export { AuditService, type AuditEntry, type AuditRecord } from './audit.service.js';
