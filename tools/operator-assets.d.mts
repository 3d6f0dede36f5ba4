/** Types of operator-assets.mjs, for the TypeScript tests that import it. */
export declare const DASHBOARD: string;
export declare const RULES: string;
export declare function queriedMetricNames(dashboard?: string, rules?: string): string[];
export declare function promtool(): string | null;

export declare const NGINX_SITE: string;
export declare const NGINX_COMPOSE_SITE: string;
export declare const COMPOSE_FILE: string;
export declare const PM2_FILE: string;
export declare function nginxBinary(): string | null;
export declare function testCertificate(dir: string): { cert: string; key: string };
export declare function nginxSandbox(site: string, rewrite?: (text: string) => string): { prefix: string; conf: string };
export declare function nginxTest(binary: string, sandbox: { prefix: string; conf: string }): { ok: boolean; output: string };
export declare function withCertificate(text: string, certificate: { cert: string; key: string }): string;
export declare function loadComposeFile(file?: string): ComposeFile;
export declare function interpolate(text: unknown, env?: Record<string, string>): string;

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[];
  restart?: string;
  environment?: Record<string, string | number>;
  env_file?: unknown;
  ports?: string[];
  expose?: string[];
  volumes?: Array<string | { type: string; source: string; target: string }>;
  depends_on?: Record<string, { condition: string }> | string[];
  deploy?: { replicas?: number | string };
  healthcheck?: { test?: string[]; disable?: boolean };
  stop_grace_period?: string;
}
export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}
