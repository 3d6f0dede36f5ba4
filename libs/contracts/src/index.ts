// Request/response types of HoliBot's public API. Imported by the api, the <holi-bot> widget
// and the admin UI, so server and clients cannot drift. Types and constants only, no logic.

// The files are named with .ts: the widget's Jest resolves specifiers as written (it has no .js
// mapping), the api build rewrites them to .js (rewriteRelativeImportExtensions), the widget's
// bundler takes either. Only tsc without that option objects, hence the ts-ignores.
// @ts-ignore TS5097
export * from './chat.ts';
// @ts-ignore TS5097
export * from './errors.ts';
// @ts-ignore TS5097
export * from './poi.ts';
// @ts-ignore TS5097
export * from './session.ts';
// @ts-ignore TS5097
export * from './ws-frames.ts';
