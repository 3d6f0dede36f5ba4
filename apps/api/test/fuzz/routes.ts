import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JsonSchema } from './arbitraries.js';

export interface Endpoint {
  method: string;
  /** The route template, parameters as `:name`, a wildcard as `*`. */
  path: string;
  /** The JSON body's schema, when the OpenAPI document gives one. */
  body?: JsonSchema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The endpoints the served OpenAPI document lists, with their request bodies' schemas resolved. */
export function openApiEndpoints(document: OpenApiDocument): Endpoint[] {
  const schemas = document.components?.schemas ?? {};
  const resolveRef = (schema: JsonSchema | undefined): JsonSchema | undefined =>
    schema?.$ref ? schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{(\w+)\}/g, ':$1'),
        body: resolveRef(operation.requestBody?.content?.['application/json']?.schema),
      })),
  );
}

/**
 * The routes of controllers the OpenAPI document leaves out (`@ApiExcludeController`: the admin
 * API and UI, the widget files, metrics), read from their source: `@Controller('prefix')` and
 * `@Get('path')` / `@Post` / `@Delete` …, so a new route is fuzzed without a list to update.
 */
export function sourceEndpoints(root = resolve('apps/api/src')): Endpoint[] {
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !/\.(?:int-)?spec\.ts$/.test(file) && !file.includes('/engine/'),
  );
  const endpoints: Endpoint[] = [];
  for (const file of files) {
    const source = readFileSync(join(root, file), 'utf8');
    if (!source.includes('@Controller(')) continue;
    // Each controller class from its decorator to the next one.
    for (const block of source.split(/(?=@Controller\()/).slice(1)) {
      const prefix = /^@Controller\((?:'([^']*)')?\)/.exec(block)?.[1] ?? '';
      for (const match of block.matchAll(/@(Get|Post|Put|Patch|Delete)\((?:'([^']*)')?\)/g)) {
        const path = `/${[prefix, match[2] ?? ''].filter(Boolean).join('/')}`.replace(/\/+$/, '') || '/';
        endpoints.push({ method: match[1]!.toUpperCase(), path });
      }
    }
  }
  return endpoints;
}

/** The routes nothing above names: PrometheusModule's path, the API docs and their static files. */
export const EXTRA_ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/metrics' },
  { method: 'GET', path: '/api/docs' },
  { method: 'GET', path: '/api/docs/openapi.json' },
  { method: 'GET', path: '/api/docs/*' },
  { method: 'GET', path: '/health/*' },
  { method: 'GET', path: '/widget/*' },
  // The WebSocket's path, asked as plain HTTP.
  { method: 'GET', path: '/api/v1/chat/ws' },
];

export function allEndpoints(document: OpenApiDocument): Endpoint[] {
  const seen = new Map<string, Endpoint>();
  for (const endpoint of [...openApiEndpoints(document), ...sourceEndpoints(), ...EXTRA_ENDPOINTS]) {
    const key = `${endpoint.method} ${endpoint.path}`;
    const known = seen.get(key);
    if (!known || (!known.body && endpoint.body)) seen.set(key, endpoint);
  }
  // The metrics controller's own `@Controller()` with `@Get()` names `/`, the demo page's path: no harm.
  return [...seen.values()];
}
