import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from './clock.js';

/** Services every module shares. Tests may pass a FixedClock. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(clock: Clock = new Clock()): DynamicModule {
    return { module: CommonModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
