export { WidgetRegistryService, type WidgetVersionView, type ActiveWidget, type DeployResult, type WidgetActor } from './widget-registry.service.js';
export { WidgetServing } from './widget-serving.service.js';
export { type WidgetFile, WIDGET_LOADER, WIDGET_ELEMENT, MAX_FILE_BYTES, MAX_FILES } from './widget-files.js';
