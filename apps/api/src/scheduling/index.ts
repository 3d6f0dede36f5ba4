// What features use of scheduling: the runner (the command line's runs of a job), the lock, and
// the shape of a feature's jobs (its Nest module: ./scheduling.module.ts).
export { JobLock, LockUnavailableError, onceReleased, type HeldLock, type JobLockOptions } from './job-lock.js';
export { JobRunner, type JobOutcome } from './job-runner.service.js';
export type { JobSource, ScheduledJob } from './scheduled-job.js';
