import { Injectable, signal } from '@angular/core';

/** The text of the app's aria-live region: the results of actions, read out by screen readers. */
@Injectable({ providedIn: 'root' })
export class Announcer {
  readonly message = signal('');

  announce(text: string): void {
    // Cleared first so that the same message twice is read twice.
    this.message.set('');
    setTimeout(() => this.message.set(text), 50);
  }
}
