/** Types of api-freshness.mjs, for the TypeScript tests that import it. */
export declare const API_SOURCES: string[];
export declare function needsBuild(sourceRoots: string[], stamp: string): boolean;
