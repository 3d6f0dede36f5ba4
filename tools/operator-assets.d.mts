/** Types of operator-assets.mjs, for the TypeScript tests that import it. */
export declare const DASHBOARD: string;
export declare const RULES: string;
export declare function queriedMetricNames(dashboard?: string, rules?: string): string[];
export declare function promtool(): string | null;
