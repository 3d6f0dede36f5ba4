// Outside effects behind injectable services (CommonModule provides them); fakes in ./testing.js.
export { FileSystem } from './file-system.js';
export { ProcessRunner, type RunOptions, type RunResult } from './process-runner.js';
export { type TimerHandle, Timers } from './timers.js';
