// What other features may use of the POI catalogue (Nest modules import PoiModule from poi.module.ts); its other files are its own.
export { type CatalogueEntry, type CatalogueVocabulary, PoiCatalogue, distanceKm } from './poi-catalogue.service.js';
export { PoiImportService } from './poi-import.service.js';
export { SUBCATEGORY_LABELS, subcategoryLabel } from './subcategory-labels.js';
export { type AttributeColumns, STORED_ATTRIBUTES, type StoredAttribute, poiAttribute, poiHasAttribute } from './poi-attributes.js';
export { PlacesService, PlaceNotFoundError } from './places.service.js';
export { ImportFileError } from './poi.errors.js';
