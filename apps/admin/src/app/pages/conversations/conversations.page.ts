import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ConversationSummary } from '@holibot/contracts';
import { AdminApi, errorText } from '../../api-client';
import { formatDateTime, formatNumber } from '../../format';
import { S } from '../../strings';
import { ScrollRegion } from '../../ui/scroll-region';

const PAGE_SIZE = 50;

/** The stored conversations, newest first, paged by the last one's updatedAt. */
@Component({
  selector: 'admin-conversations-page',
  imports: [RouterLink, ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ S.conversations.title }}</h1>
    @if (retentionHours() !== null) {
      <p>{{ S.conversations.retention(retentionHours()!) }}</p>
    }
    @if (conversations().length) {
      <div class="table-wrap" adminScrollRegion>
        <table>
          <caption class="visually-hidden">
            {{
              S.conversations.title
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ S.conversations.firstQuestion }}</th>
              <th scope="col">{{ S.conversations.updated }}</th>
              <th scope="col">{{ S.conversations.started }}</th>
              <th scope="col" class="num">{{ S.conversations.messages }}</th>
              <th scope="col">{{ S.conversations.language }}</th>
              <th scope="col">{{ S.conversations.signedIn }}</th>
            </tr>
          </thead>
          <tbody>
            @for (conversation of conversations(); track conversation.id) {
              <tr>
                <th scope="row">
                  <a [routerLink]="['/conversations', conversation.id]">{{ conversation.firstQuestion || S.conversations.noQuestion }}</a>
                </th>
                <td>{{ formatDateTime(conversation.updatedAt) }}</td>
                <td>{{ formatDateTime(conversation.createdAt) }}</td>
                <td class="num">{{ formatNumber(conversation.messageCount) }}</td>
                <td>{{ conversation.language ?? S.none }}</td>
                <td>{{ conversation.signedIn ? S.yes : S.no }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else if (!loading() && !error()) {
      <p class="muted">{{ S.conversations.empty }}</p>
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
export class ConversationsPage {
  private readonly api = inject(AdminApi);
  protected readonly S = S;
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatNumber = formatNumber;
  protected readonly conversations = signal<ConversationSummary[]>([]);
  protected readonly retentionHours = signal<number | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  /** A full page came back: there may be older ones. */
  protected readonly more = signal(false);

  constructor() {
    void this.loadMore();
  }

  protected async loadMore(): Promise<void> {
    if (this.loading()) return;
    this.loading.set(true);
    this.error.set(null);
    try {
      const last = this.conversations().at(-1);
      const before = last ? { updatedAt: last.updatedAt, id: last.id } : undefined;
      const data = await this.api.conversations(PAGE_SIZE, before);
      this.retentionHours.set(data.retentionHours);
      this.conversations.update((list) => [...list, ...data.conversations]);
      this.more.set(data.conversations.length === PAGE_SIZE);
    } catch (error) {
      this.error.set(errorText(error));
    } finally {
      this.loading.set(false);
    }
  }
}
