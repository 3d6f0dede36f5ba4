import { Module } from '@nestjs/common';
import { WIDGET_BUILD_DIR } from '../config/app-config.js';
import { WidgetAssets, WIDGET_DIR } from './widget-assets.service.js';
import { WidgetController } from './widget.controller.js';

@Module({
  controllers: [WidgetController],
  providers: [WidgetAssets, { provide: WIDGET_DIR, useValue: WIDGET_BUILD_DIR }],
})
export class WidgetModule {}
