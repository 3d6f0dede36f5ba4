// Request/response types of HoliBot's public API. Imported by the api, the <holi-bot> widget
// and the admin UI, so server and clients cannot drift. Types and constants only, no logic.
export * from './chat.js';
export * from './errors.js';
export * from './poi.js';
export * from './session.js';
export * from './ws-frames.js';
export * from './admin.js';
