import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { PoiCatalogue } from './poi-catalogue.service.js';
import { PlacesService } from './places.service.js';
import { PoiImportService } from './poi-import.service.js';
import { Taxonomy } from './taxonomy.js';

@Module({
  providers: [
    PoiImportService,
    PlacesService,
    PoiCatalogue,
    // The built-in OSM tag table with the destination's POI_TAXONOMY_FILE additions.
    { provide: Taxonomy, inject: [AppConfig], useFactory: (config: AppConfig) => new Taxonomy(config.poiTaxonomy) },
  ],
  exports: [PoiImportService, PoiCatalogue, PlacesService],
})
export class PoiModule {}
