import { Module } from '@nestjs/common';
import { PoiCatalogue } from './poi-catalogue.service.js';
import { PoiImportService } from './poi-import.service.js';

@Module({ providers: [PoiImportService, PoiCatalogue], exports: [PoiImportService, PoiCatalogue] })
export class PoiModule {}
