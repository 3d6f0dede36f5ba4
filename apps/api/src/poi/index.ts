// What other features may use of the POI catalogue; its other files are its own.
export { type CatalogueEntry, type CatalogueVocabulary, PoiCatalogue } from './poi-catalogue.service.js';
export { PoiImportService } from './poi-import.service.js';
export { PoiModule } from './poi.module.js';
