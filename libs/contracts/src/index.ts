// Request/response types of HoliBot's public API. Imported by the api, the <holi-bot> widget
// and the admin UI, so server and clients cannot drift. Types and constants only, no logic.
// Imports name the .ts files (the build rewrites them to .js): the widget's Jest resolves them as written.
export * from './chat.ts';
export * from './errors.ts';
export * from './poi.ts';
export * from './session.ts';
export * from './ws-frames.ts';
