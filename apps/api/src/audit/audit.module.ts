import { Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';

/** The audit log of operator actions (AuditLog), written by the features that act. */
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
