import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { AnchoredClock, Clock } from './clock.js';
import { FileSystem, ProcessRunner, Timers } from './effects/index.js';

/** Services every module shares: the outside effects (time, files, child processes, timers), replaceable in tests. */
@Global()
@Module({
  providers: [
    // HOLIBOT_FIXED_NOW (tests only) sets the clock (then running on), so that spawned servers answer "open now" exactly.
    { provide: Clock, useFactory: (config: AppConfig) => (config.fixedNow ? new AnchoredClock(config.fixedNow) : new Clock()), inject: [AppConfig] },
    FileSystem,
    ProcessRunner,
    Timers,
  ],
  exports: [Clock, FileSystem, ProcessRunner, Timers],
})
export class CommonModule {}
