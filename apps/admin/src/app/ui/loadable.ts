import { signal } from '@angular/core';
import { errorText } from '../api-client';

/** Data a page loads: the last value, whether a load runs, and why the last one failed. */
export class Loadable<T> {
  readonly value = signal<T | null>(null);
  readonly error = signal<string | null>(null);
  readonly loading = signal(false);
  private generation = 0;

  constructor(private readonly fetcher: () => Promise<T>) {}

  async load(): Promise<void> {
    // Only the latest load counts (the period changed while the previous one ran).
    const mine = ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    try {
      const value = await this.fetcher();
      if (mine === this.generation) this.value.set(value);
    } catch (error) {
      if (mine === this.generation) this.error.set(errorText(error));
    } finally {
      if (mine === this.generation) this.loading.set(false);
    }
  }
}

/** An action (deploy, verify, …): busy while it runs, and its error. */
export class Action {
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);

  /** Runs `work` unless it runs already; resolves to its result, or undefined when it failed. */
  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.busy()) return undefined;
    this.busy.set(true);
    this.error.set(null);
    try {
      return await work();
    } catch (error) {
      this.error.set(errorText(error));
      return undefined;
    } finally {
      this.busy.set(false);
    }
  }
}
