import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { AuditEntry } from '@holibot/contracts';
import { AdminApi, errorText } from '../../api-client';
import { formatDateTime } from '../../format';
import { S } from '../../strings';
import { ScrollRegion } from '../../ui/scroll-region';

const PAGE_SIZE = 50;

/** Who changed what, newest first, paged by the last entry's id. */
@Component({
  selector: 'admin-audit-log',
  imports: [ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (entries().length) {
      <div class="table-wrap" adminScrollRegion>
        <table aria-labelledby="audit-title">
          <thead>
            <tr>
              <th scope="col">{{ S.users.when }}</th>
              <th scope="col">{{ S.users.actor }}</th>
              <th scope="col">{{ S.users.action }}</th>
              <th scope="col">{{ S.users.target }}</th>
              <th scope="col">{{ S.users.detail }}</th>
              <th scope="col">{{ S.users.ip }}</th>
            </tr>
          </thead>
          <tbody>
            @for (entry of entries(); track entry.id) {
              <tr>
                <th scope="row">{{ formatDateTime(entry.createdAt) }}</th>
                <td>{{ entry.actor }}</td>
                <td>{{ entry.action }}</td>
                <td>{{ entry.target ?? '' }}</td>
                <td>{{ entry.detail ?? '' }}</td>
                <td>{{ entry.ip ?? '' }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else if (!loading() && !error()) {
      <p class="muted">{{ S.users.noAudit }}</p>
    }
    @if (loading()) {
      <p class="muted">{{ S.loading }}</p>
    }
    @if (error(); as error) {
      <p class="message error" role="alert">{{ error }}</p>
    }
    @if (more() && !loading()) {
      <button type="button" class="secondary" (click)="loadMore()">{{ S.older }}</button>
    }
  `,
})
export class AuditLog {
  private readonly api = inject(AdminApi);
  protected readonly S = S;
  protected readonly formatDateTime = formatDateTime;
  protected readonly entries = signal<AuditEntry[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly more = signal(false);

  constructor() {
    void this.loadMore();
  }

  /** Starts again from the newest (after an action added entries). */
  reload(): void {
    this.entries.set([]);
    void this.loadMore();
  }

  protected async loadMore(): Promise<void> {
    if (this.loading()) return;
    this.loading.set(true);
    this.error.set(null);
    try {
      const { entries } = await this.api.audit(PAGE_SIZE, this.entries().at(-1)?.id);
      this.entries.update((list) => [...list, ...entries]);
      this.more.set(entries.length === PAGE_SIZE);
    } catch (error) {
      this.error.set(errorText(error));
    } finally {
      this.loading.set(false);
    }
  }
}
