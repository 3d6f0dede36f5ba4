// Redis for several instances (REDIS_URL): the connection and what is shared through it.
export { REDIS_CONNECTION, RedisModule, severalInstances } from './redis.module.js';
export { RedisConnection, RedisUnavailableError, redactedRedisUrl, redisKeyPrefix } from './redis-connection.js';
export { RedisJobLock } from './redis-job-lock.js';
export { RedisSharedCircuit, type SharedCircuit } from './redis-shared-circuit.js';
export { RedisThrottlerStorage } from './redis-throttler-storage.js';
