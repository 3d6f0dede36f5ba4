import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request data reachable from any log line without passing it around. */
export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
