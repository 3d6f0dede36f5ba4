import { Global, Module } from '@nestjs/common';
import { Clock } from './clock.js';
import { FileSystem, ProcessRunner, Timers } from './effects/index.js';

/** Services every module shares: the outside effects (time, files, child processes, timers), replaceable in tests. */
@Global()
@Module({ providers: [Clock, FileSystem, ProcessRunner, Timers], exports: [Clock, FileSystem, ProcessRunner, Timers] })
export class CommonModule {}
