import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { WidgetRegistryService } from './widget-registry.service.js';
import { WidgetServing } from './widget-serving.service.js';
import { WidgetStore } from './widget-store.js';
import { WidgetController } from './widget.controller.js';

/** The <holi-bot> versions (publish, deploy, rollback) and the serving of /widget/… and the demo page. */
@Module({
  imports: [AuditModule, SchedulingModule],
  controllers: [WidgetController],
  providers: [WidgetStore, WidgetRegistryService, WidgetServing],
  exports: [WidgetRegistryService, WidgetServing],
})
export class WidgetRegistryModule {}
