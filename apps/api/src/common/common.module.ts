import { Global, Module } from '@nestjs/common';
import { Clock } from './clock.js';

/** Services every module shares. */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class CommonModule {}
