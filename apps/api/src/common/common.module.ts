import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { AnchoredClock, Clock } from './clock.js';

/** Services every module shares. */
@Global()
@Module({
  providers: [
    // HOLIBOT_FIXED_NOW (tests only) sets the clock (then running on), so that spawned servers answer "open now" exactly.
    { provide: Clock, useFactory: (config: AppConfig) => (config.fixedNow ? new AnchoredClock(config.fixedNow) : new Clock()), inject: [AppConfig] },
  ],
  exports: [Clock],
})
export class CommonModule {}
